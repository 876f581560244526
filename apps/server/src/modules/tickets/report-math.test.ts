import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { perThousand } from './rollup'

/** The exact answer in hundredths, as a decimal string, from integer arithmetic of our own. */
function exact(complaints: bigint, households: bigint): string {
  if (households === 0n) return '0.00'
  const scaled = complaints * 100_000n
  const hundredths = scaled / households
  // floor: hundredths/100 ≤ complaints × 1000 / households < (hundredths + 1)/100
  expect(hundredths * households <= scaled && scaled < (hundredths + 1n) * households).toBe(true)
  const text = hundredths.toString().padStart(3, '0')
  return `${text.slice(0, -2)}.${text.slice(-2)}`
}

describe('perThousand: complaints per thousand households, two decimals, rounded down', () => {
  it('no households: 0.00, whatever the complaints', () => {
    expect(perThousand(0, 0)).toBe('0.00')
    expect(perThousand(5, 0)).toBe('0.00')
    expect(perThousand(Number.MAX_SAFE_INTEGER, 0)).toBe('0.00')
  })

  it('no complaints: 0.00', () => {
    expect(perThousand(0, 1)).toBe('0.00')
    expect(perThousand(0, 1085)).toBe('0.00')
    expect(perThousand(0, Number.MAX_SAFE_INTEGER)).toBe('0.00')
  })

  it('the worked examples', () => {
    expect(perThousand(1, 1085)).toBe('0.92') // 1000/1085 = 0.9216…
    expect(perThousand(3, 3)).toBe('1000.00')
    expect(perThousand(1, 1000)).toBe('1.00')
    expect(perThousand(12, 1000)).toBe('12.00')
    expect(perThousand(1, 1)).toBe('1000.00')
    expect(perThousand(7, 2)).toBe('3500.00')
    expect(perThousand(1, 3)).toBe('333.33') // 333.333…
    expect(perThousand(2, 3)).toBe('666.66') // 666.666…, not 666.67
    expect(perThousand(5, 1234)).toBe('4.05') // 4.0518…
  })

  it('rounds down at the half: values that are exactly x.xx5', () => {
    expect(perThousand(1, 8000)).toBe('0.12') // 0.125
    expect(perThousand(3, 8000)).toBe('0.37') // 0.375
    expect(perThousand(5, 8000)).toBe('0.62') // 0.625
    expect(perThousand(7, 8000)).toBe('0.87') // 0.875
    expect(perThousand(9, 8000)).toBe('1.12') // 1.125 (toFixed(2) would say 1.13)
    expect(perThousand(1, 16_000)).toBe('0.06') // 0.0625
    expect(perThousand(1, 200_000)).toBe('0.00') // 0.005
    expect(perThousand(3, 200_000)).toBe('0.01') // 0.015
    expect(perThousand(199, 200_000)).toBe('0.99') // 0.995
    expect(perThousand(2001, 2000)).toBe('1000.50') // exact: no rounding needed
  })

  it('just below and just above a whole hundredth', () => {
    expect(perThousand(1, 1001)).toBe('0.99') // 0.999000…
    expect(perThousand(999, 1000)).toBe('999.00')
    expect(perThousand(1001, 1000)).toBe('1001.00')
    expect(perThousand(1, 100_001)).toBe('0.00') // 0.0099999…
    expect(perThousand(1, 100_000)).toBe('0.01')
    expect(perThousand(1, 99_999)).toBe('0.01') // 0.0100001…
    expect(perThousand(99_999, 100_000)).toBe('999.99')
    expect(perThousand(999_999, 1_000_000)).toBe('999.99') // 999.999
  })

  it('decimals are always two digits, with a leading zero below one', () => {
    expect(perThousand(1, 50_000)).toBe('0.02')
    expect(perThousand(1, 10_000)).toBe('0.10')
    expect(perThousand(1, 500)).toBe('2.00')
    expect(perThousand(21, 20_000)).toBe('1.05')
  })

  it('large numbers stay exact (integer arithmetic, no floating point)', () => {
    const max = Number.MAX_SAFE_INTEGER // 9 007 199 254 740 991
    expect(perThousand(max, 1)).toBe('9007199254740991000.00')
    expect(perThousand(max, 3)).toBe('3002399751580330333.33')
    expect(perThousand(max, max)).toBe('1000.00')
    expect(perThousand(max - 1, max)).toBe('999.99')
    expect(perThousand(1, max)).toBe('0.00')
    expect(perThousand(123_456_789, 987_654_321)).toBe('124.99') // 124.9999988…
    // In floating point, Math.floor(435 / 100 * 100_000) is 434 999: one hundredth short.
    expect(perThousand(435, 100)).toBe('4350.00')
  })

  it('refuses fractional inputs instead of guessing', () => {
    expect(() => perThousand(1.5, 10)).toThrow(RangeError)
    expect(() => perThousand(1, 10.5)).toThrow(RangeError)
  })

  it('property: agrees with exact rational arithmetic and is monotone in complaints', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(2000), fc.nat(Number.MAX_SAFE_INTEGER)),
        fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
        (complaints, households) => {
          const answer = perThousand(complaints, households)
          expect(answer).toMatch(/^(0|[1-9]\d*)\.\d{2}$/)
          expect(answer).toBe(exact(BigInt(complaints), BigInt(households)))
          if (complaints < Number.MAX_SAFE_INTEGER) {
            const more = perThousand(complaints + 1, households)
            const toHundredths = (s: string) => BigInt(s.replace('.', ''))
            expect(toHundredths(more) >= toHundredths(answer)).toBe(true)
          }
        },
      ),
      { numRuns: 500 },
    )
  }, 30_000)
})
