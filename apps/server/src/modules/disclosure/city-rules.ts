import type { DisclosureType } from '@meihao/contracts'

/**
 * What the law of a community's city asks of its disclosures, public revenue and maintenance fund
 * (/work/shared/domain/disclosure-and-funds.md). Pure data: a community's settings choose which city's set
 * applies (by default the one of its division code); the figures themselves are the law, not settings.
 */

export const CITY_RULES = ['national', 'shanghai', 'beijing', 'huzhou', 'hangzhou'] as const
export type CityRule = (typeof CITY_RULES)[number]
export const CITY_RULE_NAMES: Readonly<Record<CityRule, string>> = {
  national: '国家',
  shanghai: '上海市',
  beijing: '北京市',
  huzhou: '湖州市',
  hangzhou: '杭州市',
}

/** How often an item must be renewed: kept current, every N months, or within N days of an event. */
export type Cadence =
  | { kind: 'continuous' }
  | { kind: 'periodic'; months: 3 | 6 | 12 }
  | { kind: 'event'; withinDays: number }

/**
 * How much of a quarter's net public revenue must go to the maintenance fund:
 * - `more_than_half`: more than 50% of each quarter's net (上海);
 * - `half_while_below_30pct`: at least 50% while the fund is below 30% of the first deposits (北京);
 * - `half_until_first_deposit`: at least 50% until the fund reaches the first-deposit total (湖州, 杭州);
 * - `none`: no share is fixed by law; the owners decide all of it.
 */
export type AllocationRule = 'more_than_half' | 'half_while_below_30pct' | 'half_until_first_deposit' | 'none'

export interface CityProfile {
  rule: CityRule
  cadences: Partial<Record<DisclosureType, Cadence>>
  /** Days a published item stays up at least, by kind of cadence. */
  minDisplayDays: { periodic: number; general: number }
  allocation: AllocationRule
  /** Share of the first deposits that emergency spending may use in all, in percent; null: no cap. */
  emergencyCapPercent: number | null
  /** Days after a period ends within which its periodic disclosure is due. */
  graceDays: number
  /**
   * What follows a sub-account's fall below the 30% line, where the city says: without an owners' decision
   * on topping up within `decideWithinDays`, the owner tops up to `toPercent` of the first deposit (上海).
   */
  topUp: { decideWithinDays: number; toPercent: number } | null
}

const CONTINUOUS: Cadence = { kind: 'continuous' }
const BASE_CADENCES: Partial<Record<DisclosureType, Cadence>> = {
  service_items: CONTINUOUS,
  responsible_people: CONTINUOUS,
  quality_standards: CONTINUOUS,
  fee_standards: CONTINUOUS,
  handover_inspection: CONTINUOUS,
  performance_report: { kind: 'periodic', months: 12 },
  // 165号令 第30条: the fund's accounts at least once a year.
  fund_statement: { kind: 'periodic', months: 12 },
  public_revenue_statement: { kind: 'periodic', months: 12 },
  assembly_decision: { kind: 'event', withinDays: 3 },
  committee_decision: { kind: 'event', withinDays: 3 },
  audit: { kind: 'periodic', months: 12 },
}

const profile = (rule: CityRule, over: Partial<Omit<CityProfile, 'rule'>>): CityProfile => ({
  rule,
  cadences: { ...BASE_CADENCES, ...over.cadences },
  minDisplayDays: over.minDisplayDays ?? { periodic: 30, general: 5 },
  allocation: over.allocation ?? 'none',
  emergencyCapPercent: over.emergencyCapPercent ?? null,
  graceDays: over.graceDays ?? 30,
  topUp: over.topUp ?? null,
})

export const CITY_PROFILES: Readonly<Record<CityRule, CityProfile>> = {
  national: profile('national', {}),
  // 上海 第26、51、65–67、73条: the fund every 6 months, public revenue quarterly, > 50% of it to the fund;
  // below 30%, a top-up to 50% of the first deposit unless the owners decide otherwise within 90 days.
  shanghai: profile('shanghai', {
    cadences: {
      fund_statement: { kind: 'periodic', months: 6 },
      public_revenue_statement: { kind: 'periodic', months: 3 },
    },
    allocation: 'more_than_half',
    topUp: { decideWithinDays: 90, toPercent: 50 },
  }),
  // 北京 第37、45、70、74、81–84条.
  beijing: profile('beijing', {
    cadences: { public_revenue_statement: { kind: 'periodic', months: 6 } },
    allocation: 'half_while_below_30pct',
  }),
  // 湖州 第31、44–47条: public revenue every 6 months; emergency use capped at 10% of the first deposits.
  huzhou: profile('huzhou', {
    cadences: { public_revenue_statement: { kind: 'periodic', months: 6 } },
    allocation: 'half_until_first_deposit',
    emergencyCapPercent: 10,
  }),
  // 杭州 第29、60条.
  hangzhou: profile('hangzhou', {
    cadences: { public_revenue_statement: { kind: 'periodic', months: 6 } },
    allocation: 'half_until_first_deposit',
  }),
}

/** The city of a GB/T 2260 county-level code (its first four digits name the prefecture). */
export function cityRuleOf(divisionCode: string): CityRule {
  const prefecture = divisionCode.slice(0, 4)
  if (prefecture === '3101') return 'shanghai'
  if (prefecture === '1101') return 'beijing'
  if (prefecture === '3305') return 'huzhou'
  if (prefecture === '3301') return 'hangzhou'
  return 'national'
}
