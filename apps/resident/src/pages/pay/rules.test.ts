import { describe, expect, it } from 'vitest'
import { dateOnly, isOverdue, localDate, parseYuan, periodEnds, sumFen } from './rules'

describe('parseYuan', () => {
  it('reads 元 as integer fen by the digits, never through a float', () => {
    expect(parseYuan('100.50')).toBe(10050)
    expect(parseYuan('100.5')).toBe(10050)
    expect(parseYuan('100.')).toBe(10000)
    expect(parseYuan('100')).toBe(10000)
    expect(parseYuan('0.01')).toBe(1)
    expect(parseYuan('.5')).toBe(50)
    // 1.15 * 100 is 114.99999999999999 in binary floating point.
    expect(parseYuan('1.15')).toBe(115)
    expect(parseYuan('0.29')).toBe(29)
    expect(parseYuan('1,234.56')).toBe(123456)
    expect(parseYuan(' 12 ')).toBe(1200)
    expect(parseYuan('99999999999.99')).toBe(9999999999999)
  })

  it('is 0 when blank and null for what is not an amount', () => {
    expect(parseYuan('')).toBe(0)
    expect(parseYuan('   ')).toBe(0)
    expect(parseYuan('1.234')).toBeNull()
    expect(parseYuan('-5')).toBeNull()
    expect(parseYuan('1e3')).toBeNull()
    expect(parseYuan('abc')).toBeNull()
    expect(parseYuan('.')).toBeNull()
    expect(parseYuan('1.2.3')).toBeNull()
    expect(parseYuan('123456789012')).toBeNull()
  })
})

describe('bills', () => {
  it('sums fen exactly', () => {
    expect(sumFen([])).toBe(0)
    expect(sumFen([25024, 25024, 1])).toBe(50049)
  })

  it('is overdue only while owing after the due date', () => {
    expect(isOverdue({ dueOn: '2025-05-01', openFen: 100 }, '2025-05-02')).toBe(true)
    expect(isOverdue({ dueOn: '2025-05-01', openFen: 100 }, '2025-05-01')).toBe(false)
    expect(isOverdue({ dueOn: '2025-05-01', openFen: 0 }, '2025-06-01')).toBe(false)
    expect(isOverdue({ dueOn: '2025-05-01T00:00:00.000Z', openFen: 1 }, '2025-05-02')).toBe(true)
  })

  it('writes dates and periods as the server does', () => {
    expect(localDate(new Date(2025, 3, 9, 23, 59))).toBe('2025-04-09')
    expect(dateOnly('2025-04-30T16:00:00.000Z')).toBe('2025-04-30')
    expect(periodEnds({ periodStart: '2025-04', periodEnd: '2025-04' })).toEqual(['2025-04'])
    expect(periodEnds({ periodStart: '2025-04', periodEnd: '2025-06' })).toEqual(['2025-04', '2025-06'])
  })
})
