import {
  DISCLOSURE_TYPES,
  type DisclosureType,
  type FundStatementContent,
  GENERATED_TYPES,
  type RevenueStatementContent,
} from '@meihao/contracts'

const pad = (n: number) => String(n).padStart(2, '0')

/** The quarter a date ("2026-05-14") falls in: "2026-Q2". */
export function quarterOfDate(date: string): string {
  const month = Number(date.slice(5, 7))
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`
}

/** The quarter `back` quarters before the one `now` is in (0: this quarter, 1: the last one that ended). */
export function quarterBefore(now: Date, back: number): string {
  const index = now.getFullYear() * 4 + Math.floor(now.getMonth() / 3) - back
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

/** This quarter and the `count` − 1 before it, newest first. */
export const recentQuarters = (now: Date, count: number) =>
  Array.from({ length: count }, (_, back) => quarterBefore(now, back))

/**
 * The last half-year that has ended, for a fund statement (上海: every six months): in July–December the
 * first half of this year, in January–June the second half of last year.
 */
export function lastHalfYear(now: Date): { from: string; to: string } {
  const year = now.getFullYear()
  return now.getMonth() >= 6
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year - 1}-07-01`, to: `${year - 1}-12-31` }
}

/** Integer fen as 元 to type again, without ¥ or grouping: 12000 → "120.00". */
export function fenToYuanText(fen: number): string {
  const abs = Math.abs(fen)
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${pad(abs % 100)}`
}

/** An area in hundredths of a m², as the server counts it ("600000"), as m² text: "6000.00". */
export function hundredthsToArea(hundredths: string): string {
  const digits = /^\d+$/.test(hundredths) ? hundredths.replace(/^0+(?=\d)/, '') : '0'
  const whole = digits.length > 2 ? digits.slice(0, -2) : '0'
  return `${whole}.${digits.slice(-2).padStart(2, '0')}`
}

/** Types a person writes; the fee standards and the fund and revenue statements come from the books. */
export const MANUAL_TYPES: readonly DisclosureType[] = DISCLOSURE_TYPES.filter(
  (t) => !GENERATED_TYPES.includes(t),
)

/** Types that cannot be published without the period they cover. */
export const PERIOD_REQUIRED_TYPES: readonly DisclosureType[] = [
  'performance_report',
  'audit',
  'budget_accounts',
]

/** Item kinds a revenue "use" may be approved under (民法典 278 items 五 and 九); fund projects: 五 only. */
export const REVENUE_USE_ITEMS: readonly number[] = [5, 9]
export const FUND_USE_ITEMS: readonly number[] = [5]

// ── generated content (the server writes it; the statements' shapes live in the contracts) ──

export interface FeeStandardsContent {
  items: {
    code: string
    name: string
    kind: string
    cycle: string
    areaBasis: string
    rate: string | null
    effectiveFrom: string | null
    lateFee: { dailyRateBp: number; graceDays: number; capBp?: number | null } | null
  }[]
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const hasArray = (v: Record<string, unknown>, key: string) => Array.isArray(v[key])
const hasNumbers = (v: Record<string, unknown>, ...keys: string[]) =>
  keys.every((k) => typeof v[k] === 'number')

/** The content of a generated item in the shape its type is written in; null when it is not that shape. */
export type GeneratedContent =
  | { type: 'fee_standards'; content: FeeStandardsContent }
  | { type: 'fund_statement'; content: FundStatementContent }
  | { type: 'public_revenue_statement'; content: RevenueStatementContent }

export function generatedContent(type: DisclosureType, content: unknown): GeneratedContent | null {
  if (!isObject(content)) return null
  if (type === 'fee_standards' && hasArray(content, 'items'))
    return { type, content: content as unknown as FeeStandardsContent }
  if (
    type === 'fund_statement' &&
    hasArray(content, 'projects') &&
    hasArray(content, 'units') &&
    hasNumbers(content, 'openingFen', 'closingFen')
  )
    return { type, content: content as unknown as FundStatementContent }
  if (
    type === 'public_revenue_statement' &&
    hasArray(content, 'entries') &&
    isObject(content.bySource) &&
    hasNumbers(content, 'incomeFen', 'costFen', 'netFen')
  )
    return { type, content: content as unknown as RevenueStatementContent }
  return null
}
