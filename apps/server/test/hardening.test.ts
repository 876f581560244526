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

/** Regressions for holes found by review: each case here once answered wrongly. */
let app: TestApp
let company: Company
let estate: SmallEstate

beforeAll(async () => {
  app = await startTestApp({ MEIHAO_LOGIN_RATE_PER_MINUTE: '10000' })
  company = await createCompany(app, 'hard')
  estate = await createSmallEstate(company)
})
afterAll(() => app.close())

async function userWith(roles: Array<Record<string, string>>) {
  const phone = nextPhone()
  const res = await company.admin.post('/api/v1/iam/users', {
    name: '员工',
    phone,
    password: PASSWORD,
    roles,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const api = new ApiClient(app.server)
  expect((await api.login(phone, PASSWORD)).status).toBe(200)
  return { api, phone, userId: res.body.id as string }
}

describe('login lockout', () => {
  it('holds under concurrent wrong guesses', async () => {
    const { phone } = await userWith([])
    const guesses = await Promise.all(
      Array.from({ length: 10 }, () => new ApiClient(app.server).login(phone, 'wrong-password')),
    )
    expect(guesses.every((g) => g.status === 401 || g.status === 423)).toBe(true)
    const right = await new ApiClient(app.server).login(phone, PASSWORD)
    expect(right.status).toBe(423)
    expect(right.body.error.code).toBe('IAM_ACCOUNT_LOCKED')
  })
})

describe('input that once crashed with 500', () => {
  it('refuses zero areas with a validation error', async () => {
    for (const [buildingArea, exclusiveArea] of [
      ['0', '0'],
      ['0.00', '0.00'],
      ['10.00', '0'],
    ]) {
      const res = await company.admin.post('/api/v1/units', {
        buildingId: estate.buildingIds[0],
        code: `z-${buildingArea}-${exclusiveArea}`,
        buildingArea,
        exclusiveArea,
      })
      expect(res.status).toBe(400)
      expect(JSON.stringify(res.body.error.details)).toContain('面积须大于 0')
    }
    const patch = await company.admin.patch(`/api/v1/units/${estate.unitIds[0]}`, { exclusiveArea: '0' })
    expect(patch.status).toBe(400)
  })

  it('refuses crafted and garbage cursors', async () => {
    const crafted = Buffer.from(JSON.stringify(['1-101', 'not-a-uuid'])).toString('base64url')
    for (const cursor of [crafted, 'garbage!!']) {
      const res = await company.admin.get(`/api/v1/units?cursor=${encodeURIComponent(cursor)}`)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('COMMON_BAD_CURSOR')
    }
  })

  it('answers a community under a missing org unit with 422', async () => {
    const missing = '01900000-0000-7000-8000-000000000000'
    const create = await company.admin.post('/api/v1/communities', {
      code: 'orphan',
      name: '孤儿小区',
      divisionCode: '310115',
      orgUnitId: missing,
    })
    expect(create.status).toBe(422)
    expect(create.body.error.code).toBe('ESTATE_ORG_UNIT_NOT_FOUND')
    const update = await company.admin.patch(`/api/v1/communities/${estate.communityId}`, {
      orgUnitId: missing,
    })
    expect(update.status).toBe(422)
  })

  it('answers a role assignment naming a missing community with 422', async () => {
    const res = await company.admin.post('/api/v1/iam/users', {
      name: '员工',
      phone: nextPhone(),
      password: PASSWORD,
      roles: [{ roleId: company.roleIds.service_desk, communityId: '01900000-0000-7000-8000-000000000000' }],
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('COMMON_REFERENCE_NOT_FOUND')
  })
})

describe('data scope on whole-community writes', () => {
  it('a building-scoped manager cannot change the community or add buildings', async () => {
    const role = await company.admin.post('/api/v1/iam/roles', {
      code: 'building_keeper',
      name: '楼栋管家',
      permissions: ['estate.read', 'estate.manage'],
      dataScope: 'building',
    })
    const { api } = await userWith([{ roleId: role.body.id, buildingId: estate.buildingIds[0]! }])
    expect((await api.get(`/api/v1/communities/${estate.communityId}`)).status).toBe(200)
    const rename = await api.patch(`/api/v1/communities/${estate.communityId}`, { name: '改名' })
    expect(rename.status).toBe(404)
    const add = await api.post(`/api/v1/communities/${estate.communityId}/buildings`, {
      code: '9',
      name: '9号楼',
    })
    expect(add.status).toBe(404)
    expect((await company.admin.get(`/api/v1/communities/${estate.communityId}`)).body.name).toBe('c1 花园')
    // Inside the building the grant still works.
    const unit = await api.patch(`/api/v1/units/${estate.unitIds[0]}`, { floor: 2 })
    expect(unit.status).toBe(200)
  })

  it('a project manager cannot move a community out of their subtree', async () => {
    const p1 = await company.admin.post('/api/v1/iam/org-units', {
      parentId: company.groupOrgUnitId,
      kind: 'project',
      name: '项目一',
    })
    const p2 = await company.admin.post('/api/v1/iam/org-units', {
      parentId: company.groupOrgUnitId,
      kind: 'project',
      name: '项目二',
    })
    await company.admin.patch(`/api/v1/communities/${estate.communityId}`, { orgUnitId: p1.body.id })
    const { api } = await userWith([{ roleId: company.roleIds.project_manager!, orgUnitId: p1.body.id }])
    const move = await api.patch(`/api/v1/communities/${estate.communityId}`, { orgUnitId: p2.body.id })
    expect(move.status).toBe(403)
    expect(move.body.error.code).toBe('ESTATE_SCOPE_TOO_NARROW')
    expect((await company.admin.get(`/api/v1/communities/${estate.communityId}`)).body.orgUnitId).toBe(
      p1.body.id,
    )
  })
})

describe('a password reset by an administrator', () => {
  it('must be changed before anything else works', async () => {
    const { phone, userId } = await userWith([{ roleId: company.roleIds.finance! }])
    await company.admin.post(`/api/v1/iam/users/${userId}/reset-password`, { newPassword: 'Reset#2026a' })
    const user = new ApiClient(app.server)
    expect((await user.login(phone, 'Reset#2026a')).status).toBe(200)
    const blocked = await user.get('/api/v1/units')
    expect(blocked.status).toBe(403)
    expect(blocked.body.error.code).toBe('COMMON_PASSWORD_CHANGE_REQUIRED')
    expect((await user.get('/api/v1/auth/me')).body.mustChangePassword).toBe(true)
    const change = await user.post('/api/v1/auth/password', {
      currentPassword: 'Reset#2026a',
      newPassword: 'Mine#2026b',
    })
    expect(change.status).toBe(200)
    expect((await user.get('/api/v1/units')).status).toBe(200)
  })
})

describe('client address', () => {
  it('X-Forwarded-For from an untrusted client does not escape the login rate limit', async () => {
    const limited = await startTestApp({ MEIHAO_LOGIN_RATE_PER_MINUTE: '1' })
    try {
      const attempt = (headers: Record<string, string>) =>
        new ApiClient(limited.server, headers).login('13900000000', 'whatever-password')
      expect((await attempt({})).status).toBe(401)
      expect((await attempt({})).status).toBe(429)
      expect((await attempt({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(429)
    } finally {
      await limited.close()
    }
  })
})

describe('sign-in events are audited', () => {
  it('records login, password change and logout under the user', async () => {
    const { api, userId } = await userWith([{ roleId: company.roleIds.finance! }])
    await api.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'Changed#2026c' })
    await api.post('/api/v1/auth/logout')
    const audit = await company.admin.get(`/api/v1/audit?entityType=user&entityId=${userId}`)
    const actions = audit.body.items.map(
      (e: { action: string; actorId: string | null }) => `${e.action}:${e.actorId}`,
    )
    expect(actions).toEqual(
      expect.arrayContaining([
        `auth.login:${userId}`,
        `auth.password_change:${userId}`,
        `auth.logout:${userId}`,
      ]),
    )
    const failed = await new ApiClient(app.server).login(nextPhone(), 'no-such-account')
    expect(failed.status).toBe(401)
  })
})
