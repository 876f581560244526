import { describe, expect, it } from 'vitest'
import { areaToHundredths } from '../../platform/area'
import {
  addMonths,
  ageOpenAmounts,
  agingBucket,
  allocatePayment,
  applyVacancyRule,
  arrearsRecoveryRateBp,
  BINZHOU_VACANCY_RULE,
  type BillLine,
  billingPeriodOf,
  billingPeriods,
  collectionRateBp,
  daysBetween,
  daysInMonth,
  daysOverdue,
  divideRounded,
  EXCESSIVE_LATE_FEE_BP,
  exactLineFen,
  formatPercentBp,
  formatRate,
  lateFee,
  lineAmountFen,
  meteredUsage,
  monthsFromTo,
  type OpenBill,
  ownerChargedFrom,
  type PrepaymentLimit,
  parseRate,
  parseReading,
  payerForMonth,
  prepaymentRoom,
  prorateByDays,
  type RoundingMode,
  refundForMonth,
  splitByLargestRemainder,
  splitOverDays,
  splitSharedCost,
  toFen,
  unservedDays,
  vacantMonthsBefore,
  ZHENGZHOU_MAX_PREPAID_MONTHS,
} from './fee-math'

const area = areaToHundredths
const rate = parseRate
const areaLine = (r: string, a: string, months = 1): BillLine => ({
  kind: 'area',
  rate: rate(r),
  areaHundredths: area(a),
  months,
})
const inAllModes = (amount: (mode: RoundingMode) => number) => ({
  half_up: amount('half_up'),
  half_even: amount('half_even'),
  down: amount('down'),
})

describe('rounding once', () => {
  // biome-ignore format: one case per line reads as a table
  it.each([
    { exact: '250.236 (the domain example, in fen ×1000)', n: 250_236n, d: 1000n, half_up: 250n, half_even: 250n, down: 250n },
    { exact: '2.4999', n: 24_999n, d: 10_000n, half_up: 2n, half_even: 2n, down: 2n },
    { exact: '2.5 (tie, even below)', n: 5n, d: 2n, half_up: 3n, half_even: 2n, down: 2n },
    { exact: '3.5 (tie, odd below)', n: 7n, d: 2n, half_up: 4n, half_even: 4n, down: 3n },
    { exact: '2.5001', n: 25_001n, d: 10_000n, half_up: 3n, half_even: 3n, down: 2n },
    { exact: '0.5', n: 1n, d: 2n, half_up: 1n, half_even: 0n, down: 0n },
    { exact: '2.9999', n: 29_999n, d: 10_000n, half_up: 3n, half_even: 3n, down: 2n },
    { exact: '7 (whole)', n: 70n, d: 10n, half_up: 7n, half_even: 7n, down: 7n },
    { exact: '0', n: 0n, d: 7n, half_up: 0n, half_even: 0n, down: 0n },
  ])('$exact', ({ n, d, ...expected }) => {
    expect(inAllModes((mode) => Number(divideRounded(n, d, mode)))).toEqual({
      half_up: Number(expected.half_up),
      half_even: Number(expected.half_even),
      down: Number(expected.down),
    })
  })

  it('half_up is the default', () => {
    expect(divideRounded(5n, 2n)).toBe(3n)
  })

  it('refuses negative amounts, a zero denominator and unknown modes', () => {
    expect(() => divideRounded(-1n, 2n)).toThrow(RangeError)
    expect(() => divideRounded(1n, 0n)).toThrow(/denominator/)
    expect(() => divideRounded(1n, 2n, 'half_down' as RoundingMode)).toThrow(/unknown rounding mode/)
  })

  it('hands out fen as JS numbers only while they are safe integers', () => {
    expect(toFen(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER)
    expect(() => toFen(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError)
    expect(() => toFen(-1n)).toThrow(RangeError)
  })
})

describe('rates and readings as exact decimals', () => {
  it.each([
    ['2.80', 28_000n],
    ['0.4500', 4_500n],
    ['0.45', 4_500n],
    ['2', 20_000n],
    ['0.0001', 1n],
    ['1234.5678', 12_345_678n],
    [' 2.8 ', 28_000n],
    ['0', 0n],
  ])('rate %j → %s (1/10000 元)', (text, expected) => {
    expect(parseRate(text)).toBe(expected)
  })

  it.each([
    ['2.80001', /at most 4/],
    ['0.00005', /at most 4/],
    ['-1', /negative/],
    ['-0.45', /negative/],
    ['', /not a decimal/],
    ['abc', /not a decimal/],
    ['2.', /not a decimal/],
    ['.5', /not a decimal/],
    ['1e3', /not a decimal/],
    ['2,80', /not a decimal/],
    ['+2.80', /not a decimal/],
    ['NaN', /not a decimal/],
    ['２.80', /not a decimal/],
  ])('refuses rate %j', (text, message) => {
    expect(() => parseRate(text)).toThrow(RangeError)
    expect(() => parseRate(text)).toThrow(message)
  })

  it('formats rates back with at least two decimals', () => {
    expect([28_000n, 4_500n, 4_567n, 1n, 0n, 12_345_670n].map(formatRate)).toEqual([
      '2.80',
      '0.45',
      '0.4567',
      '0.0001',
      '0.00',
      '1234.567',
    ])
    expect(parseRate(formatRate(4_567n))).toBe(4_567n)
  })

  it('readings take up to two decimals', () => {
    expect(parseReading('12345.6')).toBe(1_234_560n)
    expect(parseReading('0.01')).toBe(1n)
    expect(() => parseReading('1.234')).toThrow(/at most 2/)
    expect(() => parseReading('-3')).toThrow(/negative/)
  })
})

describe('bill lines', () => {
  it('the domain example: 2.80 元/m² × 89.37 m² = 250.236 → 250.24 元', () => {
    expect(exactLineFen(areaLine('2.80', '89.37'))).toEqual({ numerator: 250_236_000n, denominator: 10_000n })
    expect(inAllModes((mode) => lineAmountFen(areaLine('2.80', '89.37'), mode))).toEqual({
      half_up: 25_024,
      half_even: 25_024,
      down: 25_023,
    })
  })

  it('rounds once over several months, not once per month', () => {
    // 3 × 250.236 = 750.708 → 750.71, where 3 × 250.24 would be 750.72.
    expect(lineAmountFen(areaLine('2.80', '89.37', 3))).toBe(75_071)
  })

  // biome-ignore format: one case per line reads as a table
  it.each([
    { name: '100.50 fen exactly (tie, even below)', line: areaLine('1.0050', '1.00'), half_up: 101, half_even: 100, down: 100 },
    { name: '101.50 fen exactly (tie, odd below)', line: areaLine('1.0150', '1.00'), half_up: 102, half_even: 102, down: 101 },
    { name: 'just below a half: 0.4999 fen', line: areaLine('0.0001', '49.99'), half_up: 0, half_even: 0, down: 0 },
    { name: 'a half: 0.5 fen', line: areaLine('0.0001', '50.00'), half_up: 1, half_even: 0, down: 0 },
    { name: 'just above a half: 0.5001 fen', line: areaLine('0.0001', '50.01'), half_up: 1, half_even: 1, down: 0 },
  ])('area line at a rounding boundary: $name', ({ name: _, line, ...expected }) => {
    expect(inAllModes((mode) => lineAmountFen(line, mode))).toEqual(expected)
  })

  it('per parking space and fixed per unit', () => {
    expect(lineAmountFen({ kind: 'per_space', rate: rate('150.00'), spaces: 2, months: 3 })).toBe(90_000)
    // 0.3333 元 = 33.33 fen
    expect(
      inAllModes((mode) =>
        lineAmountFen({ kind: 'per_space', rate: rate('0.3333'), spaces: 1, months: 1 }, mode),
      ),
    ).toEqual({ half_up: 33, half_even: 33, down: 33 })
    expect(lineAmountFen({ kind: 'fixed', rate: rate('25.5050'), months: 1 }, 'half_up')).toBe(2_551)
    expect(lineAmountFen({ kind: 'fixed', rate: rate('25.5050'), months: 1 }, 'half_even')).toBe(2_550)
    expect(lineAmountFen({ kind: 'fixed', rate: rate('25.5050'), months: 2 }, 'down')).toBe(5_101)
  })

  it('metered: reading difference × unit price', () => {
    const line = (previous: string, current: string, price = '0.5283'): BillLine => ({
      kind: 'metered',
      rate: rate(price),
      previous: parseReading(previous),
      current: parseReading(current),
    })
    // 99.50 kWh × 0.5283 元 = 52.56585 元
    expect(inAllModes((mode) => lineAmountFen(line('1234.56', '1334.06'), mode))).toEqual({
      half_up: 5_257,
      half_even: 5_257,
      down: 5_256,
    })
    expect(lineAmountFen(line('100.00', '100.00'))).toBe(0)
    expect(() => lineAmountFen(line('100.00', '99.99'))).toThrow(/went down/)
  })

  it('a meter rollover needs the point where the meter wraps', () => {
    const wrapsAt = parseReading('100000')
    expect(meteredUsage(parseReading('99990.00'), parseReading('10.00'), wrapsAt)).toBe(2_000n)
    expect(meteredUsage(parseReading('99999.99'), 0n, wrapsAt)).toBe(1n)
    expect(() => meteredUsage(parseReading('99990.00'), parseReading('10.00'))).toThrow(/no rollover point/)
    expect(() => meteredUsage(wrapsAt, 0n, wrapsAt)).toThrow(/below the rollover point/)
    expect(() => meteredUsage(0n, wrapsAt, wrapsAt)).toThrow(/below the rollover point/)
  })

  it('refuses quantities that are not whole, negative rates and unsafe totals', () => {
    expect(() => lineAmountFen(areaLine('2.80', '89.37', 0))).toThrow(/months/)
    expect(() => lineAmountFen(areaLine('2.80', '89.37', 1.5))).toThrow(/months/)
    expect(() => lineAmountFen({ kind: 'per_space', rate: 1n, spaces: -1, months: 1 })).toThrow(/spaces/)
    expect(() => lineAmountFen({ kind: 'fixed', rate: -1n, months: 1 })).toThrow(/negative/)
    expect(() => lineAmountFen({ kind: 'area', rate: 1n, areaHundredths: -1n, months: 1 })).toThrow(/area/)
    expect(() => lineAmountFen({ kind: 'fixed', rate: 10n ** 24n, months: 1 })).toThrow(/MAX_SAFE_INTEGER/)
  })
})

describe('splitting a shared cost (公摊) by largest remainder', () => {
  const units = [
    { unit: 'A-101', areaHundredths: area('100.00') },
    { unit: 'A-102', areaHundredths: area('100.00') },
    { unit: 'A-103', areaHundredths: area('100.00') },
  ]

  it('equal remainders: the spare fen goes by unit code, whatever the input order', () => {
    expect(splitSharedCost(100, units, 'area')).toEqual([
      { key: 'A-101', fen: 34 },
      { key: 'A-102', fen: 33 },
      { key: 'A-103', fen: 33 },
    ])
    expect(splitSharedCost(100, [...units].reverse(), 'area')).toEqual([
      { key: 'A-103', fen: 33 },
      { key: 'A-102', fen: 33 },
      { key: 'A-101', fen: 34 },
    ])
  })

  it('a larger remainder wins over an earlier code', () => {
    // 100 × 1/3 = 33.33, 100 × 2/3 = 66.67: the second has the larger remainder.
    const shares = splitByLargestRemainder(100, [
      { key: 'A', weight: 1n },
      { key: 'B', weight: 2n },
    ])
    expect(shares).toEqual([
      { key: 'A', fen: 33 },
      { key: 'B', fen: 67 },
    ])
  })

  it('by area and per household', () => {
    const mixed = [
      { unit: 'B-1', areaHundredths: area('89.37') },
      { unit: 'B-2', areaHundredths: area('120.00') },
      { unit: 'B-3', areaHundredths: area('60.63') },
    ]
    const byArea = splitSharedCost(100_001, mixed, 'area')
    // exact: 33100.33…, 44444.88…, 22455.77… → the floors sum to 99999; the two larger remainders get a fen.
    expect(byArea.map((s) => s.fen)).toEqual([33_100, 44_445, 22_456])
    expect(splitSharedCost(1_001, mixed, 'household').map((s) => s.fen)).toEqual([334, 334, 333])
  })

  it('a zero weight gets nothing; nothing to split over is an error unless the total is 0', () => {
    expect(
      splitByLargestRemainder(10, [
        { key: 'a', weight: 0n },
        { key: 'b', weight: 3n },
      ]).map((s) => s.fen),
    ).toEqual([0, 10])
    expect(splitByLargestRemainder(0, [])).toEqual([])
    expect(splitByLargestRemainder(0, [{ key: 'a', weight: 0n }])).toEqual([{ key: 'a', fen: 0 }])
    expect(() => splitByLargestRemainder(1, [])).toThrow(/sum to 0/)
    expect(() => splitByLargestRemainder(1, [{ key: 'a', weight: 0n }])).toThrow(/sum to 0/)
  })

  it('refuses duplicate keys, negative weights and bad totals', () => {
    expect(() =>
      splitByLargestRemainder(1, [
        { key: 'a', weight: 1n },
        { key: 'a', weight: 1n },
      ]),
    ).toThrow(/duplicate/)
    expect(() => splitByLargestRemainder(1, [{ key: 'a', weight: -1n }])).toThrow(/negative/)
    expect(() => splitByLargestRemainder(-1, [{ key: 'a', weight: 1n }])).toThrow(/total/)
    expect(() => splitByLargestRemainder(0.5, [{ key: 'a', weight: 1n }])).toThrow(/total/)
  })
})

describe('months, dates and billing periods', () => {
  it.each([
    ['2024-02', 29],
    ['2025-02', 28],
    ['2000-02', 29],
    ['1900-02', 28],
    ['2100-02', 28],
    ['2025-04', 30],
    ['2025-12', 31],
  ])('%s has %i days', (month, days) => {
    expect(daysInMonth(month)).toBe(days)
  })

  it('adds months across years, both ways', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01')
    expect(addMonths('2025-01', -1)).toBe('2024-12')
    expect(addMonths('2025-03', 12)).toBe('2026-03')
    expect(monthsFromTo('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthsFromTo('2025-02', '2025-01')).toEqual([])
  })

  it('counts days between dates over leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1)
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1)
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
  })

  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '2025-3-1', '2025-04-31', '25-04-01'])(
    'refuses the date %j',
    (date) => {
      expect(() => daysBetween(date, '2025-01-01')).toThrow(/not a YYYY-MM-DD date/)
    },
  )

  it('refuses malformed months', () => {
    for (const month of ['2025-13', '2025-00', '2025-1', '202501', ''])
      expect(() => daysInMonth(month)).toThrow(/not a YYYY-MM month/)
  })

  it('calendar periods: months, quarters, years', () => {
    expect(billingPeriodOf('monthly', '2025-05')).toEqual({ first: '2025-05', last: '2025-05' })
    const quarters = monthsFromTo('2025-01', '2025-12').map((m) => billingPeriodOf('quarterly', m).first)
    expect(quarters).toEqual([
      ...Array(3).fill('2025-01'),
      ...Array(3).fill('2025-04'),
      ...Array(3).fill('2025-07'),
      ...Array(3).fill('2025-10'),
    ])
    expect(billingPeriodOf('quarterly', '2025-12')).toEqual({ first: '2025-10', last: '2025-12' })
    expect(billingPeriodOf('yearly', '2025-07')).toEqual({ first: '2025-01', last: '2025-12' })
  })

  it('periods over a range are cut to it (a first bill from the charging start)', () => {
    expect(billingPeriods('yearly', ownerChargedFrom('2025-03-18'), '2026-12')).toEqual([
      { first: '2025-04', last: '2025-12' },
      { first: '2026-01', last: '2026-12' },
    ])
    expect(billingPeriods('quarterly', '2025-02', '2025-07')).toEqual([
      { first: '2025-02', last: '2025-03' },
      { first: '2025-04', last: '2025-06' },
      { first: '2025-07', last: '2025-07' },
    ])
    expect(billingPeriods('monthly', '2025-01', '2025-02')).toHaveLength(2)
  })
})

describe('start of charging and who is billed', () => {
  it('delivered 2025-03-18 → the owner is billed from 2025-04 (domain example)', () => {
    expect(ownerChargedFrom('2025-03-18')).toBe('2025-04')
    expect(ownerChargedFrom('2025-03-01')).toBe('2025-04')
    expect(ownerChargedFrom('2025-03-31')).toBe('2025-04')
    expect(ownerChargedFrom('2025-12-31')).toBe('2026-01')
  })

  it('the developer pays through the delivery month, and for unsold or undelivered units', () => {
    expect(payerForMonth('2025-03-18', '2025-02')).toBe('developer')
    expect(payerForMonth('2025-03-18', '2025-03')).toBe('developer')
    expect(payerForMonth('2025-03-18', '2025-04')).toBe('owner')
    expect(payerForMonth('2025-12-05', '2026-01')).toBe('owner')
    expect(payerForMonth(null, '2030-01')).toBe('developer')
  })
})

describe('pro-rating by days (纠纷解释 3 refunds)', () => {
  it('amount × days ÷ days in the month, in 30-, 31-, 28- and 29-day months', () => {
    expect(prorateByDays(3_000, 10, '2025-04')).toBe(1_000)
    expect(prorateByDays(3_100, 15, '2025-05')).toBe(1_500)
    expect(prorateByDays(2_800, 14, '2025-02')).toBe(1_400)
    expect(prorateByDays(2_900, 1, '2024-02')).toBe(100)
    expect(prorateByDays(2_800, 1, '2024-02')).toBe(97) // 96.55…
    expect(prorateByDays(2_800, 0, '2025-02')).toBe(0)
    expect(prorateByDays(2_800, 28, '2025-02')).toBe(2_800)
  })

  it('rounds once, by the mode, at a half fen', () => {
    // 1 fen × 14 / 28 = 0.5
    expect(inAllModes((mode) => prorateByDays(1, 14, '2025-02', mode))).toEqual({
      half_up: 1,
      half_even: 0,
      down: 0,
    })
  })

  it('refuses more days than the month has', () => {
    expect(prorateByDays(2_900, 29, '2024-02')).toBe(2_900)
    expect(() => prorateByDays(2_900, 29, '2025-02')).toThrow(/2025-02 has 28 days/)
    expect(() => prorateByDays(2_900, -1, '2025-02')).toThrow(/days/)
  })

  it('unserved days after the last served day', () => {
    expect(unservedDays('2025-02', '2025-02-10')).toBe(18)
    expect(unservedDays('2024-02', '2024-02-10')).toBe(19)
    expect(unservedDays('2024-02', '2024-02-29')).toBe(0)
    expect(unservedDays('2025-03', '2025-02-28')).toBe(31)
    expect(unservedDays('2025-01', '2025-02-28')).toBe(0)
  })

  it('a prepaid month cut short: refund + kept = the month, exactly', () => {
    // 25024 × 18 / 28 = 16086.857… → 16087
    expect(refundForMonth(25_024, '2025-02', '2025-02-10')).toEqual({
      keptFen: 8_937,
      refundFen: 16_087,
      unservedDays: 18,
    })
    expect(refundForMonth(25_024, '2025-03', '2025-02-10').refundFen).toBe(25_024)
  })

  it('spreads a month over its days, the spare fen on the earliest days', () => {
    const days = splitOverDays(100, '2025-02')
    expect(days).toHaveLength(28)
    expect(days.slice(0, 16)).toEqual(Array(16).fill(4)) // 100 = 28 × 3 + 16
    expect(days.slice(16)).toEqual(Array(12).fill(3))
    expect(splitOverDays(2_900, '2024-02')).toEqual(Array(29).fill(100))
  })
})

describe('vacancy discount', () => {
  it('滨州: vacant more than 6 months pays at most 60%; the discount is a separate line', () => {
    const line = applyVacancyRule(25_024, BINZHOU_VACANCY_RULE, '2025-01-01', '2025-07')
    expect(line).toEqual({ standardFen: 25_024, payFen: 15_014, discountFen: 10_010, applied: true })
    // 60% of 10001 is 6000.6: paying 6001 would be above 60%.
    expect(applyVacancyRule(10_001, BINZHOU_VACANCY_RULE, '2025-01-01', '2025-07').payFen).toBe(6_000)
  })

  it('a month counts once the vacancy is more than 6 months old all through it', () => {
    expect(vacantMonthsBefore('2025-01-01', '2025-07')).toBe(6)
    expect(vacantMonthsBefore('2025-01-02', '2025-07')).toBe(5)
    expect(vacantMonthsBefore('2025-01-31', '2025-08')).toBe(6)
    expect(vacantMonthsBefore('2025-09-01', '2025-07')).toBe(0)
    const applied = (since: string, month: string) =>
      applyVacancyRule(1_000, BINZHOU_VACANCY_RULE, since, month).applied
    expect(applied('2025-01-01', '2025-06')).toBe(false)
    expect(applied('2025-01-01', '2025-07')).toBe(true)
    expect(applied('2025-01-02', '2025-07')).toBe(false)
    expect(applied('2025-01-02', '2025-08')).toBe(true)
    expect(applied('2024-12-31', '2025-07')).toBe(true)
  })

  it('no rule, no vacancy, or a vacancy starting inside the month: the standard amount', () => {
    const none = { standardFen: 1_000, payFen: 1_000, discountFen: 0, applied: false }
    expect(applyVacancyRule(1_000, null, '2020-01-01', '2025-07')).toEqual(none)
    expect(applyVacancyRule(1_000, BINZHOU_VACANCY_RULE, null, '2025-07')).toEqual(none)
    const fromDayOne = { minVacantMonths: 0, payPercentBp: 5_000 }
    expect(applyVacancyRule(1_000, fromDayOne, '2025-07-01', '2025-07').applied).toBe(true)
    expect(applyVacancyRule(1_000, fromDayOne, '2025-07-02', '2025-07').applied).toBe(false)
  })

  it('refuses a rule above 100% and bad dates', () => {
    expect(() => applyVacancyRule(1, { minVacantMonths: 6, payPercentBp: 10_001 }, null, '2025-07')).toThrow(
      /at most 10000/,
    )
    expect(() => applyVacancyRule(1, BINZHOU_VACANCY_RULE, '2025-02-30', '2025-07')).toThrow(/date/)
  })
})

describe('late fees (违约金)', () => {
  it('are off unless the contract provides them', () => {
    expect(lateFee(100_000, 365)).toEqual({ feeFen: 0, uncappedFen: 0, capped: false })
  })

  it('simple daily interest on the principal, rounded once', () => {
    // 万分之五 per day for 30 days on 100.00 元
    expect(lateFee(10_000, 30, { dailyRateBp: 5 })).toEqual({ feeFen: 150, uncappedFen: 150, capped: false })
    // 1000 × 5 × 1 / 10000 = 0.5 fen
    expect(inAllModes((mode) => lateFee(1_000, 1, { dailyRateBp: 5 }, mode).feeFen)).toEqual({
      half_up: 1,
      half_even: 0,
      down: 0,
    })
    expect(lateFee(10_000, 0, { dailyRateBp: 5 }).feeFen).toBe(0)
  })

  it('the cap: reaching it exactly is not capping, one day more is', () => {
    const terms = { dailyRateBp: 5, capBp: EXCESSIVE_LATE_FEE_BP }
    expect(lateFee(10_000, 600, terms)).toEqual({ feeFen: 3_000, uncappedFen: 3_000, capped: false })
    expect(lateFee(10_000, 601, terms)).toEqual({ feeFen: 3_000, uncappedFen: 3_005, capped: true })
  })

  it('the cap is the whole fen not above it, even when rounding would cross it', () => {
    // cap: 30% of 3333 = 999.9 → 999; fee: 3333 × 5 × 600 / 10000 = 999.9 → 1000
    expect(lateFee(3_333, 600, { dailyRateBp: 5, capBp: 3_000 })).toEqual({
      feeFen: 999,
      uncappedFen: 1_000,
      capped: true,
    })
  })

  it('days overdue: the due date itself is on time', () => {
    expect(daysOverdue('2025-03-31', '2025-03-30')).toBe(0)
    expect(daysOverdue('2025-03-31', '2025-03-31')).toBe(0)
    expect(daysOverdue('2025-03-31', '2025-04-01')).toBe(1)
    expect(daysOverdue('2024-02-28', '2024-03-01')).toBe(2)
  })

  it('refuses fractional inputs', () => {
    expect(() => lateFee(10_000, 1.5, { dailyRateBp: 5 })).toThrow(/overdue days/)
    expect(() => lateFee(10_000, 1, { dailyRateBp: 0.5 })).toThrow(/dailyRateBp/)
    expect(() => lateFee(10_000, 1, { dailyRateBp: 5, capBp: -1 })).toThrow(/capBp/)
  })
})

describe('allocating a payment', () => {
  const bills: OpenBill[] = [
    { id: 'feb-service', period: '2025-02', itemOrder: 1, openFen: 25_024 },
    { id: 'jan-parking', period: '2025-01', itemOrder: 2, openFen: 15_000 },
    { id: 'jan-service', period: '2025-01', itemOrder: 1, openFen: 25_024 },
  ]
  const prepayment: PrepaymentLimit = {
    monthlyFen: 40_024,
    maxMonthsAhead: ZHENGZHOU_MAX_PREPAID_MONTHS,
    balanceFen: 0,
  }

  it('oldest first, by period then fee item order; a partial payment leaves the rest on the oldest unpaid', () => {
    expect(allocatePayment({ paymentFen: 30_000, bills, prepayment })).toEqual({
      allocations: [
        { billId: 'jan-service', fen: 25_024 },
        { billId: 'jan-parking', fen: 4_976 },
      ],
      prepaidFen: 0,
      excessFen: 0,
    })
  })

  it('an exact payment settles everything', () => {
    const result = allocatePayment({ paymentFen: 65_048, bills, prepayment })
    expect(result.allocations.map((a) => a.fen)).toEqual([25_024, 15_000, 25_024])
    expect([result.prepaidFen, result.excessFen]).toEqual([0, 0])
  })

  it('overpayment goes to prepaid up to 12 months ahead less the balance; the rest is refused', () => {
    // room: 40024 × 12 − 100000 = 380288
    const limit = { ...prepayment, balanceFen: 100_000 }
    expect(prepaymentRoom(limit)).toBe(380_288)
    const result = allocatePayment({ paymentFen: 500_000, bills, prepayment: limit })
    expect(result.prepaidFen).toBe(380_288)
    expect(result.excessFen).toBe(500_000 - 65_048 - 380_288)
    expect(allocatePayment({ paymentFen: 70_000, bills, prepayment: limit }).prepaidFen).toBe(4_952)
  })

  it('no prepayment allowed, or the balance already at the cap: all overpayment is excess', () => {
    const none = allocatePayment({
      paymentFen: 70_000,
      bills,
      prepayment: { ...prepayment, maxMonthsAhead: 0 },
    })
    expect([none.prepaidFen, none.excessFen]).toEqual([0, 4_952])
    const full = { ...prepayment, balanceFen: 40_024 * 12 + 1 }
    expect(prepaymentRoom(full)).toBe(0)
    expect(allocatePayment({ paymentFen: 70_000, bills, prepayment: full }).excessFen).toBe(4_952)
  })

  it('chosen bills only, oldest first among them; the rest goes to prepaid, not to other bills', () => {
    const result = allocatePayment({
      paymentFen: 50_000,
      bills,
      chosenBillIds: ['feb-service', 'jan-parking'],
      prepayment,
    })
    expect(result).toEqual({
      allocations: [
        { billId: 'jan-parking', fen: 15_000 },
        { billId: 'feb-service', fen: 25_024 },
      ],
      prepaidFen: 9_976,
      excessFen: 0,
    })
  })

  it('skips settled bills and breaks full ties by bill id', () => {
    const result = allocatePayment({
      paymentFen: 10,
      bills: [
        { id: 'b', period: '2025-01', itemOrder: 1, openFen: 5 },
        { id: 'a', period: '2025-01', itemOrder: 1, openFen: 5 },
        { id: 'z', period: '2024-12', itemOrder: 1, openFen: 0 },
      ],
      prepayment,
    })
    expect(result.allocations).toEqual([
      { billId: 'a', fen: 5 },
      { billId: 'b', fen: 5 },
    ])
  })

  it('a zero payment allocates nothing', () => {
    expect(allocatePayment({ paymentFen: 0, bills, prepayment })).toEqual({
      allocations: [],
      prepaidFen: 0,
      excessFen: 0,
    })
  })

  it('refuses unknown or repeated chosen bills, duplicate ids and bad amounts', () => {
    expect(() => allocatePayment({ paymentFen: 1, bills, chosenBillIds: ['nope'], prepayment })).toThrow(
      /not among the open bills/,
    )
    expect(() =>
      allocatePayment({ paymentFen: 1, bills, chosenBillIds: ['jan-service', 'jan-service'], prepayment }),
    ).toThrow(/chosen twice/)
    expect(() => allocatePayment({ paymentFen: 1, bills: [...bills, bills[0]!], prepayment })).toThrow(
      /duplicate bill id/,
    )
    expect(() => allocatePayment({ paymentFen: -1, bills, prepayment })).toThrow(/payment/)
    expect(() =>
      allocatePayment({ paymentFen: 1, bills: [{ ...bills[0]!, openFen: 1.5 }], prepayment }),
    ).toThrow(/open amount/)
    expect(() =>
      allocatePayment({ paymentFen: 1, bills: [{ ...bills[0]!, period: '2025-13' }], prepayment }),
    ).toThrow(/month/)
  })
})

describe('aging of overdue amounts', () => {
  it.each([
    [-5, null],
    [0, null],
    [1, 'upTo30'],
    [30, 'upTo30'],
    [31, 'from31To90'],
    [90, 'from31To90'],
    [91, 'from91To180'],
    [180, 'from91To180'],
    [181, 'from181To365'],
    [365, 'from181To365'],
    [366, 'over365'],
    [4_000, 'over365'],
  ])('%i days past due → %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket)
  })

  it('buckets open amounts as of a date; the parts add up to the total', () => {
    const report = ageOpenAmounts(
      [
        { dueOn: '2025-12-31', openFen: 1 }, // 0 days: not due
        { dueOn: '2026-01-15', openFen: 2 }, // future: not due
        { dueOn: '2025-12-01', openFen: 4 }, // 30
        { dueOn: '2025-11-30', openFen: 8 }, // 31
        { dueOn: '2025-01-01', openFen: 16 }, // 364
        { dueOn: '2024-12-31', openFen: 32 }, // 365
        { dueOn: '2024-12-30', openFen: 64 }, // 366
      ],
      '2025-12-31',
    )
    expect(report).toEqual({
      buckets: { upTo30: 4, from31To90: 8, from91To180: 0, from181To365: 48, over365: 64 },
      notDueFen: 3,
      totalFen: 127,
    })
  })

  it('a year across 29 February is 366 days: over a year', () => {
    expect(agingBucket(daysBetween('2024-02-28', '2025-02-28'))).toBe('over365')
    expect(agingBucket(daysBetween('2025-02-28', '2026-02-28'))).toBe('from181To365')
  })
})

describe('collection ratios', () => {
  it('收缴率 and 清欠率 in basis points, rounded down', () => {
    expect(collectionRateBp(9_537, 10_000)).toBe(9_537)
    expect(collectionRateBp(2, 3)).toBe(6_666)
    expect(collectionRateBp(10_000, 10_000)).toBe(10_000)
    expect(collectionRateBp(0, 10_000)).toBe(0)
    expect(collectionRateBp(9_999_999, 10_000_000)).toBe(9_999)
    expect(arrearsRecoveryRateBp(1, 3)).toBe(3_333)
  })

  it('nothing billed: no rate rather than a division by zero', () => {
    expect(collectionRateBp(0, 0)).toBeNull()
    expect(arrearsRecoveryRateBp(5, 0)).toBeNull()
    expect(formatPercentBp(collectionRateBp(0, 0))).toBeNull()
  })

  it('formats as a percent with two decimals', () => {
    expect([9_537, 6_666, 10_000, 0, 1, 10, 12_345].map(formatPercentBp)).toEqual([
      '95.37%',
      '66.66%',
      '100.00%',
      '0.00%',
      '0.01%',
      '0.10%',
      '123.45%',
    ])
    expect(() => formatPercentBp(1.5)).toThrow(RangeError)
  })
})
