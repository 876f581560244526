import type { Selectable } from 'kysely'
import type { Pause } from './sla-clock'
import type { TicketTables } from './tables'
import type { ClockInputs } from './ticket-clocks'
import type { HoldableStatus, TicketState, TicketStatus } from './transitions'

export type TicketRow = Selectable<TicketTables['tickets']>

/** Pauses as stored (ISO strings in jsonb) → Dates. */
export function pausesOf(row: Pick<TicketRow, 'pauses'>): Pause[] {
  const stored = (row.pauses ?? []) as { from: string; to: string | null }[]
  return stored.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) }))
}

export const storedPauses = (pauses: readonly Pause[]) =>
  JSON.stringify(pauses.map((p) => ({ from: p.from.toISOString(), to: p.to?.toISOString() ?? null })))

/** What the transition graph needs to know of a ticket. */
export function stateOf(row: TicketRow): TicketState {
  return {
    id: row.id,
    status: row.status as TicketStatus,
    requesterId: row.requester_user_id,
    assigneeId: row.assignee_id,
    heldFrom: row.held_from as HoldableStatus | null,
    marks: {
      ...(row.responded_at ? { responded: true as const } : {}),
      ...(row.arrived_at ? { arrived: true as const } : {}),
      ...(row.resolved_at ? { resolved: true as const } : {}),
    },
    resolvedAt: row.last_resolved_at,
    quoteFen: row.quote_fen === null ? null : Number(row.quote_fen),
    flagged: row.flagged,
  }
}

/** What the SLA clocks need to know of a ticket. */
export function clockInputsOf(row: TicketRow, timeZone: string): ClockInputs {
  return {
    createdAt: row.created_at,
    targets: {
      response: row.response_minutes,
      arrival: row.arrival_minutes,
      resolution: row.resolution_minutes,
    },
    stoppedAt: { response: row.responded_at, arrival: row.arrived_at, resolution: row.resolved_at },
    pauses: pausesOf(row),
    mode: row.clock_mode,
    timeZone,
    finished: row.status === 'closed' || row.status === 'cancelled',
    finishedAt: row.closed_at ?? row.cancelled_at,
    reopenCount: row.reopen_count,
  }
}
