import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { areaToHundredths, hundredthsToArea, normaliseArea } from './area'

const MAX_HUNDREDTHS = 10n ** 12n

describe('areas as integer hundredths', () => {
  it('hundredthsToArea then areaToHundredths gives every h in [0, 10^12) back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_HUNDREDTHS - 1n }), (h) => {
        const area = hundredthsToArea(h)
        expect(area).toMatch(/^\d+\.\d{2}$/)
        expect(areaToHundredths(area)).toBe(h)
      }),
      { numRuns: 2000 },
    )
  })

  it('round-trips the edges exactly', () => {
    for (const [h, area] of [
      [0n, '0.00'],
      [1n, '0.01'],
      [99n, '0.99'],
      [100n, '1.00'],
      [8937n, '89.37'],
      [MAX_HUNDREDTHS - 1n, '9999999999.99'],
    ] as const) {
      expect(hundredthsToArea(h)).toBe(area)
      expect(areaToHundredths(area)).toBe(h)
    }
  })

  it('reads one or two decimals, or none, as hundredths', () => {
    expect(areaToHundredths('89.4')).toBe(8940n)
    expect(areaToHundredths('89.04')).toBe(8904n)
    expect(areaToHundredths('89')).toBe(8900n)
    expect(areaToHundredths('0.1')).toBe(10n)
    expect(areaToHundredths('007.5')).toBe(750n)
    expect(areaToHundredths(' 12.30 ')).toBe(1230n)
  })

  it('normalises input to two decimals', () => {
    expect(normaliseArea('89.4')).toBe('89.40')
    expect(normaliseArea('89')).toBe('89.00')
    expect(normaliseArea('0.01')).toBe('0.01')
    expect(normaliseArea('0100.5')).toBe('100.50')
    expect(normaliseArea('9999999999.99')).toBe('9999999999.99')
  })

  it('normalising any well-formed area keeps its value and is idempotent', () => {
    const wellFormed = fc
      .tuple(fc.stringMatching(/^\d{1,10}$/), fc.stringMatching(/^(\.\d{1,2})?$/))
      .map(([whole, fraction]) => whole + fraction)
    fc.assert(
      fc.property(wellFormed, (area) => {
        const normal = normaliseArea(area)
        expect(normal).toMatch(/^\d+\.\d{2}$/)
        expect(areaToHundredths(normal)).toBe(areaToHundredths(area))
        expect(normaliseArea(normal)).toBe(normal)
      }),
    )
  })

  it('adds areas exactly through hundredths (no floating point)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: MAX_HUNDREDTHS - 1n }),
        fc.bigInt({ min: 0n, max: MAX_HUNDREDTHS - 1n }),
        (a, b) => {
          const sum = areaToHundredths(hundredthsToArea(a)) + areaToHundredths(hundredthsToArea(b))
          expect(sum).toBe(a + b)
        },
      ),
    )
    // The classic float trap: 0.1 + 0.2 is exactly 0.30 here.
    expect(hundredthsToArea(areaToHundredths('0.1') + areaToHundredths('0.2'))).toBe('0.30')
  })

  it('throws on malformed input', () => {
    for (const bad of [
      '',
      ' ',
      '.5',
      '89.',
      '89.375',
      '-1',
      '-0.01',
      '+1',
      '1e3',
      '1,000.00',
      '89.3.7',
      'abc',
      '８９',
      '0x10',
      '1 000',
      'NaN',
    ]) {
      expect(() => areaToHundredths(bad), JSON.stringify(bad)).toThrow(/not an area/)
      expect(() => normaliseArea(bad), JSON.stringify(bad)).toThrow()
    }
  })

  it('formats negative hundredths (differences) with a sign', () => {
    expect(hundredthsToArea(-5n)).toBe('-0.05')
    expect(hundredthsToArea(-12345n)).toBe('-123.45')
  })
})
