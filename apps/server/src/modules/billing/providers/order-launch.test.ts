import { constants, generateKeyPairSync, sign, verify } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alipaySignContent } from './alipay'
import { alipayWapPayUrl, PaymentLaunchError, wechatPayAuthorization, wechatPayH5Url } from './order-launch'
import { wechatPaySignedMessage } from './wechatpay-v3'

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 })
const merchantKeys = rsa()
const platformKeys = rsa()
const strangerKeys = rsa()

const order = {
  outTradeNo: 'MH0190000000000070008000000001',
  amountFen: 25_024,
  description: '物业缴费 1-101',
  notifyUrl: 'https://pay.example.cn/api/v1/pay/notify/t1/wechatpay',
  returnUrl: 'https://pay.example.cn/pay/orders/o1',
}

/** A stand-in for api.mch.weixin.qq.com: checks the merchant's signature and answers signed. */
let server: Server
let base = ''
let answerKey = platformKeys.privateKey
let answerSerial = 'PLATFORM1'
let lastRequest: { path: string; authorization: string; body: string } | null = null
beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    lastRequest = { path: req.url ?? '', authorization: req.headers.authorization ?? '', body }
    const fields = Object.fromEntries(
      [...(req.headers.authorization ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    )
    const message = `POST\n${req.url}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`
    const genuine = verify(
      'sha256',
      Buffer.from(message),
      { key: merchantKeys.publicKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(fields.signature ?? '', 'base64'),
    )
    const answer = genuine
      ? JSON.stringify({
          h5_url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=1',
        })
      : JSON.stringify({ code: 'SIGN_ERROR', message: '签名错误' })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = 'n0nce'
    const signature = sign('sha256', wechatPaySignedMessage(timestamp, nonce, answer), {
      key: answerKey,
      padding: constants.RSA_PKCS1_PADDING,
    }).toString('base64')
    res.writeHead(genuine ? 200 : 401, {
      'Content-Type': 'application/json',
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': answerSerial,
      'Wechatpay-Signature': signature,
    })
    res.end(answer)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const merchant = () => ({
  apiBase: base,
  mchid: '1900000001',
  appid: 'wx0000000000000001',
  serial: 'MERCHANT1',
  privateKey: merchantKeys.privateKey,
  platformSerial: 'PLATFORM1',
  platformKey: platformKeys.publicKey,
})

describe('WeChat Pay H5 orders', () => {
  it('signs the request as API v3 requires and returns the h5_url with the way back', async () => {
    answerKey = platformKeys.privateKey
    answerSerial = 'PLATFORM1'
    const url = await wechatPayH5Url(merchant(), { ...order, payerIp: '203.0.113.7' })
    expect(url).toBe(
      `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=1&redirect_url=${encodeURIComponent(order.returnUrl)}`,
    )
    expect(lastRequest!.path).toBe('/v3/pay/transactions/h5')
    expect(lastRequest!.authorization).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="\w+"/,
    )
    expect(JSON.parse(lastRequest!.body)).toEqual({
      appid: 'wx0000000000000001',
      mchid: '1900000001',
      description: '物业缴费 1-101',
      out_trade_no: order.outTradeNo,
      notify_url: order.notifyUrl,
      amount: { total: 25_024, currency: 'CNY' },
      scene_info: { payer_client_ip: '203.0.113.7', h5_info: { type: 'Wap' } },
    })
  })

  it('refuses an answer not signed by the platform key, or from another serial', async () => {
    answerKey = strangerKeys.privateKey
    await expect(wechatPayH5Url(merchant(), { ...order, payerIp: '203.0.113.7' })).rejects.toThrow(
      /not signed by its platform key/,
    )
    answerKey = platformKeys.privateKey
    answerSerial = 'OTHER'
    await expect(wechatPayH5Url(merchant(), { ...order, payerIp: '203.0.113.7' })).rejects.toThrow(
      PaymentLaunchError,
    )
    answerSerial = 'PLATFORM1'
  })

  it('reports a refusal (here: a request signed by another key) and an unreachable API', async () => {
    const wrongKey = { ...merchant(), privateKey: strangerKeys.privateKey }
    await expect(wechatPayH5Url(wrongKey, { ...order, payerIp: '203.0.113.7' })).rejects.toThrow(
      /answered 401/,
    )
    const nowhere = { ...merchant(), apiBase: 'http://127.0.0.1:9' }
    await expect(wechatPayH5Url(nowhere, { ...order, payerIp: '203.0.113.7' })).rejects.toThrow(/unreachable/)
  })

  it('builds the Authorization header over method, path, time, nonce and body', () => {
    const header = wechatPayAuthorization(merchant(), {
      method: 'POST',
      path: '/v3/pay/transactions/h5',
      body: '{}',
      timestamp: '1700000000',
      nonce: 'abc',
    })
    const signature = /signature="([^"]+)"/.exec(header)![1]!
    expect(
      verify(
        'sha256',
        Buffer.from('POST\n/v3/pay/transactions/h5\n1700000000\nabc\n{}\n'),
        merchantKeys.publicKey,
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(true)
    expect(header).toContain('timestamp="1700000000",serial_no="MERCHANT1"')
  })
})

describe('Alipay 手机网站支付', () => {
  it('signs every parameter but sign (sign_type included), amounts in 元 exactly, time in Beijing', () => {
    const url = new URL(
      alipayWapPayUrl(
        {
          gateway: 'https://openapi.alipay.com/gateway.do',
          appId: '2021000000000001',
          privateKey: merchantKeys.privateKey,
        },
        order,
        new Date('2026-11-27T16:30:05Z'),
      ),
    )
    expect(url.origin + url.pathname).toBe('https://openapi.alipay.com/gateway.do')
    const params = Object.fromEntries(url.searchParams)
    expect(params).toMatchObject({
      app_id: '2021000000000001',
      method: 'alipay.trade.wap.pay',
      sign_type: 'RSA2',
      timestamp: '2026-11-28 00:30:05',
      notify_url: order.notifyUrl,
      return_url: order.returnUrl,
    })
    expect(JSON.parse(params.biz_content!)).toEqual({
      out_trade_no: order.outTradeNo,
      total_amount: '250.24',
      subject: '物业缴费 1-101',
      product_code: 'QUICK_WAP_WAY',
    })
    // Requests sign sign_type too (notifications leave it out, as alipaySignContent does).
    const content = `${alipaySignContent(params)}&sign_type=RSA2`.split('&').sort().join('&')
    expect(
      verify('sha256', Buffer.from(content), merchantKeys.publicKey, Buffer.from(params.sign!, 'base64')),
    ).toBe(true)
  })
})
