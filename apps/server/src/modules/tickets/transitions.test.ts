import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ACTIONS,
  type ActionType,
  type Actor,
  advance,
  allowedActions,
  applyAction,
  type HoldableStatus,
  STATUSES,
  type TicketAction,
  type TicketState,
  type TicketStatus,
  type TransitionOptions,
  type TransitionRefusal,
  type TransitionResult,
} from './transitions'

const OWNER = 'owner-1'
const TECH = 'tech-1'
const OTHER_TECH = 'tech-2'
const DAY = 24 * 60 * 60_000
const RESOLVED_AT = new Date('2025-03-01T10:00:00Z')
const NOW = new Date(RESOLVED_AT.getTime() + DAY)

const CAST = {
  requester: { role: 'requester', userId: OWNER },
  otherRequester: { role: 'requester', userId: 'owner-2' },
  desk: { role: 'desk', userId: 'desk-1' },
  manager: { role: 'manager', userId: 'mgr-1' },
  assignee: { role: 'technician', userId: TECH },
  otherTechnician: { role: 'technician', userId: OTHER_TECH },
  system: { role: 'system', userId: null },
} as const satisfies Record<string, Actor>
type CastName = keyof typeof CAST
const CAST_NAMES = Object.keys(CAST) as CastName[]

const ASSIGNED_STATES: readonly TicketStatus[] = [
  'assigned',
  'in_progress',
  'on_hold',
  'quoted',
  'resolved',
  'verified',
  'closed',
]
const DONE_STATES: readonly TicketStatus[] = ['resolved', 'verified', 'closed']

/** A consistent ticket in `status`: assigned to TECH once dispatched, held from in_progress when on hold. */
function ticketIn(status: TicketStatus, heldFrom: HoldableStatus = 'in_progress'): TicketState {
  const past = (states: readonly TicketStatus[]) => states.includes(status)
  return {
    id: 'T-1',
    status,
    requesterId: OWNER,
    assigneeId: past(ASSIGNED_STATES) && !(status === 'on_hold' && heldFrom === 'accepted') ? TECH : null,
    heldFrom: status === 'on_hold' ? heldFrom : null,
    marks: {
      ...(status !== 'submitted' && { responded: true }),
      ...(past(['in_progress', 'on_hold', 'quoted', ...DONE_STATES]) && { arrived: true }),
      ...(past(DONE_STATES) && { resolved: true }),
    },
    resolvedAt: past(DONE_STATES) ? RESOLVED_AT : null,
    quoteFen: status === 'quoted' ? 12_000 : null,
    flagged: false,
  }
}

/** A valid payload for each action. */
function sampleAction(type: ActionType): TicketAction {
  switch (type) {
    case 'assign':
    case 'transfer':
      return { type, assigneeId: OTHER_TECH }
    case 'hold':
      return { type, reason: '等待配件' }
    case 'quote':
      return { type, amountFen: 12_000 }
    case 'resolve':
      return { type, note: '已更换水龙头', photos: ['photo-1'] }
    case 'reject_fix':
    case 'reopen':
    case 'cancel':
      return { type, reason: '仍然漏水' }
    case 'rate':
      return { type, rating: 5 }
    case 'cancel_duplicate':
      return { type, duplicateOf: 'T-0' }
    default:
      return { type } as TicketAction
  }
}

const OPTIONS: TransitionOptions = { now: NOW }

function apply(
  ticket: TicketState,
  action: TicketAction,
  who: CastName,
  options: TransitionOptions = OPTIONS,
): TransitionResult | TransitionRefusal {
  return applyAction(ticket, action, CAST[who], options)
}

function expectOk(outcome: TransitionResult | TransitionRefusal): TransitionResult {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code} ${JSON.stringify(outcome.details)}`)
  return outcome
}

function expectRefused(outcome: TransitionResult | TransitionRefusal, code: TransitionRefusal['code']): void {
  expect(outcome.ok).toBe(false)
  expect((outcome as TransitionRefusal).code).toBe(code)
}

// ── the graph, pair by pair ─────────────────────────────────────────────────────────────────────────

/** The graph as the issue states it, written out independently of the module's own table. */
const EXPECTED: Record<ActionType, Partial<Record<TicketStatus, TicketStatus>>> = {
  accept: { submitted: 'accepted' },
  assign: { accepted: 'assigned' },
  grab: { accepted: 'assigned' },
  transfer: { assigned: 'assigned', in_progress: 'assigned' },
  return_to_pool: { assigned: 'accepted' },
  start: { assigned: 'in_progress' },
  hold: { accepted: 'on_hold', assigned: 'on_hold', in_progress: 'on_hold' },
  resume: { on_hold: 'in_progress' }, // the fixture is held from in_progress
  quote: { in_progress: 'quoted' },
  accept_quote: { quoted: 'in_progress' },
  decline_quote: { quoted: 'cancelled' },
  resolve: { in_progress: 'resolved' },
  reject_fix: { resolved: 'in_progress' },
  verify: { resolved: 'verified' },
  follow_up: { verified: 'closed' },
  rate: { verified: 'closed' },
  reopen: { resolved: 'assigned', verified: 'assigned', closed: 'assigned' },
  cancel: { submitted: 'cancelled', accepted: 'cancelled', assigned: 'cancelled', quoted: 'cancelled' },
  cancel_duplicate: { submitted: 'cancelled', accepted: 'cancelled' },
}

const PAIRS = STATUSES.flatMap((status) =>
  ACTIONS.map((action) => ({ status, action, to: EXPECTED[action][status] ?? null })),
)

describe('every (status × action) pair', () => {
  it('covers all of them', () => {
    expect(PAIRS).toHaveLength(STATUSES.length * ACTIONS.length)
    expect(PAIRS.filter((pair) => pair.to !== null)).toHaveLength(28)
  })

  it.each(PAIRS)('$action from $status → $to', ({ status, action, to }) => {
    const ticket = ticketIn(status)
    const outcomes = CAST_NAMES.map((who) => apply(ticket, sampleAction(action), who))
    if (to === null) {
      for (const outcome of outcomes) expectRefused(outcome, 'TICKET_INVALID_TRANSITION')
    } else {
      const done = outcomes.filter((outcome) => outcome.ok)
      expect(done.length).toBeGreaterThan(0)
      for (const result of done) expect(result).toMatchObject({ from: status, to })
      for (const outcome of outcomes) {
        if (!outcome.ok) expect(outcome.code).toBe('TICKET_NOT_ALLOWED')
      }
    }
    // The UI's list agrees with what the server accepts.
    const offered = CAST_NAMES.some((who) => allowedActions(ticket, CAST[who], OPTIONS).includes(action))
    expect(offered).toBe(to !== null)
  })
})

// ── who may act ─────────────────────────────────────────────────────────────────────────────────────

// biome-ignore format: one action per line reads as a table
const WHO: { action: ActionType; from: TicketStatus; allowed: CastName[] }[] = [
  { action: 'accept', from: 'submitted', allowed: ['desk', 'manager', 'system'] },
  { action: 'assign', from: 'accepted', allowed: ['desk', 'manager', 'system'] },
  { action: 'grab', from: 'accepted', allowed: ['assignee', 'otherTechnician'] },
  { action: 'transfer', from: 'in_progress', allowed: ['desk', 'manager', 'assignee'] },
  { action: 'return_to_pool', from: 'assigned', allowed: ['manager', 'assignee'] },
  { action: 'start', from: 'assigned', allowed: ['assignee'] },
  { action: 'hold', from: 'in_progress', allowed: ['desk', 'manager', 'assignee'] },
  { action: 'resume', from: 'on_hold', allowed: ['desk', 'manager', 'assignee'] },
  { action: 'quote', from: 'in_progress', allowed: ['assignee'] },
  { action: 'accept_quote', from: 'quoted', allowed: ['requester'] },
  { action: 'decline_quote', from: 'quoted', allowed: ['requester'] },
  { action: 'resolve', from: 'in_progress', allowed: ['assignee'] },
  { action: 'reject_fix', from: 'resolved', allowed: ['desk', 'manager'] },
  { action: 'verify', from: 'resolved', allowed: ['desk', 'manager'] },
  { action: 'follow_up', from: 'verified', allowed: ['desk', 'manager'] },
  { action: 'rate', from: 'verified', allowed: ['requester'] },
  { action: 'reopen', from: 'closed', allowed: ['requester', 'manager'] },
  { action: 'cancel', from: 'assigned', allowed: ['requester', 'desk'] },
  { action: 'cancel_duplicate', from: 'accepted', allowed: ['desk', 'manager'] },
]

describe('who may act', () => {
  it('lists every action', () => {
    expect(WHO.map((row) => row.action).sort()).toEqual([...ACTIONS].sort())
  })

  it.each(WHO)('$action from $from: $allowed', ({ action, from, allowed }) => {
    const ticket = ticketIn(from)
    for (const who of CAST_NAMES) {
      const outcome = apply(ticket, sampleAction(action), who)
      if (allowed.includes(who)) expectOk(outcome)
      else expect(outcome).toMatchObject({ ok: false, code: 'TICKET_NOT_ALLOWED', details: { action } })
      expect(allowedActions(ticket, CAST[who], OPTIONS).includes(action)).toBe(allowed.includes(who))
    }
  })

  it('"the assignee" is whoever it is assigned to, even a manager; a signed-out actor is nobody', () => {
    const managersOwn = { ...ticketIn('assigned'), assigneeId: 'mgr-1' }
    expect(expectOk(apply(managersOwn, { type: 'start' }, 'manager')).to).toBe('in_progress')
    expectRefused(apply(managersOwn, { type: 'start' }, 'assignee'), 'TICKET_NOT_ALLOWED')
    const anonymous: Actor = { role: 'technician', userId: null }
    expectRefused(applyAction(ticketIn('accepted'), { type: 'grab' }, anonymous), 'TICKET_NOT_ALLOWED')
    const walkIn = { ...ticketIn('verified'), requesterId: null }
    expectRefused(
      applyAction(walkIn, { type: 'rate', rating: 5 }, { role: 'requester', userId: null }),
      'TICKET_NOT_ALLOWED',
    )
  })

  it('allowedActions for a technician on an assigned ticket: their own work only', () => {
    expect(allowedActions(ticketIn('assigned'), CAST.assignee)).toEqual([
      'transfer',
      'return_to_pool',
      'start',
      'hold',
    ])
    expect(allowedActions(ticketIn('assigned'), CAST.otherTechnician)).toEqual([])
    expect(allowedActions(ticketIn('verified'), CAST.requester, OPTIONS)).toEqual(['rate', 'reopen'])
  })
})

// ── required fields ─────────────────────────────────────────────────────────────────────────────────

describe('required fields', () => {
  it('hold needs a reason, trimmed, and records where it was held from', () => {
    for (const reason of ['', '   ']) {
      expectRefused(
        apply(ticketIn('in_progress'), { type: 'hold', reason }, 'desk'),
        'TICKET_REASON_REQUIRED',
      )
    }
    const held = expectOk(
      apply(ticketIn('in_progress'), { type: 'hold', reason: ' 业主不在家 ' }, 'assignee'),
    )
    expect(held).toMatchObject({ to: 'on_hold', heldFrom: 'in_progress', clockEffect: 'pause' })
    expect(held.event.fields).toEqual({ reason: '业主不在家', heldFrom: 'in_progress' })
  })

  it.each([0, -100, 12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'a quote of %s fen is refused',
    (amountFen) => {
      expectRefused(
        apply(ticketIn('in_progress'), { type: 'quote', amountFen }, 'assignee'),
        'TICKET_AMOUNT_INVALID',
      )
    },
  )

  it('a quote of 1 fen or more is recorded', () => {
    const quoted = expectOk(apply(ticketIn('in_progress'), { type: 'quote', amountFen: 1 }, 'assignee'))
    expect(quoted).toMatchObject({
      to: 'quoted',
      quoteFen: 1,
      clockEffect: 'pause',
      event: { fields: { amountFen: 1 } },
    })
  })

  it('resolve needs a note; photos are optional and recorded', () => {
    expectRefused(
      apply(ticketIn('in_progress'), { type: 'resolve', note: ' ' }, 'assignee'),
      'TICKET_NOTE_REQUIRED',
    )
    const bare = expectOk(apply(ticketIn('in_progress'), { type: 'resolve', note: '已修好' }, 'assignee'))
    expect(bare.event).toMatchObject({ note: '已修好', photos: [] })
    const withPhotos = expectOk(apply(ticketIn('in_progress'), sampleAction('resolve'), 'assignee'))
    expect(withPhotos.event).toEqual({
      actorRole: 'technician',
      actorId: TECH,
      note: '已更换水龙头',
      photos: ['photo-1'],
      fields: {},
    })
  })

  it('cancel_duplicate must name another ticket', () => {
    const ticket = ticketIn('submitted')
    expectRefused(
      apply(ticket, { type: 'cancel_duplicate', duplicateOf: '' }, 'desk'),
      'TICKET_DUPLICATE_REQUIRED',
    )
    expectRefused(
      apply(ticket, { type: 'cancel_duplicate', duplicateOf: 'T-1' }, 'desk'),
      'TICKET_DUPLICATE_OF_SELF',
    )
    const done = expectOk(apply(ticket, { type: 'cancel_duplicate', duplicateOf: 'T-0' }, 'desk'))
    expect(done.event.fields).toEqual({ duplicateOf: 'T-0' })
  })

  it('assign and transfer need an assignee, and a transfer a different one', () => {
    expectRefused(
      apply(ticketIn('accepted'), { type: 'assign', assigneeId: ' ' }, 'manager'),
      'TICKET_ASSIGNEE_REQUIRED',
    )
    expectRefused(
      apply(ticketIn('assigned'), { type: 'transfer', assigneeId: '' }, 'manager'),
      'TICKET_ASSIGNEE_REQUIRED',
    )
    expectRefused(
      apply(ticketIn('assigned'), { type: 'transfer', assigneeId: TECH }, 'manager'),
      'TICKET_SAME_ASSIGNEE',
    )
    const handedOver = expectOk(
      apply(
        ticketIn('in_progress'),
        { type: 'transfer', assigneeId: OTHER_TECH, reason: '专业不符' },
        'assignee',
      ),
    )
    expect(handedOver).toMatchObject({ to: 'assigned', assigneeId: OTHER_TECH })
    expect(handedOver.event.fields).toEqual({
      assigneeId: OTHER_TECH,
      previousAssigneeId: TECH,
      reason: '专业不符',
    })
  })

  it('grab makes the technician the assignee; return_to_pool clears it', () => {
    expect(expectOk(apply(ticketIn('accepted'), { type: 'grab' }, 'otherTechnician')).assigneeId).toBe(
      OTHER_TECH,
    )
    const returned = expectOk(apply(ticketIn('assigned'), { type: 'return_to_pool' }, 'assignee'))
    expect(returned).toMatchObject({
      to: 'accepted',
      assigneeId: null,
      event: { fields: { previousAssigneeId: TECH } },
    })
  })

  it('cancel, reject_fix and reopen need a reason', () => {
    expectRefused(
      apply(ticketIn('submitted'), { type: 'cancel', reason: '' }, 'requester'),
      'TICKET_REASON_REQUIRED',
    )
    expectRefused(
      apply(ticketIn('resolved'), { type: 'reject_fix', reason: '' }, 'manager'),
      'TICKET_REASON_REQUIRED',
    )
    expectRefused(
      apply(ticketIn('closed'), { type: 'reopen', reason: '' }, 'manager'),
      'TICKET_REASON_REQUIRED',
    )
  })

  it.each([0, 6, 3.5, Number.NaN])('a rating or satisfaction of %s is refused', (score) => {
    expectRefused(
      apply(ticketIn('verified'), { type: 'rate', rating: score }, 'requester'),
      'TICKET_RATING_INVALID',
    )
    expectRefused(
      apply(ticketIn('verified'), { type: 'follow_up', satisfaction: score }, 'desk'),
      'TICKET_RATING_INVALID',
    )
  })

  it('follow_up closes with or without a satisfaction score', () => {
    expect(expectOk(apply(ticketIn('verified'), { type: 'follow_up' }, 'desk'))).toMatchObject({
      to: 'closed',
    })
    const scored = expectOk(
      apply(ticketIn('verified'), { type: 'follow_up', satisfaction: 4, note: '电话回访' }, 'desk'),
    )
    expect(scored).toMatchObject({ to: 'closed', event: { note: '电话回访', fields: { satisfaction: 4 } } })
  })

  it('an unknown action is refused, not thrown', () => {
    const bogus = { type: 'teleport' } as unknown as TicketAction
    expectRefused(apply(ticketIn('submitted'), bogus, 'manager'), 'TICKET_INVALID_TRANSITION')
  })
})

// ── hold and resume, quotes ─────────────────────────────────────────────────────────────────────────

describe('hold and resume', () => {
  it.each(['accepted', 'assigned', 'in_progress'] as const)('resume returns to %s', (heldFrom) => {
    const resumed = expectOk(apply(ticketIn('on_hold', heldFrom), { type: 'resume' }, 'desk'))
    expect(resumed).toMatchObject({ from: 'on_hold', to: heldFrom, heldFrom: null, clockEffect: 'resume' })
  })

  it('hold then resume through advance() comes back to the same state', () => {
    const held = expectOk(apply(ticketIn('assigned'), { type: 'hold', reason: '业主出差' }, 'manager'))
    const onHold = advance(ticketIn('assigned'), held, NOW)
    expect(onHold).toMatchObject({ status: 'on_hold', heldFrom: 'assigned', assigneeId: TECH })
    const back = advance(onHold, expectOk(apply(onHold, { type: 'resume' }, 'assignee')), NOW)
    expect(back).toEqual(ticketIn('assigned'))
  })

  it('a ticket on hold with no record of where it came from cannot resume', () => {
    const broken = { ...ticketIn('on_hold'), heldFrom: null }
    expectRefused(apply(broken, { type: 'resume' }, 'desk'), 'TICKET_INVALID_TRANSITION')
  })
})

describe('quotes', () => {
  it('the owner accepting resumes work and records the amount', () => {
    const accepted = expectOk(apply(ticketIn('quoted'), { type: 'accept_quote' }, 'requester'))
    expect(accepted).toMatchObject({ to: 'in_progress', clockEffect: 'resume', quoteFen: 12_000 })
    expect(accepted.event.fields).toEqual({ amountFen: 12_000 })
  })

  it('the owner declining cancels the ticket', () => {
    const declined = expectOk(
      apply(ticketIn('quoted'), { type: 'decline_quote', reason: '太贵' }, 'requester'),
    )
    expect(declined).toMatchObject({ to: 'cancelled', clockEffect: 'none' })
    expect(declined.event.fields).toEqual({ amountFen: 12_000, reason: '太贵' })
  })
})

// ── clocks ──────────────────────────────────────────────────────────────────────────────────────────

describe('clock marks', () => {
  it('accept stops the response clock, start the arrival clock, resolve the resolution clock', () => {
    expect(expectOk(apply(ticketIn('submitted'), sampleAction('accept'), 'desk')).marks).toEqual({
      responded: true,
    })
    expect(expectOk(apply(ticketIn('assigned'), sampleAction('start'), 'assignee')).marks).toEqual({
      arrived: true,
    })
    expect(expectOk(apply(ticketIn('in_progress'), sampleAction('resolve'), 'assignee')).marks).toEqual({
      resolved: true,
    })
  })

  it('a clock stops once: assign after accept and start after a transfer stop nothing', () => {
    expect(expectOk(apply(ticketIn('accepted'), sampleAction('assign'), 'manager')).marks).toEqual({})
    const transferred: TicketState = {
      ...ticketIn('assigned'),
      assigneeId: OTHER_TECH,
      marks: { responded: true, arrived: true },
    }
    expect(expectOk(apply(transferred, sampleAction('start'), 'otherTechnician')).marks).toEqual({})
    // Had nobody accepted it, whoever assigns or grabs first answers the request.
    const unanswered = { ...ticketIn('accepted'), marks: {} }
    expect(expectOk(apply(unanswered, sampleAction('assign'), 'manager')).marks).toEqual({ responded: true })
    expect(expectOk(apply(unanswered, sampleAction('grab'), 'assignee')).marks).toEqual({ responded: true })
  })

  it('reopen and reject_fix set the resolution clock running again; response and arrival stay met', () => {
    const reopened = expectOk(apply(ticketIn('closed'), sampleAction('reopen'), 'manager'))
    expect(reopened).toMatchObject({
      marks: {},
      unmarks: { resolved: true },
      flagged: true,
      outcome: 'reopen',
    })
    const after = advance(ticketIn('closed'), reopened, NOW)
    expect(after).toMatchObject({
      status: 'assigned',
      assigneeId: TECH,
      marks: { responded: true, arrived: true },
    })
    expect(after.marks.resolved).toBeUndefined()
    expect(after.resolvedAt).toBeNull()
    const rejected = expectOk(apply(ticketIn('resolved'), sampleAction('reject_fix'), 'desk'))
    expect(rejected).toMatchObject({ to: 'in_progress', unmarks: { resolved: true }, flagged: false })
  })

  it('resolving again after a reopen stops the resolution clock again, at the new time', () => {
    let ticket = advance(
      ticketIn('closed'),
      expectOk(apply(ticketIn('closed'), sampleAction('reopen'), 'manager')),
      NOW,
    )
    ticket = advance(ticket, expectOk(apply(ticket, sampleAction('start'), 'assignee')), NOW)
    const later = new Date(NOW.getTime() + DAY)
    const resolved = expectOk(apply(ticket, sampleAction('resolve'), 'assignee'))
    expect(resolved.marks).toEqual({ resolved: true })
    expect(advance(ticket, resolved, later)).toMatchObject({ resolvedAt: later, flagged: true })
  })
})

// ── reopening ───────────────────────────────────────────────────────────────────────────────────────

describe('reopening', () => {
  it('a rating of 2 or less with reopenOnRating reopens to the previous assignee, flagged', () => {
    for (const rating of [1, 2]) {
      const result = expectOk(
        apply(ticketIn('verified'), { type: 'rate', rating, comment: '没修好' }, 'requester', {
          reopenOnRating: true,
        }),
      )
      expect(result).toMatchObject({
        action: 'rate',
        outcome: 'reopen',
        to: 'assigned',
        assigneeId: TECH,
        flagged: true,
        unmarks: { resolved: true },
      })
      expect(result.event.fields).toEqual({
        rating,
        comment: '没修好',
        assigneeId: TECH,
        previousAssigneeId: TECH,
      })
    }
  })

  it('a rating of 3, or any rating without reopenOnRating, closes; a low one closes flagged for review', () => {
    const three = expectOk(
      apply(ticketIn('verified'), { type: 'rate', rating: 3 }, 'requester', { reopenOnRating: true }),
    )
    expect(three).toMatchObject({ outcome: 'rate', to: 'closed', flagged: false })
    for (const rating of [1, 2]) {
      const low = expectOk(apply(ticketIn('verified'), { type: 'rate', rating }, 'requester'))
      expect(low).toMatchObject({ outcome: 'rate', to: 'closed', flagged: true })
    }
    const threeWithout = expectOk(apply(ticketIn('verified'), { type: 'rate', rating: 3 }, 'requester'))
    expect(threeWithout).toMatchObject({ to: 'closed', flagged: false })
    const lowFollowUp = expectOk(apply(ticketIn('verified'), { type: 'follow_up', satisfaction: 2 }, 'desk'))
    expect(lowFollowUp).toMatchObject({ outcome: 'follow_up', to: 'closed', flagged: true })
  })

  it('the desk answers a quote for a caller without an account, and a quoted ticket can be cancelled', () => {
    const byPhone = { ...ticketIn('quoted'), requesterId: null }
    for (const who of ['desk', 'manager'] as const) {
      expect(expectOk(apply(byPhone, { type: 'accept_quote' }, who)).to).toBe('in_progress')
      expect(expectOk(apply(byPhone, { type: 'decline_quote', reason: '太贵' }, who)).to).toBe('cancelled')
    }
    expectRefused(apply(byPhone, { type: 'accept_quote' }, 'assignee'), 'TICKET_NOT_ALLOWED')
    // An owner's own quote stays the owner's to answer.
    expectRefused(apply(ticketIn('quoted'), { type: 'accept_quote' }, 'desk'), 'TICKET_NOT_ALLOWED')
    expect(expectOk(apply(byPhone, { type: 'cancel', reason: '业主电话取消' }, 'desk'))).toMatchObject({
      to: 'cancelled',
      event: { fields: { reason: '业主电话取消' } },
    })
  })

  it('a dissatisfied 回访 counts like a low rating', () => {
    const options = { reopenOnRating: true }
    const result = expectOk(
      apply(ticketIn('verified'), { type: 'follow_up', satisfaction: 2 }, 'desk', options),
    )
    expect(result).toMatchObject({ outcome: 'reopen', to: 'assigned', assigneeId: TECH })
  })

  it('with nobody to give it back to, a reopened ticket goes to the pool', () => {
    const unassigned = { ...ticketIn('verified'), assigneeId: null }
    const result = expectOk(
      apply(unassigned, { type: 'rate', rating: 1 }, 'requester', { reopenOnRating: true }),
    )
    expect(result).toMatchObject({ to: 'accepted', assigneeId: null })
  })

  it('the requester reopens within the window (default 7 days from the last resolve); a manager at any time', () => {
    const closed = ticketIn('closed')
    const at = (days: number, ms = 0) => ({ now: new Date(RESOLVED_AT.getTime() + days * DAY + ms) })
    expectOk(apply(closed, sampleAction('reopen'), 'requester', at(7)))
    expectRefused(apply(closed, sampleAction('reopen'), 'requester', at(7, 1)), 'TICKET_REOPEN_WINDOW_CLOSED')
    expectRefused(
      apply(closed, sampleAction('reopen'), 'requester', { ...at(2), reopenWindowMs: DAY }),
      'TICKET_REOPEN_WINDOW_CLOSED',
    )
    expectRefused(apply(closed, sampleAction('reopen'), 'requester', {}), 'TICKET_NOW_REQUIRED')
    expectOk(apply(closed, sampleAction('reopen'), 'manager', {}))
    expect(allowedActions(closed, CAST.requester, at(8))).toEqual([])
  })

  it('only a manager chooses who redoes the work', () => {
    const action: TicketAction = { type: 'reopen', reason: '仍然漏水', assigneeId: OTHER_TECH }
    expect(expectOk(apply(ticketIn('closed'), action, 'manager'))).toMatchObject({
      to: 'assigned',
      assigneeId: OTHER_TECH,
    })
    expectRefused(apply(ticketIn('closed'), action, 'requester'), 'TICKET_NOT_ALLOWED')
  })
})

// ── property: random walks ──────────────────────────────────────────────────────────────────────────

const PAYLOADS: TicketAction[] = [
  ...ACTIONS.map(sampleAction),
  { type: 'assign', assigneeId: TECH },
  { type: 'transfer', assigneeId: TECH },
  { type: 'reopen', reason: '重新处理', assigneeId: OTHER_TECH },
  { type: 'rate', rating: 1, comment: '不满意' },
  { type: 'rate', rating: 2 },
  { type: 'follow_up', satisfaction: 1 },
  { type: 'follow_up', satisfaction: 5 },
  { type: 'hold', reason: '' }, // refused: no reason
  { type: 'quote', amountFen: 0 }, // refused: no amount
]

const PAUSED_STATES: readonly TicketStatus[] = ['on_hold', 'quoted']
/** Codes that refuse a payload, for an action that is on offer (as does TICKET_NOT_ALLOWED naming a field). */
const PAYLOAD_REFUSALS: readonly TransitionRefusal['code'][] = [
  'TICKET_REASON_REQUIRED',
  'TICKET_AMOUNT_INVALID',
  'TICKET_ASSIGNEE_REQUIRED',
  'TICKET_SAME_ASSIGNEE',
  'TICKET_RATING_INVALID',
]

/**
 * A step of a walk: mostly one of the moves on offer (so walks get deep), sometimes any payload by anyone
 * (so refusals are exercised too). `pick` and `payload` choose by index among what is there.
 */
const stepArb = fc.record({
  onOffer: fc.oneof(
    { arbitrary: fc.constant(true), weight: 4 },
    { arbitrary: fc.constant(false), weight: 1 },
  ),
  /** Mostly steer clear of cancelling, which ends a walk early. */
  keepGoing: fc.oneof(
    { arbitrary: fc.constant(true), weight: 9 },
    { arbitrary: fc.constant(false), weight: 1 },
  ),
  pick: fc.nat(),
  payload: fc.nat(),
  afterMs: fc.nat(3 * DAY),
})
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never

function chooseMove(ticket: TicketState, step: Step, options: TransitionOptions): [TicketAction, CastName] {
  const offers = step.onOffer ? offersFor(ticket, options, step.keepGoing) : []
  if (offers.length === 0) {
    return [PAYLOADS[step.payload % PAYLOADS.length]!, CAST_NAMES[step.pick % CAST_NAMES.length]!]
  }
  // Action first, then who takes it: an action many may take (cancel) is no likelier than one only one may take.
  const [type, takers] = offers[step.pick % offers.length]!
  const payloads = PAYLOADS.filter((payload) => payload.type === type)
  return [payloads[step.payload % payloads.length]!, takers[step.payload % takers.length]!]
}

const ENDINGS: readonly ActionType[] = ['cancel', 'cancel_duplicate', 'decline_quote']

function offersFor(
  ticket: TicketState,
  options: TransitionOptions,
  keepGoing: boolean,
): [ActionType, CastName[]][] {
  const takers = new Map<ActionType, CastName[]>()
  for (const who of CAST_NAMES) {
    for (const type of allowedActions(ticket, CAST[who], options))
      takers.set(type, [...(takers.get(type) ?? []), who])
  }
  const offers = [...takers]
  const onwards = offers.filter(([type]) => !ENDINGS.includes(type))
  return keepGoing && onwards.length > 0 ? onwards : offers
}

interface Visit {
  before: TicketState
  action: TicketAction
  outcome: TransitionResult | TransitionRefusal
  offered: boolean
  after: TicketState
}

/** Walks from a fresh ticket, applying only successful results, and shows each step to `visit`. */
function walk(steps: readonly Step[], reopenOnRating: boolean, visit: (visit: Visit) => void): void {
  let ticket: TicketState = { ...ticketIn('submitted'), marks: {} }
  let clock = new Date('2025-03-01T00:00:00Z').getTime()
  for (const step of steps) {
    clock += step.afterMs
    const options = { reopenOnRating, now: new Date(clock) }
    const [action, who] = chooseMove(ticket, step, options)
    const outcome = applyAction(ticket, action, CAST[who], options)
    const offered = allowedActions(ticket, CAST[who], options).includes(action.type)
    const after = outcome.ok ? advance(ticket, outcome, new Date(clock)) : ticket
    visit({ before: ticket, action, outcome, offered, after })
    ticket = after
  }
}

const WALKS = { numRuns: 300 }
const walkArb = fc.array(stepArb, { minLength: 10, maxLength: 60, size: 'max' })

describe('random walks from submitted', () => {
  it('stay inside the graph, never leave closed (but by reopen) or cancelled, and pause/resume alternate', () => {
    fc.assert(
      fc.property(walkArb, fc.boolean(), (steps, reopenOnRating) => {
        let paused = false
        walk(steps, reopenOnRating, ({ before, outcome, offered, after }) => {
          if (!outcome.ok) {
            // Refused for its payload only when the action itself was on offer; otherwise for the graph or role.
            const forPayload = PAYLOAD_REFUSALS.includes(outcome.code) || outcome.details.field !== undefined
            expect(offered).toBe(forPayload)
            return
          }
          expect(offered).toBe(true)
          expect(STATUSES).toContain(outcome.to)
          expect(outcome.from).toBe(before.status)
          expect(before.status).not.toBe('cancelled')
          if (before.status === 'closed') expect(outcome.outcome).toBe('reopen')
          if (outcome.clockEffect === 'pause') expect(paused).toBe(false)
          if (outcome.clockEffect === 'resume') expect(paused).toBe(true)
          if (outcome.clockEffect !== 'none') paused = outcome.clockEffect === 'pause'
          // The clocks are paused exactly while on hold or waiting for the owner's answer to a quote.
          if (after.status !== 'cancelled') expect(paused).toBe(PAUSED_STATES.includes(after.status))
          expect(after.heldFrom !== null).toBe(after.status === 'on_hold')
          const held = after.status === 'on_hold' ? after.heldFrom : after.status
          if (held !== 'accepted' && ASSIGNED_STATES.includes(held!)) expect(after.assigneeId).not.toBeNull()
          expect(after.marks.resolved === true).toBe(after.resolvedAt !== null)
        })
      }),
      WALKS,
    )
  })

  it('reach every state and take every action', () => {
    const states = new Set<TicketStatus>(['submitted'])
    const actions = new Set<ActionType>()
    fc.assert(
      fc.property(walkArb, fc.boolean(), (steps, reopenOnRating) => {
        walk(steps, reopenOnRating, ({ outcome }) => {
          if (!outcome.ok) return
          states.add(outcome.to)
          actions.add(outcome.action)
        })
      }),
      // A fixed seed: which walks get where is chance, and this test must not flicker.
      { ...WALKS, seed: 20_250_301 },
    )
    expect([...states].sort()).toEqual([...STATUSES].sort())
    expect([...actions].sort()).toEqual([...ACTIONS].sort())
  })
})
