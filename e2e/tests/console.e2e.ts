import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseUrl, DEMO_PASSWORD, launchBrowser, snapshot } from '../support/browser'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
})
afterAll(() => browser.close())

const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`)

describe('staff console (company administrator)', () => {
  it('logs in and shows the menu by permission', async () => {
    await page.goto(`${baseUrl()}/console/login`)
    await byTestId('login-phone').fill('13800000001')
    await byTestId('login-password').fill(DEMO_PASSWORD)
    await byTestId('login-submit').click()
    await byTestId('side-menu').waitFor()
    for (const item of ['menu-estate', 'menu-import', 'menu-users', 'menu-roles', 'menu-org']) {
      expect(await byTestId(item).count(), item).toBe(1)
    }
    expect(await byTestId('company-name').textContent()).toContain('美好物业')
  })

  it('opens a unit and shows its owners with masked personal data', async () => {
    await byTestId('menu-estate').click()
    await byTestId('community-item').first().click()
    await byTestId('building-item').first().click()
    await byTestId('unit-row').first().waitFor()
    await byTestId('unit-link').first().click()
    await byTestId('unit-page').waitFor()
    await byTestId('owner-row').first().waitFor()
    const owners = (await byTestId('owner-table').textContent()) ?? ''
    expect(owners).toMatch(/1\d{2}\*{4}\d{4}/)
    expect(owners).not.toMatch(/1\d{10}/)
    await snapshot(page, 'console-unit')
  })

  it('imports a sheet with one bad row and shows its error without committing', async () => {
    await byTestId('menu-import').click()
    await byTestId('import-community').click()
    await page.locator('.ant-select-item-option', { hasText: '翠湖苑' }).first().click()
    const sheet = [
      '楼栋编号,楼栋名称,房号,楼层,建筑面积,专有面积,面积来源,用途,交付日期,是否已售,业主姓名,业主手机,业主证件号,产权起始日期',
      '99,99号楼,99-1-101,1,88.50,70.20,实测,住宅,2014-09-30,是,测试业主,13912345678,,2014-10-01',
      '99,99号楼,99-1-102,1,八十,70.20,实测,住宅,2014-09-30,是,,,,',
    ].join('\n')
    await byTestId('import-file')
      .locator('input[type=file]')
      .or(page.locator('input[type=file]'))
      .first()
      .setInputFiles({
        name: 'units.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(sheet, 'utf8'),
      })
    await byTestId('import-dry-run').click()
    await byTestId('import-errors').waitFor()
    const rows = byTestId('import-error-row')
    expect(await rows.count()).toBe(1)
    const text = (await rows.first().textContent()) ?? ''
    expect(text).toContain('3')
    expect(text).toContain('建筑面积')
    expect(await byTestId('import-commit').isDisabled()).toBe(true)
    await snapshot(page, 'console-import-error')
  })
})
