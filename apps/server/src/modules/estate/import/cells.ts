import { areaToHundredths, hundredthsToArea } from '../../../platform/area'

/** A cell as the readers hand it over: xlsx cells keep their type, CSV cells are always text. */
export type RawCell = string | number | boolean | Date | null

/** Why a cell was refused: a message code (ESTATE_IMPORT_*) and the values its text needs. */
export interface Refusal {
  code: string
  params?: Record<string, unknown>
}

export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & Refusal)

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const refuse = <T>(code: string, params?: Record<string, unknown>): Parsed<T> => ({
  ok: false,
  code,
  ...(params ? { params } : {}),
})

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** A date cell's calendar day. exceljs builds it at UTC midnight of the Excel serial, so UTC fields are the day shown. */
const utcDay = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`

/** The cell as trimmed text; numbers print as JavaScript's shortest round-trip form (101 → "101"). */
export function cellText(cell: RawCell): string {
  if (cell === null) return ''
  if (cell instanceof Date) return utcDay(cell)
  return String(cell).trim()
}

/**
 * An area in m² as a normalised decimal string ("89.40"), refused unless > 0 with at most 2 decimals.
 *
 * Numeric cells arrive as JavaScript numbers (IEEE-754 doubles, the same doubles Excel stores). We never compute
 * with them: we print the number with String(), which yields the SHORTEST decimal that reads back as the same
 * double. Every decimal of at most 15 significant digits has its own nearest double and prints back as itself,
 * so an area typed as 89.37 (at most 10 integer digits + 2 decimals = 12 significant digits, the range of
 * numeric(12,2)) becomes exactly "89.37". A double that is not such a short decimal (89.375, or 0.30000000000000004
 * from a formula) prints with more decimals and is refused, never rounded. From there on the area is a string
 * and arithmetic happens in integer hundredths.
 */
export function parseArea(cell: RawCell): Parsed<string> {
  const text = typeof cell === 'number' ? String(cell) : cellText(cell)
  const match = /^(\d{1,10})(?:\.(\d+))?$/.exec(text)
  if (!match) return refuse('ESTATE_IMPORT_AREA_INVALID')
  // Trailing zeros do not change the value: "89.370" is the 2-decimal area 89.37.
  const decimals = (match[2] ?? '').replace(/0+$/, '')
  if (decimals.length > 2) return refuse('ESTATE_IMPORT_AREA_DECIMALS')
  const hundredths = areaToHundredths(decimals ? `${match[1]}.${decimals}` : match[1]!)
  if (hundredths <= 0n) return refuse('ESTATE_IMPORT_AREA_INVALID')
  return ok(hundredthsToArea(hundredths))
}

const isCalendarDate = (text: string) => {
  const [y, m, d] = text.split('-').map((part) => Number.parseInt(part, 10)) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** A business date: 'YYYY-MM-DD' text or an Excel date cell; null when empty. */
export function parseDate(cell: RawCell): Parsed<string | null> {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? refuse('ESTATE_IMPORT_DATE_INVALID') : ok(utcDay(cell))
  // A bare number is a date serial that lost its date format, or not a date at all: refuse rather than guess.
  if (typeof cell === 'number') return refuse('ESTATE_IMPORT_DATE_INVALID')
  const text = cellText(cell)
  if (text === '') return ok(null)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !isCalendarDate(text)) return refuse('ESTATE_IMPORT_DATE_INVALID')
  return ok(text)
}

export const FLOOR_RANGE = { min: -10, max: 200 } as const

/** A whole floor number within FLOOR_RANGE; null when empty. */
export function parseFloor(cell: RawCell): Parsed<number | null> {
  const text = cellText(cell)
  if (text === '') return ok(null)
  if (!/^-?\d{1,3}$/.test(text)) return refuse('ESTATE_IMPORT_FLOOR_INVALID', FLOOR_RANGE)
  const floor = Number.parseInt(text, 10)
  if (floor < FLOOR_RANGE.min || floor > FLOOR_RANGE.max)
    return refuse('ESTATE_IMPORT_FLOOR_INVALID', FLOOR_RANGE)
  return ok(floor)
}

/** One of a fixed set of Chinese labels, as its key; `fallback` when empty. */
export function parseChoice<K extends string>(
  cell: RawCell,
  labels: Record<K, string>,
  fallback: K,
): Parsed<K> {
  const text = typeof cell === 'boolean' ? (cell ? '是' : '否') : cellText(cell)
  if (text === '') return ok(fallback)
  const key = (Object.keys(labels) as K[]).find((k) => labels[k] === text)
  return key ? ok(key) : refuse('ESTATE_IMPORT_CHOICE_INVALID', { allowed: Object.values(labels).join('、') })
}

/** Text of at most `max` characters; '' when empty (the caller decides whether that is allowed). */
export function parseText(cell: RawCell, max: number): Parsed<string> {
  const text = cellText(cell)
  return [...text].length > max ? refuse('ESTATE_IMPORT_TOO_LONG', { max }) : ok(text)
}

/**
 * An area string as the number an Excel cell holds, so exported areas add up in Excel. Exact by the argument
 * in parseArea: a decimal of at most 12 significant digits ("89.37") reads into the double nearest to it, and
 * that double prints back as exactly the same decimal, which is what the import does with a numeric cell
 * (cells.test.ts checks the round trip over the whole numeric(12,2) range). Nothing is computed with it.
 */
export const areaCellValue = (area: string): number => Number(area)
