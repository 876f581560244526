/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app'
import { type Company, createCompany, createSmallEstate, type SmallEstate } from './support/fixtures'

/**
 * Contractual late fees (违约金) through the API: only on items whose contract terms provide them, only on
 * the owner's open bills, on what is still open, for a month that has ended, once; one late-fee bill per
 * unit whose basis shows the figures and says the fee is contractual and reducible; the cap holds over the
 * months; a preview writes nothing; the ledger stays balanced; another company's item answers 404.
 */
let app: TestApp
let company: Company
let estate: SmallEstate
let other: Company
const items = {} as Record<'withTerms' | 'capped' | 'noTerms' | 'lateFee', string>

const db = () => app.db.owner
const post = (url: string, body: unknown) => company.admin.post(url, body)

async function addItem(code: string, name: string, kind: string, lateFee: unknown = null) {
  const res = await post('/api/v1/billing/fee-items', {
    communityId: estate.communityId,
    code,
    name,
    kind,
    lateFee,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id as string
}

async function charge(unitId: string, feeItemId: string, period: string, amountFen: number) {
  const res = await post('/api/v1/billing/charges', { unitId, feeItemId, period, amountFen, note: '测试' })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id as string
}

const assess = (period: string, commit: boolean, feeItemId = items.lateFee) =>
  post(commit ? '/api/v1/billing/late-fees' : '/api/v1/billing/late-fees/preview', {
    communityId: estate.communityId,
    feeItemId,
    period,
  })

async function lateFeeBills(period: string) {
  const { rows } = await sql<{ unit_id: string; amount_fen: string; payer: string; basis: string }>`
    select unit_id, amount_fen, payer, basis from bills
     where fee_item_id = ${items.lateFee} and period_start = ${`${period}-01`}::date order by unit_id`.execute(
    db(),
  )
  return new Map(rows.map((r) => [r.unit_id, { fen: Number(r.amount_fen), payer: r.payer, basis: r.basis }]))
}

async function ledgerBalanced() {
  const { rows } = await sql<{ unbalanced: number }>`
    select count(*)::int as unbalanced from (select journal_id from ledger_lines group by journal_id
                                              having sum(debit_fen) <> sum(credit_fen)) j`.execute(db())
  return rows[0]!.unbalanced === 0
}

const counts = async () => {
  const { rows } = await sql<{ bills: number; accruals: number; journals: number }>`
    select (select count(*)::int from bills) as bills, (select count(*)::int from late_fee_accruals) as accruals,
           (select count(*)::int from ledger_journals) as journals`.execute(db())
  return rows[0]!
}

let u0: string
let u1: string
let u2: string
let u3: string
let partBill: string

beforeAll(async () => {
  app = await startTestApp()
  company = await createCompany(app, 'lf')
  estate = await createSmallEstate(company, 'lf1')
  other = await createCompany(app, 'lx')
  ;[u0, u1, u2, u3] = estate.unitIds as [string, string, string, string]
  await db()
    .updateTable('units')
    .set({ delivery_date: '2015-03-18' })
    .where('id', 'in', [u0, u1, u2])
    .execute()
  // 2-102 is unsold: its bills are the developer's, and late fees are charged to owners only.
  await db().updateTable('units').set({ sold: false }).where('id', '=', u3).execute()
  items.withTerms = await addItem('WY', '物业服务费', 'one_off', {
    dailyRateBp: 5,
    graceDays: 0,
    capBp: 3000,
  })
  items.capped = await addItem('TC', '停车费', 'one_off', { dailyRateBp: 100, graceDays: 10, capBp: 1000 })
  items.noTerms = await addItem('QT', '其他费用', 'one_off')
  items.lateFee = await addItem('WYJ', '违约金', 'late_fee')
  // April bills, due 30 days after the 1st: 2025-05-01 is the last day on time.
  await charge(u0, items.withTerms, '2025-04', 25_024)
  await charge(u0, items.noTerms, '2025-04', 10_000)
  partBill = await charge(u1, items.withTerms, '2025-04', 100_000)
  await charge(u2, items.capped, '2025-04', 10_000)
  await charge(u3, items.withTerms, '2025-04', 50_000)
  // 1-102 pays 400.00 of its 1,000.00.
  const paid = await post('/api/v1/billing/payments', {
    unitId: u1,
    channel: 'cash',
    amountFen: 40_000,
    billIds: [partBill],
  })
  expect(paid.status, JSON.stringify(paid.body)).toBe(201)
}, 120_000)
afterAll(() => app?.close())

describe('late-fee items', () => {
  it('are the only items late fees are charged under, carry no terms and no standard', async () => {
    const withTerms = await post('/api/v1/billing/fee-items', {
      communityId: estate.communityId,
      code: 'WYJ2',
      name: '违约金二',
      kind: 'late_fee',
      lateFee: { dailyRateBp: 5 },
    })
    expect(withTerms.status).toBe(422)
    expect(withTerms.body.error.code).toBe('BILLING_LATE_FEE_NOT_ALLOWED')
    expect(withTerms.body.error.message).toContain('不能再约定违约金')
    const standard = await post(`/api/v1/billing/fee-items/${items.lateFee}/standards`, {
      effectiveFrom: '2025-01',
      rate: '1.00',
    })
    expect(standard.status).toBe(422)
    expect(standard.body.error.code).toBe('BILLING_LATE_FEE_NO_STANDARD')
    const wrongKind = await assess('2025-05', false, items.withTerms)
    expect(wrongKind.status).toBe(422)
    expect(wrongKind.body.error.code).toBe('BILLING_LATE_FEE_ITEM_NOT_LATE_FEE')
    const foreign = await other.admin.post('/api/v1/billing/late-fees/preview', {
      communityId: estate.communityId,
      feeItemId: items.lateFee,
      period: '2025-05',
    })
    expect(foreign.status).toBe(404)
  })

  it('refuse a month that has not ended', async () => {
    const now = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date())
      .slice(0, 7)
    const before = await counts()
    const open = await assess(now, true)
    expect(open.status).toBe(422)
    expect(open.body.error.code).toBe('BILLING_LATE_FEE_MONTH_OPEN')
    expect(open.body.error.message).toContain('尚未结束')
    expect(await counts()).toEqual(before)
  })
})

describe('a month of late fees', () => {
  it('previews without writing anything', async () => {
    const before = await counts()
    const preview = await assess('2025-05', false)
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(preview.body).toMatchObject({
      period: '2025-05',
      asOf: '2025-05-31',
      committed: false,
      accruals: 3,
      units: 3,
    })
    expect(await counts()).toEqual(before)
  })

  it('charges each owner once for the month: open amount × daily rate × late days, within the cap', async () => {
    const res = await assess('2025-05', true)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    // 1-101: 250.24 × 0.05% × 30 days (05-02…05-31) = 3.7536 → 3.75; 其他费用 has no terms: nothing.
    // 1-102: 600.00 still open × 0.05% × 30 = 9.00.
    // 2-101: 100.00 × 1% × 20 days (10 days' grace) = 20.00, cut to the cap of 10% = 10.00.
    // 2-102: unsold, the developer's bill: no late fee.
    const lines = Object.fromEntries(
      res.body.lines.map((l: any) => [l.unitCode, [l.days, l.principalFen, l.feeFen, l.capped]]),
    )
    expect(lines).toEqual({
      '1-101': [30, 25_024, 375, false],
      '1-102': [30, 60_000, 900, false],
      '2-101': [20, 10_000, 1_000, true],
    })
    expect(res.body).toMatchObject({ committed: true, accruals: 3, units: 3, totalFen: 2_275, capped: 1 })
    const bills = await lateFeeBills('2025-05')
    expect([...bills.keys()].sort()).toEqual([u0, u1, u2].sort())
    expect(bills.get(u0)).toMatchObject({ fen: 375, payer: 'owner' })
    expect(bills.get(u0)!.basis).toContain('合同约定违约金（可依法请求调减）')
    expect(bills.get(u0)!.basis).toContain(
      '物业服务费 2025-04 未缴 250.24 元 × 每日万分之5 × 30 天 = 3.75 元',
    )
    expect(bills.get(u2)!.basis).toContain('已达合同上限')
    expect(await ledgerBalanced()).toBe(true)
  })

  it('is assessed once: a second time answers 409 and changes nothing', async () => {
    const before = await counts()
    const again = await assess('2025-05', true)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('BILLING_LATE_FEES_ASSESSED')
    expect(again.body.error.message).toContain('2025-05 的违约金已经计提过')
    expect(await counts()).toEqual(before)
  })

  it('keeps accruing the next month on what is open, never past the cap, never on late fees', async () => {
    const res = await assess('2025-06', true)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    // June: 30 days. 1-101 3.75 again; 1-102 9.00 again; 2-101 has reached its cap: nothing more.
    // May's late-fee bills (due 2025-06-30) are late-fee items: they bear no late fee.
    const lines = Object.fromEntries(res.body.lines.map((l: any) => [l.unitCode, l.feeFen]))
    expect(lines).toEqual({ '1-101': 375, '1-102': 900 })
    const { rows } = await sql<{ fen: string }>`
      select sum(fee_fen) as fen from late_fee_accruals where bill_id = ${partBill}`.execute(db())
    expect(Number(rows[0]!.fen)).toBe(1_800)
    expect(await ledgerBalanced()).toBe(true)
  })

  it('stops once the bill is paid', async () => {
    const paid = await post('/api/v1/billing/payments', {
      unitId: u1,
      channel: 'cash',
      amountFen: 60_000,
      billIds: [partBill],
    })
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    const res = await assess('2025-07', false)
    expect(res.body.lines.map((l: any) => l.unitCode)).toEqual(['1-101'])
  })
})
