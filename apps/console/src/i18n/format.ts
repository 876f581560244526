import type { Language } from './translate'

/** A timestamp from the API (ISO text) in the reader's language; the text itself when unparseable. */
export function formatDateTime(lang: Language, iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** Groups the digits of a whole number in threes: 1234567 → "1,234,567". */
const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** An amount of integer fen as yuan: 123456 → "¥1,234.56". Integer arithmetic only, never floats. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '—'
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return `${fen < 0 ? '-' : ''}¥${grouped(String(yuan))}.${cents}`
}

/**
 * Yuan as typed ("120", "120.5", "1,200.05", "¥80") → integer fen, read digit by digit (no float
 * multiplication: 19.99 × 100 is 1998.9999… in floating point). Null when it is not an amount with at
 * most two decimals.
 */
export function yuanToFen(text: string | null | undefined): number | null {
  const cleaned = (text ?? '')
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/,/g, '')
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(cleaned)
  if (!match) return null
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(fen) ? fen : null
}

/** Basis points as a percent with two decimals: 9235 → "92.35%", 10000 → "100.00%"; null → "—". */
export function formatBp(bp: number | null | undefined): string {
  if (bp === null || bp === undefined || !Number.isSafeInteger(bp)) return '—'
  const abs = Math.abs(bp)
  return `${bp < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`
}
