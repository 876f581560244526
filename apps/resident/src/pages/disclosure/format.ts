import type {
  DisclosureType,
  EmergencyCategory,
  FundEntryKind,
  RevenueEntryKind,
  RevenueSource,
} from '../../api/types'
import { getLanguage, t } from '../../i18n'
import { formatFen } from '../ticket/rules'
import { quarterParts } from './rules'

export * from './rules'
export { formatFen }

export const typeLabel = (type: DisclosureType) => t(`disclosure.type.${type}`)
export const revenueKindLabel = (kind: RevenueEntryKind) => t(`revenue.kind.${kind}`)
export const fundEntryKindLabel = (kind: FundEntryKind) => t(`fundAccount.kind.${kind}`)

const REVENUE_SOURCES: readonly RevenueSource[] = [
  'lift_ads',
  'billboard_ads',
  'parking',
  'venue_rental',
  'telecom_rent',
  'other',
]
/** A source of public revenue; one the app does not know is shown as the server wrote it. */
export function sourceLabel(source: string): string {
  return (REVENUE_SOURCES as readonly string[]).includes(source)
    ? t(`revenue.source.${source as RevenueSource}`)
    : source
}

// The contracts' list, typed against it (the app takes no values from the contracts, only types).
const EMERGENCIES: readonly EmergencyCategory[] = [
  'water_supply',
  'lift_stopped',
  'fire_system',
  'facade_falling',
  'roof_leak',
  'other_safety',
]
/** 应急: which failure allowed the fund to be used without a vote. */
export function emergencyLabel(category: string): string {
  return (EMERGENCIES as readonly string[]).includes(category)
    ? t(`fund.emergency.${category as EmergencyCategory}`)
    : category
}

const ALLOCATION_RULES = [
  'more_than_half',
  'half_while_below_30pct',
  'half_until_first_deposit',
  'none',
] as const
/** How much of a quarter's net the city sends to the maintenance fund, in words. */
export function allocationLabel(rule: string): string {
  return (ALLOCATION_RULES as readonly string[]).includes(rule)
    ? t(`revenue.rule.${rule as (typeof ALLOCATION_RULES)[number]}`)
    : rule
}

const FEE_KINDS = [
  'area',
  'per_space',
  'fixed',
  'metered',
  'shared',
  'one_off',
  'deposit',
  'late_fee',
] as const
type FeeKindKey = (typeof FEE_KINDS)[number]
const isFeeKind = (kind: string): kind is FeeKindKey => (FEE_KINDS as readonly string[]).includes(kind)
export const feeKindLabel = (kind: string) => (isFeeKind(kind) ? t(`disclosure.feeKind.${kind}`) : kind)
/** "2.80 元/m²/月": the rate exactly as billing holds it, with its unit. */
export function rateText(rate: string, kind: string): string {
  return isFeeKind(kind) ? t(`disclosure.rate.${kind}`, { rate }) : t('disclosure.rate.plain', { rate })
}
const CYCLES = ['monthly', 'quarterly', 'yearly'] as const
export const cycleLabel = (cycle: string) =>
  (CYCLES as readonly string[]).includes(cycle)
    ? t(`disclosure.fee.cycle.${cycle as (typeof CYCLES)[number]}`)
    : ''
const AREA_BASES = ['building', 'exclusive'] as const
export const areaBasisLabel = (basis: string) =>
  (AREA_BASES as readonly string[]).includes(basis)
    ? t(`disclosure.fee.areaBasis.${basis as (typeof AREA_BASES)[number]}`)
    : ''

/** "2026年第1季度" / "Q1 2026"; anything else as it is. */
export function quarterLabel(quarter: string, short = false): string {
  const parts = quarterParts(quarter)
  if (!parts) return quarter
  return t(short ? 'revenue.quarterShort' : 'revenue.quarter', parts)
}

/** A calendar date (YYYY-MM-DD) as it is, whatever the reader's time zone. */
export function formatDay(date: string): string {
  const day = date.slice(0, 10)
  const parsed = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime())) return date
  return new Intl.DateTimeFormat(getLanguage(), { dateStyle: 'medium', timeZone: 'UTC' }).format(parsed)
}

/** A moment (ISO) as a date in the reader's own time zone. */
export function formatMomentDay(iso: string): string {
  const parsed = new Date(iso)
  if (Number.isNaN(parsed.getTime())) return iso
  return new Intl.DateTimeFormat(getLanguage(), { dateStyle: 'medium' }).format(parsed)
}

/** The period an item covers: both ends, one end, or nothing. */
export function periodText(from: string | null, to: string | null): string | null {
  if (from && to) return t('disclosure.periodRange', { from: formatDay(from), to: formatDay(to) })
  if (from) return t('disclosure.periodFrom', { from: formatDay(from) })
  if (to) return t('disclosure.periodTo', { to: formatDay(to) })
  return null
}
