import { CITY_RULE_CODES } from '@meihao/contracts'
import type { CityRule } from '../../api/disclosure'
import { useI18n } from '../../i18n/I18nProvider'

const ALLOCATIONS = ['more_than_half', 'half_while_below_30pct', 'half_until_first_deposit', 'none'] as const
type Allocation = (typeof ALLOCATIONS)[number]

export const isCityRule = (value: string): value is CityRule =>
  (CITY_RULE_CODES as readonly string[]).includes(value)
const isAllocation = (value: string): value is Allocation =>
  (ALLOCATIONS as readonly string[]).includes(value)

/** The city whose rules a community follows (上海市, 国家…); an unknown code as it came. */
export function CityRuleText({ rule }: { rule: string }) {
  const { t } = useI18n()
  return <span data-city-rule={rule}>{isCityRule(rule) ? t(`cityRule.${rule}`) : rule}</span>
}

/** How much of a quarter's net public revenue the city sends to the maintenance fund, in words. */
export function AllocationText({ rule }: { rule: string }) {
  const { t } = useI18n()
  return <span data-allocation={rule}>{isAllocation(rule) ? t(`allocationRule.${rule}`) : rule}</span>
}
