import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName, maskPhone } from './mask'

describe('maskPhone', () => {
  it('shows the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskPhone('19900001111')).toBe('199****1111')
  })

  it('hides the middle four digits of every mobile number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const masked = maskPhone(phone)
        expect(masked).toHaveLength(11)
        expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`)
      }),
    )
  })

  it('hides short values entirely', () => {
    expect(maskPhone('')).toBe('****')
    expect(maskPhone('123456')).toBe('****')
  })
})

describe('maskIdNumber', () => {
  it('shows the region code and the last four characters of an 18-character ID', () => {
    expect(maskIdNumber('11010119800101123X')).toBe('110101********123X')
    expect(maskIdNumber('310115200012310021')).toBe('310115********0021')
  })

  it('keeps the length and hides the birth date of any 18-character ID', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id)
        expect(masked).toHaveLength(18)
        expect(masked.slice(6, 14)).toBe('********')
        expect(masked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`)
      }),
    )
  })

  it('masks a 15-character first-generation ID the same way', () => {
    expect(maskIdNumber('110101800101123')).toBe('110101*****1123')
  })

  it('hides short values entirely', () => {
    expect(maskIdNumber('')).toBe('****')
    expect(maskIdNumber('123456789')).toBe('****')
  })
})

describe('maskName', () => {
  it('keeps the family name and hides the rest', () => {
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskName('张')).toBe('*')
    expect(maskName('')).toBe('*')
  })

  it('counts characters outside the BMP as one', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**')
  })
})
