import type {
  DuplicateHint,
  SlaClock,
  Ticket,
  TicketActionType,
  TicketChannel,
  TicketEventView,
  TicketKind,
  TicketPriority,
  TicketSettings,
  TicketStatus,
  TicketSummary,
} from '@meihao/contracts'
import type { Transaction } from 'kysely'
import { maskName, maskPhone } from '../../platform/crypto/mask'
import type { PiiCipher } from '../../platform/crypto/pii'
import { unitCodes } from '../estate/published'
import { userNames } from '../iam/published'
import type { TicketTables } from './tables'
import { type ClockView, clockViews, earliestDue, worstRunningState } from './ticket-clocks'
import { clockInputsOf, type TicketRow } from './ticket-row'

type Tx = Transaction<TicketTables>
const MINUTE_MS = 60_000

/** Names and settings a page of tickets refers to, fetched once per page. */
export interface ViewLookups {
  communities: Map<string, string>
  categories: Map<string, string>
  units: Map<string, string>
  users: Map<string, string>
  settings: (communityId: string) => TicketSettings
  timeZone: (communityId: string) => string
}

export async function lookupsFor(
  tx: Tx,
  tenantId: string,
  rows: readonly TicketRow[],
  extraUsers: readonly (string | null)[],
  place: (communityId: string) => { settings: TicketSettings; timeZone: string; name: string },
): Promise<ViewLookups> {
  const categoryIds = [...new Set(rows.map((r) => r.category_id))]
  const communities = new Map(rows.map((r) => [r.community_id, place(r.community_id).name]))
  // One after another: a transaction is one connection (and PGlite has only one).
  const units = await unitCodes(
    tx,
    tenantId,
    rows.flatMap((r) => (r.unit_id ? [r.unit_id] : [])),
  )
  const users = await userNames(tx, tenantId, [...rows.map((r) => r.assignee_id), ...extraUsers])
  const categories =
    categoryIds.length === 0
      ? []
      : await tx
          .selectFrom('ticket_categories')
          .select(['id', 'name'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', categoryIds)
          .execute()
  return {
    communities,
    units,
    users,
    categories: new Map(categories.map((c) => [c.id, c.name])),
    settings: (id) => place(id).settings,
    timeZone: (id) => place(id).timeZone,
  }
}

export function clocksOf(row: TicketRow, lookups: ViewLookups, at: Date): ClockView[] {
  return clockViews(
    clockInputsOf(row, lookups.timeZone(row.community_id)),
    lookups.settings(row.community_id),
    at,
  )
}

export function summaryOf(row: TicketRow, lookups: ViewLookups, at: Date): TicketSummary {
  const clocks = clocksOf(row, lookups, at)
  const unitCode = row.unit_id ? (lookups.units.get(row.unit_id) ?? null) : null
  return {
    id: row.id,
    number: row.number,
    communityId: row.community_id,
    communityName: lookups.communities.get(row.community_id) ?? '',
    kind: row.kind as TicketKind,
    categoryId: row.category_id,
    categoryName: lookups.categories.get(row.category_id) ?? '',
    priority: row.priority as TicketPriority,
    channel: row.channel as TicketChannel,
    status: row.status as TicketStatus,
    title: row.title,
    location: [unitCode, row.spot].filter(Boolean).join(' · '),
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_id ? (lookups.users.get(row.assignee_id) ?? null) : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    slaState: worstRunningState(clocks),
    dueAt: earliestDue(clocks)?.toISOString() ?? null,
    escalationLevel: row.escalation_level,
    flagged: row.flagged,
    rating: row.rating,
  }
}

const minutes = (ms: number) => Math.trunc(ms / MINUTE_MS)

export function slaClockOf(view: ClockView): SlaClock {
  return {
    clock: view.clock,
    targetMinutes: minutes(view.targetMs),
    elapsedMinutes: minutes(view.elapsedMs),
    remainingMinutes: minutes(view.remainingMs),
    state: view.state,
    dueAt: view.dueAt?.toISOString() ?? null,
    stoppedAt: view.stoppedAt?.toISOString() ?? null,
  }
}

export type EventRow = TicketTables['ticket_events']

/** Who was told of an escalation, and at which office: the company's internal business, not the owner's. */
const STAFF_ONLY_DETAIL_KEYS = ['notified', 'orgUnit'] as const

export function eventViewOf(e: EventRow, users: Map<string, string>, forOwner = false): TicketEventView {
  const details = { ...((e.details ?? {}) as Record<string, unknown>) }
  if (forOwner) for (const key of STAFF_ONLY_DETAIL_KEYS) delete details[key]
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    kind: e.kind as TicketEventView['kind'],
    actorName: e.actor_id ? (users.get(e.actor_id) ?? null) : null,
    actorRole: e.actor_role as TicketEventView['actorRole'],
    fromStatus: e.from_status as TicketStatus | null,
    toStatus: e.to_status as TicketStatus | null,
    note: e.note,
    photos: e.photos,
    details: withNames(details, users),
  }
}

/** Staff ids in an event's details, shown with their names (for callers who cannot list staff). */
export const STAFF_DETAIL_KEYS = ['assigneeId', 'previousAssigneeId'] as const

function withNames(details: Record<string, unknown>, users: Map<string, string>) {
  const named = { ...details }
  for (const key of STAFF_DETAIL_KEYS) {
    const id = details[key]
    if (typeof id === 'string') named[key.replace(/Id$/, 'Name')] = users.get(id) ?? null
  }
  return named
}

export function ticketOf(
  row: TicketRow,
  lookups: ViewLookups,
  at: Date,
  extra: {
    events: readonly EventRow[]
    allowedActions: TicketActionType[]
    duplicates: DuplicateHint[]
    pii: PiiCipher
    /** The requester's own view: no staff-only event details. */
    forOwner: boolean
  },
): Ticket {
  const contactName = row.contact_name_enc ? extra.pii.decrypt(row.contact_name_enc) : null
  const contactPhone = row.contact_phone_enc ? extra.pii.decrypt(row.contact_phone_enc) : null
  return {
    ...summaryOf(row, lookups, at),
    description: row.description,
    spot: row.spot,
    unitId: row.unit_id,
    buildingId: row.building_id,
    unitCode: row.unit_id ? (lookups.units.get(row.unit_id) ?? null) : null,
    preferredFrom: row.preferred_from?.toISOString() ?? null,
    preferredTo: row.preferred_to?.toISOString() ?? null,
    contactName: contactName === null ? null : maskName(contactName),
    contactPhone: contactPhone === null ? null : maskPhone(contactPhone),
    photos: row.photos,
    quoteFen: row.quote_fen === null ? null : Number(row.quote_fen),
    ratingComment: row.rating_comment,
    reopenCount: row.reopen_count,
    duplicateOf: row.duplicate_of,
    heldFrom: row.held_from as TicketStatus | null,
    clocks: clocksOf(row, lookups, at).map(slaClockOf),
    events: extra.events.map((e) => eventViewOf(e, lookups.users, extra.forOwner)),
    allowedActions: extra.allowedActions,
    duplicates: extra.duplicates,
  }
}
