import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseUrl, DEMO_PASSWORD, launchBrowser, snapshot } from '../support/browser'

/**
 * Owners' joint decisions in the browser, on the demo estate: an owner votes in the open decision and
 * checks the receipt against the chain, then reads the published result of the closed one.
 */
let browser: Browser
let owner: Page

beforeAll(async () => {
  browser = await launchBrowser()
  owner = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })
})
afterAll(() => browser.close())

describe('resident app: 业主表决', () => {
  const $ = (id: string) => owner.locator(`[data-testid="${id}"]`)

  it('the owner votes on every topic with the one-time code and gets a receipt', async () => {
    await owner.goto(`${baseUrl()}/`)
    await $('login-phone').fill('13800000006')
    await $('login-password').fill(DEMO_PASSWORD)
    await $('login-submit').click()
    await $('tab-decisions').click()
    await $('decisions-list').waitFor()
    await owner.locator('[data-testid="decision-item"][data-status="open"] button').first().click()
    await $('vote-form').waitFor()
    const topics = await $('vote-topic').count()
    expect(topics).toBe(3)
    for (let seq = 1; seq <= topics; seq++)
      await $(`vote-choice-${seq}-${seq === 2 ? 'oppose' : 'agree'}`).click()
    await $('vote-request-code').click()
    const code = ((await $('vote-demo-code').textContent()) ?? '').trim()
    expect(code).toMatch(/^\d{6}$/)
    await $('vote-code').fill(code)
    await $('vote-submit').click()
    const receipt = owner.locator('[data-testid="vote-receipt"]')
    await receipt.waitFor()
    expect(
      ((await receipt.locator('[data-testid="receipt-hash"]').textContent()) ?? '').replace(/\s/g, ''),
    ).toMatch(/[0-9a-f]{64}/)
    await snapshot(owner, 'resident-vote-receipt')
  })

  it('verifies that the receipt is in the published chain', async () => {
    const receipt = owner.locator('[data-testid="vote-receipt"]')
    await receipt.locator('[data-testid="receipt-verify"]').click()
    const result = receipt.locator('[data-testid="receipt-verify-result"]')
    await result.waitFor()
    expect(await result.getAttribute('data-included')).toBe('true')
    expect(await result.getAttribute('data-chain-valid')).toBe('true')
  })

  it('shows the published result of the closed decision, topic by topic', async () => {
    await owner.goto(`${baseUrl()}/decisions`)
    await $('decisions-list').waitFor()
    await owner.locator('[data-testid="decision-item"][data-status="closed"] button').first().click()
    await $('decision-result').waitFor()
    const outcomes = await owner
      .locator('[data-testid="result-topic"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')))
    expect(outcomes).toHaveLength(3)
    for (const o of outcomes) expect(['passed', 'failed', 'noQuorum']).toContain(o)
    expect(await $('decision-export').count()).toBe(1)
    await snapshot(owner, 'resident-decision-result')
  })
})

describe('console: staff enter a paper ballot', () => {
  let staff: Page
  const $ = (id: string) => staff.locator(`[data-testid="${id}"]`)
  // The smallest valid PNG header is enough: the server checks the bytes match the declared type.
  const scan = {
    name: 'ballot.png',
    mimeType: 'image/png',
    buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  }

  it('opens the decision and records a signed paper ballot with its scan', async () => {
    staff = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
    await staff.goto(`${baseUrl()}/console/login`)
    await $('login-phone').fill('13800000007')
    await $('login-password').fill(DEMO_PASSWORD)
    await $('login-submit').click()
    await $('menu-decisions').click()
    await $('decision-table').waitFor()
    await staff
      .locator('[data-testid="decision-row"]:has([data-status="open"]) [data-testid="decision-link"]')
      .click()
    await $('paper-ballot-form').waitFor()
    const turnoutBefore = (await $('turnout-heads').textContent()) ?? ''
    await $('paper-ballot-unit').click()
    await staff.keyboard.type('1-1-')
    const option = staff.locator('.ant-select-item-option').first()
    await option.waitFor()
    await option.click()
    for (const seq of [1, 2, 3])
      await $(`paper-ballot-choice-${seq}-${seq === 3 ? 'abstain' : 'agree'}`).click()
    await staff.locator('[data-testid="paper-ballot-scan"] input[type=file]').setInputFiles(scan)
    await $('paper-ballot-submit').click()
    await $('paper-ballot-receipt').waitFor()
    expect((await $('paper-ballot-receipt').textContent()) ?? '').toMatch(/[0-9a-f]{16}/)
    await staff.waitForFunction(
      (before) => document.querySelector('[data-testid="turnout-heads"]')?.textContent !== before,
      turnoutBefore,
    )
    await snapshot(staff, 'console-paper-ballot')
  })

  it('the chain still verifies with the owner’s and the paper ballot in it', async () => {
    await $('decision-verify').click()
    const result = $('decision-verify-result')
    await result.waitFor()
    expect(await result.getAttribute('data-valid')).toBe('true')
  })
})
