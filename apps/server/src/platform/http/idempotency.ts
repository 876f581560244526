import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Actor } from '../auth/actor'
import type { Database } from '../db/database'
import { withTenant } from '../db/tenancy'
import { AppError } from '../errors'

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/

export interface IdempotentRequest {
  key: string
  actorKey: string
  tenantId: string
  requestHash: string
}

/**
 * The Idempotency-Key of a write, or null when the client sent none. Keys belong to one caller (user or
 * API key) in one company, and to one request: the same key with another body is refused.
 */
export function idempotentRequest(
  header: string | string[] | undefined,
  actor: Actor | null,
  method: string,
  url: string,
  body: unknown,
): IdempotentRequest | null {
  if (header === undefined) return null
  if (typeof header !== 'string' || !KEY.test(header))
    throw new AppError(400, 'COMMON_IDEMPOTENCY_KEY_INVALID')
  const actorKey = actor?.userId ?? actor?.apiKeyId
  if (!actor?.tenantId || !actorKey) throw new AppError(400, 'COMMON_IDEMPOTENCY_KEY_INVALID')
  const requestHash = createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex')
  return { key: header, actorKey, tenantId: actor.tenantId, requestHash }
}

export type Claim = { kind: 'first' } | { kind: 'replay'; statusCode: number; response: unknown }

/**
 * Claims the key before the write runs, in its own transaction, so two copies of one request arriving
 * together cannot both run: the second sees the claim and is told to retry, or gets the stored answer.
 */
export async function claimKey(db: Database, request: IdempotentRequest, attempt = 1): Promise<Claim> {
  const claim = await withTenant(db, request.tenantId, async (tx): Promise<Claim | null> => {
    const inserted = await sql<{ key: string }>`
      insert into idempotency_keys (tenant_id, actor_key, key, request_hash)
      values (${request.tenantId}, ${request.actorKey}, ${request.key}, ${request.requestHash})
      on conflict do nothing returning key`.execute(tx)
    if (inserted.rows.length > 0) return { kind: 'first' }
    const { rows } = await sql<{ request_hash: string; status_code: number | null; response: unknown }>`
      select request_hash, status_code, response from idempotency_keys
       where tenant_id = ${request.tenantId} and actor_key = ${request.actorKey} and key = ${request.key}`.execute(
      tx,
    )
    const stored = rows[0]
    if (!stored) return null // released by a failed first request a moment ago: claim it again
    if (stored.request_hash !== request.requestHash) throw new AppError(422, 'COMMON_IDEMPOTENCY_KEY_REUSED')
    if (stored.status_code === null) throw new AppError(409, 'COMMON_IDEMPOTENCY_IN_PROGRESS')
    return { kind: 'replay', statusCode: stored.status_code, response: stored.response }
  })
  if (claim) return claim
  if (attempt >= 3) throw new AppError(409, 'COMMON_IDEMPOTENCY_IN_PROGRESS')
  return claimKey(db, request, attempt + 1)
}

/** Keeps the answer of the first request for its retries. */
export function completeKey(db: Database, request: IdempotentRequest, statusCode: number, response: unknown) {
  return withTenant(db, request.tenantId, (tx) =>
    sql`update idempotency_keys set status_code = ${statusCode}, response = ${JSON.stringify(response ?? null)}
         where tenant_id = ${request.tenantId} and actor_key = ${request.actorKey} and key = ${request.key}`.execute(
      tx,
    ),
  )
}

/** The first request failed and changed nothing: the key is free for the retry. */
export function releaseKey(db: Database, request: IdempotentRequest) {
  return withTenant(db, request.tenantId, (tx) =>
    sql`delete from idempotency_keys
         where tenant_id = ${request.tenantId} and actor_key = ${request.actorKey} and key = ${request.key}
           and status_code is null`.execute(tx),
  )
}
