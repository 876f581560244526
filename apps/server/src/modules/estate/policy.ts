import type { Permission } from '@meihao/contracts'
import { type Expression, type SqlBool, sql } from 'kysely'
import { type Actor, type Grant, grantsFor } from '../../platform/auth/actor'

/** Column references of the row being filtered; `unit` and `building` may be absent (community rows). */
export interface ScopeColumns {
  community: string
  building?: string
  unit?: string
}

const NOTHING = sql<SqlBool>`false`

/**
 * The rows `actor` may touch with `permission`, as one SQL condition: the union of what each of the
 * actor's grants reaches. Ids outside it behave as if they did not exist (the routes answer 404).
 * For community rows, a building or own-records grant reaches the community that contains it (to
 * read it) unless `wholeCommunity` asks for grants covering the entire community.
 */
export function inScope(
  actor: Actor,
  permission: Permission,
  cols: ScopeColumns,
  options: { wholeCommunity?: boolean } = {},
): Expression<SqlBool> {
  const grants = grantsFor(actor, permission).filter(
    // Acting on a whole community (changing it, adding buildings, importing, exporting) needs a
    // grant that covers all of it: a building or own-records grant only reaches into part of it.
    (g) => !options.wholeCommunity || !['building', 'own'].includes(g.scope),
  )
  const conditions = grants.map((grant) => grantCondition(actor, grant, cols))
  if (conditions.length === 0) return NOTHING
  return conditions.length === 1 ? conditions[0]! : sql<SqlBool>`(${sql.join(conditions, sql` or `)})`
}

function grantCondition(actor: Actor, grant: Grant, cols: ScopeColumns): Expression<SqlBool> {
  const community = sql.ref(cols.community)
  switch (grant.scope) {
    case 'company':
      return sql<SqlBool>`true`
    case 'org_unit':
      return sql<SqlBool>`${community} in (
          select c.id from communities c
           where c.tenant_id = ${actor.tenantId} and c.org_unit_id in (select org_unit_subtree(${grant.targetId})))`
    case 'community':
      return sql<SqlBool>`${community} = ${grant.targetId}`
    case 'building':
      return cols.building
        ? sql<SqlBool>`${sql.ref(cols.building)} = ${grant.targetId}`
        : sql<SqlBool>`${community} in (select b.community_id from buildings b
               where b.tenant_id = ${actor.tenantId} and b.id = ${grant.targetId})`
    case 'own': {
      const mine = sql`(select o.unit_id from unit_ownerships o join parties p
                           on p.tenant_id = o.tenant_id and p.id = o.party_id
                          where o.tenant_id = ${actor.tenantId} and p.account_id = ${actor.accountId}
                            and (o.end_date is null or o.end_date >= current_date)
                          union
                         select r.unit_id from unit_occupancies r join parties p
                           on p.tenant_id = r.tenant_id and p.id = r.party_id
                          where r.tenant_id = ${actor.tenantId} and p.account_id = ${actor.accountId}
                            and (r.end_date is null or r.end_date >= current_date))`
      return cols.unit
        ? sql<SqlBool>`${sql.ref(cols.unit)} in ${mine}`
        : sql<SqlBool>`${community} in (select u.community_id from units u
               where u.tenant_id = ${actor.tenantId} and u.id in ${mine})`
    }
  }
}
/** True when one of the actor's grants for `permission` covers the whole company. */
export const companyWide = (actor: Actor, permission: Permission) =>
  grantsFor(actor, permission).some((g) => g.scope === 'company')
