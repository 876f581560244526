import { generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  ALIPAY_NOTIFICATION_ACK,
  type AlipayNotificationInput,
  alipaySignContent,
  formatFenAsYuan,
  parseYuanToFen,
  verifyAlipayNotification,
} from './alipay'
import type { PaymentRefusalCode, PaymentVerification } from './payment-notification'
import { createSandboxProvider, type SandboxAlipayOptions } from './sandbox'

const sandbox = createSandboxProvider({ now: () => new Date('2025-03-18T02:00:00Z') })
const ali = sandbox.alipay
const payment = {
  outTradeNo: 'MH-2025-000123',
  amountFen: 25024,
  providerTradeNo: '2025031822001400000000000001',
  paidAt: new Date('2025-03-18T01:59:30Z'),
  payerRef: '2088102116773037',
}

const signed = (options: SandboxAlipayOptions = {}) => ali.signNotification(payment, options)

function verify(params: Record<string, string>, overrides: Partial<AlipayNotificationInput> = {}) {
  return verifyAlipayNotification({ ...ali.verifierConfig, params, ...overrides })
}

function expectRefusal(result: PaymentVerification, code: PaymentRefusalCode) {
  expect(result.ok ? 'accepted' : result.code, result.ok ? '' : result.detail).toBe(code)
}

describe('parseYuanToFen: exact string arithmetic', () => {
  // biome-ignore format: one case per line reads as a table
  it.each([
    ['0.10', 10], ['0.01', 1], ['12.34', 1234], ['12.3', 1230], ['12', 1200], ['0', 0], ['0.00', 0],
    ['250.24', 25024], ['1.10', 110], ['0.29', 29], ['90071992547409.91', 9007199254740991],
  ])('%s yuan → %i fen', (yuan, fen) => {
    expect(parseYuanToFen(yuan)).toBe(fen)
  })

  it.each([
    '12.345',
    '12.',
    '.5',
    '-1.00',
    '+1.00',
    '012.00',
    '1e2',
    '1,000.00',
    ' 1.00',
    '1.00 ',
    '',
    '0x10',
    '１.00',
    '90071992547409.92',
  ])('refuses %j', (yuan) => {
    expect(parseYuanToFen(yuan)).toBeUndefined()
  })

  it('formats fen back the way Alipay writes them', () => {
    expect([0, 1, 10, 100, 25024].map(formatFenAsYuan)).toEqual(['0.00', '0.01', '0.10', '1.00', '250.24'])
    for (let fen = 0; fen < 1000; fen += 7) expect(parseYuanToFen(formatFenAsYuan(fen))).toBe(fen)
    expect(() => formatFenAsYuan(1.5)).toThrow(RangeError)
  })
})

describe('alipaySignContent', () => {
  it('reproduces the documented example: sign/sign_type dropped, keys sorted, values decoded', () => {
    // The notification example from Alipay's 异步通知验签 guide, as the form parser hands it over.
    const documented = new URLSearchParams(
      'total_amount=2.00&buyer_id=2088102116773037&body=大乐透2.1&trade_no=2016071921001003030200089909' +
        '&refund_fee=0.00&notify_time=2016-07-19 14:10:49&subject=大乐透2.1&sign_type=RSA2&charset=utf-8' +
        '&notify_type=trade_status_sync&out_trade_no=0719141034-6418&gmt_close=2016-07-19 14:10:46' +
        '&gmt_payment=2016-07-19 14:10:47&trade_status=TRADE_SUCCESS&version=1.0&sign=kPbQIjX%2BxQc8F0%2FA6' +
        '&gmt_create=2016-07-19 14:10:44&app_id=2015102700040153&seller_id=2088102119685838' +
        '&notify_id=4a91b7a78a503640467525113fb7d8bg8e',
    )
    // The guide's own expected string omits gmt_create (a slip in the page); it belongs between gmt_close
    // and gmt_payment by the rule the same page states ("除去sign、sign_type…皆是待验签的参数").
    expect(alipaySignContent(Object.fromEntries(documented))).toBe(
      'app_id=2015102700040153&body=大乐透2.1&buyer_id=2088102116773037&charset=utf-8' +
        '&gmt_close=2016-07-19 14:10:46&gmt_create=2016-07-19 14:10:44&gmt_payment=2016-07-19 14:10:47' +
        '&notify_id=4a91b7a78a503640467525113fb7d8bg8e&notify_time=2016-07-19 14:10:49' +
        '&notify_type=trade_status_sync&out_trade_no=0719141034-6418&refund_fee=0.00' +
        '&seller_id=2088102119685838&subject=大乐透2.1&total_amount=2.00' +
        '&trade_no=2016071921001003030200089909&trade_status=TRADE_SUCCESS&version=1.0',
    )
  })

  it('sorts by code unit (ASCII), so uppercase and underscores sort before lowercase', () => {
    expect(alipaySignContent({ b: '1', a_b: '2', a: '3', B: '4', ab: '5' })).toBe('B=4&a=3&a_b=2&ab=5&b=1')
  })
})

describe('Alipay notification: the sandbox round trip', () => {
  it('accepts a sandbox notification and normalises it', () => {
    const params = signed()
    expect(verify(params)).toEqual({
      ok: true,
      payment: {
        provider: 'alipay',
        notificationId: params.notify_id,
        providerTradeNo: '2025031822001400000000000001',
        outTradeNo: 'MH-2025-000123',
        amountFen: 25024,
        paidAt: '2025-03-18T01:59:30.000Z',
        payerRef: '2088102116773037',
      },
    })
    expect(params.total_amount).toBe('250.24')
  })

  it('accepts TRADE_FINISHED as paid too', () => {
    expect(verify(signed({ tradeStatus: 'TRADE_FINISHED' })).ok).toBe(true)
  })

  it('still verifies with the parameters in any order', () => {
    const params = signed()
    const reversed = Object.fromEntries(Object.entries(params).reverse())
    expect(Object.keys(reversed)).not.toEqual(Object.keys(params))
    expect(verify(reversed).ok).toBe(true)
  })

  it('still verifies after a real form round trip (percent-encoding of +, /, = and Chinese)', () => {
    const params = signed({ params: { subject: '物业费 2025年3月 & 车位费', body: 'a+b=c/d' } })
    const wire = new URLSearchParams(params).toString()
    expect(wire).toContain('%2B')
    expect(verify(Object.fromEntries(new URLSearchParams(wire))).ok).toBe(true)
  })

  it('accepts the public key as PEM, or as the bare base64 the Alipay console shows', () => {
    const params = signed()
    expect(verify(params, { alipayPublicKey: ali.publicKeyPem }).ok).toBe(true)
    const bare = ali.publicKeyPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')
    expect(verify(params, { alipayPublicKey: bare }).ok).toBe(true)
  })

  it('does not require a seller id when none is expected', () => {
    expect(verify(signed(), { expected: { appId: ali.appId } }).ok).toBe(true)
  })

  it('answers Alipay with the literal "success"', () => {
    expect(ALIPAY_NOTIFICATION_ACK).toBe('success')
  })
})

describe('Alipay notification: refusals', () => {
  it('PAYMENT_SIGNATURE_INVALID when any signed parameter is changed, added or removed', () => {
    const params = signed()
    expectRefusal(verify({ ...params, total_amount: '2502.40' }), 'PAYMENT_SIGNATURE_INVALID')
    expectRefusal(verify({ ...params, out_trade_no: 'MH-2025-000124' }), 'PAYMENT_SIGNATURE_INVALID')
    expectRefusal(verify({ ...params, extra: 'x' }), 'PAYMENT_SIGNATURE_INVALID')
    const { subject: _removed, ...withoutSubject } = params
    expectRefusal(verify(withoutSubject), 'PAYMENT_SIGNATURE_INVALID')
  })

  it('PAYMENT_SIGNATURE_INVALID for a missing or garbled sign, or a sign_type other than RSA2', () => {
    const { sign: _sign, ...unsigned } = signed()
    expectRefusal(verify(unsigned), 'PAYMENT_SIGNATURE_INVALID')
    expectRefusal(verify({ ...signed(), sign: 'not base64!' }), 'PAYMENT_SIGNATURE_INVALID')
    // A naive parser that decodes + as a space breaks the signature; that must refuse, not throw.
    const spaced = signed()
    const withSpace = `${spaced.sign!.slice(0, 10)} ${spaced.sign!.slice(11)}`
    expectRefusal(verify({ ...spaced, sign: withSpace }), 'PAYMENT_SIGNATURE_INVALID')
    for (const signType of ['RSA', 'MD5', 'rsa2', '']) {
      expectRefusal(verify({ ...signed(), sign_type: signType }), 'PAYMENT_SIGNATURE_INVALID')
    }
    const { sign_type: _type, ...noType } = signed()
    expectRefusal(verify(noType), 'PAYMENT_SIGNATURE_INVALID')
  })

  it('PAYMENT_SIGNATURE_INVALID when signed by another key, or the configured key is unusable', () => {
    const impostor = createSandboxProvider().alipay
    const forged = impostor.signNotification(payment, {
      params: { app_id: ali.appId, seller_id: ali.sellerId },
    })
    expectRefusal(verify(forged), 'PAYMENT_SIGNATURE_INVALID')
    expectRefusal(verify(signed(), { alipayPublicKey: 'garbage' }), 'PAYMENT_SIGNATURE_INVALID')
  })

  it('PAYMENT_MERCHANT_MISMATCH for another app_id or seller_id (authentic, but not ours)', () => {
    expectRefusal(verify(signed({ params: { app_id: '2015102700040153' } })), 'PAYMENT_MERCHANT_MISMATCH')
    expectRefusal(verify(signed({ params: { seller_id: '2088102119685838' } })), 'PAYMENT_MERCHANT_MISMATCH')
  })

  it('PAYMENT_NOT_SUCCESS for TRADE_CLOSED, WAIT_BUYER_PAY or no status', () => {
    expectRefusal(verify(signed({ tradeStatus: 'TRADE_CLOSED' })), 'PAYMENT_NOT_SUCCESS')
    expectRefusal(verify(signed({ tradeStatus: 'WAIT_BUYER_PAY' })), 'PAYMENT_NOT_SUCCESS')
    const { trade_status: _status, sign: _s, sign_type: _t, ...rest } = signed()
    expectRefusal(verify(ali.signParams(rest)), 'PAYMENT_NOT_SUCCESS')
  })

  it('PAYMENT_MALFORMED for amounts that are not exact positive yuan: 12.345, 0.00, -1.00, 1e2', () => {
    for (const totalAmount of ['12.345', '0.00', '-1.00', '1e2', '12.3.4', '']) {
      expectRefusal(verify(signed({ params: { total_amount: totalAmount } })), 'PAYMENT_MALFORMED')
    }
    expect(verify(signed({ params: { total_amount: '0.10' } }))).toMatchObject({
      ok: true,
      payment: { amountFen: 10 },
    })
  })

  it('PAYMENT_MALFORMED for missing trade numbers, bad times, a non-UTF-8 charset or array values', () => {
    expectRefusal(verify(signed({ params: { trade_no: '' } })), 'PAYMENT_MALFORMED')
    expectRefusal(verify(signed({ params: { gmt_payment: '2025/03/18 10:00' } })), 'PAYMENT_MALFORMED')
    expectRefusal(verify(signed({ params: { charset: 'gbk' } })), 'PAYMENT_MALFORMED')
    expectRefusal(verify({ ...signed(), out_trade_no: ['a', 'b'] } as any), 'PAYMENT_MALFORMED')
    expect(verify(null as any).ok).toBe(false)
  })

  it('falls back to notify_time when gmt_payment is absent', () => {
    const result = verify(signed({ params: { gmt_payment: '', notify_time: '2025-03-18 10:05:00' } }))
    expect(result).toMatchObject({ ok: true, payment: { paidAt: '2025-03-18T02:05:00.000Z' } })
  })
})

describe('Alipay notification: an independent test vector (node:crypto only, no sandbox)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const params: Record<string, string> = {
    notify_time: '2025-03-18 10:00:05',
    notify_type: 'trade_status_sync',
    notify_id: 'ac05099524730693a8b330c5ecf72da9786',
    app_id: '2014072300007148',
    charset: 'utf-8',
    version: '1.0',
    trade_no: '2013112011001004330000121536',
    out_trade_no: '6823789339978248',
    seller_id: '2088101106499364',
    trade_status: 'TRADE_SUCCESS',
    total_amount: '0.10',
    gmt_payment: '2025-03-18 10:00:01',
    subject: '物业服务费',
    passback_params: '',
    buyer_id: '',
  }
  // Written out by hand: empty values and sign/sign_type left out, keys in ASCII order.
  const content =
    'app_id=2014072300007148&charset=utf-8&gmt_payment=2025-03-18 10:00:01' +
    '&notify_id=ac05099524730693a8b330c5ecf72da9786&notify_time=2025-03-18 10:00:05' +
    '&notify_type=trade_status_sync&out_trade_no=6823789339978248&seller_id=2088101106499364' +
    '&subject=物业服务费&total_amount=0.10&trade_no=2013112011001004330000121536&trade_status=TRADE_SUCCESS' +
    '&version=1.0'
  const signOver = (text: string) => sign('sha256', Buffer.from(text, 'utf8'), privateKey).toString('base64')
  const input = (signature: string) => ({
    params: { ...params, sign_type: 'RSA2', sign: signature },
    alipayPublicKey: publicKey,
    expected: { appId: '2014072300007148', sellerId: '2088101106499364' },
  })

  it('accepts a signature made over the hand-written content', () => {
    expect(alipaySignContent(params)).toBe(content)
    expect(verifyAlipayNotification(input(signOver(content)))).toEqual({
      ok: true,
      payment: {
        provider: 'alipay',
        notificationId: 'ac05099524730693a8b330c5ecf72da9786',
        providerTradeNo: '2013112011001004330000121536',
        outTradeNo: '6823789339978248',
        amountFen: 10,
        paidAt: '2025-03-18T02:00:01.000Z',
      },
    })
  })

  it('refuses a signature that included the empty values as `k=`', () => {
    const including = content
      .replace('&charset', '&buyer_id=&charset')
      .replace('&seller_id', '&passback_params=&seller_id')
    expectRefusal(verifyAlipayNotification(input(signOver(including))), 'PAYMENT_SIGNATURE_INVALID')
  })

  it('refuses a signature that included sign_type', () => {
    const including = content.replace('&subject', '&sign_type=RSA2&subject')
    expectRefusal(verifyAlipayNotification(input(signOver(including))), 'PAYMENT_SIGNATURE_INVALID')
  })

  it('refuses a signature over the unsorted (insertion-order) content', () => {
    const unsorted = Object.entries(params)
      .filter(([, value]) => value !== '')
      .map(([key, value]) => `${key}=${value}`)
      .join('&')
    expectRefusal(verifyAlipayNotification(input(signOver(unsorted))), 'PAYMENT_SIGNATURE_INVALID')
  })
})
