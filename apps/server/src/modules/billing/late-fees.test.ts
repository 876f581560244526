import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accrueLateFees, lateDaysIn, type OverdueBill } from './late-fees'

const bill = (over: Partial<OverdueBill> = {}): OverdueBill => ({
  billId: 'b1',
  unitId: 'u1',
  dueOn: '2026-06-30',
  amountFen: 25_024,
  openFen: 25_024,
  terms: { dailyRateBp: 5, graceDays: 0 },
  accruedFen: 0,
  ...over,
})

describe('late days of a month', () => {
  it('counts from the day after the due date to the end of the month', () => {
    expect(lateDaysIn('2026-06-30', 0, '2026-06')).toBe(0)
    expect(lateDaysIn('2026-06-30', 0, '2026-07')).toBe(31)
    expect(lateDaysIn('2026-06-30', 0, '2026-08')).toBe(31)
    expect(lateDaysIn('2026-07-15', 0, '2026-07')).toBe(16)
    expect(lateDaysIn('2026-07-31', 0, '2026-07')).toBe(0)
    expect(lateDaysIn('2026-05-31', 0, '2026-06')).toBe(30)
  })

  it('leaves the grace days free, also when they run into the next month', () => {
    expect(lateDaysIn('2026-06-30', 10, '2026-07')).toBe(21)
    expect(lateDaysIn('2026-06-25', 10, '2026-06')).toBe(0)
    expect(lateDaysIn('2026-06-25', 10, '2026-07')).toBe(26)
    expect(lateDaysIn('2026-06-30', 31, '2026-07')).toBe(0)
    expect(lateDaysIn('2026-06-30', 32, '2026-08')).toBe(30)
  })

  it('knows February and leap years', () => {
    expect(lateDaysIn('2027-01-31', 0, '2027-02')).toBe(28)
    expect(lateDaysIn('2028-01-31', 0, '2028-02')).toBe(29)
  })

  it('adds up over the months to the days past due, whatever the grace', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 90 }), (day, grace) => {
        const due = `2026-03-${String(day).padStart(2, '0')}`
        const months = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08']
        const total = months.reduce((sum, m) => sum + lateDaysIn(due, grace, m), 0)
        // 2026-03-dd to 2026-08-31: 31 - dd + 30 + 31 + 30 + 31 + 31 days after the due date.
        expect(total).toBe(Math.max(0, 31 - day + 153 - grace))
      }),
    )
  })
})

describe('accruing late fees for a month', () => {
  it('charges open amount × daily rate × late days, rounded once half up', () => {
    // 250.24 元 × 0.05% × 31 = 3.87872 元 → 3.88.
    expect(accrueLateFees([bill()], '2026-07')).toEqual([
      { billId: 'b1', unitId: 'u1', days: 31, principalFen: 25_024, feeFen: 388, capped: false },
    ])
    // 100.00 元 × 0.05% × 1 = 0.05 元 exactly; 10.00 × 0.05% × 1 = 0.005 → 0.01 (half up).
    expect(accrueLateFees([bill({ openFen: 10_000, dueOn: '2026-07-30' })], '2026-07')[0]!.feeFen).toBe(5)
    expect(accrueLateFees([bill({ openFen: 1_000, dueOn: '2026-07-30' })], '2026-07')[0]!.feeFen).toBe(1)
    // 9.99 × 0.05% = 0.004995 → 0.00: nothing to charge.
    expect(accrueLateFees([bill({ openFen: 999, dueOn: '2026-07-30' })], '2026-07')).toEqual([])
  })

  it('charges on what is still open, nothing on a paid bill or before the due date', () => {
    expect(accrueLateFees([bill({ openFen: 12_000 })], '2026-07')[0]).toMatchObject({
      principalFen: 12_000,
      feeFen: 186,
    })
    expect(accrueLateFees([bill({ openFen: 0 })], '2026-07')).toEqual([])
    expect(accrueLateFees([bill()], '2026-06')).toEqual([])
  })

  it('never lets a bill’s late fees pass the cap, over all months together', () => {
    const terms = { dailyRateBp: 100, graceDays: 0, capBp: 3000 }
    // Cap: 30% of 250.24 = 75.072 → 75.07 元. July alone would be 250.24 × 1% × 31 = 77.57.
    expect(accrueLateFees([bill({ terms })], '2026-07')[0]).toMatchObject({ feeFen: 7_507, capped: true })
    expect(accrueLateFees([bill({ terms, accruedFen: 7_000 })], '2026-07')[0]).toMatchObject({
      feeFen: 507,
      capped: true,
    })
    expect(accrueLateFees([bill({ terms, accruedFen: 7_507 })], '2026-07')).toEqual([])
    // Under the cap: charged in full, not marked.
    expect(accrueLateFees([bill({ terms: { ...terms, dailyRateBp: 5 } })], '2026-07')[0]).toMatchObject({
      feeFen: 388,
      capped: false,
    })
  })

  it('keeps the sum of all months within the cap for any bill and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 10_000 }),
        (amountFen, dailyRateBp, capBp) => {
          let accruedFen = 0
          for (const month of ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']) {
            const [accrual] = accrueLateFees(
              [
                bill({
                  amountFen,
                  openFen: amountFen,
                  terms: { dailyRateBp, graceDays: 0, capBp },
                  accruedFen,
                }),
              ],
              month,
            )
            accruedFen += accrual?.feeFen ?? 0
          }
          expect(accruedFen).toBeLessThanOrEqual(Math.floor((amountFen * capBp) / 10_000))
        },
      ),
    )
  })
})
