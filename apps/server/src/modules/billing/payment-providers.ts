import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Config } from '../../platform/config'
import { verifyAlipayNotification } from './providers/alipay'
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
  return { mode: 'off', sandbox: null, verifyWechatPay: off, verifyAlipay: off }
}
