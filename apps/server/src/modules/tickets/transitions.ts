/**
 * The closed loop of a service request — 受理 → 派单 → 处置 → 核查 → 回访/评价 → 关闭 — as the transition graph
 * the server enforces (see /work/shared/domain/tickets-and-quality.md).
 *
 * Pure: no I/O and no clock of its own. `applyAction` never throws for a refused transition; it returns a
 * `TransitionRefusal` with a code. A successful result says where the ticket goes, which SLA clocks stop or
 * run again, whether the clocks pause or resume, and what to record in the ticket's event log.
 *
 * Decisions worth knowing:
 * - Quotes (paid in-home repair): `quote` puts the ticket in `quoted` and PAUSES the clocks — the owner's
 *   decision time is not the company's delay. `accept_quote` resumes them and work continues (`in_progress`;
 *   the charge is billed later from the accepted amount). `decline_quote` CANCELS the ticket: the owner chose
 *   not to have the paid work done before it started, which is what `cancelled` means; the visit stays on
 *   record in the event, and a change of mind is a new request.
 * - Reopening (`reopen`, a low `rate`/`follow_up` score with `reopenOnRating`, and `reject_fix`): the
 *   `resolved` mark is cleared, so the resolution clock runs again FROM ITS ORIGINAL START, counting the
 *   time since the failed fix — the owner was waiting all along. The response and arrival marks stay: those
 *   promises were kept. Reopening goes back to the previous assignee (a manager may name another one), or to
 *   the pool (`accepted`) when nobody is known, and flags the ticket for quality review.
 * - A requester may reopen within `reopenWindowMs` (default 7 days) of the last `resolve`; a manager at any time.
 * - The desk may `cancel` on a caller's behalf (phone and walk-in requests have no requester account), and
 *   answers a quote for such a caller; a quoted ticket may also be cancelled, so none is left waiting.
 * - A dissatisfied score that does not reopen (the community's choice) closes the ticket flagged for review.
 */

import { TICKET_ACTIONS, TICKET_STATUSES } from '@meihao/contracts'

// The states and actions are the API's (packages/contracts): 受理中, 已受理, 已派单, 处理中, 挂起,
// 已报价 (waiting for the owner), 已完成 (待核查), 已核查, 已关闭, 已取消.
export const STATUSES = TICKET_STATUSES
export type TicketStatus = (typeof STATUSES)[number]

export const ACTIONS = TICKET_ACTIONS
export type ActionType = (typeof ACTIONS)[number]

export const ACTOR_ROLES = ['requester', 'desk', 'manager', 'technician', 'system'] as const
export type ActorRole = (typeof ACTOR_ROLES)[number]

export interface Actor {
  role: ActorRole
  userId: string | null
}

/** The states a ticket can be put on hold from; `resume` returns to the one it was held from. */
export const HOLDABLE_STATUSES = ['accepted', 'assigned', 'in_progress'] as const
export type HoldableStatus = (typeof HOLDABLE_STATUSES)[number]

/** The SLA clocks a transition can stop: response (受理), arrival (on site), resolution (完成). */
export const CLOCK_MARKS = ['responded', 'arrived', 'resolved'] as const
export type ClockMark = (typeof CLOCK_MARKS)[number]
export type ClockMarks = Partial<Record<ClockMark, true>>

export type ClockEffect = 'pause' | 'resume' | 'none'

export const DEFAULT_REOPEN_WINDOW_MS = 7 * 24 * 60 * 60_000
/** Ratings 1..LOW_RATING_MAX count as dissatisfied. */
export const LOW_RATING_MAX = 2

export interface TicketState {
  id: string
  status: TicketStatus
  /** The owner who reported it; null for phone and walk-in requests without an account. */
  requesterId: string | null
  assigneeId: string | null
  /** Set while `on_hold`: the state to resume to. */
  heldFrom: HoldableStatus | null
  /** Clocks already stopped. */
  marks: ClockMarks
  /** The last `resolve`; the requester's reopen window runs from it. */
  resolvedAt: Date | null
  /** The latest quote, in integer fen. */
  quoteFen: number | null
  /** Reopened at least once, or closed on a dissatisfied score: for quality review. */
  flagged: boolean
}

/** What every action may carry: why, in words, and photo ids. */
interface Evidence {
  note?: string
  photos?: readonly string[]
}

export type TicketAction = Evidence &
  (
    | { type: 'accept' }
    | { type: 'assign'; assigneeId: string }
    | { type: 'grab' }
    | { type: 'transfer'; assigneeId: string; reason?: string }
    | { type: 'return_to_pool'; reason?: string }
    | { type: 'start' }
    | { type: 'hold'; reason: string }
    | { type: 'resume' }
    | { type: 'quote'; amountFen: number }
    | { type: 'accept_quote' }
    | { type: 'decline_quote'; reason?: string }
    | { type: 'resolve'; note: string }
    | { type: 'reject_fix'; reason: string }
    | { type: 'verify' }
    | { type: 'follow_up'; satisfaction?: number }
    | { type: 'rate'; rating: number; comment?: string }
    | { type: 'reopen'; reason: string; assigneeId?: string }
    | { type: 'cancel'; reason: string }
    | { type: 'cancel_duplicate'; duplicateOf: string }
  )

export interface TransitionOptions {
  /** The community reopens a ticket rated 1..LOW_RATING_MAX instead of closing it. */
  reopenOnRating?: boolean
  /** Needed when a requester reopens: the window is checked against it. */
  now?: Date
  reopenWindowMs?: number
}

/** Structured fields of the event to record, beside its note and photos. */
export interface EventFields {
  reason?: string
  assigneeId?: string
  previousAssigneeId?: string
  heldFrom?: HoldableStatus
  amountFen?: number
  rating?: number
  satisfaction?: number
  comment?: string
  duplicateOf?: string
}

export interface TicketEvent {
  actorRole: ActorRole
  actorId: string | null
  note: string | null
  photos: string[]
  fields: EventFields
}

export interface TransitionResult {
  ok: true
  /** The action asked for. */
  action: ActionType
  /** What happened: the same, except a low rating that reopens the ticket is a `reopen`. */
  outcome: ActionType
  from: TicketStatus
  to: TicketStatus
  assigneeId: string | null
  heldFrom: HoldableStatus | null
  quoteFen: number | null
  clockEffect: ClockEffect
  /** Clocks this transition stops. */
  marks: ClockMarks
  /** Clocks this transition sets running again. */
  unmarks: ClockMarks
  /** This transition flags the ticket for quality review. */
  flagged: boolean
  event: TicketEvent
}

export const REFUSAL_CODES = [
  'TICKET_INVALID_TRANSITION',
  'TICKET_NOT_ALLOWED',
  'TICKET_REASON_REQUIRED',
  'TICKET_NOTE_REQUIRED',
  'TICKET_ASSIGNEE_REQUIRED',
  'TICKET_SAME_ASSIGNEE',
  'TICKET_AMOUNT_INVALID',
  'TICKET_RATING_INVALID',
  'TICKET_DUPLICATE_REQUIRED',
  'TICKET_DUPLICATE_OF_SELF',
  'TICKET_REOPEN_WINDOW_CLOSED',
  'TICKET_NOW_REQUIRED',
] as const
export type RefusalCode = (typeof REFUSAL_CODES)[number]

export type RefusalDetails = Readonly<Record<string, string | number | null | readonly string[]>>

export interface TransitionRefusal {
  ok: false
  code: RefusalCode
  details: RefusalDetails
}

// ── the graph ───────────────────────────────────────────────────────────────────────────────────────

/** The states each action may be taken from. */
export const ACTION_SOURCES: Readonly<Record<ActionType, readonly TicketStatus[]>> = {
  accept: ['submitted'],
  assign: ['accepted'],
  grab: ['accepted'],
  transfer: ['assigned', 'in_progress'],
  return_to_pool: ['assigned'],
  start: ['assigned'],
  hold: HOLDABLE_STATUSES,
  resume: ['on_hold'],
  quote: ['in_progress'],
  accept_quote: ['quoted'],
  decline_quote: ['quoted'],
  resolve: ['in_progress'],
  reject_fix: ['resolved'],
  verify: ['resolved'],
  follow_up: ['verified'],
  rate: ['verified'],
  reopen: ['resolved', 'verified', 'closed'],
  cancel: ['submitted', 'accepted', 'assigned', 'quoted'],
  cancel_duplicate: ['submitted', 'accepted'],
}

interface Context {
  ticket: TicketState
  actor: Actor
  options: TransitionOptions
}

type Permission = (context: Context) => boolean

const hasRole =
  (...roles: ActorRole[]): Permission =>
  ({ actor }) =>
    roles.includes(actor.role)

/** The owner who reported this ticket, signed in as such. */
const isRequester: Permission = ({ ticket, actor }) =>
  actor.role === 'requester' && actor.userId !== null && actor.userId === ticket.requesterId

/** The staff member the ticket is assigned to, whatever their staff role. */
const isAssignee: Permission = ({ ticket, actor }) =>
  (actor.role === 'technician' || actor.role === 'manager' || actor.role === 'desk') &&
  actor.userId !== null &&
  actor.userId === ticket.assigneeId

const anyOf =
  (...permissions: Permission[]): Permission =>
  (context) =>
    permissions.some((permission) => permission(context))

/** The desk or a manager answering for a caller without an account (phone, walk-in, kiosk, patrol). */
const forCallerWithoutAccount: Permission = (context) =>
  context.ticket.requesterId === null && hasRole('desk', 'manager')(context)

const isTechnicianWithId: Permission = ({ actor }) => actor.role === 'technician' && actor.userId !== null

/** Who may take each action (the requester's reopen window is checked separately). */
const PERMISSIONS: Readonly<Record<ActionType, Permission>> = {
  accept: hasRole('desk', 'manager', 'system'),
  assign: hasRole('desk', 'manager', 'system'), // system: round-robin auto dispatch
  grab: isTechnicianWithId,
  transfer: anyOf(hasRole('desk', 'manager'), isAssignee),
  return_to_pool: anyOf(hasRole('manager'), isAssignee),
  start: isAssignee,
  hold: anyOf(hasRole('desk', 'manager'), isAssignee),
  resume: anyOf(hasRole('desk', 'manager'), isAssignee),
  quote: isAssignee,
  accept_quote: anyOf(isRequester, forCallerWithoutAccount),
  decline_quote: anyOf(isRequester, forCallerWithoutAccount),
  resolve: isAssignee,
  reject_fix: hasRole('desk', 'manager'),
  verify: hasRole('desk', 'manager'),
  follow_up: hasRole('desk', 'manager'),
  rate: isRequester,
  reopen: anyOf(hasRole('manager'), isRequester),
  // A quoted owner answers with decline_quote; the desk cancels for a caller who rang.
  cancel: anyOf((context) => isRequester(context) && context.ticket.status !== 'quoted', hasRole('desk')),
  cancel_duplicate: hasRole('desk', 'manager'),
}

// ── public functions ────────────────────────────────────────────────────────────────────────────────

export function applyAction(
  ticket: TicketState,
  action: TicketAction,
  actor: Actor,
  options: TransitionOptions = {},
): TransitionResult | TransitionRefusal {
  const context: Context = { ticket, actor, options }
  const refusal = authorize(context, action.type)
  if (refusal !== null) return refusal
  const change = changeFor(context, action)
  if ('ok' in change) return change
  return resultOf(context, action, change)
}

/** The actions this actor may take on this ticket now (payloads aside), for the UI to offer. */
export function allowedActions(
  ticket: TicketState,
  actor: Actor,
  options: TransitionOptions = {},
): ActionType[] {
  return ACTIONS.filter((type) => authorize({ ticket, actor, options }, type) === null)
}

/** The ticket after a successful transition taken at `at`. */
export function advance(ticket: TicketState, result: TransitionResult, at: Date): TicketState {
  const marks: ClockMarks = { ...ticket.marks, ...result.marks }
  for (const mark of CLOCK_MARKS) if (result.unmarks[mark]) delete marks[mark]
  return {
    ...ticket,
    status: result.to,
    assigneeId: result.assigneeId,
    heldFrom: result.heldFrom,
    quoteFen: result.quoteFen,
    marks,
    resolvedAt: result.marks.resolved ? at : result.unmarks.resolved ? null : ticket.resolvedAt,
    flagged: ticket.flagged || result.flagged,
  }
}

// ── checks ──────────────────────────────────────────────────────────────────────────────────────────

const refuse = (code: RefusalCode, details: RefusalDetails = {}): TransitionRefusal => ({
  ok: false,
  code,
  details,
})

/** May this actor take this action on the ticket as it stands? Null when yes; payloads are checked later. */
function authorize(context: Context, type: ActionType): TransitionRefusal | null {
  const { ticket, actor } = context
  // `type` comes from a request body at run time: an unknown one has no sources.
  const sources = ACTION_SOURCES[type] as readonly TicketStatus[] | undefined
  if (sources === undefined || !sources.includes(ticket.status)) {
    return refuse('TICKET_INVALID_TRANSITION', {
      action: type,
      status: ticket.status,
      allowedFrom: sources ?? [],
    })
  }
  if (!PERMISSIONS[type](context)) return refuse('TICKET_NOT_ALLOWED', { action: type, role: actor.role })
  if (type === 'reopen' && actor.role === 'requester') return reopenWindowRefusal(context)
  return null
}

function reopenWindowRefusal({ ticket, options }: Context): TransitionRefusal | null {
  if (options.now === undefined) return refuse('TICKET_NOW_REQUIRED', { action: 'reopen' })
  const windowMs = options.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS
  const resolvedAt = ticket.resolvedAt
  if (resolvedAt !== null && options.now.getTime() - resolvedAt.getTime() <= windowMs) return null
  return refuse('TICKET_REOPEN_WINDOW_CLOSED', { resolvedAt: resolvedAt?.toISOString() ?? null, windowMs })
}

/** Trimmed text, or null when there is none. */
function textOf(value: string | undefined): string | null {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  return trimmed === '' ? null : trimmed
}

const isScore = (value: number): boolean => Number.isInteger(value) && value >= 1 && value <= 5
const isPositiveFen = (value: number): boolean => Number.isSafeInteger(value) && value > 0

// ── what each action changes ────────────────────────────────────────────────────────────────────────

interface Change {
  to: TicketStatus
  outcome?: ActionType
  assigneeId?: string | null
  quoteFen?: number | null
  stops?: readonly ClockMark[]
  restarts?: readonly ClockMark[]
  clockEffect?: ClockEffect
  flagged?: boolean
  fields?: EventFields
}

function changeFor(context: Context, action: TicketAction): Change | TransitionRefusal {
  const { ticket, actor } = context
  switch (action.type) {
    case 'accept':
      return { to: 'accepted', stops: ['responded'] }
    case 'assign':
      return assignTo(textOf(action.assigneeId))
    case 'grab':
      return assignTo(actor.userId)
    case 'transfer':
      return transferTo(ticket, textOf(action.assigneeId), textOf(action.reason))
    case 'return_to_pool':
      return {
        to: 'accepted',
        assigneeId: null,
        fields: withPrevious(ticket, reasonField(action.reason)),
      }
    case 'start':
      return { to: 'in_progress', stops: ['arrived'] }
    case 'hold':
      return holdFrom(ticket, textOf(action.reason))
    case 'resume':
      return ticket.heldFrom === null
        ? refuse('TICKET_INVALID_TRANSITION', { action: 'resume', status: ticket.status, heldFrom: null })
        : { to: ticket.heldFrom, clockEffect: 'resume', fields: { heldFrom: ticket.heldFrom } }
    case 'quote':
      return isPositiveFen(action.amountFen)
        ? {
            to: 'quoted',
            quoteFen: action.amountFen,
            clockEffect: 'pause',
            fields: { amountFen: action.amountFen },
          }
        : refuse('TICKET_AMOUNT_INVALID', { amountFen: String(action.amountFen) })
    case 'accept_quote':
      return { to: 'in_progress', clockEffect: 'resume', fields: quotedAmount(ticket) }
    case 'decline_quote':
      return { to: 'cancelled', fields: { ...quotedAmount(ticket), ...reasonField(action.reason) } }
    case 'resolve':
      return textOf(action.note) === null
        ? refuse('TICKET_NOTE_REQUIRED')
        : { to: 'resolved', stops: ['resolved'] }
    case 'reject_fix': {
      const reason = textOf(action.reason)
      if (reason === null) return refuse('TICKET_REASON_REQUIRED')
      return { to: 'in_progress', restarts: ['resolved'], fields: { reason } }
    }
    case 'verify':
      return { to: 'verified' }
    case 'follow_up':
      return followUp(context, action.satisfaction)
    case 'rate':
      return rate(context, action.rating, textOf(action.comment))
    case 'reopen':
      return reopen(context, textOf(action.reason), action.assigneeId)
    case 'cancel': {
      const reason = textOf(action.reason)
      return reason === null ? refuse('TICKET_REASON_REQUIRED') : { to: 'cancelled', fields: { reason } }
    }
    case 'cancel_duplicate':
      return cancelAsDuplicate(ticket, textOf(action.duplicateOf))
  }
}

/** `assign` and `grab`: whoever takes it first also answers the request, if `accept` has not. */
function assignTo(assigneeId: string | null): Change | TransitionRefusal {
  if (assigneeId === null) return refuse('TICKET_ASSIGNEE_REQUIRED')
  return { to: 'assigned', assigneeId, stops: ['responded'], fields: { assigneeId } }
}

function transferTo(
  ticket: TicketState,
  assigneeId: string | null,
  reason: string | null,
): Change | TransitionRefusal {
  if (assigneeId === null) return refuse('TICKET_ASSIGNEE_REQUIRED')
  if (assigneeId === ticket.assigneeId) return refuse('TICKET_SAME_ASSIGNEE', { assigneeId })
  // The new assignee has to come on site and `start` again; the arrival clock, if already met, stays met.
  return {
    to: 'assigned',
    assigneeId,
    fields: withPrevious(ticket, { assigneeId, ...(reason === null ? {} : { reason }) }),
  }
}

function holdFrom(ticket: TicketState, reason: string | null): Change | TransitionRefusal {
  if (reason === null) return refuse('TICKET_REASON_REQUIRED')
  // authorize() admitted only holdable states
  return {
    to: 'on_hold',
    clockEffect: 'pause',
    fields: { reason, heldFrom: ticket.status as HoldableStatus },
  }
}

/** 回访 by the desk; a dissatisfied answer counts like the owner's own low rating. */
function followUp(context: Context, satisfaction: number | undefined): Change | TransitionRefusal {
  if (satisfaction === undefined) return { to: 'closed' }
  if (!isScore(satisfaction)) return refuse('TICKET_RATING_INVALID', { satisfaction: String(satisfaction) })
  if (reopensOn(context, satisfaction)) return reopenChange(context.ticket, null, { satisfaction })
  return { to: 'closed', flagged: isLow(satisfaction), fields: { satisfaction } }
}

function rate(context: Context, rating: number, comment: string | null): Change | TransitionRefusal {
  if (!isScore(rating)) return refuse('TICKET_RATING_INVALID', { rating: String(rating) })
  const fields: EventFields = { rating, ...(comment === null ? {} : { comment }) }
  if (reopensOn(context, rating)) return reopenChange(context.ticket, null, fields)
  return { to: 'closed', flagged: isLow(rating), fields }
}

/** A dissatisfied score reopens the ticket where the community says so; otherwise it closes flagged for the manager. */
const reopensOn = ({ options }: Context, score: number): boolean =>
  options.reopenOnRating === true && isLow(score)

const isLow = (score: number): boolean => score <= LOW_RATING_MAX

function reopen(
  context: Context,
  reason: string | null,
  assigneeId: string | undefined,
): Change | TransitionRefusal {
  if (reason === null) return refuse('TICKET_REASON_REQUIRED')
  const chosen = textOf(assigneeId)
  // Only a manager chooses who redoes the work; the owner's reopen goes back to whoever did it.
  if (chosen !== null && context.actor.role !== 'manager') {
    return refuse('TICKET_NOT_ALLOWED', { action: 'reopen', role: context.actor.role, field: 'assigneeId' })
  }
  return reopenChange(context.ticket, chosen, { reason })
}

function reopenChange(ticket: TicketState, chosenAssignee: string | null, fields: EventFields): Change {
  const assigneeId = chosenAssignee ?? ticket.assigneeId
  return {
    to: assigneeId === null ? 'accepted' : 'assigned',
    outcome: 'reopen',
    assigneeId,
    restarts: ['resolved'],
    flagged: true,
    fields: withPrevious(ticket, assigneeId === null ? fields : { ...fields, assigneeId }),
  }
}

function cancelAsDuplicate(ticket: TicketState, duplicateOf: string | null): Change | TransitionRefusal {
  if (duplicateOf === null) return refuse('TICKET_DUPLICATE_REQUIRED')
  if (duplicateOf === ticket.id) return refuse('TICKET_DUPLICATE_OF_SELF', { duplicateOf })
  return { to: 'cancelled', fields: { duplicateOf } }
}

const reasonField = (reason: string | undefined): EventFields => {
  const text = textOf(reason)
  return text === null ? {} : { reason: text }
}

const quotedAmount = (ticket: TicketState): EventFields =>
  ticket.quoteFen === null ? {} : { amountFen: ticket.quoteFen }

const withPrevious = (ticket: TicketState, fields: EventFields): EventFields =>
  ticket.assigneeId === null ? fields : { ...fields, previousAssigneeId: ticket.assigneeId }

// ── the result ──────────────────────────────────────────────────────────────────────────────────────

function resultOf({ ticket, actor }: Context, action: TicketAction, change: Change): TransitionResult {
  return {
    ok: true,
    action: action.type,
    outcome: change.outcome ?? action.type,
    from: ticket.status,
    to: change.to,
    assigneeId: change.assigneeId === undefined ? ticket.assigneeId : change.assigneeId,
    heldFrom: change.to === 'on_hold' ? (ticket.status as HoldableStatus) : null,
    quoteFen: change.quoteFen === undefined ? ticket.quoteFen : change.quoteFen,
    clockEffect: change.clockEffect ?? 'none',
    // A clock stops once: later stops (assign after accept, start after a transfer) leave it as it was.
    marks: marksWhere(change.stops ?? [], (mark) => !ticket.marks[mark]),
    unmarks: marksWhere(change.restarts ?? [], (mark) => ticket.marks[mark] === true),
    flagged: change.flagged ?? false,
    event: {
      actorRole: actor.role,
      actorId: actor.userId,
      note: textOf(action.note),
      photos: [...(action.photos ?? [])],
      fields: change.fields ?? {},
    },
  }
}

function marksWhere(candidates: readonly ClockMark[], keep: (mark: ClockMark) => boolean): ClockMarks {
  const marks: ClockMarks = {}
  for (const mark of candidates) if (keep(mark)) marks[mark] = true
  return marks
}
