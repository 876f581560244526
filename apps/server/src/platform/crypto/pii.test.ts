import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPiiCipher, newPiiKey } from './pii'

const KEY = 'dGVzdC1rZXktMzItYnl0ZXMtbG9uZy0wMTIzNDU2Nzg='
const cipher = createPiiCipher(KEY)

describe('PII encryption', () => {
  it('decrypts what it encrypted, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 64 }), (plain) => {
        expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain)
      }),
    )
    expect(cipher.decrypt(cipher.encrypt('11010119800101123X'))).toBe('11010119800101123X')
  })

  it('stores versioned AES-GCM text that does not contain the plain value', () => {
    const stored = cipher.encrypt('13812341234')
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/)
    expect(stored).not.toContain('13812341234')
    expect(Buffer.from(stored.split(':')[1]!, 'base64')).toHaveLength(12)
    expect(Buffer.from(stored.split(':')[2]!, 'base64')).toHaveLength(16)
  })

  it('uses a fresh IV each time: the same value encrypts differently', () => {
    const a = cipher.encrypt('13812341234')
    const b = cipher.encrypt('13812341234')
    expect(a).not.toBe(b)
    expect(cipher.decrypt(a)).toBe(cipher.decrypt(b))
  })

  it('refuses tampered ciphertext, a wrong key and unknown formats', () => {
    const stored = cipher.encrypt('13812341234')
    const [version, iv, tag, body] = stored.split(':') as [string, string, string, string]
    const flipped = Buffer.from(body, 'base64')
    flipped[0] = flipped[0]! ^ 1
    expect(() => cipher.decrypt([version, iv, tag, flipped.toString('base64')].join(':'))).toThrow()
    const otherTag = Buffer.from(tag, 'base64')
    otherTag[0] = otherTag[0]! ^ 1
    expect(() => cipher.decrypt([version, iv, otherTag.toString('base64'), body].join(':'))).toThrow()
    expect(() => createPiiCipher(newPiiKey()).decrypt(stored)).toThrow()
    expect(() => cipher.decrypt(`v2:${iv}:${tag}:${body}`)).toThrow(/unknown PII ciphertext format/)
    expect(() => cipher.decrypt('13812341234')).toThrow(/unknown PII ciphertext format/)
  })

  it('accepts only 32-byte keys', () => {
    expect(() => createPiiCipher(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/)
    expect(() => createPiiCipher('')).toThrow(/32 bytes/)
    const fresh = newPiiKey()
    expect(Buffer.from(fresh, 'base64')).toHaveLength(32)
    expect(fresh).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(newPiiKey()).not.toBe(fresh)
  })
})

describe('PII look-up hash', () => {
  it('is deterministic, keyed, and separates kinds', () => {
    const hash = cipher.lookupHash('phone', '13812341234')
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(cipher.lookupHash('phone', '13812341234')).toBe(hash)
    expect(createPiiCipher(KEY).lookupHash('phone', '13812341234')).toBe(hash)
    expect(createPiiCipher(newPiiKey()).lookupHash('phone', '13812341234')).not.toBe(hash)
    expect(cipher.lookupHash('id_number', '13812341234')).not.toBe(hash)
    expect(cipher.lookupHash('phone', '13812341235')).not.toBe(hash)
  })

  it('ignores surrounding spaces and letter case, so a lower-case x finds an ID', () => {
    expect(cipher.lookupHash('id_number', ' 11010119800101123x ')).toBe(
      cipher.lookupHash('id_number', '11010119800101123X'),
    )
    expect(cipher.lookupHash('phone', '13812341234 ')).toBe(cipher.lookupHash('phone', '13812341234'))
  })

  it('gives distinct phones distinct hashes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.stringMatching(/^1[3-9]\d{9}$/), (a, b) => {
        fc.pre(a !== b)
        expect(cipher.lookupHash('phone', a)).not.toBe(cipher.lookupHash('phone', b))
      }),
    )
  })
})
