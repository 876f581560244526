import type { AllocationRule } from './city-rules'

/**
 * Maintenance-fund and public-revenue arithmetic (民法典 282–283, 165号令). Pure and exact: money in integer
 * fen, areas in integer hundredths of a m², bigint wherever a product could pass 2^53.
 */

const assertFen = (fen: number, what: string) => {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`${what} must be whole fen ≥ 0, got ${fen}`)
}

/**
 * A unit's first deposit: building area × the rate per m² of its building type, rounded half up once.
 * E.g. 90.00 m² at 120.00 元/m² → 10,800.00 元.
 */
export function firstDepositFen(buildingAreaHundredths: bigint, rateFenPerM2: number): number {
  assertFen(rateFenPerM2, 'rate')
  if (buildingAreaHundredths <= 0n) throw new RangeError('building area must be positive')
  const exact = buildingAreaHundredths * BigInt(rateFenPerM2)
  return Number((exact + 50n) / 100n)
}

/** 30% of the first deposit: a sub-account strictly below it is flagged for top-up (续筹). */
export const TOP_UP_PERCENT = 30

export function needsTopUp(balanceFen: number, firstDepositFen: number): boolean {
  return firstDepositFen > 0 && BigInt(balanceFen) * 100n < BigInt(firstDepositFen) * BigInt(TOP_UP_PERCENT)
}

/** The line itself, for display: 30% of the first deposit, rounded up to the fen (a balance on it is fine). */
export function topUpLineFen(firstDepositFen: number): number {
  return Number((BigInt(firstDepositFen) * BigInt(TOP_UP_PERCENT) + 99n) / 100n)
}

/** A share of the first deposit, rounded up to the fen: what a top-up must reach (上海: 50%). */
export function percentOfFirstDepositFen(firstDepositFen: number, percent: number): number {
  assertFen(firstDepositFen, 'first deposit')
  return Number((BigInt(firstDepositFen) * BigInt(percent) + 99n) / 100n)
}

export interface FundTotals {
  /** Sum of the first deposits due of all units of the community. */
  firstDepositsFen: number
  balanceFen: number
}

/**
 * The least of a quarter's net public revenue that must go to the maintenance fund under the city's rule.
 * Nothing when the quarter made no net income. Examples (domain file): net 80,000.00 in 上海 → more than
 * 40,000.00, i.e. at least 40,000.01.
 */
export function minimumToFundFen(rule: AllocationRule, netFen: number, fund: FundTotals): number {
  if (!Number.isSafeInteger(netFen)) throw new RangeError('net must be whole fen')
  assertFen(fund.firstDepositsFen, 'first deposits')
  assertFen(fund.balanceFen, 'fund balance')
  if (netFen <= 0) return 0
  const half = Math.ceil(netFen / 2)
  switch (rule) {
    case 'none':
      return 0
    // "More than 50%": one fen over half; an odd net's ceiling half already is more than half.
    case 'more_than_half':
      return netFen % 2 === 0 ? netFen / 2 + 1 : half
    case 'half_while_below_30pct':
      return BigInt(fund.balanceFen) * 100n < BigInt(fund.firstDepositsFen) * 30n ? half : 0
    case 'half_until_first_deposit': {
      const shortfall = fund.firstDepositsFen - fund.balanceFen
      return shortfall > 0 ? Math.min(half, shortfall) : 0
    }
  }
}

/**
 * The most a quarter's net may have to move to the fund when the quarter closes, whatever the fund holds
 * then: what an open quarter keeps back. 上海's share does not depend on the fund; 北京's and 湖州/杭州's
 * do, and spending from the fund before the close can make them due, so half is kept back.
 */
export function mostToFundFen(rule: AllocationRule, netFen: number): number {
  if (!Number.isSafeInteger(netFen)) throw new RangeError('net must be whole fen')
  if (netFen <= 0 || rule === 'none') return 0
  if (rule === 'more_than_half') return minimumToFundFen(rule, netFen, { firstDepositsFen: 0, balanceFen: 0 })
  return Math.ceil(netFen / 2)
}

/**
 * Emergency spending is capped in some cities at a share of the first deposits (湖州: 10%), over all
 * emergency projects of the community. Returns how much more may still be spent; null when there is no cap.
 */
export function emergencyRoomFen(
  capPercent: number | null,
  firstDepositsFen: number,
  spentFen: number,
): number | null {
  if (capPercent === null) return null
  const cap = Number((BigInt(firstDepositsFen) * BigInt(capPercent)) / 100n)
  return Math.max(0, cap - spentFen)
}

// ── quarters ────────────────────────────────────────────────────────────────────────────────────────

/** 'YYYY-Qn' → its first and last business dates. */
export function quarterDates(quarter: string): { from: string; to: string } {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter)
  if (!match) throw new RangeError(`not a quarter: ${quarter}`)
  const year = Number(match[1])
  const q = Number(match[2])
  const firstMonth = (q - 1) * 3 + 1
  const lastMonth = firstMonth + 2
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate()
  const mm = (m: number) => String(m).padStart(2, '0')
  return { from: `${year}-${mm(firstMonth)}-01`, to: `${year}-${mm(lastMonth)}-${lastDay}` }
}

/** The quarter a business date ('YYYY-MM-DD') falls in. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7))
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`
}
