import { constants, createPrivateKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto'
import { formatFenAsYuan } from './alipay'
import { WECHATPAY_SIGNATURE_TYPE, wechatPaySignedMessage } from './wechatpay-v3'

/**
 * Live mode: where the owner's browser goes to pay an order. WeChat Pay API v3 H5 (`/v3/pay/transactions/h5`,
 * a signed request whose signed answer carries `h5_url`) and Alipay 手机网站支付 (`alipay.trade.wap.pay`, a
 * signed gateway URL, no call of ours). What comes back is applied only by the verified notification.
 */

export interface LaunchOrder {
  outTradeNo: string
  amountFen: number
  /** Shown to the payer in the provider's cashier. */
  description: string
  notifyUrl: string
  /** Where the provider sends the browser back: the order's page. */
  returnUrl: string
}

export class PaymentLaunchError extends Error {}

const rsaSign = (key: KeyObject, content: string | Buffer) =>
  sign('sha256', typeof content === 'string' ? Buffer.from(content, 'utf8') : content, {
    key,
    padding: constants.RSA_PKCS1_PADDING,
  }).toString('base64')

export const privateKeyOf = (pem: string): KeyObject => createPrivateKey(pem)

// ── WeChat Pay API v3, H5 ───────────────────────────────────────────────────────────────────────────

export interface WechatPayMerchant {
  apiBase: string
  mchid: string
  appid: string
  /** The serial number of the merchant's API certificate, and its private key. */
  serial: string
  privateKey: KeyObject
  /** The platform's key that signs WeChat Pay's answers (the one notifications are verified with). */
  platformSerial: string
  platformKey: KeyObject
}

/** The Authorization header of an API v3 request: RSA-SHA256 over method, path, time, nonce and body. */
export function wechatPayAuthorization(
  merchant: Pick<WechatPayMerchant, 'mchid' | 'serial' | 'privateKey'>,
  request: { method: string; path: string; body: string; timestamp: string; nonce: string },
): string {
  const message = `${request.method}\n${request.path}\n${request.timestamp}\n${request.nonce}\n${request.body}\n`
  const signature = rsaSign(merchant.privateKey, message)
  return `${WECHATPAY_SIGNATURE_TYPE} mchid="${merchant.mchid}",nonce_str="${request.nonce}",signature="${signature}",timestamp="${request.timestamp}",serial_no="${merchant.serial}"`
}

/** Places an H5 order and returns its `h5_url` (with the way back), after checking the answer's signature. */
export async function wechatPayH5Url(
  merchant: WechatPayMerchant,
  order: LaunchOrder & { payerIp: string },
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const path = '/v3/pay/transactions/h5'
  const body = JSON.stringify({
    appid: merchant.appid,
    mchid: merchant.mchid,
    description: order.description.slice(0, 127),
    out_trade_no: order.outTradeNo,
    notify_url: order.notifyUrl,
    amount: { total: order.amountFen, currency: 'CNY' },
    scene_info: { payer_client_ip: order.payerIp, h5_info: { type: 'Wap' } },
  })
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomBytes(16).toString('hex')
  let response: Response
  try {
    response = await fetchImpl(`${merchant.apiBase}${path}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: wechatPayAuthorization(merchant, { method: 'POST', path, body, timestamp, nonce }),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    })
  } catch (error) {
    throw new PaymentLaunchError(`WeChat Pay unreachable: ${(error as Error).message}`)
  }
  const text = await response.text()
  if (!response.ok)
    throw new PaymentLaunchError(`WeChat Pay answered ${response.status}: ${text.slice(0, 300)}`)
  const header = (name: string) => response.headers.get(name) ?? ''
  if (header('Wechatpay-Serial') !== merchant.platformSerial)
    throw new PaymentLaunchError('WeChat Pay answered with an unknown platform key')
  const signed = wechatPaySignedMessage(header('Wechatpay-Timestamp'), header('Wechatpay-Nonce'), text)
  const genuine = verify(
    'sha256',
    signed,
    { key: merchant.platformKey, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(header('Wechatpay-Signature'), 'base64'),
  )
  if (!genuine) throw new PaymentLaunchError("WeChat Pay's answer is not signed by its platform key")
  const h5Url = (JSON.parse(text) as { h5_url?: unknown }).h5_url
  if (typeof h5Url !== 'string' || !h5Url.startsWith('https://'))
    throw new PaymentLaunchError('WeChat Pay answered without an h5_url')
  return `${h5Url}&redirect_url=${encodeURIComponent(order.returnUrl)}`
}

// ── Alipay, 手机网站支付 ─────────────────────────────────────────────────────────────────────────────

export interface AlipayMerchant {
  gateway: string
  appId: string
  privateKey: KeyObject
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, as Alipay reads `timestamp`. */
const beijingTime = (now: Date) =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')

/**
 * The gateway URL of `alipay.trade.wap.pay`: every parameter but `sign` (sign_type included, as requests are
 * signed), sorted and joined, signed RSA2 with the app's private key.
 */
export function alipayWapPayUrl(merchant: AlipayMerchant, order: LaunchOrder, now = new Date()): string {
  const params: Record<string, string> = {
    app_id: merchant.appId,
    method: 'alipay.trade.wap.pay',
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: beijingTime(now),
    version: '1.0',
    notify_url: order.notifyUrl,
    return_url: order.returnUrl,
    biz_content: JSON.stringify({
      out_trade_no: order.outTradeNo,
      total_amount: formatFenAsYuan(order.amountFen),
      subject: order.description.slice(0, 256),
      product_code: 'QUICK_WAP_WAY',
    }),
  }
  const content = Object.keys(params)
    .filter((key) => params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&')
  const query = new URLSearchParams({ ...params, sign: rsaSign(merchant.privateKey, content) })
  return `${merchant.gateway}?${query.toString()}`
}
