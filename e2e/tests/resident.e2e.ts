import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseUrl, DEMO_PASSWORD, launchBrowser, snapshot } from '../support/browser'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })
})
afterAll(() => browser.close())

const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`)

describe('resident app (owner of two units)', () => {
  it('logs in and lists 我的房屋', async () => {
    await page.goto(`${baseUrl()}/`)
    await byTestId('login-phone').fill('13800000006')
    await byTestId('login-password').fill(DEMO_PASSWORD)
    await byTestId('login-submit').click()
    await byTestId('tab-units').click()
    await byTestId('my-units-list').waitFor()
    const items = byTestId('my-unit-item')
    await items.first().waitFor()
    expect(await items.count()).toBe(2)
    const text = (await byTestId('my-units-list').textContent()) ?? ''
    expect(text).toContain('翠湖苑')
    expect(text).toMatch(/\d+\.\d{2}/)
    await snapshot(page, 'resident-units')
  })
})
