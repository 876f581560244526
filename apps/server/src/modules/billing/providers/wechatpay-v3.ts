import { constants, createDecipheriv, createPublicKey, type KeyObject, verify } from 'node:crypto'
import {
  accept,
  isPositiveFen,
  isRecord,
  isStrictBase64,
  type PaymentRefusal,
  type PaymentVerification,
  refuse,
} from './payment-notification'

/**
 * WeChat Pay API v3 payment notification (支付通知) verification.
 *
 * 1. The platform signs `${Wechatpay-Timestamp}\n${Wechatpay-Nonce}\n${raw body}\n` with SHA256-RSA
 *    (PKCS#1 v1.5); the key is chosen by `Wechatpay-Serial` (a platform certificate serial or a
 *    `PUB_KEY_ID_…` public-key id — both are just map keys here).
 * 2. `resource` is AEAD_AES_256_GCM under the merchant's APIv3 key: nonce = IV, associated_data = AAD,
 *    the last 16 bytes of the base64-decoded ciphertext are the tag.
 * 3. The plaintext is the transaction; it must name our merchant and app and say SUCCESS.
 *
 * The body must be the raw request bytes: re-serialised JSON does not verify.
 */

export const WECHATPAY_SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048'
export const WECHATPAY_EVENT_TRANSACTION_SUCCESS = 'TRANSACTION.SUCCESS'
export const WECHATPAY_RESOURCE_ALGORITHM = 'AEAD_AES_256_GCM'
/** WeChat's own guidance: accept notifications whose timestamp is within 5 minutes of our clock. */
export const WECHATPAY_DEFAULT_MAX_SKEW_SECONDS = 300

const GCM_TAG_BYTES = 16
const GCM_NONCE_BYTES = 12
const APIV3_KEY_BYTES = 32

/** Node's IncomingHttpHeaders, a plain record in any letter case, or a fetch `Headers`. */
export type WechatPayHeaders =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | { get(name: string): string | null }

/** A platform key: a KeyObject, a PEM public key, or a PEM X.509 platform certificate. */
export type WechatPayPlatformKey = KeyObject | string

export interface WechatPayNotificationInput {
  headers: WechatPayHeaders
  /** The raw request body, exactly as received. */
  body: string | Uint8Array
  /** Serial (Wechatpay-Serial) → platform key; keep old serials during a certificate rotation. */
  platformKeys: ReadonlyMap<string, WechatPayPlatformKey>
  /** The 32-character APIv3 key set in the merchant platform (its bytes are the AES-256 key). */
  apiV3Key: string | Uint8Array
  expected: { mchid: string; appid: string }
  now?: Date
  maxSkewSeconds?: number
}

export interface WechatPayEncryptedResource {
  algorithm: string
  ciphertext: string
  nonce: string
  associated_data?: string
  original_type?: string
}

/** The exact bytes WeChat Pay signs for a response or notification. */
export function wechatPaySignedMessage(timestamp: string, nonce: string, body: string | Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'),
    typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body),
    Buffer.from('\n', 'utf8'),
  ])
}

/** Decrypts an AEAD_AES_256_GCM resource (payment or refund notifications alike) to its UTF-8 plaintext. */
export function decryptWechatPayResource(
  resource: unknown,
  apiV3Key: string | Uint8Array,
): { ok: true; plaintext: string } | PaymentRefusal {
  if (!isRecord(resource)) return refuse('PAYMENT_MALFORMED', 'resource is not an object')
  const { algorithm, ciphertext, nonce } = resource
  const associatedData = resource.associated_data ?? ''
  if (typeof ciphertext !== 'string' || typeof nonce !== 'string' || typeof associatedData !== 'string') {
    return refuse('PAYMENT_MALFORMED', 'resource lacks ciphertext, nonce or associated_data strings')
  }
  if (algorithm !== WECHATPAY_RESOURCE_ALGORITHM) {
    return refuse('PAYMENT_DECRYPT_FAILED', `unsupported resource algorithm ${String(algorithm)}`)
  }
  const key = typeof apiV3Key === 'string' ? Buffer.from(apiV3Key, 'utf8') : Buffer.from(apiV3Key)
  if (key.length !== APIV3_KEY_BYTES) {
    return refuse('PAYMENT_DECRYPT_FAILED', `the APIv3 key must be ${APIV3_KEY_BYTES} bytes`)
  }
  const iv = Buffer.from(nonce, 'utf8')
  if (iv.length !== GCM_NONCE_BYTES) return refuse('PAYMENT_DECRYPT_FAILED', 'resource nonce is not 12 bytes')
  if (!isStrictBase64(ciphertext)) return refuse('PAYMENT_DECRYPT_FAILED', 'ciphertext is not base64')
  const sealed = Buffer.from(ciphertext, 'base64')
  if (sealed.length <= GCM_TAG_BYTES) {
    return refuse('PAYMENT_DECRYPT_FAILED', 'ciphertext shorter than its tag')
  }
  try {
    // authTagLength pins the tag to 16 bytes, so a truncated tag cannot weaken authentication.
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES })
    decipher.setAAD(Buffer.from(associatedData, 'utf8'))
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES))
    const plain = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)),
      decipher.final(),
    ])
    return { ok: true, plaintext: plain.toString('utf8') }
  } catch {
    return refuse(
      'PAYMENT_DECRYPT_FAILED',
      'authentication failed (wrong APIv3 key, nonce, AAD or ciphertext)',
    )
  }
}

/** Verifies a payment notification end to end. Never throws: every failure is a refusal. */
export function verifyWechatPayNotification(input: WechatPayNotificationInput): PaymentVerification {
  try {
    return verifyOrRefuse(input)
  } catch (error) {
    // Belt and braces: hostile input must never turn into a 500 that makes WeChat retry forever.
    return refuse(
      'PAYMENT_MALFORMED',
      `unexpected: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

function verifyOrRefuse(input: WechatPayNotificationInput): PaymentVerification {
  const { headers, body, platformKeys, apiV3Key, expected } = input
  const now = input.now ?? new Date()
  const maxSkewSeconds = input.maxSkewSeconds ?? WECHATPAY_DEFAULT_MAX_SKEW_SECONDS

  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    return refuse('PAYMENT_MALFORMED', 'body must be the raw request text or bytes')
  }
  const read = (name: string) => headerValue(headers, name)
  const timestamp = read('Wechatpay-Timestamp')
  const nonce = read('Wechatpay-Nonce')
  const signature = read('Wechatpay-Signature')
  const serial = read('Wechatpay-Serial')
  const signatureType = read('Wechatpay-Signature-Type')
  if (!timestamp || !nonce || !signature || !serial) {
    return refuse('PAYMENT_MALFORMED', 'missing Wechatpay-Timestamp, -Nonce, -Signature or -Serial header')
  }
  if (signatureType !== undefined && signatureType !== WECHATPAY_SIGNATURE_TYPE) {
    return refuse('PAYMENT_SIGNATURE_INVALID', `unsupported signature type ${signatureType}`)
  }

  const configuredKey = platformKeys.get(serial)
  if (configuredKey === undefined) {
    return refuse('PAYMENT_UNKNOWN_SERIAL', `no platform key for serial ${serial}`)
  }
  const publicKey = toPublicKey(configuredKey)
  if (!publicKey) return refuse('PAYMENT_UNKNOWN_SERIAL', `the platform key for serial ${serial} is unusable`)

  if (!/^\d{1,12}$/.test(timestamp)) {
    return refuse('PAYMENT_MALFORMED', 'Wechatpay-Timestamp is not unix seconds')
  }
  if (!isStrictBase64(signature)) return refuse('PAYMENT_SIGNATURE_INVALID', 'signature is not base64')
  if (!rsaSha256Verifies(publicKey, wechatPaySignedMessage(timestamp, nonce, body), signature)) {
    return refuse('PAYMENT_SIGNATURE_INVALID', 'signature does not match timestamp, nonce and body')
  }
  // Checked after the signature, so a skew refusal means "authentic but stale or early": a replay.
  const skewSeconds = Math.abs(now.getTime() / 1000 - Number(timestamp))
  if (!(skewSeconds <= maxSkewSeconds)) {
    return refuse('PAYMENT_TIMESTAMP_SKEW', `timestamp is ${Math.round(skewSeconds)}s from now`)
  }

  const envelope = parseJson(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'))
  if (!isRecord(envelope)) return refuse('PAYMENT_MALFORMED', 'body is not a JSON object')
  if (!isNonEmptyString(envelope.id)) return refuse('PAYMENT_MALFORMED', 'notification has no id')
  if (envelope.event_type !== WECHATPAY_EVENT_TRANSACTION_SUCCESS) {
    return refuse('PAYMENT_NOT_SUCCESS', `event_type is ${String(envelope.event_type)}`)
  }
  if (isRecord(envelope.resource) && envelope.resource.original_type !== undefined) {
    if (envelope.resource.original_type !== 'transaction') {
      return refuse(
        'PAYMENT_MALFORMED',
        `resource original_type is ${String(envelope.resource.original_type)}`,
      )
    }
  }

  const decrypted = decryptWechatPayResource(envelope.resource, apiV3Key)
  if (!decrypted.ok) return decrypted
  const transaction = parseJson(decrypted.plaintext)
  if (!isRecord(transaction)) return refuse('PAYMENT_MALFORMED', 'decrypted resource is not a JSON object')

  if (transaction.mchid !== expected.mchid) {
    return refuse('PAYMENT_MERCHANT_MISMATCH', `mchid ${String(transaction.mchid)} is not ours`)
  }
  if (transaction.appid !== expected.appid) {
    return refuse('PAYMENT_MERCHANT_MISMATCH', `appid ${String(transaction.appid)} is not ours`)
  }
  if (transaction.trade_state !== 'SUCCESS') {
    return refuse('PAYMENT_NOT_SUCCESS', `trade_state is ${String(transaction.trade_state)}`)
  }
  const { out_trade_no: outTradeNo, transaction_id: transactionId } = transaction
  if (!isNonEmptyString(outTradeNo) || !isNonEmptyString(transactionId)) {
    return refuse('PAYMENT_MALFORMED', 'transaction lacks out_trade_no or transaction_id')
  }

  const amount = transaction.amount
  if (!isRecord(amount)) return refuse('PAYMENT_MALFORMED', 'transaction has no amount')
  if (!isPositiveFen(amount.total)) {
    return refuse(
      'PAYMENT_MALFORMED',
      `amount.total ${JSON.stringify(amount.total)} is not a positive integer`,
    )
  }
  if (amount.currency !== 'CNY') {
    return refuse('PAYMENT_MALFORMED', `currency ${String(amount.currency)} is not CNY`)
  }
  // payer_total may be below total (coupons); it must still be a whole number of fen when present.
  if (
    amount.payer_total !== undefined &&
    !(Number.isSafeInteger(amount.payer_total) && Number(amount.payer_total) >= 0)
  ) {
    return refuse('PAYMENT_MALFORMED', 'amount.payer_total is not a non-negative integer')
  }

  const paidAt = rfc3339ToIso(transaction.success_time)
  if (!paidAt) return refuse('PAYMENT_MALFORMED', 'success_time is not an RFC 3339 time')
  const openid = isRecord(transaction.payer) ? transaction.payer.openid : undefined

  return accept({
    provider: 'wechatpay',
    notificationId: envelope.id,
    providerTradeNo: transactionId,
    outTradeNo,
    // The order amount, not payer_total: the bill was for the order; coupons are WeChat's business.
    amountFen: amount.total,
    paidAt,
    ...(isNonEmptyString(openid) ? { payerRef: openid } : {}),
  })
}

/** Case-insensitive; an absent, empty or repeated header reads as undefined. */
function headerValue(headers: WechatPayHeaders, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined
  if ('get' in headers && typeof headers.get === 'function') {
    const value = headers.get(name)
    return typeof value === 'string' && value !== '' ? value.trim() : undefined
  }
  const wanted = name.toLowerCase()
  const matches = Object.entries(headers as Record<string, unknown>).filter(
    ([key]) => key.toLowerCase() === wanted,
  )
  if (matches.length !== 1) return undefined
  let value = matches[0]![1]
  if (Array.isArray(value)) value = value.length === 1 ? value[0] : undefined
  return typeof value === 'string' && value !== '' ? value.trim() : undefined
}

function toPublicKey(key: WechatPayPlatformKey): KeyObject | undefined {
  try {
    if (typeof key === 'string') return createPublicKey(key) // a PEM public key or X.509 certificate
    return key.type === 'private' ? createPublicKey(key) : key
  } catch {
    return undefined
  }
}

function rsaSha256Verifies(key: KeyObject, message: Buffer, signatureBase64: string): boolean {
  if (key.asymmetricKeyType !== 'rsa') return false
  try {
    return verify(
      'sha256',
      message,
      { key, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(signatureBase64, 'base64'),
    )
  } catch {
    return false
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== ''

/** `2018-06-08T10:34:56+08:00` → `2018-06-08T02:34:56.000Z`; anything looser is refused. */
function rfc3339ToIso(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}
