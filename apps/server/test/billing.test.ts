/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resumeRunsJob } from '../src/modules/billing/jobs'
import { executeRun } from '../src/modules/billing/run-service'
import { type ApiClient, startTestApp, type TestApp } from './support/app'
import {
  type Company,
  createCompany,
  createSmallEstate,
  nextPhone,
  type SmallEstate,
  signInOwner,
} from './support/fixtures'

/**
 * Fees through the API: items and standards, a billing run (preview = run, re-run adds nothing, rate changes
 * leave issued bills alone), counter payments with gap-free receipts and the shift report, the prepayment
 * cap, voiding, online payment through the sandbox with redelivered and forged notifications, and the
 * owner's view.
 */
let app: TestApp
let company: Company
let estate: SmallEstate
let owner: ApiClient
let serviceItemId: string
let parkingItemId: string

const count = async (table: string) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(app.db.owner)).rows[0]!
      .n,
  )

const ledgerBalanced = async () => {
  const { rows } = await sql<{ d: string; c: string }>`
    select coalesce(sum(debit_fen), 0) as d, coalesce(sum(credit_fen), 0) as c from ledger_lines`.execute(
    app.db.owner,
  )
  return rows[0]!.d === rows[0]!.c
}

async function waitForRun(id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await company.admin.get(`/api/v1/billing/runs/${id}`)
    if (res.body.status !== 'running') return res.body
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('run did not finish')
}

beforeAll(async () => {
  app = await startTestApp()
  company = await createCompany(app, 'bl')
  estate = await createSmallEstate(company, 'bl1')
  // The owner of unit 0 signs in to the resident app.
  owner = await signInOwner(app, company, estate)
  // Delivered long ago and sold, except unit 3: undelivered, so billed to the developer.
  await app.db.owner
    .updateTable('units')
    .set({ delivery_date: '2015-03-18' })
    .where('id', 'in', estate.unitIds.slice(0, 3))
    .execute()
  await app.db.owner.updateTable('units').set({ sold: false }).where('id', '=', estate.unitIds[3]!).execute()
  // The owner holds one parking space.
  await app.db.owner
    .insertInto('parking_spaces')
    .values({
      tenant_id: company.tenantId,
      id: '0190c0de-0000-7000-8000-000000000001',
      community_id: estate.communityId,
      code: 'P-001',
      area: '12.50',
      kind: 'owned',
      owner_party_id: estate.ownerPartyId,
    } as never)
    .execute()
})
afterAll(() => app?.close())

describe('fee items and standards', () => {
  it('creates items and standards, and refuses a duplicate code or standard month', async () => {
    const service = await company.admin.post('/api/v1/billing/fee-items', {
      communityId: estate.communityId,
      code: 'WYF',
      name: '物业服务费',
      kind: 'area',
      sort: 1,
    })
    expect(service.status, JSON.stringify(service.body)).toBe(201)
    serviceItemId = service.body.id
    const parking = await company.admin.post('/api/v1/billing/fee-items', {
      communityId: estate.communityId,
      code: 'CWF',
      name: '车位管理费',
      kind: 'per_space',
      sort: 2,
    })
    parkingItemId = parking.body.id
    const again = await company.admin.post('/api/v1/billing/fee-items', {
      communityId: estate.communityId,
      code: 'WYF',
      name: '重复',
      kind: 'fixed',
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('BILLING_FEE_ITEM_CODE_TAKEN')
    expect(
      (
        await company.admin.post(`/api/v1/billing/fee-items/${serviceItemId}/standards`, {
          effectiveFrom: '2025-01',
          rate: '2.80',
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await company.admin.post(`/api/v1/billing/fee-items/${parkingItemId}/standards`, {
          effectiveFrom: '2025-01',
          rate: '60',
        })
      ).status,
    ).toBe(201)
    const dup = await company.admin.post(`/api/v1/billing/fee-items/${serviceItemId}/standards`, {
      effectiveFrom: '2025-01',
      rate: '3.00',
    })
    expect(dup.status).toBe(409)
    const bad = await company.admin.post(`/api/v1/billing/fee-items/${serviceItemId}/standards`, {
      effectiveFrom: '2025-13',
      rate: '2.801234',
    })
    expect(bad.status).toBe(400)
    const list = await company.admin.get(`/api/v1/billing/fee-items?communityId=${estate.communityId}`)
    expect(list.body.map((i: any) => [i.code, i.standards[0].rate])).toEqual([
      ['WYF', '2.80'],
      ['CWF', '60.00'],
    ])
  })
})

describe('billing runs', () => {
  it('previews what the run bills, bills exactly that once, and a re-run adds nothing', async () => {
    const input = { communityId: estate.communityId, period: '2025-04' }
    const preview = await company.admin.post('/api/v1/billing/runs/preview', input)
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    // 4 units × 2.80 × 89.37 m² = 4 × 250.24 (250.236 rounded once, half up); one space × 60.00.
    expect(preview.body).toMatchObject({ units: 4, lines: 5, totalFen: 4 * 25024 + 6000, existingLines: 0 })
    expect(preview.body.developerFen).toBe(25024)
    const started = await company.admin.post('/api/v1/billing/runs', input)
    expect(started.status, JSON.stringify(started.body)).toBe(202)
    const run = await waitForRun(started.body.id)
    expect(run).toMatchObject({
      status: 'completed',
      unitsDone: 4,
      billsCreated: 5,
      totalFen: preview.body.totalFen,
    })
    const bills = await company.admin.get(
      `/api/v1/billing/bills?communityId=${estate.communityId}&period=2025-04`,
    )
    expect(bills.body.items.map((b: any) => b.amountFen).sort()).toEqual(
      [25024, 25024, 25024, 25024, 6000].sort(),
    )
    expect(bills.body.items.find((b: any) => b.payer === 'developer').unitId).toBe(estate.unitIds[3])
    // Again: nothing new, and the preview says those bills exist already.
    const rerun = await company.admin.post('/api/v1/billing/runs', input)
    expect((await waitForRun(rerun.body.id)).billsCreated).toBe(5)
    expect(await count('bills')).toBe(5)
    expect((await company.admin.post('/api/v1/billing/runs/preview', input)).body).toMatchObject({
      lines: 0,
      existingLines: 5,
    })
    expect(await ledgerBalanced()).toBe(true)
  })

  it('refuses a period that does not start its cycle, and a rate change for billed months', async () => {
    const q = await company.admin.post('/api/v1/billing/runs/preview', {
      communityId: estate.communityId,
      period: '2025-05',
      cycle: 'quarterly',
    })
    expect(q.status).toBe(422)
    expect(q.body.error.code).toBe('BILLING_PERIOD_NOT_ALIGNED')
    const late = await company.admin.post(`/api/v1/billing/fee-items/${serviceItemId}/standards`, {
      effectiveFrom: '2025-04',
      rate: '3.10',
    })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('BILLING_STANDARD_MONTH_BILLED')
    // From June on the rate rises; April's bills keep 2.80, June's take 3.10 (3.10 × 89.37 = 277.047 → 277.05).
    expect(
      (
        await company.admin.post(`/api/v1/billing/fee-items/${serviceItemId}/standards`, {
          effectiveFrom: '2025-06',
          rate: '3.10',
        })
      ).status,
    ).toBe(201)
    for (const period of ['2025-05', '2025-06']) {
      const run = await company.admin.post('/api/v1/billing/runs', {
        communityId: estate.communityId,
        period,
      })
      await waitForRun(run.body.id)
    }
    const june = await company.admin.get(`/api/v1/billing/bills?unitId=${estate.unitIds[1]}&period=2025-06`)
    expect(june.body.items[0].amountFen).toBe(27705)
    const april = await company.admin.get(`/api/v1/billing/bills?unitId=${estate.unitIds[1]}&period=2025-04`)
    expect(april.body.items[0].amountFen).toBe(25024)
  })

  it('a run whose executor died is resumed by the job, from its cursor', async () => {
    const { rows } = await sql<{ id: string }>`
      insert into billing_runs (tenant_id, id, community_id, period_start, cycle, status, units_total, heartbeat_at)
      values (${company.tenantId}, gen_random_uuid(), ${estate.communityId}, '2025-09-01', 'monthly', 'running', 4,
              now() - interval '5 minutes')
      returning id`.execute(app.db.owner)
    const log = { info() {}, warn() {}, error() {} }
    await resumeRunsJob.handler({}, { db: app.db, log, jobId: 'test', attempt: 1 })
    const run = await company.admin.get(`/api/v1/billing/runs/${rows[0]!.id}`)
    expect(run.body).toMatchObject({ status: 'completed', unitsDone: 4, billsCreated: 5 })
  })

  it('a second executor of the same run bills nothing twice', async () => {
    const input = { communityId: estate.communityId, period: '2025-07' }
    const started = await company.admin.post('/api/v1/billing/runs', input)
    await executeRun(app.db, company.tenantId, started.body.id)
    await waitForRun(started.body.id)
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from bills where period_start = '2025-07-01'`.execute(app.db.owner)
    expect(Number(rows[0]!.n)).toBe(5)
  })
})

describe('the counter', () => {
  it('allocates oldest first, numbers receipts without gaps and totals the shift', async () => {
    const unit = estate.unitIds[1]!
    // Unit 1 owes April, May, June, July: 25024 + 25024 + 27705 + 27705.
    const pay = (amountFen: number, extra: object = {}) =>
      company.admin.post('/api/v1/billing/payments', { unitId: unit, channel: 'cash', amountFen, ...extra })
    const first = await pay(30000)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const bills = await company.admin.get(`/api/v1/billing/bills?unitId=${unit}`)
    const byPeriod = Object.fromEntries(bills.body.items.map((b: any) => [b.periodStart, b]))
    expect(byPeriod['2025-04'].openFen).toBe(0)
    expect(byPeriod['2025-05'].openFen).toBe(25024 - (30000 - 25024))
    const second = await pay(100, { channel: 'pos' })
    const third = await pay(100, { channel: 'bank' })
    const numbers = [first, second, third].map((r) => r.body.receiptNumber)
    const year = new Date().getFullYear()
    expect(numbers).toEqual([`${year}-000001`, `${year}-000002`, `${year}-000003`])
    const shift = await company.admin.get('/api/v1/billing/shifts/current')
    expect(shift.body).toMatchObject({ payments: 3, totalFen: 30200, voided: 0 })
    expect(shift.body.totals).toEqual(
      expect.arrayContaining([
        { channel: 'cash', count: 1, fen: 30000 },
        { channel: 'pos', count: 1, fen: 100 },
        { channel: 'bank', count: 1, fen: 100 },
      ]),
    )
    expect(await ledgerBalanced()).toBe(true)
  })

  it('refuses money beyond the prepayment cap and changes nothing', async () => {
    const before = {
      payments: await count('payments'),
      lines: await count('ledger_lines'),
      receipts: await count('receipts'),
    }
    const put = await company.admin.request(
      'PUT',
      `/api/v1/billing/settings?communityId=${estate.communityId}`,
      {
        prepaidMaxMonths: 2,
        dueDays: 30,
      },
    )
    expect(put.status).toBe(200)
    const unit = estate.unitIds[2]!
    const account = await company.admin.get(`/api/v1/billing/units/${unit}/account`)
    const tooMuch = account.body.openFen + 2 * 27705 + 1
    const refused = await company.admin.post('/api/v1/billing/payments', {
      unitId: unit,
      channel: 'cash',
      amountFen: tooMuch,
    })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatchObject({ code: 'BILLING_PREPAYMENT_CAP', details: { excessFen: 1 } })
    expect(refused.body.error.message).toContain('0.01 元')
    expect({
      payments: await count('payments'),
      lines: await count('ledger_lines'),
      receipts: await count('receipts'),
    }).toEqual(before)
    const fits = await company.admin.post('/api/v1/billing/payments', {
      unitId: unit,
      channel: 'cash',
      amountFen: tooMuch - 1,
    })
    expect(fits.status).toBe(201)
    expect(fits.body.prepaidFen).toBe(2 * 27705)
    // The next run settles the new bill from the prepaid balance.
    const run = await company.admin.post('/api/v1/billing/runs', {
      communityId: estate.communityId,
      period: '2025-08',
    })
    await waitForRun(run.body.id)
    const after = await company.admin.get(`/api/v1/billing/units/${unit}/account`)
    expect(after.body).toMatchObject({ openFen: 0, prepaidFen: 27705 })
  })

  it("pays the developer's bills only when the cashier chooses them", async () => {
    const unsold = estate.unitIds[3]!
    const bills = await company.admin.get(`/api/v1/billing/bills?unitId=${unsold}&status=open`)
    expect(bills.body.items.every((b: any) => b.payer === 'developer')).toBe(true)
    // Unchosen, money pays the owner's bills, and this unit has none: nothing to prepay against either.
    const unchosen = await company.admin.post('/api/v1/billing/payments', {
      unitId: unsold,
      channel: 'bank',
      amountFen: 100,
    })
    expect(unchosen.status).toBe(409)
    const first = bills.body.items.at(-1)
    const chosen = await company.admin.post('/api/v1/billing/payments', {
      unitId: unsold,
      channel: 'bank',
      amountFen: first.openFen,
      billIds: [first.id],
    })
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(201)
    expect(chosen.body.allocations).toEqual([{ billId: first.id, fen: first.openFen }])
  })

  it('voids a receipt: the number stays, the bills reopen, the shift counts it void', async () => {
    const unit = estate.unitIds[1]!
    const paid = await company.admin.post('/api/v1/billing/payments', {
      unitId: unit,
      channel: 'cash',
      amountFen: 5000,
    })
    const before = await company.admin.get(`/api/v1/billing/units/${unit}/account`)
    const voided = await company.admin.post(`/api/v1/billing/receipts/${paid.body.receiptId}/void`, {
      reason: '金额录错',
    })
    expect(voided.status, JSON.stringify(voided.body)).toBe(200)
    expect(voided.body).toMatchObject({
      status: 'void',
      number: paid.body.receiptNumber,
      voidReason: '金额录错',
    })
    const after = await company.admin.get(`/api/v1/billing/units/${unit}/account`)
    expect(after.body.openFen).toBe(before.body.openFen + 5000)
    const again = await company.admin.post(`/api/v1/billing/receipts/${paid.body.receiptId}/void`, {
      reason: '再次',
    })
    expect(again.status).toBe(409)
    expect((await company.admin.get('/api/v1/billing/shifts/current')).body.voided).toBe(1)
    const pdf = await company.admin.get(`/api/v1/billing/receipts/${paid.body.receiptId}/pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(await ledgerBalanced()).toBe(true)
  })
})

describe('online payment (sandbox)', () => {
  it('the owner pays an order; a redelivered or forged notification changes nothing', async () => {
    const mine = await owner.get('/api/v1/me/billing')
    expect(mine.status).toBe(200)
    const account = mine.body.find((a: any) => a.unitId === estate.unitIds[0])
    expect(account.openFen).toBeGreaterThan(0)
    const order = await owner.post('/api/v1/me/payment-orders', {
      unitId: estate.unitIds[0],
      provider: 'wechatpay',
    })
    expect(order.status, JSON.stringify(order.body)).toBe(201)
    expect(order.body).toMatchObject({ amountFen: account.openFen, status: 'pending', sandbox: true })
    const paid = await owner.post(`/api/v1/me/payment-orders/${order.body.id}/sandbox-pay`)
    expect(paid.status, JSON.stringify(paid.body)).toBe(200)
    expect(paid.body.status).toBe('paid')
    expect(
      (await owner.get('/api/v1/me/billing')).body.find((a: any) => a.unitId === estate.unitIds[0]).openFen,
    ).toBe(0)
    const receipt = await owner.get(`/api/v1/me/receipts/${paid.body.receiptId}`)
    expect(receipt.body).toMatchObject({ amountFen: account.openFen, channel: 'wechatpay', payerName: '张*' })
    // The same trade delivered again, through the public notify URL, exactly as the provider would.
    const { paymentProviders } = await import('../src/modules/billing/payment-providers')
    const sandbox = paymentProviders(app.deps.config).sandbox!
    const trade = {
      outTradeNo: order.body.outTradeNo,
      amountFen: account.openFen,
      providerTradeNo: `SANDBOX${order.body.id.replaceAll('-', '').slice(0, 24)}`,
    }
    const payments = await count('payments')
    for (let i = 0; i < 3; i++) {
      const signed = sandbox.wechatpay.signNotification(trade)
      const res = await app.server.inject({
        method: 'POST',
        url: `/api/v1/pay/notify/${company.tenantId}/wechatpay`,
        headers: { ...signed.headers, 'content-type': 'application/json' },
        payload: signed.body,
      })
      expect(res.statusCode).toBe(200)
    }
    expect(await count('payments')).toBe(payments)
    // A body changed after signing is refused and logged.
    const signed = sandbox.wechatpay.signNotification({ ...trade, providerTradeNo: 'FORGED1' })
    const forged = await app.server.inject({
      method: 'POST',
      url: `/api/v1/pay/notify/${company.tenantId}/wechatpay`,
      headers: { ...signed.headers, 'content-type': 'application/json' },
      payload: signed.body.replace('"id":"', '"id":"x'),
    })
    expect(forged.statusCode).toBe(400)
    expect(await count('payments')).toBe(payments)
    const log = await sql<{ outcome: string; n: string }>`
      select outcome, count(*) as n from payment_notifications group by outcome order by outcome`.execute(
      app.db.owner,
    )
    expect(Object.fromEntries(log.rows.map((r) => [r.outcome, Number(r.n)]))).toEqual({
      applied: 1,
      duplicate: 3,
      refused: 1,
    })
    // Alipay: a notification for an amount other than the order's is refused.
    const order2 = await owner.post('/api/v1/me/payment-orders', {
      unitId: estate.unitIds[0],
      provider: 'alipay',
      prepayFen: 1000,
    })
    expect(order2.status, JSON.stringify(order2.body)).toBe(201)
    const form = sandbox.alipay.signNotification({ outTradeNo: order2.body.outTradeNo, amountFen: 999 })
    const wrong = await app.server.inject({
      method: 'POST',
      url: `/api/v1/pay/notify/${company.tenantId}/alipay`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    })
    expect(wrong.body).toBe('failure')
    const right = sandbox.alipay.signNotification({ outTradeNo: order2.body.outTradeNo, amountFen: 1000 })
    const ok = await app.server.inject({
      method: 'POST',
      url: `/api/v1/pay/notify/${company.tenantId}/alipay`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(right).toString(),
    })
    expect(ok.body).toBe('success')
    expect((await owner.get(`/api/v1/me/payment-orders/${order2.body.id}`)).body.status).toBe('paid')
    expect(await ledgerBalanced()).toBe(true)
  })

  it('an owner sees only their own bills and receipts', async () => {
    const bills = await owner.get('/api/v1/me/bills')
    expect(bills.body.items.length).toBeGreaterThan(0)
    expect(bills.body.items.every((b: any) => b.unitId === estate.unitIds[0])).toBe(true)
    const other = await company.admin.get(`/api/v1/billing/receipts?unitId=${estate.unitIds[1]}`)
    const peek = await owner.get(`/api/v1/me/receipts/${other.body[0].id}`)
    expect(peek.status).toBe(404)
    const staffRoute = await owner.get(`/api/v1/billing/bills?communityId=${estate.communityId}`)
    expect(staffRoute.status).toBe(403)
  })
})

describe('another company', () => {
  it('cannot see or touch this company’s bills, receipts or runs', async () => {
    const other = await createCompany(app, 'bl-x')
    const receipts = await company.admin.get('/api/v1/billing/receipts')
    for (const url of [
      `/api/v1/billing/receipts/${receipts.body[0].id}`,
      `/api/v1/billing/units/${estate.unitIds[0]}/account`,
      `/api/v1/billing/fee-items?communityId=${estate.communityId}`,
    ])
      expect((await other.admin.get(url)).status).toBe(404)
    const pay = await other.admin.post('/api/v1/billing/payments', {
      unitId: estate.unitIds[0],
      channel: 'cash',
      amountFen: 100,
    })
    expect(pay.status).toBe(404)
    void nextPhone
  })
})
