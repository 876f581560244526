import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  allocatePayment,
  applyVacancyRule,
  compareBillAge,
  daysBetween,
  daysInMonth,
  divideRounded,
  lateFee,
  lineAmountFen,
  type OpenBill,
  parseRate,
  prepaymentRoom,
  prorateByDays,
  ROUNDING_MODES,
  type RoundingMode,
  refundForMonth,
  splitByLargestRemainder,
  splitOverDays,
} from './fee-math'

const RUNS = { numRuns: 300 }
const abs = (n: bigint) => (n < 0n ? -n : n)

const modeArb = fc.constantFrom(...ROUNDING_MODES)
const fenArb = fc.integer({ min: 0, max: 10_000_000_000 }) // up to 100 million 元
const monthArb = fc
  .record({ year: fc.integer({ min: 1900, max: 2200 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`)
const dateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

/**
 * What a correctly rounded quotient r of n/d satisfies, checked by multiplication instead of division:
 * down: r·d ≤ n < (r+1)·d; half_up / half_even: |n − r·d| ≤ d/2, and on an exact half r is the upper
 * neighbour (half_up) or the even one (half_even).
 */
function isRoundingOf(r: bigint, n: bigint, d: bigint, mode: RoundingMode): boolean {
  if (mode === 'down') return r * d <= n && n < (r + 1n) * d
  const twiceError = 2n * abs(n - r * d)
  if (twiceError < d) return true
  if (twiceError > d) return false
  return mode === 'half_up' ? r * d > n : r % 2n === 0n
}

/** Rounds a non-negative count of 1/10000 fen the way a person does on paper: by its decimal digits. */
function roundByDigits(tenThousandthsOfFen: bigint, mode: RoundingMode): bigint {
  const digits = tenThousandthsOfFen.toString().padStart(5, '0')
  const whole = BigInt(digits.slice(0, -4))
  const fraction = digits.slice(-4)
  if (mode === 'down' || fraction < '5000') return whole
  if (fraction > '5000' || mode === 'half_up') return whole + 1n
  return whole % 2n === 0n ? whole : whole + 1n
}

describe('rounding properties', () => {
  it('divideRounded agrees with the multiplication characterisation in every mode', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        modeArb,
        (n, d, mode) => {
          expect(isRoundingOf(divideRounded(n, d, mode), n, d, mode)).toBe(true)
        },
      ),
      RUNS,
    )
  })

  it('an area line equals the exact decimal product rounded by its digits', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 99_999_999n }), // rates up to 9999.9999 元/m²
        fc.bigInt({ min: 0n, max: 9_999_999n }), // areas up to 99999.99 m²
        fc.integer({ min: 1, max: 12 }),
        modeArb,
        (rate, areaHundredths, months, mode) => {
          // The product of two decimals has 4 + 2 decimals in 元, i.e. 4 decimals in fen.
          const exact = rate * areaHundredths * BigInt(months)
          const line = { kind: 'area', rate, areaHundredths, months } as const
          expect(BigInt(lineAmountFen(line, mode))).toBe(roundByDigits(exact, mode))
        },
      ),
      RUNS,
    )
  })

  it('rates read from text match the same rates read from their digits', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.integer({ min: 0, max: 4 }),
        (units, decimals) => {
          // units at `decimals` places, written out and read back in 1/10000 元
          const text =
            decimals === 0
              ? units.toString()
              : `${units / 10n ** BigInt(decimals)}.${(units % 10n ** BigInt(decimals)).toString().padStart(decimals, '0')}`
          expect(parseRate(text)).toBe(units * 10n ** BigInt(4 - decimals))
        },
      ),
      RUNS,
    )
  })
})

describe('largest-remainder split properties', () => {
  const partsArb = fc.uniqueArray(
    fc.record({
      key: fc.string({ minLength: 1, maxLength: 6 }),
      weight: fc.bigInt({ min: 0n, max: 5_000_000n }),
    }),
    { minLength: 1, maxLength: 12, selector: (part) => part.key },
  )

  it('shares sum to the total exactly, each less than 1 fen from its exact share, whatever the order', () => {
    fc.assert(
      fc.property(
        fenArb,
        partsArb,
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        (total, parts, keys) => {
          const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0n)
          fc.pre(totalWeight > 0n)
          const shares = splitByLargestRemainder(total, parts)
          expect(shares.reduce((sum, share) => sum + share.fen, 0)).toBe(total)
          shares.forEach((share, i) => {
            expect(share.key).toBe(parts[i]!.key)
            // |fen − total·w/W| < 1  ⇔  |fen·W − total·w| < W
            expect(
              abs(BigInt(share.fen) * totalWeight - BigInt(total) * parts[i]!.weight) < totalWeight,
            ).toBe(true)
          })
          const shuffled = parts
            .map((part, i) => ({ part, sortKey: keys[i] ?? 0 }))
            .sort((a, b) => a.sortKey - b.sortKey)
            .map(({ part }) => part)
          const byKey = (list: { key: string; fen: number }[]) => new Map(list.map((s) => [s.key, s.fen]))
          expect(byKey(splitByLargestRemainder(total, shuffled))).toEqual(byKey(shares))
        },
      ),
      RUNS,
    )
  })

  it('a larger area never gets a smaller share', () => {
    fc.assert(
      fc.property(
        fenArb,
        fc.array(fc.bigInt({ min: 1n, max: 9_999_999n }), { minLength: 1, maxLength: 8 }),
        (total, areas) => {
          const parts = areas.map((weight, i) => ({ key: `u${i}`, weight }))
          const shares = splitByLargestRemainder(total, parts)
          for (let i = 0; i < areas.length; i++)
            for (let j = 0; j < areas.length; j++)
              if (areas[i]! > areas[j]!) expect(shares[i]!.fen).toBeGreaterThanOrEqual(shares[j]!.fen)
        },
      ),
      RUNS,
    )
  })
})

describe('allocation properties', () => {
  const billsArb = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      period: monthArb,
      itemOrder: fc.integer({ min: 0, max: 5 }),
      openFen: fc.integer({ min: 0, max: 1_000_000 }),
    }),
    { maxLength: 10, selector: (bill) => bill.id },
  )
  const limitArb = fc.record({
    monthlyFen: fc.integer({ min: 0, max: 100_000 }),
    maxMonthsAhead: fc.integer({ min: 0, max: 24 }),
    balanceFen: fc.integer({ min: 0, max: 2_000_000 }),
  })

  it('conserves money, never exceeds an open amount or the prepayment room, and pays oldest first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000_000 }),
        billsArb,
        limitArb,
        fc.option(fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), { nil: undefined }),
        (paymentFen, bills: OpenBill[], prepayment, picks) => {
          const chosenBillIds =
            picks === undefined ? undefined : bills.filter((_, i) => picks[i]).map((b) => b.id)
          const result = allocatePayment({ paymentFen, bills, chosenBillIds, prepayment })
          const allocated = result.allocations.reduce((sum, a) => sum + a.fen, 0)
          expect(allocated + result.prepaidFen + result.excessFen).toBe(paymentFen)
          expect(result.prepaidFen).toBeLessThanOrEqual(prepaymentRoom(prepayment))
          if (result.excessFen > 0) expect(result.prepaidFen).toBe(prepaymentRoom(prepayment))

          const targets = bills
            .filter((b) => chosenBillIds === undefined || chosenBillIds.includes(b.id))
            .sort(compareBillAge)
          const paid = new Map(result.allocations.map((a) => [a.billId, a.fen]))
          expect(paid.size).toBe(result.allocations.length)
          for (const bill of bills) {
            const fen = paid.get(bill.id) ?? 0
            expect(fen).toBeLessThanOrEqual(bill.openFen)
            if (fen > 0) expect(targets).toContain(bill)
          }
          // Oldest first: a bill gets money only when every older target is settled in full.
          let olderAllSettled = true
          for (const bill of targets) {
            if ((paid.get(bill.id) ?? 0) > 0) expect(olderAllSettled).toBe(true)
            if ((paid.get(bill.id) ?? 0) < bill.openFen) olderAllSettled = false
          }
          // Money goes past the bills only once every target is settled.
          if (result.prepaidFen + result.excessFen > 0) expect(olderAllSettled).toBe(true)
        },
      ),
      RUNS,
    )
  })
})

describe('pro-rating properties', () => {
  it('a month spread over its days sums back exactly, each day within one rounding of amount ÷ days', () => {
    fc.assert(
      fc.property(fenArb, monthArb, (amount, month) => {
        const days = splitOverDays(amount, month)
        const n = daysInMonth(month)
        expect(days).toHaveLength(n)
        expect(days.reduce((a, b) => a + b, 0)).toBe(amount)
        for (const fen of days) expect(abs(BigInt(fen * n) - BigInt(amount)) < BigInt(n)).toBe(true)
      }),
      RUNS,
    )
  })

  it('refund + kept = the month exactly; the refund is one rounding of amount × unserved ÷ days', () => {
    fc.assert(
      fc.property(fenArb, dateArb, modeArb, (amount, lastServedOn, mode) => {
        const month = lastServedOn.slice(0, 7)
        const n = daysInMonth(month)
        const { keptFen, refundFen, unservedDays } = refundForMonth(amount, month, lastServedOn, mode)
        expect(keptFen + refundFen).toBe(amount)
        expect(unservedDays).toBe(n - Number(lastServedOn.slice(8)))
        expect(isRoundingOf(BigInt(refundFen), BigInt(amount) * BigInt(unservedDays), BigInt(n), mode)).toBe(
          true,
        )
      }),
      RUNS,
    )
  })

  it('pro-rating never decreases with more days and reaches the whole amount on the last day', () => {
    fc.assert(
      fc.property(fenArb, monthArb, modeArb, (amount, month, mode) => {
        const n = daysInMonth(month)
        let previous = 0
        for (let day = 0; day <= n; day++) {
          const fen = prorateByDays(amount, day, month, mode)
          expect(fen).toBeGreaterThanOrEqual(previous)
          previous = fen
        }
        expect(previous).toBe(amount)
      }),
      { numRuns: 60 },
    )
  })

  it('days between dates agree with the JS date arithmetic', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        expect(daysBetween(a, b)).toBe((Date.parse(b) - Date.parse(a)) / 86_400_000)
      }),
      RUNS,
    )
  })
})

describe('vacancy and late-fee properties', () => {
  it('pay + discount = standard, and pay is the largest fen amount not above the percentage', () => {
    fc.assert(
      fc.property(fenArb, fc.integer({ min: 0, max: 10_000 }), (standardFen, payPercentBp) => {
        const line = applyVacancyRule(
          standardFen,
          { minVacantMonths: 0, payPercentBp },
          '2025-01-01',
          '2025-02',
        )
        expect(line.payFen + line.discountFen).toBe(standardFen)
        const share = BigInt(standardFen) * BigInt(payPercentBp)
        expect(BigInt(line.payFen) * 10_000n <= share && share < BigInt(line.payFen + 1) * 10_000n).toBe(true)
      }),
      RUNS,
    )
  })

  it('a capped late fee is never above the cap, grows with the days, and is capped exactly when it would exceed it', () => {
    fc.assert(
      fc.property(
        fenArb,
        fc.integer({ min: 0, max: 3_650 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 10_000 }),
        modeArb,
        (principal, days, dailyRateBp, capBp, mode) => {
          const terms = { dailyRateBp, capBp }
          const fee = lateFee(principal, days, terms, mode)
          const capFenExact = Number((BigInt(principal) * BigInt(capBp)) / 10_000n)
          expect(fee.feeFen).toBeLessThanOrEqual(capFenExact)
          expect(fee.capped).toBe(fee.uncappedFen > capFenExact)
          expect(fee.feeFen).toBe(Math.min(fee.uncappedFen, capFenExact))
          expect(lateFee(principal, days + 1, terms, mode).feeFen).toBeGreaterThanOrEqual(fee.feeFen)
        },
      ),
      RUNS,
    )
  })
})
