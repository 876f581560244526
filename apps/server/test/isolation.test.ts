import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app'
import { type Company, createCompany, createSmallEstate, type SmallEstate } from './support/fixtures'

/**
 * Cross-tenant probe: company B's administrator asks for company A's objects by id, through every
 * GET route that takes an id, and through the list filters. Every answer must be 404 or empty.
 */
let app: TestApp
let a: Company
let b: Company
let estateA: SmallEstate

/** What kind of id each parameterised GET route takes; a new route without an entry fails the test. */
const ID_KIND: Record<string, 'community' | 'unit' | 'user' | 'party' | 'role'> = {
  '/api/v1/communities/:id': 'community',
  '/api/v1/communities/:id/buildings': 'community',
  '/api/v1/communities/:id/parking-spaces': 'community',
  '/api/v1/communities/:id/import-template.xlsx': 'community',
  '/api/v1/communities/:id/export.xlsx': 'community',
  '/api/v1/units/:id': 'unit',
  '/api/v1/iam/users/:id': 'user',
}

beforeAll(async () => {
  app = await startTestApp()
  a = await createCompany(app, 'iso-a')
  b = await createCompany(app, 'iso-b')
  estateA = await createSmallEstate(a)
  await createSmallEstate(b)
})
afterAll(() => app.close())

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!

describe('cross-tenant probe', () => {
  it('knows the id kind of every GET route with an id', () => {
    const routes = [...app.server.routePermissions.keys()]
      .filter((r) => r.startsWith('GET /api/v1/') && r.includes(':'))
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
    }
    for (const [route, kind] of Object.entries(ID_KIND)) {
      for (let i = 0; i < 3; i++) {
        const url = route.replace(':id', pick(ids[kind]))
        const res = await b.admin.get(url)
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
    ]
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(404)
    expect((await a.admin.get(`/api/v1/units/${unitId}`)).body).toEqual(before.body)
    expect((await a.admin.get(`/api/v1/communities/${estateA.communityId}`)).body.name).toBe('c1 花园')
  })
})
