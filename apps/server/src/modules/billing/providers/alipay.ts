import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto'
import { accept, isStrictBase64, type PaymentVerification, refuse } from './payment-notification'

/**
 * Alipay asynchronous notification (异步通知) verification, RSA2 only.
 *
 * Alipay POSTs form fields. To verify: drop `sign` and `sign_type`, drop empty values, sort the rest by
 * key (plain code-unit order, which is ASCII order for Alipay's keys), join `key=value` with `&` using the
 * URL-decoded values, and check the base64 `sign` as SHA256withRSA under the Alipay public key (not the
 * app's own key). The handler must answer the literal body `success`, or Alipay keeps redelivering.
 *
 * There is no timestamp window: Alipay legitimately redelivers for about 25 hours, so replays are handled
 * by applying each `trade_no` at most once, not by the clock.
 */

/** The exact response body that stops Alipay's redelivery. */
export const ALIPAY_NOTIFICATION_ACK = 'success'
export const ALIPAY_SIGN_TYPE = 'RSA2'
/** Both mean "paid": TRADE_FINISHED follows TRADE_SUCCESS once the refund window closes. */
export const ALIPAY_PAID_STATUSES: readonly string[] = ['TRADE_SUCCESS', 'TRADE_FINISHED']

/** PEM (SPKI or certificate), a KeyObject, or the bare base64 key the Alipay console shows. */
export type AlipayPublicKey = KeyObject | string

export interface AlipayNotificationInput {
  /** The parsed form, values already URL-decoded once by the body parser. */
  params: Readonly<Record<string, string>>
  alipayPublicKey: AlipayPublicKey
  expected: { appId: string; sellerId?: string }
}

/** The string Alipay signs: sign/sign_type and empty values dropped, the rest sorted and joined. */
export function alipaySignContent(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && key !== 'sign_type' && params[key] !== '' && params[key] !== undefined)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&')
}

/**
 * Parses a yuan amount such as `12.34` into fen with string arithmetic — never through a float.
 * Returns undefined for anything that is not a plain non-negative decimal with at most 2 places.
 */
export function parseYuanToFen(yuan: string): number | undefined {
  const match = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/.exec(yuan)
  if (!match) return undefined
  const fen = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : undefined
}

/** 10 → `0.10`: the way Alipay writes total_amount. */
export function formatFenAsYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not a fen amount: ${fen}`)
  const digits = String(fen).padStart(3, '0')
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`
}

/** Verifies an asynchronous payment notification. Never throws: every failure is a refusal. */
export function verifyAlipayNotification(input: AlipayNotificationInput): PaymentVerification {
  try {
    return verifyOrRefuse(input)
  } catch (error) {
    return refuse(
      'PAYMENT_MALFORMED',
      `unexpected: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

function verifyOrRefuse({ params, alipayPublicKey, expected }: AlipayNotificationInput): PaymentVerification {
  if (typeof params !== 'object' || params === null) {
    return refuse('PAYMENT_MALFORMED', 'params is not an object')
  }
  // A body parser may turn repeated fields into arrays; a notification never repeats one.
  const nonString = Object.keys(params).find((key) => typeof params[key] !== 'string')
  if (nonString !== undefined) return refuse('PAYMENT_MALFORMED', `param ${nonString} is not a single string`)

  const { sign, sign_type: signType, charset } = params
  if (signType !== ALIPAY_SIGN_TYPE) {
    return refuse('PAYMENT_SIGNATURE_INVALID', `sign_type ${String(signType)} is not RSA2`)
  }
  if (!sign || !isStrictBase64(sign)) {
    return refuse('PAYMENT_SIGNATURE_INVALID', 'sign is missing or not base64')
  }
  // Alipay signs the bytes in the notification's charset; we only configure apps for UTF-8.
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    return refuse('PAYMENT_MALFORMED', `charset ${charset} is not UTF-8`)
  }

  const key = toPublicKey(alipayPublicKey)
  if (!key) return refuse('PAYMENT_SIGNATURE_INVALID', 'the configured Alipay public key is unusable')
  if (!rsaSha256Verifies(key, alipaySignContent(params), sign)) {
    return refuse('PAYMENT_SIGNATURE_INVALID', 'sign does not match the parameters')
  }

  if (params.app_id !== expected.appId) {
    return refuse('PAYMENT_MERCHANT_MISMATCH', `app_id ${String(params.app_id)} is not ours`)
  }
  if (expected.sellerId !== undefined && params.seller_id !== expected.sellerId) {
    return refuse('PAYMENT_MERCHANT_MISMATCH', `seller_id ${String(params.seller_id)} is not ours`)
  }
  const tradeStatus = params.trade_status
  if (tradeStatus === undefined || !ALIPAY_PAID_STATUSES.includes(tradeStatus)) {
    return refuse('PAYMENT_NOT_SUCCESS', `trade_status is ${String(tradeStatus)}`)
  }

  const {
    notify_id: notifyId,
    trade_no: tradeNo,
    out_trade_no: outTradeNo,
    total_amount: totalAmount,
  } = params
  if (!notifyId || !tradeNo || !outTradeNo) {
    return refuse('PAYMENT_MALFORMED', 'notify_id, trade_no or out_trade_no is missing')
  }
  const amountFen = totalAmount === undefined ? undefined : parseYuanToFen(totalAmount)
  if (amountFen === undefined || amountFen <= 0) {
    return refuse('PAYMENT_MALFORMED', `total_amount ${String(totalAmount)} is not a positive yuan amount`)
  }
  // gmt_payment is when the buyer paid; notify_time is the fallback Alipay always sends.
  const paidAt = beijingTimeToIso(params.gmt_payment || params.notify_time)
  if (!paidAt) return refuse('PAYMENT_MALFORMED', 'gmt_payment / notify_time is not yyyy-MM-dd HH:mm:ss')
  const payerRef = params.buyer_open_id || params.buyer_id

  return accept({
    provider: 'alipay',
    notificationId: notifyId,
    providerTradeNo: tradeNo,
    outTradeNo,
    amountFen,
    paidAt,
    ...(payerRef ? { payerRef } : {}),
  })
}

function toPublicKey(key: AlipayPublicKey): KeyObject | undefined {
  try {
    if (typeof key !== 'string') return key.type === 'private' ? createPublicKey(key) : key
    if (key.includes('-----BEGIN')) return createPublicKey(key)
    return createPublicKey({
      key: Buffer.from(key.replace(/\s+/g, ''), 'base64'),
      format: 'der',
      type: 'spki',
    })
  } catch {
    return undefined
  }
}

function rsaSha256Verifies(key: KeyObject, content: string, signatureBase64: string): boolean {
  if (key.asymmetricKeyType !== 'rsa') return false
  try {
    return verify(
      'sha256',
      Buffer.from(content, 'utf8'),
      { key, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(signatureBase64, 'base64'),
    )
  } catch {
    return false
  }
}

/** Alipay times are `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8, no daylight saving). */
function beijingTimeToIso(value: string | undefined): string | undefined {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return undefined
  const ms = Date.parse(`${value.replace(' ', 'T')}+08:00`)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}
