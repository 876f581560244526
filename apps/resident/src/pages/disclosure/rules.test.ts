import { describe, expect, it } from 'vitest'
import type { Disclosure, MyUnit } from '../../api/types'
import {
  barPermille,
  bpText,
  chartQuarters,
  communitiesOf,
  DISCLOSURE_TYPE_ORDER,
  FUND_FIGURES,
  feeStandardsOf,
  fundStatementOf,
  hundredthsText,
  isDisclosureType,
  newerVersion,
  quarterOfDate,
  quarterParts,
  revenueStatementOf,
  signedFenText,
  typeCounts,
  unitCommunityId,
  versionsOf,
} from './rules'

const unit = (id: string, communityName: string, extra: Record<string, unknown> = {}): MyUnit =>
  ({
    id,
    communityName,
    buildingCode: '1',
    code: `1-${id}`,
    buildingArea: '90.00',
    relation: 'owner',
    ...extra,
  }) as MyUnit

const item = (over: Partial<Disclosure> = {}): Disclosure => ({
  id: 'd2',
  seriesId: 'd1',
  version: 2,
  communityId: 'c1',
  communityName: '翠湖苑',
  type: 'notice',
  title: '停水通知',
  body: '',
  content: null,
  sourceRef: null,
  periodFrom: null,
  periodTo: null,
  attachments: [],
  minDisplayDays: 5,
  status: 'published',
  publishedAt: '2026-04-02T01:00:00.000Z',
  displayUntil: '2026-04-07',
  supersededAt: null,
  correctionNote: '日期写错',
  history: [{ id: 'd1', version: 1, publishedAt: '2026-04-01T01:00:00.000Z', correctionNote: null }],
  ...over,
})

describe('kinds', () => {
  it('lists each of the 13 kinds once', () => {
    expect(DISCLOSURE_TYPE_ORDER).toHaveLength(13)
    expect(new Set(DISCLOSURE_TYPE_ORDER).size).toBe(13)
    expect(isDisclosureType('fund_statement')).toBe(true)
    expect(isDisclosureType('nope')).toBe(false)
    expect(isDisclosureType(null)).toBe(false)
  })

  it('counts items by kind, in reading order, leaving out kinds without items', () => {
    expect(typeCounts([{ type: 'notice' }, { type: 'fee_standards' }, { type: 'notice' }])).toEqual([
      ['fee_standards', 1],
      ['notice', 2],
    ])
    expect(typeCounts([])).toEqual([])
  })
})

describe('quarters and bars', () => {
  it('puts a date in its quarter', () => {
    expect(quarterOfDate('2026-01-01')).toBe('2026-Q1')
    expect(quarterOfDate('2026-03-31')).toBe('2026-Q1')
    expect(quarterOfDate('2026-04-01')).toBe('2026-Q2')
    expect(quarterOfDate('2026-09-30')).toBe('2026-Q3')
    expect(quarterOfDate('2026-12-31')).toBe('2026-Q4')
    expect(quarterParts('2026-Q3')).toEqual({ year: '2026', n: 3 })
    expect(quarterParts('2026-Q5')).toBeNull()
  })

  it('charts the last quarters oldest first, quarters without entries as zero', () => {
    const q = (quarter: string, incomeFen = 100) => ({ quarter, incomeFen, costFen: 0 })
    const quarters = [q('2026-Q4'), q('2026-Q2'), q('2026-Q1'), q('2025-Q4'), q('2025-Q3')]
    expect(chartQuarters(quarters, 4).map((x) => [x.quarter, x.incomeFen])).toEqual([
      ['2026-Q1', 100],
      ['2026-Q2', 100],
      ['2026-Q3', 0],
      ['2026-Q4', 100],
    ])
    expect(chartQuarters(quarters).map((x) => x.quarter)).toEqual([
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ])
    expect(chartQuarters([])).toEqual([])
  })

  it('sizes bars in integer thousandths of the tallest', () => {
    expect(barPermille(10_000_000, 10_000_000)).toBe(1000)
    expect(barPermille(2_000_000, 10_000_000)).toBe(200)
    expect(barPermille(1, 3)).toBe(333)
    expect(barPermille(0, 100)).toBe(0)
    expect(barPermille(-5, 100)).toBe(0)
    expect(barPermille(5, 0)).toBe(0)
    // Beyond 2^53 / 1000 a float product would lose digits; BigInt keeps it exact.
    expect(barPermille(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(1000)
  })
})

describe('amounts', () => {
  it('writes signed amounts and rates exactly', () => {
    expect(signedFenText(100_000_00)).toBe('+¥100,000.00')
    expect(signedFenText(-2_000_000)).toBe('-¥20,000.00')
    expect(signedFenText(0)).toBe('¥0.00')
    expect(bpText(5)).toBe('0.05%')
    expect(bpText(1000)).toBe('10.00%')
    expect(bpText(3000)).toBe('30.00%')
    expect(hundredthsText('600000')).toBe('6000.00')
    expect(hundredthsText('5')).toBe('0.05')
    expect(hundredthsText('9000')).toBe('90.00')
  })
})

describe('versions', () => {
  it('lists every version newest first, the one shown marked', () => {
    expect(versionsOf(item()).map((v) => [v.version, v.shown])).toEqual([
      [2, true],
      [1, false],
    ])
  })

  it('finds the newer version of a superseded one', () => {
    const old = item({
      id: 'd1',
      version: 1,
      status: 'superseded',
      correctionNote: null,
      history: [
        { id: 'd3', version: 3, publishedAt: null, correctionNote: 'b' },
        { id: 'd2', version: 2, publishedAt: null, correctionNote: 'a' },
      ],
    })
    expect(newerVersion(old)?.id).toBe('d3')
    expect(newerVersion(item())).toBeNull()
  })
})

describe('generated content', () => {
  it('reads the fee standards', () => {
    const lines = feeStandardsOf({
      items: [
        {
          code: 'pm',
          name: '物业服务费',
          kind: 'area',
          cycle: 'monthly',
          areaBasis: 'building',
          rate: '2.80',
          effectiveFrom: '2026-01',
          lateFee: { dailyRateBp: 5, graceDays: 10, capBp: 3000 },
        },
        { code: 'park', name: '车位管理费', kind: 'per_space', rate: null, lateFee: null },
      ],
    })
    expect(lines).toHaveLength(2)
    expect(lines?.[0]).toMatchObject({
      rate: '2.80',
      lateFee: { dailyRateBp: 5, graceDays: 10, capBp: 3000 },
    })
    expect(lines?.[1]).toMatchObject({ rate: null, lateFee: null, cycle: '' })
    expect(feeStandardsOf(null)).toBeNull()
    expect(feeStandardsOf({ items: [{ rate: '1' }] })).toBeNull()
  })

  it('reads a quarter of public revenue', () => {
    const statement = revenueStatementOf({
      quarter: '2026-Q1',
      from: '2026-01-01',
      to: '2026-03-31',
      incomeFen: 10_000_000,
      costFen: 2_000_000,
      netFen: 8_000_000,
      useFen: 0,
      bySource: { lift_ads: 6_000_000, parking: 4_000_000 },
      rule: 'more_than_half',
      minToFundFen: 4_000_001,
      toFundFen: 4_000_001,
      openingFen: 0,
      closingFen: 3_999_999,
      entries: [
        {
          date: '2026-01-05',
          kind: 'income',
          source: 'lift_ads',
          signedFen: 6_000_000,
          summary: 'x',
          evidence: ['a'],
        },
        { date: 'bad' },
      ],
    })
    expect(statement?.netFen).toBe(8_000_000)
    expect(statement?.bySource).toEqual([
      { source: 'lift_ads', fen: 6_000_000 },
      { source: 'parking', fen: 4_000_000 },
    ])
    expect(statement?.entries).toHaveLength(1)
    expect(statement?.entries[0]?.evidence).toEqual(['a'])
    expect(revenueStatementOf({ quarter: '2026-Q1', incomeFen: 1.5 })).toBeNull()
  })

  it('reads the fund statement', () => {
    const statement = fundStatementOf({
      from: '2026-01-01',
      to: '2026-06-30',
      openingFen: 0,
      firstDepositFen: 1_080_000,
      depositFen: 0,
      gainFen: 0,
      publicRevenueFen: 0,
      spentFen: 540_000,
      closingFen: 540_000,
      firstDepositsTotalFen: 1_080_000,
      projects: [
        { title: '电梯更换', emergencyCategory: null, settledOn: '2026-05-01', costFen: 36_000_000 },
      ],
      units: [{ code: '1-101', firstDepositFen: 1_080_000, balanceFen: 260_000, needsTopUp: true }],
    })
    expect(statement?.projects[0]).toMatchObject({ title: '电梯更换', units: 0, fromFundFen: 0 })
    expect(statement?.units[0]?.needsTopUp).toBe(true)
    expect(statement?.unitsWithheld).toBeUndefined()
    expect(fundStatementOf({ openingFen: 1 })).toBeNull()
  })

  it('tells a notice-board copy of the fund statement, whose unit lines are withheld', () => {
    const figures = Object.fromEntries(FUND_FIGURES.map((k) => [k, 0]))
    const statement = fundStatementOf({ ...figures, units: [], unitsWithheld: true })
    expect(statement).toMatchObject({ units: [], unitsWithheld: true })
  })
})

describe('communities of my units', () => {
  it('takes the id the server sends with each unit', () => {
    const units = [unit('u1', '翠湖苑', { communityId: 'c1' }), unit('u2', '翠湖苑', { communityId: 'c1' })]
    expect(unitCommunityId(units[0]!)).toBe('c1')
    expect(communitiesOf(units)).toEqual({ communities: [{ id: 'c1', name: '翠湖苑' }], unresolved: [] })
  })

  it('falls back on fund sub-accounts, then on decisions by community name', () => {
    const units = [unit('u1', '翠湖苑'), unit('u2', '翠湖苑'), unit('u3', '金桂园'), unit('u4', '银杏里')]
    const result = communitiesOf(
      units,
      [{ unitId: 'u1', communityId: 'c1' }],
      [{ communityId: 'c2', communityName: '金桂园' }],
    )
    expect(result.communities).toEqual([
      { id: 'c1', name: '翠湖苑' },
      { id: 'c2', name: '金桂园' },
    ])
    expect(result.unresolved).toEqual(['银杏里'])
    expect(communitiesOf([])).toEqual({ communities: [], unresolved: [] })
  })
})
