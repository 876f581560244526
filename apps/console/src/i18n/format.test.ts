import { describe, expect, it } from 'vitest'
import { formatFen, yuanToFen } from './format'

describe('money', () => {
  it('shows integer fen as yuan with two decimals', () => {
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(12_000)).toBe('¥120.00')
    expect(formatFen(123_456_789)).toBe('¥1,234,567.89')
    expect(formatFen(-250)).toBe('-¥2.50')
    expect(formatFen(null)).toBe('—')
  })

  it('reads typed yuan into integer fen without float multiplication', () => {
    expect(yuanToFen('19.99')).toBe(1999)
    expect(yuanToFen('0.29')).toBe(29)
    expect(yuanToFen('1.1')).toBe(110)
    expect(yuanToFen('120')).toBe(12_000)
    expect(yuanToFen('120.')).toBe(12_000)
    expect(yuanToFen(' ¥1,200.05 ')).toBe(120_005)
    expect(yuanToFen('4.35')).toBe(435)
  })

  it('refuses what is not an amount in yuan and fen', () => {
    for (const bad of ['', 'abc', '1.234', '-5', '1e3', '.5', '12..3', null, undefined]) {
      expect(yuanToFen(bad), String(bad)).toBeNull()
    }
  })
})
