import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseUrl, DEMO_PASSWORD, launchBrowser, snapshot } from '../support/browser'

/**
 * Paying fees on the demo estate: the cashier opens her shift at the counter; the owner sees this month's
 * bill in the resident app, pays it in the sandbox (WeChat Pay's stand-in signs the notification, the
 * server verifies it like a real one), and the receipt appears; the cashier's shift report shows the online
 * payment beside her counter takings.
 */
let browser: Browser
let owner: Page
let cashier: Page
let receiptNumber: string
let paidFen: number

const byTestId = (page: Page) => (id: string) => page.locator(`[data-testid="${id}"]`)

beforeAll(async () => {
  browser = await launchBrowser()
  owner = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })
  cashier = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
})
afterAll(() => browser.close())

describe('an owner pays this month’s fees online', () => {
  it('the cashier opens her shift at the counter', async () => {
    const $ = byTestId(cashier)
    await cashier.goto(`${baseUrl()}/console/login`)
    await $('login-phone').fill('13800000005')
    await $('login-password').fill(DEMO_PASSWORD)
    await $('login-submit').click()
    await cashier.waitForURL((url) => !url.pathname.endsWith('/login'))
    await cashier.goto(`${baseUrl()}/console/billing/counter`)
    await $('billing-shift-card').waitFor()
    await $('billing-shift-open').click()
    await $('billing-shift-total').waitFor()
    expect(await $('billing-shift-channel-wechatpay').count()).toBe(0)
  })

  it('the owner sees the bill, pays it in the sandbox and gets the receipt', async () => {
    const $ = byTestId(owner)
    await owner.goto(`${baseUrl()}/`)
    await $('login-phone').fill('13800000006')
    await $('login-password').fill(DEMO_PASSWORD)
    await $('login-submit').click()
    await $('pay-tab').click()
    await $('pay-open-total').waitFor()
    paidFen = Number(await $('pay-open-total').getAttribute('data-fen'))
    const paidUnit = await $('pay-open-total').getAttribute('data-unit-id')
    expect(paidFen).toBeGreaterThan(0)
    expect(await $('pay-bill-row').count()).toBeGreaterThan(0)
    await snapshot(owner, 'resident-pay-bills')
    await $('pay-submit').click()
    await $('pay-provider-wechatpay').click()
    await $('pay-sandbox-confirm').click()
    await $('pay-success-receipt').waitFor()
    receiptNumber = ((await $('pay-success-receipt').textContent()) ?? '').match(/\d{4}-\d{6}/)?.[0] ?? ''
    expect(receiptNumber).toMatch(/^\d{4}-\d{6}$/)
    await snapshot(owner, 'resident-pay-success')
    await $('pay-view-receipt').click()
    await expect
      .poll(async () => (await $('receipt-detail-number').textContent()) ?? '')
      .toContain(receiptNumber)
    // That unit owes nothing more: the tab now opens on the owner's other unit that still owes.
    await owner.goto(`${baseUrl()}/pay`)
    await $('pay-open-total').waitFor()
    const shown = $('pay-open-total')
    if ((await shown.getAttribute('data-unit-id')) === paidUnit)
      expect(Number(await shown.getAttribute('data-fen'))).toBe(0)
    else expect(Number(await shown.getAttribute('data-fen'))).toBeGreaterThan(0)
  })

  it('the cashier’s shift report shows the online payment', async () => {
    const $ = byTestId(cashier)
    await cashier.reload()
    await $('billing-shift-channel-wechatpay').waitFor()
    const line = (await $('billing-shift-channel-wechatpay').textContent()) ?? ''
    const yuan = `${Math.floor(paidFen / 100).toLocaleString('en-US')}.${String(paidFen % 100).padStart(2, '0')}`
    expect(line).toContain(yuan)
    await snapshot(cashier, 'console-shift-with-online-payment')
    await cashier.goto(`${baseUrl()}/console/billing/receipts`)
    await cashier.locator(`text=${receiptNumber}`).first().waitFor()
  })
})
