/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../src/platform/ids'
import { startTestApp, type TestApp } from './support/app'
import { type Company, createCompany, createSmallEstate, type SmallEstate } from './support/fixtures'

/**
 * Charges beyond the billing run, through the API: meter readings typed and imported (all rows or none,
 * errors by row in Chinese) and billed at (current − previous) × rate, rounded once, with rollover, once;
 * shared utilities split by area or household summing to the total exactly (largest remainder); one-off
 * charges; paid repairs consumed into bills once; deposits held on 2241 with their receipt, never revenue;
 * the ledger balanced after all of it; another company's ids answer 404.
 */
let app: TestApp
let company: Company
let estate: SmallEstate
let other: Company
let otherEstate: SmallEstate
const items: Record<'water' | 'shared' | 'oneOff' | 'repair' | 'deposit', string> = {} as never

const db = () => app.db.owner
const post = (url: string, body: unknown) => company.admin.post(url, body)

async function addItem(code: string, name: string, kind: string, rate?: string) {
  const res = await post('/api/v1/billing/fee-items', { communityId: estate.communityId, code, name, kind })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  if (rate) {
    const standard = await post(`/api/v1/billing/fee-items/${res.body.id}/standards`, {
      effectiveFrom: '2025-01',
      rate,
    })
    expect(standard.status, JSON.stringify(standard.body)).toBe(201)
  }
  return res.body.id as string
}

/** Bills of an item and month, by unit code. */
async function billsOf(feeItemId: string, period: string) {
  const res = await company.admin.get(
    `/api/v1/billing/bills?communityId=${estate.communityId}&period=${period}&limit=200`,
  )
  expect(res.status).toBe(200)
  return Object.fromEntries(
    res.body.items.filter((b: any) => b.feeItemId === feeItemId).map((b: any) => [b.unitCode, b]),
  ) as Record<string, any>
}

const readingsOf = async (period: string) =>
  (
    await company.admin.get(
      `/api/v1/billing/meter-readings?communityId=${estate.communityId}&feeItemId=${items.water}&period=${period}`,
    )
  ).body as any[]

const csv = (rows: (string | number)[][]) => Buffer.from(`${rows.map((r) => r.join(',')).join('\r\n')}\r\n`)
const importFile = (period: string, file: Buffer, dryRun = false) =>
  post('/api/v1/billing/meter-readings/import', {
    communityId: estate.communityId,
    feeItemId: items.water,
    period,
    fileName: 'readings.csv',
    dataBase64: file.toString('base64'),
    dryRun,
  })

/** Every journal balances, and so does the whole ledger. */
async function ledgerBalanced() {
  const { rows } = await sql<{ unbalanced: number; d: string; c: string }>`
    select (select count(*)::int from (select journal_id from ledger_lines group by journal_id
                                        having sum(debit_fen) <> sum(credit_fen)) j) as unbalanced,
           coalesce(sum(debit_fen), 0)::text as d, coalesce(sum(credit_fen), 0)::text as c
      from ledger_lines`.execute(db())
  return rows[0]!.unbalanced === 0 && rows[0]!.d === rows[0]!.c
}

let ticketCategoryId: string
let ticketNo = 0
async function ticketCharge(unitId: string | null, amountFen: number, createdAt: string) {
  const ticketId = uuidv7()
  const chargeId = uuidv7()
  await db()
    .insertInto('tickets')
    .values({
      tenant_id: company.tenantId,
      id: ticketId,
      number: `WX2025${String(++ticketNo).padStart(4, '0')}`,
      community_id: estate.communityId,
      unit_id: unitId,
      kind: 'repair_home',
      category_id: ticketCategoryId,
      priority: 'normal',
      channel: 'phone',
      title: '更换水龙头',
      status: 'closed',
      quote_fen: amountFen,
      quote_accepted: true,
      response_minutes: 30,
      resolution_minutes: 1440,
      clock_mode: 'calendar',
    })
    .execute()
  await db()
    .insertInto('ticket_charges')
    .values({
      tenant_id: company.tenantId,
      id: chargeId,
      ticket_id: ticketId,
      community_id: estate.communityId,
      unit_id: unitId,
      amount_fen: String(amountFen),
      created_at: createdAt,
    })
    .execute()
  return chargeId
}

beforeAll(async () => {
  app = await startTestApp()
  company = await createCompany(app, 'ch')
  estate = await createSmallEstate(company, 'ch1')
  other = await createCompany(app, 'cx')
  otherEstate = await createSmallEstate(other, 'cx1')
  const [u0, u1, u2, u3] = estate.unitIds as [string, string, string, string]
  // Delivered long ago and sold, except 2-102: unsold, so its charges go to the developer.
  await db()
    .updateTable('units')
    .set({ delivery_date: '2015-03-18' })
    .where('id', 'in', [u0, u1, u2])
    .execute()
  await db().updateTable('units').set({ sold: false }).where('id', '=', u3).execute()
  // Areas 89.37 / 89.37 / 120.00 / 60.55 m².
  await db().updateTable('units').set({ building_area: '120.00' }).where('id', '=', u2).execute()
  await db()
    .updateTable('units')
    .set({ building_area: '60.55', exclusive_area: '50.00' })
    .where('id', '=', u3)
    .execute()
  items.water = await addItem('SF', '水费', 'metered', '4.95')
  items.shared = await addItem('GTDF', '公摊电费', 'shared')
  items.oneOff = await addItem('ZXLJ', '装修垃圾清运费', 'one_off')
  items.repair = await addItem('YCWX', '有偿维修费', 'one_off')
  items.deposit = await addItem('ZXYJ', '装修押金', 'deposit')
  ticketCategoryId = uuidv7()
  await db()
    .insertInto('ticket_categories')
    .values({
      tenant_id: company.tenantId,
      id: ticketCategoryId,
      code: 'plumbing',
      name: '水电',
      kinds: sql`array['repair_home']::text[]`,
    })
    .execute()
}, 120_000)
afterAll(() => app?.close())

describe('the routes', () => {
  it('are registered with their permissions', () => {
    const permissions = new Map(app.server.routePermissions)
    expect(
      [
        'POST /api/v1/billing/meter-readings',
        'POST /api/v1/billing/meter-readings/import',
        'GET /api/v1/billing/meter-readings',
        'POST /api/v1/billing/meter-readings/bill',
        'POST /api/v1/billing/shared-charges/preview',
        'POST /api/v1/billing/shared-charges',
        'POST /api/v1/billing/charges',
        'POST /api/v1/billing/ticket-charges/bill',
        'POST /api/v1/billing/deposits',
      ].map((route) => [route, permissions.get(route)]),
    ).toEqual([
      ['POST /api/v1/billing/meter-readings', 'billing.collect'],
      ['POST /api/v1/billing/meter-readings/import', 'billing.configure'],
      ['GET /api/v1/billing/meter-readings', 'billing.read'],
      ['POST /api/v1/billing/meter-readings/bill', 'billing.run'],
      ['POST /api/v1/billing/shared-charges/preview', 'billing.run'],
      ['POST /api/v1/billing/shared-charges', 'billing.run'],
      ['POST /api/v1/billing/charges', 'billing.collect'],
      ['POST /api/v1/billing/ticket-charges/bill', 'billing.run'],
      ['POST /api/v1/billing/deposits', 'billing.collect'],
    ])
  })
})

describe('meter readings', () => {
  const reading = (unit: number, body: Record<string, unknown>) =>
    post('/api/v1/billing/meter-readings', {
      unitId: estate.unitIds[unit],
      feeItemId: items.water,
      readOn: '2025-05-31',
      ...body,
    })

  it('records readings; the previous one defaults to the last; a reading going down needs its full scale', async () => {
    const april = await reading(0, {
      period: '2025-04',
      previous: '1000',
      current: '1234.56',
      readOn: '2025-04-30',
    })
    expect(april.status, JSON.stringify(april.body)).toBe(201)
    // No previous reading given: the unit's last current reading (April's) is taken.
    const may = await reading(0, { period: '2025-05', current: '1300.78' })
    expect(may.status, JSON.stringify(may.body)).toBe(201)
    expect(may.body).toMatchObject({
      unitCode: '1-101',
      previous: '1234.56',
      current: '1300.78',
      usage: '66.22',
    })
    expect(may.body.billId).toBeNull()

    const down = await reading(1, { period: '2025-05', previous: '99990', current: '20.50' })
    expect(down.status).toBe(422)
    expect(down.body.error).toMatchObject({
      code: 'BILLING_METER_READING_DOWN',
      message: '本期读数 20.50 小于上期读数 99990.00：表未走满一圈时读数不会减少；如已走满回零，请填写满量程',
    })
    const wrapped = await reading(1, {
      period: '2025-05',
      previous: '99990',
      current: '20.50',
      wrapsAt: '100000',
    })
    expect(wrapped.status, JSON.stringify(wrapped.body)).toBe(201)
    expect(wrapped.body).toMatchObject({
      previous: '99990.00',
      current: '20.50',
      wrapsAt: '100000.00',
      usage: '30.50',
    })

    const again = await reading(0, { period: '2025-05', current: '1400' })
    expect([again.status, again.body.error.code]).toEqual([409, 'BILLING_METER_READING_EXISTS'])
    const firstEver = await reading(2, { period: '2025-04', current: '5' })
    expect([firstEver.status, firstEver.body.error.code]).toEqual([422, 'BILLING_METER_PREVIOUS_REQUIRED'])
    const badNumber = await reading(2, { period: '2025-04', previous: '1', current: '5.123' })
    expect(badNumber.status).toBe(400)
    const notMetered = await post('/api/v1/billing/meter-readings', {
      unitId: estate.unitIds[2],
      feeItemId: items.oneOff,
      period: '2025-04',
      previous: '1',
      current: '2',
      readOn: '2025-04-30',
    })
    expect([notMetered.status, notMetered.body.error.code]).toEqual([422, 'BILLING_METER_ITEM_NOT_METERED'])
    expect((await readingsOf('2025-05')).map((r) => r.unitCode)).toEqual(['1-101', '1-102'])
  })

  it('imports a file all or nothing, with every refused row numbered, in Chinese', async () => {
    const header = ['房号', '上期读数', '本期读数', '抄表日期']
    const bad = await importFile(
      '2025-05',
      csv([
        header,
        ['2-101', '0', '12.34', '2025-05-31'],
        ['2-102', '7.25', '5', '2025-05-31'],
        ['9-999', '1', '2', '2025-05-31'],
        ['1-101', '1', '2', '2025-05-31'],
      ]),
    )
    expect(bad.status, JSON.stringify(bad.body)).toBe(422)
    expect(bad.body.error.code).toBe('BILLING_METER_IMPORT_REJECTED')
    expect(bad.body.error.message).toBe('3 行数据有误（共 3 处），未导入任何读数')
    expect(bad.body.error.details).toMatchObject({ dryRun: false, rows: 4, imported: 0 })
    expect(bad.body.error.details.errors).toEqual([
      {
        row: 3,
        column: '本期读数',
        reason: '本期读数 5.00 小于上期读数 7.25：表未走满一圈时读数不会减少；如已走满回零，请填写满量程',
      },
      { row: 4, column: '房号', reason: '房号“9-999”在本小区不存在' },
      { row: 5, column: '房号', reason: '房号“1-101”本月已有读数' },
    ])
    // The good row of that file was not kept either.
    expect((await readingsOf('2025-05')).map((r) => r.unitCode)).toEqual(['1-101', '1-102'])

    const good = csv([header, ['2-101', '0', '12.34', '2025-05-31'], ['2-102', '5', '7.25', '2025/5/31']])
    const dry = await importFile('2025-05', good, true)
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    expect(dry.body).toEqual({ dryRun: true, rows: 2, imported: 2, errors: [] })
    expect(await readingsOf('2025-05')).toHaveLength(2)
    const done = await importFile('2025-05', good)
    expect(done.body).toEqual({ dryRun: false, rows: 2, imported: 2, errors: [] })
    expect((await readingsOf('2025-05')).map((r) => [r.unitCode, r.usage])).toEqual([
      ['1-101', '66.22'],
      ['1-102', '30.50'],
      ['2-101', '12.34'],
      ['2-102', '2.25'],
    ])
    // The same file again: every row is now a duplicate of the month's readings, nothing changes.
    const twice = await importFile('2025-05', good)
    expect(twice.status).toBe(422)
    expect(twice.body.error.details.errors.map((e: any) => e.row)).toEqual([2, 3])
  })

  it('imports .xlsx with number and date cells; empty 上期读数 takes the last reading', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('6月读数')
    sheet.addRow(['房号', '上期读数', '本期读数（m³）', '抄表日期', '满量程'])
    sheet.addRow(['1-101', null, 1400.5, new Date(Date.UTC(2025, 5, 30))])
    sheet.addRow(['1-102', null, 25, '2025-06-30'])
    const file = Buffer.from(await workbook.xlsx.writeBuffer())
    const res = await importFile('2025-06', file)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.imported).toBe(2)
    expect((await readingsOf('2025-06')).map((r) => [r.unitCode, r.previous, r.current, r.readOn])).toEqual([
      ['1-101', '1300.78', '1400.50', '2025-06-30'],
      ['1-102', '20.50', '25.00', '2025-06-30'],
    ])
    const xls = await importFile('2025-06', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))
    expect([xls.status, xls.body.error.code]).toEqual([422, 'BILLING_METER_IMPORT_XLS'])
  })

  it('bills (current − previous) × rate exactly, rollover included; billing the month again bills nothing', async () => {
    const input = { communityId: estate.communityId, feeItemId: items.water, period: '2025-05' }
    const res = await post('/api/v1/billing/meter-readings/bill', input)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    // 4.95 元/m³, each product exact, then rounded once half up:
    //   66.22 × 4.95 = 327.789 → 327.79;  rollover 99990.00 → 20.50 through 100000: 30.50 × 4.95 = 150.975 → 150.98;
    //   12.34 × 4.95 = 61.083 → 61.08;  2.25 × 4.95 = 11.1375 → 11.14 (unsold: the developer's).
    expect(res.body).toEqual({
      period: '2025-05',
      readings: 4,
      bills: 4,
      totalFen: 32_779 + 15_098 + 6108 + 1114,
      zeroUsage: 0,
    })
    const bills = await billsOf(items.water, '2025-05')
    expect(
      Object.entries(bills)
        .map(([code, b]) => [code, b.amountFen, b.payer])
        .sort(),
    ).toEqual([
      ['1-101', 32_779, 'owner'],
      ['1-102', 15_098, 'owner'],
      ['2-101', 6108, 'owner'],
      ['2-102', 1114, 'developer'],
    ])
    expect(bills['1-101']!.basis).toBe('1234.56 → 1300.78 = 66.22 × 4.95')
    expect(bills['1-102']!.basis).toBe('99990.00 → 20.50（满量程 100000.00） = 30.50 × 4.95')
    // Each reading now names its bill.
    const readings = await readingsOf('2025-05')
    expect(readings.map((r) => r.billId)).toEqual(readings.map((r) => bills[r.unitCode]!.id))

    const again = await post('/api/v1/billing/meter-readings/bill', input)
    expect(again.body).toEqual({ period: '2025-05', readings: 0, bills: 0, totalFen: 0, zeroUsage: 0 })
    expect(Object.keys(await billsOf(items.water, '2025-05'))).toHaveLength(4)
    // The journal: receivable per bill, revenue for the item, balanced.
    const { rows } = await sql<{ account: string; d: string; c: string }>`
      select l.account, sum(l.debit_fen)::text as d, sum(l.credit_fen)::text as c
        from ledger_lines l join ledger_journals j on j.id = l.journal_id
       where j.key like ${`metered:${items.water}:2025-05:%`} group by l.account order by l.account`.execute(
      db(),
    )
    expect(rows).toEqual([
      { account: '1122', d: '55099', c: '0' },
      { account: '6001', d: '0', c: '55099' },
    ])
    expect(await ledgerBalanced()).toBe(true)
  })

  it('refuses to bill a month without a standard', async () => {
    await post('/api/v1/billing/fee-items', {
      communityId: estate.communityId,
      code: 'DF',
      name: '电费',
      kind: 'metered',
    })
    const items2 = await company.admin.get(`/api/v1/billing/fee-items?communityId=${estate.communityId}`)
    const power = items2.body.find((i: any) => i.code === 'DF').id
    const res = await post('/api/v1/billing/meter-readings/bill', {
      communityId: estate.communityId,
      feeItemId: power,
      period: '2025-05',
    })
    expect([res.status, res.body.error.code]).toEqual([422, 'BILLING_METER_NO_STANDARD'])
  })
})

describe('shared utilities (公摊)', () => {
  const shared = (body: Record<string, unknown>) => ({
    communityId: estate.communityId,
    feeItemId: items.shared,
    basis: 'area',
    ...body,
  })
  const fenByCode = (body: any) => Object.fromEntries(body.shares.map((s: any) => [s.unitCode, s.fen]))

  it('previews a split by area that sums to the total exactly and writes nothing', async () => {
    const res = await post(
      '/api/v1/billing/shared-charges/preview',
      shared({ period: '2025-05', totalFen: 100_000 }),
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    // 1000.00 元 over 89.37 + 89.37 + 120.00 + 60.55 = 359.29 m²: the floors 248.74 + 248.74 + 333.99 + 168.52
    // leave 0.01 元, which goes to the largest remainder (2-102's 168.5268…).
    expect(fenByCode(res.body)).toEqual({
      '1-101': 24_874,
      '1-102': 24_874,
      '2-101': 33_399,
      '2-102': 16_853,
    })
    expect(res.body).toMatchObject({ weightTotal: '359.29', totalFen: 100_000, bills: 0, existingBills: 0 })
    expect(res.body.shares.find((s: any) => s.unitCode === '2-102')).toMatchObject({
      weight: '60.55',
      payer: 'developer',
    })
    // 1000.02 元: rounding each share half up would bill 1000.03 元. The two spare fen go to 2-101 (remainder
    // .87) and, of the two equal remainders of 1-101 and 1-102, to the lower unit code.
    const odd = await post(
      '/api/v1/billing/shared-charges/preview',
      shared({ period: '2025-05', totalFen: 100_002 }),
    )
    expect(fenByCode(odd.body)).toEqual({
      '1-101': 24_875,
      '1-102': 24_874,
      '2-101': 33_400,
      '2-102': 16_853,
    })
    expect(Object.keys(await billsOf(items.shared, '2025-05'))).toHaveLength(0)
  })

  it('bills the split: bills sum to the total; the month cannot be split twice', async () => {
    const res = await post('/api/v1/billing/shared-charges', shared({ period: '2025-05', totalFen: 100_000 }))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.bills).toBe(4)
    const bills = await billsOf(items.shared, '2025-05')
    expect(Object.values(bills).reduce((sum, b) => sum + b.amountFen, 0)).toBe(100_000)
    expect(bills['2-101']).toMatchObject({
      amountFen: 33_399,
      basis: '公摊 1000.00 元 × 120.00 m² ÷ 359.29 m²',
    })
    const twice = await post(
      '/api/v1/billing/shared-charges',
      shared({ period: '2025-05', totalFen: 50_000 }),
    )
    expect([twice.status, twice.body.error.code]).toEqual([409, 'BILLING_SHARED_ALREADY_BILLED'])
    const preview = await post(
      '/api/v1/billing/shared-charges/preview',
      shared({ period: '2025-05', totalFen: 1 }),
    )
    expect(preview.body.existingBills).toBe(4)
    expect(await ledgerBalanced()).toBe(true)
  })

  it('splits per household, and over one building only', async () => {
    const res = await post(
      '/api/v1/billing/shared-charges',
      shared({ period: '2025-06', totalFen: 100_001, basis: 'household' }),
    )
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(fenByCode(res.body)).toEqual({
      '1-101': 25_001,
      '1-102': 25_000,
      '2-101': 25_000,
      '2-102': 25_000,
    })
    const bills = await billsOf(items.shared, '2025-06')
    expect(Object.values(bills).reduce((sum, b) => sum + b.amountFen, 0)).toBe(100_001)
    expect(bills['1-102']!.basis).toBe('公摊 1000.01 元 ÷ 4 户')

    const building = await post(
      '/api/v1/billing/shared-charges',
      shared({ period: '2025-07', totalFen: 10_001, basis: 'area', buildingId: estate.buildingIds[1] }),
    )
    expect(building.status, JSON.stringify(building.body)).toBe(201)
    // 100.01 元 over 120.00 + 60.55 m² (building 2 only).
    expect(fenByCode(building.body)).toEqual({ '2-101': 6647, '2-102': 3354 })
    expect(building.body.weightTotal).toBe('180.55')
    const otherBuilding = await post(
      '/api/v1/billing/shared-charges/preview',
      shared({ period: '2025-07', totalFen: 1, buildingId: otherEstate.buildingIds[0] }),
    )
    expect([otherBuilding.status, otherBuilding.body.error.code]).toEqual([404, 'ESTATE_BUILDING_NOT_FOUND'])
    const wrongItem = await post(
      '/api/v1/billing/shared-charges/preview',
      shared({ period: '2025-07', totalFen: 1, feeItemId: items.water }),
    )
    expect([wrongItem.status, wrongItem.body.error.code]).toEqual([422, 'BILLING_SHARED_ITEM_NOT_SHARED'])
  })
})

describe('one-off charges', () => {
  it('bills one unit once per item and month; deposits are not one-off charges', async () => {
    const body = {
      unitId: estate.unitIds[0],
      feeItemId: items.oneOff,
      period: '2025-05',
      amountFen: 30_000,
      note: '装修垃圾清运 5 车',
    }
    const res = await post('/api/v1/billing/charges', body)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      unitCode: '1-101',
      feeItemName: '装修垃圾清运费',
      periodStart: '2025-05',
      periodEnd: '2025-05',
      payer: 'owner',
      amountFen: 30_000,
      openFen: 30_000,
      status: 'open',
      basis: '装修垃圾清运 5 车',
    })
    const again = await post('/api/v1/billing/charges', body)
    expect([again.status, again.body.error.code]).toEqual([409, 'BILLING_CHARGE_EXISTS'])
    const deposit = await post('/api/v1/billing/charges', { ...body, feeItemId: items.deposit })
    expect([deposit.status, deposit.body.error.code]).toEqual([422, 'BILLING_CHARGE_ITEM_NOT_ONE_OFF'])
    // No month given: the community's current month.
    const now = await post('/api/v1/billing/charges', { ...body, period: undefined, amountFen: 500 })
    expect(now.status, JSON.stringify(now.body)).toBe(201)
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .slice(0, 7)
    expect(now.body.periodStart).toBe(month)
  })
})

describe('paid repairs (ticket charges)', () => {
  const bill = (period: string) =>
    post('/api/v1/billing/ticket-charges/bill', {
      communityId: estate.communityId,
      feeItemId: items.repair,
      period,
    })
  const consumed = async (ids: string[]) =>
    (
      await db().selectFrom('ticket_charges').select(['id', 'consumed_at']).where('id', 'in', ids).execute()
    ).filter((c: any) => c.consumed_at !== null).length

  it('consumes each charge once: one bill per unit with the sum, a second run bills nothing', async () => {
    const [u0, u1] = estate.unitIds as [string, string]
    const may = [
      await ticketCharge(u0, 25_024, '2025-05-10T02:00:00Z'),
      await ticketCharge(u0, 976, '2025-05-20T02:00:00Z'),
      await ticketCharge(u1, 8_000, '2025-05-31T15:00:00Z'), // 23:00 in Shanghai: still May
    ]
    const june = await ticketCharge(u1, 1_200, '2025-05-31T17:00:00Z') // 01:00 on 1 June in Shanghai
    const common = await ticketCharge(null, 5_000, '2025-05-12T02:00:00Z')

    const first = await bill('2025-05')
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body).toEqual({
      period: '2025-05',
      charges: 3,
      bills: 2,
      totalFen: 34_000,
      deferred: 0,
      withoutUnit: 1,
    })
    const bills = await billsOf(items.repair, '2025-05')
    expect(bills['1-101']).toMatchObject({ amountFen: 26_000, basis: '有偿维修 工单 WX20250001、WX20250002' })
    expect(bills['1-102']).toMatchObject({ amountFen: 8_000 })
    expect(await consumed(may)).toBe(3)
    expect(await consumed([june, common])).toBe(0)

    const second = await bill('2025-05')
    expect(second.body).toMatchObject({ charges: 0, bills: 0, totalFen: 0, withoutUnit: 1 })
    expect(Object.keys(await billsOf(items.repair, '2025-05'))).toHaveLength(2)

    // A later May repair of a unit already billed for May waits for June's bill, with June's own.
    const late = await ticketCharge(u0, 300, '2025-05-25T02:00:00Z')
    const third = await bill('2025-05')
    expect(third.body).toMatchObject({ charges: 0, bills: 0, deferred: 1 })
    expect(await consumed([late])).toBe(0)
    const fourth = await bill('2025-06')
    expect(fourth.body).toMatchObject({ charges: 2, bills: 2, totalFen: 1_500, deferred: 0 })
    expect(await consumed([late, june])).toBe(2)
    expect(await ledgerBalanced()).toBe(true)
  })
})

describe('deposits', () => {
  it('holds a deposit on 2241, never revenue, with a receipt of one deposit line; a retry posts once', async () => {
    const revenueBefore = await sql<{ c: string }>`
      select coalesce(sum(credit_fen - debit_fen), 0)::text as c from ledger_lines
       where account = '6001' and community_id = ${estate.communityId}`.execute(db())
    const body = { unitId: estate.unitIds[1], feeItemId: items.deposit, amountFen: 200_000, channel: 'cash' }
    const headers = { 'idempotency-key': 'deposit-1-102-0001' }
    const res = await company.admin.request('POST', '/api/v1/billing/deposits', body, headers)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      unitCode: '1-102',
      feeItemName: '装修押金',
      channel: 'cash',
      amountFen: 200_000,
      depositFen: 200_000,
    })
    expect(res.body.shiftId).toBeTruthy()
    const retry = await company.admin.request('POST', '/api/v1/billing/deposits', body, headers)
    expect(retry.body.paymentId).toBe(res.body.paymentId)

    const payments = await db()
      .selectFrom('payments')
      .select(['id', 'purpose', 'journal_id', 'allocations', 'prepaid_fen'])
      .where('unit_id', '=', estate.unitIds[1]!)
      .execute()
    expect(payments).toHaveLength(1)
    expect(payments[0]).toMatchObject({ purpose: 'deposit', prepaid_fen: '0', allocations: [] })
    const lines = await db()
      .selectFrom('ledger_lines')
      .select(['account', 'sub_key', 'debit_fen', 'credit_fen'])
      .where('journal_id', '=', payments[0]!.journal_id)
      .orderBy('line_no')
      .execute()
    expect(lines).toEqual([
      { account: '1001', sub_key: '', debit_fen: '200000', credit_fen: '0' },
      { account: '2241', sub_key: estate.unitIds[1], debit_fen: '0', credit_fen: '200000' },
    ])
    const account = await db()
      .selectFrom('unit_accounts')
      .select(['deposit_fen', 'prepaid_fen'])
      .where('unit_id', '=', estate.unitIds[1]!)
      .executeTakeFirstOrThrow()
    expect(account).toEqual({ deposit_fen: '200000', prepaid_fen: '0' })

    const receipt = await company.admin.get(`/api/v1/billing/receipts/${res.body.receiptId}`)
    expect(receipt.status).toBe(200)
    expect(receipt.body).toMatchObject({
      number: res.body.receiptNumber,
      amountFen: 200_000,
      unitCode: '1-102',
    })
    expect(receipt.body.lines).toEqual([
      { kind: 'deposit', feeItemName: '装修押金', periodStart: null, periodEnd: null, fen: 200_000 },
    ])
    // The deposit receipt prints: its one line adds up to its total.
    const pdf = await company.admin.get(`/api/v1/billing/receipts/${res.body.receiptId}/pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')

    // The trial balance: the deposit sits on 2241; revenue is exactly what was billed.
    const trial = await company.admin.get(
      `/api/v1/billing/ledger/trial-balance?communityId=${estate.communityId}`,
    )
    expect(trial.status, JSON.stringify(trial.body)).toBe(200)
    expect(trial.body.balanced).toBe(true)
    const row = (code: string) => trial.body.rows.find((r: any) => r.code === code)
    expect(row('2241')).toMatchObject({ creditFen: 200_000, balanceFen: 200_000, balanceSide: 'credit' })
    const billed = await sql<{ s: string }>`
      select sum(amount_fen)::text as s from bills where community_id = ${estate.communityId}`.execute(db())
    expect(row('6001').creditFen).toBe(Number(billed.rows[0]!.s))
    expect(String(row('6001').creditFen)).toBe(revenueBefore.rows[0]!.c)

    const notDeposit = await post('/api/v1/billing/deposits', { ...body, feeItemId: items.oneOff })
    expect([notDeposit.status, notDeposit.body.error.code]).toEqual([422, 'BILLING_DEPOSIT_ITEM_NOT_DEPOSIT'])
  })

  it('a deposit taken by mistake is voided like any receipt: the deposit goes back to 0', async () => {
    const res = await post('/api/v1/billing/deposits', {
      unitId: estate.unitIds[2],
      feeItemId: items.deposit,
      amountFen: 50_000,
      channel: 'bank',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const voided = await post(`/api/v1/billing/receipts/${res.body.receiptId}/void`, { reason: '收错房屋' })
    expect(voided.status, JSON.stringify(voided.body)).toBe(200)
    expect(voided.body.status).toBe('void')
    const account = await db()
      .selectFrom('unit_accounts')
      .select('deposit_fen')
      .where('unit_id', '=', estate.unitIds[2]!)
      .executeTakeFirstOrThrow()
    expect(account.deposit_fen).toBe('0')
    expect(await ledgerBalanced()).toBe(true)
  })
})

describe('reach', () => {
  it("another company's units, communities and items answer 404 and change nothing", async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from ledger_journals`.execute(db())
    const theirs = other.admin
    const mine = estate.unitIds[0]
    const checks: [Promise<any>, string][] = [
      [
        theirs.post('/api/v1/billing/meter-readings', {
          unitId: mine,
          feeItemId: items.water,
          period: '2025-07',
          previous: '1',
          current: '2',
          readOn: '2025-07-31',
        }),
        'ESTATE_UNIT_NOT_FOUND',
      ],
      [
        theirs.post('/api/v1/billing/charges', {
          unitId: mine,
          feeItemId: items.oneOff,
          amountFen: 1,
          note: 'x',
        }),
        'ESTATE_UNIT_NOT_FOUND',
      ],
      [
        theirs.post('/api/v1/billing/deposits', {
          unitId: mine,
          feeItemId: items.deposit,
          amountFen: 1,
          channel: 'cash',
        }),
        'ESTATE_UNIT_NOT_FOUND',
      ],
      [
        theirs.post('/api/v1/billing/meter-readings/bill', {
          communityId: estate.communityId,
          feeItemId: items.water,
          period: '2025-06',
        }),
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      [
        theirs.post('/api/v1/billing/shared-charges', {
          communityId: estate.communityId,
          feeItemId: items.shared,
          period: '2025-08',
          totalFen: 100,
          basis: 'area',
        }),
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      [
        theirs.post('/api/v1/billing/ticket-charges/bill', {
          communityId: estate.communityId,
          feeItemId: items.repair,
        }),
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      [
        theirs.get(
          `/api/v1/billing/meter-readings?communityId=${estate.communityId}&feeItemId=${items.water}&period=2025-05`,
        ),
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      // Their own unit with our fee item: the item is not of that community.
      [
        theirs.post('/api/v1/billing/deposits', {
          unitId: otherEstate.unitIds[0],
          feeItemId: items.deposit,
          amountFen: 1,
          channel: 'cash',
        }),
        'BILLING_FEE_ITEM_NOT_FOUND',
      ],
    ]
    for (const [request, code] of checks) {
      const res = await request
      expect([res.status, res.body.error?.code]).toEqual([404, code])
    }
    const mineToThem = await post('/api/v1/billing/charges', {
      unitId: otherEstate.unitIds[0],
      feeItemId: items.oneOff,
      amountFen: 1,
      note: 'x',
    })
    expect([mineToThem.status, mineToThem.body.error.code]).toEqual([404, 'ESTATE_UNIT_NOT_FOUND'])
    const after = await sql<{ n: number }>`select count(*)::int as n from ledger_journals`.execute(db())
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n)
  })

  it('leaves the ledger balanced: every journal, and bills equal to receivable charged', async () => {
    expect(await ledgerBalanced()).toBe(true)
    const { rows } = await sql<{ billed: string; charged: string }>`
      select (select sum(amount_fen) from bills)::text as billed,
             (select sum(l.debit_fen) from ledger_lines l join ledger_journals j on j.id = l.journal_id
               where j.kind = 'bill_issued' and l.account = '1122')::text as charged`.execute(db())
    expect(rows[0]!.billed).toBe(rows[0]!.charged)
  })
})
