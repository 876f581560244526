import type { Transaction } from 'kysely'
import type { Actor } from '../auth/actor'
import type { Database } from '../db/database'
import { withTenant } from '../db/tenancy'
import { unauthenticated } from '../errors'
import type { Language } from '../i18n/catalog'

/** What a handler knows about the request it serves. */
export interface RequestContext {
  db: Database
  requestId: string
  lang: Language
  actor: Actor | null
  ip: string
}

/** The caller's company, or 401 when the caller has none (anonymous, or an authority account). */
export function tenantOf(ctx: RequestContext): string {
  const tenantId = ctx.actor?.tenantId
  if (!tenantId) throw unauthenticated()
  return tenantId
}

export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw unauthenticated()
  return ctx.actor
}

/** A transaction in the caller's company, with RLS set to it. */
export function inTenant<T, R>(
  ctx: RequestContext,
  fn: (tx: Transaction<T>, tenantId: string) => Promise<R>,
) {
  const tenantId = tenantOf(ctx)
  return withTenant<T, R>(ctx.db, tenantId, (tx) => fn(tx, tenantId))
}
