/** The rules of the 缴费 pages that need no browser: amounts in 元 typed by the owner, sums, due dates. */

export { formatFen, newIdempotencyKey } from '../ticket/rules'

/** At most this many digits of whole 元 (a hundred billion): far beyond any fee, well within safe integers. */
const YUAN_INPUT = /^(\d{1,11})(?:\.(\d{0,2}))?$/

/**
 * An amount the owner typed in 元 as integer fen, by its digits ("100.50" → 10050, "0.5" → 50): never
 * through a float. Blank is 0; anything else (more than two decimals, signs, letters) is null.
 */
export function parseYuan(input: string): number | null {
  const text = input.trim().replace(/[,，\s]/g, '')
  if (text === '') return 0
  const match = YUAN_INPUT.exec(text.startsWith('.') && text.length > 1 ? `0${text}` : text)
  if (!match) return null
  const whole = match[1] ?? '0'
  const fraction = (match[2] ?? '').padEnd(2, '0')
  return Number(whole) * 100 + Number(fraction)
}

/** The sum of integer fen amounts. */
export const sumFen = (amounts: readonly number[]) => amounts.reduce((sum, fen) => sum + fen, 0)

/** Today in the phone's own calendar, as the server writes dates: "2025-04-30". */
export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** A date from the server (a plain date or a timestamp) as "YYYY-MM-DD". */
export const dateOnly = (value: string) => value.slice(0, 10)

/** Still owing after the due date (compared as calendar dates, so time zones never shift it a day). */
export function isOverdue(bill: { dueOn: string; openFen: number }, today = localDate()): boolean {
  return bill.openFen > 0 && dateOnly(bill.dueOn) < today
}

/** The months a bill covers, as its two ends: one month stands alone. */
export function periodEnds(bill: { periodStart: string; periodEnd: string }): [string] | [string, string] {
  return bill.periodStart === bill.periodEnd ? [bill.periodStart] : [bill.periodStart, bill.periodEnd]
}
