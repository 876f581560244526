import type { DataScope, Permission, RoleAssignment } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { type AuditContext, writeAudit } from '../../platform/audit'
import { maskPhone } from '../../platform/crypto/mask'
import { hashPassword } from '../../platform/crypto/passwords'
import { randomToken, sha256 } from '../../platform/crypto/tokens'
import type { Deps } from '../../platform/deps'
import { AppError, notFound } from '../../platform/errors'
import { inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { ensureAccount } from './accounts'
import { formatApiKey } from './authenticator'
import type { IamTables } from './tables'

type Tx = Transaction<IamTables>

const iso = (d: Date | null) => (d ? d.toISOString() : null)

// ---------- org units ----------

export function listOrgUnits(ctx: RequestContext) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const rows = await tx
      .selectFrom('org_units')
      .select(['id', 'parent_id', 'kind', 'name'])
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .execute()
    return rows.map((r) => ({ id: r.id, parentId: r.parent_id, kind: r.kind, name: r.name }))
  })
}

export function createOrgUnit(
  ctx: RequestContext,
  input: { parentId: string | null; kind: 'group' | 'city' | 'project'; name: string },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    if (input.kind !== 'group' && !input.parentId) throw new AppError(422, 'IAM_ORG_UNIT_PARENT_REQUIRED')
    if (input.parentId) await requireOrgUnit(tx, tenantId, input.parentId)
    const row = {
      tenant_id: tenantId,
      id: uuidv7(),
      parent_id: input.parentId,
      kind: input.kind,
      name: input.name,
    }
    await tx.insertInto('org_units').values(row).execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'org_unit.create',
      entityType: 'org_unit',
      entityId: row.id,
      after: input,
    })
    return { id: row.id, parentId: row.parent_id, kind: row.kind, name: row.name }
  })
}

async function requireOrgUnit(tx: Tx, tenantId: string, id: string) {
  const found = await tx
    .selectFrom('org_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!found) throw notFound('IAM_ORG_UNIT_NOT_FOUND')
}

// ---------- roles ----------

function roleView(r: {
  id: string
  code: string
  name: string
  permissions: Permission[]
  data_scope: DataScope
  is_system: boolean
}) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    permissions: r.permissions,
    dataScope: r.data_scope,
    system: r.is_system,
  }
}

export function listRoles(ctx: RequestContext) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const rows = await tx
      .selectFrom('roles')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .execute()
    return rows.map(roleView)
  })
}

export function createRole(
  ctx: RequestContext,
  input: { code: string; name: string; permissions: Permission[]; dataScope: DataScope },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const taken = await tx
      .selectFrom('roles')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('code', '=', input.code)
      .executeTakeFirst()
    if (taken) throw new AppError(409, 'IAM_ROLE_CODE_TAKEN')
    const row = {
      tenant_id: tenantId,
      id: uuidv7(),
      code: input.code,
      name: input.name,
      permissions: [...new Set(input.permissions)],
      data_scope: input.dataScope,
      is_system: false,
    }
    await tx.insertInto('roles').values(row).execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'role.create',
      entityType: 'role',
      entityId: row.id,
      after: input,
    })
    return roleView(row)
  })
}

export function updateRole(
  ctx: RequestContext,
  id: string,
  input: {
    name?: string | undefined
    permissions?: Permission[] | undefined
    dataScope?: DataScope | undefined
  },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const before = await tx
      .selectFrom('roles')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!before) throw notFound('IAM_ROLE_NOT_FOUND')
    if (before.is_system) throw new AppError(422, 'IAM_ROLE_SYSTEM')
    const after = await tx
      .updateTable('roles')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.permissions !== undefined ? { permissions: [...new Set(input.permissions)] } : {}),
        ...(input.dataScope !== undefined ? { data_scope: input.dataScope } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await writeAudit(tx, ctx, tenantId, {
      action: 'role.update',
      entityType: 'role',
      entityId: id,
      before: roleView(before),
      after: roleView(after),
    })
    return roleView(after)
  })
}

// ---------- users ----------

async function userViews(
  tx: Tx,
  deps: Deps,
  tenantId: string,
  userIds: string[] | null,
  cursor?: string,
  limit = 50,
) {
  let q = tx
    .selectFrom('users as u')
    .innerJoin('accounts as a', 'a.id', 'u.account_id')
    .select(['u.id', 'u.name', 'u.status', 'u.org_unit_id', 'u.created_at', 'a.phone_enc', 'a.locked_until'])
    .where('u.tenant_id', '=', tenantId)
    .orderBy('u.id')
    .limit(limit + 1)
  if (userIds) q = q.where('u.id', 'in', userIds.length ? userIds : ['00000000-0000-0000-0000-000000000000'])
  if (cursor) q = q.where('u.id', '>', cursor)
  const rows = await q.execute()
  const page = rows.slice(0, limit)
  const ids = page.map((r) => r.id)
  const roles = ids.length
    ? await tx
        .selectFrom('user_roles as ur')
        .innerJoin('roles as r', (j) =>
          j.onRef('r.tenant_id', '=', 'ur.tenant_id').onRef('r.id', '=', 'ur.role_id'),
        )
        .select([
          'ur.user_id',
          'ur.role_id',
          'r.name',
          'ur.scope_org_unit_id',
          'ur.scope_community_id',
          'ur.scope_building_id',
        ])
        .where('ur.tenant_id', '=', tenantId)
        .where('ur.user_id', 'in', ids)
        .execute()
    : []
  const items = page.map((r) => ({
    id: r.id,
    name: r.name,
    phoneMasked: maskPhone(deps.pii.decrypt(r.phone_enc)),
    status: r.status,
    orgUnitId: r.org_unit_id,
    lockedUntil: r.locked_until && r.locked_until > new Date() ? r.locked_until.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    roles: roles
      .filter((x) => x.user_id === r.id)
      .map((x) => ({
        roleId: x.role_id,
        roleName: x.name,
        orgUnitId: x.scope_org_unit_id,
        communityId: x.scope_community_id,
        buildingId: x.scope_building_id,
      })),
  }))
  return { items, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null }
}

export function listUsers(
  ctx: RequestContext,
  deps: Deps,
  query: { cursor?: string | undefined; limit: number },
) {
  return inTenant(ctx, (tx: Tx, tenantId) => userViews(tx, deps, tenantId, null, query.cursor, query.limit))
}

async function oneUser(tx: Tx, deps: Deps, tenantId: string, id: string) {
  const { items } = await userViews(tx, deps, tenantId, [id])
  if (!items[0]) throw notFound('IAM_USER_NOT_FOUND')
  return items[0]
}

export function getUser(ctx: RequestContext, deps: Deps, id: string) {
  return inTenant(ctx, (tx: Tx, tenantId) => oneUser(tx, deps, tenantId, id))
}

/** Checks each assignment names a role of this company and the target its data scope needs. */
async function replaceRoles(tx: Tx, tenantId: string, userId: string, assignments: RoleAssignment[]) {
  await tx.deleteFrom('user_roles').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute()
  for (const a of assignments) {
    const role = await tx
      .selectFrom('roles')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', a.roleId)
      .executeTakeFirst()
    if (!role) throw notFound('IAM_ROLE_NOT_FOUND')
    const target = { org_unit: a.orgUnitId, community: a.communityId, building: a.buildingId }[
      role.data_scope as 'org_unit'
    ]
    if (['org_unit', 'community', 'building'].includes(role.data_scope) && !target) {
      throw new AppError(422, 'IAM_SCOPE_TARGET_REQUIRED', { role: role.name, scope: role.data_scope })
    }
    await tx
      .insertInto('user_roles')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        user_id: userId,
        role_id: role.id,
        scope_org_unit_id: role.data_scope === 'org_unit' ? (a.orgUnitId ?? null) : null,
        scope_community_id: role.data_scope === 'community' ? (a.communityId ?? null) : null,
        scope_building_id: role.data_scope === 'building' ? (a.buildingId ?? null) : null,
      })
      .execute()
  }
}

/**
 * Adds a person to the company. A mobile number that already has an account (an owner of another
 * company's estate, say) joins with that account and keeps its password.
 */
export interface NewUser {
  name: string
  phone: string
  password: string
  orgUnitId?: string | null | undefined
  roles: RoleAssignment[]
}

export function createUser(ctx: RequestContext, deps: Deps, input: NewUser) {
  return inTenant(ctx, (tx: Tx, tenantId) => addUser(tx, deps, tenantId, ctx, input))
}

/** Adds a member with roles in the caller's transaction; the API and `meihao user create` both come here. */
export async function addUser(tx: Tx, deps: Deps, tenantId: string, audit: AuditContext, input: NewUser) {
  const accountId = await ensureAccount(tx, deps.pii, input)
  const exists = await tx
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  if (exists) throw new AppError(409, 'IAM_USER_EXISTS')
  if (input.orgUnitId) await requireOrgUnit(tx, tenantId, input.orgUnitId)
  const id = uuidv7()
  await tx
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      id,
      account_id: accountId,
      name: input.name,
      org_unit_id: input.orgUnitId ?? null,
    })
    .execute()
  await replaceRoles(tx, tenantId, id, input.roles)
  const view = await oneUser(tx, deps, tenantId, id)
  await writeAudit(tx, audit, tenantId, {
    action: 'user.create',
    entityType: 'user',
    entityId: id,
    after: view,
  })
  return view
}

export function updateUser(
  ctx: RequestContext,
  deps: Deps,
  id: string,
  input: {
    name?: string | undefined
    status?: 'active' | 'disabled' | undefined
    orgUnitId?: string | null | undefined
    roles?: RoleAssignment[] | undefined
  },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const before = await oneUser(tx, deps, tenantId, id)
    if (input.status === 'disabled' && ctx.actor?.userId === id)
      throw new AppError(422, 'IAM_CANNOT_DISABLE_SELF')
    if (input.orgUnitId) await requireOrgUnit(tx, tenantId, input.orgUnitId)
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.orgUnitId !== undefined ? { org_unit_id: input.orgUnitId } : {}),
    }
    if (Object.keys(changes).length) {
      await tx
        .updateTable('users')
        .set({ ...changes, updated_at: new Date() })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute()
    }
    if (input.roles) await replaceRoles(tx, tenantId, id, input.roles)
    const after = await oneUser(tx, deps, tenantId, id)
    await writeAudit(tx, ctx, tenantId, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before,
      after,
    })
    return after
  })
}

/**
 * An administrator sets a new password: the lock is lifted, every session ends, and the user must
 * change it at next sign-in. Refused for accounts that also belong elsewhere.
 */
export function resetPassword(ctx: RequestContext, id: string, newPassword: string) {
  return inTenant(ctx, (tx: Tx, tenantId) => resetUserPassword(tx, tenantId, ctx, id, newPassword))
}

/** The reset itself, in the caller's transaction; the API and `meihao user reset-password` both come here. */
export async function resetUserPassword(
  tx: Tx,
  tenantId: string,
  audit: AuditContext,
  id: string,
  newPassword: string,
) {
  const user = await tx
    .selectFrom('users')
    .select(['account_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!user) throw notFound('IAM_USER_NOT_FOUND')
  const { rows } = await sql<{
    tenant_id: string
  }>`select tenant_id from account_tenants(${user.account_id})`.execute(tx)
  const authority = await tx
    .selectFrom('authority_members')
    .select('authority_id')
    .where('account_id', '=', user.account_id)
    .executeTakeFirst()
  if (authority || rows.some((r) => r.tenant_id !== tenantId)) throw new AppError(409, 'IAM_ACCOUNT_SHARED')
  await tx
    .updateTable('accounts')
    .set({
      password_hash: await hashPassword(newPassword),
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
      updated_at: new Date(),
    })
    .where('id', '=', user.account_id)
    .execute()
  await tx
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('account_id', '=', user.account_id)
    .where('revoked_at', 'is', null)
    .execute()
  await writeAudit(tx, audit, tenantId, { action: 'user.reset_password', entityType: 'user', entityId: id })
  return { ok: true as const }
}

// ---------- API keys ----------

function keyView(k: IamTables['api_keys'] & { created_at: Date }) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    roleId: k.role_id,
    createdAt: k.created_at.toISOString(),
    lastUsedAt: iso(k.last_used_at),
    revokedAt: iso(k.revoked_at),
  }
}

export function listApiKeys(ctx: RequestContext) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const rows = await tx
      .selectFrom('api_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'desc')
      .execute()
    return rows.map((r) => keyView(r as never))
  })
}

export function createApiKey(ctx: RequestContext, input: { name: string; roleId: string }) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const role = await tx
      .selectFrom('roles')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.roleId)
      .executeTakeFirst()
    if (!role) throw notFound('IAM_ROLE_NOT_FOUND')
    const id = uuidv7()
    const secret = randomToken()
    const token = formatApiKey(tenantId, id, secret)
    const row = await tx
      .insertInto('api_keys')
      .values({
        tenant_id: tenantId,
        id,
        name: input.name,
        prefix: token.slice(0, 12),
        secret_hash: sha256(secret),
        role_id: role.id,
        created_by: ctx.actor?.userId ?? null,
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await writeAudit(tx, ctx, tenantId, {
      action: 'api_key.create',
      entityType: 'api_key',
      entityId: id,
      after: { name: input.name, roleId: role.id },
    })
    return { ...keyView(row as never), secret: token }
  })
}

export function revokeApiKey(ctx: RequestContext, id: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const row = await tx
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (!row) throw notFound('IAM_API_KEY_NOT_FOUND')
    await writeAudit(tx, ctx, tenantId, { action: 'api_key.revoke', entityType: 'api_key', entityId: id })
    return { ok: true as const }
  })
}
