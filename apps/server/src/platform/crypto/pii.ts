import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Personal data at rest: AES-256-GCM ciphertext for display-on-permission, and a keyed HMAC for
 * exact look-up (a phone typed into search finds its owner without decrypting every row).
 */
export interface PiiCipher {
  encrypt(plain: string): string
  decrypt(stored: string): string
  lookupHash(kind: 'phone' | 'id_number', plain: string): string
}

export function createPiiCipher(masterKeyBase64: string): PiiCipher {
  const master = Buffer.from(masterKeyBase64, 'base64')
  if (master.length !== 32) throw new Error('PII key must be 32 bytes')
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'meihao pii encryption', 32))
  const macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'meihao pii lookup', 32))
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [
        'v1',
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join(':')
    },
    decrypt(stored) {
      const [version, iv, tag, body] = stored.split(':')
      if (version !== 'v1' || !iv || !tag || body === undefined)
        throw new Error('unknown PII ciphertext format')
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'))
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
    },
    lookupHash(kind, plain) {
      return createHmac('sha256', macKey)
        .update(`${kind}:${normalise(plain)}`)
        .digest('hex')
    },
  }
}

const normalise = (value: string) => value.trim().toUpperCase()

export const newPiiKey = () => randomBytes(32).toString('base64')
