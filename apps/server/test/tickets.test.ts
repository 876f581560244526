/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJobQueue } from '../src/app-jobs'
import { refreshAllDirty } from '../src/modules/tickets/rollup'
import { sweepSla } from '../src/modules/tickets/sla-service'
import type { JobLog } from '../src/platform/jobs'
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
 * The closed loop through the API: an owner's report, dispatch, work with photos, verification, a low
 * rating that reopens; refusals that change nothing; kiosk retries; duplicates; a paid repair's charge;
 * SLA breaches escalated up the org tree by a worker started after the breach; the monthly report.
 */
let app: TestApp
let company: Company
let estate: SmallEstate
let owner: ApiClient
let desk: ApiClient
let tech1: ApiClient
let tech2: ApiClient
let tech1Id: string
let pmId: string
let cityManagerId: string
const categories: Record<string, string> = {}
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9, 9, 9]).toString('base64')
const photo = { fileName: 'fixed.png', contentType: 'image/png', dataBase64: PNG }
const quiet: JobLog = { info() {}, warn() {}, error() {} }

async function staff(roleCode: string, scope: Record<string, string>, orgUnitId?: string) {
  const phone = nextPhone()
  const res = await company.admin.post('/api/v1/iam/users', {
    name: `${roleCode}-${phone.slice(-4)}`,
    phone,
    password: PASSWORD,
    ...(orgUnitId ? { orgUnitId } : {}),
    roles: [{ roleId: company.roleIds[roleCode], ...scope }],
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const client = new ApiClient(app.server)
  expect((await client.login(phone, PASSWORD, company.code)).status).toBe(200)
  return { client, id: res.body.id as string }
}

const ticketRow = (id: string) =>
  app.db.owner.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const eventCount = async (id: string) =>
  Number(
    (
      await app.db.owner
        .selectFrom('ticket_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('ticket_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  app = await startTestApp()
  company = await createCompany(app, 'tk')
  estate = await createSmallEstate(company, 'tk1')
  const admin = company.admin
  const city = await admin.post('/api/v1/iam/org-units', {
    parentId: company.groupOrgUnitId,
    kind: 'city',
    name: '上海公司',
  })
  const project = await admin.post('/api/v1/iam/org-units', {
    parentId: city.body.id,
    kind: 'project',
    name: '花园项目',
  })
  expect(project.status).toBe(201)
  expect(
    (await admin.patch(`/api/v1/communities/${estate.communityId}`, { orgUnitId: project.body.id })).status,
  ).toBe(200)
  const scope = { communityId: estate.communityId }
  desk = (await staff('service_desk', scope)).client
  const t1 = await staff('technician', scope)
  tech1 = t1.client
  tech1Id = t1.id
  tech2 = (await staff('technician', scope)).client
  pmId = (await staff('project_manager', { orgUnitId: project.body.id }, project.body.id)).id
  cityManagerId = (await staff('project_manager', { orgUnitId: city.body.id }, city.body.id)).id

  // The owner of unit 0 signs in.
  const ownerPhone = nextPhone()
  await admin.post('/api/v1/iam/users', {
    name: '业主张三',
    phone: ownerPhone,
    password: PASSWORD,
    roles: [{ roleId: company.roleIds.owner }],
  })
  const party = await admin.post('/api/v1/parties', { name: '业主张三', phone: ownerPhone })
  await admin.post(`/api/v1/units/${estate.unitIds[0]}/ownerships`, {
    partyId: party.body.id,
    startDate: '2015-01-01',
  })
  const account = await app.db.owner
    .selectFrom('accounts')
    .select('id')
    .where('phone_hash', '=', app.deps.pii.lookupHash('phone', ownerPhone))
    .executeTakeFirstOrThrow()
  await app.db.owner
    .updateTable('parties')
    .set({ account_id: account.id })
    .where('id', '=', party.body.id)
    .execute()
  owner = new ApiClient(app.server)
  expect((await owner.login(ownerPhone, PASSWORD, company.code)).status).toBe(200)

  for (const [code, name, kinds] of [
    ['plumbing', '水电', ['repair_home', 'repair_common']],
    ['lift', '电梯', ['repair_common', 'hazard']],
    ['service', '服务态度', ['complaint']],
  ] as const) {
    const res = await admin.post('/api/v1/ticket-categories', { code, name, kinds })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    categories[code] = res.body.id
  }
  const settings = await admin.request('PUT', `/api/v1/communities/${estate.communityId}/ticket-settings`, {
    reopenOnLowRating: true,
  })
  expect(settings.status, JSON.stringify(settings.body)).toBe(200)
}, 60_000)
afterAll(() => app.close())

describe('the closed loop', () => {
  let id: string

  it('an owner reports a leak in their unit', async () => {
    const res = await owner.post('/api/v1/my/tickets', {
      kind: 'repair_home',
      categoryId: categories.plumbing,
      title: '厨房水管漏水',
      unitId: estate.unitIds[0],
      photos: [photo],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    id = res.body.id
    expect(res.body).toMatchObject({
      status: 'submitted',
      channel: 'app',
      unitCode: '1-101',
      allowedActions: ['cancel'],
    })
    expect(res.body.number).toMatch(/^GD\d{8}\d{6}$/)
    expect(res.body.clocks.map((c: any) => [c.clock, c.targetMinutes, c.state])).toEqual([
      ['response', 60, 'running'],
      ['arrival', 1440, 'running'],
      ['resolution', 1440, 'running'],
    ])
    // Someone else's unit is not theirs to report from.
    const other = await owner.post('/api/v1/my/tickets', {
      kind: 'repair_home',
      categoryId: categories.plumbing,
      title: 'x',
      unitId: estate.unitIds[1],
    })
    expect(other.status).toBe(404)
    // A category not offered for the kind is refused.
    const wrong = await owner.post('/api/v1/my/tickets', {
      kind: 'repair_home',
      categoryId: categories.service,
      title: 'x',
      unitId: estate.unitIds[0],
    })
    expect(wrong.body.error.code).toBe('TICKET_CATEGORY_INVALID')
  })

  it('the desk accepts and assigns; the technician is told in the inbox', async () => {
    const accepted = await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'accept' })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
    expect(accepted.body.status).toBe('accepted')
    expect(accepted.body.clocks[0].state).toBe('met')
    const people = await desk.get(`/api/v1/tickets/assignees?communityId=${estate.communityId}`)
    expect(people.body.map((p: any) => p.id)).toContain(tech1Id)
    // An assignee who cannot take tickets here is refused.
    const bad = await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'assign', assigneeId: pmId })
    expect(bad.body.error.code).toBe('TICKET_ASSIGNEE_INVALID')
    const assigned = await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'assign', assigneeId: tech1Id })
    expect(assigned.body).toMatchObject({ status: 'assigned', assigneeId: tech1Id })
    const named = (await owner.get(`/api/v1/my/tickets/${id}`)).body.events.at(-1)
    expect(named.details).toMatchObject({ assigneeId: tech1Id, assigneeName: assigned.body.assigneeName })
    const inbox = await tech1.get('/api/v1/inbox')
    expect(inbox.body[0]).toMatchObject({ kind: 'ticket_assigned', ticketId: id, readAt: null })
    expect(inbox.body[0].body).toContain('厨房水管漏水')
    expect((await tech1.post(`/api/v1/inbox/${inbox.body[0].id}/read`)).status).toBe(200)
    expect((await tech1.get('/api/v1/inbox/unread-count')).body.count).toBe(0)
  })

  it('refuses what the graph or the role does not allow, and changes nothing', async () => {
    const before = await ticketRow(id)
    const events = await eventCount(id)
    const early = await owner.post(`/api/v1/my/tickets/${id}/actions`, { type: 'rate', rating: 5 })
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('TICKET_INVALID_TRANSITION')
    expect(early.body.error.message).toBe('工单当前为“已派单”，不能执行“评价”')
    const other = await tech2.post(`/api/v1/tickets/${id}/actions`, { type: 'start' })
    expect(other.status).toBe(403)
    expect(other.body.error.code).toBe('TICKET_NOT_ALLOWED')
    const noReason = await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'hold' })
    expect(noReason.status).toBe(400)
    expect(await ticketRow(id)).toEqual(before)
    expect(await eventCount(id)).toBe(events)
  })

  it('the technician starts, holds (clocks paused), resumes and resolves with a photo', async () => {
    expect((await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'start' })).body.status).toBe(
      'in_progress',
    )
    const held = await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'hold', reason: '等待配件' })
    expect(held.body.status).toBe('on_hold')
    expect(held.body.clocks.find((c: any) => c.clock === 'resolution').state).toBe('paused')
    expect((await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'resume' })).body.status).toBe(
      'in_progress',
    )
    const resolved = await tech1.post(`/api/v1/tickets/${id}/actions`, {
      type: 'resolve',
      note: '更换了角阀',
      photos: [photo],
    })
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200)
    expect(resolved.body.status).toBe('resolved')
    const event = resolved.body.events.at(-1)
    expect(event).toMatchObject({
      kind: 'resolve',
      fromStatus: 'in_progress',
      toStatus: 'resolved',
      note: '更换了角阀',
    })
    const file = await owner.get(`/api/v1/my/tickets/${id}/photos/${event.photos[0]}`)
    expect(file.status).toBe(200)
    expect(file.headers['content-type']).toBe('image/png')
    const row = await ticketRow(id)
    expect(JSON.parse(JSON.stringify(row.pauses))).toHaveLength(1)
    expect(Number(row.resolution_ms)).toBeGreaterThanOrEqual(0)
  })

  it('the desk verifies; a 2-star rating reopens to the same technician, flagged', async () => {
    expect((await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'verify' })).body.status).toBe(
      'verified',
    )
    const mine = await owner.get(`/api/v1/my/tickets/${id}`)
    expect(mine.body.allowedActions).toEqual(expect.arrayContaining(['rate', 'reopen']))
    const rated = await owner.post(`/api/v1/my/tickets/${id}/actions`, {
      type: 'rate',
      rating: 2,
      comment: '还在滴水',
    })
    expect(rated.status, JSON.stringify(rated.body)).toBe(200)
    expect(rated.body).toMatchObject({
      status: 'assigned',
      assigneeId: tech1Id,
      flagged: true,
      reopenCount: 1,
      rating: 2,
    })
    expect(rated.body.clocks.find((c: any) => c.clock === 'resolution').stoppedAt).toBeNull()
    const kinds = rated.body.events.map((e: any) => e.kind)
    expect(kinds).toEqual([
      'create',
      'accept',
      'assign',
      'start',
      'hold',
      'resume',
      'resolve',
      'verify',
      'reopen',
    ])
    // The owner sees their own timeline; staff see the photos too.
    expect((await owner.get('/api/v1/my/tickets')).body.items.map((t: any) => t.id)).toEqual([id])
  })

  it('no other company sees it', async () => {
    const other = await createCompany(app, 'tk-other')
    expect((await other.admin.get(`/api/v1/tickets/${id}`)).status).toBe(404)
    expect((await other.admin.get('/api/v1/tickets')).body.items).toEqual([])
    // Nor can it leave files behind by acting on it with photos: the ticket is looked up first.
    const bytes = Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.from('other company')])
    const acted = await other.admin.post(`/api/v1/tickets/${id}/actions`, {
      type: 'resolve',
      note: '已修好',
      photos: [{ fileName: 'x.png', contentType: 'image/png', dataBase64: bytes.toString('base64') }],
    })
    expect(acted.status).toBe(404)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const stored = await readdir(join(app.deps.config.MEIHAO_DATA_DIR, 'files'), { recursive: true })
    expect(stored.some((path) => path.endsWith(sha256))).toBe(false)
  })
})

describe('entry channels', () => {
  it('a kiosk that retries with the same Idempotency-Key creates one ticket', async () => {
    const role = await company.admin.post('/api/v1/iam/roles', {
      code: 'kiosk',
      name: '自助终端',
      permissions: ['tickets.read', 'tickets.create'],
      dataScope: 'company',
    })
    expect(role.status, JSON.stringify(role.body)).toBe(201)
    const key = await company.admin.post('/api/v1/iam/api-keys', { name: '大堂终端', roleId: role.body.id })
    const kiosk = new ApiClient(app.server, { authorization: `Bearer ${key.body.secret}` })
    const body = {
      communityId: estate.communityId,
      channel: 'kiosk',
      kind: 'repair_common',
      categoryId: categories.lift,
      spot: '2号楼电梯厅',
      title: '电梯按钮失灵',
    }
    const headers = { 'idempotency-key': 'kiosk-7f3a-0001' }
    const first = await kiosk.request('POST', '/api/v1/tickets', body, headers)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const again = await Promise.all(
      [1, 2, 3].map(() => kiosk.request('POST', '/api/v1/tickets', body, headers)),
    )
    for (const res of again) expect(res.body.id).toBe(first.body.id)
    const rows = await app.db.owner
      .selectFrom('tickets')
      .select('id')
      .where('title', '=', '电梯按钮失灵')
      .execute()
    expect(rows).toHaveLength(1)
    expect(first.body.status).toBe('submitted')
  })

  it('a phone call registered by the desk is accepted at once; duplicates at the same spot are hinted and merged', async () => {
    const call = await desk.post('/api/v1/tickets', {
      communityId: estate.communityId,
      channel: 'phone',
      kind: 'repair_common',
      categoryId: categories.lift,
      spot: '2号楼电梯厅',
      title: '电梯按钮没反应',
      contactName: '李四',
      contactPhone: '13912345678',
    })
    expect(call.status, JSON.stringify(call.body)).toBe(201)
    expect(call.body).toMatchObject({ status: 'accepted', contactPhone: '139****5678', contactName: '李*' })
    expect(call.body.duplicates.map((d: any) => d.title)).toEqual(['电梯按钮失灵'])
    const merged = await desk.post(`/api/v1/tickets/${call.body.id}/actions`, {
      type: 'cancel_duplicate',
      duplicateOf: call.body.duplicates[0].id,
    })
    expect(merged.body).toMatchObject({ status: 'cancelled', duplicateOf: call.body.duplicates[0].id })
    expect(merged.body.duplicates).toEqual([])
  })

  it('auto dispatch hands new tickets round robin to the technicians', async () => {
    const put = await company.admin.request(
      'PUT',
      `/api/v1/communities/${estate.communityId}/ticket-settings`,
      {
        reopenOnLowRating: true,
        autoDispatch: true,
      },
    )
    expect(put.status).toBe(200)
    // Everyone who can take tickets here: the two technicians (not the administrator, who dispatches).
    const eligible = (await desk.get(`/api/v1/tickets/assignees?communityId=${estate.communityId}`)).body
    expect(eligible).toHaveLength(2)
    const assignees: string[] = []
    try {
      for (let n = 0; n <= eligible.length; n++) {
        const res = await owner.post('/api/v1/my/tickets', {
          kind: 'repair_home',
          categoryId: categories.plumbing,
          title: `自动派单 ${n}`,
          unitId: estate.unitIds[0],
        })
        expect(res.body.status).toBe('assigned')
        assignees.push(res.body.assigneeId)
      }
      // The first tickets of a category, at once: the one that creates the rotation's cursor makes the
      // other wait, so they still go to two people.
      const together = await Promise.all(
        eligible.map((_: unknown, n: number) =>
          owner.post('/api/v1/my/tickets', {
            kind: 'repair_common',
            categoryId: categories.lift,
            title: `同时报修 ${n}`,
            spot: `${n + 3}号楼电梯`,
            unitId: estate.unitIds[0],
          }),
        ),
      )
      for (const res of together) expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect(new Set(together.map((res) => res.body.assigneeId)).size).toBe(eligible.length)
    } finally {
      await company.admin.request('PUT', `/api/v1/communities/${estate.communityId}/ticket-settings`, {
        reopenOnLowRating: true,
      })
    }
    // Each in turn, then the first again.
    expect(new Set(assignees.slice(0, 2)).size).toBe(2)
    expect(assignees[2]).toBe(assignees[0])
  })
})

describe('paid in-home repair', () => {
  it('quote → owner accepts → work → a charge handed to billing, once', async () => {
    const res = await owner.post('/api/v1/my/tickets', {
      kind: 'repair_home',
      categoryId: categories.plumbing,
      title: '更换热水器',
      unitId: estate.unitIds[0],
    })
    const id = res.body.id
    await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'accept' })
    await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'assign', assigneeId: tech1Id })
    await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'start' })
    const quoted = await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'quote', amountFen: 25_024 })
    expect(quoted.body).toMatchObject({ status: 'quoted', quoteFen: 25_024 })
    expect((await owner.get(`/api/v1/my/tickets/${id}`)).body.allowedActions.sort()).toEqual([
      'accept_quote',
      'decline_quote',
    ])
    expect((await owner.post(`/api/v1/my/tickets/${id}/actions`, { type: 'accept_quote' })).body.status).toBe(
      'in_progress',
    )
    await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'resolve', note: '已更换' })
    await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'reject_fix', reason: '未通电测试' })
    await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'resolve', note: '已测试' })
    const charges = await app.db.owner
      .selectFrom('ticket_charges')
      .selectAll()
      .where('ticket_id', '=', id)
      .execute()
    expect(charges).toHaveLength(1)
    expect(charges[0]).toMatchObject({ amount_fen: '25024', unit_id: estate.unitIds[0], consumed_at: null })
    // A failed fix is made good, not sold again: a second quote is refused rather than never billed.
    await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'reject_fix', reason: '热水器仍漏水' })
    const again = await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'quote', amountFen: 8_000 })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('TICKET_ALREADY_CHARGED')
    expect((await owner.get(`/api/v1/my/tickets/${id}`)).body).toMatchObject({
      status: 'in_progress',
      quoteFen: 25_024,
    })
  })
})

describe('SLA clocks and escalation', () => {
  it('a breach that fell due while no worker ran is raised and escalated when a worker starts', async () => {
    // A worker runs, the ticket is fresh: nothing is due.
    let queue = await startJobQueue(app.deps.config, app.db, quiet, { forceWorkers: true })
    const res = await desk.post('/api/v1/tickets', {
      communityId: estate.communityId,
      channel: 'patrol',
      kind: 'hazard',
      categoryId: categories.lift,
      spot: '1号楼电梯井',
      title: '电梯井积水',
    })
    expect(res.status).toBe(201)
    const id = res.body.id
    await queue.stop()
    // The worker is down while 3 h 5 min pass (the ticket is moved back in time, with a 60-minute arrival
    // target). Its response was met: patrol tickets are accepted as they are registered.
    const past = new Date(Date.now() - (3 * 60 + 5) * 60_000)
    await app.db.owner
      .updateTable('tickets')
      .set({ created_at: past, arrival_minutes: 60, next_check_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute()
    queue = await startJobQueue(app.deps.config, app.db, quiet, { forceWorkers: true })
    try {
      const deadline = Date.now() + 20_000
      let kinds: string[] = []
      while (Date.now() < deadline) {
        const events = await app.db.owner
          .selectFrom('ticket_events')
          .select('kind')
          .where('ticket_id', '=', id)
          .execute()
        kinds = events.map((e) => e.kind)
        if (kinds.filter((k) => k === 'escalate').length >= 2) break
        await new Promise((r) => setTimeout(r, 100))
      }
      // Warning at 48 min, breach after 60 min, level 1 at the breach, level 2 two hours later (3 h 0 min);
      // level 3 (8 h after the breach) is not due.
      expect(kinds.filter((k) => k.startsWith('sla_') || k === 'escalate')).toEqual([
        'sla_warning',
        'sla_breach',
        'escalate',
        'escalate',
      ])
    } finally {
      await queue.stop()
    }
    const ticket = await desk.get(`/api/v1/tickets/${id}`)
    expect(ticket.body).toMatchObject({ escalationLevel: 2, slaState: 'breached' })
    const escalations = ticket.body.events.filter((e: any) => e.kind === 'escalate')
    expect(escalations.map((e: any) => [e.details.level, e.details.orgUnit])).toEqual([
      [1, '花园项目'],
      [2, '上海公司'],
    ])
    const inboxOf = (userId: string) =>
      app.db.owner
        .selectFrom('inbox_items')
        .select(['kind', 'params'])
        .where('user_id', '=', userId)
        .execute()
    expect((await inboxOf(pmId)).map((i) => i.kind)).toEqual(['ticket_escalation'])
    expect((await inboxOf(cityManagerId)).map((i) => i.kind)).toEqual(['ticket_escalation'])
    // A malformed cursor is refused like on every list.
    expect((await desk.get('/api/v1/tickets?cursor=nope')).body.error.code).toBe('COMMON_BAD_CURSOR')
    // Overdue filter on the board.
    const overdue = await desk.get('/api/v1/tickets?overdue=true')
    expect(overdue.body.items.map((t: any) => t.id)).toContain(id)
    // Checking again raises nothing twice.
    await app.db.owner
      .updateTable('tickets')
      .set({ next_check_at: new Date() })
      .where('id', '=', id)
      .execute()
    expect(await sweepSla(app.db)).toBe(0)
    expect(await eventCount(id)).toBe(ticket.body.events.length)
  }, 60_000)
})

describe('monthly report', () => {
  it('reads the rollup the refresh job keeps', async () => {
    // A caller without an account is asked on the phone (回访): their score counts towards satisfaction.
    const call = await desk.post('/api/v1/tickets', {
      communityId: estate.communityId,
      channel: 'phone',
      kind: 'repair_common',
      categoryId: categories.lift,
      spot: '3号楼大堂',
      title: '大堂电梯照明不亮',
      contactName: '王五',
      contactPhone: '13712345678',
    })
    expect(call.status, JSON.stringify(call.body)).toBe(201)
    const id = call.body.id
    await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'assign', assigneeId: tech1Id })
    await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'start' })
    await tech1.post(`/api/v1/tickets/${id}/actions`, { type: 'resolve', note: '已更换灯管' })
    await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'verify' })
    const followed = await desk.post(`/api/v1/tickets/${id}/actions`, { type: 'follow_up', satisfaction: 5 })
    expect(followed.body).toMatchObject({ status: 'closed' })
    await refreshAllDirty(app.db)
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date())
      .slice(0, 7)
    const manager = company.admin
    const res = await manager.get(`/api/v1/ticket-reports?communityId=${estate.communityId}&month=${month}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const total = await app.db.owner
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('community_id', '=', estate.communityId)
      .executeTakeFirstOrThrow()
    // The hazard was backdated by 3 hours: it may fall in the previous month just after midnight on the 1st.
    expect(res.body.total.created).toBeGreaterThanOrEqual(Number(total.n) - 1)
    // The owner's 2 stars and the caller's 5 on the phone.
    expect(res.body.total).toMatchObject({ cancelled: 1, ratings: 2, ratingSum: 7, satisfied: 1 })
    expect(res.body.total.reopened).toBeGreaterThanOrEqual(2)
    expect(res.body.households).toBe(4)
    // Without a month: this month where the community is (Asia/Shanghai), whatever the server's zone.
    const current = await manager.get(`/api/v1/ticket-reports?communityId=${estate.communityId}`)
    expect(current.body).toMatchObject({ month, total: res.body.total })
    expect(res.body.byKind.map((k: any) => k.kind)).toContain('repair_home')
    expect(res.body.total.response.ratePermille).toBe(1000)
    // The desk cannot read reports.
    expect(
      (await desk.get(`/api/v1/ticket-reports?communityId=${estate.communityId}&month=${month}`)).status,
    ).toBe(403)
  })
})

describe('no request is stranded, and each rule is changed only by whom it belongs to', () => {
  const act = (client: ApiClient, id: string, body: Record<string, unknown>) =>
    client.post(`/api/v1/tickets/${id}/actions`, body)

  it('the desk answers a quote for a caller without an account; a quoted ticket can be cancelled', async () => {
    const call = await desk.post('/api/v1/tickets', {
      communityId: estate.communityId,
      channel: 'phone',
      kind: 'repair_home',
      categoryId: categories.plumbing,
      unitId: estate.unitIds[1],
      title: '更换水龙头',
      contactName: '王五',
      contactPhone: '13912340000',
    })
    expect(call.status, JSON.stringify(call.body)).toBe(201)
    const id = call.body.id
    await act(desk, id, { type: 'assign', assigneeId: tech1Id })
    await act(tech1, id, { type: 'start' })
    expect((await act(tech1, id, { type: 'quote', amountFen: 8_000 })).body.status).toBe('quoted')
    // The technician who quoted cannot answer for the caller.
    expect((await act(tech1, id, { type: 'accept_quote' })).body.error.code).toBe('TICKET_NOT_ALLOWED')
    const accepted = await act(desk, id, { type: 'accept_quote', note: '业主电话同意报价' })
    expect(accepted.body.status).toBe('in_progress')
    expect((await act(tech1, id, { type: 'quote', amountFen: 12_000 })).body.status).toBe('quoted')
    const cancelled = await act(desk, id, { type: 'cancel', reason: '业主来电不修了' })
    expect(cancelled.body).toMatchObject({ status: 'cancelled' })
  })

  it('without reopening on low ratings, a 1-star rating closes the ticket flagged for the manager', async () => {
    const settingsUrl = `/api/v1/communities/${estate.communityId}/ticket-settings`
    expect((await company.admin.request('PUT', settingsUrl, { reopenOnLowRating: false })).status).toBe(200)
    try {
      const res = await owner.post('/api/v1/my/tickets', {
        kind: 'repair_home',
        categoryId: categories.plumbing,
        title: '门锁松动',
        unitId: estate.unitIds[0],
      })
      const id = res.body.id
      await act(desk, id, { type: 'accept' })
      await act(desk, id, { type: 'assign', assigneeId: tech1Id })
      await act(tech1, id, { type: 'start' })
      await act(tech1, id, { type: 'resolve', note: '已紧固' })
      await act(desk, id, { type: 'verify' })
      const rated = await owner.post(`/api/v1/my/tickets/${id}/actions`, { type: 'rate', rating: 1 })
      expect(rated.body).toMatchObject({ status: 'closed', flagged: true, rating: 1, reopenCount: 0 })
      const board = await desk.get(`/api/v1/tickets?communityId=${estate.communityId}&flagged=true`)
      expect(board.body.items.map((t: any) => t.id)).toContain(id)
      expect(board.body.items.every((t: any) => t.flagged)).toBe(true)
    } finally {
      await company.admin.request('PUT', settingsUrl, { reopenOnLowRating: true })
    }
  })

  it('a project manager changes their own communities’ rules, not the company’s or another community’s', async () => {
    const { org_unit_id: projectId } = await app.db.owner
      .selectFrom('communities')
      .select('org_unit_id')
      .where('id', '=', estate.communityId)
      .executeTakeFirstOrThrow()
    const pm = (await staff('project_manager', { orgUnitId: projectId! }, projectId!)).client
    const elsewhere = await createSmallEstate(company, 'tk2')
    const policy = { priority: 'normal', responseMinutes: 30, resolutionMinutes: 600 }
    const theirs = await company.admin.post('/api/v1/sla-policies', {
      ...policy,
      communityId: elsewhere.communityId,
    })
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200)

    const companyWide = await pm.post('/api/v1/sla-policies', policy)
    expect([companyWide.status, companyWide.body.error.code]).toEqual([403, 'TICKET_COMPANY_SCOPE_REQUIRED'])
    const category = await pm.post('/api/v1/ticket-categories', {
      code: 'pm_x',
      name: '自建',
      kinds: ['repair_home'],
    })
    expect(category.body.error.code).toBe('TICKET_COMPANY_SCOPE_REQUIRED')
    const rename = await pm.request('PATCH', `/api/v1/ticket-categories/${categories.lift}`, {
      name: '电梯X',
    })
    expect(rename.body.error.code).toBe('TICKET_COMPANY_SCOPE_REQUIRED')
    expect((await pm.request('DELETE', `/api/v1/sla-policies/${theirs.body.id}`)).status).toBe(404)
    expect((await pm.get('/api/v1/sla-policies')).body.map((p: any) => p.id)).not.toContain(theirs.body.id)
    expect((await company.admin.get('/api/v1/sla-policies')).body.map((p: any) => p.id)).toContain(
      theirs.body.id,
    )

    const own = await pm.post('/api/v1/sla-policies', { ...policy, communityId: estate.communityId })
    expect(own.status, JSON.stringify(own.body)).toBe(200)
    expect((await pm.request('DELETE', `/api/v1/sla-policies/${own.body.id}`)).status).toBe(200)
  })

  it('refuses business hours that end before they start, and keeps the settings it had', async () => {
    const url = `/api/v1/communities/${estate.communityId}/ticket-settings`
    const before = (await company.admin.get(url)).body
    const bad = await company.admin.request('PUT', url, { businessStart: '18:00', businessEnd: '09:00' })
    expect(bad.status).toBe(422)
    expect(bad.body.error).toMatchObject({ code: 'TICKET_BUSINESS_HOURS_INVALID' })
    expect(bad.body.error.message).toContain('下班时间须晚于上班时间')
    expect((await company.admin.get(url)).body).toEqual(before)
  })

  it('a kiosk key cannot register a ticket as a phone call (those are accepted on registration)', async () => {
    const role = await company.admin.post('/api/v1/iam/roles', {
      code: 'gate_kiosk',
      name: '自助终端乙',
      permissions: ['tickets.read', 'tickets.create'],
      dataScope: 'company',
    })
    const key = await company.admin.post('/api/v1/iam/api-keys', { name: '东门终端', roleId: role.body.id })
    const kiosk = new ApiClient(app.server, { authorization: `Bearer ${key.body.secret}` })
    const body = {
      communityId: estate.communityId,
      kind: 'repair_common',
      categoryId: categories.lift,
      spot: '东门道闸',
      title: '道闸不抬杆',
    }
    const posing = await kiosk.post('/api/v1/tickets', { ...body, channel: 'phone' })
    expect([posing.status, posing.body.error.code]).toEqual([422, 'TICKET_CHANNEL_NOT_ALLOWED'])
    const honest = await kiosk.post('/api/v1/tickets', { ...body, channel: 'kiosk' })
    expect(honest.body).toMatchObject({ status: 'submitted', channel: 'kiosk' })
  })

  it('an owner sees neither other households’ requests nor whom an escalation reached', async () => {
    const res = await owner.post('/api/v1/my/tickets', {
      kind: 'repair_common',
      categoryId: categories.lift,
      spot: '东门道闸',
      unitId: estate.unitIds[0],
      title: '道闸坏了',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.duplicates).toEqual([])
    const id = res.body.id
    expect((await desk.get(`/api/v1/tickets/${id}`)).body.duplicates.map((d: any) => d.title)).toEqual([
      '道闸不抬杆',
    ])
    const row = await ticketRow(id)
    await app.db.owner
      .insertInto('ticket_events')
      .values({
        tenant_id: row.tenant_id,
        ticket_id: id,
        seq: (await eventCount(id)) + 1,
        kind: 'escalate',
        actor_role: 'system',
        details: JSON.stringify({
          level: 1,
          clock: 'response',
          orgUnit: '花园项目',
          notified: ['项目经理甲'],
        }),
      })
      .execute()
    const ownView = (await owner.get(`/api/v1/my/tickets/${id}`)).body
    expect(ownView.duplicates).toEqual([])
    expect(ownView.events.at(-1)).toMatchObject({
      kind: 'escalate',
      details: { level: 1, clock: 'response' },
    })
    expect(ownView.events.at(-1).details).not.toHaveProperty('notified')
    expect(ownView.events.at(-1).details).not.toHaveProperty('orgUnit')
    const deskView = (await desk.get(`/api/v1/tickets/${id}`)).body
    expect(deskView.events.at(-1).details).toMatchObject({ orgUnit: '花园项目', notified: ['项目经理甲'] })
  })
})
