import { describe, expect, it } from 'vitest'
import {
  fenToYuanText,
  generatedContent,
  hundredthsToArea,
  lastHalfYear,
  MANUAL_TYPES,
  quarterBefore,
  quarterOfDate,
  recentQuarters,
} from './disclosureValues'

describe('quarters', () => {
  it('names the quarter of a date and the ones before it', () => {
    expect(quarterOfDate('2026-01-01')).toBe('2026-Q1')
    expect(quarterOfDate('2026-03-31')).toBe('2026-Q1')
    expect(quarterOfDate('2026-04-01')).toBe('2026-Q2')
    expect(quarterOfDate('2026-12-31')).toBe('2026-Q4')
    const may = new Date(2026, 4, 14)
    expect(quarterBefore(may, 0)).toBe('2026-Q2')
    expect(quarterBefore(may, 1)).toBe('2026-Q1')
    expect(quarterBefore(may, 2)).toBe('2025-Q4')
    expect(quarterBefore(new Date(2026, 0, 1), 1)).toBe('2025-Q4')
    expect(recentQuarters(may, 3)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4'])
  })

  it('offers the last half-year that has ended for a fund statement', () => {
    expect(lastHalfYear(new Date(2026, 8, 1))).toEqual({ from: '2026-01-01', to: '2026-06-30' })
    expect(lastHalfYear(new Date(2026, 1, 1))).toEqual({ from: '2025-07-01', to: '2025-12-31' })
  })
})

describe('figures', () => {
  it('writes fen as yuan to type again, exactly', () => {
    expect(fenToYuanText(12_000)).toBe('120.00')
    expect(fenToYuanText(5)).toBe('0.05')
    expect(fenToYuanText(1_999)).toBe('19.99')
    expect(fenToYuanText(-250)).toBe('-2.50')
  })

  it('writes hundredths of a m² as an area', () => {
    expect(hundredthsToArea('600000')).toBe('6000.00')
    expect(hundredthsToArea('8937')).toBe('89.37')
    expect(hundredthsToArea('5')).toBe('0.05')
    expect(hundredthsToArea('0')).toBe('0.00')
    expect(hundredthsToArea('')).toBe('0.00')
  })
})

describe('disclosure types', () => {
  it('leaves the generated types out of what a person may draft', () => {
    expect(MANUAL_TYPES).not.toContain('fee_standards')
    expect(MANUAL_TYPES).not.toContain('fund_statement')
    expect(MANUAL_TYPES).not.toContain('public_revenue_statement')
    expect(MANUAL_TYPES).toContain('assembly_decision')
    expect(MANUAL_TYPES).toContain('notice')
  })

  it('reads generated content only in the shape of its type', () => {
    expect(generatedContent('fee_standards', { items: [] })?.type).toBe('fee_standards')
    expect(generatedContent('fee_standards', null)).toBeNull()
    expect(generatedContent('fund_statement', { items: [] })).toBeNull()
    const revenue = {
      quarter: '2026-Q1',
      incomeFen: 10_000_000,
      costFen: 2_000_000,
      netFen: 8_000_000,
      bySource: { lift_ads: 10_000_000 },
      entries: [],
    }
    expect(generatedContent('public_revenue_statement', revenue)?.type).toBe('public_revenue_statement')
    expect(generatedContent('notice', revenue)).toBeNull()
  })
})
