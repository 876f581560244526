import { areaToHundredths } from '../../../platform/area'
import {
  cellText,
  type Parsed,
  parseArea,
  parseChoice,
  parseDate,
  parseFloor,
  parseText,
  type RawCell,
  type Refusal,
} from './cells'
import {
  AREA_SOURCE_LABELS,
  type AreaSource,
  CO_OWNER_SEPARATOR,
  COLUMNS,
  type ColumnKey,
  SOLD_LABELS,
  type UnitUse,
  USE_LABELS,
} from './columns'

/** A phone or ID number from the sheet: none given, a masked copy (keep what is stored), or a value. */
export type PiiInput = { kind: 'absent' } | { kind: 'masked' } | { kind: 'value'; value: string }

export interface OwnerInput {
  name: string
  phone: PiiInput
  idNumber: PiiInput
}

/** One valid data row, in the database's terms. */
export interface ImportRow {
  row: number
  buildingCode: string
  buildingName: string | null
  unitCode: string
  floor: number | null
  buildingArea: string
  exclusiveArea: string
  areaSource: AreaSource
  use: UnitUse
  deliveryDate: string | null
  sold: boolean
  owners: OwnerInput[]
  ownershipStart: string | null
}

export interface CellError extends Refusal {
  column: ColumnKey
}

export type RowCells = Partial<Record<ColumnKey, RawCell>>

const PHONE = /^1[3-9]\d{9}$/
const ID_NUMBER = /^\d{17}[\dX]$/
const CODE_MAX = 32
const NAME_MAX = 100

/** A cell split into co-owner segments; [] when the cell is empty. */
const segments = (cell: RawCell) => {
  const text = cellText(cell)
  return text === '' ? [] : text.split(CO_OWNER_SEPARATOR).map((s) => s.trim())
}

function piiSegment(segment: string, pattern: RegExp): PiiInput | null {
  if (segment === '') return { kind: 'absent' }
  if (segment.includes('*')) return { kind: 'masked' }
  return pattern.test(segment) ? { kind: 'value', value: segment } : null
}

/** Co-owners from the three aligned cells, or the errors that make them unusable. */
function parseOwners(cells: RowCells, errors: CellError[]): OwnerInput[] {
  const names = segments(cells.ownerNames ?? null)
  const phones = segments(cells.ownerPhones ?? null)
  // An 18-digit ID number does not fit an Excel number: the cell would hold a rounded copy.
  if (typeof cells.ownerIdNumbers === 'number') {
    errors.push({ column: 'ownerIdNumbers', code: 'ESTATE_IMPORT_ID_NUMBER_NOT_TEXT' })
    return []
  }
  const idNumbers = segments(cells.ownerIdNumbers ?? null).map((s) => s.toUpperCase())
  const before = errors.length
  if (names.length === 0) {
    if (phones.some((s) => s !== '') || idNumbers.some((s) => s !== '')) {
      errors.push({ column: 'ownerNames', code: 'ESTATE_IMPORT_OWNER_NAME_MISSING' })
    }
    return []
  }
  for (const name of names) {
    if (name === '') errors.push({ column: 'ownerNames', code: 'ESTATE_IMPORT_OWNER_NAME_MISSING' })
    else if ([...name].length > NAME_MAX) {
      errors.push({ column: 'ownerNames', code: 'ESTATE_IMPORT_TOO_LONG', params: { max: NAME_MAX } })
    }
  }
  const aligned = (column: ColumnKey, values: string[]) => {
    if (values.length > 0 && values.length !== names.length) {
      errors.push({
        column,
        code: 'ESTATE_IMPORT_OWNER_COUNT_MISMATCH',
        params: { owners: names.length, given: values.length },
      })
      return false
    }
    return true
  }
  const phonesAligned = aligned('ownerPhones', phones)
  const idsAligned = aligned('ownerIdNumbers', idNumbers)
  const owners = names.map((name, i): OwnerInput => {
    const phone = phonesAligned ? piiSegment(phones[i] ?? '', PHONE) : { kind: 'absent' as const }
    const idNumber = idsAligned ? piiSegment(idNumbers[i] ?? '', ID_NUMBER) : { kind: 'absent' as const }
    if (!phone)
      errors.push({ column: 'ownerPhones', code: 'ESTATE_IMPORT_PHONE_INVALID', params: { index: i + 1 } })
    if (!idNumber)
      errors.push({
        column: 'ownerIdNumbers',
        code: 'ESTATE_IMPORT_ID_NUMBER_INVALID',
        params: { index: i + 1 },
      })
    return { name, phone: phone ?? { kind: 'absent' }, idNumber: idNumber ?? { kind: 'absent' } }
  })
  return errors.length > before ? [] : owners
}

/**
 * Checks one data row on its own (no database, no other rows) and returns it in the database's terms,
 * or every error it has, each tied to its column.
 */
export function parseRow(row: number, cells: RowCells): { value: ImportRow | null; errors: CellError[] } {
  const errors: CellError[] = []
  const take = <T>(column: ColumnKey, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value
    errors.push({ column, code: parsed.code, ...(parsed.params ? { params: parsed.params } : {}) })
    return undefined
  }
  const cell = (column: ColumnKey) => cells[column] ?? null
  const required = (column: ColumnKey, parsed: Parsed<string>) => {
    if (cellText(cell(column)) === '') {
      errors.push({ column, code: 'ESTATE_IMPORT_REQUIRED' })
      return undefined
    }
    return take(column, parsed)
  }

  const buildingCode = required('buildingCode', parseText(cell('buildingCode'), CODE_MAX))
  const buildingName = take('buildingName', parseText(cell('buildingName'), NAME_MAX))
  const unitCode = required('unitCode', parseText(cell('unitCode'), CODE_MAX))
  const floor = take('floor', parseFloor(cell('floor')))
  const buildingArea = required('buildingArea', parseArea(cell('buildingArea')))
  const exclusiveArea = required('exclusiveArea', parseArea(cell('exclusiveArea')))
  if (buildingArea && exclusiveArea && areaToHundredths(exclusiveArea) > areaToHundredths(buildingArea)) {
    errors.push({
      column: 'exclusiveArea',
      code: 'ESTATE_IMPORT_EXCLUSIVE_TOO_LARGE',
      params: { buildingArea },
    })
  }
  const areaSource = take('areaSource', parseChoice(cell('areaSource'), AREA_SOURCE_LABELS, 'registered'))
  const use = take('use', parseChoice(cell('use'), USE_LABELS, 'residential'))
  const deliveryDate = take('deliveryDate', parseDate(cell('deliveryDate')))
  const sold = take('sold', parseChoice(cell('sold'), SOLD_LABELS, 'yes'))
  const owners = parseOwners(cells, errors)
  const ownershipStart = take('ownershipStart', parseDate(cell('ownershipStart')))
  if (owners.length > 0 && ownershipStart === null && deliveryDate === null) {
    errors.push({ column: 'ownershipStart', code: 'ESTATE_IMPORT_OWNERSHIP_START_REQUIRED' })
  }

  if (
    errors.length > 0 ||
    buildingCode === undefined ||
    unitCode === undefined ||
    buildingArea === undefined ||
    exclusiveArea === undefined ||
    floor === undefined ||
    areaSource === undefined ||
    use === undefined ||
    deliveryDate === undefined ||
    sold === undefined ||
    ownershipStart === undefined
  ) {
    return { value: null, errors }
  }
  return {
    value: {
      row,
      buildingCode,
      buildingName: buildingName || null,
      unitCode,
      floor,
      buildingArea,
      exclusiveArea,
      areaSource,
      use,
      deliveryDate,
      sold: sold === 'yes',
      owners,
      ownershipStart,
    },
    errors,
  }
}

export interface HeaderError extends Refusal {
  header: string
}

/** Which column holds which field, from the header row's texts; required headers missing are errors. */
export function readHeader(values: RawCell[]): { columns: Map<number, ColumnKey>; errors: HeaderError[] } {
  const columns = new Map<number, ColumnKey>()
  const errors: HeaderError[] = []
  const seen = new Set<ColumnKey>()
  values.forEach((value, index) => {
    const column = COLUMNS.find((c) => c.header === cellText(value))
    if (!column) return
    if (seen.has(column.key))
      errors.push({
        header: column.header,
        code: 'ESTATE_IMPORT_HEADER_DUPLICATE',
        params: { header: column.header },
      })
    seen.add(column.key)
    columns.set(index, column.key)
  })
  for (const column of COLUMNS) {
    if (column.required && !seen.has(column.key)) {
      errors.push({
        header: column.header,
        code: 'ESTATE_IMPORT_HEADER_MISSING',
        params: { header: column.header },
      })
    }
  }
  return { columns, errors }
}

/** A data row's cells by field, through the header's column map. */
export function cellsOf(values: RawCell[], columns: ReadonlyMap<number, ColumnKey>): RowCells {
  const cells: RowCells = {}
  for (const [index, key] of columns) cells[key] = values[index] ?? null
  return cells
}
