import { addMonths, type BusinessDate, daysBetween, daysInMonth, lateFee, type Month } from './fee-math'

/**
 * Contractual late fees (违约金, billing.md): only on bills whose fee item's contract terms provide them,
 * accrued month by month on what is still open, never beyond the cap over the bill's whole life.
 * Pure: the late-fee service reads the overdue bills and charges what this computes.
 */

export interface LateFeeTermsOfItem {
  /** Per day on the open amount, in basis points (5 = 万分之五). */
  dailyRateBp: number
  /** Days after the due date still free of late fees. */
  graceDays: number
  /** All late fees of a bill together never exceed this share of its amount (basis points). */
  capBp?: number
}

export interface OverdueBill {
  billId: string
  unitId: string
  dueOn: BusinessDate
  amountFen: number
  /** What is still unpaid when the month is assessed: the principal of this month's late fee. */
  openFen: number
  terms: LateFeeTermsOfItem
  /** Late fees accrued on this bill in earlier months. */
  accruedFen: number
}

export interface LateFeeAccrual {
  billId: string
  unitId: string
  days: number
  principalFen: number
  feeFen: number
  /** The cap cut this month's fee. */
  capped: boolean
}

export const lastDayOf = (month: Month): BusinessDate =>
  `${month}-${String(daysInMonth(month)).padStart(2, '0')}`

/** Days of `month` on which the bill was late: after its due date and the grace days, to the month's end. */
export function lateDaysIn(dueOn: BusinessDate, graceDays: number, month: Month): number {
  const lateThrough = (day: BusinessDate) => Math.max(0, daysBetween(dueOn, day) - graceDays)
  return lateThrough(lastDayOf(month)) - lateThrough(lastDayOf(addMonths(month, -1)))
}

/**
 * The late fees `month` adds: per bill, open amount × daily rate × late days of the month, rounded once
 * (half up), then cut to what the cap leaves after earlier months. Bills with nothing to add are left out.
 */
export function accrueLateFees(bills: readonly OverdueBill[], month: Month): LateFeeAccrual[] {
  const accruals: LateFeeAccrual[] = []
  for (const bill of bills) {
    const days = lateDaysIn(bill.dueOn, bill.terms.graceDays, month)
    if (days === 0 || bill.openFen === 0) continue
    let { feeFen } = lateFee(bill.openFen, days, { dailyRateBp: bill.terms.dailyRateBp })
    let capped = false
    if (bill.terms.capBp !== undefined) {
      const capFen = Number((BigInt(bill.amountFen) * BigInt(bill.terms.capBp)) / 10_000n)
      const roomFen = Math.max(0, capFen - bill.accruedFen)
      if (feeFen > roomFen) {
        feeFen = roomFen
        capped = true
      }
    }
    if (feeFen > 0)
      accruals.push({
        billId: bill.billId,
        unitId: bill.unitId,
        days,
        principalFen: bill.openFen,
        feeFen,
        capped,
      })
  }
  return accruals
}
