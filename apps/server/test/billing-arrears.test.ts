/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import { PERMISSIONS } from '@meihao/contracts'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allJobs } from '../src/app-jobs'
import { addDays } from '../src/modules/billing/arrears-service'
import {
  markCollectionDirty,
  rebuildCollections,
  refreshDirtyCollections,
} from '../src/modules/billing/collection-rollup'
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
 * Arrears through the API: aging at every bucket boundary, the summary as the sum of the accounts, reason
 * tags, dunning (notices, in-app messages, SMS only for units owing enough), the printable notices without
 * names or phones, the case file, the collection report on a hand-computed example, the owner's message box,
 * and the 民法典 944 guard: nothing that cuts or restricts a service exists.
 *
 * Bills and ledger rows are written directly as the schema owner: this file tests the arrears region, not
 * billing runs or payments.
 */
let app: TestApp
let company: Company
let estate: SmallEstate
let other: SmallEstate
let today: string
let feeItem: string
let finance: ApiClient
let clerk: ApiClient
let resident: ApiClient
let liPhone: string

const db = () => app.db.owner
const ZONE = 'Asia/Shanghai'
const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date())

async function addFeeItem(communityId: string, code = 'wy') {
  const id = uuidv7()
  await db()
    .insertInto('fee_items')
    .values({
      tenant_id: company.tenantId,
      id,
      community_id: communityId,
      code,
      name: '物业服务费',
      kind: 'area',
    })
    .execute()
  return id
}

async function addBill(b: {
  communityId: string
  unitId: string
  item: string
  period: string
  amount: number
  paid?: number
  credited?: number
  dueOn: string
}) {
  const id = uuidv7()
  await db()
    .insertInto('bills')
    .values({
      tenant_id: company.tenantId,
      id,
      community_id: b.communityId,
      unit_id: b.unitId,
      fee_item_id: b.item,
      period_start: `${b.period}-01`,
      period_end: `${b.period}-01`,
      payer: 'owner',
      amount_fen: b.amount,
      paid_fen: b.paid ?? 0,
      credited_fen: b.credited ?? 0,
      due_on: b.dueOn,
      basis: 'test',
    })
    .execute()
  return id
}

interface Line {
  account: string
  billId?: string
  debit?: number
  credit?: number
}

/** One balanced journal, its lines in one statement (the ledger's balance trigger checks per statement). */
async function addJournal(
  communityId: string,
  unitId: string,
  kind: string,
  postedAt: string,
  lines: Line[],
) {
  const id = uuidv7()
  await db()
    .insertInto('ledger_journals')
    .values({
      tenant_id: company.tenantId,
      id,
      key: `test:${id}`,
      kind,
      community_id: communityId,
      unit_id: unitId,
      posted_at: new Date(postedAt),
    })
    .execute()
  await db()
    .insertInto('ledger_lines')
    .values(
      lines.map((l, i) => ({
        tenant_id: company.tenantId,
        journal_id: id,
        line_no: i + 1,
        community_id: communityId,
        account: l.account,
        sub_key: l.account === '1122' ? unitId : '',
        bill_id: l.billId ?? null,
        debit_fen: l.debit ?? 0,
        credit_fen: l.credit ?? 0,
        posted_at: new Date(postedAt),
      })),
    )
    .execute()
  return id
}

const billIssued = (communityId: string, unitId: string, billId: string, fen: number, at: string) =>
  addJournal(communityId, unitId, 'bill_issued', at, [
    { account: '1122', billId, debit: fen },
    { account: '6001', credit: fen },
  ])
const paid = (communityId: string, unitId: string, billId: string, fen: number, at: string) =>
  addJournal(communityId, unitId, 'payment_received', at, [
    { account: '1012', debit: fen },
    { account: '1122', billId, credit: fen },
  ])

async function staff(roleId: string, scope: Record<string, string> = {}) {
  const phone = nextPhone()
  const res = await company.admin.post('/api/v1/iam/users', {
    name: `staff-${phone.slice(-4)}`,
    phone,
    password: PASSWORD,
    roles: [{ roleId, ...scope }],
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const client = new ApiClient(app.server)
  expect((await client.login(phone, PASSWORD, company.code)).status).toBe(200)
  return client
}

/** An owner who signs in to the resident app, linked to a party owning `unitId`. */
async function residentOwning(unitId: string, name: string) {
  const phone = nextPhone()
  await company.admin.post('/api/v1/iam/users', {
    name,
    phone,
    password: PASSWORD,
    roles: [{ roleId: company.roleIds.owner }],
  })
  const party = await company.admin.post('/api/v1/parties', { name, phone })
  expect(party.status, JSON.stringify(party.body)).toBe(201)
  const own = await company.admin.post(`/api/v1/units/${unitId}/ownerships`, {
    partyId: party.body.id,
    startDate: '2015-01-01',
  })
  expect(own.status, JSON.stringify(own.body)).toBe(201)
  const account = await db()
    .selectFrom('accounts')
    .select('id')
    .where('phone_hash', '=', app.deps.pii.lookupHash('phone', phone))
    .executeTakeFirstOrThrow()
  await db().updateTable('parties').set({ account_id: account.id }).where('id', '=', party.body.id).execute()
  const client = new ApiClient(app.server)
  expect((await client.login(phone, PASSWORD, company.code)).status).toBe(200)
  return { client, phone }
}

/** The raw bytes of a download (ApiClient keeps only text). */
async function download(client: ApiClient, url: string) {
  const res = await app.server.inject({ method: 'GET', url, headers: { cookie: (client as any).cookie } })
  return { status: res.statusCode, headers: res.headers, file: res.rawPayload, text: res.body }
}

const smsBodies = async () =>
  (
    await db()
      .selectFrom('sms_messages')
      .select(['body_enc', 'phone_enc', 'template'])
      .where('tenant_id', '=', company.tenantId)
      .execute()
  ).map((r: any) => ({
    template: r.template,
    body: app.deps.pii.decrypt(r.body_enc),
    phone: app.deps.pii.decrypt(r.phone_enc),
  }))

// Unit A (1-101, owner 张三, no app account): one bill at each side of every bucket boundary, amounts powers
// of two so each bucket's sum names its bills; plus a partly paid and credited bill, a paid bill, and bills
// not yet due (due today: still on time).
const A_BILLS = [
  { days: 30, fen: 100 },
  { days: 31, fen: 200 },
  { days: 90, fen: 400 },
  { days: 91, fen: 800 },
  { days: 180, fen: 1600 },
  { days: 181, fen: 3200 },
  { days: 365, fen: 6400 },
  { days: 366, fen: 12800 },
]
const A_OPEN = 100 + 200 + 400 + 800 + 1600 + 3200 + 6400 + 12800 + 500
const A_BUCKETS = {
  upTo30: 100,
  from31To90: 200 + 400 + 500,
  from91To180: 800 + 1600,
  from181To365: 3200 + 6400,
  over365: 12800,
}
const B_OPEN = 5000
const D_OPEN = 300

beforeAll(async () => {
  app = await startTestApp()
  company = await createCompany(app, 'ar')
  estate = await createSmallEstate(company, 'ar1')
  other = await createSmallEstate(company, 'ar2')
  today = todayInShanghai()
  feeItem = await addFeeItem(estate.communityId)
  const [a, b, c, d] = estate.unitIds as [string, string, string, string]
  const community = estate.communityId
  let year = 2010
  for (const { days, fen } of A_BILLS) {
    await addBill({
      communityId: community,
      unitId: a,
      item: feeItem,
      period: `${year++}-03`,
      amount: fen,
      dueOn: addDays(today, -days),
    })
  }
  // 1000 billed, 300 paid, 200 credited: 500 open, 45 days past due.
  const partly = await addBill({
    communityId: community,
    unitId: a,
    item: feeItem,
    period: `${year++}-03`,
    amount: 1000,
    paid: 300,
    credited: 200,
    dueOn: addDays(today, -45),
  })
  await addBill({
    communityId: community,
    unitId: a,
    item: feeItem,
    period: `${year++}-03`,
    amount: 9999,
    paid: 9999,
    dueOn: addDays(today, -400),
  })
  // Not arrears: due today (0 days past due) and due next week; the earliest period, so it must not be "oldest".
  await addBill({
    communityId: community,
    unitId: a,
    item: feeItem,
    period: '2009-01',
    amount: 25_600,
    dueOn: today,
  })
  await addBill({
    communityId: community,
    unitId: a,
    item: feeItem,
    period: '2009-02',
    amount: 51_200,
    dueOn: addDays(today, 7),
  })
  // A payment with its receipt, for the case file.
  const journal = await paid(community, a, partly, 300, '2024-05-01T02:00:00Z')
  const paymentId = uuidv7()
  await db()
    .insertInto('payments')
    .values({
      tenant_id: company.tenantId,
      id: paymentId,
      community_id: community,
      unit_id: a,
      channel: 'cash',
      amount_fen: 300,
      allocations: JSON.stringify([{ billId: partly, fen: 300 }]),
      journal_id: journal,
      received_at: new Date('2024-05-01T02:00:00Z'),
    })
    .execute()
  await db()
    .insertInto('receipts')
    .values({
      tenant_id: company.tenantId,
      id: uuidv7(),
      community_id: community,
      year: 2024,
      seq: 7,
      number: 'AR1-2024-000007',
      payment_id: paymentId,
      unit_id: a,
      channel: 'cash',
      amount_fen: 300,
      lines: JSON.stringify([]),
    })
    .execute()
  // Unit B (1-102): 60 days past due; its owner 李四 uses the resident app.
  await addBill({
    communityId: community,
    unitId: b,
    item: feeItem,
    period: '2024-01',
    amount: B_OPEN,
    dueOn: addDays(today, -60),
  })
  const li = await residentOwning(b, '李四')
  resident = li.client
  liPhone = li.phone
  // Unit C (2-101): only a bill not yet due — no arrears account.
  await addBill({
    communityId: community,
    unitId: c,
    item: feeItem,
    period: '2024-01',
    amount: 7000,
    dueOn: addDays(today, 1),
  })
  // Unit D (2-102): a small arrear, below the dunning threshold.
  await addBill({
    communityId: community,
    unitId: d,
    item: feeItem,
    period: '2024-01',
    amount: D_OPEN,
    dueOn: addDays(today, -1),
  })

  finance = await staff(company.roleIds.finance!)
  const role = await company.admin.post('/api/v1/iam/roles', {
    code: 'arrears_clerk',
    name: '催缴专员',
    permissions: ['billing.read', 'billing.arrears'],
    dataScope: 'community',
  })
  expect(role.status, JSON.stringify(role.body)).toBe(201)
  // Scoped to the OTHER community: the first one is out of reach.
  clerk = await staff(role.body.id, { communityId: other.communityId })
}, 120_000)
afterAll(() => app.close())

const arrearsOf = async (client: ApiClient, query = '') => {
  const res = await client.get(`/api/v1/billing/arrears?communityId=${estate.communityId}${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

describe('arrears accounts', () => {
  it('ages open amounts by days past due at every bucket boundary; not-yet-due amounts are not arrears', async () => {
    const page = await arrearsOf(company.admin)
    expect(page.items.map((i: any) => i.unitCode)).toEqual(['1-101', '1-102', '2-102'])
    const a = page.items[0]
    expect(a).toMatchObject({
      unitId: estate.unitIds[0],
      unitCode: '1-101',
      buildingName: '1号楼',
      ownerName: '张*',
      openFen: A_OPEN,
      bills: 9,
      oldestPeriod: '2010-03',
      buckets: A_BUCKETS,
      reasons: [],
    })
    expect(Object.values(a.buckets as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(A_OPEN)
    expect(page.items[1]).toMatchObject({
      unitCode: '1-102',
      ownerName: '李*',
      openFen: B_OPEN,
      bills: 1,
      buckets: { upTo30: 0, from31To90: B_OPEN, from91To180: 0, from181To365: 0, over365: 0 },
    })
    // One day past due is arrears already; no current owner: no name.
    expect(page.items[2]).toMatchObject({ unitCode: '2-102', ownerName: null, openFen: D_OPEN })
    expect(page.items[2].buckets.upTo30).toBe(D_OPEN)
    // Never a phone, never a full name.
    expect(JSON.stringify(page)).not.toContain('张三')
    expect(JSON.stringify(page)).not.toContain(estate.ownerPhone)
  })

  it('pages by a stable cursor and filters by minFen', async () => {
    const first = await arrearsOf(company.admin, '&limit=2')
    expect(first.items.map((i: any) => i.unitCode)).toEqual(['1-101', '1-102'])
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await arrearsOf(company.admin, `&limit=2&cursor=${first.nextCursor}`)
    expect(second.items.map((i: any) => i.unitCode)).toEqual(['2-102'])
    expect(second.nextCursor).toBeNull()
    const big = await arrearsOf(company.admin, `&minFen=${B_OPEN}`)
    expect(big.items.map((i: any) => i.unitCode)).toEqual(['1-101', '1-102'])
    const bad = await company.admin.get(
      `/api/v1/billing/arrears?communityId=${estate.communityId}&cursor=not-a-cursor`,
    )
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('COMMON_BAD_CURSOR')
  })

  it('sums the summary exactly from the accounts', async () => {
    const page = await arrearsOf(company.admin)
    const res = await company.admin.get(`/api/v1/billing/arrears/summary?communityId=${estate.communityId}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const summary = res.body
    expect(summary.asOf).toBe(today)
    expect(summary.accounts).toBe(page.items.length)
    expect(summary.openFen).toBe(page.items.reduce((s: number, i: any) => s + i.openFen, 0))
    expect(summary.openFen).toBe(A_OPEN + B_OPEN + D_OPEN)
    for (const bucket of Object.keys(A_BUCKETS))
      expect(summary.buckets[bucket], bucket).toBe(
        page.items.reduce((s: number, i: any) => s + i.buckets[bucket], 0),
      )
    expect(summary.byReason).toHaveLength(6)
    expect(summary.byReason.every((r: any) => r.accounts === 0 && r.openFen === 0)).toBe(true)
  })

  it('answers a community out of reach with 404', async () => {
    for (const url of [
      `/api/v1/billing/arrears?communityId=${estate.communityId}`,
      `/api/v1/billing/arrears/summary?communityId=${estate.communityId}`,
      `/api/v1/billing/dunning?communityId=${estate.communityId}`,
      `/api/v1/billing/reports/collection?communityId=${estate.communityId}&year=2025`,
    ]) {
      const res = await clerk.get(url)
      expect(res.status, url).toBe(404)
      expect(res.body.error.code, url).toBe('ESTATE_COMMUNITY_NOT_FOUND')
    }
    // Its own community answers (no arrears there).
    const own = await clerk.get(`/api/v1/billing/arrears?communityId=${other.communityId}`)
    expect(own.status).toBe(200)
    expect(own.body.items).toEqual([])
  })
})

describe('a building-scoped grant', () => {
  it('sees the arrears of its building only, and nothing community-wide', async () => {
    const role = await company.admin.post('/api/v1/iam/roles', {
      code: 'arrears_building',
      name: '楼栋催缴',
      permissions: ['billing.read', 'billing.arrears'],
      dataScope: 'building',
    })
    expect(role.status, JSON.stringify(role.body)).toBe(201)
    const keeper = await staff(role.body.id, { buildingId: estate.buildingIds[1]! })
    const page = await arrearsOf(keeper)
    expect(page.items.map((i: any) => i.unitCode)).toEqual(['2-102'])
    const summary = await keeper.get(`/api/v1/billing/arrears/summary?communityId=${estate.communityId}`)
    expect(summary.body).toMatchObject({ accounts: 1, openFen: D_OPEN })
    expect(
      (await keeper.post(`/api/v1/billing/arrears/${estate.unitIds[0]}/tags`, { reason: 'other' })).status,
    ).toBe(404)
    const dunning = await keeper.post('/api/v1/billing/dunning', {
      communityId: estate.communityId,
      minFen: 1,
      channels: ['notice'],
    })
    expect(dunning.status).toBe(404)
    expect((await keeper.get(`/api/v1/billing/dunning?communityId=${estate.communityId}`)).status).toBe(404)
    expect(
      (await keeper.get(`/api/v1/billing/reports/collection?communityId=${estate.communityId}&year=2025`))
        .status,
    ).toBe(404)
  })
})

describe('arrears reasons', () => {
  const unitA = () => estate.unitIds[0]!

  it('tags and untags a unit, audited; the list and summary show the reason', async () => {
    const add = await finance.post(`/api/v1/billing/arrears/${unitA()}/tags`, {
      reason: 'financial_hardship',
      note: '失业，已约定分期',
    })
    expect(add.status, JSON.stringify(add.body)).toBe(200)
    expect(add.body.tags).toEqual([
      { reason: 'financial_hardship', note: '失业，已约定分期', taggedAt: expect.any(String) },
    ])
    const again = await finance.post(`/api/v1/billing/arrears/${unitA()}/tags`, { reason: 'vacancy' })
    expect(again.body.tags.map((t: any) => t.reason)).toEqual(['vacancy', 'financial_hardship'])

    const page = await arrearsOf(finance)
    expect(page.items[0].reasons).toEqual(['vacancy', 'financial_hardship'])
    const summary = (await finance.get(`/api/v1/billing/arrears/summary?communityId=${estate.communityId}`))
      .body
    expect(summary.byReason.find((r: any) => r.reason === 'financial_hardship')).toEqual({
      reason: 'financial_hardship',
      accounts: 1,
      openFen: A_OPEN,
    })

    const removed = await finance.delete(`/api/v1/billing/arrears/${unitA()}/tags/vacancy`)
    expect(removed.status, JSON.stringify(removed.body)).toBe(200)
    expect(removed.body.tags.map((t: any) => t.reason)).toEqual(['financial_hardship'])
    const twice = await finance.delete(`/api/v1/billing/arrears/${unitA()}/tags/vacancy`)
    expect(twice.status).toBe(404)
    expect(twice.body.error.code).toBe('BILLING_ARREARS_TAG_NOT_FOUND')
    const en = await finance.request('DELETE', `/api/v1/billing/arrears/${unitA()}/tags/vacancy`, undefined, {
      'accept-language': 'en-US',
    })
    expect(en.body.error.message).toBe('The unit has no arrears reason "vacancy"')

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('tenant_id', '=', company.tenantId)
      .where('action', 'in', ['billing.arrears.tag', 'billing.arrears.untag'])
      .orderBy('id')
      .execute()
    expect(audit.map((r: any) => r.action)).toEqual([
      'billing.arrears.tag',
      'billing.arrears.tag',
      'billing.arrears.untag',
    ])
    expect(audit.every((r: any) => r.entity_id === unitA())).toBe(true)
  })

  it('refuses an unknown reason, a unit out of scope and a unit of another company with 400/404', async () => {
    const bad = await finance.post(`/api/v1/billing/arrears/${unitA()}/tags`, { reason: 'too_expensive' })
    expect(bad.status).toBe(400)
    // Out of the clerk's scope (another community of the same company).
    const scoped = await clerk.post(`/api/v1/billing/arrears/${unitA()}/tags`, { reason: 'other' })
    expect(scoped.status).toBe(404)
    expect(scoped.body.error.code).toBe('ESTATE_UNIT_NOT_FOUND')
    expect((await clerk.delete(`/api/v1/billing/arrears/${unitA()}/tags/financial_hardship`)).status).toBe(
      404,
    )
    expect((await clerk.get(`/api/v1/billing/arrears/${unitA()}/case-file`)).status).toBe(404)
    // Another company entirely.
    const rival = await createCompany(app, 'ar-rival')
    const foreign = await rival.admin.post(`/api/v1/billing/arrears/${unitA()}/tags`, { reason: 'other' })
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe('ESTATE_UNIT_NOT_FOUND')
    expect((await rival.admin.get(`/api/v1/billing/arrears?communityId=${estate.communityId}`)).status).toBe(
      404,
    )
    // Nothing changed: still only the one tag.
    const tags = await db()
      .selectFrom('arrears_tags')
      .select('reason')
      .where('unit_id', '=', unitA())
      .execute()
    expect(tags.map((t: any) => t.reason)).toEqual(['financial_hardship'])
    // A resident may not tag at all.
    expect((await resident.post(`/api/v1/billing/arrears/${unitA()}/tags`, { reason: 'other' })).status).toBe(
      403,
    )
  })
})

describe('dunning', () => {
  let campaignId: string

  it('reminds only units owing at least minFen: notices, in-app messages and SMS in one go', async () => {
    const smsBefore = (await smsBodies()).length
    const res = await finance.post('/api/v1/billing/dunning', {
      communityId: estate.communityId,
      minFen: 1000,
      channels: ['in_app', 'sms', 'notice'],
      payWithinDays: 15,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    campaignId = res.body.id
    expect(res.body).toMatchObject({
      communityId: estate.communityId,
      minFen: 1000,
      channels: ['in_app', 'sms', 'notice'],
      payWithinDays: 15,
      units: 2,
      totalFen: A_OPEN + B_OPEN,
      createdBy: expect.stringMatching(/^staff-/),
    })
    const notices = await db()
      .selectFrom('dunning_notices')
      .select(['unit_id', 'open_fen'])
      .where('campaign_id', '=', campaignId)
      .execute()
    expect(
      notices
        .map((n: any) => [n.unit_id, Number(n.open_fen)])
        .sort((x: any, y: any) => (x[0] < y[0] ? -1 : 1)),
    ).toEqual(
      [
        [estate.unitIds[0], A_OPEN],
        [estate.unitIds[1], B_OPEN],
      ].sort((x: any, y: any) => (x[0] < y[0] ? -1 : 1)),
    )
    // In-app: only 李四 (unit B) has an app account; 张三 (unit A) has none.
    const messages = await db()
      .selectFrom('owner_messages')
      .select(['unit_id', 'kind', 'dedupe_key'])
      .where('tenant_id', '=', company.tenantId)
      .execute()
    expect(messages).toEqual([
      {
        unit_id: estate.unitIds[1],
        kind: 'dunning',
        dedupe_key: `dunning:${campaignId}:${estate.unitIds[1]}`,
      },
    ])
    // SMS: one per current owner with a phone of a reminded unit — 张三 for A, 李四 for B; none for D.
    const sms = (await smsBodies()).slice(smsBefore)
    expect(sms.map((s) => s.phone).sort()).toEqual([estate.ownerPhone, liPhone].sort())
    const toZhang = sms.find((s) => s.phone === estate.ownerPhone)!
    expect(toZhang.template).toBe('billing_dunning')
    expect(toZhang.body).toBe(
      `温馨提示：1-101 尚有物业服务费 ${(A_OPEN / 100).toFixed(2)} 元未缴，请于 15 日内缴纳。如已缴纳请忽略，谢谢！`,
    )
    for (const s of sms) {
      expect(s.body).not.toMatch(/张|李|停水|停电|断|限制/)
      expect(s.body).not.toContain(s.phone)
    }
    const audit = await db()
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'billing.dunning.start')
      .where('entity_id', '=', campaignId)
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({ units: 2, inAppMessages: 1, smsMessages: 2 })
  })

  it('refuses a campaign that would remind nobody, in both languages', async () => {
    const body = { communityId: estate.communityId, minFen: 10_000_000, channels: ['notice'] }
    const zh = await finance.post('/api/v1/billing/dunning', body)
    expect(zh.status).toBe(422)
    expect(zh.body.error).toMatchObject({
      code: 'BILLING_DUNNING_NO_ACCOUNTS',
      message: expect.stringContaining('100000.00'),
    })
    const en = await finance.request('POST', '/api/v1/billing/dunning', body, { 'accept-language': 'en-US' })
    expect(en.body.error.message).toMatch(/^No unit owes at least 100000\.00 yuan/)
    // A pay-within period under 7 days is not a reasonable period.
    expect(
      (await finance.post('/api/v1/billing/dunning', { ...body, minFen: 1, payWithinDays: 3 })).status,
    ).toBe(400)
    // The clerk cannot run a campaign in a community out of reach.
    const scoped = await clerk.post('/api/v1/billing/dunning', { ...body, minFen: 1 })
    expect(scoped.status).toBe(404)
  })

  it('lists campaigns and prints notices with unit codes and amounts only', async () => {
    const list = await finance.get(`/api/v1/billing/dunning?communityId=${estate.communityId}`)
    expect(list.status).toBe(200)
    expect(list.body.map((c: any) => c.id)).toEqual([campaignId])
    const page = await finance.get(`/api/v1/billing/dunning/${campaignId}/notices`)
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    const html = page.body as string
    expect(html).toContain('<td>1-101</td>')
    expect(html).toContain(`${(A_OPEN / 100).toFixed(2)}</td>`)
    expect(html).toContain('<td>1-102</td>')
    expect(html).toContain('50.00</td>')
    expect(html).toContain(addDays(today, 15))
    expect(html).toContain('ar 物业服务有限公司')
    expect(html).not.toContain('2-102')
    for (const secret of ['张三', '李四', '张*', '李*', estate.ownerPhone, liPhone])
      expect(html).not.toContain(secret)
    expect((await clerk.get(`/api/v1/billing/dunning/${campaignId}/notices`)).status).toBe(404)
    expect((await finance.get(`/api/v1/billing/dunning/${uuidv7()}/notices`)).status).toBe(404)
  })
})

describe('the owner message box', () => {
  it('a resident reads their reminder and marks it read; nobody else can', async () => {
    const list = await resident.get('/api/v1/me/messages')
    expect(list.status, JSON.stringify(list.body)).toBe(200)
    expect(list.body.items).toHaveLength(1)
    const message = list.body.items[0]
    expect(message).toMatchObject({
      kind: 'dunning',
      unitId: estate.unitIds[1],
      unitCode: '1-102',
      readAt: null,
      params: { unitCode: '1-102', openFen: B_OPEN, days: 15, payBy: addDays(today, 15) },
    })
    expect(message.text).toContain('1-102')
    expect(message.text).toContain('50.00')
    const en = await resident.request('GET', '/api/v1/me/messages', undefined, { 'accept-language': 'en-US' })
    expect(en.body.items[0].text).toMatch(/^Your unit 1-102 has 50\.00 yuan/)

    // Staff (another account) cannot read or mark it.
    expect((await company.admin.get('/api/v1/me/messages')).status).toBe(403)
    const zhang = await residentOwning(estate.unitIds[3]!, '王五')
    expect((await zhang.client.get('/api/v1/me/messages')).body.items).toEqual([])
    const stolen = await zhang.client.post(`/api/v1/me/messages/${message.id}/read`)
    expect(stolen.status).toBe(404)
    expect(stolen.body.error.code).toBe('BILLING_MESSAGE_NOT_FOUND')

    const read = await resident.post(`/api/v1/me/messages/${message.id}/read`)
    expect(read.status, JSON.stringify(read.body)).toBe(200)
    expect(read.body.readAt).toEqual(expect.any(String))
    const again = await resident.post(`/api/v1/me/messages/${message.id}/read`)
    expect(again.body.readAt).toBe(read.body.readAt)
    expect((await resident.get('/api/v1/me/messages?unread=true')).body.items).toEqual([])
    expect((await resident.get('/api/v1/me/messages')).body.items[0].readAt).toBe(read.body.readAt)
  })
})

describe('the case file', () => {
  async function workbookOf(client: ApiClient) {
    const res = await download(client, `/api/v1/billing/arrears/${estate.unitIds[0]}/case-file`)
    expect(res.status, res.text).toBe(200)
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="case-1-101-/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.file as never)
    return workbook
  }
  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const rows: unknown[][] = []
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    return rows
  }

  it('exports five sheets: overview, bills, payments with receipts, reminders, reasons — audited', async () => {
    const workbook = await workbookOf(finance)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概况', '账单', '缴费', '催缴记录', '欠费原因'])
    const overview = Object.fromEntries(rowsOf(workbook.getWorksheet('概况')!).map(([k, v]) => [k, v]))
    expect(overview).toMatchObject({
      房号: '1-101',
      楼栋: '1号楼',
      '建筑面积（m²）': '89.37',
      '套内面积（m²）': '72.10',
      // finance has no pii.reveal: masked.
      业主: '张*',
      '逾期欠费（元）': (A_OPEN / 100).toFixed(2),
      逾期账单数: 9,
    })
    const bills = rowsOf(workbook.getWorksheet('账单')!)
    expect(bills[0]).toEqual([
      '账期',
      '收费项目',
      '付费方',
      '应收（元）',
      '已缴（元）',
      '减免（元）',
      '未缴（元）',
      '到期日',
      '逾期天数',
    ])
    expect(bills).toHaveLength(1 + 12)
    const partly = bills.find((r) => r[3] === 10)!
    expect(partly).toEqual(['2018-03', '物业服务费', '业主', 10, 3, 2, 5, addDays(today, -45), 45])
    expect(bills.find((r) => r[3] === 128)![8]).toBe(366)
    expect(bills.find((r) => r[3] === 256)![8]).toBe(0)
    const payments = rowsOf(workbook.getWorksheet('缴费')!)
    expect(payments.slice(1)).toEqual([['2024-05-01 10:00', '现金', 3, 0, 'AR1-2024-000007', '有效']])
    const reminders = rowsOf(workbook.getWorksheet('催缴记录')!)
    expect(reminders.slice(1)).toEqual([
      [today, '站内消息、短信、张贴通知', A_OPEN / 100, addDays(today, 15)],
    ])
    const reasons = rowsOf(workbook.getWorksheet('欠费原因')!)
    expect(reasons.slice(1)).toEqual([['经济困难', '失业，已约定分期', today]])

    const audit = await db()
      .selectFrom('audit_log')
      .select(['entity_id', 'after'])
      .where('action', '=', 'billing.arrears.case_file')
      .execute()
    expect(audit).toEqual([
      { entity_id: estate.unitIds[0], after: { unitCode: '1-101', bills: 12, namesRevealed: false } },
    ])
  })

  it('shows the owner name in full only to a caller holding pii.reveal', async () => {
    const workbook = await workbookOf(company.admin)
    const overview = Object.fromEntries(rowsOf(workbook.getWorksheet('概况')!).map(([k, v]) => [k, v]))
    expect(overview.业主).toBe('张三')
    const audit = await db()
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'billing.arrears.case_file')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({ namesRevealed: true })
  })
})

describe('the collection report', () => {
  // Community 2 (Asia/Shanghai), hand-computed:
  //  2024 bills: P 2024-11 10000 fen, Q 2024-12 20000 fen.
  //  Paid before 1 Jan 2025 (Shanghai): 3000 on P at 23:30 on 31 Dec → prior arrears 30000 − 3000 = 27000.
  //  Recovered in 2025: 5000 on Q at 00:30 on 1 Jan Shanghai (still 2024 in UTC) → January;
  //                     7000 on P in March; a 1000 credit note on Q in March collects nothing.
  //  2025 bills: January P 10000 (paid 10000) + Q 20000 (paid 5000) → billed 30000, collected 15000, 50.00%;
  //              February P 10000, credited 2000, paid 6000 → billed 8000, collected 6000, 75.00%.
  //  清欠率 cumulative: Jan 5000/27000 = 18.51%, Feb the same, March 12000/27000 = 44.44%.
  let communityId: string

  beforeAll(async () => {
    communityId = other.communityId
    const item = await addFeeItem(communityId, 'wy2')
    const [p, q] = other.unitIds as [string, string]
    const p24 = await addBill({
      communityId,
      unitId: p,
      item,
      period: '2024-11',
      amount: 10_000,
      paid: 10_000,
      dueOn: '2024-11-30',
    })
    const q24 = await addBill({
      communityId,
      unitId: q,
      item,
      period: '2024-12',
      amount: 20_000,
      paid: 5000,
      credited: 1000,
      dueOn: '2024-12-31',
    })
    await billIssued(communityId, p, p24, 10_000, '2024-11-01T00:00:00+08:00')
    await billIssued(communityId, q, q24, 20_000, '2024-12-01T00:00:00+08:00')
    await paid(communityId, p, p24, 3000, '2024-12-31T23:30:00+08:00')
    await paid(communityId, q, q24, 5000, '2025-01-01T00:30:00+08:00')
    await paid(communityId, p, p24, 7000, '2025-03-10T12:00:00+08:00')
    await addJournal(communityId, q, 'overcharge_refunded', '2025-03-20T12:00:00+08:00', [
      { account: '6001', billId: q24, debit: 1000 },
      { account: '1122', billId: q24, credit: 1000 },
    ])
    await addBill({
      communityId,
      unitId: p,
      item,
      period: '2025-01',
      amount: 10_000,
      paid: 10_000,
      dueOn: '2025-01-31',
    })
    await addBill({
      communityId,
      unitId: q,
      item,
      period: '2025-01',
      amount: 20_000,
      paid: 5000,
      dueOn: '2025-01-31',
    })
    await addBill({
      communityId,
      unitId: p,
      item,
      period: '2025-02',
      amount: 10_000,
      paid: 6000,
      credited: 2000,
      dueOn: '2025-02-28',
    })
  })

  const report = (client: ApiClient, year: number) =>
    client.get(`/api/v1/billing/reports/collection?communityId=${communityId}&year=${year}`)

  it('reads only the rollup: nothing before the job has run', async () => {
    const res = await report(finance, 2025)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toEqual({ communityId, year: 2025, months: [] })
  })

  it('computes 收缴率 and cumulative 清欠率 per month once the dirty year is refreshed', async () => {
    await markCollectionDirty(db(), company.tenantId, communityId, 2025)
    await markCollectionDirty(db(), company.tenantId, communityId, 2025)
    expect(await refreshDirtyCollections(app.db)).toBe(1)
    expect(await db().selectFrom('billing_rollup_dirty').selectAll().execute()).toEqual([])
    const res = await report(clerk, 2025)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const months = res.body.months
    expect(months).toHaveLength(12)
    expect(months.slice(0, 4)).toEqual([
      {
        month: '2025-01',
        billedFen: 30_000,
        collectedFen: 15_000,
        collectionBp: 5000,
        priorArrearsFen: 27_000,
        recoveredFen: 5000,
        recoveryBp: 1851,
      },
      {
        month: '2025-02',
        billedFen: 8000,
        collectedFen: 6000,
        collectionBp: 7500,
        priorArrearsFen: 27_000,
        recoveredFen: 0,
        recoveryBp: 1851,
      },
      {
        month: '2025-03',
        billedFen: 0,
        collectedFen: 0,
        collectionBp: null,
        priorArrearsFen: 27_000,
        recoveredFen: 7000,
        recoveryBp: 4444,
      },
      {
        month: '2025-04',
        billedFen: 0,
        collectedFen: 0,
        collectionBp: null,
        priorArrearsFen: 27_000,
        recoveredFen: 0,
        recoveryBp: 4444,
      },
    ])
    expect(months.at(-1).month).toBe('2025-12')
    // Refreshing 2025 recomputed the later years too: on 1 Jan 2026 the 2024 bills still owed 30000 − 3000 −
    // 5000 − 7000 − 1000 = 14000 (the 2025 bills were never posted to this test ledger).
    const next = await report(finance, 2026)
    expect(next.body.months[0]).toMatchObject({ month: '2026-01', priorArrearsFen: 14_000, billedFen: 0 })
  })

  it('rebuilds the same figures from scratch', async () => {
    const before = (await report(finance, 2025)).body
    await db().deleteFrom('billing_rollups').execute()
    expect(await rebuildCollections(app.db)).toBeGreaterThanOrEqual(2)
    expect((await report(finance, 2025)).body).toEqual(before)
    // Community 1's bills reach back to 2009: those years were rebuilt too.
    const old = await finance.get(
      `/api/v1/billing/reports/collection?communityId=${estate.communityId}&year=2010`,
    )
    expect(old.body.months[2]).toMatchObject({
      month: '2010-03',
      billedFen: 100,
      collectedFen: 0,
      collectionBp: 0,
    })
  })
})

describe('民法典 944: dunning never cuts or restricts a service', () => {
  const RESTRICT = /cut|suspend|restrict|disable|shut|停|断|限/i
  const BLOCKING = /cut|suspend|restrict|disable|shut|block|lock|stop|停|断|限/i
  const SERVICES = /water|power|electric|heat|gas|lift|elevator|access|door|gate|vehicle|car|parking/i

  it('no billing route, permission or job restricts anything; no route anywhere restricts a utility', () => {
    const routes = [...app.server.routePermissions.keys()]
    const billing = routes.filter((r) => r.includes('/billing') || r.includes('/me/messages'))
    expect(billing.length).toBeGreaterThanOrEqual(11)
    expect(billing.filter((r) => RESTRICT.test(r))).toEqual([])
    expect(routes.filter((r) => BLOCKING.test(r) && SERVICES.test(r))).toEqual([])
    expect(PERMISSIONS.filter((p) => BLOCKING.test(p))).toEqual([])
    expect(allJobs.map((j) => j.id).filter((id) => BLOCKING.test(id) || SERVICES.test(id))).toEqual([])
  })

  it('a campaign offers reminders only: any other channel is refused', async () => {
    for (const channel of ['cut_water', 'suspend_power', 'restrict_access', 'disable_lift']) {
      const res = await finance.post('/api/v1/billing/dunning', {
        communityId: estate.communityId,
        minFen: 1,
        channels: [channel],
      })
      expect(res.status, channel).toBe(400)
    }
    const campaigns = await db().selectFrom('dunning_campaigns').select('channels').execute()
    for (const c of campaigns)
      expect(c.channels.every((ch: string) => ['in_app', 'sms', 'notice'].includes(ch))).toBe(true)
  })
})

it('has the job that keeps the collection rollup current', () => {
  const job = allJobs.find((j) => j.id === 'billing.rollup.refresh')
  expect(job?.cron).toBe('* * * * *')
})
