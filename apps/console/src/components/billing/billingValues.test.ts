import { describe, expect, it } from 'vitest'
import { formatBp, formatFen, yuanToFen } from '../../i18n/format'
import {
  bpToPercent,
  fenToYuanInput,
  monthsOf,
  percentToBp,
  progressPercent,
  RATE,
  ratioBp,
  standardIn,
  standardsNewestFirst,
  sumFen,
  thisMonth,
  today,
} from './billingValues'

const standard = (effectiveFrom: string, rate: string) => ({
  id: effectiveFrom,
  feeItemId: 'item',
  effectiveFrom,
  rate,
  rounding: 'half_up' as const,
  vacancy: null,
  createdAt: '2026-01-01T00:00:00Z',
})

describe('billing values', () => {
  it('shows basis points as a percent with two decimals', () => {
    expect(formatBp(9235)).toBe('92.35%')
    expect(formatBp(10_000)).toBe('100.00%')
    expect(formatBp(5)).toBe('0.05%')
    expect(formatBp(0)).toBe('0.00%')
    expect(formatBp(null)).toBe('—')
  })

  it('reads the amount typed at the counter into fen and shows it back', () => {
    expect(yuanToFen('250.24')).toBe(25_024)
    expect(fenToYuanInput(25_024)).toBe('250.24')
    expect(fenToYuanInput(12_000)).toBe('120.00')
    expect(fenToYuanInput(7)).toBe('0.07')
    expect(formatFen(sumFen([25_024, 1_999, 7]))).toBe('¥270.30')
  })

  it('reads percents into basis points digit by digit', () => {
    expect(percentToBp('60')).toBe(6000)
    expect(percentToBp('60.5')).toBe(6050)
    expect(percentToBp('0.05')).toBe(5)
    expect(percentToBp('100')).toBe(10_000)
    expect(percentToBp('100.01')).toBeNull()
    expect(percentToBp('1.234')).toBeNull()
    expect(percentToBp('')).toBeNull()
    expect(bpToPercent(6000)).toBe('60')
    expect(bpToPercent(6050)).toBe('60.5')
    expect(bpToPercent(5)).toBe('0.05')
  })

  it('accepts rates of 元 with up to four decimals', () => {
    for (const good of ['2.80', '0.4500', '12', '3.1415']) expect(RATE.test(good), good).toBe(true)
    for (const bad of ['2.80001', '-1', '1e3', '.5', '']) expect(RATE.test(bad), bad).toBe(false)
  })

  it('finds the standard in force in a month', () => {
    const item = { standards: [standard('2025-01', '2.50'), standard('2026-07', '2.80')] }
    expect(standardIn(item, '2024-12')).toBeNull()
    expect(standardIn(item, '2025-01')?.rate).toBe('2.50')
    expect(standardIn(item, '2026-06')?.rate).toBe('2.50')
    expect(standardIn(item, '2026-07')?.rate).toBe('2.80')
    expect(standardsNewestFirst(item).map((s) => s.effectiveFrom)).toEqual(['2026-07', '2025-01'])
  })

  it('counts progress in whole percents', () => {
    expect(progressPercent(0, 1085)).toBe(0)
    expect(progressPercent(542, 1085)).toBe(49)
    expect(progressPercent(1085, 1085)).toBe(100)
    expect(progressPercent(0, 0)).toBe(0)
  })

  it('names months and days in the local calendar', () => {
    const date = new Date(2026, 3, 9)
    expect(thisMonth(date)).toBe('2026-04')
    expect(today(date)).toBe('2026-04-09')
  })
})

describe('report ratios', () => {
  it('divides fen into basis points, rounding down', () => {
    expect(ratioBp(9235, 10_000)).toBe(9235)
    expect(ratioBp(2, 3)).toBe(6666)
    expect(ratioBp(1, 0)).toBeNull()
    expect(ratioBp(9_000_000_000_000_000, 9_000_000_000_000_000)).toBe(10_000)
  })

  it('lists the months of a year', () => {
    expect(monthsOf(2026)).toHaveLength(12)
    expect(monthsOf(2026)[0]).toBe('2026-01')
    expect(monthsOf(2026)[11]).toBe('2026-12')
  })
})
