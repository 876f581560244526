import { describe, expect, it } from 'vitest'
import {
  checkReadingSheet,
  checkReadings,
  currentMonthIn,
  groupTicketCharges,
  meteredCharge,
  parseDateCell,
  parseReadingCell,
  type SheetRow,
  sharedBasis,
  sharedSplit,
} from './charges-math'
import { parseRate, parseReading } from './fee-math'

const r = parseReading

describe('meter readings', () => {
  it('bills (current − previous) × rate, rounded once with the standard rounding', () => {
    // 65.50 kWh × 0.45 = 29.475 元 = 2947.5 fen.
    const reading = { previous: r('1234.50'), current: r('1300.00'), wrapsAt: null }
    const rate = parseRate('0.45')
    expect(meteredCharge(reading, { rate, rounding: 'half_up' })).toEqual({
      usage: r('65.50'),
      amountFen: 2948,
      basis: '1234.50 → 1300.00 = 65.50 × 0.45',
    })
    expect(meteredCharge(reading, { rate, rounding: 'down' }).amountFen).toBe(2947)
  })

  it('goes through the full scale when the meter wrapped', () => {
    const reading = { previous: r('99990.00'), current: r('20.00'), wrapsAt: r('100000') }
    expect(checkReadings(reading.previous, reading.current, reading.wrapsAt)).toEqual({
      ok: true,
      usage: r('30'),
    })
    expect(meteredCharge(reading, { rate: parseRate('0.45'), rounding: 'half_up' })).toEqual({
      usage: r('30'),
      amountFen: 1350,
      basis: '99990.00 → 20.00（满量程 100000.00） = 30.00 × 0.45',
    })
  })

  it('refuses a reading that went down without a full scale, and readings at or above it', () => {
    expect(checkReadings(r('500'), r('499.99'), null)).toEqual({
      ok: false,
      code: 'BILLING_METER_READING_DOWN',
      params: { previous: '500.00', current: '499.99' },
    })
    expect(checkReadings(r('99990'), r('100000'), r('100000'))).toMatchObject({
      ok: false,
      code: 'BILLING_METER_ABOVE_WRAP',
    })
    expect(checkReadings(r('5'), r('1'), 0n)).toMatchObject({ ok: false, code: 'BILLING_METER_WRAP_INVALID' })
    expect(checkReadings(r('5'), r('5'), null)).toEqual({ ok: true, usage: 0n })
  })
})

describe('import cells', () => {
  it('reads numbers exactly or refuses them, never rounds', () => {
    expect(parseReadingCell(12345.6)).toBe(1234560n)
    expect(parseReadingCell(' 12.500 ')).toBe(1250n)
    expect(parseReadingCell('')).toBeNull()
    expect(parseReadingCell(null)).toBeNull()
    expect(parseReadingCell(0.1 + 0.2)).toBeUndefined()
    expect(parseReadingCell('12.345')).toBeUndefined()
    expect(parseReadingCell('-1')).toBeUndefined()
    expect(parseReadingCell('1,234')).toBeUndefined()
    expect(parseReadingCell(1e21)).toBeUndefined()
  })

  it('reads dates as text or date cells, refuses bare serials and impossible days', () => {
    expect(parseDateCell('2025-05-03')).toBe('2025-05-03')
    expect(parseDateCell('2025/5/3')).toBe('2025-05-03')
    expect(parseDateCell(new Date(Date.UTC(2025, 4, 3)))).toBe('2025-05-03')
    expect(parseDateCell('2025-02-30')).toBeUndefined()
    expect(parseDateCell(45780)).toBeUndefined()
    expect(parseDateCell('')).toBeNull()
  })
})

describe('checking a sheet of readings', () => {
  const units = new Map([
    ['1-101', 'u1'],
    ['1-102', 'u2'],
    ['2-101', 'u3'],
    ['2-102', 'u4'],
  ])
  const lookups = {
    unitIdOf: (code: string) => units.get(code),
    lastReadingOf: (id: string) => (id === 'u1' ? r('100') : undefined),
    hasReading: (id: string) => id === 'u4',
  }
  const sheet = (...rows: (string | number | null)[][]): SheetRow[] =>
    rows.map((values, i) => ({ row: i + 1, values }))
  const header = ['房号', '上期读数', '本期读数', '抄表日期', '满量程']

  it('takes a good sheet, with the previous reading from the last one when empty', () => {
    const checked = checkReadingSheet(
      sheet(header, ['1-101', '', '150.5', '2025-05-03', ''], [], ['1-102', 99990, 10, '2025/5/3', 100000]),
      lookups,
    )
    expect(checked.refusals).toEqual([])
    expect(checked.rows).toBe(2)
    expect(checked.readings).toEqual([
      {
        row: 2,
        unitId: 'u1',
        unitCode: '1-101',
        previous: r('100'),
        current: r('150.5'),
        wrapsAt: null,
        readOn: '2025-05-03',
      },
      {
        row: 4,
        unitId: 'u2',
        unitCode: '1-102',
        previous: r('99990'),
        current: r('10'),
        wrapsAt: r('100000'),
        readOn: '2025-05-03',
      },
    ])
  })

  it('reports every bad cell with its row and column', () => {
    const checked = checkReadingSheet(
      sheet(
        header,
        ['9-999', '1', '2', '2025-05-03', ''],
        ['1-102', '500', '499', '2025-05-03', ''],
        ['1-102', '1', '2', '2025-05-03', ''],
        ['2-101', '', 'abc', '3/5/2025', ''],
        ['2-102', '1', '2', '2025-05-03', ''],
      ),
      lookups,
    )
    expect(checked.readings).toEqual([])
    expect(checked.refusals.map((x) => [x.row, x.column, x.code])).toEqual([
      [2, '房号', 'BILLING_METER_IMPORT_UNIT_UNKNOWN'],
      [3, '本期读数', 'BILLING_METER_READING_DOWN'],
      [4, '房号', 'BILLING_METER_IMPORT_DUPLICATE'],
      [5, '本期读数', 'BILLING_METER_IMPORT_NUMBER_INVALID'],
      [5, '抄表日期', 'BILLING_METER_IMPORT_DATE_INVALID'],
      [5, '上期读数', 'BILLING_METER_IMPORT_PREVIOUS_MISSING'],
      [6, '房号', 'BILLING_METER_IMPORT_EXISTS'],
    ])
    expect(checked.refusals[2]!.params).toEqual({ code: '1-102', firstRow: 3 })
  })

  it('needs the 房号, 本期读数 and 抄表日期 columns; tolerates marks and units in headers', () => {
    const missing = checkReadingSheet(sheet(['房号', '读数']), lookups)
    expect(missing.refusals.map((x) => x.column)).toEqual(['本期读数', '抄表日期'])
    const marked = checkReadingSheet(
      sheet(['房号*', '本期读数（kWh）', '抄表日期'], ['1-101', '120', '2025-05-03']),
      lookups,
    )
    expect(marked.refusals).toEqual([])
    expect(marked.readings[0]).toMatchObject({ previous: r('100'), current: r('120') })
  })
})

describe('shared utilities (公摊)', () => {
  const units = [
    { id: 'a', code: '1-101', areaHundredths: 8937n },
    { id: 'b', code: '1-102', areaHundredths: 8937n },
    { id: 'c', code: '2-101', areaHundredths: 12000n },
    { id: 'd', code: '2-102', areaHundredths: 6055n },
  ]
  const fen = (totalFen: number, basis: 'area' | 'household') =>
    sharedSplit(totalFen, units, basis).shares.map((s) => s.fen)

  it('splits by area with the largest remainder: exact sum, each within 1 fen of exact', () => {
    // 1000.00 元 over 359.29 m²: floors 24874 + 24874 + 33399 + 16852 = 99999; the spare fen goes to the
    // largest remainder (60.55 m²: 16852.68).
    expect(fen(100_000, 'area')).toEqual([24874, 24874, 33399, 16853])
    // 1000.02 元: rounding each share half up would bill 1000.03 元; the spare 2 fen go to 2-101 (.66) and,
    // of the two equal remainders, to the lower unit code.
    expect(fen(100_002, 'area')).toEqual([24875, 24874, 33400, 16853])
    const split = sharedSplit(100_002, units, 'area')
    expect(split.weightTotal).toBe('359.29')
    expect(split.shares.reduce((s, x) => s + x.fen, 0)).toBe(100_002)
    expect(sharedBasis(100_000, split.shares[0]!, split.weightTotal, 'area')).toBe(
      '公摊 1000.00 元 × 89.37 m² ÷ 359.29 m²',
    )
  })

  it('splits per household, the spare fen by unit code', () => {
    expect(fen(100_001, 'household')).toEqual([25001, 25000, 25000, 25000])
    expect(fen(3, 'household')).toEqual([1, 1, 1, 0])
    const split = sharedSplit(100_001, units, 'household')
    expect(split.weightTotal).toBe('4')
    expect(sharedBasis(100_001, split.shares[0]!, split.weightTotal, 'household')).toBe(
      '公摊 1000.01 元 ÷ 4 户',
    )
  })
})

describe('paid repairs', () => {
  it('one bill per unit with the sum; billed units wait, charges without a unit stay', () => {
    const result = groupTicketCharges(
      [
        { id: 'c1', unitId: 'u1', amountFen: 25_024, ticketNumber: 'T1' },
        { id: 'c2', unitId: 'u2', amountFen: 100, ticketNumber: 'T2' },
        { id: 'c3', unitId: 'u1', amountFen: 976, ticketNumber: 'T3' },
        { id: 'c4', unitId: null, amountFen: 500, ticketNumber: 'T4' },
        { id: 'c5', unitId: 'u3', amountFen: 700, ticketNumber: 'T5' },
      ],
      (unitId) => unitId === 'u3',
    )
    expect(result).toEqual({
      groups: [
        { unitId: 'u1', chargeIds: ['c1', 'c3'], amountFen: 26_000, basis: '有偿维修 工单 T1、T3' },
        { unitId: 'u2', chargeIds: ['c2'], amountFen: 100, basis: '有偿维修 工单 T2' },
      ],
      deferred: 1,
      withoutUnit: 1,
    })
  })
})

describe('the current month', () => {
  it('is the community time zone’s', () => {
    const at = new Date('2025-01-31T16:30:00Z')
    expect(currentMonthIn('Asia/Shanghai', at)).toBe('2025-02')
    expect(currentMonthIn('UTC', at)).toBe('2025-01')
  })
})
