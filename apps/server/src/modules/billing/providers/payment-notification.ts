/**
 * The one shape every payment-provider adapter hands to billing. Verifiers are pure (crypto only, no
 * I/O): they decide whether a notification is authentic and means "this order is paid", nothing more.
 * Applying a payment at most once (providers redeliver for about a day) is the caller's job; it keys on
 * `provider` + `providerTradeNo`, with `notificationId` kept for the audit trail.
 */

export type PaymentProvider = 'wechatpay' | 'alipay'

export interface VerifiedPayment {
  provider: PaymentProvider
  /** WeChat Pay: the notification `id`; Alipay: `notify_id`. Differs between redeliveries of one trade. */
  notificationId: string
  /** The provider's trade number (WeChat `transaction_id`, Alipay `trade_no`) — the idempotency key. */
  providerTradeNo: string
  /** Our order number as we sent it to the provider. */
  outTradeNo: string
  /** The order amount in fen, always a positive safe integer. */
  amountFen: number
  /** When the provider says the payment succeeded, as an ISO-8601 UTC instant. */
  paidAt: string
  /** An opaque payer reference (WeChat openid, Alipay buyer id), when the provider sends one. */
  payerRef?: string
}

export const PAYMENT_REFUSAL_CODES = [
  'PAYMENT_SIGNATURE_INVALID',
  'PAYMENT_TIMESTAMP_SKEW',
  'PAYMENT_UNKNOWN_SERIAL',
  'PAYMENT_DECRYPT_FAILED',
  'PAYMENT_MERCHANT_MISMATCH',
  'PAYMENT_NOT_SUCCESS',
  'PAYMENT_MALFORMED',
] as const

export type PaymentRefusalCode = (typeof PAYMENT_REFUSAL_CODES)[number]

export interface PaymentRefusal {
  ok: false
  code: PaymentRefusalCode
  /** For logs and operators; never contains key material. */
  detail: string
}

export type PaymentVerification = { ok: true; payment: VerifiedPayment } | PaymentRefusal

export const refuse = (code: PaymentRefusalCode, detail: string): PaymentRefusal => ({
  ok: false,
  code,
  detail,
})

export const accept = (payment: VerifiedPayment): PaymentVerification => ({ ok: true, payment })

/** A positive safe integer: the only kind of amount billing will ever post. */
export const isPositiveFen = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Node's base64 decoder skips junk silently; a signature or ciphertext must be canonical base64. */
export const isStrictBase64 = (text: string): boolean =>
  text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text)
