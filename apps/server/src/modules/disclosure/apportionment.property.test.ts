import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hundredthsToArea } from '../../platform/area'
import { type ApportionUnit, apportion, fenPerM2Text } from './apportionment'

const RUNS = { numRuns: 300 }

const costArb = fc.integer({ min: 0, max: 100_000_000_000 }) // up to 1 billion 元
const areaArb = fc.bigInt({ min: 0n, max: 1_000_000n }) // up to 10,000.00 m²
const balanceArb = fc.integer({ min: 0, max: 100_000_000 })

/** Units with distinct codes and a positive total area. */
const unitsArb = fc
  .uniqueArray(
    fc.record({
      code: fc.stringMatching(/^[0-9]{1,2}-[0-9]{3,4}$/),
      area: areaArb,
      developerHeld: fc.boolean(),
      balanceFen: balanceArb,
      firstDepositFen: balanceArb,
    }),
    { selector: (u) => u.code, minLength: 1, maxLength: 40 },
  )
  .filter((units) => units.some((u) => u.area > 0n))
  .map((units) =>
    units.map(
      (u): ApportionUnit => ({
        id: `id-${u.code}`,
        code: u.code,
        exclusiveArea: hundredthsToArea(u.area),
        developerHeld: u.developerHeld,
        balanceFen: u.balanceFen,
        firstDepositFen: u.firstDepositFen,
      }),
    ),
  )

const hundredths = (u: ApportionUnit) => {
  const [whole, frac] = u.exclusiveArea.split('.')
  return BigInt(whole!) * 100n + BigInt(frac!)
}

/** The exact share as a fraction: numerator cost × area over the total area. */
const exactNumerator = (cost: number, u: ApportionUnit) => BigInt(cost) * hundredths(u)

describe('apportion properties', () => {
  it('sums the shares to the cost exactly', () => {
    fc.assert(
      fc.property(costArb, unitsArb, (cost, units) => {
        const result = apportion(cost, units)
        expect(result.lines.reduce((s, l) => s + l.shareFen, 0)).toBe(cost)
        expect(result.totalAreaHundredths).toBe(units.reduce((s, u) => s + hundredths(u), 0n))
      }),
      RUNS,
    )
  })

  it('keeps every share within one fen of cost × area ÷ total area: its floor or its ceiling', () => {
    fc.assert(
      fc.property(costArb, unitsArb, (cost, units) => {
        const result = apportion(cost, units)
        const total = result.totalAreaHundredths
        result.lines.forEach((line, i) => {
          const n = exactNumerator(cost, units[i]!)
          const floor = n / total
          const ceil = (n + total - 1n) / total
          const share = BigInt(line.shareFen)
          expect(share === floor || share === ceil).toBe(true)
          // |share − exact| < 1 fen, checked by multiplication.
          const diff = share * total - n
          expect(diff < total && -diff < total).toBe(true)
        })
      }),
      RUNS,
    )
  })

  it('hands the left-over fen to the largest remainders, ties to the lower unit code', () => {
    fc.assert(
      fc.property(costArb, unitsArb, (cost, units) => {
        const result = apportion(cost, units)
        const total = result.totalAreaHundredths
        const claims = result.lines.map((line, i) => {
          const n = exactNumerator(cost, units[i]!)
          return { code: line.unitCode, remainder: n % total, extra: BigInt(line.shareFen) > n / total }
        })
        for (const got of claims.filter((c) => c.extra))
          for (const not of claims.filter((c) => !c.extra)) {
            const beats =
              got.remainder > not.remainder || (got.remainder === not.remainder && got.code < not.code)
            expect(beats).toBe(true)
          }
      }),
      RUNS,
    )
  })

  it('gives every unit the same share whatever the order of the units', () => {
    fc.assert(
      fc.property(
        costArb,
        unitsArb.chain((units) =>
          fc.tuple(
            fc.constant(units),
            fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length }),
          ),
        ),
        (cost, [units, shuffled]) => {
          const byCode = (lines: { unitCode: string; shareFen: number }[]) =>
            Object.fromEntries(lines.map((l) => [l.unitCode, l.shareFen]))
          const a = apportion(cost, units)
          const b = apportion(cost, shuffled)
          expect(byCode(b.lines)).toEqual(byCode(a.lines))
          expect(b.lines.map((l) => l.unitCode)).toEqual(shuffled.map((u) => u.code))
          const { lines: _a, ...totalsA } = a
          const { lines: _b, ...totalsB } = b
          expect(totalsB).toEqual(totalsA)
        },
      ),
      RUNS,
    )
  })

  it('never gives a larger area a smaller share', () => {
    fc.assert(
      fc.property(costArb, unitsArb, (cost, units) => {
        const result = apportion(cost, units)
        result.lines.forEach((x, i) => {
          result.lines.forEach((y, j) => {
            if (hundredths(units[i]!) > hundredths(units[j]!))
              expect(x.shareFen).toBeGreaterThanOrEqual(y.shareFen)
            if (hundredths(units[i]!) === hundredths(units[j]!))
              expect(Math.abs(x.shareFen - y.shareFen)).toBeLessThanOrEqual(1)
          })
        })
      }),
      RUNS,
    )
  })

  it('balances the ledger per unit and in total', () => {
    fc.assert(
      fc.property(costArb, unitsArb, (cost, units) => {
        const result = apportion(cost, units)
        let fromFund = 0
        let shortfall = 0
        let developerFen = 0
        let developerUnits = 0
        let shortfallUnits = 0
        let topUpUnits = 0
        result.lines.forEach((line, i) => {
          const u = units[i]!
          expect(line.unitId).toBe(u.id)
          expect(line.balanceFen).toBe(u.balanceFen)
          expect(line.fromFundFen).toBe(Math.min(line.shareFen, u.balanceFen))
          expect(line.fromFundFen + line.shortfallFen).toBe(line.shareFen)
          expect(line.shortfallFen).toBeGreaterThanOrEqual(0)
          expect(line.balanceAfterFen).toBe(u.balanceFen - line.fromFundFen)
          expect(line.balanceAfterFen).toBeGreaterThanOrEqual(0)
          // Short only when the account is emptied.
          if (line.shortfallFen > 0) expect(line.balanceAfterFen).toBe(0)
          expect(line.needsTopUp).toBe(
            u.firstDepositFen > 0 && line.balanceAfterFen * 100 < u.firstDepositFen * 30,
          )
          fromFund += line.fromFundFen
          shortfall += line.shortfallFen
          if (u.developerHeld) {
            developerFen += line.shareFen
            developerUnits += 1
          }
          if (line.shortfallFen > 0) shortfallUnits += 1
          if (line.needsTopUp) topUpUnits += 1
        })
        expect(result.fromFundFen).toBe(fromFund)
        expect(result.shortfallFen).toBe(shortfall)
        expect(result.fromFundFen + result.shortfallFen).toBe(cost)
        expect(result.developerFen).toBe(developerFen)
        expect(result.developerUnits).toBe(developerUnits)
        expect(result.shortfallUnits).toBe(shortfallUnits)
        expect(result.topUpUnits).toBe(topUpUnits)
        // The fund pays what was in it, and the accounts lose exactly that.
        const before = units.reduce((s, u) => s + u.balanceFen, 0)
        const after = result.lines.reduce((s, l) => s + l.balanceAfterFen, 0)
        expect(before - after).toBe(result.fromFundFen)
      }),
      RUNS,
    )
  })
})

describe('fenPerM2Text properties', () => {
  it('is cost ÷ area to four places, rounded half up', () => {
    fc.assert(
      fc.property(costArb, fc.bigInt({ min: 1n, max: 100_000_000n }), (cost, total) => {
        const text = fenPerM2Text(cost, total)
        expect(text).toMatch(/^\d+\.\d{4}$/)
        const scaled = BigInt(text.replace('.', ''))
        // scaled ≈ cost × 10^4 ÷ total: 2·(scaled·total − cost·10^4) in (−total, total].
        const twiceError = 2n * (scaled * total - BigInt(cost) * 10_000n)
        expect(twiceError > -total && twiceError <= total).toBe(true)
      }),
      RUNS,
    )
  })
})
