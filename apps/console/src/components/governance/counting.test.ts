import { describe, expect, it } from 'vitest'
import { areaHundredths, percentOf, reachesTwoThirds } from './counting'
import { addDays, localToIso } from './datetime'

describe('governance counting helpers', () => {
  it('reads areas as exact hundredths', () => {
    expect(areaHundredths('30000.00')).toBe(3000000n)
    expect(areaHundredths('89.3')).toBe(8930n)
    expect(areaHundredths('7')).toBe(700n)
    expect(areaHundredths('bad')).toBe(0n)
  })

  it('checks the 2/3 participation line exactly', () => {
    // 278 heads need 186 (3·186 = 558 ≥ 556); 185 is short.
    expect(reachesTwoThirds(186, 278)).toBe(true)
    expect(reachesTwoThirds(185, 278)).toBe(false)
    expect(reachesTwoThirds(areaHundredths('20000.00'), areaHundredths('30000.00'))).toBe(true)
    expect(reachesTwoThirds(areaHundredths('19999.99'), areaHundredths('30000.00'))).toBe(false)
  })

  it('draws percentages, zero for an empty total', () => {
    expect(percentOf(1, 3)).toBe(33.33)
    expect(percentOf(5n, 0n)).toBe(0)
  })
})

describe('governance form dates', () => {
  it('adds calendar days across months', () => {
    expect(addDays('2026-01-25', 15)).toBe('2026-02-09')
  })

  it('turns a local datetime into ISO with the same instant', () => {
    const iso = localToIso('2026-05-01T09:00')
    expect(iso).toMatch(/^2026-05-01T09:00:00[+-]\d{2}:\d{2}$/)
    expect(new Date(iso!).getTime()).toBe(new Date('2026-05-01T09:00:00').getTime())
    expect(localToIso('')).toBeNull()
  })
})
