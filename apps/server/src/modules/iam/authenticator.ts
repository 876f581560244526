import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { type Actor, type Grant, permissionsOf } from '../../platform/auth/actor'
import { safeEqual, sha256 } from '../../platform/crypto/tokens'
import { withoutTenant, withTenant } from '../../platform/db/tenancy'
import type { Deps } from '../../platform/deps'
import type { Authenticator } from '../../platform/http/server'
import { AUTHORITY_PERMISSIONS } from './system-roles'
import type { IamTables } from './tables'

export const SESSION_COOKIE = 'mh_session'
const API_KEY_PATTERN = /^mhk_([0-9a-f]{32})_([0-9a-f]{32})_([\w-]{20,})$/

/** How long a resolved caller is reused before the database is asked again. */
const CACHE_MS = 5_000

const toUuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`

export function formatApiKey(tenantId: string, keyId: string, secret: string): string {
  return `mhk_${tenantId.replace(/-/g, '')}_${keyId.replace(/-/g, '')}_${secret}`
}

/**
 * Resolves the caller from the session cookie or an `Authorization: Bearer mhk_…` key. Results are
 * cached for a few seconds per token; `forget()` drops the cache when sessions or roles change.
 */
export class IamAuthenticator implements Authenticator {
  private readonly cache = new Map<string, { actor: Actor | null; until: number }>()

  constructor(private readonly deps: Deps) {}

  forget(): void {
    this.cache.clear()
  }

  async authenticate(req: FastifyRequest): Promise<Actor | null> {
    const header = req.headers.authorization
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined
    const cookie = req.cookies[SESSION_COOKIE]
    const key = bearer ? `k:${bearer}` : cookie ? `s:${cookie}` : undefined
    if (!key) return null
    const now = Date.now()
    const hit = this.cache.get(key)
    if (hit && hit.until > now) return hit.actor
    const actor = bearer ? await this.fromApiKey(bearer) : await this.fromSession(cookie!)
    if (this.cache.size > 10_000) this.cache.clear()
    this.cache.set(key, { actor, until: now + CACHE_MS })
    return actor
  }

  private async fromSession(token: string): Promise<Actor | null> {
    const session = await withoutTenant<IamTables, SessionRow | undefined>(this.deps.db, (tx) =>
      tx
        .selectFrom('sessions as s')
        .innerJoin('accounts as a', 'a.id', 's.account_id')
        .select([
          's.id',
          's.csrf_token',
          's.account_id',
          's.tenant_id',
          's.authority_id',
          'a.must_change_password',
        ])
        .where('s.token_hash', '=', sha256(token))
        .where('s.revoked_at', 'is', null)
        .where('s.expires_at', '>', new Date())
        .where('a.status', '=', 'active')
        .executeTakeFirst(),
    )
    if (!session) return null
    const base = {
      accountId: session.account_id,
      apiKeyId: null,
      csrfToken: session.csrf_token,
      sessionId: session.id,
      mustChangePassword: session.must_change_password,
    }
    if (session.authority_id) {
      return {
        ...base,
        kind: 'authority',
        userId: null,
        tenantId: null,
        authorityId: session.authority_id,
        permissions: new Set(AUTHORITY_PERMISSIONS),
        grants: [{ permissions: AUTHORITY_PERMISSIONS, scope: 'company', targetId: null }],
      }
    }
    const tenantId = session.tenant_id!
    return withTenant<IamTables, Actor | null>(this.deps.db, tenantId, async (tx) => {
      const user = await tx
        .selectFrom('users')
        .select(['id'])
        .where('tenant_id', '=', tenantId)
        .where('account_id', '=', session.account_id)
        .where('status', '=', 'active')
        .executeTakeFirst()
      if (!user) return null
      const grants = await grantsOfUser(tx, tenantId, user.id)
      return {
        ...base,
        kind: 'user',
        userId: user.id,
        tenantId,
        authorityId: null,
        permissions: permissionsOf(grants),
        grants,
      }
    })
  }

  private async fromApiKey(token: string): Promise<Actor | null> {
    const match = API_KEY_PATTERN.exec(token)
    if (!match) return null
    const tenantId = toUuid(match[1]!)
    const keyId = toUuid(match[2]!)
    return withTenant<IamTables, Actor | null>(this.deps.db, tenantId, async (tx) => {
      const row = await tx
        .selectFrom('api_keys as k')
        .innerJoin('roles as r', (j) =>
          j.onRef('r.tenant_id', '=', 'k.tenant_id').onRef('r.id', '=', 'k.role_id'),
        )
        .select(['k.id', 'k.secret_hash', 'r.permissions', 'r.data_scope'])
        .where('k.tenant_id', '=', tenantId)
        .where('k.id', '=', keyId)
        .where('k.revoked_at', 'is', null)
        .executeTakeFirst()
      if (!row || !safeEqual(row.secret_hash, sha256(match[3]!))) return null
      await tx
        .updateTable('api_keys')
        .set({ last_used_at: new Date() })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .execute()
      // Keys act company-wide within their role's permissions; own-scope roles make no sense for a key.
      const grants: Grant[] = [{ permissions: row.permissions, scope: 'company', targetId: null }]
      return {
        kind: 'api_key',
        accountId: null,
        userId: null,
        apiKeyId: row.id,
        tenantId,
        authorityId: null,
        permissions: permissionsOf(grants),
        grants,
        csrfToken: null,
        sessionId: null,
        mustChangePassword: false,
      }
    })
  }
}

interface SessionRow {
  id: string
  csrf_token: string
  account_id: string
  tenant_id: string | null
  authority_id: string | null
  must_change_password: boolean
}

export async function grantsOfUser(
  tx: Transaction<IamTables>,
  tenantId: string,
  userId: string,
): Promise<Grant[]> {
  const rows = await tx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.tenant_id', '=', 'ur.tenant_id').onRef('r.id', '=', 'ur.role_id'),
    )
    .select([
      'r.permissions',
      'r.data_scope',
      'ur.scope_org_unit_id',
      'ur.scope_community_id',
      'ur.scope_building_id',
    ])
    .where('ur.tenant_id', '=', tenantId)
    .where('ur.user_id', '=', userId)
    .execute()
  return rows.map((r) => ({
    permissions: r.permissions,
    scope: r.data_scope,
    targetId:
      r.data_scope === 'org_unit'
        ? r.scope_org_unit_id
        : r.data_scope === 'community'
          ? r.scope_community_id
          : r.data_scope === 'building'
            ? r.scope_building_id
            : null,
  }))
}
