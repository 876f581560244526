import { type Kysely, sql } from 'kysely'
import type { PiiCipher } from '../../platform/crypto/pii'
import type { Database } from '../../platform/db/database'
import { uuidv7 } from '../../platform/ids'
import { ensureAccount } from './accounts'
import { SYSTEM_ROLES } from './system-roles'
import type { IamTables } from './tables'

export interface NewTenant {
  code: string
  name: string
  admin: { name: string; phone: string; password: string }
}

export interface ProvisionedTenant {
  tenantId: string
  groupOrgUnitId: string
  adminUserId: string
  roleIds: Record<string, string>
}

/**
 * Creates a company with its built-in roles, a root org unit (集团) and its first administrator.
 * Runs as the schema owner: creating tenants is an operator's act, not an app-role one.
 */
export async function provisionTenant(
  db: Database,
  pii: PiiCipher,
  input: NewTenant,
): Promise<ProvisionedTenant> {
  return (db.owner as Kysely<IamTables>).transaction().execute(async (tx) => {
    const tenantId = uuidv7()
    // FORCE RLS binds a table owner that is not superuser too: name the tenant before writing its rows.
    await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx)
    await tx.insertInto('tenants').values({ id: tenantId, code: input.code, name: input.name }).execute()
    const roleIds: Record<string, string> = {}
    for (const role of SYSTEM_ROLES) {
      roleIds[role.code] = uuidv7()
      await tx
        .insertInto('roles')
        .values({
          tenant_id: tenantId,
          id: roleIds[role.code]!,
          code: role.code,
          name: role.name,
          permissions: role.permissions,
          data_scope: role.dataScope,
          is_system: true,
        })
        .execute()
    }
    const groupOrgUnitId = uuidv7()
    await tx
      .insertInto('org_units')
      .values({ tenant_id: tenantId, id: groupOrgUnitId, parent_id: null, kind: 'group', name: input.name })
      .execute()
    const accountId = await ensureAccount(tx, pii, input.admin)
    const adminUserId = uuidv7()
    await tx
      .insertInto('users')
      .values({
        tenant_id: tenantId,
        id: adminUserId,
        account_id: accountId,
        name: input.admin.name,
        org_unit_id: groupOrgUnitId,
      })
      .execute()
    await tx
      .insertInto('user_roles')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        user_id: adminUserId,
        role_id: roleIds.company_admin!,
        scope_org_unit_id: null,
        scope_community_id: null,
        scope_building_id: null,
      })
      .execute()
    return { tenantId, groupOrgUnitId, adminUserId, roleIds }
  })
}
