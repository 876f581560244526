import type { Me } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { writeAudit } from '../../platform/audit'
import type { Actor } from '../../platform/auth/actor'
import { maskPhone } from '../../platform/crypto/mask'
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/crypto/passwords'
import { randomToken, sha256 } from '../../platform/crypto/tokens'
import { withoutTenant, withTenant } from '../../platform/db/tenancy'
import type { Deps } from '../../platform/deps'
import { AppError } from '../../platform/errors'
import { uuidv7 } from '../../platform/ids'
import { AUTHORITY_PERMISSIONS } from './system-roles'
import type { IamTables } from './tables'
import './messages'

type Tx = Transaction<IamTables>

export interface Membership {
  kind: 'tenant' | 'authority'
  id: string
  name: string
  code?: string
}

export interface LoginResult {
  token: string
  expiresAt: Date
  accountId: string
  tenantId: string | null
}

export async function membershipsOf(tx: Tx, accountId: string): Promise<Membership[]> {
  const { rows } = await sql<{ tenant_id: string; code: string; name: string }>`
    select * from account_tenants(${accountId})`.execute(tx)
  const authorities = await tx
    .selectFrom('authority_members as m')
    .innerJoin('authorities as a', 'a.id', 'm.authority_id')
    .select(['a.id', 'a.name'])
    .where('m.account_id', '=', accountId)
    .orderBy('a.name')
    .execute()
  return [
    ...rows.map((r) => ({ kind: 'tenant' as const, id: r.tenant_id, name: r.name, code: r.code })),
    ...authorities.map((a) => ({ kind: 'authority' as const, id: a.id, name: a.name })),
  ]
}

/**
 * Mobile number + password. Failures count towards a temporary lock; an unknown number costs the
 * same time as a wrong password so numbers cannot be probed.
 */
export async function login(
  deps: Deps,
  input: { phone: string; password: string; tenantCode?: string | undefined },
): Promise<LoginResult> {
  const { config, pii } = deps
  const phoneHash = pii.lookupHash('phone', input.phone)
  const account = await withoutTenant(deps.db, (tx: Tx) =>
    tx.selectFrom('accounts').selectAll().where('phone_hash', '=', phoneHash).executeTakeFirst(),
  )
  if (!account) {
    await burnPasswordCheck(input.password)
    throw new AppError(401, 'IAM_LOGIN_FAILED')
  }
  const now = new Date()
  if (account.locked_until && account.locked_until > now) {
    const minutes = Math.ceil((account.locked_until.getTime() - now.getTime()) / 60_000)
    throw new AppError(423, 'IAM_ACCOUNT_LOCKED', { minutes })
  }
  if (!(await verifyPassword(account.password_hash, input.password))) {
    await recordFailedLogin(deps, account.id)
    throw new AppError(401, 'IAM_LOGIN_FAILED')
  }
  if (account.status !== 'active') throw new AppError(403, 'IAM_ACCOUNT_DISABLED')
  return withoutTenant<IamTables, LoginResult>(deps.db, async (tx) => {
    const memberships = await membershipsOf(tx, account.id)
    const chosen = input.tenantCode
      ? memberships.find((m) => m.kind === 'tenant' && m.code === input.tenantCode)
      : memberships[0]
    if (!chosen) throw new AppError(403, input.tenantCode ? 'IAM_UNKNOWN_TENANT' : 'IAM_NO_MEMBERSHIP')
    await tx
      .updateTable('accounts')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', account.id)
      .execute()
    return createSession(tx, account.id, chosen, config.MEIHAO_SESSION_HOURS)
  })
}

/**
 * Counts a failure in one statement (concurrent guesses cannot overwrite each other's count); the
 * failure that reaches the limit locks the account for a while.
 */
async function recordFailedLogin(deps: Deps, accountId: string) {
  const max = deps.config.MEIHAO_LOGIN_MAX_FAILURES
  const lockMinutes = deps.config.MEIHAO_LOGIN_LOCK_MINUTES
  await withoutTenant<IamTables, void>(deps.db, async (tx) => {
    await sql`
      update accounts
         set failed_logins = case when failed_logins + 1 >= ${max} then 0 else failed_logins + 1 end,
             locked_until = case when failed_logins + 1 >= ${max}
                                 then now() + make_interval(mins => ${lockMinutes}) else locked_until end
       where id = ${accountId}`.execute(tx)
  })
}

async function createSession(
  tx: Tx,
  accountId: string,
  context: Membership,
  hours: number,
): Promise<LoginResult> {
  const token = randomToken()
  const expiresAt = new Date(Date.now() + hours * 3_600_000)
  await tx
    .insertInto('sessions')
    .values({
      id: uuidv7(),
      token_hash: sha256(token),
      csrf_token: randomToken(24),
      account_id: accountId,
      tenant_id: context.kind === 'tenant' ? context.id : null,
      authority_id: context.kind === 'authority' ? context.id : null,
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute()
  return { token, expiresAt, accountId, tenantId: context.kind === 'tenant' ? context.id : null }
}

/**
 * Sign-ins, sign-outs and password changes go to the company's audit log under the user who did
 * them (an authority session has no company log).
 */
export async function auditAuthEvent(
  deps: Deps,
  event: { tenantId: string | null; accountId: string | null; action: string; requestId: string },
): Promise<void> {
  const { tenantId, accountId } = event
  if (!tenantId || !accountId) return
  await withTenant(deps.db, tenantId, async (tx: Tx) => {
    const user = await tx
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .executeTakeFirst()
    if (!user) return
    const actor = { kind: 'user' as const, userId: user.id, apiKeyId: null }
    await writeAudit(tx, { actor, requestId: event.requestId }, tenantId, {
      action: event.action,
      entityType: 'user',
      entityId: user.id,
    })
  })
}

/** Moves the caller's session to another company or authority they belong to (a new token). */
export async function switchContext(
  deps: Deps,
  actor: Actor,
  target: { kind: 'tenant' | 'authority'; id: string },
): Promise<LoginResult> {
  return withoutTenant<IamTables, LoginResult>(deps.db, async (tx) => {
    const memberships = await membershipsOf(tx, actor.accountId!)
    const chosen = memberships.find((m) => m.kind === target.kind && m.id === target.id)
    if (!chosen) throw new AppError(403, 'IAM_UNKNOWN_TENANT')
    if (actor.sessionId)
      await tx
        .updateTable('sessions')
        .set({ revoked_at: new Date() })
        .where('id', '=', actor.sessionId)
        .execute()
    return createSession(tx, actor.accountId!, chosen, deps.config.MEIHAO_SESSION_HOURS)
  })
}

export async function logout(deps: Deps, actor: Actor): Promise<void> {
  if (!actor.sessionId) return
  await withoutTenant<IamTables, void>(deps.db, async (tx) => {
    await tx
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('id', '=', actor.sessionId!)
      .execute()
  })
}

export async function describeMe(deps: Deps, actor: Actor): Promise<Me> {
  return withoutTenant<IamTables, Me>(deps.db, async (tx) => {
    const account = await tx
      .selectFrom('accounts')
      .select(['id', 'name', 'phone_enc', 'must_change_password'])
      .where('id', '=', actor.accountId!)
      .executeTakeFirstOrThrow()
    const memberships = await membershipsOf(tx, account.id)
    const contextId = actor.tenantId ?? actor.authorityId
    const context = memberships.find((m) => m.id === contextId) ?? memberships[0]!
    return {
      accountId: account.id,
      name: account.name,
      phoneMasked: maskPhone(deps.pii.decrypt(account.phone_enc)),
      mustChangePassword: account.must_change_password,
      context: { kind: context.kind, id: context.id, name: context.name },
      memberships: memberships.map(({ kind, id, name }) => ({ kind, id, name })),
      permissions: [...actor.permissions].sort(),
      csrfToken: actor.csrfToken ?? '',
    }
  })
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  await withoutTenant<IamTables, void>(deps.db, async (tx) => {
    const account = await tx
      .selectFrom('accounts')
      .select(['password_hash'])
      .where('id', '=', actor.accountId!)
      .executeTakeFirstOrThrow()
    if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
      throw new AppError(422, 'IAM_WRONG_PASSWORD')
    }
    await tx
      .updateTable('accounts')
      .set({
        password_hash: await hashPassword(input.newPassword),
        must_change_password: false,
        updated_at: new Date(),
      })
      .where('id', '=', actor.accountId!)
      .execute()
    // Other sessions of the account end; the current one stays.
    await tx
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('account_id', '=', actor.accountId!)
      .where('id', '!=', actor.sessionId ?? '00000000-0000-0000-0000-000000000000')
      .where('revoked_at', 'is', null)
      .execute()
  })
}

export { AUTHORITY_PERMISSIONS }
