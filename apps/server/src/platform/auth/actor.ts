import type { DataScope, Permission } from '@meihao/contracts'

/** One role assignment: what it allows and how far it reaches. */
export interface Grant {
  permissions: readonly Permission[]
  scope: DataScope
  /** The org unit, community or building the scope names; null for company and own. */
  targetId: string | null
}

/** Who is calling. Built by the authenticator from a session cookie or an API key. */
export interface Actor {
  kind: 'user' | 'api_key' | 'authority'
  accountId: string | null
  userId: string | null
  apiKeyId: string | null
  tenantId: string | null
  authorityId: string | null
  permissions: ReadonlySet<Permission>
  grants: readonly Grant[]
  /** Cookie sessions carry a CSRF token that mutations must echo; API keys have none. */
  csrfToken: string | null
  sessionId: string | null
  /** Set after an administrator's reset: until the password is changed, only a few routes answer. */
  mustChangePassword: boolean
}

export function permissionsOf(grants: readonly Grant[]): Set<Permission> {
  return new Set(grants.flatMap((g) => g.permissions))
}

/** The grants through which the actor holds `permission`: the data it may touch with it. */
export function grantsFor(actor: Actor, permission: Permission): Grant[] {
  return actor.grants.filter((g) => g.permissions.includes(permission))
}
