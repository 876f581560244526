import type { InboxItem } from '@meihao/contracts'
import type { Transaction } from 'kysely'
import { type Language, translate } from './i18n/catalog'
import { uuidv7 } from './ids'

interface InboxTables {
  inbox_items: {
    tenant_id: string
    id: string
    user_id: string
    kind: string
    message: string
    params: unknown
    ticket_id: string | null
    dedupe_key: string | null
    created_at: Date
    read_at: Date | null
  }
}
const inbox = <T>(tx: Transaction<T>) => tx as unknown as Transaction<InboxTables>

export interface InboxMessage {
  kind: string
  /** A message code of the i18n catalogs; translated when the recipient reads it. */
  message: string
  /** A string value starting with '@' is itself a message code, translated too (a clock's name). */
  params?: Record<string, string | number>
  ticketId?: string | null
  /** The same key to the same user is delivered once (a job that runs twice posts once). */
  dedupeKey: string
}

/** Puts a message in each user's console inbox, in the caller's transaction. */
export async function postToInbox<T>(
  tx: Transaction<T>,
  tenantId: string,
  userIds: readonly string[],
  message: InboxMessage,
  at: Date = new Date(),
): Promise<void> {
  if (userIds.length === 0) return
  await inbox(tx)
    .insertInto('inbox_items')
    .values(
      [...new Set(userIds)].map((userId) => ({
        tenant_id: tenantId,
        id: uuidv7(),
        user_id: userId,
        kind: message.kind,
        message: message.message,
        params: JSON.stringify(message.params ?? {}),
        ticket_id: message.ticketId ?? null,
        dedupe_key: message.dedupeKey,
        created_at: at,
        read_at: null,
      })),
    )
    .onConflict((c) => c.columns(['tenant_id', 'user_id', 'dedupe_key']).doNothing())
    .execute()
}

export async function listInbox<T>(
  tx: Transaction<T>,
  tenantId: string,
  userId: string,
  lang: Language,
  limit = 50,
): Promise<InboxItem[]> {
  const rows = await inbox(tx)
    .selectFrom('inbox_items')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => {
    const params = Object.fromEntries(
      Object.entries((r.params ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k,
        typeof v === 'string' && v.startsWith('@') ? translate(lang, v.slice(1)) : v,
      ]),
    )
    return {
      id: r.id,
      at: r.created_at.toISOString(),
      kind: r.kind,
      title: translate(lang, `${r.message}_TITLE`, params),
      body: translate(lang, r.message, params),
      ticketId: r.ticket_id,
      readAt: r.read_at?.toISOString() ?? null,
    }
  })
}

export async function unreadCount<T>(tx: Transaction<T>, tenantId: string, userId: string): Promise<number> {
  const row = await inbox(tx)
    .selectFrom('inbox_items')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Marks one of the user's items read; answers false when the user has no such item. */
export async function markRead<T>(tx: Transaction<T>, tenantId: string, userId: string, id: string) {
  const result = await inbox(tx)
    .updateTable('inbox_items')
    .set({ read_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) > 0) return true
  const exists = await inbox(tx)
    .selectFrom('inbox_items')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst()
  return exists !== undefined
}
