import type { Transaction } from 'kysely'
import type { Actor } from './auth/actor'
import { uuidv7 } from './ids'

export interface AuditEntry {
  action: string
  entityType: string
  entityId: string | null
  before?: unknown
  after?: unknown
}

interface AuditTable {
  audit_log: {
    tenant_id: string
    id: string
    actor_kind: 'user' | 'api_key' | 'system'
    actor_id: string | null
    action: string
    entity_type: string
    entity_id: string | null
    before: string | null
    after: string | null
    request_id: string | null
  }
}

/** Who acts and under which request: a RequestContext, or a shell command's system actor (null). */
export interface AuditContext {
  actor: Pick<Actor, 'kind' | 'userId' | 'apiKeyId'> | null
  requestId: string | null
}

/**
 * Appends one audit record in the caller's transaction, so the record and the change commit
 * together or not at all. Personal data must be masked before it reaches `before`/`after`.
 */
export async function writeAudit<T>(
  tx: Transaction<T>,
  ctx: AuditContext,
  tenantId: string,
  entry: AuditEntry,
): Promise<void> {
  const actor = ctx.actor
  await (tx as unknown as Transaction<AuditTable>)
    .insertInto('audit_log')
    .values({
      tenant_id: tenantId,
      id: uuidv7(),
      actor_kind: actor === null ? 'system' : actor.kind === 'api_key' ? 'api_key' : 'user',
      actor_id: actor?.apiKeyId ?? actor?.userId ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: ctx.requestId,
    })
    .execute()
}
