import {
  applyVacancyRule,
  type BillingPeriod,
  type BillLine,
  exactLineFen,
  formatRate,
  type Month,
  monthsFromTo,
  type Payer,
  payerForMonth,
  type Rate,
  type RoundingMode,
  roundFen,
  type VacancyRule,
} from './fee-math'

/**
 * What a billing run would bill one unit for one period: pure, so the preview, the run and a resumed run
 * compute exactly the same bills. Rules (shared/domain/billing.md, "Computing a fee"):
 * - the developer pays while a unit is unsold or undelivered and through the delivery month; the owner from
 *   the month after. A period that spans the change gives two bills, one per payer, each starting at its own
 *   first month (so the unique key unit × item × period start still holds);
 * - each month takes the standard in force that month; months with one standard and no vacancy discount
 *   form one line, rounded once (2.80 × 89.37 × 3 is rounded once, not per month);
 * - a vacancy rule lowers an owner's month after enough vacant months (滨州: > 6 months, at most 60%).
 */

export interface StandardForDraft {
  id: string
  /** First month in force. */
  effectiveFrom: Month
  rate: Rate
  rounding: RoundingMode
  vacancy: VacancyRule | null
}

export interface ItemForDraft {
  id: string
  kind: 'area' | 'per_space' | 'fixed'
  areaBasis: 'building' | 'exclusive'
  /** Oldest first. */
  standards: readonly StandardForDraft[]
}

export interface UnitForDraft {
  id: string
  buildingAreaHundredths: bigint
  exclusiveAreaHundredths: bigint
  deliveredOn: string | null
  sold: boolean
  ownerPartyId: string | null
  vacantSince: string | null
  parkingSpaces: number
}

export interface BillDraft {
  unitId: string
  feeItemId: string
  periodStart: Month
  periodEnd: Month
  payer: Payer
  partyId: string | null
  amountFen: number
  /** The standard of the period's first month (the bill's rate of record). */
  standardId: string
  /** The computation in figures an owner can check: "89.37 m² × 2.80 × 3". */
  basis: string
}

/** The standard in force in `month`, if any. */
export function standardFor(
  standards: readonly StandardForDraft[],
  month: Month,
): StandardForDraft | undefined {
  let found: StandardForDraft | undefined
  for (const standard of standards) if (standard.effectiveFrom <= month) found = standard
  return found
}

const formatHundredths = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`

function lineOf(item: ItemForDraft, unit: UnitForDraft, rate: Rate, months: number): BillLine | null {
  switch (item.kind) {
    case 'area': {
      const area = item.areaBasis === 'exclusive' ? unit.exclusiveAreaHundredths : unit.buildingAreaHundredths
      return { kind: 'area', rate, areaHundredths: area, months }
    }
    case 'per_space':
      return unit.parkingSpaces > 0 ? { kind: 'per_space', rate, spaces: unit.parkingSpaces, months } : null
    case 'fixed':
      return { kind: 'fixed', rate, months }
  }
}

function quantityText(item: ItemForDraft, unit: UnitForDraft): string {
  if (item.kind === 'area')
    return `${formatHundredths(item.areaBasis === 'exclusive' ? unit.exclusiveAreaHundredths : unit.buildingAreaHundredths)} m²`
  if (item.kind === 'per_space') return `${unit.parkingSpaces} 车位`
  return '1 户'
}

interface Segment {
  payer: Payer
  months: Month[]
}

/** The period's months grouped by who pays them, in order. */
function payerSegments(unit: UnitForDraft, period: BillingPeriod): Segment[] {
  const segments: Segment[] = []
  const deliveredOn = unit.sold ? unit.deliveredOn : null
  for (const month of monthsFromTo(period.first, period.last)) {
    const payer = payerForMonth(deliveredOn, month)
    const last = segments.at(-1)
    if (last?.payer === payer) last.months.push(month)
    else segments.push({ payer, months: [month] })
  }
  return segments
}

/** One unit's bills for one item and period; none when no standard is in force or nothing is owed. */
export function draftBills(unit: UnitForDraft, item: ItemForDraft, period: BillingPeriod): BillDraft[] {
  const drafts: BillDraft[] = []
  for (const segment of payerSegments(unit, period)) {
    let amountFen = 0
    const parts: string[] = []
    let firstStandard: StandardForDraft | undefined
    // Runs of consecutive months with the same standard and no discount share one rounding.
    let run: { standard: StandardForDraft; months: number } | null = null
    const flush = () => {
      if (!run) return
      const line = lineOf(item, unit, run.standard.rate, run.months)
      if (line) {
        amountFen += roundFen(exactLineFen(line), run.standard.rounding)
        parts.push(`${quantityText(item, unit)} × ${formatRate(run.standard.rate)} × ${run.months}`)
      }
      run = null
    }
    for (const month of segment.months) {
      const standard = standardFor(item.standards, month)
      if (!standard) {
        flush()
        continue
      }
      firstStandard ??= standard
      const vacancyRule = segment.payer === 'owner' ? standard.vacancy : null
      const monthLine = lineOf(item, unit, standard.rate, 1)
      const monthFen = monthLine ? roundFen(exactLineFen(monthLine), standard.rounding) : 0
      const vacancy = applyVacancyRule(monthFen, vacancyRule, unit.vacantSince, month)
      if (vacancy.applied) {
        flush()
        amountFen += vacancy.payFen
        parts.push(`${month} 空置 ${formatHundredths(BigInt(vacancy.payFen))}`)
        continue
      }
      if (run && run.standard.id === standard.id) run.months += 1
      else {
        flush()
        run = { standard, months: 1 }
      }
    }
    flush()
    if (amountFen > 0 && firstStandard)
      drafts.push({
        unitId: unit.id,
        feeItemId: item.id,
        periodStart: segment.months[0]!,
        periodEnd: segment.months.at(-1)!,
        payer: segment.payer,
        partyId: segment.payer === 'owner' ? unit.ownerPartyId : null,
        amountFen,
        standardId: firstStandard.id,
        basis: parts.join(' + '),
      })
  }
  return drafts
}

/** The first day of a month and the day a bill of it falls due. */
export const firstDayOf = (month: Month) => `${month}-01`
export function dueOn(periodStart: Month, dueDays: number): string {
  const start = new Date(`${periodStart}-01T00:00:00Z`)
  start.setUTCDate(start.getUTCDate() + dueDays)
  return start.toISOString().slice(0, 10)
}
