import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
 * Cross-tenant probe: company B's administrator asks for company A's objects by id, through every
 * GET route that takes an id, and through the list filters. Every answer must be 404 or empty.
 */
let app: TestApp
let a: Company
let b: Company
let estateA: SmallEstate

/** What kind of id each parameterised GET route takes; a new route without an entry fails the test. */
type IdKind =
  | 'community'
  | 'unit'
  | 'user'
  | 'party'
  | 'role'
  | 'decision'
  | 'ticket'
  | 'run'
  | 'receipt'
  | 'shift'
  | 'order'
  | 'campaign'
  | 'disclosure'
  | 'project'
  | 'revenueEntry'
const ID_KIND: Record<string, IdKind> = {
  '/api/v1/communities/:id': 'community',
  '/api/v1/communities/:id/buildings': 'community',
  '/api/v1/communities/:id/parking-spaces': 'community',
  '/api/v1/communities/:id/import-template.xlsx': 'community',
  '/api/v1/communities/:id/export.xlsx': 'community',
  '/api/v1/communities/:id/ticket-settings': 'community',
  '/api/v1/tickets/:id': 'ticket',
  '/api/v1/tickets/:id/photos/:photo': 'ticket',
  '/api/v1/units/:id': 'unit',
  '/api/v1/iam/users/:id': 'user',
  '/api/v1/decisions/:id': 'decision',
  '/api/v1/decisions/:id/turnout': 'decision',
  '/api/v1/decisions/:id/result': 'decision',
  '/api/v1/decisions/:id/verify': 'decision',
  '/api/v1/decisions/:id/export': 'decision',
  '/api/v1/decisions/:id/roll-units': 'decision',
  // Probed by company B's owner: residents reach these.
  '/api/v1/my/decisions/:id': 'decision',
  '/api/v1/my/decisions/:id/turnout': 'decision',
  '/api/v1/my/decisions/:id/receipts/:hash': 'decision',
  '/api/v1/my/decisions/:id/export': 'decision',
  '/api/v1/my/tickets/:id': 'ticket',
  '/api/v1/my/tickets/:id/photos/:photo': 'ticket',
  '/api/v1/billing/runs/:id': 'run',
  '/api/v1/billing/units/:id/account': 'unit',
  '/api/v1/billing/shifts/:id': 'shift',
  '/api/v1/billing/receipts/:id': 'receipt',
  '/api/v1/billing/receipts/:id/pdf': 'receipt',
  '/api/v1/billing/arrears/:unitId/case-file': 'unit',
  '/api/v1/billing/dunning/:id/notices': 'campaign',
  '/api/v1/me/receipts/:id': 'receipt',
  '/api/v1/me/receipts/:id/pdf': 'receipt',
  '/api/v1/me/payment-orders/:id': 'order',
  '/api/v1/disclosures/:id': 'disclosure',
  '/api/v1/disclosures/:id/attachments/:sha256': 'disclosure',
  '/api/v1/disclosure-settings/:communityId': 'community',
  '/api/v1/fund/accounts/:unitId': 'unit',
  '/api/v1/fund/projects/:id': 'project',
  '/api/v1/my/disclosures/:id': 'disclosure',
  '/api/v1/my/disclosures/:id/attachments/:sha256': 'disclosure',
  '/api/v1/my/fund/projects/:id': 'project',
  '/api/v1/public-revenue/:id/evidence/:sha256': 'revenueEntry',
  '/api/v1/my/public-revenue/:id/evidence/:sha256': 'revenueEntry',
}
const billingA = { run: '', receipt: '', shift: '', order: '', campaign: '' }
let decisionA: string
let disclosureA: string
let projectA: string
let revenueEntryA: string
let ticketA: string
let photoA: string
let ownerB: ApiClient

beforeAll(async () => {
  app = await startTestApp()
  a = await createCompany(app, 'iso-a')
  b = await createCompany(app, 'iso-b')
  estateA = await createSmallEstate(a)
  await createSmallEstate(b)
  const decision = await a.admin.post('/api/v1/decisions', {
    communityId: estateA.communityId,
    title: '续聘物业',
    recordDate: '2026-01-01',
    votingStartsAt: '2099-01-01T00:00:00+08:00',
    votingEndsAt: '2099-02-01T00:00:00+08:00',
    topics: [{ title: '续聘', item: 4 }],
  })
  decisionA = decision.body.id
  await a.admin.post(`/api/v1/decisions/${decisionA}/notice`)
  const category = await a.admin.post('/api/v1/ticket-categories', {
    code: 'lift',
    name: '电梯',
    kinds: ['repair_common'],
  })
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7]).toString('base64')
  const ticket = await a.admin.post('/api/v1/tickets', {
    communityId: estateA.communityId,
    channel: 'phone',
    kind: 'repair_common',
    categoryId: category.body.id,
    spot: '1号楼电梯厅',
    title: '电梯异响',
    photos: [{ fileName: 'a.png', contentType: 'image/png', dataBase64: PNG }],
  })
  ticketA = ticket.body.id
  photoA = ticket.body.photos[0]
  const phone = nextPhone()
  await b.admin.post('/api/v1/iam/users', {
    name: '乙业主',
    phone,
    password: PASSWORD,
    roles: [{ roleId: b.roleIds.owner }],
  })
  ownerB = new ApiClient(app.server)
  await ownerB.login(phone, PASSWORD, b.code)
  // Company A bills, takes a payment (a receipt and a shift), has an online order and a dunning campaign.
  const item = await a.admin.post('/api/v1/billing/fee-items', {
    communityId: estateA.communityId,
    code: 'WYF',
    name: '物业服务费',
    kind: 'area',
  })
  await a.admin.post(`/api/v1/billing/fee-items/${item.body.id}/standards`, {
    effectiveFrom: '2025-01',
    rate: '2.80',
  })
  const run = await a.admin.post('/api/v1/billing/runs', {
    communityId: estateA.communityId,
    period: '2025-01',
  })
  billingA.run = run.body.id
  for (
    let i = 0;
    i < 100 && (await a.admin.get(`/api/v1/billing/runs/${billingA.run}`)).body.status === 'running';
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 20))
  // The units are undelivered: their bills are the developer's, paid when the cashier chooses them.
  const bills = await a.admin.get(`/api/v1/billing/bills?unitId=${estateA.unitIds[1]}`)
  const paid = await a.admin.post('/api/v1/billing/payments', {
    unitId: estateA.unitIds[1],
    channel: 'cash',
    amountFen: 100,
    billIds: [bills.body.items[0].id],
  })
  billingA.receipt = paid.body.receiptId
  billingA.shift = paid.body.shiftId
  const campaign = await a.admin.post('/api/v1/billing/dunning', {
    communityId: estateA.communityId,
    minFen: 1,
    channels: ['notice'],
  })
  billingA.campaign = campaign.body.id
  billingA.order = '01900000-0000-7000-8000-00000000abcd'
  await app.db.owner
    .insertInto('payment_orders')
    .values({
      tenant_id: a.tenantId,
      id: billingA.order,
      out_trade_no: 'MHISOLATION',
      community_id: estateA.communityId,
      unit_id: estateA.unitIds[0],
      provider: 'wechatpay',
      bill_ids: [],
      amount_fen: '100',
    } as never)
    .execute()
  for (const [name, id] of Object.entries(billingA)) expect(id, name).toMatch(/^[0-9a-f-]{36}$/)
  // A published disclosure with a PDF, and an emergency fund project.
  const PDF = Buffer.from('%PDF-1.4 isolation').toString('base64')
  const draft = await a.admin.post('/api/v1/disclosures', {
    communityId: estateA.communityId,
    type: 'service_items',
    title: '服务事项',
    attachments: [{ fileName: 'a.pdf', contentType: 'application/pdf', dataBase64: PDF }],
  })
  disclosureA = draft.body.id
  expect((await a.admin.post(`/api/v1/disclosures/${disclosureA}/publish`)).status).toBe(200)
  const project = await a.admin.post('/api/v1/fund/projects', {
    communityId: estateA.communityId,
    title: '水泵抢修',
    buildingIds: [estateA.buildingIds[0]],
    costFen: 100_000,
    emergencyCategory: 'water_supply',
  })
  expect(project.status, JSON.stringify(project.body)).toBe(201)
  projectA = project.body.project.id
  const entry = await a.admin.post('/api/v1/public-revenue/income', {
    communityId: estateA.communityId,
    source: 'lift_ads',
    amountFen: 100_000,
    occurredOn: '2026-01-10',
    summary: '电梯广告',
    evidence: [{ fileName: 'c.pdf', contentType: 'application/pdf', dataBase64: PDF }],
  })
  expect(entry.status, JSON.stringify(entry.body)).toBe(201)
  revenueEntryA = entry.body.id
})
afterAll(() => app.close())

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!

describe('cross-tenant probe', () => {
  it('knows the id kind of every GET route with an id', () => {
    const routes = [...app.server.routePermissions.keys()]
      // The notice-board page is public by design, reached by its secret token (disclosure.test.ts).
      .filter((r) => r.startsWith('GET /api/v1/') && r.includes(':') && !r.startsWith('GET /api/v1/public/'))
      .map((r) => r.slice(4))
    expect(routes.filter((r) => !(r in ID_KIND))).toEqual([])
  })

  it('answers 404 for every GET route given the other company ids', async () => {
    const users = await a.admin.get('/api/v1/iam/users')
    const ids = {
      community: [estateA.communityId],
      unit: estateA.unitIds,
      user: users.body.items.map((u: { id: string }) => u.id),
      party: [estateA.ownerPartyId],
      role: Object.values(a.roleIds),
      decision: [decisionA],
      ticket: [ticketA],
      run: [billingA.run],
      receipt: [billingA.receipt],
      shift: [billingA.shift],
      order: [billingA.order],
      campaign: [billingA.campaign],
      disclosure: [disclosureA],
      project: [projectA],
      revenueEntry: [revenueEntryA],
    }
    for (const [route, kind] of Object.entries(ID_KIND)) {
      for (let i = 0; i < 3; i++) {
        const url = route
          .replace(/:(id|unitId|communityId)/, pick(ids[kind]))
          .replace(/:(hash|sha256)/, '0'.repeat(64))
          .replace(':photo', photoA)
        const resident = route.startsWith('/api/v1/my/') || route.startsWith('/api/v1/me/')
        const res = await (resident ? ownerB : b.admin).get(url)
        expect(res.status, url).toBe(404)
        expect(JSON.stringify(res.body)).not.toContain(estateA.communityId)
      }
    }
  })

  it('list filters with the other company ids return nothing', async () => {
    for (const url of [
      `/api/v1/units?communityId=${estateA.communityId}`,
      `/api/v1/units?buildingId=${pick(estateA.buildingIds)}`,
      `/api/v1/units?q=${estateA.ownerPhone}`,
      `/api/v1/parties?q=${estateA.ownerPhone}`,
      '/api/v1/parties?q=张',
    ]) {
      const res = await b.admin.get(url)
      expect(res.status, url).toBe(200)
      for (const item of res.body.items) {
        expect(estateA.unitIds).not.toContain(item.id)
        expect(item.id).not.toBe(estateA.ownerPartyId)
      }
    }
  })

  it('writes aimed at the other company ids answer 404 and change nothing', async () => {
    const unitId = pick(estateA.unitIds)
    const before = await a.admin.get(`/api/v1/units/${unitId}`)
    const attempts = [
      b.admin.patch(`/api/v1/units/${unitId}`, { buildingArea: '1.00', exclusiveArea: '1.00' }),
      b.admin.patch(`/api/v1/communities/${estateA.communityId}`, { name: '被篡改' }),
      b.admin.post(`/api/v1/communities/${estateA.communityId}/buildings`, { code: 'X', name: 'X' }),
      b.admin.post('/api/v1/units', {
        buildingId: estateA.buildingIds[0],
        code: 'X-1',
        buildingArea: '1.00',
        exclusiveArea: '1.00',
      }),
      b.admin.post(`/api/v1/parties/${estateA.ownerPartyId}/reveal`, { field: 'phone' }),
      b.admin.post(`/api/v1/tickets/${ticketA}/actions`, { type: 'cancel', reason: '篡改' }),
      ownerB.post(`/api/v1/my/tickets/${ticketA}/actions`, { type: 'cancel', reason: '篡改' }),
      b.admin.request('PUT', `/api/v1/communities/${estateA.communityId}/ticket-settings`, {
        autoDispatch: true,
      }),
    ]
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(404)
    expect((await a.admin.get(`/api/v1/units/${unitId}`)).body).toEqual(before.body)
    expect((await a.admin.get(`/api/v1/communities/${estateA.communityId}`)).body.name).toBe('c1 花园')
    expect((await a.admin.get(`/api/v1/tickets/${ticketA}`)).body.status).toBe('accepted')
    expect((await b.admin.get(`/api/v1/tickets?communityId=${estateA.communityId}`)).body.items).toEqual([])
  })
})
