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

let app: TestApp
let a: Company
let b: Company
let estate: SmallEstate
let otherEstate: SmallEstate
let estateB: SmallEstate

beforeAll(async () => {
  app = await startTestApp()
  a = await createCompany(app, 'park-a')
  b = await createCompany(app, 'park-b')
  estate = await createSmallEstate(a, 'p1')
  otherEstate = await createSmallEstate(a, 'p2')
  estateB = await createSmallEstate(b, 'p1')
})
afterAll(() => app.close())

const spacesOf = (communityId: string) => `/api/v1/communities/${communityId}/parking-spaces`

/** A user of company A with one role, signed in. */
async function signIn(roleCode: string, scope: Record<string, string> = {}) {
  const phone = nextPhone()
  const created = await a.admin.post('/api/v1/iam/users', {
    name: roleCode,
    phone,
    password: PASSWORD,
    roles: [{ roleId: a.roleIds[roleCode], ...scope }],
  })
  expect(created.status).toBe(201)
  const client = new ApiClient(app.server)
  expect((await client.login(phone, PASSWORD)).status).toBe(200)
  return client
}

async function auditActions(entityType: string) {
  const rows = await app.db.owner
    .selectFrom('audit_log')
    .select(['action', 'entity_id', 'after'])
    .where('tenant_id', '=', a.tenantId)
    .where('entity_type', '=', entityType)
    .execute()
  return rows as { action: string; entity_id: string; after: Record<string, unknown> }[]
}

describe('parking spaces', () => {
  it('creates spaces of every kind and shows the owner name', async () => {
    const owned = await a.admin.post(spacesOf(estate.communityId), {
      code: 'B1-001',
      area: '13.2',
      ownerPartyId: estate.ownerPartyId,
    })
    expect(owned.status).toBe(201)
    expect(owned.body).toEqual({
      id: expect.any(String),
      communityId: estate.communityId,
      code: 'B1-001',
      area: '13.20',
      kind: 'owned',
      ownerName: '张三',
    })
    const rented = await a.admin.post(spacesOf(estate.communityId), {
      code: 'B1-002',
      area: '12.72',
      kind: 'rented',
    })
    expect(rented.status).toBe(201)
    expect(rented.body.ownerName).toBeNull()
    const visitor = await a.admin.post(spacesOf(estate.communityId), {
      code: 'D-01',
      area: '15.90',
      kind: 'public',
    })
    expect(visitor.status).toBe(201)
    const audited = await auditActions('parking_space')
    expect(audited.filter((r) => r.action === 'parking_space.create').map((r) => r.entity_id)).toEqual(
      expect.arrayContaining([owned.body.id, rented.body.id, visitor.body.id]),
    )
  })

  it('refuses a code already used in the community, but not in another one', async () => {
    const again = await a.admin.post(spacesOf(estate.communityId), { code: 'B1-001', area: '13.25' })
    expect(again.status).toBe(409)
    expect(again.body.error).toEqual({
      code: 'ESTATE_PARKING_CODE_TAKEN',
      message: '车位编号“B1-001”在本小区已存在',
    })
    const elsewhere = await a.admin.post(spacesOf(otherEstate.communityId), { code: 'B1-001', area: '13.25' })
    expect(elsewhere.status).toBe(201)
  })

  it('refuses an owner on a public space, and a zero or malformed area', async () => {
    const publicOwned = await a.admin.post(spacesOf(estate.communityId), {
      code: 'D-02',
      area: '13.25',
      kind: 'public',
      ownerPartyId: estate.ownerPartyId,
    })
    expect(publicOwned.status).toBe(422)
    expect(publicOwned.body.error.code).toBe('ESTATE_PUBLIC_PARKING_OWNER')
    for (const area of ['0.00', '13.255']) {
      const bad = await a.admin.post(spacesOf(estate.communityId), { code: 'D-03', area })
      expect(bad.status, area).toBe(400)
      expect(bad.body.error.details[0].path).toBe('area')
    }
  })

  it('lists a community by code, page by page', async () => {
    const first = await a.admin.get(`${spacesOf(estate.communityId)}?limit=2`)
    expect(first.status).toBe(200)
    expect(first.body.items.map((s: { code: string }) => s.code)).toEqual(['B1-001', 'B1-002'])
    expect(first.body.items[0].ownerName).toBe('张三')
    const rest = await a.admin.get(`${spacesOf(estate.communityId)}?limit=2&cursor=${first.body.nextCursor}`)
    expect(rest.body).toEqual({
      items: [expect.objectContaining({ code: 'D-01', kind: 'public' })],
      nextCursor: null,
    })
  })

  it('answers 404 for another company community or owner, and for communities out of scope', async () => {
    expect((await b.admin.get(spacesOf(estate.communityId))).status).toBe(404)
    expect((await b.admin.post(spacesOf(estate.communityId), { code: 'X-1', area: '13.25' })).status).toBe(
      404,
    )
    const foreignOwner = await b.admin.post(spacesOf(estateB.communityId), {
      code: 'X-1',
      area: '13.25',
      ownerPartyId: estate.ownerPartyId,
    })
    expect(foreignOwner.status).toBe(404)
    expect(foreignOwner.body.error.code).toBe('ESTATE_PARTY_NOT_FOUND')

    const desk = await signIn('service_desk', { communityId: otherEstate.communityId })
    expect((await desk.get(spacesOf(estate.communityId))).status).toBe(404)
    expect((await desk.get(spacesOf(otherEstate.communityId))).status).toBe(200)
    expect((await desk.post(spacesOf(otherEstate.communityId), { code: 'X-2', area: '13.25' })).status).toBe(
      403,
    )
  })
})

describe('vehicles', () => {
  let spaceId: string
  let vehicleId: string

  beforeAll(async () => {
    const list = await a.admin.get(spacesOf(estate.communityId))
    spaceId = list.body.items.find((s: { code: string }) => s.code === 'B1-001').id
  })

  it('registers a vehicle on a space, audited, and lists it by party', async () => {
    const created = await a.admin.post('/api/v1/vehicles', {
      plate: '沪A12345',
      partyId: estate.ownerPartyId,
      parkingSpaceId: spaceId,
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      id: expect.any(String),
      plate: '沪A12345',
      partyId: estate.ownerPartyId,
      parkingSpaceId: spaceId,
    })
    vehicleId = created.body.id
    const second = await a.admin.post('/api/v1/vehicles', {
      plate: '沪AD12345',
      partyId: estate.ownerPartyId,
    })
    expect(second.status).toBe(201)
    expect(second.body.parkingSpaceId).toBeNull()

    const list = await a.admin.get(`/api/v1/vehicles?partyId=${estate.ownerPartyId}`)
    expect(list.status).toBe(200)
    expect(list.body.map((v: { plate: string }) => v.plate)).toEqual(['沪A12345', '沪AD12345'])
    const audited = await auditActions('vehicle')
    expect(audited.find((r) => r.entity_id === vehicleId)?.after).toMatchObject({ plate: '沪A12345' })
  })

  it('refuses a plate already registered in the company, to anyone', async () => {
    const other = await a.admin.post('/api/v1/parties', { name: '李四' })
    const res = await a.admin.post('/api/v1/vehicles', { plate: '沪A12345', partyId: other.body.id })
    expect(res.status).toBe(409)
    expect(res.body.error).toEqual({ code: 'ESTATE_PLATE_TAKEN', message: '车牌“沪A12345”已登记' })
    // Another company keeps its own register.
    const elsewhere = await b.admin.post('/api/v1/vehicles', {
      plate: '沪A12345',
      partyId: estateB.ownerPartyId,
    })
    expect(elsewhere.status).toBe(201)
  })

  it('rejects a malformed plate', async () => {
    const res = await a.admin.post('/api/v1/vehicles', { plate: 'SH-12345', partyId: estate.ownerPartyId })
    expect(res.status).toBe(400)
    expect(res.body.error.details[0]).toEqual({ path: 'plate', message: '车牌号格式不正确，如 沪A12345' })
  })

  it('answers 404 for a party or a space outside the caller scope', async () => {
    expect((await b.admin.get(`/api/v1/vehicles?partyId=${estate.ownerPartyId}`)).status).toBe(404)
    const foreignParty = await b.admin.post('/api/v1/vehicles', {
      plate: '沪B54321',
      partyId: estate.ownerPartyId,
    })
    expect(foreignParty.status).toBe(404)
    expect(foreignParty.body.error.code).toBe('ESTATE_PARTY_NOT_FOUND')
    const foreignSpace = await b.admin.post('/api/v1/vehicles', {
      plate: '沪B54321',
      partyId: estateB.ownerPartyId,
      parkingSpaceId: spaceId,
    })
    expect(foreignSpace.status).toBe(404)
    expect(foreignSpace.body.error.code).toBe('ESTATE_PARKING_NOT_FOUND')

    // A project manager of an org unit holding no community reaches neither the owner nor the space.
    const orgUnit = await a.admin.post('/api/v1/iam/org-units', {
      parentId: a.groupOrgUnitId,
      kind: 'city',
      name: '北京城市公司',
    })
    const manager = await signIn('project_manager', { orgUnitId: orgUnit.body.id })
    expect((await manager.get(`/api/v1/vehicles?partyId=${estate.ownerPartyId}`)).status).toBe(404)
    const outOfScope = await manager.post('/api/v1/vehicles', {
      plate: '沪C11111',
      partyId: estate.ownerPartyId,
    })
    expect(outOfScope.status).toBe(404)
    const desk = await signIn('service_desk', { communityId: estate.communityId })
    const seen = await desk.get(`/api/v1/vehicles?partyId=${estate.ownerPartyId}`)
    expect(seen.body.map((v: { id: string }) => v.id)).toContain(vehicleId)
  })

  it('needs a party id to list', async () => {
    expect((await a.admin.get('/api/v1/vehicles')).status).toBe(400)
  })
})
