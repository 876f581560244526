import { describe, expect, it } from 'vitest'
import { averageText, barPercent, permilleOf, permilleText } from './reportMath'

describe('report figures', () => {
  it('shows per mille as a percent with one decimal', () => {
    expect(permilleText(875)).toBe('87.5%')
    expect(permilleText(1000)).toBe('100.0%')
    expect(permilleText(0)).toBe('0.0%')
    expect(permilleText(7)).toBe('0.7%')
    expect(permilleText(null)).toBe('—')
  })

  it('divides in whole numbers, rounding the rate down', () => {
    expect(permilleOf(2, 3)).toBe(666)
    expect(permilleOf(1, 8)).toBe(125)
    expect(permilleOf(3, 0)).toBeNull()
    expect(barPercent(666)).toBe(66)
    expect(barPercent(null)).toBe(0)
  })

  it('averages to two decimals, half up', () => {
    expect(averageText(13, 3)).toBe('4.33')
    expect(averageText(9, 2)).toBe('4.50')
    expect(averageText(29, 6)).toBe('4.83')
    expect(averageText(5, 8)).toBe('0.63')
    expect(averageText(0, 0)).toBe('—')
  })
})
