import type { Permission } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'

/**
 * What the iam region offers the other regions: people and the org tree, as answers (DESIGN §3).
 * Callers pass their own transaction, already set to the tenant.
 */
// biome-ignore lint/suspicious/noExplicitAny: any region's transaction; the functions type their own SQL
type AnyTx = Transaction<any>

export interface OrgUnitRef {
  id: string
  kind: 'group' | 'city' | 'project'
  name: string
}

/** The org unit and its ancestors, nearest first (项目 → 城市公司 → 集团). */
export async function orgUnitChain(
  tx: AnyTx,
  tenantId: string,
  orgUnitId: string | null,
): Promise<OrgUnitRef[]> {
  if (!orgUnitId) return []
  const { rows } = await sql<OrgUnitRef & { depth: number }>`
    with recursive up(id, parent_id, kind, name, depth) as (
      select id, parent_id, kind, name, 0 from org_units where tenant_id = ${tenantId} and id = ${orgUnitId}
      union all
      select o.id, o.parent_id, o.kind, o.name, up.depth + 1
        from org_units o join up on o.id = up.parent_id
       where o.tenant_id = ${tenantId} and up.depth < 20)
    select id, kind, name, depth from up order by depth`.execute(tx)
  return rows.map(({ id, kind, name }) => ({ id, kind, name }))
}

export interface StaffRef {
  id: string
  name: string
}

/**
 * Active users holding `permission` through a grant that reaches the community: company-wide, an org unit
 * on the community's chain (`orgUnitIds`), or the community itself.
 */
export async function usersReaching(
  tx: AnyTx,
  tenantId: string,
  permission: Permission,
  reach: { communityId: string; orgUnitIds: readonly string[] },
): Promise<StaffRef[]> {
  const orgUnits = reach.orgUnitIds.length > 0 ? reach.orgUnitIds : ['00000000-0000-0000-0000-000000000000']
  const { rows } = await sql<StaffRef>`
    select distinct u.id, u.name from users u
      join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
      join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
     where u.tenant_id = ${tenantId} and u.status = 'active' and ${permission} = any(r.permissions)
       and (r.data_scope = 'company'
            or (r.data_scope = 'org_unit' and ur.scope_org_unit_id in (${sql.join(orgUnits)}))
            or (r.data_scope = 'community' and ur.scope_community_id = ${reach.communityId}))
     order by u.id`.execute(tx)
  return rows
}

/**
 * Users who answer for one org unit with `permission`: a grant scoped to exactly that unit, or the unit is
 * their home in the org tree. `orgUnitId` null: the company-wide holders.
 */
export async function usersAnsweringFor(
  tx: AnyTx,
  tenantId: string,
  permission: Permission,
  orgUnitId: string | null,
): Promise<StaffRef[]> {
  const { rows } = await sql<StaffRef>`
    select distinct u.id, u.name from users u
      join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
      join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
     where u.tenant_id = ${tenantId} and u.status = 'active' and ${permission} = any(r.permissions)
       and ${
         orgUnitId === null
           ? sql`r.data_scope = 'company'`
           : sql`((r.data_scope = 'org_unit' and ur.scope_org_unit_id = ${orgUnitId}) or u.org_unit_id = ${orgUnitId})`
}
     order by u.id`.execute(tx)
  return rows
}

/** Display names of users by id. */
export async function userNames(tx: AnyTx, tenantId: string, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))]
  if (wanted.length === 0) return new Map<string, string>()
  const { rows } = await sql<StaffRef>`
    select id, name from users where tenant_id = ${tenantId} and id in (${sql.join(wanted)})`.execute(tx)
  return new Map(rows.map((r) => [r.id, r.name]))
}
