/**
 * Every change to a ticket goes through here: the row, its timeline event and the rollup mark are
 * written together in the caller's transaction, with the ticket row already locked.
 */
import type { TicketSettings } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { uuidv7 } from '../../platform/ids'
import { elapsedMs, type Pause } from './sla-clock'
import type { TicketTables } from './tables'
import { alertKey, clockModeOf, clockViews, slaAgenda, worstRunningState } from './ticket-clocks'
import { clockInputsOf, pausesOf, storedPauses, type TicketRow } from './ticket-row'
import type { ActorRole, TransitionResult } from './transitions'

type Tx = Transaction<TicketTables>

export interface Place {
  timeZone: string
  settings: TicketSettings
}

export interface EventInput {
  kind: string
  actorRole: ActorRole
  actorId: string | null
  fromStatus: string | null
  toStatus: string | null
  note: string | null
  photos: readonly string[]
  details: Record<string, unknown>
}

/** Appends an event with the next sequence number (the ticket's new version). */
export async function appendEvent(
  tx: Tx,
  tenantId: string,
  ticketId: string,
  seq: number,
  at: Date,
  e: EventInput,
) {
  await tx
    .insertInto('ticket_events')
    .values({ ...eventRowOf(tenantId, ticketId, seq, at, e), details: JSON.stringify(e.details) })
    .execute()
}

/** The stored form of an event (as read back), for answers built without reading it again. */
export function eventRowOf(tenantId: string, ticketId: string, seq: number, at: Date, e: EventInput) {
  return {
    tenant_id: tenantId,
    ticket_id: ticketId,
    seq,
    at,
    kind: e.kind,
    actor_role: e.actorRole,
    actor_id: e.actorId,
    from_status: e.fromStatus,
    to_status: e.toStatus,
    note: e.note,
    photos: [...e.photos],
    details: e.details,
  }
}

/** A new ticket's first events, numbered from 1, as rows to insert. */
export function eventValues(tenantId: string, ticketId: string, at: Date, events: readonly EventInput[]) {
  return events.map((e, i) => ({
    ...eventRowOf(tenantId, ticketId, i + 1, at, e),
    details: JSON.stringify(e.details),
  }))
}

/** The community-month of a ticket's creation is stale in the rollup (see rollup.ts). */
export async function markRollupDirty(
  tx: Tx,
  tenantId: string,
  communityId: string,
  createdAt: Date,
  timeZone: string,
) {
  await sql`
    insert into ticket_rollup_dirty (tenant_id, community_id, month)
    values (${tenantId}, ${communityId}, date_trunc('month', ${createdAt}::timestamptz at time zone ${timeZone})::date)
    on conflict do nothing`.execute(tx)
}

/** Alerts already raised for a ticket, as keys. */
export async function raisedAlerts(tx: Tx, tenantId: string, ticketId: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('ticket_sla_alerts')
    .select(['clock', 'kind', 'level', 'cycle'])
    .where('tenant_id', '=', tenantId)
    .where('ticket_id', '=', ticketId)
    .execute()
  return new Set(rows.map((r) => alertKey({ ...r, clock: r.clock as 'response' })))
}

/** sla_state and next_check_at of a ticket as it will be after `changes`. */
export function slaColumns(row: TicketRow, place: Place, raised: ReadonlySet<string>, at: Date) {
  const inputs = clockInputsOf(row, place.timeZone)
  const views = clockViews(inputs, place.settings, at)
  const agenda = slaAgenda(inputs, place.settings, raised, at)
  // Something is already due (a transition made it so): the SLA check should look now.
  const next = agenda.due.length > 0 ? at : agenda.nextCheckAt
  return { sla_state: worstRunningState(views), next_check_at: next }
}

/** The ticket after a successful transition taken at `at` (pure: nothing is written). */
export function transitionedRow(row: TicketRow, result: TransitionResult, at: Date, place: Place): TicketRow {
  let pauses: Pause[] = pausesOf(row)
  if (result.clockEffect === 'pause') pauses = [...pauses, { from: at, to: null }]
  if (result.clockEffect === 'resume') pauses = pauses.map((p) => (p.to === null ? { ...p, to: at } : p))
  const mode = clockModeOf({ mode: row.clock_mode, timeZone: place.timeZone }, place.settings)
  const counted = () => String(elapsedMs(mode, row.created_at, at, pauses))
  const restartsResolution = result.unmarks.resolved === true
  const fields = result.event.fields
  return {
    ...row,
    status: result.to,
    assignee_id: result.assigneeId,
    held_from: result.heldFrom,
    quote_fen: result.quoteFen === null ? null : String(result.quoteFen),
    quote_accepted:
      result.outcome === 'accept_quote' ? true : result.outcome === 'quote' ? false : row.quote_accepted,
    flagged: row.flagged || result.flagged,
    pauses,
    responded_at: result.marks.responded ? at : row.responded_at,
    response_ms: result.marks.responded ? counted() : row.response_ms,
    arrived_at: result.marks.arrived ? at : row.arrived_at,
    arrival_ms: result.marks.arrived ? counted() : row.arrival_ms,
    resolved_at: result.marks.resolved ? at : restartsResolution ? null : row.resolved_at,
    resolution_ms: result.marks.resolved ? counted() : restartsResolution ? null : row.resolution_ms,
    last_resolved_at: result.marks.resolved ? at : row.last_resolved_at,
    breached_clocks: restartsResolution
      ? row.breached_clocks.filter((c) => c !== 'resolution')
      : row.breached_clocks,
    reopen_count: row.reopen_count + (restartsResolution ? 1 : 0),
    rating: fields.rating ?? row.rating,
    rating_comment:
      result.outcome === 'rate' || fields.rating !== undefined
        ? (fields.comment ?? null)
        : row.rating_comment,
    follow_up_score: fields.satisfaction ?? row.follow_up_score,
    duplicate_of: fields.duplicateOf ?? row.duplicate_of,
    closed_at: result.to === 'closed' ? at : result.from === 'closed' ? null : row.closed_at,
    cancelled_at: result.to === 'cancelled' ? at : row.cancelled_at,
    updated_at: at,
    version: row.version + 1,
  }
}

/** The timeline event of a transition. */
export function transitionEvent(result: TransitionResult, eventKind: string = result.outcome): EventInput {
  return {
    kind: eventKind,
    actorRole: result.event.actorRole,
    actorId: result.event.actorId,
    fromStatus: result.from,
    toStatus: result.to,
    note: result.event.note,
    photos: result.event.photos,
    details: { ...result.event.fields },
  }
}

/**
 * Writes a successful transition: the new state, stopped or restarted clocks with their counted time,
 * pauses, the event, the rollup mark, and for a resolved paid repair the charge handed to billing.
 */
export async function persistTransition(
  tx: Tx,
  tenantId: string,
  row: TicketRow,
  result: TransitionResult,
  at: Date,
  place: Place,
  eventKind: string = result.outcome,
): Promise<TicketRow> {
  const next = transitionedRow(row, result, at, place)
  const pauses = pausesOf(next)
  const raised = await raisedAlerts(tx, tenantId, row.id)
  const sla = slaColumns(next, place, raised, at)
  await tx
    .updateTable('tickets')
    .set({
      status: next.status,
      assignee_id: next.assignee_id,
      held_from: next.held_from,
      quote_fen: next.quote_fen,
      quote_accepted: next.quote_accepted,
      flagged: next.flagged,
      pauses: storedPauses(pauses),
      responded_at: next.responded_at,
      response_ms: next.response_ms,
      arrived_at: next.arrived_at,
      arrival_ms: next.arrival_ms,
      resolved_at: next.resolved_at,
      resolution_ms: next.resolution_ms,
      last_resolved_at: next.last_resolved_at,
      breached_clocks: next.breached_clocks,
      reopen_count: next.reopen_count,
      rating: next.rating,
      rating_comment: next.rating_comment,
      follow_up_score: next.follow_up_score,
      duplicate_of: next.duplicate_of,
      closed_at: next.closed_at,
      cancelled_at: next.cancelled_at,
      sla_state: sla.sla_state,
      next_check_at: sla.next_check_at,
      updated_at: at,
      version: next.version,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', row.id)
    .execute()
  await appendEvent(tx, tenantId, row.id, next.version, at, transitionEvent(result, eventKind))
  await markRollupDirty(tx, tenantId, row.community_id, row.created_at, place.timeZone)
  if (result.marks.resolved && next.quote_accepted && next.quote_fen !== null) {
    // The accepted quote becomes a charge for billing to consume: once per ticket, whatever reopens follow.
    await tx
      .insertInto('ticket_charges')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        ticket_id: row.id,
        community_id: row.community_id,
        unit_id: row.unit_id,
        amount_fen: next.quote_fen,
      })
      .onConflict((c) => c.columns(['tenant_id', 'ticket_id']).doNothing())
      .execute()
  }
  return { ...next, sla_state: sla.sla_state, next_check_at: sla.next_check_at }
}
