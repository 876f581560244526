import {
  exactLineFen,
  formatRate,
  meteredUsage,
  type Rate,
  type Reading,
  type RoundingMode,
  roundFen,
  splitSharedCost,
  toFen,
} from './fee-math'

/**
 * The pure side of charges beyond the regular run (meter-, shared-charges-, one-off- and deposit-service.ts): meter readings checked and priced,
 * an import sheet checked row by row, a shared cost (公摊) split, paid repairs grouped into bills. No I/O.
 * Readings and areas are integer hundredths (bigint), money integer fen, as in fee-math.
 */

/** 123450n → "1234.50" (hundredths of a kWh, m³, m² or 元). */
export const formatHundredths = (value: bigint): string =>
  `${value / 100n}.${String(value % 100n).padStart(2, '0')}`

/** The current month ('YYYY-MM') in a time zone. */
export function currentMonthIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year').padStart(4, '0')}-${part('month')}`
}

// ── meter readings ──────────────────────────────────────────────────────────────────────────────────

/** Why a pair of readings cannot be billed: a message code and the figures its text names. */
export interface ReadingRefusal {
  code: 'BILLING_METER_READING_DOWN' | 'BILLING_METER_ABOVE_WRAP' | 'BILLING_METER_WRAP_INVALID'
  params: Record<string, string>
}

/**
 * The consumption between two readings, or why there is none: a reading that went down is refused unless
 * the meter's full scale (满量程) is given, and then both readings must lie below it.
 */
export function checkReadings(
  previous: Reading,
  current: Reading,
  wrapsAt: Reading | null,
): { ok: true; usage: Reading } | ({ ok: false } & ReadingRefusal) {
  if (wrapsAt !== null && wrapsAt <= 0n) return { ok: false, code: 'BILLING_METER_WRAP_INVALID', params: {} }
  if (wrapsAt !== null && (previous >= wrapsAt || current >= wrapsAt))
    return { ok: false, code: 'BILLING_METER_ABOVE_WRAP', params: { wrapsAt: formatHundredths(wrapsAt) } }
  if (current < previous && wrapsAt === null)
    return {
      ok: false,
      code: 'BILLING_METER_READING_DOWN',
      params: { previous: formatHundredths(previous), current: formatHundredths(current) },
    }
  return { ok: true, usage: meteredUsage(previous, current, wrapsAt ?? undefined) }
}

export interface MeteredCharge {
  usage: Reading
  /** (current − previous) × rate, rounded once with the standard's rounding. */
  amountFen: number
  /** The computation in figures the owner can check: "1234.50 → 1300.00 = 65.50 × 0.45". */
  basis: string
}

/** A reading priced at the standard's rate: the exact product rounded once (lineAmountFen). */
export function meteredCharge(
  reading: { previous: Reading; current: Reading; wrapsAt: Reading | null },
  standard: { rate: Rate; rounding: RoundingMode },
): MeteredCharge {
  const { previous, current, wrapsAt } = reading
  const usage = meteredUsage(previous, current, wrapsAt ?? undefined)
  const amountFen = roundFen(
    exactLineFen({
      kind: 'metered',
      rate: standard.rate,
      previous,
      current,
      ...(wrapsAt === null ? {} : { wrapsAt }),
    }),
    standard.rounding,
  )
  const wrap = wrapsAt !== null && current < previous ? `（满量程 ${formatHundredths(wrapsAt)}）` : ''
  return {
    usage,
    amountFen,
    basis: `${formatHundredths(previous)} → ${formatHundredths(current)}${wrap} = ${formatHundredths(usage)} × ${formatRate(standard.rate)}`,
  }
}

// ── the import sheet ────────────────────────────────────────────────────────────────────────────────

/** A cell as a reader hands it over: xlsx cells keep their type, CSV cells are text. */
export type RawCell = string | number | boolean | Date | null

/** One row as the spreadsheet numbers it (the first row is 1), cells from column A on. */
export interface SheetRow {
  row: number
  values: RawCell[]
}

export const METER_HEADERS = {
  unit: '房号',
  previous: '上期读数',
  current: '本期读数',
  readOn: '抄表日期',
  wrapsAt: '满量程',
} as const
type HeaderKey = keyof typeof METER_HEADERS
const REQUIRED_HEADERS: readonly HeaderKey[] = ['unit', 'current', 'readOn']

/** A refused cell: its row and column (the header as written) and a message code with its values. */
export interface RowRefusal {
  row: number
  column: string
  code: string
  params?: Record<string, unknown>
}

export interface CheckedReading {
  row: number
  unitId: string
  unitCode: string
  previous: Reading
  current: Reading
  wrapsAt: Reading | null
  readOn: string
}

/** What checking a sheet needs from the database, for the community, item and month imported. */
export interface SheetLookups {
  unitIdOf(code: string): string | undefined
  /** The unit's last current reading of the item before the month. */
  lastReadingOf(unitId: string): Reading | undefined
  /** Whether the unit already has a reading of the item for the month. */
  hasReading(unitId: string): boolean
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The cell as trimmed text; a date cell as its calendar day (exceljs builds it at UTC midnight). */
export function cellText(cell: RawCell): string {
  if (cell === null) return ''
  if (cell instanceof Date)
    return `${pad(cell.getUTCFullYear(), 4)}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`
  return String(cell).trim()
}

export const isBlankRow = (values: readonly RawCell[]) => values.every((v) => cellText(v) === '')

/**
 * A reading cell in hundredths; null when empty; undefined when it is not a reading. A numeric xlsx cell is
 * printed the shortest way that reads back as the same double (12345.6 → "12345.6") and then parsed as a
 * decimal: a typed reading is exact, a computed 0.30000000000000004 is refused rather than rounded.
 */
export function parseReadingCell(cell: RawCell): Reading | null | undefined {
  if (typeof cell === 'boolean' || cell instanceof Date) return undefined
  const text = typeof cell === 'number' ? String(cell) : cellText(cell)
  if (text === '') return null
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text)
  if (!match) return undefined
  const decimals = (match[2] ?? '').replace(/0+$/, '')
  if (decimals.length > 2) return undefined
  return BigInt(match[1]!) * 100n + BigInt(decimals.padEnd(2, '0'))
}

/** A date cell as 'YYYY-MM-DD' (also 2025/5/3 and 2025.5.3); null when empty; undefined when not a date. */
export function parseDateCell(cell: RawCell): string | null | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cellText(cell)
  // A bare number is a date serial that lost its format, or no date at all: refused, never guessed.
  if (typeof cell === 'number' || typeof cell === 'boolean') return undefined
  const text = cellText(cell)
  if (text === '') return null
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text)
  if (!match) return undefined
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

/** A header as its key: "本期读数（kWh）" and "房号*" are 本期读数 and 房号. */
function headerKey(cell: RawCell): HeaderKey | undefined {
  const text = cellText(cell)
    .replace(/[（(].*$/, '')
    .replace(/[*＊\s]/g, '')
  return (Object.keys(METER_HEADERS) as HeaderKey[]).find((k) => METER_HEADERS[k] === text)
}

/**
 * Checks every row of a month's readings before anything is written: the header (房号, 本期读数, 抄表日期
 * required; 上期读数 and 满量程 optional), then per row an unknown or repeated unit, a unit that already has
 * the month's reading, bad numbers and dates, an empty 上期读数 with no earlier reading to take it from, and
 * a reading that went down without a full scale. Every refusal is reported with its row and column.
 */
export function checkReadingSheet(
  rows: readonly SheetRow[],
  lookups: SheetLookups,
): { rows: number; readings: CheckedReading[]; refusals: RowRefusal[] } {
  const refusals: RowRefusal[] = []
  const readings: CheckedReading[] = []
  const filled = rows.filter((r) => !isBlankRow(r.values))
  const header = filled[0]
  if (!header) return { rows: 0, readings, refusals }
  const columns = new Map<HeaderKey, number>()
  header.values.forEach((cell, index) => {
    const key = headerKey(cell)
    if (!key) return
    if (columns.has(key))
      refusals.push({
        row: header.row,
        column: METER_HEADERS[key],
        code: 'BILLING_METER_IMPORT_HEADER_DUPLICATE',
        params: { header: METER_HEADERS[key] },
      })
    else columns.set(key, index)
  })
  for (const key of REQUIRED_HEADERS)
    if (!columns.has(key))
      refusals.push({
        row: header.row,
        column: METER_HEADERS[key],
        code: 'BILLING_METER_IMPORT_HEADER_MISSING',
        params: { header: METER_HEADERS[key] },
      })
  const data = filled.slice(1)
  if (refusals.length > 0) return { rows: data.length, readings, refusals }

  const seen = new Map<string, number>()
  for (const { row, values } of data) {
    const cell = (key: HeaderKey): RawCell => {
      const index = columns.get(key)
      return index === undefined ? null : (values[index] ?? null)
    }
    const before = refusals.length
    const refuse = (key: HeaderKey, code: string, params?: Record<string, unknown>) =>
      refusals.push({ row, column: METER_HEADERS[key], code, ...(params ? { params } : {}) })

    const code = cellText(cell('unit'))
    let unitId: string | undefined
    if (code === '') refuse('unit', 'BILLING_METER_IMPORT_REQUIRED')
    else if (seen.has(code))
      refuse('unit', 'BILLING_METER_IMPORT_DUPLICATE', { code, firstRow: seen.get(code) })
    else {
      seen.set(code, row)
      unitId = lookups.unitIdOf(code)
      if (!unitId) refuse('unit', 'BILLING_METER_IMPORT_UNIT_UNKNOWN', { code })
      else if (lookups.hasReading(unitId)) refuse('unit', 'BILLING_METER_IMPORT_EXISTS', { code })
    }
    const number = (key: HeaderKey, required: boolean): Reading | null | undefined => {
      const value = parseReadingCell(cell(key))
      if (value === undefined) refuse(key, 'BILLING_METER_IMPORT_NUMBER_INVALID')
      else if (value === null && required) refuse(key, 'BILLING_METER_IMPORT_REQUIRED')
      return value
    }
    let previous = number('previous', false)
    const current = number('current', true)
    const wrapsAt = number('wrapsAt', false)
    const readOn = parseDateCell(cell('readOn'))
    if (readOn === undefined) refuse('readOn', 'BILLING_METER_IMPORT_DATE_INVALID')
    else if (readOn === null) refuse('readOn', 'BILLING_METER_IMPORT_REQUIRED')
    if (previous === null && unitId !== undefined) {
      previous = lookups.lastReadingOf(unitId)
      if (previous === undefined) refuse('previous', 'BILLING_METER_IMPORT_PREVIOUS_MISSING')
    }
    if (typeof previous === 'bigint' && typeof current === 'bigint' && wrapsAt !== undefined) {
      const check = checkReadings(previous, current, wrapsAt)
      if (!check.ok)
        refuse(check.code === 'BILLING_METER_READING_DOWN' ? 'current' : 'wrapsAt', check.code, check.params)
    }
    if (refusals.length === before)
      readings.push({
        row,
        unitId: unitId!,
        unitCode: code,
        previous: previous as Reading,
        current: current as Reading,
        wrapsAt: wrapsAt ?? null,
        readOn: readOn as string,
      })
  }
  return { rows: data.length, readings, refusals }
}

// ── shared utilities (公摊) ──────────────────────────────────────────────────────────────────────────

export interface SharingUnitFacts {
  id: string
  /** Unique in the community: the split's tie-breaker. */
  code: string
  areaHundredths: bigint
}

export interface SharedSplit {
  shares: { id: string; code: string; weight: string; fen: number }[]
  /** Sum of the weights: m² ("359.29") or households ("4"). */
  weightTotal: string
  weightTotalHundredths: bigint
}

/**
 * 公摊: `totalFen` over the units by area or per household, largest remainder (splitSharedCost): each unit
 * gets the floor of its exact share, and the fen left over go one each to the units with the largest
 * remainders, ties broken by unit code. The shares sum to the total exactly; each is within 1 fen of exact.
 */
export function sharedSplit(
  totalFen: number,
  units: readonly SharingUnitFacts[],
  basis: 'area' | 'household',
): SharedSplit {
  const shares = splitSharedCost(
    totalFen,
    units.map((u) => ({ unit: u.code, areaHundredths: u.areaHundredths })),
    basis,
  )
  const total = units.reduce((sum, u) => sum + u.areaHundredths, 0n)
  return {
    shares: units.map((u, i) => ({
      id: u.id,
      code: u.code,
      weight: basis === 'area' ? formatHundredths(u.areaHundredths) : '1',
      fen: shares[i]!.fen,
    })),
    weightTotal: basis === 'area' ? formatHundredths(total) : String(units.length),
    weightTotalHundredths: basis === 'area' ? total : BigInt(units.length) * 100n,
  }
}

/** A shared bill's basis: "公摊 1000.00 元 × 89.37 m² ÷ 359.29 m²" or "公摊 1000.00 元 ÷ 4 户". */
export function sharedBasis(
  totalFen: number,
  share: { weight: string },
  weightTotal: string,
  basis: 'area' | 'household',
): string {
  const total = formatHundredths(BigInt(totalFen))
  return basis === 'area'
    ? `公摊 ${total} 元 × ${share.weight} m² ÷ ${weightTotal} m²`
    : `公摊 ${total} 元 ÷ ${weightTotal} 户`
}

// ── paid repairs (ticket charges) ───────────────────────────────────────────────────────────────────

export interface TicketCharge {
  id: string
  unitId: string | null
  amountFen: number
  ticketNumber: string
}

export interface TicketChargeGroup {
  unitId: string
  chargeIds: string[]
  amountFen: number
  basis: string
}

const LISTED_TICKETS = 10

/**
 * A unit's paid repairs as one bill for the month (bills are unique per unit × item × month): their sum,
 * with the ticket numbers as the basis. A unit already billed under the item for the month keeps its charges
 * for a later month (deferred); a charge without a unit (common parts) is billed to nobody here.
 */
export function groupTicketCharges(
  charges: readonly TicketCharge[],
  isBilled: (unitId: string) => boolean,
): { groups: TicketChargeGroup[]; deferred: number; withoutUnit: number } {
  const byUnit = new Map<string, TicketCharge[]>()
  let deferred = 0
  let withoutUnit = 0
  for (const charge of charges) {
    if (charge.unitId === null) withoutUnit += 1
    else if (isBilled(charge.unitId)) deferred += 1
    else byUnit.set(charge.unitId, [...(byUnit.get(charge.unitId) ?? []), charge])
  }
  const groups = [...byUnit].map(([unitId, list]): TicketChargeGroup => {
    const numbers = list.map((c) => c.ticketNumber)
    const listed = numbers.slice(0, LISTED_TICKETS).join('、')
    const more = numbers.length > LISTED_TICKETS ? ` 等 ${numbers.length} 张工单` : ''
    return {
      unitId,
      chargeIds: list.map((c) => c.id),
      amountFen: toFen(list.reduce((sum, c) => sum + BigInt(c.amountFen), 0n)),
      basis: `有偿维修 工单 ${listed}${more}`,
    }
  })
  return { groups, deferred, withoutUnit }
}
