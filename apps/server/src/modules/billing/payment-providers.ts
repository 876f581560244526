import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Config } from '../../platform/config'
import { conflict, upstreamFailed } from '../../platform/errors'
import { verifyAlipayNotification } from './providers/alipay'
import { alipayWapPayUrl, PaymentLaunchError, privateKeyOf, wechatPayH5Url } from './providers/order-launch'
import type { PaymentVerification } from './providers/payment-notification'
import { createSandboxProvider, type SandboxProvider } from './providers/sandbox'
import { verifyWechatPayNotification, type WechatPayHeaders } from './providers/wechatpay-v3'

/**
 * The payment providers of this deployment: how notifications are verified, and in sandbox mode the
 * stand-in that signs them. One per process (the sandbox's keys are generated at start and never stored).
 */
export interface PaymentProviders {
  mode: 'sandbox' | 'live' | 'off'
  sandbox: SandboxProvider | null
  verifyWechatPay(headers: WechatPayHeaders, body: string): PaymentVerification
  verifyAlipay(params: Record<string, string>): PaymentVerification
  /** Refuses, before any order is made, a provider this deployment cannot take payments with. */
  assertReady(provider: OrderToLaunch['provider']): void
  /** Live: the provider's page where the owner pays the order; null in sandbox mode (the app's cashier). */
  launch(order: OrderToLaunch): Promise<string | null>
}

export interface OrderToLaunch {
  tenantId: string
  orderId: string
  provider: 'wechatpay' | 'alipay'
  outTradeNo: string
  amountFen: number
  description: string
  payerIp: string
}

const off = (): PaymentVerification => ({
  ok: false,
  code: 'PAYMENT_MERCHANT_MISMATCH',
  detail: 'online payment is off',
})

function livePublicKey(file: string): KeyObject {
  const pem = readFileSync(file, 'utf8')
  return pem.includes('CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem)
}

let cached: { config: Config; providers: PaymentProviders } | undefined

export function paymentProviders(config: Config): PaymentProviders {
  if (cached?.config === config) return cached.providers
  const providers = build(config)
  cached = { config, providers }
  return providers
}

function build(config: Config): PaymentProviders {
  if (config.MEIHAO_PAYMENTS === 'sandbox') {
    const sandbox = createSandboxProvider()
    return {
      mode: 'sandbox',
      sandbox,
      verifyWechatPay: (headers, body) =>
        verifyWechatPayNotification({ headers, body, ...sandbox.wechatpay.verifierConfig }),
      verifyAlipay: (params) => verifyAlipayNotification({ params, ...sandbox.alipay.verifierConfig }),
      assertReady: () => undefined,
      launch: async () => null,
    }
  }
  if (config.MEIHAO_PAYMENTS === 'live') {
    const wechatKey = config.MEIHAO_WECHATPAY_PLATFORM_KEY_FILE
      ? livePublicKey(config.MEIHAO_WECHATPAY_PLATFORM_KEY_FILE)
      : null
    const alipayKey = config.MEIHAO_ALIPAY_PUBLIC_KEY_FILE
      ? livePublicKey(config.MEIHAO_ALIPAY_PUBLIC_KEY_FILE)
      : null
    return {
      mode: 'live',
      sandbox: null,
      ...liveLauncher(config, wechatKey, alipayKey),
      verifyWechatPay: (headers, body) =>
        wechatKey && config.MEIHAO_WECHATPAY_APIV3_KEY && config.MEIHAO_WECHATPAY_PLATFORM_SERIAL
          ? verifyWechatPayNotification({
              headers,
              body,
              platformKeys: new Map([[config.MEIHAO_WECHATPAY_PLATFORM_SERIAL, wechatKey]]),
              apiV3Key: config.MEIHAO_WECHATPAY_APIV3_KEY,
              expected: {
                mchid: config.MEIHAO_WECHATPAY_MCHID ?? '',
                appid: config.MEIHAO_WECHATPAY_APPID ?? '',
              },
            })
          : off(),
      verifyAlipay: (params) =>
        alipayKey && config.MEIHAO_ALIPAY_APP_ID
          ? verifyAlipayNotification({
              params,
              alipayPublicKey: alipayKey,
              expected: {
                appId: config.MEIHAO_ALIPAY_APP_ID,
                ...(config.MEIHAO_ALIPAY_SELLER_ID ? { sellerId: config.MEIHAO_ALIPAY_SELLER_ID } : {}),
              },
            })
          : off(),
    }
  }
  return {
    mode: 'off',
    sandbox: null,
    verifyWechatPay: off,
    verifyAlipay: off,
    assertReady: () => {
      throw conflict('BILLING_ONLINE_OFF')
    },
    launch: () => Promise.reject(conflict('BILLING_ONLINE_OFF')),
  }
}

/** Live order placement with the merchant's keys; a provider whose settings are incomplete is refused. */
function liveLauncher(config: Config, platformKey: KeyObject | null, alipayPublicKey: KeyObject | null) {
  const read = (file: string | undefined) => (file ? privateKeyOf(readFileSync(file, 'utf8')) : null)
  const wechatKey = read(config.MEIHAO_WECHATPAY_MERCHANT_KEY_FILE)
  const alipayKey = read(config.MEIHAO_ALIPAY_APP_PRIVATE_KEY_FILE)
  const base = config.MEIHAO_PUBLIC_URL?.replace(/\/+$/, '')
  const { MEIHAO_WECHATPAY_MCHID: mchid, MEIHAO_WECHATPAY_APPID: appid } = config
  const { MEIHAO_WECHATPAY_MERCHANT_SERIAL: serial, MEIHAO_WECHATPAY_PLATFORM_SERIAL: platformSerial } =
    config
  const wechatpay =
    base &&
    wechatKey &&
    platformKey &&
    mchid &&
    appid &&
    serial &&
    platformSerial &&
    config.MEIHAO_WECHATPAY_APIV3_KEY
      ? {
          apiBase: config.MEIHAO_WECHATPAY_API_BASE,
          mchid,
          appid,
          serial,
          privateKey: wechatKey,
          platformSerial,
          platformKey,
        }
      : null
  const alipay =
    base && alipayKey && alipayPublicKey && config.MEIHAO_ALIPAY_APP_ID
      ? { gateway: config.MEIHAO_ALIPAY_GATEWAY, appId: config.MEIHAO_ALIPAY_APP_ID, privateKey: alipayKey }
      : null
  const assertReady = (provider: OrderToLaunch['provider']) => {
    if (!(provider === 'wechatpay' ? wechatpay : alipay))
      throw conflict('BILLING_ONLINE_NOT_CONFIGURED', {}, { provider })
  }
  const launch = async (order: OrderToLaunch): Promise<string> => {
    assertReady(order.provider)
    const common = {
      outTradeNo: order.outTradeNo,
      amountFen: order.amountFen,
      description: order.description,
      notifyUrl: `${base}/api/v1/pay/notify/${order.tenantId}/${order.provider}`,
      returnUrl: `${base}/pay/orders/${order.orderId}`,
    }
    if (order.provider === 'alipay') return alipayWapPayUrl(alipay!, common)
    try {
      return await wechatPayH5Url(wechatpay!, { ...common, payerIp: order.payerIp })
    } catch (error) {
      // WeChat Pay refused or could not be reached: the order stays pending, nothing was paid.
      if (!(error instanceof PaymentLaunchError)) throw error
      throw upstreamFailed(
        'BILLING_PROVIDER_UNAVAILABLE',
        {},
        { provider: order.provider, reason: error.message },
      )
    }
  }
  return { assertReady, launch }
}
