import { areaToHundredths } from '../../platform/area'
import { splitByLargestRemainder } from '../billing/published'
import { needsTopUp } from './fund-math'

/**
 * A fund project's cost shared among the benefiting units by exclusive area (民法典 283), exactly:
 * shares are whole fen and sum to the cost. Rounding rule (largest remainder): each unit gets the floor
 * of cost × its area ÷ total area; the fen left over go one each to the units with the largest
 * remainders, ties to the lower unit code. So no share is ever a whole fen away from its exact value.
 *
 * Each share is paid from the unit's sub-account as far as its balance goes; the rest is the shortfall
 * its owner pays in (the developer, for unsold units). A sub-account left below 30% of its first deposit
 * is flagged for top-up.
 */

export interface ApportionUnit {
  id: string
  code: string
  exclusiveArea: string
  developerHeld: boolean
  balanceFen: number
  firstDepositFen: number
}

export interface ShareLine {
  unitId: string
  unitCode: string
  exclusiveArea: string
  developerHeld: boolean
  shareFen: number
  fromFundFen: number
  shortfallFen: number
  balanceFen: number
  balanceAfterFen: number
  needsTopUp: boolean
}

export interface ApportionResult {
  totalAreaHundredths: bigint
  lines: ShareLine[]
  developerFen: number
  developerUnits: number
  fromFundFen: number
  shortfallFen: number
  shortfallUnits: number
  topUpUnits: number
}

export function apportion(costFen: number, units: readonly ApportionUnit[]): ApportionResult {
  if (units.length === 0) throw new RangeError('a project needs at least one benefiting unit')
  const areas = units.map((u) => areaToHundredths(u.exclusiveArea))
  const shares = splitByLargestRemainder(
    costFen,
    units.map((u, i) => ({ key: u.code, weight: areas[i]! })),
  )
  const result: ApportionResult = {
    totalAreaHundredths: areas.reduce((sum, a) => sum + a, 0n),
    lines: [],
    developerFen: 0,
    developerUnits: 0,
    fromFundFen: 0,
    shortfallFen: 0,
    shortfallUnits: 0,
    topUpUnits: 0,
  }
  units.forEach((u, i) => {
    const shareFen = shares[i]!.fen
    const fromFundFen = Math.max(0, Math.min(shareFen, u.balanceFen))
    const balanceAfterFen = u.balanceFen - fromFundFen
    const line: ShareLine = {
      unitId: u.id,
      unitCode: u.code,
      exclusiveArea: u.exclusiveArea,
      developerHeld: u.developerHeld,
      shareFen,
      fromFundFen,
      shortfallFen: shareFen - fromFundFen,
      balanceFen: u.balanceFen,
      balanceAfterFen,
      needsTopUp: needsTopUp(balanceAfterFen, u.firstDepositFen),
    }
    result.lines.push(line)
    if (u.developerHeld) {
      result.developerFen += shareFen
      result.developerUnits += 1
    }
    result.fromFundFen += fromFundFen
    result.shortfallFen += line.shortfallFen
    if (line.shortfallFen > 0) result.shortfallUnits += 1
    if (line.needsTopUp) result.topUpUnits += 1
  })
  return result
}

/** 元 per m² of the benefiting area, to four places, for the apportionment's heading (display only). */
export function fenPerM2Text(costFen: number, totalAreaHundredths: bigint): string {
  if (totalAreaHundredths === 0n) return '0.0000'
  // (cost ÷ 100 元) ÷ (hundredths ÷ 100 m²) = cost ÷ hundredths 元/m²; × 10^4 for four places, half up.
  const scaled = (BigInt(costFen) * 10_000n + totalAreaHundredths / 2n) / totalAreaHundredths
  const whole = scaled / 10_000n
  const frac = (scaled % 10_000n).toString().padStart(4, '0')
  return `${whole}.${frac}`
}
