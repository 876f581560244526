import type { FeeItem, FeeStandard } from '@meihao/contracts'

/** A month of the calendar, "2026-04". */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
/** A date, "2026-04-30". */
export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
/** 元 with up to 4 decimals, as the contract takes a rate ("2.80", "0.4500"). */
export const RATE = /^\d{1,9}(\.\d{1,4})?$/

const pad = (n: number) => String(n).padStart(2, '0')

/** This month in the browser's calendar, "2026-04". */
export const thisMonth = (now = new Date()) => `${now.getFullYear()}-${pad(now.getMonth() + 1)}`

/** The month before this one in the browser's calendar: the latest month that has ended. */
export const lastMonth = (now = new Date()) => thisMonth(new Date(now.getFullYear(), now.getMonth() - 1, 1))

/** Today in the browser's calendar, "2026-04-30". */
export const today = (now = new Date()) => `${thisMonth(now)}-${pad(now.getDate())}`

/** The first day of this year, "2026-01-01". */
export const firstOfYear = (now = new Date()) => `${now.getFullYear()}-01-01`

export const isMonth = (value: string | null | undefined): value is string => !!value && MONTH.test(value)
export const isDate = (value: string | null | undefined): value is string => !!value && DATE.test(value)

/**
 * A percent as typed ("60", "60.5", "100") → basis points (6000, 6050, 10000), read digit by digit;
 * null when it is not a percent from 0 to 100 with at most two decimals.
 */
export function percentToBp(text: string | null | undefined): number | null {
  const match = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec((text ?? '').trim().replace(/%$/, ''))
  if (!match) return null
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return bp <= 10_000 ? bp : null
}

/** Basis points as a percent to type again: 6000 → "60", 6050 → "60.5", 5 → "0.05". */
export function bpToPercent(bp: number): string {
  const whole = Math.floor(bp / 100)
  const rest = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  return rest ? `${whole}.${rest}` : String(whole)
}

/** The standard in force in `month` (the latest one starting at or before it); null before the first. */
export function standardIn(item: Pick<FeeItem, 'standards'>, month: string): FeeStandard | null {
  let found: FeeStandard | null = null
  for (const s of item.standards) {
    if (s.effectiveFrom <= month && (!found || s.effectiveFrom > found.effectiveFrom)) found = s
  }
  return found
}

/** The standards newest first (the history table). */
export const standardsNewestFirst = (item: Pick<FeeItem, 'standards'>) =>
  [...item.standards].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))

/** Sums whole fen exactly. */
export const sumFen = (values: readonly number[]) => values.reduce((sum, fen) => sum + fen, 0)

/** A whole percent for a progress bar of done / total (display only), 0–100. */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return done > 0 ? 100 : 0
  return Math.max(0, Math.min(100, Math.floor((done * 100) / total)))
}

/** Fen as yuan to type again: 25024 → "250.24", 12000 → "120.00". */
export function fenToYuanInput(fen: number): string {
  const abs = Math.abs(fen)
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** The years a report may be asked for: this one and the nine before it. */
export function recentYears(now = new Date(), count = 10): number[] {
  const year = now.getFullYear()
  return Array.from({ length: count }, (_, i) => year - i)
}

/** num ÷ den in basis points, rounded down as the server does (BigInt: sums of fen may be large); null for 0. */
export function ratioBp(numeratorFen: number, denominatorFen: number): number | null {
  if (!Number.isSafeInteger(numeratorFen) || !Number.isSafeInteger(denominatorFen) || denominatorFen <= 0)
    return null
  return Number((BigInt(Math.max(0, numeratorFen)) * 10_000n) / BigInt(denominatorFen))
}

/** The twelve months of a year, "2026-01" … "2026-12". */
export const monthsOf = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${String(year).padStart(4, '0')}-${String(i + 1).padStart(2, '0')}`)
