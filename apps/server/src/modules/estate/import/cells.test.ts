import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hundredthsToArea } from '../../../platform/area'
import { areaCellValue, parseArea, parseChoice, parseDate, parseFloor } from './cells'
import { USE_LABELS } from './columns'

const MAX_HUNDREDTHS = 10n ** 12n

describe('areas from cells', () => {
  it('a numeric cell holding any numeric(12,2) area reads back as exactly that area', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_HUNDREDTHS - 1n }), (h) => {
        const area = hundredthsToArea(h)
        expect(parseArea(areaCellValue(area))).toEqual({ ok: true, value: area })
      }),
      { numRuns: 5000 },
    )
  })

  it('reads numbers and text at the edges exactly', () => {
    for (const [cell, area] of [
      [89.37, '89.37'],
      [0.01, '0.01'],
      [72.1, '72.10'],
      [35, '35.00'],
      [9999999999.99, '9999999999.99'],
      ['120.5', '120.50'],
      [' 89.370 ', '89.37'],
      ['007.5', '7.50'],
    ] as const) {
      expect(parseArea(cell), String(cell)).toEqual({ ok: true, value: area })
    }
  })

  it('refuses more than two decimals instead of rounding, and anything not a positive area', () => {
    for (const cell of [89.375, 0.1 + 0.2, '89.375', 0.001]) {
      expect(parseArea(cell), String(cell)).toMatchObject({ ok: false, code: 'ESTATE_IMPORT_AREA_DECIMALS' })
    }
    for (const cell of [0, '0.00', -5, '-5', 'abc', '1,234.5', 1e21, '1e3', '', null, true, 12345678901]) {
      expect(parseArea(cell), String(cell)).toMatchObject({ ok: false, code: 'ESTATE_IMPORT_AREA_INVALID' })
    }
  })
})

describe('dates, floors and choices from cells', () => {
  it('takes YYYY-MM-DD text and Excel date cells, and refuses the rest', () => {
    expect(parseDate('2014-06-01')).toEqual({ ok: true, value: '2014-06-01' })
    expect(parseDate(new Date('2014-06-01T00:00:00Z'))).toEqual({ ok: true, value: '2014-06-01' })
    expect(parseDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' })
    expect(parseDate('')).toEqual({ ok: true, value: null })
    for (const cell of ['2014-02-30', '2023-02-29', '2014/06/01', '2014-6-1', 41791, 'soon']) {
      expect(parseDate(cell), String(cell)).toMatchObject({ ok: false, code: 'ESTATE_IMPORT_DATE_INVALID' })
    }
  })

  it('takes whole floors from -10 to 200', () => {
    expect(parseFloor(12)).toEqual({ ok: true, value: 12 })
    expect(parseFloor('-1')).toEqual({ ok: true, value: -1 })
    expect(parseFloor(null)).toEqual({ ok: true, value: null })
    for (const cell of [12.5, '3F', -11, 201, 'B1']) {
      expect(parseFloor(cell), String(cell)).toMatchObject({ ok: false, code: 'ESTATE_IMPORT_FLOOR_INVALID' })
    }
  })

  it('maps Chinese labels to keys, with a default for empty cells', () => {
    expect(parseChoice('商业', USE_LABELS, 'residential')).toEqual({ ok: true, value: 'commercial' })
    expect(parseChoice(null, USE_LABELS, 'residential')).toEqual({ ok: true, value: 'residential' })
    expect(parseChoice('仓库', USE_LABELS, 'residential')).toEqual({
      ok: false,
      code: 'ESTATE_IMPORT_CHOICE_INVALID',
      params: { allowed: '住宅、商业、办公、其他' },
    })
  })
})
