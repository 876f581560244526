import { describe, expect, it } from 'vitest'
import { pickLanguage } from '../i18n/catalog'
import { maskIdNumber, maskPhone } from './mask'

describe('masks never show a short value whole', () => {
  it('hides phones shorter than 11 digits entirely', () => {
    for (const phone of ['6543210', '65432109', '6543210987']) expect(maskPhone(phone)).toBe('****')
    expect(maskPhone('13812341234')).toBe('138****1234')
  })

  it('hides ID numbers shorter than 15 characters entirely', () => {
    expect(maskIdNumber('1234567890')).toBe('****')
    expect(maskIdNumber('11010119800101123X')).toBe('110101********123X')
    expect(maskIdNumber('110101800101123')).toBe('110101*****1123')
  })
})

describe('Accept-Language', () => {
  it('treats q=0 as not acceptable', () => {
    expect(pickLanguage('en;q=0')).toBe('zh-CN')
    expect(pickLanguage('en;q=0, zh;q=0.5')).toBe('zh-CN')
    expect(pickLanguage('fr, en;q=0.3')).toBe('en-US')
  })
})
