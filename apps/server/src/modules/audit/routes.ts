import { AuditEntry, AuditQuery, page } from '@meihao/contracts'
import type { Transaction } from 'kysely'
import { inTenant } from '../../platform/http/context'
import { defineRoute, type RouteSpec } from '../../platform/http/route'

interface AuditTables {
  audit_log: {
    tenant_id: string
    id: string
    at: Date
    actor_kind: 'user' | 'api_key' | 'system'
    actor_id: string | null
    action: string
    entity_type: string
    entity_id: string | null
    before: unknown
    after: unknown
    request_id: string | null
  }
}

/** Reading the append-only audit log of the company, newest first. */
export function auditRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/audit',
      permission: 'audit.read',
      summary: 'Audit records of the company, newest first; filter by entity',
      tags: ['audit'],
      query: AuditQuery,
      response: page(AuditEntry),
      handler: ({ ctx, query }) =>
        inTenant(ctx, async (tx: Transaction<AuditTables>, tenantId) => {
          let q = tx
            .selectFrom('audit_log')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .orderBy('id', 'desc')
            .limit(query.limit + 1)
          if (query.entityType) q = q.where('entity_type', '=', query.entityType)
          if (query.entityId) q = q.where('entity_id', '=', query.entityId)
          if (query.cursor) q = q.where('id', '<', query.cursor)
          const rows = await q.execute()
          const items = rows.slice(0, query.limit).map((r) => ({
            id: r.id,
            at: r.at.toISOString(),
            actorKind: r.actor_kind,
            actorId: r.actor_id,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            before: r.before,
            after: r.after,
            requestId: r.request_id,
          }))
          return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
        }),
    }),
  ]
}
