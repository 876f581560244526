import { createCipheriv, generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { PaymentRefusalCode, PaymentVerification } from './payment-notification'
import { createSandboxProvider, type SandboxWechatPayOptions } from './sandbox'
import {
  decryptWechatPayResource,
  verifyWechatPayNotification,
  type WechatPayNotificationInput,
  wechatPaySignedMessage,
} from './wechatpay-v3'

const NOW = new Date('2025-03-18T02:00:00.000Z')
const NOW_SECONDS = NOW.getTime() / 1000
const sandbox = createSandboxProvider({ now: () => NOW })
const wx = sandbox.wechatpay
const payment = {
  outTradeNo: 'MH-2025-000123',
  amountFen: 25024,
  providerTradeNo: '4200001234202503180000000001',
}

function signed(options: SandboxWechatPayOptions = {}) {
  return wx.signNotification({ ...payment, paidAt: new Date('2025-03-18T01:59:30.000Z') }, options)
}

function verify(
  notification: { headers: WechatPayNotificationInput['headers']; body: string | Uint8Array },
  overrides: Partial<WechatPayNotificationInput> = {},
): PaymentVerification {
  return verifyWechatPayNotification({ ...wx.verifierConfig, ...notification, now: NOW, ...overrides })
}

function expectRefusal(result: PaymentVerification, code: PaymentRefusalCode) {
  expect(result.ok ? 'accepted' : result.code, result.ok ? '' : result.detail).toBe(code)
}

/** Re-signs a mutated body with the real platform key, so only the layer under test can object. */
function resignedWith(mutate: (envelope: any) => void, options: SandboxWechatPayOptions = {}) {
  const envelope = JSON.parse(signed(options).body)
  mutate(envelope)
  const body = JSON.stringify(envelope)
  return { headers: wx.signRawBody(body), body }
}

describe('WeChat Pay v3 notification: the sandbox round trip', () => {
  it('accepts a sandbox notification and normalises it', () => {
    const notification = signed({ notificationId: 'EV-2018022511223320873' })
    const result = verify(notification)
    expect(result).toEqual({
      ok: true,
      payment: {
        provider: 'wechatpay',
        notificationId: 'EV-2018022511223320873',
        providerTradeNo: '4200001234202503180000000001',
        outTradeNo: 'MH-2025-000123',
        amountFen: 25024,
        paidAt: '2025-03-18T01:59:30.000Z',
        payerRef: expect.stringMatching(/^o/),
      },
    })
  })

  it('reads headers in any letter case, as Node delivers them, and from a fetch Headers', () => {
    const { headers, body } = signed()
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
    expect(verify({ headers: lower, body }).ok).toBe(true)
    expect(verify({ headers: new Headers(headers), body }).ok).toBe(true)
    expect(verify({ headers: { ...lower, 'wechatpay-nonce': [headers['Wechatpay-Nonce']!] }, body }).ok).toBe(
      true,
    )
  })

  it('accepts the body as raw bytes (non-ASCII summary included)', () => {
    const { headers, body } = signed()
    expect(body).toContain('支付成功')
    expect(verify({ headers, body: Buffer.from(body, 'utf8') }).ok).toBe(true)
  })

  it('accepts the platform key as a PEM string', () => {
    const notification = signed()
    const pemKeys = new Map([[wx.platformSerial, wx.platformPublicKeyPem]])
    expect(verify(notification, { platformKeys: pemKeys }).ok).toBe(true)
  })

  it('uses a deterministic 40-hex-digit serial', () => {
    expect(wx.platformSerial).toMatch(/^[0-9A-F]{40}$/)
    expect(signed().headers['Wechatpay-Serial']).toBe(wx.platformSerial)
  })

  it('accepts the edge of the skew window, either side', () => {
    expect(verify(signed({ timestamp: NOW_SECONDS - 300 })).ok).toBe(true)
    expect(verify(signed({ timestamp: NOW_SECONDS + 300 })).ok).toBe(true)
  })
})

describe('WeChat Pay v3 notification: refusals', () => {
  it('PAYMENT_SIGNATURE_INVALID when any body byte changes', () => {
    const { headers, body } = signed()
    const bytes = Buffer.from(body, 'utf8')
    for (const index of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const tampered = Buffer.from(bytes)
      tampered[index] = tampered[index]! ^ 0x01
      expectRefusal(verify({ headers, body: tampered }), 'PAYMENT_SIGNATURE_INVALID')
    }
  })

  it('PAYMENT_SIGNATURE_INVALID when the body is re-serialised (whitespace added)', () => {
    const { headers, body } = signed()
    expectRefusal(
      verify({ headers, body: JSON.stringify(JSON.parse(body), null, 2) }),
      'PAYMENT_SIGNATURE_INVALID',
    )
  })

  it('PAYMENT_SIGNATURE_INVALID when the nonce or timestamp header is swapped', () => {
    const { headers, body } = signed()
    expectRefusal(
      verify({ headers: { ...headers, 'Wechatpay-Nonce': 'x' }, body }),
      'PAYMENT_SIGNATURE_INVALID',
    )
    const shifted = { ...headers, 'Wechatpay-Timestamp': String(NOW_SECONDS + 1) }
    expectRefusal(verify({ headers: shifted, body }), 'PAYMENT_SIGNATURE_INVALID')
  })

  it('PAYMENT_SIGNATURE_INVALID for a garbage signature, a signature probe, or another signature type', () => {
    const { headers, body } = signed()
    const cases = [
      { 'Wechatpay-Signature': 'not base64 !!' },
      { 'Wechatpay-Signature': Buffer.alloc(256, 7).toString('base64') },
      { 'Wechatpay-Signature': `WECHATPAY/SIGNTEST/${headers['Wechatpay-Signature']}` },
      { 'Wechatpay-Signature-Type': 'WECHATPAY2-SM2-WITH-SM3' },
    ]
    for (const change of cases) {
      expectRefusal(verify({ headers: { ...headers, ...change }, body }), 'PAYMENT_SIGNATURE_INVALID')
    }
  })

  it('PAYMENT_SIGNATURE_INVALID when another key signed it under a known serial', () => {
    const impostor = createSandboxProvider({ now: () => NOW, apiV3Key: wx.apiV3Key })
    const forged = impostor.wechatpay.signNotification(payment)
    forged.headers['Wechatpay-Serial'] = wx.platformSerial
    expectRefusal(verify(forged), 'PAYMENT_SIGNATURE_INVALID')
  })

  it('PAYMENT_UNKNOWN_SERIAL for a serial we hold no key for, or an unusable configured key', () => {
    const { headers, body } = signed()
    expectRefusal(
      verify({ headers: { ...headers, 'Wechatpay-Serial': 'PUB_KEY_ID_0000' }, body }),
      'PAYMENT_UNKNOWN_SERIAL',
    )
    const broken = new Map([[wx.platformSerial, 'not a pem']])
    expectRefusal(verify({ headers, body }, { platformKeys: broken }), 'PAYMENT_UNKNOWN_SERIAL')
  })

  it('PAYMENT_TIMESTAMP_SKEW for an authentic but old (replayed) or future notification', () => {
    expectRefusal(verify(signed({ timestamp: NOW_SECONDS - 301 })), 'PAYMENT_TIMESTAMP_SKEW')
    expectRefusal(verify(signed({ timestamp: NOW_SECONDS + 301 })), 'PAYMENT_TIMESTAMP_SKEW')
    // The window is configurable.
    expect(verify(signed({ timestamp: NOW_SECONDS - 301 }), { maxSkewSeconds: 600 }).ok).toBe(true)
    expectRefusal(
      verify(signed({ timestamp: NOW_SECONDS - 61 }), { maxSkewSeconds: 60 }),
      'PAYMENT_TIMESTAMP_SKEW',
    )
  })

  it('PAYMENT_DECRYPT_FAILED for a tampered ciphertext under a valid signature', () => {
    const notification = resignedWith((envelope) => {
      const sealed = Buffer.from(envelope.resource.ciphertext, 'base64')
      sealed[0] = sealed[0]! ^ 0x01
      envelope.resource.ciphertext = sealed.toString('base64')
    })
    expectRefusal(verify(notification), 'PAYMENT_DECRYPT_FAILED')
  })

  it('PAYMENT_DECRYPT_FAILED for a tampered tag, a truncated tag, or a wrong resource nonce', () => {
    const flipTag = resignedWith((envelope) => {
      const sealed = Buffer.from(envelope.resource.ciphertext, 'base64')
      sealed[sealed.length - 1] = sealed[sealed.length - 1]! ^ 0x80
      envelope.resource.ciphertext = sealed.toString('base64')
    })
    expectRefusal(verify(flipTag), 'PAYMENT_DECRYPT_FAILED')
    const truncated = resignedWith((envelope) => {
      const sealed = Buffer.from(envelope.resource.ciphertext, 'base64')
      envelope.resource.ciphertext = sealed.subarray(0, sealed.length - 4).toString('base64')
    })
    expectRefusal(verify(truncated), 'PAYMENT_DECRYPT_FAILED')
    const otherNonce = resignedWith((envelope) => {
      envelope.resource.nonce = 'AAAAAAAAAAAA'
    })
    expectRefusal(verify(otherNonce), 'PAYMENT_DECRYPT_FAILED')
  })

  it('PAYMENT_DECRYPT_FAILED when the associated data differs from what was encrypted', () => {
    const notification = resignedWith((envelope) => {
      envelope.resource.associated_data = 'refund'
    })
    expectRefusal(verify(notification), 'PAYMENT_DECRYPT_FAILED')
    // Encrypted with empty AAD but claiming "transaction" is just as wrong.
    const emptyAad = resignedWith(
      (envelope) => {
        envelope.resource.associated_data = 'transaction'
      },
      { associatedData: '' },
    )
    expectRefusal(verify(emptyAad), 'PAYMENT_DECRYPT_FAILED')
  })

  it('PAYMENT_DECRYPT_FAILED for a wrong APIv3 key, a key of the wrong length, or another algorithm', () => {
    const notification = signed()
    expectRefusal(verify(notification, { apiV3Key: 'Z'.repeat(32) }), 'PAYMENT_DECRYPT_FAILED')
    expectRefusal(verify(notification, { apiV3Key: wx.apiV3Key.slice(0, 31) }), 'PAYMENT_DECRYPT_FAILED')
    const otherAlgorithm = resignedWith((envelope) => {
      envelope.resource.algorithm = 'AEAD_SM4_GCM'
    })
    expectRefusal(verify(otherAlgorithm), 'PAYMENT_DECRYPT_FAILED')
  })

  it('PAYMENT_MERCHANT_MISMATCH for another mchid or appid', () => {
    expectRefusal(verify(signed({ transaction: { mchid: '1230000109' } })), 'PAYMENT_MERCHANT_MISMATCH')
    expectRefusal(
      verify(signed({ transaction: { appid: 'wx0000000000000000' } })),
      'PAYMENT_MERCHANT_MISMATCH',
    )
    const wrongExpectation = { mchid: wx.mchid, appid: 'wxsomeoneelse' }
    expectRefusal(verify(signed(), { expected: wrongExpectation }), 'PAYMENT_MERCHANT_MISMATCH')
  })

  it('PAYMENT_NOT_SUCCESS when trade_state is not SUCCESS or the event is not a payment success', () => {
    for (const tradeState of ['NOTPAY', 'CLOSED', 'REFUND', 'PAYERROR', 'USERPAYING']) {
      expectRefusal(verify(signed({ tradeState })), 'PAYMENT_NOT_SUCCESS')
    }
    expectRefusal(verify(signed({ eventType: 'REFUND.SUCCESS' })), 'PAYMENT_NOT_SUCCESS')
  })

  it('PAYMENT_MALFORMED for a non-integer, negative, zero, textual or non-CNY amount', () => {
    const badAmounts: Record<string, unknown>[] = [
      { total: 100.5 },
      { total: -100 },
      { total: 0 },
      { total: '25024' },
      { total: 2 ** 53 },
      { total: null },
      { currency: 'USD' },
      { currency: undefined },
      { payer_total: 1.5 },
      { payer_total: -1 },
    ]
    for (const amount of badAmounts) {
      expectRefusal(verify(signed({ amount })), 'PAYMENT_MALFORMED')
    }
    expectRefusal(verify(signed({ transaction: { amount: undefined } })), 'PAYMENT_MALFORMED')
  })

  it('accepts payer_total below total (a coupon) and reports the order total', () => {
    const result = verify(signed({ amount: { payer_total: 20000 } }))
    expect(result.ok && result.payment.amountFen).toBe(25024)
  })

  it('PAYMENT_MALFORMED for missing headers, missing ids, bad times, or a body that is not JSON', () => {
    const { headers, body } = signed()
    const { 'Wechatpay-Signature': _dropped, ...unsigned } = headers
    expectRefusal(verify({ headers: unsigned, body }), 'PAYMENT_MALFORMED')
    const twoNonces = { ...headers, 'wechatpay-nonce': headers['Wechatpay-Nonce']! }
    expectRefusal(verify({ headers: twoNonces, body }), 'PAYMENT_MALFORMED')
    const notJson = 'plain text'
    expectRefusal(verify({ headers: wx.signRawBody(notJson), body: notJson }), 'PAYMENT_MALFORMED')
    const noId = resignedWith((envelope) => {
      envelope.id = undefined
    })
    expectRefusal(verify(noId), 'PAYMENT_MALFORMED')
    expectRefusal(verify(signed({ transaction: { out_trade_no: '' } })), 'PAYMENT_MALFORMED')
    expectRefusal(verify(signed({ transaction: { transaction_id: 42 } })), 'PAYMENT_MALFORMED')
    expectRefusal(
      verify(signed({ transaction: { success_time: '2025-03-18 10:00:00' } })),
      'PAYMENT_MALFORMED',
    )
    const notTransaction = resignedWith((envelope) => {
      envelope.resource.original_type = 'refund'
    })
    expectRefusal(verify(notTransaction), 'PAYMENT_MALFORMED')
  })

  it('never throws, whatever arrives', () => {
    const hostile: unknown[] = [
      { headers: null, body: 'x' },
      { headers: {}, body: null },
      { headers: signed().headers, body: 42 },
      { headers: { 'Wechatpay-Serial': wx.platformSerial }, body: '' },
    ]
    for (const input of hostile) {
      const result = verify(input as any)
      expect(result.ok).toBe(false)
    }
    const scalarResource = resignedWith((envelope) => {
      envelope.resource = 'ciphertext'
    })
    expectRefusal(verify(scalarResource), 'PAYMENT_MALFORMED')
    const numericCiphertext = resignedWith((envelope) => {
      envelope.resource.ciphertext = 123
    })
    expectRefusal(verify(numericCiphertext), 'PAYMENT_MALFORMED')
  })
})

describe('WeChat Pay v3 notification: an independent test vector (node:crypto only, no sandbox)', () => {
  // Everything below follows the published format directly, so a bug shared by sandbox and verifier shows.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const apiV3Key = 'M3ihaoApiV3KeyForTests0123456789'
  const serial = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'
  const timestamp = '1742263200' // 2025-03-18T02:00:00Z
  const headerNonce = 'c5ac7061fccab6bf3e254dcf98995b8c'
  const resourceNonce = 'fdasflkja484'
  const transactionJson =
    '{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_trade_no":"1217752501201407033233368018",' +
    '"transaction_id":"1217752501201407033233368018","trade_type":"JSAPI","trade_state":"SUCCESS",' +
    '"trade_state_desc":"支付成功","bank_type":"CMC","attach":"自定义数据","success_time":"2018-06-08T10:34:56+08:00",' +
    '"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"amount":{"total":100,"payer_total":100,"currency":"CNY","payer_currency":"CNY"}}'

  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(resourceNonce))
  cipher.setAAD(Buffer.from('transaction'))
  const ciphertext = Buffer.concat([
    cipher.update(transactionJson, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ])
  const body =
    '{"id":"EV-2018022511223320873","create_time":"2015-05-20T13:29:35+08:00","resource_type":"encrypt-resource",' +
    '"event_type":"TRANSACTION.SUCCESS","summary":"支付成功","resource":{"original_type":"transaction",' +
    `"algorithm":"AEAD_AES_256_GCM","ciphertext":"${ciphertext.toString('base64')}","associated_data":"transaction",` +
    `"nonce":"${resourceNonce}"}}`
  const signature = sign('sha256', Buffer.from(`${timestamp}\n${headerNonce}\n${body}\n`, 'utf8'), privateKey)
  const headers = {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': headerNonce,
    'wechatpay-signature': signature.toString('base64'),
    'wechatpay-serial': serial,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  }
  const input: WechatPayNotificationInput = {
    headers,
    body,
    platformKeys: new Map([[serial, publicKey]]),
    apiV3Key,
    expected: { mchid: '1230000109', appid: 'wxd678efh567hg6787' },
    now: new Date('2025-03-18T02:03:00Z'),
  }

  it('builds the signed message as timestamp, nonce and body, each ending in a newline', () => {
    expect(wechatPaySignedMessage(timestamp, headerNonce, body).toString('utf8')).toBe(
      `${timestamp}\n${headerNonce}\n${body}\n`,
    )
  })

  it('decrypts the resource to the exact transaction JSON', () => {
    const resource = JSON.parse(body).resource
    expect(decryptWechatPayResource(resource, apiV3Key)).toEqual({ ok: true, plaintext: transactionJson })
  })

  it('accepts the hand-built notification', () => {
    expect(verifyWechatPayNotification(input)).toEqual({
      ok: true,
      payment: {
        provider: 'wechatpay',
        notificationId: 'EV-2018022511223320873',
        providerTradeNo: '1217752501201407033233368018',
        outTradeNo: '1217752501201407033233368018',
        amountFen: 100,
        paidAt: '2018-06-08T02:34:56.000Z',
        payerRef: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      },
    })
  })

  it('refuses it when the signature covers the body without the trailing newline', () => {
    const wrongMessage = sign(
      'sha256',
      Buffer.from(`${timestamp}\n${headerNonce}\n${body}`, 'utf8'),
      privateKey,
    )
    const result = verifyWechatPayNotification({
      ...input,
      headers: { ...headers, 'wechatpay-signature': wrongMessage.toString('base64') },
    })
    expectRefusal(result, 'PAYMENT_SIGNATURE_INVALID')
  })

  it('refuses it when the tag is taken from the front instead of the end', () => {
    const tagFirst = Buffer.concat([ciphertext.subarray(-16), ciphertext.subarray(0, -16)]).toString('base64')
    const swapped = body.replace(ciphertext.toString('base64'), tagFirst)
    const resigned = sign('sha256', Buffer.from(`${timestamp}\n${headerNonce}\n${swapped}\n`), privateKey)
    const result = verifyWechatPayNotification({
      ...input,
      body: swapped,
      headers: { ...headers, 'wechatpay-signature': resigned.toString('base64') },
    })
    expectRefusal(result, 'PAYMENT_DECRYPT_FAILED')
  })
})
