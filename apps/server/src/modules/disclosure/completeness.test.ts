import type { DisclosureType } from '@meihao/contracts'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Cadence, CITY_PROFILES, CITY_RULES } from './city-rules'
import {
  addDays,
  type CompletenessLine,
  completeness,
  type DisclosureEvent,
  type PublishedFacts,
  periodEndOf,
  periodStartOf,
  requiredPeriodEnd,
} from './completeness'

const RUNS = { numRuns: 300 }
const MONTHS = [3, 6, 12] as const

const dateArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

/** Independent of the module: is `date` the last day of a calendar period of `months` months? */
function isPeriodEnd(date: string, months: number): boolean {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.getUTCDate() === 1 && next.getUTCMonth() % months === 0
}

/** Independent of the module: walks back day by day to the latest period end E with E + grace < today. */
function requiredByWalking(today: string, months: number, graceDays: number, since: string): string | null {
  const day = new Date(`${today}T00:00:00Z`)
  for (;;) {
    day.setUTCDate(day.getUTCDate() - 1)
    const date = day.toISOString().slice(0, 10)
    const graceEnds = new Date(day)
    graceEnds.setUTCDate(graceEnds.getUTCDate() + graceDays)
    if (isPeriodEnd(date, months) && graceEnds.toISOString().slice(0, 10) < today)
      return date < since ? null : date
  }
}

// ── dates ────────────────────────────────────────────────────────────────────────────────────────────

describe('addDays', () => {
  it('moves across months, years and leap days', () => {
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(addDays('2026-09-30', 30)).toBe('2026-10-30')
    expect(addDays('2026-10-31', -31)).toBe('2026-09-30')
    expect(addDays('2026-10-31', 0)).toBe('2026-10-31')
  })

  it('is undone by the opposite move (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -2_000, max: 2_000 }), (date, days) => {
        expect(addDays(addDays(date, days), -days)).toBe(date)
      }),
      RUNS,
    )
  })
})

describe('periodEndOf / periodStartOf', () => {
  it('quarters', () => {
    expect([periodStartOf('2026-01-01', 3), periodEndOf('2026-01-01', 3)]).toEqual([
      '2026-01-01',
      '2026-03-31',
    ])
    expect([periodStartOf('2026-03-31', 3), periodEndOf('2026-03-31', 3)]).toEqual([
      '2026-01-01',
      '2026-03-31',
    ])
    expect([periodStartOf('2026-04-01', 3), periodEndOf('2026-04-01', 3)]).toEqual([
      '2026-04-01',
      '2026-06-30',
    ])
    expect([periodStartOf('2026-08-15', 3), periodEndOf('2026-08-15', 3)]).toEqual([
      '2026-07-01',
      '2026-09-30',
    ])
    expect([periodStartOf('2026-12-31', 3), periodEndOf('2026-12-31', 3)]).toEqual([
      '2026-10-01',
      '2026-12-31',
    ])
  })

  it('halves', () => {
    expect([periodStartOf('2026-01-01', 6), periodEndOf('2026-01-01', 6)]).toEqual([
      '2026-01-01',
      '2026-06-30',
    ])
    expect([periodStartOf('2026-06-30', 6), periodEndOf('2026-06-30', 6)]).toEqual([
      '2026-01-01',
      '2026-06-30',
    ])
    expect([periodStartOf('2026-07-01', 6), periodEndOf('2026-07-01', 6)]).toEqual([
      '2026-07-01',
      '2026-12-31',
    ])
    expect([periodStartOf('2026-12-31', 6), periodEndOf('2026-12-31', 6)]).toEqual([
      '2026-07-01',
      '2026-12-31',
    ])
  })

  it('years', () => {
    expect([periodStartOf('2026-01-01', 12), periodEndOf('2026-01-01', 12)]).toEqual([
      '2026-01-01',
      '2026-12-31',
    ])
    expect([periodStartOf('2028-02-29', 12), periodEndOf('2028-02-29', 12)]).toEqual([
      '2028-01-01',
      '2028-12-31',
    ])
    expect([periodStartOf('2026-12-31', 12), periodEndOf('2026-12-31', 12)]).toEqual([
      '2026-01-01',
      '2026-12-31',
    ])
  })

  it('bracket the date by a whole period; the day after the end starts the next (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...MONTHS), (date, months) => {
        const start = periodStartOf(date, months)
        const end = periodEndOf(date, months)
        expect(start <= date && date <= end).toBe(true)
        expect(isPeriodEnd(end, months)).toBe(true)
        expect(isPeriodEnd(addDays(start, -1), months)).toBe(true)
        expect(periodStartOf(addDays(end, 1), months)).toBe(addDays(end, 1))
        expect(periodEndOf(start, months)).toBe(end)
        expect(periodStartOf(end, months)).toBe(start)
      }),
      RUNS,
    )
  })
})

// ── the period a community must have disclosed ───────────────────────────────────────────────────────

describe('requiredPeriodEnd: a period ending E is required once E + grace < today', () => {
  const since = '2000-01-01'

  it('quarterly, 30 days’ grace: Q3 (ends 09-30) is due by 10-30 and required from 10-31', () => {
    expect(requiredPeriodEnd('2026-10-30', 3, 30, since)).toBe('2026-06-30')
    expect(requiredPeriodEnd('2026-10-31', 3, 30, since)).toBe('2026-09-30')
    expect(requiredPeriodEnd('2026-11-01', 3, 30, since)).toBe('2026-09-30')
    expect(requiredPeriodEnd('2027-01-30', 3, 30, since)).toBe('2026-09-30')
    expect(requiredPeriodEnd('2027-01-31', 3, 30, since)).toBe('2026-12-31')
  })

  it('quarterly where the grace ends at a month end (Q2 + 31 days = 07-31)', () => {
    expect(requiredPeriodEnd('2026-07-31', 3, 31, since)).toBe('2026-03-31')
    expect(requiredPeriodEnd('2026-08-01', 3, 31, since)).toBe('2026-06-30')
  })

  it('half-yearly, 30 days’ grace', () => {
    expect(requiredPeriodEnd('2026-07-30', 6, 30, since)).toBe('2025-12-31')
    expect(requiredPeriodEnd('2026-07-31', 6, 30, since)).toBe('2026-06-30')
    expect(requiredPeriodEnd('2027-01-30', 6, 30, since)).toBe('2026-06-30')
    expect(requiredPeriodEnd('2027-01-31', 6, 30, since)).toBe('2026-12-31')
  })

  it('yearly, 30 days’ grace', () => {
    expect(requiredPeriodEnd('2027-01-30', 12, 30, since)).toBe('2025-12-31')
    expect(requiredPeriodEnd('2027-01-31', 12, 30, since)).toBe('2026-12-31')
    expect(requiredPeriodEnd('2027-12-31', 12, 30, since)).toBe('2026-12-31')
  })

  it('yearly, 90 days’ grace over February (non-leap and leap)', () => {
    // 2026-12-31 + 90 days = 2027-03-31.
    expect(requiredPeriodEnd('2027-03-31', 12, 90, since)).toBe('2025-12-31')
    expect(requiredPeriodEnd('2027-04-01', 12, 90, since)).toBe('2026-12-31')
    // 2027-12-31 + 90 days = 2028-03-30 (February has 29 days).
    expect(requiredPeriodEnd('2028-03-30', 12, 90, since)).toBe('2026-12-31')
    expect(requiredPeriodEnd('2028-03-31', 12, 90, since)).toBe('2027-12-31')
  })

  it('with no grace, a period is required from the day after it ends', () => {
    expect(requiredPeriodEnd('2026-09-30', 3, 0, since)).toBe('2026-06-30')
    expect(requiredPeriodEnd('2026-10-01', 3, 0, since)).toBe('2026-09-30')
  })

  it('a grace longer than a period skips back more than one period', () => {
    // Grace 100 days: 2026-06-30 + 100 = 2026-10-08, so on 2026-10-08 only Q1 is required.
    expect(requiredPeriodEnd('2026-10-08', 3, 100, since)).toBe('2026-03-31')
    expect(requiredPeriodEnd('2026-10-09', 3, 100, since)).toBe('2026-06-30')
  })

  it('asks for no period that ended before the community began', () => {
    // Delivered 2026-10-01: Q3 ended the day before.
    expect(requiredPeriodEnd('2026-10-31', 3, 30, '2026-10-01')).toBeNull()
    // Delivered on Q3's last day or within Q3: Q3 (partly) counts.
    expect(requiredPeriodEnd('2026-10-31', 3, 30, '2026-09-30')).toBe('2026-09-30')
    expect(requiredPeriodEnd('2026-10-31', 3, 30, '2026-08-15')).toBe('2026-09-30')
    // Delivered after today: nothing yet.
    expect(requiredPeriodEnd('2026-10-31', 3, 30, '2027-01-01')).toBeNull()
  })

  it('agrees with walking back day by day (property)', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.constantFrom(...MONTHS),
        fc.integer({ min: 0, max: 200 }),
        dateArb,
        (today, months, grace, since) => {
          expect(requiredPeriodEnd(today, months, grace, since)).toBe(
            requiredByWalking(today, months, grace, since),
          )
        },
      ),
      RUNS,
    )
  })

  it('is a period end whose grace has run out while the next one’s has not (property)', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.constantFrom(...MONTHS),
        fc.integer({ min: 0, max: 200 }),
        (today, months, grace) => {
          const required = requiredPeriodEnd(today, months, grace, '1900-01-01')!
          expect(isPeriodEnd(required, months)).toBe(true)
          expect(addDays(required, grace) < today).toBe(true)
          const nextEnd = periodEndOf(addDays(required, 1), months)
          expect(addDays(nextEnd, grace) >= today).toBe(true)
        },
      ),
      RUNS,
    )
  })
})

// ── completeness ─────────────────────────────────────────────────────────────────────────────────────

const pub = (
  type: DisclosureType,
  periodTo: string | null = null,
  sourceRef: string | null = null,
): PublishedFacts => ({
  type,
  periodTo,
  sourceRef,
})
const event = (ref: string, on: string, type: DisclosureType = 'assembly_decision'): DisclosureEvent => ({
  type,
  ref,
  title: `决定 ${ref}`,
  on,
})

function lineOf(
  type: DisclosureType,
  cadence: Cadence,
  over: {
    today: string
    since?: string
    graceDays?: number
    published?: PublishedFacts[]
    events?: DisclosureEvent[]
  },
): CompletenessLine {
  const lines = completeness({
    today: over.today,
    since: over.since ?? '2020-01-01',
    graceDays: over.graceDays ?? 30,
    cadences: { [type]: cadence },
    published: over.published ?? [],
    events: over.events ?? [],
  })
  expect(lines).toHaveLength(1)
  return lines[0]!
}

describe('completeness: continuous items', () => {
  const continuous: Cadence = { kind: 'continuous' }

  it('is ok while a published version exists, missing without one', () => {
    expect(
      lineOf('service_items', continuous, { today: '2026-10-31', published: [pub('service_items')] }),
    ).toEqual({
      type: 'service_items',
      cadence: continuous,
      status: 'ok',
      requiredThrough: null,
      dueBy: null,
      lastPeriodTo: null,
      missingEvents: [],
    })
    expect(lineOf('service_items', continuous, { today: '2026-10-31' }).status).toBe('missing')
  })

  it('counts only items of its own type', () => {
    const line = lineOf('responsible_people', continuous, {
      today: '2026-10-31',
      published: [pub('service_items'), pub('fee_standards')],
    })
    expect(line.status).toBe('missing')
  })

  it('is asked for from the first day, whatever the delivery date', () => {
    expect(lineOf('service_items', continuous, { today: '2026-10-31', since: '2026-10-31' }).status).toBe(
      'missing',
    )
  })
})

describe('completeness: periodic items (quarterly, 30 days’ grace)', () => {
  const quarterly: Cadence = { kind: 'periodic', months: 3 }
  const line = (today: string, periods: (string | null)[], since = '2020-01-01') =>
    lineOf('public_revenue_statement', quarterly, {
      today,
      since,
      published: periods.map((p) => pub('public_revenue_statement', p)),
    })

  it('Q3 published: ok, next due by Q4 end + 30 days', () => {
    expect(line('2026-10-31', ['2026-06-30', '2026-09-30'])).toMatchObject({
      status: 'ok',
      requiredThrough: '2026-09-30',
      lastPeriodTo: '2026-09-30',
      dueBy: '2027-01-30',
    })
  })

  it('due on the last grace day is not yet overdue; one day later it is', () => {
    // Only Q2 published. On 2026-10-30 (09-30 + 30) Q3 is still in its grace: ok, due by 10-30.
    expect(line('2026-10-30', ['2026-06-30'])).toMatchObject({
      status: 'ok',
      requiredThrough: '2026-06-30',
      dueBy: '2026-10-30',
      lastPeriodTo: '2026-06-30',
    })
    // On 2026-10-31 Q3 is required and not there: overdue since 10-30.
    expect(line('2026-10-31', ['2026-06-30'])).toMatchObject({
      status: 'overdue',
      requiredThrough: '2026-09-30',
      dueBy: '2026-10-30',
      lastPeriodTo: '2026-06-30',
    })
  })

  it('missing when nothing of the type was ever published', () => {
    expect(line('2026-10-31', [])).toMatchObject({
      status: 'missing',
      requiredThrough: '2026-09-30',
      dueBy: '2026-10-30',
      lastPeriodTo: null,
    })
  })

  it('overdue by several periods names the latest required period', () => {
    expect(line('2026-10-31', ['2025-12-31'])).toMatchObject({
      status: 'overdue',
      requiredThrough: '2026-09-30',
      lastPeriodTo: '2025-12-31',
    })
  })

  it('an item reaching beyond the required period is ok, and the next due date follows what it covers', () => {
    // Published through Q4 while Q3 is required: the next period owed is 2027 Q1, due by 03-31 + 30 days.
    expect(line('2026-10-31', ['2026-12-31'])).toMatchObject({
      status: 'ok',
      lastPeriodTo: '2026-12-31',
      dueBy: '2027-04-30',
    })
  })

  it('an item ending mid-period does not cover the period', () => {
    expect(line('2026-10-31', ['2026-09-29']).status).toBe('overdue')
  })

  it('takes the latest period of all published items, ignoring items without one', () => {
    expect(line('2026-10-31', ['2026-09-30', null, '2026-03-31']).lastPeriodTo).toBe('2026-09-30')
    expect(line('2026-10-31', [null]).status).toBe('missing')
  })

  it('counts only items of its own type', () => {
    const other = lineOf('public_revenue_statement', quarterly, {
      today: '2026-10-31',
      published: [pub('fund_statement', '2026-09-30')],
    })
    expect(other.status).toBe('missing')
  })

  it('not due while no period has ended since delivery; due by the first period end + grace', () => {
    // Delivered 2026-10-01: Q4 is the first period, due by 2027-01-30.
    expect(line('2026-10-31', [], '2026-10-01')).toMatchObject({
      status: 'not_due',
      requiredThrough: null,
      dueBy: '2027-01-30',
      lastPeriodTo: null,
    })
    // Delivered 2026-08-15: the partial Q3 counts, required from 10-31.
    expect(line('2026-10-30', [], '2026-08-15')).toMatchObject({ status: 'not_due', dueBy: '2026-10-30' })
    expect(line('2026-10-31', [], '2026-08-15')).toMatchObject({
      status: 'missing',
      requiredThrough: '2026-09-30',
    })
  })

  it('stays not_due with an early item published', () => {
    expect(line('2026-10-31', ['2026-12-31'], '2026-10-01').status).toBe('not_due')
  })
})

describe('completeness: periodic items, halves and years', () => {
  it('half-yearly (上海 fund statement), grace 30', () => {
    const half: Cadence = { kind: 'periodic', months: 6 }
    const at = (today: string, periodTo: string) =>
      lineOf('fund_statement', half, { today, published: [pub('fund_statement', periodTo)] })
    expect(at('2026-07-30', '2025-12-31')).toMatchObject({ status: 'ok', dueBy: '2026-07-30' })
    expect(at('2026-07-31', '2025-12-31')).toMatchObject({ status: 'overdue', requiredThrough: '2026-06-30' })
    expect(at('2026-07-31', '2026-06-30')).toMatchObject({ status: 'ok', dueBy: '2027-01-30' })
  })

  it('yearly, grace 30', () => {
    const year: Cadence = { kind: 'periodic', months: 12 }
    const at = (today: string, periodTo: string) =>
      lineOf('audit', year, { today, published: [pub('audit', periodTo)] })
    expect(at('2027-01-30', '2025-12-31')).toMatchObject({ status: 'ok', dueBy: '2027-01-30' })
    expect(at('2027-01-31', '2025-12-31')).toMatchObject({ status: 'overdue', requiredThrough: '2026-12-31' })
    expect(at('2027-01-31', '2026-12-31')).toMatchObject({ status: 'ok', dueBy: '2028-01-30' })
  })

  it('a different grace moves the boundary with it', () => {
    const quarterly: Cadence = { kind: 'periodic', months: 3 }
    const at = (today: string) =>
      lineOf('public_revenue_statement', quarterly, {
        today,
        graceDays: 15,
        published: [pub('public_revenue_statement', '2026-06-30')],
      })
    expect(at('2026-10-15')).toMatchObject({ status: 'ok', dueBy: '2026-10-15' })
    expect(at('2026-10-16')).toMatchObject({ status: 'overdue', dueBy: '2026-10-15' })
  })

  it('is ok on the due date and overdue the day after, for any period and grace (property)', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.constantFrom(...MONTHS),
        fc.integer({ min: 0, max: 120 }),
        (date, months, grace) => {
          const end = periodEndOf(date, months)
          const previousEnd = addDays(periodStartOf(date, months), -1)
          const at = (today: string) =>
            lineOf(
              'audit',
              { kind: 'periodic', months },
              {
                today,
                since: '1990-01-01',
                graceDays: grace,
                published: [pub('audit', previousEnd)],
              },
            )
          const dueDay = at(addDays(end, grace))
          expect(dueDay.status).toBe('ok')
          expect(dueDay.dueBy).toBe(addDays(end, grace))
          const dayAfter = at(addDays(end, grace + 1))
          expect(dayAfter.status).toBe('overdue')
          expect(dayAfter.requiredThrough).toBe(end)
          expect(dayAfter.dueBy).toBe(addDays(end, grace))
        },
      ),
      RUNS,
    )
  })
})

describe('completeness: event items (within 3 days of the decision)', () => {
  const within3: Cadence = { kind: 'event', withinDays: 3 }
  const line = (today: string, events: DisclosureEvent[], published: PublishedFacts[] = []) =>
    lineOf('assembly_decision', within3, { today, events, published })

  it('ok with no events', () => {
    expect(line('2026-10-31', [])).toMatchObject({ status: 'ok', dueBy: null, missingEvents: [] })
  })

  it('pending within the window, up to and including its last day; overdue the day after', () => {
    const decided = [event('decision:1', '2026-10-01')]
    for (const today of ['2026-10-01', '2026-10-02', '2026-10-04'])
      expect(line(today, decided)).toMatchObject({
        status: 'pending',
        dueBy: '2026-10-04',
        missingEvents: [{ ref: 'decision:1', title: '决定 decision:1', dueBy: '2026-10-04' }],
      })
    expect(line('2026-10-05', decided)).toMatchObject({ status: 'overdue', dueBy: '2026-10-04' })
  })

  it('ok once disclosed by an item whose source is the event, even late', () => {
    const decided = [event('decision:1', '2026-10-01')]
    const disclosed = [pub('assembly_decision', null, 'decision:1')]
    expect(line('2026-10-02', decided, disclosed)).toMatchObject({
      status: 'ok',
      dueBy: null,
      missingEvents: [],
    })
    expect(line('2026-12-31', decided, disclosed).status).toBe('ok')
  })

  it('an item for another event or of another type does not disclose it', () => {
    const decided = [event('decision:1', '2026-10-01')]
    expect(line('2026-10-10', decided, [pub('assembly_decision', null, 'decision:2')]).status).toBe('overdue')
    expect(line('2026-10-10', decided, [pub('committee_decision', null, 'decision:1')]).status).toBe(
      'overdue',
    )
    expect(line('2026-10-10', decided, [pub('assembly_decision', null, null)]).status).toBe('overdue')
  })

  it('lists the open events by deadline; the line is due by the earliest and overdue if any is late', () => {
    const decided = [
      event('decision:3', '2026-10-20'),
      event('decision:1', '2026-10-01'),
      event('decision:2', '2026-10-10'),
    ]
    const disclosed = [pub('assembly_decision', null, 'decision:1')]
    const open = [
      ['decision:2', '2026-10-13'],
      ['decision:3', '2026-10-23'],
    ]
    // decision:1 is disclosed; decision:2 is due 10-10 + 3 = 10-13, decision:3 10-23.
    const onTime = line('2026-10-13', decided, disclosed)
    expect(onTime.status).toBe('pending')
    expect(onTime.missingEvents.map((e) => [e.ref, e.dueBy])).toEqual(open)
    expect(onTime.dueBy).toBe('2026-10-13')
    const late = line('2026-10-14', decided, disclosed)
    expect(late.status).toBe('overdue')
    expect(late.missingEvents.map((e) => [e.ref, e.dueBy])).toEqual(open)
    expect(late.dueBy).toBe('2026-10-13')
  })

  it('ignores events of other types', () => {
    const result = line('2026-10-31', [event('c:1', '2026-10-01', 'committee_decision')])
    expect(result).toMatchObject({ status: 'ok', missingEvents: [] })
  })

  it('uses the cadence’s own window', () => {
    const within5 = lineOf(
      'committee_decision',
      { kind: 'event', withinDays: 5 },
      {
        today: '2026-10-06',
        events: [event('c:1', '2026-10-01', 'committee_decision')],
      },
    )
    expect(within5).toMatchObject({ status: 'pending', dueBy: '2026-10-06' })
  })
})

describe('completeness: the lines of a city profile', () => {
  it('gives one line per required type, in the profile’s order, and none for others', () => {
    for (const rule of CITY_RULES) {
      const profile = CITY_PROFILES[rule]
      const lines = completeness({
        today: '2026-10-31',
        since: '2020-01-01',
        graceDays: profile.graceDays,
        cadences: profile.cadences,
        published: [pub('notice'), pub('budget_accounts', '2026-09-30')],
        events: [],
      })
      expect(lines.map((l) => l.type)).toEqual(Object.keys(profile.cadences))
      expect(lines.map((l) => l.cadence)).toEqual(Object.values(profile.cadences))
    }
  })

  it('上海 on 2026-10-31 with nothing published: continuous and periodic lines missing, events ok', () => {
    const profile = CITY_PROFILES.shanghai
    const lines = completeness({
      today: '2026-10-31',
      since: '2020-01-01',
      graceDays: profile.graceDays,
      cadences: profile.cadences,
      published: [],
      events: [],
    })
    const byType = Object.fromEntries(lines.map((l) => [l.type, l]))
    expect(byType.service_items!.status).toBe('missing')
    expect(byType.public_revenue_statement).toMatchObject({
      status: 'missing',
      requiredThrough: '2026-09-30',
    })
    expect(byType.fund_statement).toMatchObject({ status: 'missing', requiredThrough: '2026-06-30' })
    expect(byType.audit).toMatchObject({ status: 'missing', requiredThrough: '2025-12-31' })
    expect(byType.assembly_decision!.status).toBe('ok')
    expect(byType.committee_decision!.status).toBe('ok')
  })
})

describe('city profiles: cadences and display', () => {
  it('every city keeps the items of 民法典 943 current and asks for decisions within 3 days', () => {
    for (const rule of CITY_RULES) {
      const c = CITY_PROFILES[rule].cadences
      for (const type of [
        'service_items',
        'responsible_people',
        'quality_standards',
        'fee_standards',
        'handover_inspection',
      ] as const)
        expect(c[type]).toEqual({ kind: 'continuous' })
      expect(c.assembly_decision).toEqual({ kind: 'event', withinDays: 3 })
      expect(c.committee_decision).toEqual({ kind: 'event', withinDays: 3 })
      expect(c.performance_report).toEqual({ kind: 'periodic', months: 12 })
      expect(c.audit).toEqual({ kind: 'periodic', months: 12 })
    }
  })

  it('the fund statement at least yearly (165号令 第30条), every 6 months in 上海', () => {
    expect(CITY_PROFILES.shanghai.cadences.fund_statement).toEqual({ kind: 'periodic', months: 6 })
    for (const rule of CITY_RULES.filter((r) => r !== 'shanghai'))
      expect(CITY_PROFILES[rule].cadences.fund_statement).toEqual({ kind: 'periodic', months: 12 })
  })

  it('public revenue quarterly in 上海, every 6 months in 北京/湖州/杭州, yearly elsewhere', () => {
    expect(CITY_PROFILES.shanghai.cadences.public_revenue_statement).toEqual({ kind: 'periodic', months: 3 })
    for (const rule of ['beijing', 'huzhou', 'hangzhou'] as const)
      expect(CITY_PROFILES[rule].cadences.public_revenue_statement).toEqual({ kind: 'periodic', months: 6 })
    expect(CITY_PROFILES.national.cadences.public_revenue_statement).toEqual({ kind: 'periodic', months: 12 })
  })

  it('periodic items stay up at least 30 days, general notices 5; 30 days’ grace', () => {
    for (const rule of CITY_RULES) {
      expect(CITY_PROFILES[rule].minDisplayDays).toEqual({ periodic: 30, general: 5 })
      expect(CITY_PROFILES[rule].graceDays).toBe(30)
    }
  })
})
