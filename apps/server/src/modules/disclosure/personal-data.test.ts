import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findPersonalData } from './personal-data'

const RUNS = { numRuns: 300 }

describe('findPersonalData: mainland mobile numbers', () => {
  it('finds 11 digits starting 13–19, bare or inside text', () => {
    for (const text of [
      '13812345678',
      '联系电话13812345678',
      '联系人：王先生 13812345678。',
      'Tel:13812345678',
      '请致电(13812345678)',
      '13012345678',
      '14512345678',
      '15012345678',
      '16612345678',
      '17712345678',
      '18812345678',
      '19912345678',
    ])
      expect(findPersonalData(text), text).toBe('mobile')
  })

  it('finds them written 3-4-4 with spaces or dashes', () => {
    for (const text of [
      '138 1234 5678',
      '138-1234-5678',
      '138 12345678',
      '1381234 5678',
      '138-1234 5678',
      '电话 138-1234-5678 转 2',
    ])
      expect(findPersonalData(text), text).toBe('mobile')
  })

  it('finds them with the country code +86 / 0086, with or without a separator', () => {
    for (const text of [
      '+86 138 1234 5678',
      '+86-13812345678',
      '0086 13812345678',
      '+8613812345678',
      '008613812345678',
    ])
      expect(findPersonalData(text), text).toBe('mobile')
  })

  it('does not take other digit runs for a mobile', () => {
    for (const text of [
      '12812345678', // 12x is no mobile prefix
      '10012345678',
      '11012345678',
      '1381234567', // 10 digits
      '138123456789', // 12 digits
      '013812345678', // a digit before
      '7713812345678', // 13 digits not led by the country code
      '8612812345678', // the country code before no mobile
      '138 1234 567',
      '138  1234 5678', // two spaces: not a way numbers are written
      '138.1234.5678',
    ])
      expect(findPersonalData(text), text).toBeNull()
  })
})

describe('findPersonalData: resident ID numbers', () => {
  it('finds 18-character ID numbers, with a check digit or X', () => {
    for (const text of [
      '110105194912310021',
      '11010519491231002X',
      '11010519491231002x',
      '身份证号：11010519491231002X。',
      'ID 320102200002291234 on file',
      '310101180001011234', // born in the 1800s: still the format
    ])
      expect(findPersonalData(text), text).toBe('id_number')
  })

  it('does not take other runs of 18 characters for an ID number', () => {
    for (const text of [
      '11010519491231002', // 17 characters
      '1101051949123100211', // 19 digits
      '6222021234567890123', // a 19-digit bank card number
      '110105174912310021', // year 17xx
      '110105214912310021', // year 21xx
      '110105194913310021', // month 13
      '110105194900310021', // month 00
      '110105194912320021', // day 32
      '110105194912000021', // day 00
      '11010519491231002Y', // no such check character
      'A110105194912310021', // part of a longer code
      '110105194912310021B',
      '4200001234202610311234567890', // a 28-digit payment reference
    ])
      expect(findPersonalData(text), text).toBeNull()
  })
})

describe('findPersonalData: what is not personal data', () => {
  it('passes amounts, dates, areas, contract numbers and unit codes', () => {
    for (const text of [
      '100000.00',
      '¥100,000.00',
      '1,380,000.00 元',
      '13800000.00',
      '13812345.67',
      '收入 100,000.00，成本 20,000.00，净收益 80,000.00',
      '2026-10-31',
      '2026/10/31 13:45:12',
      '20261031',
      '2026年10月31日',
      '2026-Q3',
      '2026-07-01 至 2026-09-30',
      'HT-2026-001',
      'HT20260001',
      '合同编号 HT-2026-001-13',
      '1-1-1302',
      '3号楼1单元1302室',
      '12-2-2301 89.37 m²',
      '建筑面积 6,000.00 m²，每平方米 60.0000 元',
      '电梯更换 360,000.00 元，分摊 65 户',
      '021-12345678', // a landline
      '400-820-8820', // a service line
    ])
      expect(findPersonalData(text), text).toBeNull()
  })

  it('passes nothing at all', () => {
    expect(findPersonalData()).toBeNull()
    expect(findPersonalData('', null, undefined)).toBeNull()
  })
})

describe('findPersonalData: several texts', () => {
  it('checks every text, skipping empty ones', () => {
    expect(findPersonalData(null, undefined, '', 'ok', '13812345678')).toBe('mobile')
    expect(findPersonalData('summary', null, '11010519491231002X')).toBe('id_number')
  })

  it('names an ID number before a mobile, whichever text holds which', () => {
    // The responsible-people item may show staff phones but never an ID number, so an ID must win.
    expect(findPersonalData('13812345678', '11010519491231002X')).toBe('id_number')
    expect(findPersonalData('11010519491231002X', '13812345678')).toBe('id_number')
    expect(findPersonalData('电话 13812345678，身份证 11010519491231002X')).toBe('id_number')
  })

  it('does not carry state between calls (no global regex)', () => {
    for (let i = 0; i < 3; i++) {
      expect(findPersonalData('13812345678')).toBe('mobile')
      expect(findPersonalData('11010519491231002X')).toBe('id_number')
    }
  })
})

describe('findPersonalData properties', () => {
  const mobileArb = fc
    .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), fc.constantFrom('', ' ', '-'))
    .map(
      ([second, rest, sep]) => `1${second}${rest.slice(0, 1)}${sep}${rest.slice(1, 5)}${sep}${rest.slice(5)}`,
    )
  const textArb = fc.string({ unit: fc.constantFrom('a', '。', ' ', '元', ',', 'X', '号') })

  it('finds any mobile set between non-digits', () => {
    fc.assert(
      fc.property(textArb, mobileArb, textArb, (before, mobile, after) => {
        expect(findPersonalData(`${before}${mobile}${after}`)).not.toBeNull()
      }),
      RUNS,
    )
  })

  it('passes any money amount written with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.boolean(), (fen, grouped) => {
        const yuan = Math.floor(fen / 100)
        const whole = grouped ? yuan.toLocaleString('en-US') : String(yuan)
        const text = `${whole}.${String(fen % 100).padStart(2, '0')} 元`
        expect(findPersonalData(text)).toBeNull()
      }),
      RUNS,
    )
  })

  it('passes any date and any contract number of the HT-YYYY-NNN form', () => {
    const dateArb = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2200-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 9_999 }), (date, n) => {
        expect(findPersonalData(`${date} HT-${date.slice(0, 4)}-${String(n).padStart(3, '0')}`)).toBeNull()
      }),
      RUNS,
    )
  })
})
