import { createHash, createPublicKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSandboxProvider } from './sandbox'
import { decryptWechatPayResource } from './wechatpay-v3'

const NOW = new Date('2025-03-18T02:00:00Z')
const sandbox = createSandboxProvider({ now: () => NOW, apiV3Key: 'SandboxApiV3Key0123456789abcdefg' })

describe('createSandboxProvider', () => {
  it('derives the platform serial from the platform key, so it is stable for a given key', () => {
    const { platformSerial, platformPublicKeyPem } = sandbox.wechatpay
    const der = createPublicKey(platformPublicKeyPem).export({ format: 'der', type: 'spki' })
    expect(platformSerial).toBe(createHash('sha256').update(der).digest('hex').slice(0, 40).toUpperCase())
  })

  it('generates fresh RSA-2048 keys per sandbox: no private key is ever committed', () => {
    const other = createSandboxProvider()
    expect(other.wechatpay.platformSerial).not.toBe(sandbox.wechatpay.platformSerial)
    expect(sandbox.wechatpay.platformPublicKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
    expect(sandbox.alipay.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
    expect(other.wechatpay.apiV3Key).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(() => createSandboxProvider({ apiV3Key: 'too short' })).toThrow(RangeError)
  })

  it('writes the WeChat Pay envelope, headers and encrypted transaction in the documented shape', () => {
    const { headers, body } = sandbox.wechatpay.signNotification({ outTradeNo: 'MH-1', amountFen: 1 })
    expect(Object.keys(headers).sort()).toEqual([
      'Wechatpay-Nonce',
      'Wechatpay-Serial',
      'Wechatpay-Signature',
      'Wechatpay-Signature-Type',
      'Wechatpay-Timestamp',
    ])
    expect(headers['Wechatpay-Timestamp']).toBe(String(NOW.getTime() / 1000))
    const envelope = JSON.parse(body)
    expect(envelope).toMatchObject({
      create_time: '2025-03-18T10:00:00+08:00',
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        associated_data: 'transaction',
      },
    })
    expect(envelope.resource.nonce).toMatch(/^[A-Za-z0-9]{12}$/)
    const decrypted = decryptWechatPayResource(envelope.resource, sandbox.wechatpay.apiV3Key)
    if (!decrypted.ok) throw new Error(decrypted.detail)
    expect(JSON.parse(decrypted.plaintext)).toMatchObject({
      appid: sandbox.wechatpay.appid,
      mchid: sandbox.wechatpay.mchid,
      out_trade_no: 'MH-1',
      trade_state: 'SUCCESS',
      success_time: '2025-03-18T10:00:00+08:00',
      amount: { total: 1, payer_total: 1, currency: 'CNY' },
    })
  })

  it('writes the Alipay form in the documented shape, amounts as yuan with two decimals', () => {
    const params = sandbox.alipay.signNotification({ outTradeNo: 'MH-1', amountFen: 10 })
    expect(params).toMatchObject({
      app_id: sandbox.alipay.appId,
      seller_id: sandbox.alipay.sellerId,
      notify_type: 'trade_status_sync',
      notify_time: '2025-03-18 10:00:00',
      trade_status: 'TRADE_SUCCESS',
      total_amount: '0.10',
      sign_type: 'RSA2',
    })
    expect(Buffer.from(params.sign!, 'base64')).toHaveLength(256)
  })
})
