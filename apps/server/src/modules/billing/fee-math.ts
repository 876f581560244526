/**
 * Fee arithmetic for the billing region (see /work/shared/domain/billing.md). Pure: no I/O, no clock.
 *
 * Units, never floating point:
 * - money is integer fen (a JS number, asserted to be a safe integer at every boundary);
 * - rates are exact decimals in 1/10000 元 (= 1/100 fen), as bigint: "2.80" ⇄ 28000n;
 * - areas and meter readings are integer hundredths (bigint): "89.37" ⇄ 8937n (see platform/area.ts);
 * - months are 'YYYY-MM', business dates 'YYYY-MM-DD' (already in the community's zone; no zones here).
 * Products are taken exactly in BigInt and rounded once, per line, with a configurable rounding mode.
 */

// ── money and rounding ──────────────────────────────────────────────────────────────────────────────

export const ROUNDING_MODES = ['half_up', 'half_even', 'down'] as const
/** half_up: a half fen goes up (the domain default); half_even: a half fen goes to the even fen; down: truncate. */
export type RoundingMode = (typeof ROUNDING_MODES)[number]
export const DEFAULT_ROUNDING: RoundingMode = 'half_up'

/** An exact, non-negative amount of fen as a fraction, before its one rounding. */
export interface ExactFen {
  numerator: bigint
  denominator: bigint
}

/** numerator ÷ denominator rounded once to an integer; both non-negative (amounts here never are). */
export function divideRounded(
  numerator: bigint,
  denominator: bigint,
  mode: RoundingMode = DEFAULT_ROUNDING,
): bigint {
  if (denominator <= 0n) throw new RangeError(`denominator must be positive, got ${denominator}`)
  if (numerator < 0n) throw new RangeError(`cannot round a negative amount (${numerator}/${denominator})`)
  const quotient = numerator / denominator
  const twiceRemainder = 2n * (numerator % denominator)
  switch (mode) {
    case 'down':
      return quotient
    case 'half_up':
      return twiceRemainder >= denominator ? quotient + 1n : quotient
    case 'half_even':
      if (twiceRemainder !== denominator) return twiceRemainder > denominator ? quotient + 1n : quotient
      return quotient % 2n === 0n ? quotient : quotient + 1n
    default:
      // The mode is a stored setting: a bad value must fail loudly, not round some other way.
      throw new RangeError(`unknown rounding mode ${JSON.stringify(mode)}`)
  }
}

/** An exact amount rounded once, as fen. */
export const roundFen = (exact: ExactFen, mode: RoundingMode = DEFAULT_ROUNDING): number =>
  toFen(divideRounded(exact.numerator, exact.denominator, mode))

/** A bigint amount of fen as a JS number; refuses what a number cannot hold exactly. */
export function toFen(amount: bigint): number {
  if (amount < 0n || amount > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`amount ${amount} fen is outside 0..Number.MAX_SAFE_INTEGER`)
  return Number(amount)
}

function assertFen(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number of fen ≥ 0, got ${value}`)
}

function assertCount(value: number, name: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`)
}

// ── exact decimals: rates and meter readings ────────────────────────────────────────────────────────

/** A rate in 1/10000 元 (= 1/100 fen): 元/m²/月, 元/space/月, 元/unit/月 or 元 per metered unit. */
export type Rate = bigint
/** A meter reading in hundredths of its unit (kWh, m³…). */
export type Reading = bigint

export const RATE_DECIMALS = 4
export const READING_DECIMALS = 2
/** 1/10000 元 per fen. */
const RATE_UNITS_PER_FEN = 100n
/** Hundredths per m² (areas) or per metered unit (readings). */
const HUNDREDTHS = 100n

/** Parses a non-negative decimal with at most `decimals` decimals into an integer scaled by 10^decimals. */
function parseScaledDecimal(text: string, decimals: number, what: string): bigint {
  const trimmed = typeof text === 'string' ? text.trim() : ''
  if (trimmed.startsWith('-')) throw new RangeError(`${what} must not be negative: "${text}"`)
  const match = /^(\d+)(?:\.(\d+))?$/.exec(trimmed)
  if (!match) throw new RangeError(`${what} is not a decimal number: ${JSON.stringify(text)}`)
  const fraction = match[2] ?? ''
  if (fraction.length > decimals)
    throw new RangeError(`${what} "${text}" has ${fraction.length} decimals; at most ${decimals} are allowed`)
  return BigInt(match[1]!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0'))
}

/** "2.80" → 28000n, "0.4500" → 4500n (1/10000 元). Throws RangeError on > 4 decimals, negatives, garbage. */
export const parseRate = (text: string): Rate => parseScaledDecimal(text, RATE_DECIMALS, 'rate')

/** 28000n → "2.80", 4567n → "0.4567": at least two decimals, trailing zeros beyond them dropped. */
export function formatRate(rate: Rate): string {
  if (rate < 0n) throw new RangeError(`rate must not be negative, got ${rate}`)
  const fraction = (rate % 10_000n)
    .toString()
    .padStart(4, '0')
    .replace(/0{1,2}$/, '')
  return `${rate / 10_000n}.${fraction}`
}

/** "12345.6" → 1234560n (hundredths). Throws RangeError on > 2 decimals, negatives, garbage. */
export const parseReading = (text: string): Reading => parseScaledDecimal(text, READING_DECIMALS, 'reading')

// ── bill lines ──────────────────────────────────────────────────────────────────────────────────────

/** rate 元/m²/月 × area (building area by default; the basis is the contract's) × months. */
export interface AreaLine {
  kind: 'area'
  rate: Rate
  areaHundredths: bigint
  months: number
}

/** rate 元/space/月 × spaces × months. */
export interface PerSpaceLine {
  kind: 'per_space'
  rate: Rate
  spaces: number
  months: number
}

/** A fixed rate 元/unit/月 for one unit × months. */
export interface FixedLine {
  kind: 'fixed'
  rate: Rate
  months: number
}

/** (current − previous reading) × unit price. */
export interface MeteredLine {
  kind: 'metered'
  rate: Rate
  previous: Reading
  current: Reading
  /** The reading at which the meter wraps back to 0 (100000.00 for a five-digit meter); absent: no rollover. */
  wrapsAt?: Reading
}

export type BillLine = AreaLine | PerSpaceLine | FixedLine | MeteredLine

/** Consumption between two readings. A lower current reading is an error unless the meter can wrap. */
export function meteredUsage(previous: Reading, current: Reading, wrapsAt?: Reading): Reading {
  if (previous < 0n || current < 0n) throw new RangeError('meter readings must not be negative')
  if (wrapsAt !== undefined && (previous >= wrapsAt || current >= wrapsAt))
    throw new RangeError(`meter readings must be below the rollover point ${wrapsAt}`)
  if (current >= previous) return current - previous
  if (wrapsAt === undefined)
    throw new RangeError(
      `meter reading went down (${previous} → ${current} hundredths) and the meter has no rollover point`,
    )
  return wrapsAt - previous + current
}

/** The exact amount of a line in fen, before rounding. */
export function exactLineFen(line: BillLine): ExactFen {
  if (line.rate < 0n) throw new RangeError(`rate must not be negative, got ${line.rate}`)
  switch (line.kind) {
    case 'area':
      if (line.areaHundredths < 0n) throw new RangeError('area must not be negative')
      assertCount(line.months, 'months', 1)
      return {
        numerator: line.rate * line.areaHundredths * BigInt(line.months),
        denominator: RATE_UNITS_PER_FEN * HUNDREDTHS,
      }
    case 'per_space':
      assertCount(line.spaces, 'spaces')
      assertCount(line.months, 'months', 1)
      return {
        numerator: line.rate * BigInt(line.spaces) * BigInt(line.months),
        denominator: RATE_UNITS_PER_FEN,
      }
    case 'fixed':
      assertCount(line.months, 'months', 1)
      return { numerator: line.rate * BigInt(line.months), denominator: RATE_UNITS_PER_FEN }
    case 'metered':
      return {
        numerator: line.rate * meteredUsage(line.previous, line.current, line.wrapsAt),
        denominator: RATE_UNITS_PER_FEN * HUNDREDTHS,
      }
    default:
      throw new RangeError(`unknown bill line kind ${JSON.stringify((line as { kind: unknown }).kind)}`)
  }
}

/** A bill line's amount: the exact product rounded once. 2.80 元/m² × 89.37 m² → 25024 fen (250.236 元). */
export const lineAmountFen = (line: BillLine, mode: RoundingMode = DEFAULT_ROUNDING): number =>
  roundFen(exactLineFen(line), mode)

// ── splitting a total: largest remainder ────────────────────────────────────────────────────────────

export interface SplitPart {
  /** A stable, unique key (the unit code): it breaks ties between equal remainders. */
  key: string
  weight: bigint
}

export interface Share {
  key: string
  fen: number
}

/**
 * Splits `totalFen` in proportion to the weights so the shares sum to the total exactly (largest remainder,
 * Hamilton): each part gets the floor of its exact share; the fen left over go one each to the parts with
 * the larger remainders, ties broken by key in code-unit order (so the input order never matters). Every
 * share is then less than 1 fen from its exact share. Shares come back in input order.
 */
export function splitByLargestRemainder(totalFen: number, parts: readonly SplitPart[]): Share[] {
  assertFen(totalFen, 'total')
  const keys = new Set<string>()
  for (const part of parts) {
    if (keys.has(part.key)) throw new RangeError(`duplicate split key "${part.key}"`)
    keys.add(part.key)
    if (part.weight < 0n) throw new RangeError(`weight of "${part.key}" must not be negative`)
  }
  const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0n)
  if (totalWeight === 0n) {
    if (totalFen === 0) return parts.map((part) => ({ key: part.key, fen: 0 }))
    throw new RangeError(`cannot split ${totalFen} fen over parts whose weights sum to 0`)
  }
  const total = BigInt(totalFen)
  const exact = parts.map((part, index) => ({
    index,
    key: part.key,
    floor: (total * part.weight) / totalWeight,
    remainder: (total * part.weight) % totalWeight,
  }))
  let leftover = total - exact.reduce((sum, share) => sum + share.floor, 0n)
  const byClaim = [...exact].sort((a, b) =>
    a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.key < b.key ? -1 : 1,
  )
  const fen = exact.map((share) => share.floor)
  // leftover < the number of parts with a remainder, so only those ever get an extra fen.
  for (const share of byClaim) {
    if (leftover === 0n) break
    fen[share.index]! += 1n
    leftover -= 1n
  }
  return exact.map((share) => ({ key: share.key, fen: toFen(fen[share.index]!) }))
}

export interface SharingUnit {
  unit: string
  areaHundredths: bigint
}

/** 公摊: a shared utility bill split over units by area, or equally per household. Sums to the total exactly. */
export function splitSharedCost(
  totalFen: number,
  units: readonly SharingUnit[],
  basis: 'area' | 'household',
): Share[] {
  return splitByLargestRemainder(
    totalFen,
    units.map((u) => ({ key: u.unit, weight: basis === 'area' ? u.areaHundredths : 1n })),
  )
}

// ── calendar: months and business dates ────────────────────────────────────────────────────────────

/** 'YYYY-MM'. */
export type Month = string
/** 'YYYY-MM-DD', a date in the community's time zone. */
export type BusinessDate = string

const MONTH = /^(\d{4})-(\d{2})$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function parseMonth(month: Month): { year: number; month: number } {
  const match = MONTH.exec(month)
  const m = match ? Number(match[2]) : 0
  if (!match || m < 1 || m > 12) throw new RangeError(`"${month}" is not a YYYY-MM month`)
  return { year: Number(match[1]), month: m }
}

function parseDate(date: BusinessDate): { year: number; month: number; day: number } {
  const match = DATE.exec(date)
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0]
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(date.slice(0, 7)))
    throw new RangeError(`"${date}" is not a YYYY-MM-DD date`)
  return { year, month, day }
}

const formatMonth = (year: number, month: number): Month =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`

export const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

export function daysInMonth(month: Month): number {
  const { year, month: m } = parseMonth(month)
  if (m === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(m) ? 30 : 31
}

export function monthOf(date: BusinessDate): Month {
  parseDate(date)
  return date.slice(0, 7)
}

export function addMonths(month: Month, count: number): Month {
  assertCount(Math.abs(count), 'month offset')
  const { year, month: m } = parseMonth(month)
  const index = year * 12 + (m - 1) + count
  if (index < 0 || index >= 10_000 * 12) throw new RangeError(`${month} + ${count} months is out of range`)
  return formatMonth(Math.floor(index / 12), (index % 12) + 1)
}

/** Months from `first` to `last` inclusive; empty when last < first. */
export function monthsFromTo(first: Month, last: Month): Month[] {
  parseMonth(first)
  parseMonth(last)
  const months: Month[] = []
  for (let month = first; month <= last; month = addMonths(month, 1)) months.push(month)
  return months
}

/** Days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return epochDay(to) - epochDay(from)
}

function epochDay(date: BusinessDate): number {
  const { year, month, day } = parseDate(date)
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day)
  return utc.getTime() / 86_400_000
}

// ── periods and who pays ────────────────────────────────────────────────────────────────────────────

export const BILLING_CYCLES = ['monthly', 'quarterly', 'yearly'] as const
export type BillingCycle = (typeof BILLING_CYCLES)[number]

/** A billing period as an inclusive range of months. */
export interface BillingPeriod {
  first: Month
  last: Month
}

const CYCLE_MONTHS: Record<BillingCycle, number> = { monthly: 1, quarterly: 3, yearly: 12 }

/** The calendar period holding `month`: the month itself, its quarter (Q1 = Jan–Mar) or its calendar year. */
export function billingPeriodOf(cycle: BillingCycle, month: Month): BillingPeriod {
  const length = CYCLE_MONTHS[cycle]
  if (length === undefined) throw new RangeError(`unknown billing cycle ${JSON.stringify(cycle)}`)
  const { year, month: m } = parseMonth(month)
  const firstMonth = m - ((m - 1) % length)
  return { first: formatMonth(year, firstMonth), last: formatMonth(year, firstMonth + length - 1) }
}

/**
 * The periods billed from `first` to `last` inclusive, each cut to that range: owner charging from 2025-04
 * on a yearly cycle gives 2025-04…2025-12, then whole years.
 */
export function billingPeriods(cycle: BillingCycle, first: Month, last: Month): BillingPeriod[] {
  parseMonth(first)
  parseMonth(last)
  const periods: BillingPeriod[] = []
  for (let month = first; month <= last; ) {
    const period = billingPeriodOf(cycle, month)
    const end = period.last < last ? period.last : last
    periods.push({ first: month, last: end })
    month = addMonths(end, 1)
  }
  return periods
}

/** The developer pays to the end of the delivery month; the owner from the next (北京 22, 上海 49, 青岛 51). */
export const ownerChargedFrom = (deliveredOn: BusinessDate): Month => addMonths(monthOf(deliveredOn), 1)

export type Payer = 'developer' | 'owner'

/** Who is billed for a month: the developer while a unit is unsold or undelivered (条例 41) and through the delivery month. */
export function payerForMonth(deliveredOn: BusinessDate | null, month: Month): Payer {
  parseMonth(month)
  if (deliveredOn === null) return 'developer'
  return month >= ownerChargedFrom(deliveredOn) ? 'owner' : 'developer'
}

// ── pro-rating by days ──────────────────────────────────────────────────────────────────────────────

/** amount × days ÷ daysInMonth, rounded once: days are 0…daysInMonth of that month. */
export function prorateByDays(
  amountFen: number,
  days: number,
  month: Month,
  mode: RoundingMode = DEFAULT_ROUNDING,
): number {
  assertFen(amountFen, 'amount')
  const monthDays = daysInMonth(month)
  assertCount(days, 'days')
  if (days > monthDays) throw new RangeError(`${month} has ${monthDays} days, not ${days}`)
  return toFen(divideRounded(BigInt(amountFen) * BigInt(days), BigInt(monthDays), mode))
}

/** Days of `month` after the last served day: all of them if service ended before it, none if after. */
export function unservedDays(month: Month, lastServedOn: BusinessDate): number {
  const served = monthOf(lastServedOn)
  if (served < month) return daysInMonth(month)
  if (served > month) return 0
  return daysInMonth(month) - parseDate(lastServedOn).day
}

/**
 * 纠纷解释 3: a prepaid month cut short by the end of service. The refund is pro-rated by unserved days
 * (one rounding) and the kept part is the rest, so kept + refund = the month's amount exactly.
 */
export function refundForMonth(
  monthlyFen: number,
  month: Month,
  lastServedOn: BusinessDate,
  mode: RoundingMode = DEFAULT_ROUNDING,
): { keptFen: number; refundFen: number; unservedDays: number } {
  const days = unservedDays(month, lastServedOn)
  const refundFen = prorateByDays(monthlyFen, days, month, mode)
  return { keptFen: monthlyFen - refundFen, refundFen, unservedDays: days }
}

/** A month's amount spread over its days (largest remainder: earlier days take the spare fen); sums exactly. */
export function splitOverDays(amountFen: number, month: Month): number[] {
  const days = Array.from(
    { length: daysInMonth(month) },
    (_, i): SplitPart => ({ key: `${month}-${String(i + 1).padStart(2, '0')}`, weight: 1n }),
  )
  return splitByLargestRemainder(amountFen, days).map((share) => share.fen)
}

// ── vacancy ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * A community's vacancy rule (configured only where one exists, e.g. 前期 stage in 滨州): a month throughout
 * which the unit has been vacant for more than `minVacantMonths` months pays `payPercentBp` of the standard.
 */
export interface VacancyRule {
  minVacantMonths: number
  payPercentBp: number
}

/** 滨州 38: vacant > 6 months in the 前期 stage pays at most 60% of the standard. */
export const BINZHOU_VACANCY_RULE: VacancyRule = { minVacantMonths: 6, payPercentBp: 6000 }

/**
 * Whole months a unit had been vacant when `month` began (vacant from `vacantSince`, its first vacant day).
 * At least N means every day of `month` lies more than N months into the vacancy.
 */
export function vacantMonthsBefore(vacantSince: BusinessDate, month: Month): number {
  const since = parseDate(vacantSince)
  const { year, month: m } = parseMonth(month)
  const months = (year - since.year) * 12 + (m - since.month) - (since.day > 1 ? 1 : 0)
  return Math.max(0, months)
}

export interface VacancyLine {
  standardFen: number
  payFen: number
  /** A separate line: payFen + discountFen = standardFen exactly. */
  discountFen: number
  applied: boolean
}

/**
 * The vacancy discount on a standard line. The pay part is rounded down so it never exceeds the rule's
 * percentage ("at most 60%"); the discount is the rest of the standard. No rule, or not vacant long enough:
 * no discount (elsewhere vacancy is no reason to pay less).
 */
export function applyVacancyRule(
  standardFen: number,
  rule: VacancyRule | null,
  vacantSince: BusinessDate | null,
  month: Month,
): VacancyLine {
  assertFen(standardFen, 'standard amount')
  if (rule !== null) {
    assertCount(rule.minVacantMonths, 'minVacantMonths')
    assertCount(rule.payPercentBp, 'payPercentBp')
    if (rule.payPercentBp > 10_000) throw new RangeError('payPercentBp must be at most 10000 (100%)')
  }
  parseMonth(month)
  if (vacantSince !== null) parseDate(vacantSince)
  // Vacant throughout the month: since its first day at the latest, and long enough before it began.
  const applied =
    rule !== null &&
    vacantSince !== null &&
    vacantSince <= `${month}-01` &&
    vacantMonthsBefore(vacantSince, month) >= rule.minVacantMonths
  if (!applied) return { standardFen, payFen: standardFen, discountFen: 0, applied: false }
  const payFen = toFen((BigInt(standardFen) * BigInt(rule.payPercentBp)) / 10_000n)
  return { standardFen, payFen, discountFen: standardFen - payFen, applied: true }
}

// ── late fees (违约金) ───────────────────────────────────────────────────────────────────────────────

/** Only where the contract provides one: no terms, no late fee. */
export interface LateFeeTerms {
  /** Simple daily rate on the overdue principal, in basis points per day (万分之五 = 5). */
  dailyRateBp: number
  /** Never more than this share of the principal (e.g. 3000 = 30%); absent: no cap. */
  capBp?: number
}

/** 585 / 合同编通则解释 65: more than 30% above the loss is treated as excessive — a common cap setting. */
export const EXCESSIVE_LATE_FEE_BP = 3000

export interface LateFee {
  feeFen: number
  /** What the daily rate alone gives, rounded once. */
  uncappedFen: number
  capped: boolean
}

/** Days past the due date (0 on or before it: the due date itself is still on time). */
export const daysOverdue = (dueOn: BusinessDate, asOf: BusinessDate): number =>
  Math.max(0, daysBetween(dueOn, asOf))

/**
 * principal × dailyRateBp × days ÷ 10000, rounded once; with a cap, at most floor(principal × capBp ÷ 10000)
 * (the whole fen not above the cap), and `capped` says the cap cut it.
 */
export function lateFee(
  principalFen: number,
  overdueDays: number,
  terms: LateFeeTerms | null = null,
  mode: RoundingMode = DEFAULT_ROUNDING,
): LateFee {
  assertFen(principalFen, 'principal')
  assertCount(overdueDays, 'overdue days')
  if (terms === null) return { feeFen: 0, uncappedFen: 0, capped: false }
  assertCount(terms.dailyRateBp, 'dailyRateBp')
  const principal = BigInt(principalFen)
  const uncappedFen = toFen(
    divideRounded(principal * BigInt(terms.dailyRateBp) * BigInt(overdueDays), 10_000n, mode),
  )
  if (terms.capBp === undefined) return { feeFen: uncappedFen, uncappedFen, capped: false }
  assertCount(terms.capBp, 'capBp')
  const capFen = toFen((principal * BigInt(terms.capBp)) / 10_000n)
  return uncappedFen > capFen
    ? { feeFen: capFen, uncappedFen, capped: true }
    : { feeFen: uncappedFen, uncappedFen, capped: false }
}

// ── allocating a payment ────────────────────────────────────────────────────────────────────────────

export interface OpenBill {
  id: string
  period: Month
  /** The fee item's position in the community's list: orders bills of one period. */
  itemOrder: number
  openFen: number
}

export interface PrepaymentLimit {
  /** The unit's regular monthly charge. */
  monthlyFen: number
  /** How far ahead a unit may prepay (郑州 42: 12). 0: no prepayment. */
  maxMonthsAhead: number
  /** Prepaid balance already held for the unit. */
  balanceFen: number
}

export const ZHENGZHOU_MAX_PREPAID_MONTHS = 12

export interface AllocationRequest {
  paymentFen: number
  bills: readonly OpenBill[]
  /** Pay only these bills (still oldest first among them); absent: all open bills, oldest first. */
  chosenBillIds?: readonly string[]
  prepayment: PrepaymentLimit
}

export interface Allocation {
  billId: string
  fen: number
}

export interface AllocationResult {
  /** Bills that received money, in the order they were paid; each at most its open amount. */
  allocations: Allocation[]
  /** Added to the prepaid balance, within the months-ahead cap. */
  prepaidFen: number
  /** Beyond the cap: refused and handed back, never kept silently. */
  excessFen: number
}

/** Oldest first: by period, then fee item order, then bill id (so equal bills still have one order). */
export function compareBillAge(a: OpenBill, b: OpenBill): number {
  if (a.period !== b.period) return a.period < b.period ? -1 : 1
  if (a.itemOrder !== b.itemOrder) return a.itemOrder - b.itemOrder
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Applies a payment to open bills oldest first (or to the chosen bills only, oldest first among them). A
 * partial payment leaves the remainder on the oldest bill still unpaid. What is left after the bills goes to
 * prepayment up to monthlyFen × maxMonthsAhead − balance; the rest is excess.
 * sum(allocations) + prepaidFen + excessFen === paymentFen, always.
 */
export function allocatePayment(request: AllocationRequest): AllocationResult {
  const { paymentFen, bills, chosenBillIds, prepayment } = request
  assertFen(paymentFen, 'payment')
  const byId = new Map<string, OpenBill>()
  for (const bill of bills) {
    if (byId.has(bill.id)) throw new RangeError(`duplicate bill id "${bill.id}"`)
    parseMonth(bill.period)
    assertCount(bill.itemOrder, `itemOrder of bill "${bill.id}"`)
    assertFen(bill.openFen, `open amount of bill "${bill.id}"`)
    byId.set(bill.id, bill)
  }
  let targets: OpenBill[] = [...bills]
  if (chosenBillIds !== undefined) {
    if (new Set(chosenBillIds).size !== chosenBillIds.length) throw new RangeError('a bill is chosen twice')
    targets = chosenBillIds.map((id) => {
      const bill = byId.get(id)
      if (!bill) throw new RangeError(`chosen bill "${id}" is not among the open bills`)
      return bill
    })
  }

  let left = paymentFen
  const allocations: Allocation[] = []
  for (const bill of targets.sort(compareBillAge)) {
    if (left === 0) break
    const fen = Math.min(left, bill.openFen)
    if (fen === 0) continue
    allocations.push({ billId: bill.id, fen })
    left -= fen
  }
  const prepaidFen = Math.min(left, prepaymentRoom(prepayment))
  return { allocations, prepaidFen, excessFen: left - prepaidFen }
}

/** How much more may be prepaid: monthly × months ahead, less the balance already held (never below 0). */
export function prepaymentRoom(limit: PrepaymentLimit): number {
  assertFen(limit.monthlyFen, 'monthly charge')
  assertCount(limit.maxMonthsAhead, 'maxMonthsAhead')
  assertFen(limit.balanceFen, 'prepaid balance')
  const room = BigInt(limit.monthlyFen) * BigInt(limit.maxMonthsAhead) - BigInt(limit.balanceFen)
  return room <= 0n ? 0 : toFen(room)
}

// ── aging ───────────────────────────────────────────────────────────────────────────────────────────

export const AGING_BUCKETS = ['upTo30', 'from31To90', 'from91To180', 'from181To365', 'over365'] as const
/** Days past due: 1–30, 31–90, 91–180, 181–365, 366 and more. */
export type AgingBucket = (typeof AGING_BUCKETS)[number]

/** The bucket of an amount `days` past due; null when it is not overdue yet (0 days or fewer). */
export function agingBucket(days: number): AgingBucket | null {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`)
  if (days <= 0) return null
  if (days <= 30) return 'upTo30'
  if (days <= 90) return 'from31To90'
  if (days <= 180) return 'from91To180'
  if (days <= 365) return 'from181To365'
  return 'over365'
}

export interface OpenAmount {
  dueOn: BusinessDate
  openFen: number
}

export interface AgingReport {
  buckets: Record<AgingBucket, number>
  /** Open but not yet past due. */
  notDueFen: number
  /** notDueFen + every bucket: all open amounts given. */
  totalFen: number
}

export function ageOpenAmounts(amounts: readonly OpenAmount[], asOf: BusinessDate): AgingReport {
  const buckets = Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>
  let notDue = 0n
  let total = 0n
  for (const { dueOn, openFen } of amounts) {
    assertFen(openFen, 'open amount')
    const bucket = agingBucket(daysBetween(dueOn, asOf))
    if (bucket === null) notDue += BigInt(openFen)
    else buckets[bucket] = toFen(BigInt(buckets[bucket]) + BigInt(openFen))
    total += BigInt(openFen)
  }
  return { buckets, notDueFen: toFen(notDue), totalFen: toFen(total) }
}

// ── collection ratios ───────────────────────────────────────────────────────────────────────────────

/** numerator ÷ denominator in basis points, rounded down; null when the denominator is 0. */
export function ratioBp(numeratorFen: number, denominatorFen: number): number | null {
  assertFen(numeratorFen, 'numerator')
  assertFen(denominatorFen, 'denominator')
  if (denominatorFen === 0) return null
  const bp = (BigInt(numeratorFen) * 10_000n) / BigInt(denominatorFen)
  if (bp > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`ratio ${bp} bp is too large`)
  return Number(bp)
}

/** 收缴率: collected for the period ÷ billed for the period. */
export const collectionRateBp = (collectedFen: number, billedFen: number) => ratioBp(collectedFen, billedFen)

/** 清欠率: prior-year arrears recovered ÷ prior-year arrears open at the start of the year. */
export const arrearsRecoveryRateBp = (recoveredFen: number, priorArrearsFen: number) =>
  ratioBp(recoveredFen, priorArrearsFen)

/** 9537 → "95.37%"; null (nothing billed) stays null, for the caller to show as "—". */
export function formatPercentBp(bp: number | null): string | null {
  if (bp === null) return null
  assertCount(bp, 'basis points')
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`
}
