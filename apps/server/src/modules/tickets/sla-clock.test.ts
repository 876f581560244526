import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type BusinessCalendar,
  type ClockMode,
  calendarProblems,
  clockState,
  DEFAULT_TARGETS,
  dueAt,
  elapsedMs,
  type Pause,
  SERVICE_GRADE_TARGETS,
  warningAt,
  warningThresholdMs,
  zonedTimeToInstant,
} from './sla-clock'

const MIN = 60_000
const HOUR = 60 * MIN
const t = (iso: string) => new Date(iso)
const pause = (from: string, to: string | null): Pause => ({ from: t(from), to: to === null ? null : t(to) })
const iso = (date: Date | null) => date?.toISOString() ?? null

const CALENDAR: ClockMode = { kind: 'calendar' }
const business = (calendar: Partial<BusinessCalendar> & Pick<BusinessCalendar, 'timeZone'>): ClockMode => ({
  kind: 'business',
  calendar: { days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30', ...calendar },
})
const SHANGHAI = business({ timeZone: 'Asia/Shanghai' })
/** Round the clock, every day: business time is local wall-clock time, so DST days are 23 h or 25 h long. */
const allDay = (timeZone: string): ClockMode =>
  business({ timeZone, days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' })

describe('defaults from the domain file', () => {
  it('grades of service and contract KPIs', () => {
    expect(SERVICE_GRADE_TARGETS[1]).toEqual({ emergencyArrivalMs: 30 * MIN, satisfactionTarget: 80 })
    expect(SERVICE_GRADE_TARGETS[2]).toEqual({ emergencyArrivalMs: HOUR, satisfactionTarget: 75 })
    expect(SERVICE_GRADE_TARGETS[3]).toEqual({ emergencyArrivalMs: 2 * HOUR, satisfactionTarget: 70 })
    expect(DEFAULT_TARGETS).toEqual({ ordinaryResolutionMs: 24 * HOUR, complaintResponseMs: 24 * HOUR })
  })
})

describe('calendar mode', () => {
  const start = t('2025-03-01T20:00:00Z')

  it('counts wall-clock time, and nothing before the start', () => {
    expect(elapsedMs(CALENDAR, start, t('2025-03-01T22:30:00Z'), [])).toBe(2.5 * HOUR)
    expect(elapsedMs(CALENDAR, start, t('2025-03-01T19:00:00Z'), [])).toBe(0)
    expect(elapsedMs(CALENDAR, start, start, [])).toBe(0)
  })

  it('excludes a pause spanning midnight', () => {
    const pauses = [pause('2025-03-01T23:00:00Z', '2025-03-02T01:30:00Z')]
    expect(elapsedMs(CALENDAR, start, t('2025-03-02T03:00:00Z'), pauses)).toBe(4.5 * HOUR)
    // Inside the pause the count stands still at the 3 h before it.
    expect(elapsedMs(CALENDAR, start, t('2025-03-02T00:00:00Z'), pauses)).toBe(3 * HOUR)
  })

  it('counts overlapping and adjacent pauses once', () => {
    const pauses = [
      pause('2025-03-01T21:00:00Z', '2025-03-01T23:00:00Z'),
      pause('2025-03-01T22:00:00Z', '2025-03-02T00:00:00Z'), // overlaps the first
      pause('2025-03-02T00:00:00Z', '2025-03-02T01:00:00Z'), // touches the second
      pause('2025-03-01T21:30:00Z', '2025-03-01T21:45:00Z'), // inside the first
    ]
    expect(elapsedMs(CALENDAR, start, t('2025-03-02T02:00:00Z'), pauses)).toBe(2 * HOUR)
  })

  it('ignores the part of a pause before the start, and empty or inverted pauses', () => {
    const pauses = [
      pause('2025-03-01T19:00:00Z', '2025-03-01T21:00:00Z'),
      pause('2025-03-01T22:00:00Z', '2025-03-01T22:00:00Z'),
      pause('2025-03-01T23:00:00Z', '2025-03-01T22:30:00Z'),
    ]
    expect(elapsedMs(CALENDAR, start, t('2025-03-01T23:00:00Z'), pauses)).toBe(2 * HOUR)
  })

  it('an open pause stops the count from its start on', () => {
    const pauses = [pause('2025-03-01T22:00:00Z', null)]
    expect(elapsedMs(CALENDAR, start, t('2025-03-01T21:00:00Z'), pauses)).toBe(HOUR)
    expect(elapsedMs(CALENDAR, start, t('2025-03-05T00:00:00Z'), pauses)).toBe(2 * HOUR)
  })

  it('dueAt shifts by the paused time; unknown while an open pause comes first', () => {
    const closed = [pause('2025-03-01T21:00:00Z', '2025-03-01T22:00:00Z')]
    expect(iso(dueAt(CALENDAR, start, 3 * HOUR, closed))).toBe('2025-03-02T00:00:00.000Z')
    const open = [pause('2025-03-01T22:00:00Z', null)]
    expect(dueAt(CALENDAR, start, 3 * HOUR, open)).toBeNull()
    expect(dueAt(CALENDAR, start, 2 * HOUR + 1, open)).toBeNull()
    // Reached before the open pause began: that instant is known.
    expect(iso(dueAt(CALENDAR, start, 2 * HOUR, open))).toBe('2025-03-01T22:00:00.000Z')
    expect(iso(dueAt(CALENDAR, start, 0, open))).toBe('2025-03-01T20:00:00.000Z')
  })

  it('rejects a target that is not a whole number of ms', () => {
    expect(() => dueAt(CALENDAR, start, 1.5, [])).toThrow(RangeError)
    expect(() => dueAt(CALENDAR, start, -1, [])).toThrow(RangeError)
  })
})

describe('business mode, Asia/Shanghai, 08:30–17:30 Mon–Fri', () => {
  it('Friday 17:00 + 2 business hours: ½ h on Friday, 1½ h from Monday 08:30 → Monday 10:00', () => {
    const friday = t('2025-03-07T17:00:00+08:00')
    expect(iso(dueAt(SHANGHAI, friday, 2 * HOUR, []))).toBe(iso(t('2025-03-10T10:00:00+08:00')))
    expect(elapsedMs(SHANGHAI, friday, t('2025-03-08T12:00:00+08:00'), [])).toBe(30 * MIN)
    expect(elapsedMs(SHANGHAI, friday, t('2025-03-10T08:30:00+08:00'), [])).toBe(30 * MIN)
    expect(elapsedMs(SHANGHAI, friday, t('2025-03-10T10:00:00+08:00'), [])).toBe(2 * HOUR)
    expect(elapsedMs(SHANGHAI, friday, t('2025-03-11T08:00:00+08:00'), [])).toBe(9.5 * HOUR)
  })

  it('before opening or after closing, the clock starts at the next opening', () => {
    expect(iso(dueAt(SHANGHAI, t('2025-03-10T07:00:00+08:00'), HOUR, []))).toBe(
      iso(t('2025-03-10T09:30:00+08:00')),
    )
    expect(iso(dueAt(SHANGHAI, t('2025-03-10T20:00:00+08:00'), HOUR, []))).toBe(
      iso(t('2025-03-11T09:30:00+08:00')),
    )
    // Exactly at closing time a full business day is still 9 h.
    expect(iso(dueAt(SHANGHAI, t('2025-03-10T17:30:00+08:00'), 9 * HOUR, []))).toBe(
      iso(t('2025-03-11T17:30:00+08:00')),
    )
  })

  it('skips a holiday (清明 2025-04-04, a Friday) and the weekend after it', () => {
    const qingming = business({ timeZone: 'Asia/Shanghai', holidays: ['2025-04-04'] })
    const thursday = t('2025-04-03T16:30:00+08:00')
    expect(iso(dueAt(qingming, thursday, 4 * HOUR, []))).toBe(iso(t('2025-04-07T11:30:00+08:00')))
    expect(elapsedMs(qingming, thursday, t('2025-04-07T08:30:00+08:00'), [])).toBe(HOUR)
    // Without the holiday, Friday counts.
    expect(iso(dueAt(SHANGHAI, thursday, 4 * HOUR, []))).toBe(iso(t('2025-04-04T11:30:00+08:00')))
  })

  it('counts a make-up workday (调休 Sunday 2025-04-27)', () => {
    const tiaoxiu = business({
      timeZone: 'Asia/Shanghai',
      workdays: ['2025-04-27'],
      holidays: ['2025-05-01'],
    })
    const friday = t('2025-04-25T17:00:00+08:00')
    expect(iso(dueAt(tiaoxiu, friday, 2 * HOUR, []))).toBe(iso(t('2025-04-27T10:00:00+08:00')))
    // 30 min on Friday, 540 on each of Sun 27 … Wed 30 April; Thu 1 May is off: Fri 2 May 08:30 + 60 min.
    expect(iso(dueAt(tiaoxiu, friday, (30 + 4 * 540 + 60) * MIN, []))).toBe(
      iso(t('2025-05-02T09:30:00+08:00')),
    )
  })

  it('pauses inside business hours delay the due time; pauses at night change nothing', () => {
    const friday = t('2025-03-07T17:00:00+08:00')
    const morning = [pause('2025-03-10T08:00:00+08:00', '2025-03-10T09:00:00+08:00')]
    expect(iso(dueAt(SHANGHAI, friday, 2 * HOUR, morning))).toBe(iso(t('2025-03-10T10:30:00+08:00')))
    const weekend = [pause('2025-03-07T18:00:00+08:00', '2025-03-10T08:30:00+08:00')]
    expect(iso(dueAt(SHANGHAI, friday, 2 * HOUR, weekend))).toBe(iso(t('2025-03-10T10:00:00+08:00')))
    // An open pause opened over the weekend: the time to come is unknown, the time so far is not.
    const open = [pause('2025-03-08T10:00:00+08:00', null)]
    expect(dueAt(SHANGHAI, friday, 2 * HOUR, open)).toBeNull()
    expect(elapsedMs(SHANGHAI, friday, t('2025-03-12T12:00:00+08:00'), open)).toBe(30 * MIN)
  })
})

describe('time zones', () => {
  it('converts local wall times, including DST gaps and overlaps', () => {
    expect(iso(zonedTimeToInstant('Asia/Shanghai', '2025-03-07', '17:00'))).toBe('2025-03-07T09:00:00.000Z')
    expect(iso(zonedTimeToInstant('America/New_York', '2025-01-06', '09:00'))).toBe(
      '2025-01-06T14:00:00.000Z',
    )
    expect(iso(zonedTimeToInstant('America/New_York', '2025-07-07', '09:00'))).toBe(
      '2025-07-07T13:00:00.000Z',
    )
    // Berlin skips 02:00–03:00 on 2025-03-30: 02:30 reads as 03:30 CEST.
    expect(iso(zonedTimeToInstant('Europe/Berlin', '2025-03-30', '02:30'))).toBe('2025-03-30T01:30:00.000Z')
    // … and has 02:00–03:00 twice on 2025-10-26: the earlier (CEST) one is taken.
    expect(iso(zonedTimeToInstant('Europe/Berlin', '2025-10-26', '02:30'))).toBe('2025-10-26T00:30:00.000Z')
    expect(iso(zonedTimeToInstant('Europe/Berlin', '2025-10-26', '24:00'))).toBe('2025-10-26T23:00:00.000Z')
  })

  it('a New York community: business hours follow local time', () => {
    const newYork = business({ timeZone: 'America/New_York', start: '09:00', end: '17:00' })
    const monday = t('2025-01-06T16:00:00-05:00')
    expect(iso(dueAt(newYork, monday, 3 * HOUR, []))).toBe('2025-01-07T16:00:00.000Z')
  })

  it('across the spring-forward weekend the Monday opening moves an hour earlier in UTC', () => {
    const newYork = business({ timeZone: 'America/New_York' })
    const friday = t('2025-03-07T17:00:00-05:00') // EST
    const due = dueAt(newYork, friday, 2 * HOUR, [])
    expect(iso(due)).toBe(iso(t('2025-03-10T10:00:00-04:00'))) // EDT
    expect(elapsedMs(newYork, friday, due!, [])).toBe(2 * HOUR)
  })

  it('a DST day has 23 or 25 business hours when business hours are round the clock', () => {
    const newYork = allDay('America/New_York')
    expect(elapsedMs(newYork, t('2025-03-09T05:00:00Z'), t('2025-03-10T04:00:00Z'), [])).toBe(23 * HOUR)
    expect(elapsedMs(newYork, t('2025-11-02T04:00:00Z'), t('2025-11-03T05:00:00Z'), [])).toBe(25 * HOUR)
    // Between two local midnights, calendar time agrees.
    expect(elapsedMs(CALENDAR, t('2025-11-02T04:00:00Z'), t('2025-11-03T05:00:00Z'), [])).toBe(25 * HOUR)
  })

  it('windows in the small hours of a DST day in Berlin', () => {
    const smallHours = business({ timeZone: 'Europe/Berlin', days: [7], start: '01:00', end: '04:00' })
    // 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z: two real hours.
    expect(elapsedMs(smallHours, t('2025-03-29T12:00:00Z'), t('2025-03-31T00:00:00Z'), [])).toBe(2 * HOUR)
    // 01:00 CEST = 23:00Z (25th), 04:00 CET = 03:00Z: four real hours.
    expect(elapsedMs(smallHours, t('2025-10-25T12:00:00Z'), t('2025-10-27T00:00:00Z'), [])).toBe(4 * HOUR)
    // A window that falls entirely into the spring-forward gap is empty.
    const gap = business({ timeZone: 'Europe/Berlin', days: [7], start: '02:00', end: '03:00' })
    expect(elapsedMs(gap, t('2025-03-29T12:00:00Z'), t('2025-03-31T00:00:00Z'), [])).toBe(0)
    expect(elapsedMs(gap, t('2025-03-22T12:00:00Z'), t('2025-03-24T00:00:00Z'), [])).toBe(HOUR)
  })
})

describe('calendars that cannot work', () => {
  it('are named and refused', () => {
    const bad: BusinessCalendar = { timeZone: 'Mars/Olympus', days: [0, 8], start: '18:00', end: '08:00' }
    expect(calendarProblems(bad)).toEqual([
      'unknown time zone "Mars/Olympus"',
      'weekday 0 is not 1..7',
      'weekday 8 is not 1..7',
      'the business day must end after it starts',
    ])
    expect(
      calendarProblems({ timeZone: 'UTC', days: [], start: '9:00', end: '25:00', holidays: ['2025-02-30'] }),
    ).toEqual([
      'no business days',
      'start "9:00" is not HH:MM',
      'end "25:00" is not HH:MM',
      '"2025-02-30" is not a YYYY-MM-DD date',
    ])
    expect(calendarProblems((SHANGHAI as { calendar: BusinessCalendar }).calendar)).toEqual([])
    expect(() =>
      elapsedMs(
        { kind: 'business', calendar: bad },
        t('2025-03-01T00:00:00Z'),
        t('2025-03-02T00:00:00Z'),
        [],
      ),
    ).toThrow(RangeError)
  })
})

describe('warning threshold', () => {
  it('is floor(target × share) in integer arithmetic', () => {
    expect(warningThresholdMs(24 * HOUR)).toBe(19.2 * HOUR)
    expect(warningThresholdMs(5)).toBe(4)
    expect(warningThresholdMs(7)).toBe(5)
    expect(warningThresholdMs(9_007_199_254_740_991)).toBe(7_205_759_403_792_792)
    expect(warningThresholdMs(1000, 0.755)).toBe(755)
    expect(() => warningThresholdMs(1000, 0)).toThrow(RangeError)
    expect(() => warningThresholdMs(1000, 1.5)).toThrow(RangeError)
  })

  it('warningAt is when 80% is counted', () => {
    const friday = t('2025-03-07T17:00:00+08:00')
    // 80% of 2 h = 96 min: 30 on Friday, 66 from Monday 08:30.
    expect(iso(warningAt(SHANGHAI, friday, 2 * HOUR, []))).toBe(iso(t('2025-03-10T09:36:00+08:00')))
    expect(iso(warningAt(CALENDAR, friday, 10 * HOUR, [], 0.5))).toBe(iso(t('2025-03-07T22:00:00+08:00')))
  })
})

describe('clockState', () => {
  const start = t('2025-03-01T00:00:00Z')
  const at = (minutes: number) => new Date(start.getTime() + minutes * MIN)
  const state = (minutes: number, pauses: Pause[] = [], stoppedAtMinutes?: number) =>
    clockState(CALENDAR, start, 100 * MIN, pauses, at(minutes), {
      stoppedAt: stoppedAtMinutes === undefined ? null : at(stoppedAtMinutes),
    })

  it('runs, warns at 80%, is still on time at exactly the target, then breaches', () => {
    expect(state(10)).toEqual({
      elapsedMs: 10 * MIN,
      targetMs: 100 * MIN,
      remainingMs: 90 * MIN,
      state: 'running',
      dueAt: at(100),
    })
    expect(state(79).state).toBe('running')
    expect(state(80).state).toBe('warning')
    expect(state(100).state).toBe('warning')
    expect(state(101)).toMatchObject({ state: 'breached', remainingMs: -MIN })
  })

  it('is paused inside a pause, unless already breached', () => {
    expect(state(50, [{ from: at(40), to: null }])).toMatchObject({
      state: 'paused',
      elapsedMs: 40 * MIN,
      dueAt: null,
    })
    expect(state(50, [{ from: at(40), to: at(60) }])).toMatchObject({ state: 'paused' })
    expect(state(70, [{ from: at(40), to: at(60) }])).toMatchObject({ state: 'running', elapsedMs: 50 * MIN })
    expect(state(200, [{ from: at(150), to: null }])).toMatchObject({ state: 'breached', dueAt: at(100) })
  })

  it('a stopped clock is met or met late, measured at the stop', () => {
    expect(state(500, [], 100)).toMatchObject({ state: 'met', elapsedMs: 100 * MIN, remainingMs: 0 })
    expect(state(500, [], 101)).toMatchObject({ state: 'met_late', elapsedMs: 101 * MIN })
    // A stop after `at` has not happened yet as of `at`.
    expect(state(50, [], 90)).toMatchObject({ state: 'running', elapsedMs: 50 * MIN })
  })

  it('in business mode a clock outside business hours is running, not paused', () => {
    const friday = t('2025-03-07T17:00:00+08:00')
    const saturday = t('2025-03-08T12:00:00+08:00')
    expect(clockState(SHANGHAI, friday, 2 * HOUR, [], saturday)).toMatchObject({
      state: 'running',
      elapsedMs: 30 * MIN,
    })
  })
})

// ── properties ──────────────────────────────────────────────────────────────────────────────────────

const YEAR_2025 = t('2025-01-01T00:00:00Z').getTime()
const instantIn2025 = fc.integer({ min: 0, max: 365 * 24 * HOUR - 1 }).map((ms) => new Date(YEAR_2025 + ms))

/** Pauses near the start: closed ones (possibly overlapping) and sometimes an open one. */
const pausesAfter = (start: Date) =>
  fc
    .record({
      closed: fc.array(fc.tuple(fc.nat(20 * 24 * HOUR), fc.nat(3 * 24 * HOUR)), { maxLength: 5 }),
      open: fc.oneof(
        { arbitrary: fc.constant(null), weight: 3 },
        { arbitrary: fc.nat(40 * 24 * HOUR), weight: 1 },
      ),
    })
    .map(({ closed, open }): Pause[] => [
      ...closed.map(([offset, length]) => ({
        from: new Date(start.getTime() + offset - HOUR),
        to: new Date(start.getTime() + offset - HOUR + length),
      })),
      ...(open === null ? [] : [{ from: new Date(start.getTime() + open), to: null }]),
    ])

const modes: fc.Arbitrary<ClockMode> = fc.constantFrom(
  CALENDAR,
  SHANGHAI,
  business({
    timeZone: 'Asia/Shanghai',
    holidays: ['2025-04-04', '2025-05-01', '2025-10-01'],
    workdays: ['2025-04-27'],
  }),
  business({ timeZone: 'America/New_York' }),
  allDay('Europe/Berlin'),
  business({ timeZone: 'Europe/Berlin', days: [6, 7], start: '01:00', end: '04:00' }),
)

const clockCase = fc
  .record({ mode: modes, start: instantIn2025, targetMs: fc.nat(120 * HOUR) })
  .chain((base) => pausesAfter(base.start).map((pauses) => ({ ...base, pauses })))

describe('properties', () => {
  it('elapsedMs(dueAt(T)) === T, exactly, whenever the due time is known', () => {
    fc.assert(
      fc.property(clockCase, ({ mode, start, targetMs, pauses }) => {
        const due = dueAt(mode, start, targetMs, pauses)
        if (due === null) {
          expect(pauses.some((p) => p.to === null)).toBe(true)
          return
        }
        expect(elapsedMs(mode, start, due, pauses)).toBe(targetMs)
        // … and it is the first such instant: a millisecond earlier falls short.
        if (targetMs > 0)
          expect(elapsedMs(mode, start, new Date(due.getTime() - 1), pauses)).toBe(targetMs - 1)
      }),
      { numRuns: 150 },
    )
  })

  it('elapsed time grows with `at`, never faster than the wall clock, and warnings come before the due time', () => {
    fc.assert(
      fc.property(clockCase, fc.nat(10 * 24 * HOUR), fc.nat(10 * 24 * HOUR), (c, a, b) => {
        const [early, late] = [Math.min(a, b), Math.max(a, b)].map(
          (ms) => new Date(c.start.getTime() + ms),
        ) as [Date, Date]
        const e1 = elapsedMs(c.mode, c.start, early, c.pauses)
        const e2 = elapsedMs(c.mode, c.start, late, c.pauses)
        expect(Number.isSafeInteger(e1) && Number.isSafeInteger(e2)).toBe(true)
        expect(e1).toBeGreaterThanOrEqual(0)
        expect(e2 - e1).toBeGreaterThanOrEqual(0)
        expect(e2 - e1).toBeLessThanOrEqual(late.getTime() - early.getTime())
        const warning = warningAt(c.mode, c.start, c.targetMs, c.pauses)
        const due = dueAt(c.mode, c.start, c.targetMs, c.pauses)
        if (due !== null) expect(warning!.getTime()).toBeLessThanOrEqual(due.getTime())
      }),
      { numRuns: 100 },
    )
  })
})
