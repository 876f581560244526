import {
  createCipheriv,
  createHash,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
  sign,
} from 'node:crypto'
import { alipaySignContent, formatFenAsYuan } from './alipay'
import {
  WECHATPAY_EVENT_TRANSACTION_SUCCESS,
  WECHATPAY_RESOURCE_ALGORITHM,
  WECHATPAY_SIGNATURE_TYPE,
} from './wechatpay-v3'

/**
 * A local stand-in for WeChat Pay and Alipay, for the demo and tests: no network. It holds freshly
 * generated RSA-2048 "platform" keys (so no private key is ever committed) and produces notifications
 * byte-for-byte in the providers' formats. The verifiers get no sandbox switch: they accept these through
 * the very code path a real notification takes, configured with the sandbox's public keys.
 */

export interface SandboxOptions {
  mchid?: string
  appid?: string
  /** 32 characters; random when omitted. */
  apiV3Key?: string
  alipayAppId?: string
  alipaySellerId?: string
  /** The sandbox's clock, for timestamps and default payment times. */
  now?: () => Date
}

export interface SandboxPayment {
  outTradeNo: string
  amountFen: number
  /** The provider trade number; generated when omitted. */
  providerTradeNo?: string
  paidAt?: Date
  payerRef?: string
}

export interface SandboxWechatPayOptions {
  /** Unix seconds for Wechatpay-Timestamp (defaults to the sandbox clock). */
  timestamp?: number
  notificationId?: string
  eventType?: string
  tradeState?: string
  /** AAD used to encrypt the resource (WeChat sends "transaction"). */
  associatedData?: string
  /** Fields merged over the transaction JSON before encryption — to simulate odd or hostile payloads. */
  transaction?: Record<string, unknown>
  /** Fields merged over transaction.amount. */
  amount?: Record<string, unknown>
}

export interface SignedWechatPayNotification {
  headers: Record<string, string>
  body: string
}

export interface SandboxAlipayOptions {
  tradeStatus?: string
  /** Extra or replacement form fields, signed along with the rest. */
  params?: Record<string, string>
}

export interface SandboxProvider {
  wechatpay: {
    mchid: string
    appid: string
    apiV3Key: string
    /** Deterministic for the key: derived from its fingerprint, 40 hex digits like a real serial. */
    platformSerial: string
    platformPublicKey: KeyObject
    platformPublicKeyPem: string
    /** Ready to pass to verifyWechatPayNotification. */
    verifierConfig: {
      platformKeys: Map<string, KeyObject>
      apiV3Key: string
      expected: { mchid: string; appid: string }
    }
    signNotification(payment: SandboxPayment, options?: SandboxWechatPayOptions): SignedWechatPayNotification
    /** Signs any body as the platform would — lets tests tamper with a body and keep a valid signature. */
    signRawBody(body: string, options?: { timestamp?: number; nonce?: string }): Record<string, string>
  }
  alipay: {
    appId: string
    sellerId: string
    publicKey: KeyObject
    publicKeyPem: string
    /** Ready to pass to verifyAlipayNotification. */
    verifierConfig: { alipayPublicKey: KeyObject; expected: { appId: string; sellerId: string } }
    signNotification(payment: SandboxPayment, options?: SandboxAlipayOptions): Record<string, string>
    /** Signs any parameter set (sign/sign_type are added) — for tampering tests. */
    signParams(params: Record<string, string>): Record<string, string>
  }
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function randomAlphanumeric(length: number): string {
  // 62 does not divide 256, so reject the top bytes to keep every character equally likely.
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62]
    }
  }
  return out
}

const randomDigits = (length: number) => Array.from(randomBytes(length), (byte) => String(byte % 10)).join('')

/** `2025-03-18T10:34:56+08:00` — WeChat's success_time / create_time style. */
function beijingRfc3339(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`
}

/** `2025-03-18 10:34:56` — Alipay's notify_time / gmt_payment style. */
function beijingAlipayTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
}

function generateRsaKeyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
}

export function createSandboxProvider(options: SandboxOptions = {}): SandboxProvider {
  const now = options.now ?? (() => new Date())
  const mchid = options.mchid ?? '1900000109'
  const appid = options.appid ?? 'wxd678efh567hg6787'
  const apiV3Key = options.apiV3Key ?? randomAlphanumeric(32)
  if (Buffer.byteLength(apiV3Key, 'utf8') !== 32) {
    throw new RangeError('the sandbox APIv3 key must be 32 bytes')
  }
  const alipayAppId = options.alipayAppId ?? '2021000000000001'
  const alipaySellerId = options.alipaySellerId ?? '2088000000000001'

  const platform = generateRsaKeyPair()
  const platformSerial = createHash('sha256')
    .update(platform.publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 40)
    .toUpperCase()
  const alipayKeys = generateRsaKeyPair()

  function signRawBody(body: string, signing: { timestamp?: number; nonce?: string } = {}) {
    const timestamp = String(signing.timestamp ?? Math.floor(now().getTime() / 1000))
    const nonce = signing.nonce ?? randomAlphanumeric(32)
    // Built here on its own rather than via the verifier's helper: the test vectors pin both to the spec.
    const message = Buffer.from(`${timestamp}\n${nonce}\n${body}\n`, 'utf8')
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': sign('sha256', message, platform.privateKey).toString('base64'),
      'Wechatpay-Serial': platformSerial,
      'Wechatpay-Signature-Type': WECHATPAY_SIGNATURE_TYPE,
    }
  }

  function signWechatNotification(
    payment: SandboxPayment,
    extra: SandboxWechatPayOptions = {},
  ): SignedWechatPayNotification {
    const paidAt = payment.paidAt ?? now()
    const transaction = {
      appid,
      mchid,
      out_trade_no: payment.outTradeNo,
      transaction_id: payment.providerTradeNo ?? `4200${randomDigits(24)}`,
      trade_type: 'JSAPI',
      trade_state: extra.tradeState ?? 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: '',
      success_time: beijingRfc3339(paidAt),
      payer: { openid: payment.payerRef ?? `o${randomAlphanumeric(27)}` },
      amount: {
        total: payment.amountFen,
        payer_total: payment.amountFen,
        currency: 'CNY',
        payer_currency: 'CNY',
        ...extra.amount,
      },
      ...extra.transaction,
    }
    const nonce = randomAlphanumeric(12)
    const associatedData = extra.associatedData ?? 'transaction'
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'))
    cipher.setAAD(Buffer.from(associatedData, 'utf8'))
    const sealed = Buffer.concat([
      cipher.update(JSON.stringify(transaction), 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ])
    const body = JSON.stringify({
      id: extra.notificationId ?? randomUUID(),
      create_time: beijingRfc3339(now()),
      resource_type: 'encrypt-resource',
      event_type: extra.eventType ?? WECHATPAY_EVENT_TRANSACTION_SUCCESS,
      summary: '支付成功',
      resource: {
        original_type: 'transaction',
        algorithm: WECHATPAY_RESOURCE_ALGORITHM,
        ciphertext: sealed.toString('base64'),
        associated_data: associatedData,
        nonce,
      },
    })
    return {
      headers: signRawBody(body, extra.timestamp === undefined ? {} : { timestamp: extra.timestamp }),
      body,
    }
  }

  function signAlipayParams(params: Record<string, string>): Record<string, string> {
    const content = alipaySignContent(params)
    return {
      ...params,
      sign_type: 'RSA2',
      sign: sign('sha256', Buffer.from(content, 'utf8'), alipayKeys.privateKey).toString('base64'),
    }
  }

  function signAlipayNotification(payment: SandboxPayment, extra: SandboxAlipayOptions = {}) {
    const paidAt = payment.paidAt ?? now()
    const params: Record<string, string> = {
      notify_time: beijingAlipayTime(now()),
      notify_type: 'trade_status_sync',
      notify_id: randomAlphanumeric(34).toLowerCase(),
      charset: 'utf-8',
      version: '1.0',
      app_id: alipayAppId,
      seller_id: alipaySellerId,
      trade_no: payment.providerTradeNo ?? `${paidAt.getUTCFullYear()}${randomDigits(24)}`,
      out_trade_no: payment.outTradeNo,
      trade_status: extra.tradeStatus ?? 'TRADE_SUCCESS',
      total_amount: formatFenAsYuan(payment.amountFen),
      receipt_amount: formatFenAsYuan(payment.amountFen),
      buyer_id: payment.payerRef ?? `2088${randomDigits(12)}`,
      subject: '物业服务费',
      gmt_create: beijingAlipayTime(paidAt),
      gmt_payment: beijingAlipayTime(paidAt),
      ...extra.params,
    }
    return signAlipayParams(params)
  }

  const platformPublicKeyPem = platform.publicKey.export({ format: 'pem', type: 'spki' }).toString()
  const alipayPublicKeyPem = alipayKeys.publicKey.export({ format: 'pem', type: 'spki' }).toString()

  return {
    wechatpay: {
      mchid,
      appid,
      apiV3Key,
      platformSerial,
      platformPublicKey: platform.publicKey,
      platformPublicKeyPem,
      verifierConfig: {
        platformKeys: new Map([[platformSerial, platform.publicKey]]),
        apiV3Key,
        expected: { mchid, appid },
      },
      signNotification: signWechatNotification,
      signRawBody,
    },
    alipay: {
      appId: alipayAppId,
      sellerId: alipaySellerId,
      publicKey: alipayKeys.publicKey,
      publicKeyPem: alipayPublicKeyPem,
      verifierConfig: {
        alipayPublicKey: alipayKeys.publicKey,
        expected: { appId: alipayAppId, sellerId: alipaySellerId },
      },
      signNotification: signAlipayNotification,
      signParams: signAlipayParams,
    },
  }
}
