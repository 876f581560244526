/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import { generateKeyPairSync, sign } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paymentProviders } from '../src/modules/billing/payment-providers'
import { alipaySignContent } from '../src/modules/billing/providers/alipay'
import { type ApiClient, startTestApp, type TestApp } from './support/app'
import {
  type Company,
  createCompany,
  createSmallEstate,
  type SmallEstate,
  signInOwner,
} from './support/fixtures'

/**
 * Live payments (MEIHAO_PAYMENTS=live) with the merchant's own keys, offline: the owner's Alipay order
 * answers the signed 手机网站支付 URL that notifies and returns to this deployment, and the notification
 * signed with "Alipay's" key pays it; WeChat Pay out of reach answers 502 and charges nothing; a provider
 * whose settings are incomplete is refused before any order is made. (WeChat Pay H5 placement against a
 * stand-in API: providers/order-launch.test.ts.)
 */
const alipayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const wechatPlatformKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = (key: { export(o: object): string | Buffer }, type: 'spki' | 'pkcs8') =>
  String(key.export({ type, format: 'pem' }))

let app: TestApp
let company: Company
let estate: SmallEstate
let owner: ApiClient
const APP_ID = '2021000000000001'

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meihao-keys-'))
  writeFileSync(join(dir, 'alipay-public.pem'), pem(alipayKeys.publicKey, 'spki'))
  writeFileSync(join(dir, 'app-private.pem'), pem(appKeys.privateKey, 'pkcs8'))
  writeFileSync(join(dir, 'wechat-platform.pem'), pem(wechatPlatformKeys.publicKey, 'spki'))
  app = await startTestApp({
    MEIHAO_PAYMENTS: 'live',
    MEIHAO_PUBLIC_URL: 'https://wy.example.cn/',
    MEIHAO_ALIPAY_APP_ID: APP_ID,
    MEIHAO_ALIPAY_PUBLIC_KEY_FILE: join(dir, 'alipay-public.pem'),
    MEIHAO_ALIPAY_APP_PRIVATE_KEY_FILE: join(dir, 'app-private.pem'),
    // WeChat Pay fully set up, but its API cannot be reached (nothing listens on port 9).
    MEIHAO_WECHATPAY_MCHID: '1900000001',
    MEIHAO_WECHATPAY_APPID: 'wx0000000000000001',
    MEIHAO_WECHATPAY_APIV3_KEY: 'k'.repeat(32),
    MEIHAO_WECHATPAY_PLATFORM_KEY_FILE: join(dir, 'wechat-platform.pem'),
    MEIHAO_WECHATPAY_PLATFORM_SERIAL: 'PLATFORM1',
    MEIHAO_WECHATPAY_MERCHANT_SERIAL: 'MERCHANT1',
    MEIHAO_WECHATPAY_MERCHANT_KEY_FILE: join(dir, 'app-private.pem'),
    MEIHAO_WECHATPAY_API_BASE: 'http://127.0.0.1:9',
  })
  company = await createCompany(app, 'lp')
  estate = await createSmallEstate(company, 'lp1')
  owner = await signInOwner(app, company, estate)
  await app.db.owner
    .updateTable('units')
    .set({ delivery_date: '2015-03-18' })
    .where('id', '=', estate.unitIds[0]!)
    .execute()
  const item = await company.admin.post('/api/v1/billing/fee-items', {
    communityId: estate.communityId,
    code: 'ZX',
    name: '装修垃圾清运费',
    kind: 'one_off',
  })
  const bill = await company.admin.post('/api/v1/billing/charges', {
    unitId: estate.unitIds[0],
    feeItemId: item.body.id,
    period: '2026-01',
    amountFen: 25_024,
    note: '清运 3 车',
  })
  expect(bill.status, JSON.stringify(bill.body)).toBe(201)
}, 120_000)
afterAll(() => app?.close())

const orderCount = async () =>
  Number(
    (
      await app.db.owner
        .selectFrom('payment_orders')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('live online payment', () => {
  it('refuses a provider whose merchant settings are incomplete, before making an order', () => {
    const incomplete = paymentProviders({ ...app.deps.config, MEIHAO_ALIPAY_APP_PRIVATE_KEY_FILE: undefined })
    expect(() => incomplete.assertReady('alipay')).toThrow('BILLING_ONLINE_NOT_CONFIGURED')
    expect(() => incomplete.assertReady('wechatpay')).not.toThrow()
    const withoutUrl = paymentProviders({ ...app.deps.config, MEIHAO_PUBLIC_URL: undefined })
    expect(() => withoutUrl.assertReady('wechatpay')).toThrow('BILLING_ONLINE_NOT_CONFIGURED')
  })

  it('answers 502 when WeChat Pay cannot be reached: the order stays pending, nothing is paid', async () => {
    const before = await orderCount()
    const res = await owner.post('/api/v1/me/payment-orders', {
      unitId: estate.unitIds[0],
      provider: 'wechatpay',
    })
    expect(res.status).toBe(502)
    expect(res.body.error.code).toBe('BILLING_PROVIDER_UNAVAILABLE')
    expect(res.body.error.message).toContain('本次没有扣款')
    expect(res.body.error.details).toMatchObject({
      provider: 'wechatpay',
      reason: expect.stringContaining('unreachable'),
    })
    expect(await orderCount()).toBe(before + 1)
    const account = await owner.get('/api/v1/me/billing')
    expect(account.body.find((a: any) => a.unitId === estate.unitIds[0]).openFen).toBe(25_024)
  })

  it('sends the owner to Alipay with a signed URL, and the signed notification pays the order', async () => {
    const res = await owner.post('/api/v1/me/payment-orders', {
      unitId: estate.unitIds[0],
      provider: 'alipay',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ sandbox: false, status: 'pending', amountFen: 25_024 })
    const url = new URL(res.body.payUrl)
    expect(`${url.origin}${url.pathname}`).toBe('https://openapi.alipay.com/gateway.do')
    expect(url.searchParams.get('notify_url')).toBe(
      `https://wy.example.cn/api/v1/pay/notify/${company.tenantId}/alipay`,
    )
    expect(url.searchParams.get('return_url')).toBe(`https://wy.example.cn/pay/orders/${res.body.id}`)
    expect(JSON.parse(url.searchParams.get('biz_content')!)).toMatchObject({
      out_trade_no: res.body.outTradeNo,
      total_amount: '250.24',
    })
    // No sandbox in live mode.
    expect((await owner.post(`/api/v1/me/payment-orders/${res.body.id}/sandbox-pay`)).status).toBe(404)

    const params: Record<string, string> = {
      app_id: APP_ID,
      notify_id: 'n-live-1',
      notify_time: '2026-11-28 09:00:00',
      trade_no: '2026112822001400000000000001',
      out_trade_no: res.body.outTradeNo,
      trade_status: 'TRADE_SUCCESS',
      total_amount: '250.24',
      charset: 'utf-8',
      sign_type: 'RSA2',
    }
    params.sign = sign('sha256', Buffer.from(alipaySignContent(params)), alipayKeys.privateKey).toString(
      'base64',
    )
    const notify = (body: Record<string, string>) =>
      app.server.inject({
        method: 'POST',
        url: `/api/v1/pay/notify/${company.tenantId}/alipay`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(body).toString(),
      })
    // Signed with the app's key instead of Alipay's: refused, nothing paid.
    const forged = {
      ...params,
      sign: sign('sha256', Buffer.from(alipaySignContent(params)), appKeys.privateKey).toString('base64'),
    }
    expect((await notify(forged)).body).not.toBe('success')
    expect((await owner.get(`/api/v1/me/payment-orders/${res.body.id}`)).body.status).toBe('pending')
    expect((await notify(params)).body).toBe('success')
    const paid = await owner.get(`/api/v1/me/payment-orders/${res.body.id}`)
    expect(paid.body).toMatchObject({ status: 'paid', payUrl: null })
    expect(paid.body.receiptId).not.toBeNull()
  })
})
