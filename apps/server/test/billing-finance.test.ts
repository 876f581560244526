/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import ExcelJS from 'exceljs'
import { sql, type Transaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { billIssuedLines } from '../src/modules/billing/journals'
import { depositCollected } from '../src/modules/billing/ledger'
import {
  insertJournals,
  lockUnitAccount,
  postUnitJournal,
  unitSlice,
} from '../src/modules/billing/ledger-store'
import { applyPayment } from '../src/modules/billing/payment-service'
import type { BillingTables } from '../src/modules/billing/tables'
import { withTenant } from '../src/platform/db/tenancy'
import { uuidv7 } from '../src/platform/ids'
import { ApiClient, startTestApp, type TestApp } from './support/app'
import {
  type Company,
  createCompany,
  createSmallEstate,
  nextPhone,
  PASSWORD,
  type SmallEstate,
} from './support/fixtures'

/**
 * Refunds with four eyes, reversals, the trial balance and the voucher export, through the API. Bills are
 * written as rows with their batch journal (as a billing run does), payments and deposits are posted through
 * the billing services themselves; everything after that goes through the routes under test.
 *
 * The postings of community A, in order (fen):
 *   bills (one batch): 1-101 2025-01 10000, 1-101 2025-02 10000, 1-102 2025-01 25024, 2-101 2025-01 8000
 *   P1  1-101 cash 30000  → both bills paid, 10000 prepaid
 *   R1  1-101 prepaid refund 4000 (bank), R2 1-101 prepaid refund 6000 (bank)
 *   P2  1-102 pos 25024   → its bill paid; then reversed (bill reopened, receipt void)
 *   P3  2-101 cash 8000   → its bill paid; O1 overcharge 3000 refunded in cash (credit note + pay-back)
 *   D1  2-102 deposit 50000 cash; R3 deposit refund 20000 cash
 */
let app: TestApp
let company: Company
let estate: SmallEstate
let estate2: SmallEstate
let otherCompany: Company
let otherEstate: SmallEstate
let fin1: ApiClient
let fin2: ApiClient
let fin1Id: string
let fin2Id: string
let scoped: ApiClient
let feeItem: string
const bills: Record<string, string> = {}
let billJournalId: string
let p1: { paymentId: string; journalId: string; receiptId: string }
let p2: { paymentId: string; journalId: string; receiptId: string }
let otherJournalId: string
let otherRefundId: string

type Tx = Transaction<BillingTables>
const db = () => app.db.owner
const inTenant = <R>(tenantId: string, fn: (tx: Tx) => Promise<R>) =>
  withTenant<BillingTables, R>(app.db, tenantId, fn)
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())

async function staff(roleId: string, name: string, scope: Record<string, string> = {}) {
  const phone = nextPhone()
  const res = await company.admin.post('/api/v1/iam/users', {
    name,
    phone,
    password: PASSWORD,
    roles: [{ roleId, ...scope }],
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const client = new ApiClient(app.server)
  expect((await client.login(phone, PASSWORD, company.code)).status).toBe(200)
  return { client, id: res.body.id as string }
}

/** Raw bytes of a download, optionally in another language (ApiClient keeps only text). */
async function download(client: ApiClient, url: string, headers: Record<string, string> = {}) {
  const res = await app.server.inject({
    method: 'GET',
    url,
    headers: { cookie: (client as any).cookie, ...headers },
  })
  return { status: res.statusCode, headers: res.headers, file: res.rawPayload, text: res.body }
}

async function addFeeItem(tenantId: string, communityId: string) {
  const id = uuidv7()
  await db()
    .insertInto('fee_items')
    .values({
      tenant_id: tenantId,
      id,
      community_id: communityId,
      code: 'wy',
      name: '物业服务费',
      kind: 'area',
    })
    .execute()
  return id
}

/** Bill rows and their batch journal (unit_id null, one line per bill), like one chunk of a billing run. */
async function issueBills(
  tenantId: string,
  communityId: string,
  item: string,
  list: { unitId: string; period: string; amountFen: number }[],
) {
  const rows = list.map((b) => ({
    id: uuidv7(),
    unitId: b.unitId,
    feeItemId: item,
    amountFen: b.amountFen,
    period: b.period,
  }))
  await db()
    .insertInto('bills')
    .values(
      rows.map((b) => ({
        tenant_id: tenantId,
        id: b.id,
        community_id: communityId,
        unit_id: b.unitId,
        fee_item_id: item,
        period_start: `${b.period}-01`,
        period_end: `${b.period}-01`,
        payer: 'owner',
        amount_fen: b.amountFen,
        due_on: `${b.period}-28`,
        basis: 'test',
      })),
    )
    .execute()
  const journalId = uuidv7()
  await inTenant(tenantId, (tx) =>
    insertJournals(tx, tenantId, [
      {
        id: journalId,
        journal: { key: `run:test:${journalId}`, kind: 'bill_issued', lines: billIssuedLines(rows) },
        communityId,
        unitId: null,
        actorId: null,
      },
    ]),
  )
  return { journalId, ids: rows.map((r) => r.id) }
}

async function pay(
  tenantId: string,
  communityId: string,
  unitId: string,
  channel: 'cash' | 'pos',
  amountFen: number,
) {
  const applied = await inTenant(tenantId, (tx) =>
    applyPayment(tx, tenantId, { unitId, communityId, channel, amountFen, enforceCap: false, actorId: null }),
  )
  const payment = await db()
    .selectFrom('payments')
    .select('journal_id')
    .where('id', '=', applied.paymentId)
    .executeTakeFirstOrThrow()
  return {
    paymentId: applied.paymentId,
    journalId: payment.journal_id as string,
    receiptId: applied.receiptId,
  }
}

async function collectDeposit(tenantId: string, communityId: string, unitId: string, amountFen: number) {
  return inTenant(tenantId, async (tx) => {
    const balances = await lockUnitAccount(tx, tenantId, unitId, communityId)
    const journal = depositCollected({ key: `deposit:${uuidv7()}`, unit: unitId, channel: 'cash', amountFen })
    return (
      await postUnitJournal(tx, tenantId, unitSlice(unitId, [], balances), journal, {
        communityId,
        unitId,
        actorId: null,
      })
    ).journalId
  })
}

async function ledgerCounts() {
  const { rows } = await sql<{ journals: number; lines: number; refunds_approved: number }>`
    select (select count(*)::int from ledger_journals) as journals, (select count(*)::int from ledger_lines) as lines,
           (select count(*)::int from refunds where status = 'approved') as refunds_approved`.execute(db())
  return rows[0]!
}

const account = async (unitId: string) =>
  db().selectFrom('unit_accounts').selectAll().where('unit_id', '=', unitId).executeTakeFirstOrThrow()
const bill = (id: string) =>
  db().selectFrom('bills').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const journalLines = async (journalId: string) =>
  db()
    .selectFrom('ledger_lines')
    .select(['account', 'sub_key', 'bill_id', 'debit_fen', 'credit_fen'])
    .where('journal_id', '=', journalId)
    .orderBy('line_no')
    .execute()
const num = (v: unknown) => Number(v)

async function requestRefund(client: ApiClient, body: Record<string, unknown>) {
  return client.post('/api/v1/billing/refunds', { channel: 'bank', reason: '业主申请退款', ...body })
}

beforeAll(async () => {
  app = await startTestApp()
  company = await createCompany(app, 'fn')
  estate = await createSmallEstate(company, 'fn1')
  estate2 = await createSmallEstate(company, 'fn2')
  otherCompany = await createCompany(app, 'fx')
  otherEstate = await createSmallEstate(otherCompany, 'fx1')
  const f1 = await staff(company.roleIds.finance!, '财务甲')
  const f2 = await staff(company.roleIds.finance!, '财务乙')
  fin1 = f1.client
  fin1Id = f1.id
  fin2 = f2.client
  fin2Id = f2.id
  // Every finance permission, but only over the second community.
  const role = await company.admin.post('/api/v1/iam/roles', {
    code: 'community_finance',
    name: '项目财务',
    permissions: ['billing.read', 'billing.refund', 'billing.approve', 'billing.ledger'],
    dataScope: 'community',
  })
  expect(role.status, JSON.stringify(role.body)).toBe(201)
  scoped = (await staff(role.body.id, '项目财务', { communityId: estate2.communityId })).client

  const [u0, u1, u2] = estate.unitIds as [string, string, string, string]
  feeItem = await addFeeItem(company.tenantId, estate.communityId)
  const issued = await issueBills(company.tenantId, estate.communityId, feeItem, [
    { unitId: u0, period: '2025-01', amountFen: 10_000 },
    { unitId: u0, period: '2025-02', amountFen: 10_000 },
    { unitId: u1, period: '2025-01', amountFen: 25_024 },
    { unitId: u2, period: '2025-01', amountFen: 8_000 },
  ])
  billJournalId = issued.journalId
  ;[bills.jan, bills.feb, bills.odd, bills.over] = issued.ids as [string, string, string, string]
  p1 = await pay(company.tenantId, estate.communityId, u0, 'cash', 30_000)

  // The other community of the company: one deposit; the other company: a payment and a refund request.
  await collectDeposit(company.tenantId, estate2.communityId, estate2.unitIds[0]!, 1_000)
  otherJournalId = await collectDeposit(
    otherCompany.tenantId,
    otherEstate.communityId,
    otherEstate.unitIds[0]!,
    9_900,
  )
  const asked = await requestRefund(otherCompany.admin, {
    unitId: otherEstate.unitIds[0],
    kind: 'deposit',
    amountFen: 100,
  })
  expect(asked.status, JSON.stringify(asked.body)).toBe(201)
  otherRefundId = asked.body.id
}, 180_000)
afterAll(() => app?.close())

describe('refunds with four eyes', () => {
  let refundId: string

  it('a request posts nothing and names the requester', async () => {
    const before = await ledgerCounts()
    const res = await requestRefund(fin1, { unitId: estate.unitIds[0], kind: 'prepaid', amountFen: 4_000 })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      unitId: estate.unitIds[0],
      unitCode: '1-101',
      kind: 'prepaid',
      billId: null,
      amountFen: 4_000,
      channel: 'bank',
      status: 'requested',
      requestedBy: '财务甲',
      decidedBy: null,
      decidedAt: null,
    })
    refundId = res.body.id
    expect(await ledgerCounts()).toEqual(before)
    expect(num((await account(estate.unitIds[0]!)).prepaid_fen)).toBe(10_000)
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', refundId)
      .execute()
    expect(audit).toEqual([{ action: 'refund.request', actor_id: fin1Id }])
  })

  it('the requester cannot decide it: 403 with the Chinese reason, nothing posted', async () => {
    const before = await ledgerCounts()
    for (const approve of [true, false]) {
      const res = await fin1.post(`/api/v1/billing/refunds/${refundId}/decision`, { approve })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('BILLING_REFUND_SAME_PERSON')
      expect(res.body.error.message).toContain('四眼原则')
    }
    expect(await ledgerCounts()).toEqual(before)
    const row = await db()
      .selectFrom('refunds')
      .selectAll()
      .where('id', '=', refundId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('requested')
    expect(num((await account(estate.unitIds[0]!)).prepaid_fen)).toBe(10_000)
  })

  it('the database refuses the same person too, whatever the code does', async () => {
    await expect(
      inTenant(company.tenantId, (tx) =>
        tx
          .updateTable('refunds')
          .set({ status: 'approved', decided_by: fin1Id, decided_at: new Date() })
          .where('id', '=', refundId)
          .execute(),
      ),
    ).rejects.toThrow(/check constraint/)
  })

  it('someone else approves: one balanced journal with the approver, the prepaid balance goes down', async () => {
    const before = await ledgerCounts()
    const res = await fin2.post(`/api/v1/billing/refunds/${refundId}/decision`, {
      approve: true,
      note: '核实无误',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ status: 'approved', requestedBy: '财务甲', decidedBy: '财务乙' })
    expect(res.body.decidedAt).toEqual(expect.any(String))
    const after = await ledgerCounts()
    expect(after.journals).toBe(before.journals + 1)
    expect(after.lines).toBe(before.lines + 2)
    const row = await db()
      .selectFrom('refunds')
      .selectAll()
      .where('id', '=', refundId)
      .executeTakeFirstOrThrow()
    const journal = await db()
      .selectFrom('ledger_journals')
      .selectAll()
      .where('id', '=', row.journal_id)
      .executeTakeFirstOrThrow()
    expect(journal).toMatchObject({
      key: `refund:${refundId}`,
      kind: 'prepaid_refunded',
      unit_id: estate.unitIds[0],
      approved_by: fin2Id,
      actor_id: fin2Id,
    })
    const lines = await journalLines(journal.id)
    expect(lines.map((l) => [l.account, num(l.debit_fen), num(l.credit_fen)])).toEqual([
      ['2203', 4_000, 0],
      ['1002', 0, 4_000],
    ])
    expect(num((await account(estate.unitIds[0]!)).prepaid_fen)).toBe(6_000)
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', refundId)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['refund.request', 'refund.approve'])
  })

  it('a decided refund cannot be decided again (409), by anyone', async () => {
    const before = await ledgerCounts()
    for (const client of [fin2, company.admin]) {
      const res = await client.post(`/api/v1/billing/refunds/${refundId}/decision`, { approve: true })
      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('BILLING_REFUND_ALREADY_DECIDED')
      expect(res.body.error.message).toContain('批准')
    }
    expect(await ledgerCounts()).toEqual(before)
    expect(num((await account(estate.unitIds[0]!)).prepaid_fen)).toBe(6_000)
  })

  it('more than the balance is refused when asked, and at approval when the balance moved meanwhile', async () => {
    const early = await requestRefund(fin1, { unitId: estate.unitIds[0], kind: 'prepaid', amountFen: 6_001 })
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('BILLING_REFUND_EXCEEDS_PREPAID')
    expect(early.body.error.message).toBe('退款金额 60.01 元超过该房屋当前的预收款余额 60.00 元')

    // Two requests that each fit; approving the first leaves too little for the second.
    const first = await requestRefund(fin1, { unitId: estate.unitIds[0], kind: 'prepaid', amountFen: 6_000 })
    const second = await requestRefund(fin1, { unitId: estate.unitIds[0], kind: 'prepaid', amountFen: 5_000 })
    expect([first.status, second.status]).toEqual([201, 201])
    expect(
      (await fin2.post(`/api/v1/billing/refunds/${first.body.id}/decision`, { approve: true })).status,
    ).toBe(200)
    expect(num((await account(estate.unitIds[0]!)).prepaid_fen)).toBe(0)

    const before = await ledgerCounts()
    const late = await fin2.post(`/api/v1/billing/refunds/${second.body.id}/decision`, { approve: true })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('BILLING_REFUND_EXCEEDS_PREPAID')
    expect(late.body.error.message).toBe('退款金额 50.00 元超过该房屋当前的预收款余额 0.00 元')
    expect(await ledgerCounts()).toEqual(before)
    expect(num((await account(estate.unitIds[0]!)).prepaid_fen)).toBe(0)
    const still = await db()
      .selectFrom('refunds')
      .selectAll()
      .where('id', '=', second.body.id)
      .executeTakeFirstOrThrow()
    expect(still).toMatchObject({ status: 'requested', decided_by: null, journal_id: null })

    // It can still be rejected, which posts nothing.
    const rejected = await fin2.post(`/api/v1/billing/refunds/${second.body.id}/decision`, {
      approve: false,
      note: '余额不足',
    })
    expect(rejected.status).toBe(200)
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: '财务乙' })
    expect(await ledgerCounts()).toEqual(before)
  })

  it('a retried request with the same Idempotency-Key asks once', async () => {
    await collectDeposit(company.tenantId, estate.communityId, estate.unitIds[3]!, 50_000)
    const body = {
      unitId: estate.unitIds[3],
      kind: 'deposit',
      amountFen: 20_000,
      channel: 'cash',
      reason: '装修完成退押金',
    }
    const key = { 'idempotency-key': `refund-${uuidv7()}` }
    const a = await fin1.request('POST', '/api/v1/billing/refunds', body, key)
    const b = await fin1.request('POST', '/api/v1/billing/refunds', body, key)
    expect(a.status, JSON.stringify(a.body)).toBe(201)
    expect(b.status).toBe(201)
    expect(b.body.id).toBe(a.body.id)
    expect(b.headers['idempotent-replayed']).toBe('true')
    const approved = await fin2.post(`/api/v1/billing/refunds/${a.body.id}/decision`, { approve: true })
    expect(approved.status).toBe(200)
    const acc = await account(estate.unitIds[3]!)
    expect(num(acc.deposit_fen)).toBe(30_000)
  })

  it('checks what it is asked: a bill only for overcharges, a bill of the unit, at most its charge', async () => {
    const noBill = await requestRefund(fin1, {
      unitId: estate.unitIds[2],
      kind: 'overcharge',
      amountFen: 100,
    })
    expect([noBill.status, noBill.body.error.code]).toEqual([422, 'BILLING_REFUND_BILL_REQUIRED'])
    const billOnDeposit = await requestRefund(fin1, {
      unitId: estate.unitIds[3],
      kind: 'deposit',
      billId: bills.over,
      amountFen: 100,
    })
    expect([billOnDeposit.status, billOnDeposit.body.error.code]).toEqual([
      422,
      'BILLING_REFUND_BILL_NOT_ALLOWED',
    ])
    const otherUnitsBill = await requestRefund(fin1, {
      unitId: estate.unitIds[2],
      kind: 'overcharge',
      billId: bills.jan,
      amountFen: 100,
    })
    expect([otherUnitsBill.status, otherUnitsBill.body.error.code]).toEqual([
      404,
      'BILLING_REFUND_BILL_NOT_FOUND',
    ])
    const tooMuch = await requestRefund(fin1, {
      unitId: estate.unitIds[2],
      kind: 'overcharge',
      billId: bills.over,
      amountFen: 8_001,
    })
    expect([tooMuch.status, tooMuch.body.error.code]).toEqual([409, 'BILLING_REFUND_EXCEEDS_CHARGE'])
  })

  it('an overcharge on a paid bill: a credit note and the money paid back, the bill stays settled', async () => {
    await pay(company.tenantId, estate.communityId, estate.unitIds[2]!, 'cash', 8_000)
    expect(await bill(bills.over!)).toMatchObject({ paid_fen: '8000', credited_fen: '0' })
    const asked = await requestRefund(fin1, {
      unitId: estate.unitIds[2],
      kind: 'overcharge',
      billId: bills.over,
      amountFen: 3_000,
      channel: 'cash',
      reason: '面积录入错误多收',
    })
    expect(asked.status, JSON.stringify(asked.body)).toBe(201)
    const res = await fin2.post(`/api/v1/billing/refunds/${asked.body.id}/decision`, { approve: true })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const row = await db()
      .selectFrom('refunds')
      .selectAll()
      .where('id', '=', asked.body.id)
      .executeTakeFirstOrThrow()
    const lines = await journalLines(row.journal_id!)
    expect(lines.map((l) => [l.account, l.bill_id, num(l.debit_fen), num(l.credit_fen)])).toEqual([
      ['6001', bills.over, 3_000, 0],
      ['1122', bills.over, 0, 3_000],
      ['1122', bills.over, 3_000, 0],
      ['1001', null, 0, 3_000],
    ])
    // Charged 80.00 → 50.00, all of it paid: closed, never negative, never reopened.
    expect(await bill(bills.over!)).toMatchObject({
      amount_fen: '8000',
      paid_fen: '5000',
      credited_fen: '3000',
    })
    // The year of the bill is recomputed by the collection report.
    const dirty = await db()
      .selectFrom('billing_rollup_dirty')
      .select('year')
      .where('community_id', '=', estate.communityId)
      .execute()
    expect(dirty.map((d) => d.year)).toContain(2025)
  })

  it('lists refunds of a community with unit and people, filtered by status', async () => {
    const all = await fin1.get(`/api/v1/billing/refunds?communityId=${estate.communityId}`)
    expect(all.status, JSON.stringify(all.body)).toBe(200)
    expect(all.body).toHaveLength(5)
    expect(all.body.every((r: any) => r.requestedBy === '财务甲')).toBe(true)
    const approved = await fin1.get(
      `/api/v1/billing/refunds?communityId=${estate.communityId}&status=approved`,
    )
    expect(approved.body.map((r: any) => [r.kind, r.amountFen, r.decidedBy])).toEqual([
      ['overcharge', 3_000, '财务乙'],
      ['deposit', 20_000, '财务乙'],
      ['prepaid', 6_000, '财务乙'],
      ['prepaid', 4_000, '财务乙'],
    ])
    const rejected = await fin1.get(
      `/api/v1/billing/refunds?communityId=${estate.communityId}&status=rejected`,
    )
    expect(rejected.body.map((r: any) => [r.unitCode, r.amountFen])).toEqual([['1-101', 5_000]])
    // Nothing of another company, nothing of a community out of reach.
    const everything = await company.admin.get('/api/v1/billing/refunds')
    expect(everything.body.map((r: any) => r.id)).not.toContain(otherRefundId)
    expect((await scoped.get('/api/v1/billing/refunds')).body).toEqual([])
  })
})

describe('reversals', () => {
  it('a payment reversed reopens its bill and voids its receipt, once', async () => {
    p2 = await pay(company.tenantId, estate.communityId, estate.unitIds[1]!, 'pos', 25_024)
    expect(await bill(bills.odd!)).toMatchObject({ paid_fen: '25024' })
    const res = await fin1.post(`/api/v1/billing/journals/${p2.journalId}/reversal`, {
      reason: '刷卡重复入账',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const reversal = await db()
      .selectFrom('ledger_journals')
      .selectAll()
      .where('id', '=', res.body.journalId)
      .executeTakeFirstOrThrow()
    expect(reversal).toMatchObject({
      key: `reversal:${p2.journalId}`,
      kind: 'reversal',
      reverses_id: p2.journalId,
    })
    const original = await journalLines(p2.journalId)
    const mirrored = await journalLines(res.body.journalId)
    expect(mirrored.map((l) => [l.account, l.sub_key, l.bill_id, l.debit_fen, l.credit_fen])).toEqual(
      original.map((l) => [l.account, l.sub_key, l.bill_id, l.credit_fen, l.debit_fen]),
    )
    expect(await bill(bills.odd!)).toMatchObject({ paid_fen: '0', credited_fen: '0' })
    const receipt = await db()
      .selectFrom('receipts')
      .selectAll()
      .where('id', '=', p2.receiptId)
      .executeTakeFirstOrThrow()
    expect(receipt).toMatchObject({ status: 'void', void_reason: '刷卡重复入账', voided_by: fin1Id })
    expect(receipt.number).toMatch(/^\d{4}-\d{6}$/)

    const before = await ledgerCounts()
    const again = await fin2.post(`/api/v1/billing/journals/${p2.journalId}/reversal`, { reason: '再冲一次' })
    expect([again.status, again.body.error.code]).toEqual([409, 'BILLING_REVERSAL_ALREADY_REVERSED'])
    const ofReversal = await fin2.post(`/api/v1/billing/journals/${res.body.journalId}/reversal`, {
      reason: '冲销冲销',
    })
    expect([ofReversal.status, ofReversal.body.error.code]).toEqual([409, 'BILLING_REVERSAL_OF_REVERSAL'])
    expect(await ledgerCounts()).toEqual(before)
  })

  it('a payment whose prepayment was refunded cannot be reversed before the refunds', async () => {
    const before = await ledgerCounts()
    const res = await fin1.post(`/api/v1/billing/journals/${p1.journalId}/reversal`, { reason: '收款有误' })
    expect([res.status, res.body.error.code]).toEqual([409, 'BILLING_REVERSAL_OVERDRAWN'])
    expect(await ledgerCounts()).toEqual(before)
    const receipt = await db()
      .selectFrom('receipts')
      .select('status')
      .where('id', '=', p1.receiptId)
      .executeTakeFirstOrThrow()
    expect(receipt.status).toBe('issued')
    expect(await bill(bills.jan!)).toMatchObject({ paid_fen: '10000' })
  })

  it('a billing batch is never reversed whole', async () => {
    const before = await ledgerCounts()
    const res = await fin1.post(`/api/v1/billing/journals/${billJournalId}/reversal`, { reason: '开账错误' })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('BILLING_REVERSAL_BILL_BATCH')
    expect(res.body.error.message).toContain('多收费用退款')
    expect(await ledgerCounts()).toEqual(before)
  })
})

/** Hand-computed from the postings listed at the top (community A). */
const EXPECTED_A: Record<string, [number, number, number, 'debit' | 'credit']> = {
  '1001': [88_000, 23_000, 65_000, 'debit'],
  '1002': [0, 10_000, 10_000, 'credit'],
  '1012': [25_024, 25_024, 0, 'debit'],
  '1122': [81_048, 56_024, 25_024, 'debit'],
  '2203': [10_000, 10_000, 0, 'debit'],
  '2241': [20_000, 50_000, 30_000, 'credit'],
  '6001': [3_000, 53_024, 50_024, 'credit'],
}

describe('trial balance', () => {
  it('sums every account of the community; totals equal and match the postings', async () => {
    const res = await fin1.get(`/api/v1/billing/ledger/trial-balance?communityId=${estate.communityId}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ communityId: estate.communityId, balanced: true })
    expect(res.body.totalDebitFen).toBe(227_072)
    expect(res.body.totalCreditFen).toBe(227_072)
    const byCode = Object.fromEntries(
      res.body.rows.map((r: any) => [r.code, [r.debitFen, r.creditFen, r.balanceFen, r.balanceSide]]),
    )
    expect(byCode).toEqual(EXPECTED_A)
    expect(res.body.rows.map((r: any) => r.code)).toEqual(Object.keys(EXPECTED_A))
    expect(res.body.rows[0]).toMatchObject({ code: '1001', name: '库存现金', kind: 'asset' })
    // The receivable left is exactly the reopened bill.
    const open = await db()
      .selectFrom('bills')
      .select(sql<string>`sum(amount_fen - paid_fen - credited_fen)`.as('open'))
      .where('community_id', '=', estate.communityId)
      .executeTakeFirstOrThrow()
    expect(num(open.open)).toBe(EXPECTED_A['1122']![2])
    const accounts = await db()
      .selectFrom('unit_accounts')
      .select([sql<string>`sum(prepaid_fen)`.as('prepaid'), sql<string>`sum(deposit_fen)`.as('deposit')])
      .where('community_id', '=', estate.communityId)
      .executeTakeFirstOrThrow()
    expect([num(accounts.prepaid), num(accounts.deposit)]).toEqual([
      EXPECTED_A['2203']![2],
      EXPECTED_A['2241']![2],
    ])
  })

  it('names accounts in the caller language, filters by dates, and goes company-wide without other companies', async () => {
    const en = await download(
      fin1,
      `/api/v1/billing/ledger/trial-balance?communityId=${estate.communityId}`,
      {
        'accept-language': 'en-US',
      },
    )
    expect(JSON.parse(en.text).rows[0].name).toBe('Cash on hand')
    const day = today()
    const todays = await fin1.get(
      `/api/v1/billing/ledger/trial-balance?communityId=${estate.communityId}&from=${day}&to=${day}`,
    )
    expect(todays.body.totalDebitFen).toBe(227_072)
    const later = await fin1.get(
      `/api/v1/billing/ledger/trial-balance?communityId=${estate.communityId}&from=2999-01-01`,
    )
    expect(later.body).toMatchObject({ rows: [], totalDebitFen: 0, totalCreditFen: 0, balanced: true })
    const company = await fin1.get('/api/v1/billing/ledger/trial-balance')
    expect(company.body).toMatchObject({ communityId: null, balanced: true, totalDebitFen: 228_072 })
    // The scoped clerk sees only the second community (one deposit of 10.00).
    const mine = await scoped.get('/api/v1/billing/ledger/trial-balance')
    expect(mine.body).toMatchObject({ totalDebitFen: 1_000, totalCreditFen: 1_000, balanced: true })
  })
})

/** A small CSV reader for what the export writes (quoted fields, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''))
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  return rows
}

const yuanToFen = (text: string) => {
  if (text === '') return 0
  const m = /^(\d+)\.(\d{2})$/.exec(text)
  if (!m) throw new Error(`not a 2-decimal amount: ${text}`)
  return Number(m[1]) * 100 + Number(m[2])
}

describe('voucher export', () => {
  const url = (format: string) =>
    `/api/v1/billing/ledger/vouchers?communityId=${estate.communityId}&format=${format}`

  it('CSV: UTF-8 with BOM, one row per ledger line, 元 with two decimals', async () => {
    const res = await download(fin1, url('csv'))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="vouchers-/)
    expect([...res.file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(res.text.slice(1))
    const [header, ...data] = rows
    expect(header).toEqual([
      '凭证日期',
      '凭证字',
      '凭证号',
      '分录号',
      '摘要',
      '科目编码',
      '科目名称',
      '辅助核算',
      '借方金额',
      '贷方金额',
      '小区',
      '凭证ID',
    ])
    const lineCount = await db()
      .selectFrom('ledger_lines')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('community_id', '=', estate.communityId)
      .executeTakeFirstOrThrow()
    expect(data).toHaveLength(lineCount.n)
    const col = (name: string) => header!.indexOf(name)
    // Every amount has exactly two decimals and sums to the trial balance.
    const debit = data.reduce((s, r) => s + yuanToFen(r[col('借方金额')]!), 0)
    const credit = data.reduce((s, r) => s + yuanToFen(r[col('贷方金额')]!), 0)
    expect([debit, credit]).toEqual([227_072, 227_072])
    for (const r of data)
      expect(r[col('借方金额')] === '' ? r[col('贷方金额')] : r[col('借方金额')]).toMatch(/^\d+\.\d{2}$/)
    // Vouchers are numbered in posting order, one number per journal.
    const journals = [...new Set(data.map((r) => r[col('凭证ID')]))]
    expect(new Set(data.map((r) => r[col('凭证号')])).size).toBe(journals.length)
    expect(data[0]![col('凭证号')]).toBe('1')
    expect(data.every((r) => r[col('凭证日期')] === today() && r[col('凭证字')] === '记')).toBe(true)

    // The odd bill's receivable: 250.24 元 on unit 1-102, in the billing batch.
    const billLine = data.find((r) => r[col('科目编码')] === '1122' && r[col('借方金额')] === '250.24')!
    expect(billLine[col('摘要')]).toBe('确认应收物业费')
    expect(billLine[col('辅助核算')]).toBe('1-102')
    expect(billLine[col('科目名称')]).toBe('应收账款-物业费')
    const revenue = data.find((r) => r[col('科目编码')] === '6001' && r[col('贷方金额')] === '530.24')!
    expect(revenue[col('辅助核算')]).toBe('物业服务费')
    // The reversal of the pos payment, with its reason, on online clearing.
    const reversed = data.filter(
      (r) => r[col('凭证ID')] === data.find((x) => x[col('摘要')]!.startsWith('冲销'))![col('凭证ID')],
    )
    expect(
      reversed.map((r) => [r[col('科目编码')], r[col('辅助核算')], r[col('借方金额')], r[col('贷方金额')]]),
    ).toEqual([
      ['1012', 'POS 刷卡', '', '250.24'],
      ['1122', '1-102', '250.24', ''],
    ])
    expect(reversed[0]![col('摘要')]).toBe('冲销：收取物业费 1-102（刷卡重复入账）')
    const overcharge = data.filter((r) => r[col('摘要')]!.startsWith('多收费用'))
    expect(overcharge.map((r) => [r[col('科目编码')], r[col('借方金额')], r[col('贷方金额')]])).toEqual([
      ['6001', '30.00', ''],
      ['1122', '', '30.00'],
      ['1122', '30.00', ''],
      ['1001', '', '30.00'],
    ])
  })

  it('xlsx: parses back with exceljs, amounts as numbers with two decimals shown', async () => {
    const res = await download(fin1, url('xlsx'))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.file as never)
    const sheet = workbook.getWorksheet('记账凭证')!
    const rows: unknown[][] = []
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    const csv = parseCsv((await download(fin1, url('csv'))).text.slice(1))
    expect(rows).toHaveLength(csv.length)
    expect(rows[0]).toEqual(csv[0])
    const debitCol = csv[0]!.indexOf('借方金额')
    const cell = sheet.getRow(2).getCell(debitCol + 1)
    expect(cell.numFmt).toBe('0.00')
    let debit = 0
    for (const row of rows.slice(1)) {
      const value = row[debitCol]
      if (value !== undefined && value !== null) debit += Math.round((value as number) * 100)
    }
    expect(debit).toBe(227_072)
  })

  it('company-wide it holds only the caller reach', async () => {
    const all = parseCsv((await download(company.admin, '/api/v1/billing/ledger/vouchers')).text.slice(1))
    const lines = await db()
      .selectFrom('ledger_lines')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('tenant_id', '=', company.tenantId)
      .executeTakeFirstOrThrow()
    expect(all).toHaveLength(lines.n + 1)
    const mine = parseCsv((await download(scoped, '/api/v1/billing/ledger/vouchers')).text.slice(1))
    expect(mine.slice(1).map((r) => r[10])).toEqual(['fn2 花园', 'fn2 花园'])
  })
})

describe('a long ledger', () => {
  it('streams more than one page of lines, none lost or repeated', async () => {
    // 6,000 one-fen lines of public revenue in the second community (one statement: the balance trigger).
    const id = uuidv7()
    const communityId = estate2.communityId
    await db()
      .insertInto('ledger_journals')
      .values({
        tenant_id: company.tenantId,
        id,
        key: `test:${id}`,
        kind: 'public_revenue_received',
        community_id: communityId,
      })
      .execute()
    await sql`
      insert into ledger_lines (tenant_id, journal_id, line_no, community_id, account, debit_fen, credit_fen)
      select ${company.tenantId}, ${id}, g, ${communityId}, case when g <= 6000 then '1001' else '2241-PR' end,
             case when g <= 6000 then 1 else 0 end, case when g <= 6000 then 0 else 6000 end
        from generate_series(1, 6001) g`.execute(db())
    const csv = parseCsv(
      (await download(scoped, `/api/v1/billing/ledger/vouchers?communityId=${communityId}`)).text.slice(1),
    )
    const data = csv.slice(1)
    expect(data).toHaveLength(2 + 6001)
    const ofJournal = data.filter((r) => r[11] === id)
    expect(ofJournal.map((r) => Number(r[3]))).toEqual(Array.from({ length: 6001 }, (_, i) => i + 1))
    expect(ofJournal[0]![4]).toBe('收取公共收益')
    expect(data.reduce((s, r) => s + yuanToFen(r[8]!), 0)).toBe(1_000 + 6_000)
    expect(data.reduce((s, r) => s + yuanToFen(r[9]!), 0)).toBe(1_000 + 6_000)
    expect(data.filter((r) => r[8] === '0.01')).toHaveLength(6000)
  })
})

describe('reach', () => {
  it('ids of another company or out of the caller scope answer 404 like missing ones', async () => {
    const before = await ledgerCounts()
    const cases: [ApiClient, string, string, unknown, string][] = [
      [
        fin1,
        'POST',
        '/api/v1/billing/refunds',
        { unitId: otherEstate.unitIds[0], kind: 'deposit', amountFen: 100, channel: 'cash', reason: '越权' },
        'ESTATE_UNIT_NOT_FOUND',
      ],
      [
        fin2,
        'POST',
        `/api/v1/billing/refunds/${otherRefundId}/decision`,
        { approve: true },
        'BILLING_REFUND_NOT_FOUND',
      ],
      [
        fin1,
        'POST',
        `/api/v1/billing/journals/${otherJournalId}/reversal`,
        { reason: '越权冲销' },
        'BILLING_JOURNAL_NOT_FOUND',
      ],
      [
        fin1,
        'GET',
        `/api/v1/billing/ledger/trial-balance?communityId=${otherEstate.communityId}`,
        undefined,
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      [
        fin1,
        'GET',
        `/api/v1/billing/ledger/vouchers?communityId=${otherEstate.communityId}`,
        undefined,
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      [
        fin1,
        'GET',
        `/api/v1/billing/refunds?communityId=${otherEstate.communityId}`,
        undefined,
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      [
        fin1,
        'POST',
        `/api/v1/billing/journals/${uuidv7()}/reversal`,
        { reason: '不存在' },
        'BILLING_JOURNAL_NOT_FOUND',
      ],
      // Same company, community out of the clerk's scope.
      [
        scoped,
        'POST',
        '/api/v1/billing/refunds',
        { unitId: estate.unitIds[0], kind: 'prepaid', amountFen: 100, channel: 'cash', reason: '越权' },
        'ESTATE_UNIT_NOT_FOUND',
      ],
      [
        scoped,
        'POST',
        `/api/v1/billing/journals/${p1.journalId}/reversal`,
        { reason: '越权冲销' },
        'BILLING_JOURNAL_NOT_FOUND',
      ],
      [
        scoped,
        'GET',
        `/api/v1/billing/ledger/trial-balance?communityId=${estate.communityId}`,
        undefined,
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      [
        scoped,
        'GET',
        `/api/v1/billing/ledger/vouchers?communityId=${estate.communityId}`,
        undefined,
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      [
        scoped,
        'GET',
        `/api/v1/billing/refunds?communityId=${estate.communityId}`,
        undefined,
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
    ]
    for (const [client, method, path, body, code] of cases) {
      const res = await client.request(method as never, path, body)
      expect([res.status, res.body.error?.code], `${method} ${path}`).toEqual([404, code])
    }
    // A request in community A, decided by the clerk of community B: not found either.
    const asked = await requestRefund(fin1, { unitId: estate.unitIds[3], kind: 'deposit', amountFen: 100 })
    const res = await scoped.post(`/api/v1/billing/refunds/${asked.body.id}/decision`, { approve: true })
    expect([res.status, res.body.error.code]).toEqual([404, 'BILLING_REFUND_NOT_FOUND'])
    expect(await ledgerCounts()).toEqual(before)
  })

  it('without the permission: 403', async () => {
    const pm = await company.admin.post('/api/v1/iam/roles', {
      code: 'reader_only',
      name: '只读',
      permissions: ['billing.read'],
      dataScope: 'company',
    })
    const reader = (await staff(pm.body.id, '只读')).client
    expect((await reader.get('/api/v1/billing/ledger/trial-balance')).status).toBe(403)
    expect(
      (await requestRefund(reader, { unitId: estate.unitIds[0], kind: 'prepaid', amountFen: 1 })).status,
    ).toBe(403)
    expect((await reader.get('/api/v1/billing/refunds')).status).toBe(200)
  })
})

describe('the ledger is append-only for the application', () => {
  for (const table of ['ledger_lines', 'ledger_journals'] as const) {
    it(`the app role can neither UPDATE nor DELETE ${table}`, async () => {
      await expect(
        inTenant(company.tenantId, (tx) => sql`update ${sql.table(table)} set posted_at = now()`.execute(tx)),
      ).rejects.toThrow(/permission denied/)
      await expect(
        inTenant(company.tenantId, (tx) => sql`delete from ${sql.table(table)}`.execute(tx)),
      ).rejects.toThrow(/permission denied/)
    })
  }

  it("a bill needs its company's unit and fee item, keeps them, and a billed unit or any fee item stays", async () => {
    const owner = app.db.owner
    const { rows } = await sql<{ id: string; unit_id: string; fee_item_id: string; community_id: string }>`
      select id, unit_id, fee_item_id, community_id from bills where tenant_id = ${company.tenantId} limit 1`.execute(
      owner,
    )
    const bill = rows[0]!
    const insert = (tenantId: string, unitId: string, feeItemId: string) => sql`
      insert into bills (tenant_id, id, community_id, unit_id, fee_item_id, period_start, period_end, payer,
                         amount_fen, due_on, basis)
      values (${tenantId}, ${uuidv7()}, ${bill.community_id}, ${unitId}, ${feeItemId}, '2031-01-01', '2031-01-01',
              'owner', 100, '2031-01-31', 'test')`
    await expect(insert(company.tenantId, uuidv7(), bill.fee_item_id).execute(owner)).rejects.toThrow(
      /unit .* does not exist/,
    )
    await expect(insert(company.tenantId, bill.unit_id, uuidv7()).execute(owner)).rejects.toThrow(
      /fee item .* does not exist/,
    )
    // Another company's tenant id on this company's unit: no such unit there.
    await expect(
      insert(otherCompany.tenantId, bill.unit_id, bill.fee_item_id).execute(owner),
    ).rejects.toThrow(/does not exist/)
    await expect(
      sql`update bills set unit_id = ${estate.unitIds[3]} where id = ${bill.id}`.execute(owner),
    ).rejects.toThrow(/keeps its identity/)
    await expect(sql`delete from units where id = ${bill.unit_id}`.execute(owner)).rejects.toThrow(
      /has bills: it is never deleted/,
    )
    await expect(sql`delete from fee_items where id = ${bill.fee_item_id}`.execute(owner)).rejects.toThrow(
      /keeps its identity/,
    )
  })

  it('journals stay immutable for the owner too, and a line needs a journal of its company', async () => {
    const owner = app.db.owner
    await expect(sql`update ledger_journals set memo = 'changed'`.execute(owner)).rejects.toThrow(/immutable/)
    await expect(sql`delete from ledger_journals`.execute(owner)).rejects.toThrow(/immutable/)
    const { rows } = await sql<{ tenant_id: string; id: string; community_id: string }>`
      select tenant_id, id, community_id from ledger_journals where tenant_id = ${company.tenantId} limit 1`.execute(
      owner,
    )
    const journal = rows[0]!
    const line = (tenantId: string, journalId: string) => sql`
      insert into ledger_lines (tenant_id, journal_id, line_no, community_id, account, debit_fen, credit_fen)
      values (${tenantId}, ${journalId}, 900, ${journal.community_id}, '1001', 1, 0),
             (${tenantId}, ${journalId}, 901, ${journal.community_id}, '6001', 0, 1)`
    // Balanced, but for a journal that does not exist, or another company's.
    await expect(line(company.tenantId, uuidv7()).execute(owner)).rejects.toThrow(/does not exist/)
    await expect(line(otherCompany.tenantId, journal.id).execute(owner)).rejects.toThrow(/does not exist/)
  })
})
