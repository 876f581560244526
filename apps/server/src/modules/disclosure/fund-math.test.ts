import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type AllocationRule, CITY_PROFILES, CITY_RULES, cityRuleOf } from './city-rules'
import {
  emergencyRoomFen,
  type FundTotals,
  firstDepositFen,
  minimumToFundFen,
  mostToFundFen,
  needsTopUp,
  percentOfFirstDepositFen,
  quarterDates,
  quarterOf,
  TOP_UP_PERCENT,
  topUpLineFen,
} from './fund-math'

const RUNS = { numRuns: 300 }
const fenArb = fc.integer({ min: 0, max: 10_000_000_000 }) // up to 100 million 元
const ALLOCATION_RULES: readonly AllocationRule[] = [
  'more_than_half',
  'half_while_below_30pct',
  'half_until_first_deposit',
  'none',
]
const fund = (firstDepositsFen: number, balanceFen: number): FundTotals => ({ firstDepositsFen, balanceFen })

// ── first deposit ─────────────────────────────────────────────────────────────────────────────────────

describe('what an open quarter keeps back for the fund', () => {
  it('is the most its city may ask at the close, whatever the fund holds then', () => {
    expect(mostToFundFen('more_than_half', 8_000_000)).toBe(4_000_001)
    expect(mostToFundFen('more_than_half', 1)).toBe(1)
    expect(mostToFundFen('half_while_below_30pct', 8_000_001)).toBe(4_000_001)
    expect(mostToFundFen('half_until_first_deposit', 8_000_000)).toBe(4_000_000)
    expect(mostToFundFen('none', 8_000_000)).toBe(0)
    for (const rule of [
      'more_than_half',
      'half_while_below_30pct',
      'half_until_first_deposit',
      'none',
    ] as const)
      expect(mostToFundFen(rule, -5)).toBe(0)
  })

  it('is never less than the minimum the close will ask, for any fund', () => {
    const rules = ['more_than_half', 'half_while_below_30pct', 'half_until_first_deposit', 'none'] as const
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (rule, net, firstDepositsFen, balanceFen) =>
          mostToFundFen(rule, net) >= minimumToFundFen(rule, net, { firstDepositsFen, balanceFen }),
      ),
    )
  })
})

describe('firstDepositFen', () => {
  it('is building area × rate per m² (domain example: 90.00 m² at 120.00 元/m² → 10,800.00 元)', () => {
    expect(firstDepositFen(9_000n, 12_000)).toBe(1_080_000)
  })

  it('rounds the exact product to the fen once, half up', () => {
    // 89.37 m² × 120.00 元 = 10,724.40 元: exact, nothing to round.
    expect(firstDepositFen(8_937n, 12_000)).toBe(1_072_440)
    // 89.37 m² × 120.50 元 = 10,769.085 元: a half fen, rounded up to 10,769.09.
    expect(firstDepositFen(8_937n, 12_050)).toBe(1_076_909)
    // 89.37 m² × 120.03 元 = 10,727.0811 元 → 10,727.08 (down).
    expect(firstDepositFen(8_937n, 12_003)).toBe(1_072_708)
    // 89.37 m² × 120.05 元 = 10,728.8685 元 → 10,728.87 (up).
    expect(firstDepositFen(8_937n, 12_005)).toBe(1_072_887)
  })

  it('rounds a half fen up, never to even', () => {
    // 0.01 m² at 0.49 / 0.50 / 0.51 / 1.50 / 2.50 元 per m²: 0.49 / 0.5 / 0.51 / 1.5 / 2.5 fen.
    expect(firstDepositFen(1n, 49)).toBe(0)
    expect(firstDepositFen(1n, 50)).toBe(1)
    expect(firstDepositFen(1n, 51)).toBe(1)
    expect(firstDepositFen(1n, 150)).toBe(2)
    expect(firstDepositFen(1n, 250)).toBe(3)
  })

  it('rounds the whole product, not a rounded per-m² figure (one rounding only)', () => {
    // 0.05 m² at 0.10 元/m² = 0.5 fen → 1 fen; and 100 × that area costs exactly 50 fen, not 100 × 1.
    expect(firstDepositFen(5n, 10)).toBe(1)
    expect(firstDepositFen(500n, 10)).toBe(50)
  })

  it('a rate of 0 gives 0', () => {
    expect(firstDepositFen(8_937n, 0)).toBe(0)
  })

  it('stays exact beyond 2^53 in the intermediate product', () => {
    // 99,999,999.99 m² × 99,999,999.99 元/m²: the product in 1/100 fen is far above 2^53, the result is not.
    const area = 9_999_999_999n
    const rate = 9_999_999_999
    const exact = area * BigInt(rate)
    expect(BigInt(firstDepositFen(area, rate))).toBe((exact + 50n) / 100n)
  })

  it('refuses a non-positive area and a rate that is not whole non-negative fen', () => {
    expect(() => firstDepositFen(0n, 12_000)).toThrow(RangeError)
    expect(() => firstDepositFen(-1n, 12_000)).toThrow(RangeError)
    expect(() => firstDepositFen(9_000n, -1)).toThrow(RangeError)
    expect(() => firstDepositFen(9_000n, 120.5)).toThrow(RangeError)
    expect(() => firstDepositFen(9_000n, Number.NaN)).toThrow(RangeError)
    expect(() => firstDepositFen(9_000n, 2 ** 53)).toThrow(RangeError)
  })

  it('is within half a fen of the exact product, an exact half going up (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000n }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (area, rate) => {
          const fen = BigInt(firstDepositFen(area, rate))
          // 100·fen − area·rate is the rounding error in 1/100 fen: in (−50, 50].
          const error = fen * 100n - area * BigInt(rate)
          expect(error > -50n && error <= 50n).toBe(true)
        },
      ),
      RUNS,
    )
  })
})

// ── top-up line ──────────────────────────────────────────────────────────────────────────────────────

describe('top-up (30% of the first deposit)', () => {
  it('is 30%', () => {
    expect(TOP_UP_PERCENT).toBe(30)
  })

  it('domain example: first deposit 10,800.00 → line 3,240.00; 2,600.00 after a 5,400.00 share is flagged', () => {
    expect(topUpLineFen(1_080_000)).toBe(324_000)
    expect(needsTopUp(800_000, 1_080_000)).toBe(false) // 8,000.00 before the share
    expect(needsTopUp(800_000 - 540_000, 1_080_000)).toBe(true) // 2,600.00 after it
  })

  it('flags strictly below the line: exactly 30% is not flagged, one fen below is', () => {
    expect(needsTopUp(324_000, 1_080_000)).toBe(false)
    expect(needsTopUp(323_999, 1_080_000)).toBe(true)
    expect(needsTopUp(324_001, 1_080_000)).toBe(false)
  })

  it('rounds the line up to the fen where 30% is not whole, agreeing with the flag', () => {
    // 30% of 10,724.41 = 3,217.323 → line 3,217.33; 3,217.32 is below 30%, 3,217.33 is not.
    expect(topUpLineFen(1_072_441)).toBe(321_733)
    expect(needsTopUp(321_732, 1_072_441)).toBe(true)
    expect(needsTopUp(321_733, 1_072_441)).toBe(false)
    // 30% of 0.01 = 0.003 fen → line 0.01; a zero balance is below it.
    expect(topUpLineFen(1)).toBe(1)
    expect(needsTopUp(0, 1)).toBe(true)
    expect(needsTopUp(1, 1)).toBe(false)
  })

  it('上海 alone sets a term: 90 days to decide, else up to 50% of the first deposit, rounded up to the fen', () => {
    expect(CITY_PROFILES.shanghai.topUp).toEqual({ decideWithinDays: 90, toPercent: 50 })
    for (const rule of CITY_RULES.filter((r) => r !== 'shanghai'))
      expect(CITY_PROFILES[rule].topUp).toBeNull()
    expect(percentOfFirstDepositFen(1_072_440, 50)).toBe(536_220)
    expect(percentOfFirstDepositFen(1_072_441, 50)).toBe(536_221) // 5,362.205 → 5,362.21
    expect(percentOfFirstDepositFen(0, 50)).toBe(0)
  })

  it('never flags a unit without a first deposit', () => {
    expect(topUpLineFen(0)).toBe(0)
    expect(needsTopUp(0, 0)).toBe(false)
    expect(needsTopUp(-100, 0)).toBe(false)
  })

  it('flags a zero balance and a negative one whenever there is a first deposit', () => {
    expect(needsTopUp(0, 1_080_000)).toBe(true)
    expect(needsTopUp(-1, 1_080_000)).toBe(true)
  })

  it('flags exactly the balances below the displayed line (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), fenArb, (first, balance) => {
        expect(needsTopUp(balance, first)).toBe(balance < topUpLineFen(first))
        // The line is 30% rounded up: the least whole fen not below 30% of the first deposit.
        const line = BigInt(topUpLineFen(first))
        expect(line * 100n >= BigInt(first) * 30n).toBe(true)
        expect((line - 1n) * 100n < BigInt(first) * 30n).toBe(true)
      }),
      RUNS,
    )
  })
})

// ── public revenue to the fund ───────────────────────────────────────────────────────────────────────

describe('minimumToFundFen', () => {
  const anyFund = fund(10_000_000, 5_000_000)

  describe('more_than_half (上海: more than 50% of each quarter’s net)', () => {
    it('domain example: income 100,000.00 − costs 20,000.00 = net 80,000.00 → at least 40,000.01', () => {
      expect(minimumToFundFen('more_than_half', 10_000_000 - 2_000_000, anyFund)).toBe(4_000_001)
    })

    it('an odd net: its upper half already is more than half', () => {
      expect(minimumToFundFen('more_than_half', 8_000_001, anyFund)).toBe(4_000_001)
      expect(minimumToFundFen('more_than_half', 1, anyFund)).toBe(1)
      expect(minimumToFundFen('more_than_half', 3, anyFund)).toBe(2)
    })

    it('an even net: one fen over half', () => {
      expect(minimumToFundFen('more_than_half', 2, anyFund)).toBe(2)
      expect(minimumToFundFen('more_than_half', 4, anyFund)).toBe(3)
    })

    it('does not depend on the fund', () => {
      expect(minimumToFundFen('more_than_half', 8_000_000, fund(0, 0))).toBe(4_000_001)
      expect(minimumToFundFen('more_than_half', 8_000_000, fund(1, 999_999_999))).toBe(4_000_001)
    })

    it('is the least whole fen that is more than half (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (net) => {
          const r = BigInt(minimumToFundFen('more_than_half', net, anyFund))
          expect(2n * r > BigInt(net)).toBe(true)
          expect(2n * (r - 1n) <= BigInt(net)).toBe(true)
          expect(r <= BigInt(net)).toBe(true)
        }),
        RUNS,
      )
    })
  })

  describe('half_while_below_30pct (北京: at least 50% while the fund is below 30% of the first deposits)', () => {
    it('takes half, rounded up, while the fund is below 30%', () => {
      expect(minimumToFundFen('half_while_below_30pct', 8_000_000, fund(10_000_000, 2_999_999))).toBe(
        4_000_000,
      )
      expect(minimumToFundFen('half_while_below_30pct', 8_000_001, fund(10_000_000, 0))).toBe(4_000_001)
      expect(minimumToFundFen('half_while_below_30pct', 1, fund(10_000_000, 0))).toBe(1)
    })

    it('takes nothing at exactly 30% and above', () => {
      expect(minimumToFundFen('half_while_below_30pct', 8_000_000, fund(10_000_000, 3_000_000))).toBe(0)
      expect(minimumToFundFen('half_while_below_30pct', 8_000_000, fund(10_000_000, 3_000_001))).toBe(0)
      expect(minimumToFundFen('half_while_below_30pct', 8_000_000, fund(10_000_000, 10_000_000))).toBe(0)
    })

    it('compares exactly where 30% is not whole fen', () => {
      // 30% of 100,000.01 = 30,000.003: 30,000.00 is below it, 30,000.01 is not.
      expect(minimumToFundFen('half_while_below_30pct', 1_000, fund(10_000_001, 3_000_000))).toBe(500)
      expect(minimumToFundFen('half_while_below_30pct', 1_000, fund(10_000_001, 3_000_001))).toBe(0)
    })

    it('takes nothing when there are no first deposits (nothing to be below)', () => {
      expect(minimumToFundFen('half_while_below_30pct', 8_000_000, fund(0, 0))).toBe(0)
    })

    it('is ceil(net / 2) below the line and 0 from it on (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000_000_000 }), fenArb, fenArb, (net, first, balance) => {
          const r = minimumToFundFen('half_while_below_30pct', net, fund(first, balance))
          const below = balance * 100 < first * 30 // safe: both below 2^53
          expect(r).toBe(below ? Math.ceil(net / 2) : 0)
        }),
        RUNS,
      )
    })
  })

  describe('half_until_first_deposit (湖州/杭州: at least 50% until the fund reaches the first-deposit total)', () => {
    it('takes half, rounded up, while that is within the shortfall', () => {
      expect(minimumToFundFen('half_until_first_deposit', 8_000_000, fund(100_000_000, 0))).toBe(4_000_000)
      expect(minimumToFundFen('half_until_first_deposit', 8_000_001, fund(100_000_000, 50_000_000))).toBe(
        4_000_001,
      )
    })

    it('takes no more than the shortfall to the first-deposit total', () => {
      expect(minimumToFundFen('half_until_first_deposit', 8_000_000, fund(10_000_000, 9_000_000))).toBe(
        1_000_000,
      )
      expect(minimumToFundFen('half_until_first_deposit', 8_000_000, fund(10_000_000, 6_000_000))).toBe(
        4_000_000,
      )
      expect(minimumToFundFen('half_until_first_deposit', 8_000_000, fund(10_000_000, 6_000_001))).toBe(
        3_999_999,
      )
      expect(minimumToFundFen('half_until_first_deposit', 8_000_000, fund(10_000_000, 9_999_999))).toBe(1)
    })

    it('takes nothing once the fund has reached the first-deposit total', () => {
      expect(minimumToFundFen('half_until_first_deposit', 8_000_000, fund(10_000_000, 10_000_000))).toBe(0)
      expect(minimumToFundFen('half_until_first_deposit', 8_000_000, fund(10_000_000, 10_000_001))).toBe(0)
      expect(minimumToFundFen('half_until_first_deposit', 8_000_000, fund(0, 0))).toBe(0)
    })

    it('is min(ceil(net / 2), shortfall), never negative (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000_000_000 }), fenArb, fenArb, (net, first, balance) => {
          const r = minimumToFundFen('half_until_first_deposit', net, fund(first, balance))
          expect(r).toBe(Math.max(0, Math.min(Math.ceil(net / 2), first - balance)))
        }),
        RUNS,
      )
    })
  })

  it('none: the law fixes no share', () => {
    expect(minimumToFundFen('none', 8_000_000, fund(10_000_000, 0))).toBe(0)
    expect(minimumToFundFen('none', 1, fund(0, 0))).toBe(0)
  })

  it('nothing under any rule when the quarter made no net income (zero or a loss)', () => {
    for (const rule of ALLOCATION_RULES) {
      expect(minimumToFundFen(rule, 0, fund(10_000_000, 0))).toBe(0)
      expect(minimumToFundFen(rule, -1, fund(10_000_000, 0))).toBe(0)
      expect(minimumToFundFen(rule, -8_000_000, fund(10_000_000, 0))).toBe(0)
    }
  })

  it('never asks for more than the net (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALLOCATION_RULES),
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000_000 }),
        fenArb,
        fenArb,
        (rule, net, first, balance) => {
          const r = minimumToFundFen(rule, net, fund(first, balance))
          expect(Number.isSafeInteger(r)).toBe(true)
          expect(r).toBeGreaterThanOrEqual(0)
          expect(r).toBeLessThanOrEqual(Math.max(0, net))
        },
      ),
      RUNS,
    )
  })

  it('refuses a net that is not whole fen and fund figures that are not whole fen ≥ 0', () => {
    expect(() => minimumToFundFen('more_than_half', 1.5, anyFund)).toThrow(RangeError)
    expect(() => minimumToFundFen('more_than_half', Number.NaN, anyFund)).toThrow(RangeError)
    expect(() => minimumToFundFen('none', 100, fund(-1, 0))).toThrow(RangeError)
    expect(() => minimumToFundFen('none', 100, fund(0, -1))).toThrow(RangeError)
    expect(() => minimumToFundFen('none', 100, fund(0.5, 0))).toThrow(RangeError)
  })
})

// ── the rules by city ────────────────────────────────────────────────────────────────────────────────

describe('allocation rules per city', () => {
  it('maps each county-level division code to its city by the first four digits', () => {
    expect(cityRuleOf('310101')).toBe('shanghai') // 黄浦区
    expect(cityRuleOf('310115')).toBe('shanghai') // 浦东新区
    expect(cityRuleOf('310151')).toBe('shanghai') // 崇明区
    expect(cityRuleOf('110105')).toBe('beijing') // 朝阳区
    expect(cityRuleOf('110119')).toBe('beijing') // 延庆区
    expect(cityRuleOf('330502')).toBe('huzhou') // 吴兴区
    expect(cityRuleOf('330523')).toBe('huzhou') // 安吉县
    expect(cityRuleOf('330106')).toBe('hangzhou') // 西湖区
    expect(cityRuleOf('330127')).toBe('hangzhou') // 淳安县
  })

  it('gives every other place the national rules', () => {
    expect(cityRuleOf('330602')).toBe('national') // 绍兴 越城区: its own rule is not modelled
    expect(cityRuleOf('370202')).toBe('national') // 青岛 市南区
    expect(cityRuleOf('120101')).toBe('national') // 天津
    expect(cityRuleOf('330000')).toBe('national') // 浙江省 itself
    expect(cityRuleOf('310000')).toBe('national') // 上海市 province-level code, prefecture 3100
    expect(cityRuleOf('')).toBe('national')
  })

  it('has a profile for every city rule, named after it', () => {
    for (const rule of CITY_RULES) expect(CITY_PROFILES[rule].rule).toBe(rule)
  })

  it('sets the allocation rule of each city as the domain file says', () => {
    expect(CITY_PROFILES.shanghai.allocation).toBe('more_than_half')
    expect(CITY_PROFILES.beijing.allocation).toBe('half_while_below_30pct')
    expect(CITY_PROFILES.huzhou.allocation).toBe('half_until_first_deposit')
    expect(CITY_PROFILES.hangzhou.allocation).toBe('half_until_first_deposit')
    expect(CITY_PROFILES.national.allocation).toBe('none')
  })

  it('applies the domain example (net 80,000.00; fund 25,000.00 of 100,000.00 first deposits) by city', () => {
    const net = 8_000_000
    const totals = fund(10_000_000, 2_500_000)
    const byCity = (code: string) => minimumToFundFen(CITY_PROFILES[cityRuleOf(code)].allocation, net, totals)
    expect(byCity('310101')).toBe(4_000_001) // 上海: more than 40,000.00
    expect(byCity('110105')).toBe(4_000_000) // 北京: fund below 30% → at least half
    expect(byCity('330502')).toBe(4_000_000) // 湖州: shortfall 75,000.00 > half
    expect(byCity('330106')).toBe(4_000_000) // 杭州: same rule
    expect(byCity('370202')).toBe(0) // elsewhere: the owners decide all of it
  })

  it('caps emergency use only in 湖州, at 10% of the first deposits', () => {
    expect(CITY_PROFILES.huzhou.emergencyCapPercent).toBe(10)
    for (const rule of CITY_RULES.filter((r) => r !== 'huzhou'))
      expect(CITY_PROFILES[rule].emergencyCapPercent).toBeNull()
  })
})

// ── emergency cap ────────────────────────────────────────────────────────────────────────────────────

describe('emergencyRoomFen', () => {
  it('is null where there is no cap', () => {
    expect(emergencyRoomFen(null, 10_000_000, 0)).toBeNull()
    expect(emergencyRoomFen(null, 10_000_000, 99_999_999)).toBeNull()
  })

  it('is the cap less what emergencies have used', () => {
    // 10% of 1,000,000.00 = 100,000.00.
    expect(emergencyRoomFen(10, 100_000_000, 0)).toBe(10_000_000)
    expect(emergencyRoomFen(10, 100_000_000, 2_500_000)).toBe(7_500_000)
    expect(emergencyRoomFen(10, 100_000_000, 9_999_999)).toBe(1)
  })

  it('is 0, never negative, once the cap is used up or passed', () => {
    expect(emergencyRoomFen(10, 100_000_000, 10_000_000)).toBe(0)
    expect(emergencyRoomFen(10, 100_000_000, 10_000_001)).toBe(0)
    expect(emergencyRoomFen(10, 0, 0)).toBe(0)
  })

  it('rounds the cap down, so spending never passes the percentage', () => {
    // 10% of 123,456.78 = 12,345.678 → 12,345.67.
    expect(emergencyRoomFen(10, 12_345_678, 0)).toBe(1_234_567)
    expect(emergencyRoomFen(10, 9, 0)).toBe(0)
  })

  it('keeps spent + room within the cap (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fenArb, fenArb, (percent, first, spent) => {
        const room = emergencyRoomFen(percent, first, spent)!
        expect(room).toBeGreaterThanOrEqual(0)
        if (room > 0) expect((spent + room) * 100).toBeLessThanOrEqual(first * percent)
      }),
      RUNS,
    )
  })
})

// ── quarters ─────────────────────────────────────────────────────────────────────────────────────────

describe('quarters', () => {
  it('gives each quarter its first and last date', () => {
    expect(quarterDates('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' })
    expect(quarterDates('2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-06-30' })
    expect(quarterDates('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' })
    expect(quarterDates('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(quarterDates('2028-Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' }) // leap year
  })

  it('refuses what is not a quarter', () => {
    for (const bad of [
      '2026-Q0',
      '2026-Q5',
      '2026Q1',
      '2026-q1',
      '26-Q1',
      '2026-Q1 ',
      '2026-Q',
      '',
      '2026-03',
    ])
      expect(() => quarterDates(bad)).toThrow(RangeError)
  })

  it('finds the quarter of a date, at both ends of each quarter', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1')
    expect(quarterOf('2026-03-31')).toBe('2026-Q1')
    expect(quarterOf('2026-04-01')).toBe('2026-Q2')
    expect(quarterOf('2026-06-30')).toBe('2026-Q2')
    expect(quarterOf('2026-07-01')).toBe('2026-Q3')
    expect(quarterOf('2026-09-30')).toBe('2026-Q3')
    expect(quarterOf('2026-10-01')).toBe('2026-Q4')
    expect(quarterOf('2026-12-31')).toBe('2026-Q4')
  })

  it('puts every date inside its quarter, and each quarter’s last date + 1 day into the next (property)', () => {
    const dateArb = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2200-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(dateArb, (date) => {
        const quarter = quarterOf(date)
        const { from, to } = quarterDates(quarter)
        expect(from <= date && date <= to).toBe(true)
        expect(quarterOf(from)).toBe(quarter)
        expect(quarterOf(to)).toBe(quarter)
        const next = new Date(`${to}T00:00:00Z`)
        next.setUTCDate(next.getUTCDate() + 1)
        const nextQuarter = quarterOf(next.toISOString().slice(0, 10))
        expect(nextQuarter).not.toBe(quarter)
        expect(quarterDates(nextQuarter).from).toBe(next.toISOString().slice(0, 10))
      }),
      RUNS,
    )
  })
})
