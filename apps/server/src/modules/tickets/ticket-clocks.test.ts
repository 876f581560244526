import { type SlaClockName, TicketSettings, type TicketSettingsInput } from '@meihao/contracts'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Pause } from './sla-clock'
import {
  alertKey,
  type ClockInputs,
  type ClockView,
  clockModeOf,
  clockViews,
  earliestDue,
  escalationSteps,
  type SlaAgenda,
  slaAgenda,
  worstRunningState,
} from './ticket-clocks'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const t = (iso: string) => new Date(iso)
const iso = (date: Date | null) => date?.toISOString() ?? null
const settingsOf = (input: TicketSettingsInput = {}) => TicketSettings.parse(input)

/** Schema defaults: every day 08:30–17:30, warning at 80%, escalation 1/2/3 at +0/+120/+480 min. */
const DEFAULTS = settingsOf()
/** The schema's hours on the usual working week, Monday to Friday. */
const WEEKDAYS = settingsOf({ businessDays: [1, 2, 3, 4, 5] })

/** Monday 2025-03-03, 10:00 in Shanghai. */
const T0 = t('2025-03-03T02:00:00.000Z')
const after = (ms: number, from: Date = T0) => new Date(from.getTime() + ms)
const NOTHING_RAISED: ReadonlySet<string> = new Set()

function ticket(changes: Partial<ClockInputs> = {}): ClockInputs {
  return {
    createdAt: T0,
    targets: { response: 60, arrival: null, resolution: 240 },
    stoppedAt: { response: null, arrival: null, resolution: null },
    pauses: [],
    mode: 'calendar',
    timeZone: 'Asia/Shanghai',
    finished: false,
    reopenCount: 0,
    ...changes,
  }
}

const only = (clock: SlaClockName, minutes: number): ClockInputs['targets'] => ({
  response: null,
  arrival: null,
  resolution: null,
  [clock]: minutes,
})
const stopped = (changes: Partial<Record<SlaClockName, Date>>): ClockInputs['stoppedAt'] => ({
  response: null,
  arrival: null,
  resolution: null,
  ...changes,
})

/** The due alerts as 'clock:kind:level:cycle@instant', in the order the agenda lists them. */
const dueList = (agenda: SlaAgenda) => agenda.due.map((a) => `${alertKey(a)}@${a.at.toISOString()}`)
const keysOf = (agenda: SlaAgenda) => new Set(agenda.due.map(alertKey))
const raisedAfter = (raised: ReadonlySet<string>, agenda: SlaAgenda) =>
  new Set([...raised, ...keysOf(agenda)])

// ── alertKey, escalationSteps, clockModeOf ──────────────────────────────────────────────────────────

describe('alertKey', () => {
  it('joins clock, kind, level and cycle', () => {
    expect(alertKey({ clock: 'response', kind: 'warning', level: 0, cycle: 0 })).toBe('response:warning:0:0')
    expect(alertKey({ clock: 'arrival', kind: 'breach', level: 0, cycle: 0 })).toBe('arrival:breach:0:0')
    expect(alertKey({ clock: 'resolution', kind: 'escalation', level: 3, cycle: 2 })).toBe(
      'resolution:escalation:3:2',
    )
  })

  it('ignores the instant: the same alert at another time has the same key', () => {
    const alert = { clock: 'resolution', kind: 'breach', level: 0, cycle: 1 } as const
    expect(alertKey({ ...alert, at: T0 } as typeof alert)).toBe(alertKey(alert))
  })

  it('tells apart alerts that differ in any one part', () => {
    const keys = new Set<string>()
    for (const clock of ['response', 'arrival', 'resolution'] as const)
      for (const kind of ['warning', 'breach', 'escalation'] as const)
        for (const level of [0, 1, 2, 3, 4, 5])
          for (const cycle of [0, 1, 2, 10]) keys.add(alertKey({ clock, kind, level, cycle }))
    expect(keys.size).toBe(3 * 3 * 6 * 4)
  })
})

describe('escalationSteps', () => {
  it('the defaults: project manager, city company, group, in level order', () => {
    expect(escalationSteps(DEFAULTS)).toEqual([
      { level: 1, afterMinutes: 0, orgLevel: 'project' },
      { level: 2, afterMinutes: 120, orgLevel: 'city' },
      { level: 3, afterMinutes: 480, orgLevel: 'group' },
    ])
  })

  it('sorts steps listed in any order by level, without touching the settings', () => {
    const settings = settingsOf({
      escalation: [
        { level: 3, afterMinutes: 60, orgLevel: 'group' },
        { level: 1, afterMinutes: 10, orgLevel: 'project' },
        { level: 5, afterMinutes: 0, orgLevel: 'group' },
        { level: 2, afterMinutes: 30, orgLevel: 'city' },
      ],
    })
    const before = structuredClone(settings.escalation)
    expect(escalationSteps(settings).map((s) => s.level)).toEqual([1, 2, 3, 5])
    expect(escalationSteps(settings)[1]).toEqual({ level: 2, afterMinutes: 30, orgLevel: 'city' })
    expect(settings.escalation).toEqual(before)
    expect(escalationSteps(settings)).not.toBe(settings.escalation)
  })

  it('no steps, no escalation', () => {
    expect(escalationSteps(settingsOf({ escalation: [] }))).toEqual([])
  })
})

describe('clockModeOf', () => {
  it('calendar mode needs no calendar, whatever the settings and zone', () => {
    expect(clockModeOf({ mode: 'calendar', timeZone: 'Asia/Shanghai' }, WEEKDAYS)).toEqual({
      kind: 'calendar',
    })
    expect(clockModeOf({ mode: 'calendar', timeZone: 'Not/AZone' }, DEFAULTS)).toEqual({ kind: 'calendar' })
  })

  it('business mode: the community zone with the settings’ days, hours, holidays and make-up workdays', () => {
    const settings = settingsOf({
      businessDays: [1, 2, 3, 4, 5],
      businessStart: '09:00',
      businessEnd: '18:00',
      holidays: ['2025-10-01'],
      workdays: ['2025-09-28'],
    })
    expect(clockModeOf({ mode: 'business', timeZone: 'America/New_York' }, settings)).toEqual({
      kind: 'business',
      calendar: {
        timeZone: 'America/New_York',
        days: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '18:00',
        holidays: ['2025-10-01'],
        workdays: ['2025-09-28'],
      },
    })
    expect(clockModeOf({ mode: 'business', timeZone: 'Asia/Shanghai' }, DEFAULTS)).toEqual({
      kind: 'business',
      calendar: {
        timeZone: 'Asia/Shanghai',
        days: [1, 2, 3, 4, 5, 6, 7],
        start: '08:30',
        end: '17:30',
        holidays: [],
        workdays: [],
      },
    })
  })
})

// ── clockViews ──────────────────────────────────────────────────────────────────────────────────────

describe('clockViews', () => {
  const viewsAt = (inputs: ClockInputs, at: Date, settings: TicketSettings = DEFAULTS) =>
    clockViews(inputs, settings, at)
  const stateAt = (inputs: ClockInputs, at: Date, settings: TicketSettings = DEFAULTS) =>
    viewsAt(inputs, at, settings).map((v) => `${v.clock}:${v.state}`)

  it('a fresh ticket: one view per clock with a target, in clock order, with its numbers', () => {
    expect(viewsAt(ticket(), after(10 * MIN))).toEqual([
      {
        clock: 'response',
        targetMs: HOUR,
        elapsedMs: 10 * MIN,
        remainingMs: 50 * MIN,
        state: 'running',
        dueAt: t('2025-03-03T03:00:00.000Z'),
        warningAt: t('2025-03-03T02:48:00.000Z'),
        stoppedAt: null,
      },
      {
        clock: 'resolution',
        targetMs: 4 * HOUR,
        elapsedMs: 10 * MIN,
        remainingMs: 230 * MIN,
        state: 'running',
        dueAt: t('2025-03-03T06:00:00.000Z'),
        warningAt: t('2025-03-03T05:12:00.000Z'),
        stoppedAt: null,
      },
    ])
  })

  it('clocks with a null target are absent; all three when all have one', () => {
    expect(viewsAt(ticket({ targets: only('arrival', 30) }), T0).map((v) => v.clock)).toEqual(['arrival'])
    expect(viewsAt(ticket({ targets: { response: null, arrival: null, resolution: null } }), T0)).toEqual([])
    const all = ticket({ targets: { response: 15, arrival: 30, resolution: 1440 } })
    expect(viewsAt(all, T0).map((v) => [v.clock, v.targetMs])).toEqual([
      ['response', 15 * MIN],
      ['arrival', 30 * MIN],
      ['resolution', 1440 * MIN],
    ])
  })

  it('running → warning at exactly the warning share → still warning at the target → breached 1 ms later', () => {
    const inputs = ticket({ targets: only('response', 60) })
    expect(stateAt(inputs, T0)).toEqual(['response:running'])
    expect(stateAt(inputs, after(48 * MIN - 1))).toEqual(['response:running'])
    expect(stateAt(inputs, after(48 * MIN))).toEqual(['response:warning'])
    expect(stateAt(inputs, after(60 * MIN))).toEqual(['response:warning'])
    expect(viewsAt(inputs, after(60 * MIN))[0]).toMatchObject({ remainingMs: 0, elapsedMs: HOUR })
    expect(stateAt(inputs, after(60 * MIN + 1))).toEqual(['response:breached'])
    expect(viewsAt(inputs, after(90 * MIN))[0]).toMatchObject({ state: 'breached', remainingMs: -30 * MIN })
  })

  it('warningPercent moves the warning instant (and state) exactly', () => {
    const inputs = ticket({ targets: only('resolution', 100) })
    const half = settingsOf({ warningPercent: 50 })
    expect(iso(viewsAt(inputs, T0, half)[0]!.warningAt)).toBe('2025-03-03T02:50:00.000Z')
    expect(stateAt(inputs, after(50 * MIN - 1), half)).toEqual(['resolution:running'])
    expect(stateAt(inputs, after(50 * MIN), half)).toEqual(['resolution:warning'])
    // With the default 80% the same instant is still running.
    expect(stateAt(inputs, after(50 * MIN))).toEqual(['resolution:running'])
    const late = settingsOf({ warningPercent: 99 })
    expect(iso(viewsAt(inputs, T0, late)[0]!.warningAt)).toBe('2025-03-03T03:39:00.000Z')
  })

  it('paused inside a pause: no due time while the pause is open, shifted once it is closed', () => {
    const open: Pause[] = [{ from: after(20 * MIN), to: null }]
    expect(viewsAt(ticket({ targets: only('response', 60), pauses: open }), after(30 * MIN))).toEqual([
      {
        clock: 'response',
        targetMs: HOUR,
        elapsedMs: 20 * MIN,
        remainingMs: 40 * MIN,
        state: 'paused',
        dueAt: null,
        warningAt: null,
        stoppedAt: null,
      },
    ])
    const closed: Pause[] = [{ from: after(20 * MIN), to: after(50 * MIN) }]
    const views = viewsAt(ticket({ targets: only('response', 60), pauses: closed }), after(40 * MIN))
    expect(views[0]).toMatchObject({
      state: 'paused',
      elapsedMs: 20 * MIN,
      dueAt: after(90 * MIN),
      warningAt: after(78 * MIN),
    })
    expect(
      viewsAt(ticket({ targets: only('response', 60), pauses: closed }), after(60 * MIN))[0]!.state,
    ).toBe('running')
  })

  it('a clock breached before a pause stays breached during it', () => {
    const inputs = ticket({ targets: only('response', 60), pauses: [{ from: after(70 * MIN), to: null }] })
    expect(viewsAt(inputs, after(100 * MIN))[0]).toMatchObject({
      state: 'breached',
      elapsedMs: 70 * MIN,
      dueAt: after(60 * MIN),
      warningAt: after(48 * MIN),
    })
  })

  it('a stopped clock is met within target (exactly at it, too) and met_late after it, measured at the stop', () => {
    const at = after(10 * HOUR)
    const met = viewsAt(
      ticket({ targets: only('response', 60), stoppedAt: stopped({ response: after(30 * MIN) }) }),
      at,
    )
    expect(met).toEqual([
      {
        clock: 'response',
        targetMs: HOUR,
        elapsedMs: 30 * MIN,
        remainingMs: 30 * MIN,
        state: 'met',
        dueAt: after(60 * MIN),
        warningAt: after(48 * MIN),
        stoppedAt: after(30 * MIN),
      },
    ])
    const onTheDot = ticket({ targets: only('response', 60), stoppedAt: stopped({ response: after(HOUR) }) })
    expect(viewsAt(onTheDot, at)[0]).toMatchObject({ state: 'met', remainingMs: 0 })
    const late = ticket({ targets: only('response', 60), stoppedAt: stopped({ response: after(HOUR + 1) }) })
    expect(viewsAt(late, at)[0]).toMatchObject({ state: 'met_late', remainingMs: -1, elapsedMs: HOUR + 1 })
  })

  it('a finished ticket’s clock that was never stopped ends when the ticket did, and runs no more', () => {
    // Cancelled 10 minutes in, before the 60-minute target: met, and still met hours later.
    const cancelled = ticket({ finished: true, finishedAt: after(10 * MIN), targets: only('response', 60) })
    for (const at of [10, 50, 61, 300]) expect(stateAt(cancelled, after(at * MIN))).toEqual(['response:met'])
    expect(viewsAt(cancelled, after(300 * MIN))[0]).toMatchObject({
      elapsedMs: 10 * MIN,
      stoppedAt: after(10 * MIN),
    })
    expect(worstRunningState(viewsAt(cancelled, after(300 * MIN)))).toBeNull()
    expect(earliestDue(viewsAt(cancelled, after(300 * MIN)))).toBeNull()
    // Closed after its target: it ended late, it is not breaching now.
    const late = ticket({ finished: true, finishedAt: after(61 * MIN), targets: only('response', 60) })
    expect(stateAt(late, after(300 * MIN))).toEqual(['response:met_late'])
    // A pause open when the ticket finished: the paused time is not counted.
    const paused = ticket({
      finished: true,
      finishedAt: after(100 * MIN),
      targets: only('response', 60),
      pauses: [{ from: after(5 * MIN), to: null }],
    })
    expect(viewsAt(paused, after(200 * MIN))[0]).toMatchObject({ elapsedMs: 5 * MIN, state: 'met' })
  })

  it('a finished ticket: stopped clocks keep met/met_late, an unstopped one ends at the finish', () => {
    const finished = ticket({
      finished: true,
      finishedAt: after(300 * MIN),
      targets: { response: 60, arrival: 120, resolution: 240 },
      stoppedAt: stopped({ response: after(61 * MIN), arrival: after(30 * MIN) }),
      pauses: [{ from: after(250 * MIN), to: null }],
    })
    expect(stateAt(finished, after(900 * MIN))).toEqual([
      'response:met_late',
      'arrival:met',
      'resolution:met_late',
    ])
  })

  it('business mode: the views count business time in the community’s zone', () => {
    // Friday 17:00 in Shanghai, 60 minutes: 30 on Friday, 30 from Monday 08:30.
    const friday = t('2025-03-07T17:00:00+08:00')
    const inputs = ticket({ createdAt: friday, targets: only('response', 60), mode: 'business' })
    const saturday = t('2025-03-08T12:00:00+08:00')
    expect(clockViews(inputs, WEEKDAYS, saturday)).toEqual([
      {
        clock: 'response',
        targetMs: HOUR,
        elapsedMs: 30 * MIN,
        remainingMs: 30 * MIN,
        state: 'running',
        dueAt: t('2025-03-10T01:00:00.000Z'),
        warningAt: t('2025-03-10T00:48:00.000Z'),
        stoppedAt: null,
      },
    ])
    expect(clockViews(inputs, WEEKDAYS, t('2025-03-10T01:00:00.001Z'))[0]!.state).toBe('breached')
    // In calendar mode the same ticket breached on Friday evening.
    const calendar = { ...inputs, mode: 'calendar' as const }
    expect(clockViews(calendar, WEEKDAYS, saturday)[0]).toMatchObject({
      state: 'breached',
      dueAt: t('2025-03-07T10:00:00.000Z'),
    })
  })
})

// ── worstRunningState / earliestDue ─────────────────────────────────────────────────────────────────

describe('worstRunningState and earliestDue', () => {
  const view = (
    clock: SlaClockName,
    state: ClockView['state'],
    dueAt: Date | null,
    stoppedAt: Date | null = null,
  ): ClockView => ({
    clock,
    targetMs: HOUR,
    elapsedMs: 0,
    remainingMs: HOUR,
    state,
    dueAt,
    warningAt: null,
    stoppedAt,
  })
  const early = after(HOUR)
  const late = after(2 * HOUR)

  it('no views, or no running clock: null', () => {
    expect(worstRunningState([])).toBeNull()
    expect(earliestDue([])).toBeNull()
    const done = [view('response', 'met', early, T0), view('resolution', 'met_late', late, late)]
    expect(worstRunningState(done)).toBeNull()
    expect(earliestDue(done)).toBeNull()
  })

  it('severity: breached > warning > running = paused', () => {
    expect(worstRunningState([view('response', 'running', early)])).toBe('running')
    expect(worstRunningState([view('response', 'paused', null)])).toBe('paused')
    expect(worstRunningState([view('response', 'running', early), view('resolution', 'warning', late)])).toBe(
      'warning',
    )
    expect(worstRunningState([view('response', 'warning', early), view('resolution', 'running', late)])).toBe(
      'warning',
    )
    expect(
      worstRunningState([
        view('response', 'warning', early),
        view('arrival', 'breached', late),
        view('resolution', 'paused', null),
      ]),
    ).toBe('breached')
    expect(
      worstRunningState([view('response', 'breached', early), view('resolution', 'warning', late)]),
    ).toBe('breached')
    // Equal severity: the first one listed is kept.
    expect(worstRunningState([view('response', 'running', early), view('resolution', 'paused', null)])).toBe(
      'running',
    )
    expect(worstRunningState([view('response', 'paused', null), view('resolution', 'running', early)])).toBe(
      'paused',
    )
  })

  it('ignores stopped clocks, however late they were, and the met clocks of a finished ticket', () => {
    const views = [
      view('response', 'met_late', early, early),
      view('arrival', 'breached', early, late), // stopped at a later instant than the view was taken
      view('resolution', 'running', late),
    ]
    expect(worstRunningState(views)).toBe('running')
    expect(worstRunningState([view('resolution', 'met', late)])).toBeNull()
    expect(worstRunningState([view('resolution', 'met', late), view('response', 'paused', null)])).toBe(
      'paused',
    )
  })

  it('earliestDue: the earliest due time of an unstopped clock, skipping unknown ones', () => {
    expect(earliestDue([view('response', 'running', late), view('resolution', 'running', early)])).toEqual(
      early,
    )
    expect(earliestDue([view('response', 'running', early), view('resolution', 'running', late)])).toEqual(
      early,
    )
    expect(earliestDue([view('response', 'met', early, T0), view('resolution', 'running', late)])).toEqual(
      late,
    )
    expect(earliestDue([view('response', 'paused', null), view('resolution', 'warning', late)])).toEqual(late)
    expect(earliestDue([view('response', 'paused', null), view('resolution', 'paused', null)])).toBeNull()
    // A breached clock's due time is in the past and still counts.
    const past = after(-HOUR)
    expect(earliestDue([view('response', 'breached', past), view('resolution', 'running', late)])).toEqual(
      past,
    )
  })

  it('on real views: a ticket with a stopped response clock is coloured by its resolution clock', () => {
    const inputs = ticket({
      targets: { response: 60, arrival: 120, resolution: 240 },
      stoppedAt: stopped({ response: after(90 * MIN) }),
    })
    const views = clockViews(inputs, DEFAULTS, after(100 * MIN))
    expect(views.map((v) => v.state)).toEqual(['met_late', 'warning', 'running'])
    expect(worstRunningState(views)).toBe('warning')
    expect(iso(earliestDue(views))).toBe('2025-03-03T04:00:00.000Z') // arrival, not the stopped response
    const later = clockViews(inputs, DEFAULTS, after(121 * MIN))
    expect(worstRunningState(later)).toBe('breached')
    expect(iso(earliestDue(later))).toBe('2025-03-03T04:00:00.000Z')
  })
})

// ── slaAgenda ───────────────────────────────────────────────────────────────────────────────────────

describe('slaAgenda in calendar time', () => {
  // Response 60 min: warning 02:48, breach 03:00:00.001, escalations +0 / +120 / +480 min after the breach.
  // Resolution 240 min: warning 05:12, breach 06:00:00.001, escalations 06:00:00.001 / 08:00:00.001 / 14:00:00.001.
  const inputs = ticket()

  it('a fresh ticket owes nothing; the next check is its earliest warning', () => {
    expect(slaAgenda(inputs, DEFAULTS, NOTHING_RAISED, T0)).toEqual({
      due: [],
      nextCheckAt: t('2025-03-03T02:48:00.000Z'),
    })
  })

  it('the warning is due at exactly the warning instant, not 1 ms before', () => {
    const before = slaAgenda(inputs, DEFAULTS, NOTHING_RAISED, t('2025-03-03T02:47:59.999Z'))
    expect(before).toEqual({ due: [], nextCheckAt: t('2025-03-03T02:48:00.000Z') })
    const at = slaAgenda(inputs, DEFAULTS, NOTHING_RAISED, t('2025-03-03T02:48:00.000Z'))
    expect(at.due).toEqual([
      { clock: 'response', kind: 'warning', level: 0, cycle: 0, at: t('2025-03-03T02:48:00.000Z') },
    ])
    // The breach is next, one millisecond past the target.
    expect(iso(at.nextCheckAt)).toBe('2025-03-03T03:00:00.001Z')
  })

  it('the breach is due only strictly after the target', () => {
    const raised = new Set(['response:warning:0:0'])
    const atTarget = slaAgenda(inputs, DEFAULTS, raised, t('2025-03-03T03:00:00.000Z'))
    expect(atTarget).toEqual({ due: [], nextCheckAt: t('2025-03-03T03:00:00.001Z') })
    const past = slaAgenda(inputs, DEFAULTS, raised, t('2025-03-03T03:00:00.001Z'))
    expect(dueList(past)).toEqual([
      'response:breach:0:0@2025-03-03T03:00:00.001Z',
      'response:escalation:1:0@2025-03-03T03:00:00.001Z',
    ])
    expect(iso(past.nextCheckAt)).toBe('2025-03-03T05:00:00.001Z')
  })

  it('escalation steps fall due at breach + afterMinutes, level by level', () => {
    const raised = new Set(['response:warning:0:0', 'response:breach:0:0', 'response:escalation:1:0'])
    expect(dueList(slaAgenda(inputs, DEFAULTS, raised, t('2025-03-03T05:00:00.000Z')))).toEqual([])
    const level2 = slaAgenda(inputs, DEFAULTS, raised, t('2025-03-03T05:00:00.001Z'))
    expect(dueList(level2)).toEqual(['response:escalation:2:0@2025-03-03T05:00:00.001Z'])
    expect(iso(level2.nextCheckAt)).toBe('2025-03-03T05:12:00.000Z') // the resolution warning
  })

  it('everything owed at once, in the order it fell due (levels in order at the same instant)', () => {
    const agenda = slaAgenda(inputs, DEFAULTS, NOTHING_RAISED, t('2025-03-03T11:00:00.001Z'))
    expect(dueList(agenda)).toEqual([
      'response:warning:0:0@2025-03-03T02:48:00.000Z',
      'response:breach:0:0@2025-03-03T03:00:00.001Z',
      'response:escalation:1:0@2025-03-03T03:00:00.001Z',
      'response:escalation:2:0@2025-03-03T05:00:00.001Z',
      'resolution:warning:0:0@2025-03-03T05:12:00.000Z',
      'resolution:breach:0:0@2025-03-03T06:00:00.001Z',
      'resolution:escalation:1:0@2025-03-03T06:00:00.001Z',
      'resolution:escalation:2:0@2025-03-03T08:00:00.001Z',
      'response:escalation:3:0@2025-03-03T11:00:00.001Z',
    ])
    expect(iso(agenda.nextCheckAt)).toBe('2025-03-03T14:00:00.001Z')
  })

  it('raised keys suppress their alerts: a second run at the same instant owes nothing', () => {
    const at = t('2025-03-03T11:00:00.001Z')
    const first = slaAgenda(inputs, DEFAULTS, NOTHING_RAISED, at)
    const raised = raisedAfter(NOTHING_RAISED, first)
    expect(raised.size).toBe(9)
    const second = slaAgenda(inputs, DEFAULTS, raised, at)
    expect(second).toEqual({ due: [], nextCheckAt: t('2025-03-03T14:00:00.001Z') })
    const last = slaAgenda(inputs, DEFAULTS, raised, t('2025-03-03T14:00:00.001Z'))
    expect(dueList(last)).toEqual(['resolution:escalation:3:0@2025-03-03T14:00:00.001Z'])
    const done = slaAgenda(inputs, DEFAULTS, raisedAfter(raised, last), t('2025-04-01T00:00:00Z'))
    expect(done).toEqual({ due: [], nextCheckAt: null })
  })

  it('a raised alert that is not due yet is not the next check either', () => {
    const raised = new Set(['response:warning:0:0', 'response:breach:0:0'])
    expect(iso(slaAgenda(inputs, DEFAULTS, raised, T0).nextCheckAt)).toBe('2025-03-03T03:00:00.001Z')
    const allResponse = new Set([
      ...raised,
      'response:escalation:1:0',
      'response:escalation:2:0',
      'response:escalation:3:0',
    ])
    expect(iso(slaAgenda(inputs, DEFAULTS, allResponse, T0).nextCheckAt)).toBe('2025-03-03T05:12:00.000Z')
  })

  it('steps listed out of order are owed in level order; no steps, no escalation', () => {
    const shuffled = settingsOf({
      escalation: [
        { level: 3, afterMinutes: 0, orgLevel: 'group' },
        { level: 1, afterMinutes: 0, orgLevel: 'project' },
        { level: 2, afterMinutes: 0, orgLevel: 'city' },
      ],
    })
    const one = ticket({ targets: only('arrival', 30) })
    expect(dueList(slaAgenda(one, shuffled, new Set(['arrival:warning:0:0']), after(HOUR)))).toEqual([
      'arrival:breach:0:0@2025-03-03T02:30:00.001Z',
      'arrival:escalation:1:0@2025-03-03T02:30:00.001Z',
      'arrival:escalation:2:0@2025-03-03T02:30:00.001Z',
      'arrival:escalation:3:0@2025-03-03T02:30:00.001Z',
    ])
    // A later step listed first still comes after an earlier one.
    const reversed = settingsOf({
      escalation: [
        { level: 2, afterMinutes: 30, orgLevel: 'city' },
        { level: 1, afterMinutes: 10, orgLevel: 'project' },
      ],
    })
    expect(dueList(slaAgenda(one, reversed, new Set(['arrival:warning:0:0']), after(HOUR + 1)))).toEqual([
      'arrival:breach:0:0@2025-03-03T02:30:00.001Z',
      'arrival:escalation:1:0@2025-03-03T02:40:00.001Z',
      'arrival:escalation:2:0@2025-03-03T03:00:00.001Z',
    ])
    const none = settingsOf({ escalation: [] })
    const agenda = slaAgenda(one, none, NOTHING_RAISED, after(DAY))
    expect(dueList(agenda)).toEqual([
      'arrival:warning:0:0@2025-03-03T02:24:00.000Z',
      'arrival:breach:0:0@2025-03-03T02:30:00.001Z',
    ])
    expect(agenda.nextCheckAt).toBeNull()
  })

  it('the three clocks of an emergency repair (15 / 30 / 1440 min)', () => {
    const emergency = ticket({ targets: { response: 15, arrival: 30, resolution: 1440 } })
    const agenda = slaAgenda(emergency, DEFAULTS, NOTHING_RAISED, after(30 * MIN + 1))
    expect(dueList(agenda)).toEqual([
      'response:warning:0:0@2025-03-03T02:12:00.000Z',
      'response:breach:0:0@2025-03-03T02:15:00.001Z',
      'response:escalation:1:0@2025-03-03T02:15:00.001Z',
      'arrival:warning:0:0@2025-03-03T02:24:00.000Z',
      'arrival:breach:0:0@2025-03-03T02:30:00.001Z',
      'arrival:escalation:1:0@2025-03-03T02:30:00.001Z',
    ])
    expect(iso(agenda.nextCheckAt)).toBe('2025-03-03T04:15:00.001Z')
  })

  it('a zero target warns at creation and breaches 1 ms later', () => {
    const zero = ticket({ targets: only('response', 0) })
    expect(dueList(slaAgenda(zero, DEFAULTS, NOTHING_RAISED, T0))).toEqual([
      'response:warning:0:0@2025-03-03T02:00:00.000Z',
    ])
    expect(dueList(slaAgenda(zero, DEFAULTS, new Set(['response:warning:0:0']), after(1)))).toEqual([
      'response:breach:0:0@2025-03-03T02:00:00.001Z',
      'response:escalation:1:0@2025-03-03T02:00:00.001Z',
    ])
  })

  it('stopped clocks owe nothing, even long past their target', () => {
    const responded = ticket({ stoppedAt: stopped({ response: after(90 * MIN) }) })
    const agenda = slaAgenda(responded, DEFAULTS, NOTHING_RAISED, t('2025-03-03T06:00:00.001Z'))
    expect(dueList(agenda)).toEqual([
      'resolution:warning:0:0@2025-03-03T05:12:00.000Z',
      'resolution:breach:0:0@2025-03-03T06:00:00.001Z',
      'resolution:escalation:1:0@2025-03-03T06:00:00.001Z',
    ])
    expect(iso(agenda.nextCheckAt)).toBe('2025-03-03T08:00:00.001Z')
    const allStopped = ticket({
      stoppedAt: stopped({ response: after(30 * MIN), resolution: after(100 * MIN) }),
    })
    expect(slaAgenda(allStopped, DEFAULTS, NOTHING_RAISED, after(30 * DAY))).toEqual({
      due: [],
      nextCheckAt: null,
    })
    // A clock without a target is never owed anything, stopped or not.
    expect(
      slaAgenda(
        ticket({ targets: only('arrival', 30), stoppedAt: stopped({ arrival: T0 }) }),
        DEFAULTS,
        NOTHING_RAISED,
        after(DAY),
      ),
    ).toEqual({ due: [], nextCheckAt: null })
  })

  it('finished tickets owe nothing at all', () => {
    for (const at of [T0, after(DAY), after(365 * DAY)]) {
      expect(slaAgenda(ticket({ finished: true }), DEFAULTS, NOTHING_RAISED, at)).toEqual({
        due: [],
        nextCheckAt: null,
      })
      expect(slaAgenda(ticket({ finished: true, reopenCount: 3 }), DEFAULTS, NOTHING_RAISED, at)).toEqual({
        due: [],
        nextCheckAt: null,
      })
    }
  })

  it('warningPercent moves the warning to floor(target × percent), exactly, for every percent', () => {
    const seven = ticket({ targets: only('resolution', 7) }) // 420 000 ms
    for (let percent = 1; percent <= 99; percent++) {
      const settings = settingsOf({ warningPercent: percent })
      const warning = Math.floor((7 * MIN * percent) / 100)
      expect(slaAgenda(seven, settings, NOTHING_RAISED, T0).nextCheckAt).toEqual(after(warning))
      expect(slaAgenda(seven, settings, NOTHING_RAISED, after(warning - 1)).due).toEqual([])
      expect(dueList(slaAgenda(seven, settings, NOTHING_RAISED, after(warning)))).toEqual([
        `resolution:warning:0:0@${after(warning).toISOString()}`,
      ])
    }
    // 75% of one hour is 45 minutes; 1% of a minute is 600 ms.
    expect(iso(slaAgenda(ticket(), settingsOf({ warningPercent: 75 }), NOTHING_RAISED, T0).nextCheckAt)).toBe(
      '2025-03-03T02:45:00.000Z',
    )
    const minute = ticket({ targets: only('response', 1) })
    expect(iso(slaAgenda(minute, settingsOf({ warningPercent: 1 }), NOTHING_RAISED, T0).nextCheckAt)).toBe(
      '2025-03-03T02:00:00.600Z',
    )
  })
})

describe('slaAgenda: reopened tickets', () => {
  // Resolution 240 min: warning 05:12, breach 06:00:00.001, escalations 06:00:00.001 / 08:00:00.001 / 14:00:00.001.
  const firstCycle = new Set(['resolution:warning:0:0', 'resolution:breach:0:0', 'resolution:escalation:1:0'])

  it('the resolution clock’s cycle is the reopen count; the response and arrival clocks stay in cycle 0', () => {
    const reopened = ticket({ targets: { response: 60, arrival: 120, resolution: 240 }, reopenCount: 2 })
    const agenda = slaAgenda(reopened, DEFAULTS, NOTHING_RAISED, t('2025-03-03T05:12:00.000Z'))
    expect(agenda.due.map((a) => [a.clock, a.kind, a.level, a.cycle])).toEqual([
      ['response', 'warning', 0, 0],
      ['response', 'breach', 0, 0],
      ['response', 'escalation', 1, 0],
      ['arrival', 'warning', 0, 0],
      ['arrival', 'breach', 0, 0],
      ['arrival', 'escalation', 1, 0],
      ['response', 'escalation', 2, 0],
      ['resolution', 'warning', 0, 2],
    ])
  })

  it('a reopened ticket owes a new resolution warning and breach while the old cycle’s keys are raised', () => {
    const at = t('2025-03-03T07:00:00Z')
    // Resolved late in cycle 0, then reopened: the clock runs again from the ticket's creation.
    const beforeReopen = ticket({
      targets: only('resolution', 240),
      stoppedAt: stopped({ resolution: t('2025-03-03T06:30:00Z') }),
    })
    expect(slaAgenda(beforeReopen, DEFAULTS, firstCycle, at)).toEqual({ due: [], nextCheckAt: null })
    const reopened = ticket({ targets: only('resolution', 240), reopenCount: 1 })
    const agenda = slaAgenda(reopened, DEFAULTS, firstCycle, at)
    expect(dueList(agenda)).toEqual([
      'resolution:warning:0:1@2025-03-03T05:12:00.000Z',
      'resolution:breach:0:1@2025-03-03T06:00:00.001Z',
      'resolution:escalation:1:1@2025-03-03T06:00:00.001Z',
    ])
    expect(iso(agenda.nextCheckAt)).toBe('2025-03-03T08:00:00.001Z')
    // Once cycle 1 is raised, the same run owes nothing; a second reopen owes cycle 2.
    const both = raisedAfter(firstCycle, agenda)
    expect(slaAgenda(reopened, DEFAULTS, both, at).due).toEqual([])
    expect(dueList(slaAgenda({ ...reopened, reopenCount: 2 }, DEFAULTS, both, at))).toEqual([
      'resolution:warning:0:2@2025-03-03T05:12:00.000Z',
      'resolution:breach:0:2@2025-03-03T06:00:00.001Z',
      'resolution:escalation:1:2@2025-03-03T06:00:00.001Z',
    ])
  })

  it('keys of another cycle suppress nothing in this one', () => {
    const reopened = ticket({ targets: only('resolution', 240), reopenCount: 1 })
    const wrongCycle = new Set(['resolution:warning:0:0', 'resolution:warning:0:2'])
    expect(dueList(slaAgenda(reopened, DEFAULTS, wrongCycle, t('2025-03-03T05:12:00.000Z')))).toEqual([
      'resolution:warning:0:1@2025-03-03T05:12:00.000Z',
    ])
  })
})

describe('slaAgenda: pauses', () => {
  it('an open pause hides the next check when only the paused clock remains', () => {
    const held = ticket({
      stoppedAt: stopped({ response: after(30 * MIN) }),
      pauses: [{ from: after(90 * MIN), to: null }],
    })
    expect(slaAgenda(held, DEFAULTS, NOTHING_RAISED, after(100 * MIN))).toEqual({
      due: [],
      nextCheckAt: null,
    })
    expect(slaAgenda(held, DEFAULTS, NOTHING_RAISED, after(30 * DAY))).toEqual({ due: [], nextCheckAt: null })
    // Before the pause began (seen from before it), the same ticket would have had its warning next.
    const unheld = ticket({ stoppedAt: stopped({ response: after(30 * MIN) }) })
    expect(iso(slaAgenda(unheld, DEFAULTS, NOTHING_RAISED, after(80 * MIN)).nextCheckAt)).toBe(
      '2025-03-03T05:12:00.000Z',
    )
  })

  it('a warning reached before the pause is due; the breach behind the pause is unknown', () => {
    // Resolution 240 min: warning at 192 min; on hold from 200 min.
    const held = ticket({ targets: only('resolution', 240), pauses: [{ from: after(200 * MIN), to: null }] })
    expect(slaAgenda(held, DEFAULTS, NOTHING_RAISED, after(10 * HOUR))).toEqual({
      due: [{ clock: 'resolution', kind: 'warning', level: 0, cycle: 0, at: t('2025-03-03T05:12:00.000Z') }],
      nextCheckAt: null,
    })
  })

  it('a breach that happened before the pause is still due, and its escalations run on in calendar time', () => {
    // Response breached at 60 min + 1 ms, on hold from 90 min; resolution (240) is hidden behind the pause.
    const held = ticket({ pauses: [{ from: after(90 * MIN), to: null }] })
    const agenda = slaAgenda(held, DEFAULTS, NOTHING_RAISED, after(120 * MIN))
    expect(dueList(agenda)).toEqual([
      'response:warning:0:0@2025-03-03T02:48:00.000Z',
      'response:breach:0:0@2025-03-03T03:00:00.001Z',
      'response:escalation:1:0@2025-03-03T03:00:00.001Z',
    ])
    expect(iso(agenda.nextCheckAt)).toBe('2025-03-03T05:00:00.001Z')
    const later = slaAgenda(held, DEFAULTS, raisedAfter(NOTHING_RAISED, agenda), after(10 * HOUR))
    expect(dueList(later)).toEqual([
      'response:escalation:2:0@2025-03-03T05:00:00.001Z',
      'response:escalation:3:0@2025-03-03T11:00:00.001Z',
    ])
    expect(later.nextCheckAt).toBeNull()
  })

  it('a closed pause shifts the warning, the breach and the escalations by its length', () => {
    const paused = ticket({
      targets: only('resolution', 240),
      pauses: [{ from: after(90 * MIN), to: after(150 * MIN) }],
    })
    expect(iso(slaAgenda(paused, DEFAULTS, NOTHING_RAISED, T0).nextCheckAt)).toBe('2025-03-03T06:12:00.000Z')
    expect(dueList(slaAgenda(paused, DEFAULTS, NOTHING_RAISED, t('2025-03-03T09:00:00.001Z')))).toEqual([
      'resolution:warning:0:0@2025-03-03T06:12:00.000Z',
      'resolution:breach:0:0@2025-03-03T07:00:00.001Z',
      'resolution:escalation:1:0@2025-03-03T07:00:00.001Z',
      'resolution:escalation:2:0@2025-03-03T09:00:00.001Z',
    ])
  })

  it('a pause that ended before the ticket was created changes nothing', () => {
    const plain = slaAgenda(ticket(), DEFAULTS, NOTHING_RAISED, t('2025-03-03T11:00:00.001Z'))
    const early = ticket({ pauses: [{ from: after(-DAY), to: after(-HOUR) }] })
    expect(slaAgenda(early, DEFAULTS, NOTHING_RAISED, t('2025-03-03T11:00:00.001Z'))).toEqual(plain)
  })
})

describe('slaAgenda in business time', () => {
  // Asia/Shanghai (UTC+8, no DST), Monday–Friday 08:30–17:30. A ticket created Friday 2025-03-07 17:00
  // local with a 60-minute target counts 30 minutes on Friday and 30 from Monday 08:30: due Monday 09:00.
  const friday = t('2025-03-07T17:00:00+08:00')
  const shanghai = ticket({ createdAt: friday, targets: only('response', 60), mode: 'business' })

  it('Friday 17:00 + 60 business minutes: warning Monday 08:48, breach just after Monday 09:00', () => {
    expect(slaAgenda(shanghai, WEEKDAYS, NOTHING_RAISED, friday)).toEqual({
      due: [],
      nextCheckAt: t('2025-03-10T00:48:00.000Z'), // Monday 08:48 +08:00
    })
    // Nothing is owed over the weekend.
    expect(slaAgenda(shanghai, WEEKDAYS, NOTHING_RAISED, t('2025-03-09T23:59:59.999+08:00')).due).toEqual([])
    expect(slaAgenda(shanghai, WEEKDAYS, NOTHING_RAISED, t('2025-03-10T00:47:59.999Z')).due).toEqual([])
    expect(dueList(slaAgenda(shanghai, WEEKDAYS, NOTHING_RAISED, t('2025-03-10T00:48:00.000Z')))).toEqual([
      'response:warning:0:0@2025-03-10T00:48:00.000Z',
    ])
    const warned = new Set(['response:warning:0:0'])
    expect(slaAgenda(shanghai, WEEKDAYS, warned, t('2025-03-10T01:00:00.000Z'))).toEqual({
      due: [],
      nextCheckAt: t('2025-03-10T01:00:00.001Z'),
    })
    const breach = slaAgenda(shanghai, WEEKDAYS, warned, t('2025-03-10T01:00:00.001Z'))
    expect(dueList(breach)).toEqual([
      'response:breach:0:0@2025-03-10T01:00:00.001Z',
      'response:escalation:1:0@2025-03-10T01:00:00.001Z',
    ])
    expect(iso(breach.nextCheckAt)).toBe('2025-03-10T03:00:00.001Z') // Monday 11:00 +08:00
  })

  it('escalations count calendar time after the breach, even outside business hours', () => {
    const evening = settingsOf({
      businessDays: [1, 2, 3, 4, 5],
      escalation: [
        { level: 1, afterMinutes: 0, orgLevel: 'project' },
        { level: 2, afterMinutes: 480, orgLevel: 'city' }, // Monday 17:00:00.001 local
        { level: 3, afterMinutes: 600, orgLevel: 'group' }, // Monday 19:00:00.001 local, after closing
      ],
    })
    expect(dueList(slaAgenda(shanghai, evening, NOTHING_RAISED, t('2025-03-10T19:00:00.001+08:00')))).toEqual(
      [
        'response:warning:0:0@2025-03-10T00:48:00.000Z',
        'response:breach:0:0@2025-03-10T01:00:00.001Z',
        'response:escalation:1:0@2025-03-10T01:00:00.001Z',
        'response:escalation:2:0@2025-03-10T09:00:00.001Z',
        'response:escalation:3:0@2025-03-10T11:00:00.001Z',
      ],
    )
  })

  it('a holiday on the Monday moves everything to Tuesday', () => {
    const holiday = settingsOf({ businessDays: [1, 2, 3, 4, 5], holidays: ['2025-03-10'] })
    expect(iso(slaAgenda(shanghai, holiday, NOTHING_RAISED, friday).nextCheckAt)).toBe(
      '2025-03-11T00:48:00.000Z',
    )
    expect(dueList(slaAgenda(shanghai, holiday, NOTHING_RAISED, t('2025-03-10T23:00:00+08:00')))).toEqual([])
    expect(dueList(slaAgenda(shanghai, holiday, NOTHING_RAISED, t('2025-03-11T09:00:00.001+08:00')))).toEqual(
      [
        'response:warning:0:0@2025-03-11T00:48:00.000Z',
        'response:breach:0:0@2025-03-11T01:00:00.001Z',
        'response:escalation:1:0@2025-03-11T01:00:00.001Z',
      ],
    )
  })

  it('a make-up workday on the Saturday moves everything to Saturday 09:00', () => {
    const makeUp = settingsOf({ businessDays: [1, 2, 3, 4, 5], workdays: ['2025-03-08'] })
    expect(iso(slaAgenda(shanghai, makeUp, NOTHING_RAISED, friday).nextCheckAt)).toBe(
      '2025-03-08T00:48:00.000Z',
    )
    expect(dueList(slaAgenda(shanghai, makeUp, NOTHING_RAISED, t('2025-03-08T09:00:00.001+08:00')))).toEqual([
      'response:warning:0:0@2025-03-08T00:48:00.000Z',
      'response:breach:0:0@2025-03-08T01:00:00.001Z',
      'response:escalation:1:0@2025-03-08T01:00:00.001Z',
    ])
    // … and wins over the Monday holiday, which no longer matters.
    const both = settingsOf({
      businessDays: [1, 2, 3, 4, 5],
      workdays: ['2025-03-08'],
      holidays: ['2025-03-10'],
    })
    expect(iso(slaAgenda(shanghai, both, NOTHING_RAISED, friday).nextCheckAt)).toBe(
      '2025-03-08T00:48:00.000Z',
    )
  })

  it('the same instant in another zone: a UTC community’s Friday 09:00 ticket is due Friday 10:00 UTC', () => {
    const utc = { ...shanghai, timeZone: 'UTC' }
    expect(iso(slaAgenda(utc, WEEKDAYS, NOTHING_RAISED, friday).nextCheckAt)).toBe('2025-03-07T09:48:00.000Z')
    expect(dueList(slaAgenda(utc, WEEKDAYS, NOTHING_RAISED, t('2025-03-07T10:00:00.001Z')))).toEqual([
      'response:warning:0:0@2025-03-07T09:48:00.000Z',
      'response:breach:0:0@2025-03-07T10:00:00.001Z',
      'response:escalation:1:0@2025-03-07T10:00:00.001Z',
    ])
  })

  it('a pause across the night: Thursday 17:15 to Friday 09:00 shifts the due time to Friday 10:45', () => {
    // Created Thursday 17:00, 120 minutes: 15 on Thursday, then 105 from Friday 09:00.
    const thursday = t('2025-03-06T17:00:00+08:00')
    const base = ticket({ createdAt: thursday, targets: only('resolution', 120), mode: 'business' })
    // Without the pause: 30 on Thursday, 90 on Friday from 08:30 → 10:00; warning (96) at 09:36.
    expect(iso(slaAgenda(base, WEEKDAYS, NOTHING_RAISED, thursday).nextCheckAt)).toBe(
      '2025-03-07T01:36:00.000Z',
    )
    const held = {
      ...base,
      pauses: [{ from: t('2025-03-06T17:15:00+08:00'), to: t('2025-03-07T09:00:00+08:00') }],
    }
    expect(iso(slaAgenda(held, WEEKDAYS, NOTHING_RAISED, thursday).nextCheckAt)).toBe(
      '2025-03-07T02:21:00.000Z',
    )
    expect(dueList(slaAgenda(held, WEEKDAYS, NOTHING_RAISED, t('2025-03-07T10:45:00.001+08:00')))).toEqual([
      'resolution:warning:0:0@2025-03-07T02:21:00.000Z',
      'resolution:breach:0:0@2025-03-07T02:45:00.001Z',
      'resolution:escalation:1:0@2025-03-07T02:45:00.001Z',
    ])
    expect(slaAgenda(held, WEEKDAYS, NOTHING_RAISED, t('2025-03-07T10:45:00.000+08:00')).due).toHaveLength(1)
  })

  it('an open pause over the weekend hides the next check in business mode too', () => {
    const held = { ...shanghai, pauses: [{ from: t('2025-03-08T10:00:00+08:00'), to: null }] }
    expect(slaAgenda(held, WEEKDAYS, NOTHING_RAISED, t('2025-03-12T12:00:00+08:00'))).toEqual({
      due: [],
      nextCheckAt: null,
    })
  })

  it('warningPercent in business time: 50% of 60 business minutes is Friday 17:30 (the last Friday minute)', () => {
    const half = settingsOf({ businessDays: [1, 2, 3, 4, 5], warningPercent: 50 })
    expect(iso(slaAgenda(shanghai, half, NOTHING_RAISED, friday).nextCheckAt)).toBe(
      '2025-03-07T09:30:00.000Z',
    )
    const ninety = settingsOf({ businessDays: [1, 2, 3, 4, 5], warningPercent: 90 })
    expect(iso(slaAgenda(shanghai, ninety, NOTHING_RAISED, friday).nextCheckAt)).toBe(
      '2025-03-10T00:54:00.000Z',
    )
  })
})

describe('slaAgenda: a due instant where the clock stops counting', () => {
  const keys = (due: { clock: string; kind: string; level: number }[]) =>
    due.map((a) => `${a.clock}:${a.kind}:${a.level}`)

  it('business time: a target reached at closing time is not breached until counting resumes', () => {
    // Friday 16:30 in Shanghai, 60 minutes: due at 17:30 closing, breached only after Monday 08:30.
    const inputs = ticket({
      createdAt: t('2025-03-07T16:30:00+08:00'),
      targets: { response: 60, arrival: null, resolution: null },
      mode: 'business',
    })
    const saturday = slaAgenda(
      inputs,
      WEEKDAYS,
      new Set(['response:warning:0:0']),
      t('2025-03-08T12:00:00+08:00'),
    )
    expect(saturday.due).toEqual([])
    expect(saturday.nextCheckAt?.toISOString()).toBe('2025-03-10T00:30:00.001Z')
    expect(clockViews(inputs, WEEKDAYS, t('2025-03-08T12:00:00+08:00'))[0]?.state).toBe('warning')
    const monday = slaAgenda(
      inputs,
      WEEKDAYS,
      new Set(['response:warning:0:0']),
      t('2025-03-10T08:30:00.001+08:00'),
    )
    expect(keys(monday.due)).toEqual(['response:breach:0', 'response:escalation:1'])
  })

  it('calendar time: a pause that begins at the due instant holds the breach back', () => {
    const inputs = ticket({
      targets: { response: 60, arrival: null, resolution: null },
      pauses: [{ from: after(60 * MIN), to: after(90 * MIN) }],
    })
    const during = slaAgenda(
      inputs,
      TicketSettings.parse({}),
      new Set(['response:warning:0:0']),
      after(70 * MIN),
    )
    expect(during.due).toEqual([])
    expect(during.nextCheckAt).toEqual(after(90 * MIN + 1))
    const open = ticket({
      targets: { response: 60, arrival: null, resolution: null },
      pauses: [{ from: after(60 * MIN), to: null }],
    })
    const held = slaAgenda(
      open,
      TicketSettings.parse({}),
      new Set(['response:warning:0:0']),
      after(500 * MIN),
    )
    expect(held).toEqual({ due: [], nextCheckAt: null })
  })
})

describe('slaAgenda in America/New_York across daylight saving changes', () => {
  // Monday–Friday 09:00–17:00 local. 120 business minutes from Friday 16:30: 30 on Friday, 90 on Monday.
  const newYork = settingsOf({ businessDays: [1, 2, 3, 4, 5], businessStart: '09:00', businessEnd: '17:00' })
  const inZone = (createdAt: Date, changes: Partial<ClockInputs> = {}) =>
    ticket({
      createdAt,
      targets: only('resolution', 120),
      mode: 'business',
      timeZone: 'America/New_York',
      ...changes,
    })

  it('spring forward (2025-03-09): Friday 16:30 EST → due Monday 10:30 EDT = 14:30Z', () => {
    const friday = t('2025-03-07T16:30:00-05:00') // 21:30Z
    const agenda = slaAgenda(inZone(friday), newYork, NOTHING_RAISED, t('2025-03-10T22:30:00.001Z'))
    expect(dueList(agenda)).toEqual([
      'resolution:warning:0:0@2025-03-10T14:06:00.000Z', // 30 + 66 minutes: Monday 10:06 EDT
      'resolution:breach:0:0@2025-03-10T14:30:00.001Z',
      'resolution:escalation:1:0@2025-03-10T14:30:00.001Z',
      'resolution:escalation:2:0@2025-03-10T16:30:00.001Z',
      'resolution:escalation:3:0@2025-03-10T22:30:00.001Z',
    ])
    expect(agenda.nextCheckAt).toBeNull()
  })

  it('fall back (2025-11-02): Friday 16:30 EDT → due Monday 10:30 EST = 15:30Z', () => {
    const friday = t('2025-10-31T16:30:00-04:00') // 20:30Z
    expect(iso(slaAgenda(inZone(friday), newYork, NOTHING_RAISED, friday).nextCheckAt)).toBe(
      '2025-11-03T15:06:00.000Z',
    )
    expect(
      dueList(slaAgenda(inZone(friday), newYork, NOTHING_RAISED, t('2025-11-03T15:30:00.000Z'))),
    ).toEqual(['resolution:warning:0:0@2025-11-03T15:06:00.000Z'])
    expect(
      dueList(slaAgenda(inZone(friday), newYork, NOTHING_RAISED, t('2025-11-03T15:30:00.001Z'))),
    ).toEqual([
      'resolution:warning:0:0@2025-11-03T15:06:00.000Z',
      'resolution:breach:0:0@2025-11-03T15:30:00.001Z',
      'resolution:escalation:1:0@2025-11-03T15:30:00.001Z',
    ])
  })

  it('a pause across the spring-forward weekend: Friday 16:30 EST to Monday 10:00 EDT', () => {
    // Created Friday 16:00 EST, 180 minutes: 30 on Friday, then 150 from Monday 10:00 EDT → 12:30 EDT.
    const friday = t('2025-03-07T16:00:00-05:00')
    const held = inZone(friday, {
      targets: only('resolution', 180),
      pauses: [{ from: t('2025-03-07T16:30:00-05:00'), to: t('2025-03-10T10:00:00-04:00') }],
    })
    expect(iso(slaAgenda(held, newYork, NOTHING_RAISED, friday).nextCheckAt)).toBe('2025-03-10T15:54:00.000Z')
    expect(dueList(slaAgenda(held, newYork, NOTHING_RAISED, t('2025-03-10T12:30:00.001-04:00')))).toEqual([
      'resolution:warning:0:0@2025-03-10T15:54:00.000Z',
      'resolution:breach:0:0@2025-03-10T16:30:00.001Z',
      'resolution:escalation:1:0@2025-03-10T16:30:00.001Z',
    ])
  })

  it('calendar mode ignores the zone and its DST change: 2 hours are 2 hours', () => {
    const saturday = t('2025-03-09T01:30:00-05:00') // 06:30Z, half an hour before the clocks jump
    const calendar = inZone(saturday, { mode: 'calendar' })
    expect(dueList(slaAgenda(calendar, newYork, NOTHING_RAISED, t('2025-03-09T08:30:00.001Z')))).toEqual([
      'resolution:warning:0:0@2025-03-09T08:06:00.000Z',
      'resolution:breach:0:0@2025-03-09T08:30:00.001Z',
      'resolution:escalation:1:0@2025-03-09T08:30:00.001Z',
    ])
  })
})

// ── properties ──────────────────────────────────────────────────────────────────────────────────────

const CLOCK_NAMES = ['response', 'arrival', 'resolution'] as const

const targetArb = fc.option(fc.integer({ min: 0, max: 300 }), { nil: null, freq: 4 })

/** Calendar-mode tickets: random targets, stops, closed pauses (some before creation) and an open one. */
const ticketArb = (mode: ClockInputs['mode']) =>
  fc
    .record({
      targets: fc.record({ response: targetArb, arrival: targetArb, resolution: targetArb }),
      stops: fc.record({
        response: fc.option(fc.nat(600), { nil: null, freq: 3 }),
        arrival: fc.option(fc.nat(600), { nil: null, freq: 3 }),
        resolution: fc.option(fc.nat(600), { nil: null, freq: 3 }),
      }),
      closed: fc.array(fc.tuple(fc.integer({ min: -60, max: 600 }), fc.nat(180)), { maxLength: 4 }),
      open: fc.option(fc.nat(900), { nil: null, freq: 3 }),
      reopenCount: fc.nat(3),
    })
    .map(
      ({ targets, stops, closed, open, reopenCount }): ClockInputs =>
        ticket({
          targets,
          mode,
          stoppedAt: {
            response: stops.response === null ? null : after(stops.response * MIN),
            arrival: stops.arrival === null ? null : after(stops.arrival * MIN),
            resolution: stops.resolution === null ? null : after(stops.resolution * MIN),
          },
          pauses: [
            ...closed.map(([from, length]) => ({
              from: after(from * MIN),
              to: after((from + length) * MIN),
            })),
            ...(open === null ? [] : [{ from: after(open * MIN), to: null }]),
          ],
          reopenCount,
        }),
    )

const settingsArb = fc
  .record({
    warningPercent: fc.integer({ min: 1, max: 99 }),
    escalation: fc.uniqueArray(
      fc.record({
        level: fc.integer({ min: 1, max: 5 }),
        afterMinutes: fc.nat(600),
        orgLevel: fc.constantFrom('project' as const, 'city' as const, 'group' as const),
      }),
      { selector: (step) => step.level, maxLength: 5 },
    ),
  })
  .map((input) => settingsOf({ ...input, businessDays: [1, 2, 3, 4, 5] }))

/** Offsets from creation: on whole minutes ± 1 ms (where alerts fall) or anywhere, to the millisecond. */
const offsetArb = fc.oneof(
  fc.tuple(fc.integer({ min: -10, max: 2400 }), fc.constantFrom(-1, 0, 1)).map(([m, ms]) => m * MIN + ms),
  fc.integer({ min: -10 * MIN, max: 2400 * MIN }),
)
const instantsArb = fc
  .uniqueArray(offsetArb, { minLength: 1, maxLength: 12 })
  .map((offsets) => [...offsets].sort((a, b) => a - b).map((ms) => after(ms)))

/** Runs the check at each instant in turn, raising what it owes; answers every alert raised and when. */
function checkAlong(inputs: ClockInputs, settings: TicketSettings, instants: readonly Date[]) {
  const raised = new Set<string>()
  const alerts = new Map<string, string>()
  for (const at of instants) {
    const agenda = slaAgenda(inputs, settings, raised, at)
    for (const alert of agenda.due) {
      const key = alertKey(alert)
      // At most once: never owed again once raised, never twice in one run.
      expect(raised.has(key)).toBe(false)
      expect(alert.at.getTime()).toBeLessThanOrEqual(at.getTime())
      raised.add(key)
      alerts.set(key, alert.at.toISOString())
    }
    // The next check is the first instant something new falls due: nothing before it, something at it.
    const next = agenda.nextCheckAt
    if (next === null) {
      expect(slaAgenda(inputs, settings, raised, after(365 * DAY, at)).due).toEqual([])
    } else {
      expect(next.getTime()).toBeGreaterThan(at.getTime())
      expect(slaAgenda(inputs, settings, raised, new Date(next.getTime() - 1)).due).toEqual([])
      const then = slaAgenda(inputs, settings, raised, next).due
      expect(then.length).toBeGreaterThan(0)
      for (const alert of then) expect(alert.at).toEqual(next)
    }
  }
  return alerts
}

const onceAt = (inputs: ClockInputs, settings: TicketSettings, at: Date) =>
  new Map(slaAgenda(inputs, settings, NOTHING_RAISED, at).due.map((a) => [alertKey(a), a.at.toISOString()]))

describe('properties', () => {
  it('checking often or once raises the same alerts, each at most once (calendar time)', () => {
    fc.assert(
      fc.property(ticketArb('calendar'), settingsArb, instantsArb, (inputs, settings, instants) => {
        const often = checkAlong(inputs, settings, instants)
        const once = onceAt(inputs, settings, instants.at(-1)!)
        expect(often).toEqual(once)
        // The one-shot agenda lists each alert once, in the order it fell due.
        const due = slaAgenda(inputs, settings, NOTHING_RAISED, instants.at(-1)!).due
        expect(new Set(due.map(alertKey)).size).toBe(due.length)
        for (let i = 1; i < due.length; i++)
          expect(due[i - 1]!.at.getTime()).toBeLessThanOrEqual(due[i]!.at.getTime())
      }),
      { numRuns: 250 },
    )
  }, 30_000)

  it('checking often or once raises the same alerts (business time in Shanghai)', () => {
    fc.assert(
      fc.property(ticketArb('business'), settingsArb, instantsArb, (inputs, settings, instants) => {
        expect(checkAlong(inputs, settings, instants)).toEqual(onceAt(inputs, settings, instants.at(-1)!))
      }),
      { numRuns: 60 },
    )
  }, 30_000)

  it('the agenda agrees with the views: warning owed ⇔ warning share counted; breached ⇒ breach owed', () => {
    fc.assert(
      fc.property(ticketArb('calendar'), settingsArb, offsetArb, (inputs, settings, offset) => {
        // Before the ticket exists no clock has counted anything, not even a zero-length target.
        fc.pre(offset >= 0)
        const at = after(offset)
        const owed = keysOf(slaAgenda(inputs, settings, NOTHING_RAISED, at))
        for (const view of clockViews(inputs, settings, at)) {
          if (view.stoppedAt !== null) {
            expect([...owed].some((key) => key.startsWith(`${view.clock}:`))).toBe(false)
            continue
          }
          const cycle = view.clock === 'resolution' ? inputs.reopenCount : 0
          // Warned from the warning share of the target on, paused or not.
          const threshold = Math.floor((view.targetMs * settings.warningPercent) / 100)
          expect(owed.has(`${view.clock}:warning:0:${cycle}`)).toBe(view.elapsedMs >= threshold)
          if (view.state === 'warning') expect(view.elapsedMs).toBeGreaterThanOrEqual(threshold)
          if (view.state === 'breached') expect(owed.has(`${view.clock}:breach:0:${cycle}`)).toBe(true)
          if (view.state === 'running')
            expect([...owed].some((k) => k.startsWith(`${view.clock}:`))).toBe(false)
        }
        for (const clock of CLOCK_NAMES)
          if (inputs.targets[clock] === null)
            expect([...owed].some((key) => key.startsWith(`${clock}:`))).toBe(false)
      }),
      { numRuns: 300 },
    )
  }, 30_000)
})
