import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, type ApiResponse, startTestApp, type TestApp } from './support/app'
import {
  type Company,
  createCompany,
  createSmallEstate,
  nextPhone,
  PASSWORD,
  type SmallEstate,
} from './support/fixtures'

/**
 * Data scope: what each role assignment reaches. A company with an org tree 集团 → 上海公司 → 项目一/项目二,
 * community c1 in 项目一 and c2 in 项目二, and one signed-in user per kind of scope.
 */
let app: TestApp
beforeAll(async () => {
  app = await startTestApp({ MEIHAO_LOGIN_RATE_PER_MINUTE: '10000' })
})
afterAll(() => app.close())

interface World {
  company: Company
  city: string
  project1: string
  project2: string
  c1: SmallEstate
  c2: SmallEstate
  keeperRoleId: string
  /** 客服: community scope on c1. */
  desk: ApiClient
  /** 项目经理: org-unit scope on 项目一. */
  manager: ApiClient
  /** 项目经理 on the city company: reaches both projects. */
  cityManager: ApiClient
  /** A custom role (estate.read) with building scope on c1's building 1. */
  keeper: ApiClient
}

let worlds = 0

async function orgUnit(company: Company, parentId: string, kind: 'city' | 'project', name: string) {
  const res = await company.admin.post('/api/v1/iam/org-units', { parentId, kind, name })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id as string
}

async function signedInUser(company: Company, roles: Array<Record<string, string>>) {
  const phone = nextPhone()
  const res = await company.admin.post('/api/v1/iam/users', {
    name: '员工',
    phone,
    password: PASSWORD,
    roles,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const api = new ApiClient(app.server)
  expect((await api.login(phone, PASSWORD, company.code)).status).toBe(200)
  return api
}

async function buildWorld(): Promise<World> {
  const company = await createCompany(app, `scope-${++worlds}`)
  const admin = company.admin
  const city = await orgUnit(company, company.groupOrgUnitId, 'city', '上海公司')
  const project1 = await orgUnit(company, city, 'project', '项目一')
  const project2 = await orgUnit(company, city, 'project', '项目二')
  const c1 = await createSmallEstate(company, 'c1')
  const c2 = await createSmallEstate(company, 'c2')
  for (const [estate, project] of [
    [c1, project1],
    [c2, project2],
  ] as const) {
    const res = await admin.patch(`/api/v1/communities/${estate.communityId}`, { orgUnitId: project })
    expect(res.body.orgUnitId).toBe(project)
  }
  const keeperRole = await admin.post('/api/v1/iam/roles', {
    code: 'building_keeper',
    name: '楼栋管家',
    permissions: ['estate.read'],
    dataScope: 'building',
  })
  expect(keeperRole.status).toBe(201)
  const roles = company.roleIds
  return {
    company,
    city,
    project1,
    project2,
    c1,
    c2,
    keeperRoleId: keeperRole.body.id,
    desk: await signedInUser(company, [{ roleId: roles.service_desk!, communityId: c1.communityId }]),
    manager: await signedInUser(company, [{ roleId: roles.project_manager!, orgUnitId: project1 }]),
    cityManager: await signedInUser(company, [{ roleId: roles.project_manager!, orgUnitId: city }]),
    keeper: await signedInUser(company, [{ roleId: keeperRole.body.id, buildingId: c1.buildingIds[0]! }]),
  }
}

const ids = (res: ApiResponse) => {
  const items = Array.isArray(res.body) ? res.body : res.body.items
  return (items as Array<{ id: string }>).map((x) => x.id).sort()
}
const sorted = (xs: string[]) => [...xs].sort()

/** The world the read-only tests share; tests that write build their own. */
let world: World
beforeAll(async () => {
  world = await buildWorld()
})

describe('what each scope sees', () => {
  it('each role lists exactly the communities in its scope', async () => {
    const { c1, c2 } = world
    expect(ids(await world.desk.get('/api/v1/communities'))).toEqual([c1.communityId])
    expect(ids(await world.manager.get('/api/v1/communities'))).toEqual([c1.communityId])
    expect(ids(await world.keeper.get('/api/v1/communities'))).toEqual([c1.communityId])
    expect(ids(await world.cityManager.get('/api/v1/communities'))).toEqual(
      sorted([c1.communityId, c2.communityId]),
    )
    expect(ids(await world.company.admin.get('/api/v1/communities'))).toEqual(
      sorted([c1.communityId, c2.communityId]),
    )
  })

  it('each role lists exactly the buildings in its scope', async () => {
    const { c1 } = world
    const url = `/api/v1/communities/${c1.communityId}/buildings`
    expect(ids(await world.desk.get(url))).toEqual(sorted(c1.buildingIds))
    expect(ids(await world.manager.get(url))).toEqual(sorted(c1.buildingIds))
    expect(ids(await world.keeper.get(url))).toEqual([c1.buildingIds[0]])
  })

  it('each role lists exactly the units in its scope, whatever the filters ask for', async () => {
    const { c1, c2 } = world
    const inBuilding1 = c1.unitIds.slice(0, 2)
    expect(ids(await world.desk.get('/api/v1/units'))).toEqual(sorted(c1.unitIds))
    expect(ids(await world.manager.get('/api/v1/units'))).toEqual(sorted(c1.unitIds))
    expect(ids(await world.keeper.get('/api/v1/units'))).toEqual(sorted(inBuilding1))
    expect(ids(await world.cityManager.get('/api/v1/units'))).toEqual(sorted([...c1.unitIds, ...c2.unitIds]))
    for (const api of [world.desk, world.manager, world.keeper]) {
      expect(ids(await api.get(`/api/v1/units?communityId=${c2.communityId}`))).toEqual([])
      expect(ids(await api.get(`/api/v1/units?buildingId=${c2.buildingIds[0]}`))).toEqual([])
      expect(ids(await api.get(`/api/v1/units?q=${c2.ownerPhone}`))).toEqual([])
      expect(ids(await api.get('/api/v1/units?q=2-'))).toEqual(
        api === world.keeper ? [] : sorted(c1.unitIds.filter((_, i) => i >= 2)),
      )
    }
  })

  it('answers 404, not 403, for ids outside the scope', async () => {
    const { c1, c2 } = world
    const outside: Array<[ApiClient, string, string]> = []
    for (const api of [world.desk, world.manager, world.keeper]) {
      outside.push(
        [api, `/api/v1/communities/${c2.communityId}`, 'ESTATE_COMMUNITY_NOT_FOUND'],
        [api, `/api/v1/communities/${c2.communityId}/buildings`, 'ESTATE_COMMUNITY_NOT_FOUND'],
        [api, `/api/v1/units/${c2.unitIds[0]}`, 'ESTATE_UNIT_NOT_FOUND'],
        [api, `/api/v1/units/${c2.unitIds[3]}`, 'ESTATE_UNIT_NOT_FOUND'],
      )
    }
    outside.push([world.keeper, `/api/v1/units/${c1.unitIds[2]}`, 'ESTATE_UNIT_NOT_FOUND'])
    for (const [api, url, code] of outside) {
      const res = await api.get(url)
      expect(res.status, url).toBe(404)
      expect(res.body.error.code, url).toBe(code)
    }
    for (const api of [world.desk, world.manager, world.keeper]) {
      expect((await api.get(`/api/v1/communities/${c1.communityId}`)).status).toBe(200)
      expect((await api.get(`/api/v1/units/${c1.unitIds[0]}`)).status).toBe(200)
    }
  })

  it('reveal reaches only parties of units in scope', async () => {
    const { c1, c2 } = world
    const mine = await world.manager.post(`/api/v1/parties/${c1.ownerPartyId}/reveal`, { field: 'phone' })
    expect(mine.status).toBe(200)
    expect(mine.body.value).toBe(c1.ownerPhone)
    const theirs = await world.manager.post(`/api/v1/parties/${c2.ownerPartyId}/reveal`, { field: 'phone' })
    expect(theirs.status).toBe(404)
    expect(theirs.body.error.code).toBe('ESTATE_PARTY_NOT_FOUND')
    expect(JSON.stringify(theirs.body)).not.toContain(c2.ownerPhone)
    // Party search shows only owners of units in scope.
    expect(ids(await world.desk.get(`/api/v1/parties?q=${c2.ownerPhone}`))).toEqual([])
    expect(ids(await world.desk.get(`/api/v1/parties?q=${c1.ownerPhone}`))).toEqual([c1.ownerPartyId])
  })

  it('answers 403 COMMON_FORBIDDEN when the permission is missing altogether', async () => {
    const { c1 } = world
    const denied: Array<[ApiClient, 'GET' | 'POST' | 'PATCH', string, unknown]> = [
      [world.desk, 'POST', '/api/v1/communities', { code: 'd1', name: '新苑', divisionCode: '310115' }],
      [world.desk, 'GET', '/api/v1/iam/users', undefined],
      [world.desk, 'POST', `/api/v1/parties/${c1.ownerPartyId}/reveal`, { field: 'phone' }],
      [world.keeper, 'PATCH', `/api/v1/units/${c1.unitIds[0]}`, { floor: 2 }],
      [world.manager, 'GET', '/api/v1/iam/users', undefined],
      [
        world.manager,
        'POST',
        '/api/v1/iam/roles',
        { code: 'x_role', name: 'x', permissions: ['estate.read'], dataScope: 'company' },
      ],
    ]
    for (const [api, method, url, body] of denied) {
      const res = await api.request(method, url, body)
      expect(res.status, `${method} ${url}`).toBe(403)
      expect(res.body.error).toEqual({ code: 'COMMON_FORBIDDEN', message: '没有执行此操作的权限' })
    }
  })
})

describe('writing within a scope', () => {
  it('an org-unit manager creates communities only inside their subtree', async () => {
    const w = await buildWorld()
    const input = (code: string, orgUnitId?: string | null) => ({
      code,
      name: `${code} 苑`,
      divisionCode: '310115',
      ...(orgUnitId !== undefined ? { orgUnitId } : {}),
    })
    const countAll = async () => (await w.company.admin.get('/api/v1/communities')).body.items.length
    const before = await countAll()
    for (const body of [input('m2', w.project2), input('m3', w.city), input('m4', null), input('m5')]) {
      const res = await w.manager.post('/api/v1/communities', body)
      expect(res.status, body.code).toBe(403)
      expect(res.body.error).toEqual({
        code: 'ESTATE_SCOPE_TOO_NARROW',
        message: '您的数据范围不允许把小区放在此组织下',
      })
    }
    // A community- or building-scoped role cannot create communities at all.
    const deskManager = await signedInUser(w.company, [
      {
        roleId: (await customRole(w.company, 'desk_manager', 'community')).id,
        communityId: w.c1.communityId,
      },
    ])
    expect((await deskManager.post('/api/v1/communities', input('m6', w.project1))).body.error.code).toBe(
      'ESTATE_SCOPE_TOO_NARROW',
    )
    expect(await countAll()).toBe(before)

    const inside = await w.manager.post('/api/v1/communities', input('m1', w.project1))
    expect(inside.status).toBe(201)
    expect(ids(await w.manager.get('/api/v1/communities'))).toEqual(
      sorted([w.c1.communityId, inside.body.id]),
    )
    const below = await w.cityManager.post('/api/v1/communities', input('m7', w.project2))
    expect(below.status).toBe(201)
  })

  it('an org-unit manager cannot write outside the subtree: 404, and nothing changes', async () => {
    const w = await buildWorld()
    const c2Before = await w.company.admin.get(`/api/v1/communities/${w.c2.communityId}`)
    const attempts = [
      await w.manager.patch(`/api/v1/communities/${w.c2.communityId}`, { name: '被改' }),
      await w.manager.post(`/api/v1/communities/${w.c2.communityId}/buildings`, { code: '9', name: '9号楼' }),
      await w.manager.post('/api/v1/units', {
        buildingId: w.c2.buildingIds[0],
        code: '1-999',
        buildingArea: '1.00',
        exclusiveArea: '1.00',
      }),
      await w.manager.patch(`/api/v1/units/${w.c2.unitIds[0]}`, { floor: 3 }),
      await w.manager.post(`/api/v1/units/${w.c2.unitIds[1]}/ownerships`, {
        partyId: w.c1.ownerPartyId,
        startDate: '2020-01-01',
      }),
    ]
    for (const res of attempts) expect(res.status).toBe(404)
    expect((await w.company.admin.get(`/api/v1/communities/${w.c2.communityId}`)).body).toEqual(c2Before.body)
    expect((await w.company.admin.get(`/api/v1/units/${w.c2.unitIds[1]}`)).body.ownerships).toEqual([])
    // Inside the subtree the same writes go through.
    expect((await w.manager.patch(`/api/v1/units/${w.c1.unitIds[0]}`, { floor: 3 })).status).toBe(200)
    expect(
      (
        await w.manager.post(`/api/v1/communities/${w.c1.communityId}/buildings`, {
          code: '9',
          name: '9号楼',
        })
      ).status,
    ).toBe(201)
  })

  it('a building-scoped manager writes units only in that building', async () => {
    const w = await buildWorld()
    const role = await customRole(w.company, 'building_manager', 'building', ['estate.read', 'estate.manage'])
    const api = await signedInUser(w.company, [{ roleId: role.id, buildingId: w.c1.buildingIds[0]! }])
    const unit = (buildingId: string, code: string) => ({
      buildingId,
      code,
      buildingArea: '50.00',
      exclusiveArea: '40.00',
    })
    expect((await api.post('/api/v1/units', unit(w.c1.buildingIds[0]!, '1-201'))).status).toBe(201)
    const other = await api.post('/api/v1/units', unit(w.c1.buildingIds[1]!, '2-201'))
    expect(other.status).toBe(404)
    expect(other.body.error.code).toBe('ESTATE_BUILDING_NOT_FOUND')
    expect((await api.patch(`/api/v1/units/${w.c1.unitIds[2]}`, { floor: 5 })).status).toBe(404)
    expect((await api.patch(`/api/v1/units/${w.c1.unitIds[0]}`, { floor: 5 })).status).toBe(200)
  })

  it('a change to a role or an assignment takes effect on the next request', async () => {
    const w = await buildWorld()
    const keeperUnit = `/api/v1/units/${w.c1.unitIds[0]}`
    expect((await w.keeper.patch(keeperUnit, { floor: 7 })).status).toBe(403)
    const grant = await w.company.admin.patch(`/api/v1/iam/roles/${w.keeperRoleId}`, {
      permissions: ['estate.read', 'estate.manage'],
    })
    expect(grant.status).toBe(200)
    expect((await w.keeper.patch(keeperUnit, { floor: 7 })).status).toBe(200)

    const users = await w.company.admin.get('/api/v1/iam/users?limit=200')
    const keeperUser = users.body.items.find((u: { roles: Array<{ roleId: string }> }) =>
      u.roles.some((r) => r.roleId === w.keeperRoleId),
    )
    const moved = await w.company.admin.patch(`/api/v1/iam/users/${keeperUser.id}`, {
      roles: [{ roleId: w.keeperRoleId, buildingId: w.c2.buildingIds[0] }],
    })
    expect(moved.status).toBe(200)
    expect(ids(await w.keeper.get('/api/v1/units'))).toEqual(sorted(w.c2.unitIds.slice(0, 2)))
    expect((await w.keeper.get(keeperUnit)).status).toBe(404)
  })
})

async function customRole(
  company: Company,
  code: string,
  dataScope: 'org_unit' | 'community' | 'building',
  permissions = ['estate.read', 'estate.manage'],
) {
  const res = await company.admin.post('/api/v1/iam/roles', { code, name: code, permissions, dataScope })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: string; name: string }
}

describe('role assignments', () => {
  it('refuses an assignment without the target its scope needs, with 422, and creates nobody', async () => {
    const w = await buildWorld()
    const roles = w.company.roleIds
    const cases: Array<[Record<string, string>, string]> = [
      [{ roleId: roles.service_desk! }, '客服'],
      [{ roleId: roles.project_manager! }, '项目经理'],
      [{ roleId: w.keeperRoleId }, '楼栋管家'],
      // A target of another kind does not count.
      [{ roleId: roles.service_desk!, orgUnitId: w.project1 }, '客服'],
      [{ roleId: w.keeperRoleId, communityId: w.c1.communityId }, '楼栋管家'],
    ]
    const usersBefore = (await w.company.admin.get('/api/v1/iam/users?limit=200')).body.items.length
    for (const [assignment, roleName] of cases) {
      const phone = nextPhone()
      const res = await w.company.admin.post('/api/v1/iam/users', {
        name: '新人',
        phone,
        password: PASSWORD,
        roles: [assignment],
      })
      expect(res.status).toBe(422)
      expect(res.body.error.code).toBe('IAM_SCOPE_TARGET_REQUIRED')
      expect(res.body.error.message).toContain(`角色“${roleName}”`)
      const account = await app.db.owner
        .selectFrom('accounts')
        .select('id')
        .where('phone_hash', '=', app.deps.pii.lookupHash('phone', phone))
        .executeTakeFirst()
      expect(account).toBeUndefined()
    }
    expect((await w.company.admin.get('/api/v1/iam/users?limit=200')).body.items.length).toBe(usersBefore)

    // Changing an existing user's roles the same way is refused too, and the old roles stay.
    const users = await w.company.admin.get('/api/v1/iam/users?limit=200')
    const desk = users.body.items.find((u: { roles: Array<{ roleId: string }> }) =>
      u.roles.some((r) => r.roleId === roles.service_desk),
    )
    const res = await w.company.admin.patch(`/api/v1/iam/users/${desk.id}`, {
      roles: [{ roleId: roles.service_desk }],
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('IAM_SCOPE_TARGET_REQUIRED')
    expect((await w.company.admin.get(`/api/v1/iam/users/${desk.id}`)).body.roles).toEqual(desk.roles)
    expect(ids(await w.desk.get('/api/v1/communities'))).toEqual([w.c1.communityId])
  })
})
