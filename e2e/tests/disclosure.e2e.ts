import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseUrl, DEMO_PASSWORD, launchBrowser, snapshot } from '../support/browser'

/**
 * Public revenue on the demo estate: finance records a late advertising income and a cost with its PDF
 * voucher in last quarter (which the demo leaves open), previews the quarter and closes it, which moves
 * more than half of its net to the maintenance fund and publishes the quarterly statement; the owner opens 公示 in the resident app, reads that statement to the fen, and opens the
 * maintenance-fund sub-account of their home.
 */
let browser: Browser
let finance: Page
let owner: Page

const byTestId = (page: Page) => (id: string) => page.locator(`[data-testid="${id}"]`)
/** An option of an open select (the chosen one is also shown, with the same test id, in the select). */
const option = (page: Page, id: string) => page.getByRole('option').locator(`[data-testid="${id}"]`)

/** The quarter before today's in Asia/Shanghai, the one the demo leaves for finance to close. */
function lastQuarter(): { quarter: string; midDate: string } {
  const shanghai = new Date(Date.now() + 8 * 3_600_000)
  const index = shanghai.getUTCFullYear() * 4 + Math.floor(shanghai.getUTCMonth() / 3) - 1
  const year = Math.floor(index / 4)
  const q = (index % 4) + 1
  return { quarter: `${year}-Q${q}`, midDate: `${year}-${String((q - 1) * 3 + 2).padStart(2, '0')}-15` }
}

/** A one-page PDF, as a scanned invoice would arrive (the server checks the signature bytes). */
const VOUCHER_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

const INCOME_FEN = 1_234_567
const COST_FEN = 34_567
const { quarter, midDate } = lastQuarter()
let statementId = ''
/** What the demo's books hold for the quarter before finance's entries. */
let before = { incomeFen: 0, costFen: 0 }
const fenOf = async (page: Page, id: string) =>
  Number(await page.locator(`[data-testid="${id}"]`).getAttribute('data-fen'))

beforeAll(async () => {
  browser = await launchBrowser()
  finance = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
  owner = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })
})
afterAll(() => browser.close())

describe('public revenue, from the books to the owner', () => {
  it('finance records an advertising income and a cost with its voucher', async () => {
    const $ = byTestId(finance)
    await finance.goto(`${baseUrl()}/console/login`)
    await $('login-phone').fill('13800000005')
    await $('login-password').fill(DEMO_PASSWORD)
    await $('login-submit').click()
    await finance.waitForURL((url) => !url.pathname.endsWith('/login'))
    await finance.goto(`${baseUrl()}/console/disclosure/revenue`)
    // Other browser tests may add communities: pick the demo's own.
    await $('revenue-community').click()
    await finance.keyboard.type('翠湖苑')
    await finance.keyboard.press('Enter')
    await $('revenue-ledger').waitFor()
    await $('quarter-select').click()
    await option(finance, `quarter-option-${quarter}`).click()
    await finance.locator(`[data-testid="quarter-preview-result"][data-quarter="${quarter}"]`).waitFor()
    before = {
      incomeFen: await fenOf(finance, 'quarter-income'),
      costFen: await fenOf(finance, 'quarter-cost'),
    }
    expect(before.incomeFen).toBeGreaterThan(0)

    await $('revenue-income-open').click()
    await $('revenue-income-source').click()
    await option(finance, 'revenue-source-lift_ads').click()
    await $('revenue-income-amount').fill('12345.67')
    await $('revenue-income-date').fill(midDate)
    await $('revenue-income-summary').fill(`${quarter} 电梯轿厢广告位租金（E2E）`)
    await $('revenue-income-counterparty').fill('上海某某广告传媒有限公司')
    await $('revenue-income-submit').click()
    await $('revenue-income-form').waitFor({ state: 'hidden' })

    await $('revenue-cost-open').click()
    await $('revenue-cost-amount').fill('345.67')
    await $('revenue-cost-date').fill(midDate)
    await $('revenue-cost-summary').fill(`${quarter} 广告位电费分摊（E2E）`)
    await finance
      .locator('[data-testid="revenue-cost-evidence"] input[type="file"]')
      .setInputFiles({ name: '电费发票.pdf', mimeType: 'application/pdf', buffer: VOUCHER_PDF })
    await finance.locator('[data-testid="revenue-cost-evidence"][data-count="1"]').waitFor()
    await $('revenue-cost-submit').click()
    await $('revenue-cost-form').waitFor({ state: 'hidden' })
    await snapshot(finance, 'console-public-revenue-entries')
  })

  it('finance previews the quarter and closes it, which publishes the statement', async () => {
    const $ = byTestId(finance)
    const incomeFen = before.incomeFen + INCOME_FEN
    const costFen = before.costFen + COST_FEN
    // The preview counts what was just written.
    await expect.poll(() => fenOf(finance, 'quarter-income')).toBe(incomeFen)
    expect(await fenOf(finance, 'quarter-cost')).toBe(costFen)
    expect(await fenOf(finance, 'quarter-net')).toBe(incomeFen - costFen)
    // 上海: more than half of the quarter's net goes to the maintenance fund, to the fen.
    const minToFund = await fenOf(finance, 'quarter-min-to-fund')
    expect(minToFund).toBe(Math.floor((incomeFen - costFen) / 2) + 1)

    await $('quarter-close').click()
    await $('quarter-close-confirm').click()
    await $('quarter-closed').waitFor()
    const link = (await $('quarter-statement-link').getAttribute('href')) ?? ''
    statementId = link.split('/').pop() ?? ''
    expect(statementId).toMatch(/^[0-9a-f-]{36}$/)
    await snapshot(finance, 'console-quarter-closed')
  })

  it('the owner reads the statement in 公示 and opens their fund sub-account', async () => {
    const $ = byTestId(owner)
    await owner.goto(`${baseUrl()}/`)
    await $('login-phone').fill('13800000006')
    await $('login-password').fill(DEMO_PASSWORD)
    await $('login-submit').click()
    await $('home-shortcut-disclosure').click()
    await $('disclosure-list').waitFor()
    await owner.locator(`[data-testid="disclosure-item"][data-disclosure-id="${statementId}"] button`).click()
    const statement = $('disclosure-revenue-statement')
    await statement.waitFor()
    expect(await statement.getAttribute('data-quarter')).toBe(quarter)
    const incomeFen = before.incomeFen + INCOME_FEN
    const costFen = before.costFen + COST_FEN
    expect(Number(await statement.getAttribute('data-income-fen'))).toBe(incomeFen)
    expect(Number(await statement.getAttribute('data-cost-fen'))).toBe(costFen)
    expect(Number(await statement.getAttribute('data-net-fen'))).toBe(incomeFen - costFen)
    expect(Number(await statement.getAttribute('data-to-fund-fen'))).toBe(
      Math.floor((incomeFen - costFen) / 2) + 1,
    )
    expect(await statement.textContent()).toContain('电梯轿厢广告位租金（E2E）')
    // Published to owners: no counterparty's name, nobody's phone.
    const text = (await statement.textContent()) ?? ''
    expect(text).not.toContain('上海某某广告传媒有限公司')
    expect(text).not.toMatch(/1[3-9]\d{9}/)
    await snapshot(owner, 'resident-revenue-statement')

    await owner.goto(`${baseUrl()}/disclosures`)
    await $('disclosure-link-fund').click()
    await $('fund-account-item').first().waitFor()
    await $('fund-account-item').first().click()
    const balance = $('fund-account-balance')
    await balance.waitFor()
    expect(Number(await balance.getAttribute('data-fen'))).toBeGreaterThan(0)
    expect(['true', 'false']).toContain(await balance.getAttribute('data-needs-top-up'))
    expect(await $('fund-account-entry').count()).toBeGreaterThan(0)
    await snapshot(owner, 'resident-fund-account')
  })
})
