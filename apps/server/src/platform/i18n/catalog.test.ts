import { describe, expect, it } from 'vitest'
import { hasMessage, pickLanguage, registerMessages, translate } from './catalog'

// The catalog is one registry per process: every code here is this file's own.
registerMessages({
  'zh-CN': { TEST_GREETING: '你好，{name}！您有 {count} 条消息', TEST_ZH_ONLY: '仅中文' },
  'en-US': { TEST_GREETING: 'Hello, {name}! You have {count} messages' },
})

describe('translate', () => {
  it('fills placeholders in the chosen language', () => {
    expect(translate('zh-CN', 'TEST_GREETING', { name: '张三', count: 3 })).toBe('你好，张三！您有 3 条消息')
    expect(translate('en-US', 'TEST_GREETING', { name: 'Li', count: 0 })).toBe(
      'Hello, Li! You have 0 messages',
    )
  })

  it('leaves a placeholder without a value visible', () => {
    expect(translate('zh-CN', 'TEST_GREETING', { name: '张三' })).toBe('你好，张三！您有 {count} 条消息')
  })

  it('falls back to Chinese, then to the code itself', () => {
    expect(translate('en-US', 'TEST_ZH_ONLY')).toBe('仅中文')
    expect(translate('en-US', 'TEST_NOWHERE')).toBe('TEST_NOWHERE')
  })

  it('does not read placeholders inside the values it inserts', () => {
    expect(translate('zh-CN', 'TEST_GREETING', { name: '{count}', count: 1 })).toBe(
      '你好，{count}！您有 1 条消息',
    )
  })

  it('tells whether a language has a message', () => {
    expect(hasMessage('zh-CN', 'TEST_ZH_ONLY')).toBe(true)
    expect(hasMessage('en-US', 'TEST_ZH_ONLY')).toBe(false)
    expect(hasMessage('zh-CN', 'TEST_NOWHERE')).toBe(false)
  })
})

describe('registerMessages', () => {
  it('accepts the same text twice but refuses a code registered with different text', () => {
    expect(() =>
      registerMessages({ 'zh-CN': { TEST_GREETING: '你好，{name}！您有 {count} 条消息' }, 'en-US': {} }),
    ).not.toThrow()
    expect(() => registerMessages({ 'zh-CN': { TEST_GREETING: '另一句' }, 'en-US': {} })).toThrow(
      /TEST_GREETING registered twice/,
    )
    expect(() => registerMessages({ 'zh-CN': {}, 'en-US': { TEST_GREETING: 'Other' } })).toThrow(
      /TEST_GREETING/,
    )
    expect(translate('zh-CN', 'TEST_GREETING', { name: 'a', count: 1 })).toBe('你好，a！您有 1 条消息')
  })
})

describe('pickLanguage', () => {
  it('defaults to Chinese', () => {
    expect(pickLanguage(undefined)).toBe('zh-CN')
    expect(pickLanguage('')).toBe('zh-CN')
    expect(pickLanguage('fr-FR, de;q=0.8')).toBe('zh-CN')
    expect(pickLanguage('*')).toBe('zh-CN')
  })

  it('recognises English and Chinese tags of any region and case', () => {
    expect(pickLanguage('en')).toBe('en-US')
    expect(pickLanguage('en-GB')).toBe('en-US')
    expect(pickLanguage('EN-us')).toBe('en-US')
    expect(pickLanguage('zh-TW')).toBe('zh-CN')
    expect(pickLanguage('zh-Hans-CN')).toBe('zh-CN')
  })

  it('picks the first supported language by preference', () => {
    expect(pickLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en-US')
    expect(pickLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN')
    expect(pickLanguage('fr, en;q=0.5')).toBe('en-US')
    expect(pickLanguage('zh;q=0.5, en;q=0.8')).toBe('en-US')
    expect(pickLanguage('en;q=0.5, zh ; q=0.8')).toBe('zh-CN')
  })

  it('treats a malformed weight as the lowest preference', () => {
    expect(pickLanguage('en;q=abc, zh;q=0.1')).toBe('zh-CN')
  })
})
