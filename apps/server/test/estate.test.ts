import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, type ApiResponse, startTestApp, type TestApp } from './support/app'
import { type Company, createCompany, createSmallEstate, nextPhone, PASSWORD } from './support/fixtures'

/**
 * The estate registry through the HTTP API: validation, exact areas, masking of personal data,
 * audit, search, paging, ownership history and the resident's own units. Each test builds its own company.
 */
let app: TestApp
beforeAll(async () => {
  app = await startTestApp({ MEIHAO_LOGIN_RATE_PER_MINUTE: '10000' })
})
afterAll(() => app.close())

let companies = 0
const newCompany = () => createCompany(app, `estate-${++companies}`)

const RAW_PHONE = '13812341234'
const RAW_ID = '11010119800101123X'

const TABLES = [
  'communities',
  'buildings',
  'units',
  'parties',
  'unit_ownerships',
  'unit_occupancies',
  'audit_log',
]

/** Row counts of the company's estate tables and audit log, read as the schema owner. */
async function rowCounts(tenantId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of TABLES) {
    const row = await app.db.owner
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

const auditRowsOf = (res: ApiResponse) =>
  app.db.owner
    .selectFrom('audit_log')
    .selectAll()
    .where('request_id', '=', String(res.headers['x-request-id']))
    .execute()

const unitInput = (buildingId: string, code: string, buildingArea = '89.37', exclusiveArea = '72.10') => ({
  buildingId,
  code,
  buildingArea,
  exclusiveArea,
})

async function addParty(
  api: ApiClient,
  name: string,
  phone: string | null = null,
  idNumber: string | null = null,
) {
  const res = await api.post('/api/v1/parties', { name, phone, idNumber })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id as string
}

async function addStaff(company: Company, roleCode: string, target: Record<string, string> = {}) {
  const phone = nextPhone()
  const res = await company.admin.post('/api/v1/iam/users', {
    name: '员工',
    phone,
    password: PASSWORD,
    roles: [{ roleId: company.roleIds[roleCode], ...target }],
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const api = new ApiClient(app.server)
  expect((await api.login(phone, PASSWORD, company.code)).status).toBe(200)
  return { id: res.body.id as string, phone, api }
}

const validationMessage = (res: ApiResponse, path: string) =>
  (res.body.error.details as Array<{ path: string; message: string }>).find((d) => d.path === path)?.message

describe('registering communities, buildings and units', () => {
  it('answers bad input with Chinese messages and stores nothing', async () => {
    const company = await newCompany()
    const api = company.admin
    const estate = await createSmallEstate(company)
    const building = estate.buildingIds[0]!
    const before = await rowCounts(company.tenantId)

    const badDivision = await api.post('/api/v1/communities', {
      code: 'x1',
      name: '某苑',
      divisionCode: '31011',
    })
    expect(badDivision.status).toBe(400)
    expect(badDivision.body.error.code).toBe('COMMON_VALIDATION_FAILED')
    expect(badDivision.body.error.message).toBe('请求参数不正确')
    expect(validationMessage(badDivision, 'divisionCode')).toBe('行政区划代码须为 6 位数字（GB/T 2260）')

    const badCode = await api.post('/api/v1/communities', {
      code: 'a b',
      name: '某苑',
      divisionCode: '310115',
    })
    expect(validationMessage(badCode, 'code')).toBe('编码只能包含字母、数字、- 和 _')

    const badZone = await api.post('/api/v1/communities', {
      code: 'x2',
      name: '某苑',
      divisionCode: '310115',
      timeZone: 'Mars/Olympus',
    })
    expect(badZone.status).toBe(422)
    expect(badZone.body.error).toEqual({
      code: 'ESTATE_TIME_ZONE_INVALID',
      message: '时区“Mars/Olympus”无效',
    })

    for (const area of ['89.375', '-1', '1e3', '89.', '.5', '1,000.00', '12345678901']) {
      const res = await api.post('/api/v1/units', unitInput(building, 'x-1', area, '1.00'))
      expect(res.status, area).toBe(400)
      expect(validationMessage(res, 'buildingArea'), area).toBe('面积须为最多两位小数的数字，如 89.37')
    }

    const tooLarge = await api.post('/api/v1/units', unitInput(building, 'x-2', '89.37', '89.38'))
    expect(tooLarge.status).toBe(422)
    expect(tooLarge.body.error).toEqual({
      code: 'ESTATE_EXCLUSIVE_AREA_TOO_LARGE',
      message: '专有部分面积不能大于建筑面积',
    })
    const en = await api.request('POST', '/api/v1/units', unitInput(building, 'x-3', '1.00', '2.00'), {
      'accept-language': 'en-US',
    })
    expect(en.body.error.message).toBe('The exclusive area cannot exceed the building area')

    const unitBefore = await api.get(`/api/v1/units/${estate.unitIds[0]}`)
    const shrink = await api.patch(`/api/v1/units/${estate.unitIds[0]}`, { buildingArea: '72.09' })
    expect(shrink.status).toBe(422)
    expect(shrink.body.error.code).toBe('ESTATE_EXCLUSIVE_AREA_TOO_LARGE')
    const grow = await api.patch(`/api/v1/units/${estate.unitIds[0]}`, { exclusiveArea: '89.38' })
    expect(grow.body.error.code).toBe('ESTATE_EXCLUSIVE_AREA_TOO_LARGE')
    expect((await api.get(`/api/v1/units/${estate.unitIds[0]}`)).body).toEqual(unitBefore.body)

    const badPhone = await api.post('/api/v1/parties', { name: '赵六', phone: '1381234' })
    expect(validationMessage(badPhone, 'phone')).toBe('手机号须为 1 开头的 11 位数字')
    const badId = await api.post('/api/v1/parties', { name: '赵六', idNumber: '1101011980' })
    expect(validationMessage(badId, 'idNumber')).toBe('身份证号须为 18 位')

    expect(await rowCounts(company.tenantId)).toEqual(before)
  })

  it('refuses duplicate codes with 409 naming the code, and stores nothing', async () => {
    const company = await newCompany()
    const api = company.admin
    const estate = await createSmallEstate(company, 'c1')
    const before = await rowCounts(company.tenantId)

    const community = await api.post('/api/v1/communities', {
      code: 'c1',
      name: '另一个',
      divisionCode: '310115',
    })
    expect(community.status).toBe(409)
    expect(community.body.error).toEqual({
      code: 'ESTATE_COMMUNITY_CODE_TAKEN',
      message: '小区编码“c1”已被使用',
    })

    const building = await api.post(`/api/v1/communities/${estate.communityId}/buildings`, {
      code: '1',
      name: '又一号楼',
    })
    expect(building.status).toBe(409)
    expect(building.body.error).toEqual({
      code: 'ESTATE_BUILDING_CODE_TAKEN',
      message: '楼栋编号“1”在本小区已存在',
    })

    // Unit codes are unique across the whole community, not just the building.
    const unit = await api.post('/api/v1/units', unitInput(estate.buildingIds[1]!, '1-101'))
    expect(unit.status).toBe(409)
    expect(unit.body.error).toEqual({ code: 'ESTATE_UNIT_CODE_TAKEN', message: '房号“1-101”在本小区已存在' })

    expect(await rowCounts(company.tenantId)).toEqual(before)

    // The same codes are free in another community.
    const other = await createSmallEstate(company, 'c2')
    expect(other.unitIds).toHaveLength(4)
  })

  it('keeps areas as exact decimal strings', async () => {
    const company = await newCompany()
    const api = company.admin
    const estate = await createSmallEstate(company)
    const building = estate.buildingIds[0]!
    const cases: Array<[string, string, string, string]> = [
      ['0.01', '0.01', '0.01', '0.01'],
      ['9999999999.99', '9999999999.98', '9999999999.99', '9999999999.98'],
      ['89.4', '89', '89.40', '89.00'],
      ['0100.5', '100.50', '100.50', '100.50'],
    ]
    for (const [i, [buildingArea, exclusiveArea, shownBuilding, shownExclusive]] of cases.entries()) {
      const created = await api.post(
        '/api/v1/units',
        unitInput(building, `a-${i}`, buildingArea, exclusiveArea),
      )
      expect(created.status, buildingArea).toBe(201)
      expect(created.body).toMatchObject({ buildingArea: shownBuilding, exclusiveArea: shownExclusive })
      const detail = await api.get(`/api/v1/units/${created.body.id}`)
      expect(detail.body).toMatchObject({ buildingArea: shownBuilding, exclusiveArea: shownExclusive })
      const stored = await app.db.owner
        .selectFrom('units')
        .select((eb) => [eb.cast('building_area', 'text').as('b'), eb.cast('exclusive_area', 'text').as('e')])
        .where('id', '=', created.body.id)
        .executeTakeFirstOrThrow()
      expect(stored).toEqual({ b: shownBuilding, e: shownExclusive })
    }
    const listed = await api.get(`/api/v1/units?buildingId=${building}&q=a-`)
    expect(listed.body.items.map((u: { buildingArea: string }) => u.buildingArea)).toEqual(
      cases.map((c) => c[2]),
    )

    const changed = await api.patch(`/api/v1/units/${estate.unitIds[0]}`, {
      buildingArea: '120.5',
      exclusiveArea: '120.5',
    })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({ buildingArea: '120.50', exclusiveArea: '120.50' })
  })
})

describe('personal data', () => {
  /** A unit whose owner has the well-known phone and ID; returns what the test needs to look for. */
  async function ownedUnit(company: Company) {
    const api = company.admin
    const estate = await createSmallEstate(company)
    const partyId = await addParty(api, '钱七', RAW_PHONE, RAW_ID.toLowerCase())
    const ownership = await api.post(`/api/v1/units/${estate.unitIds[1]}/ownerships`, {
      partyId,
      startDate: '2015-03-01',
    })
    const occupancy = await api.post(`/api/v1/units/${estate.unitIds[1]}/occupancies`, {
      partyId,
      relation: 'owner',
      startDate: '2015-03-01',
    })
    expect(ownership.status).toBe(201)
    expect(occupancy.status).toBe(201)
    return { estate, partyId, unitId: estate.unitIds[1]!, writes: [ownership, occupancy] }
  }

  it('shows owners masked in every response and never the raw phone or ID, nor their ciphertext', async () => {
    const company = await newCompany()
    const api = company.admin
    const { estate, partyId, unitId, writes } = await ownedUnit(company)

    const detail = await api.get(`/api/v1/units/${unitId}`)
    expect(detail.status).toBe(200)
    expect(detail.body.ownerNames).toEqual(['钱七'])
    expect(detail.body.ownerships[0].party).toEqual({
      id: partyId,
      kind: 'person',
      name: '钱七',
      phoneMasked: '138****1234',
      idNumberMasked: '110101********123X',
    })
    expect(detail.body.occupancies[0].party.phoneMasked).toBe('138****1234')

    const desk = await addStaff(company, 'service_desk', { communityId: estate.communityId })
    const byPhone = await api.get(`/api/v1/units?q=${RAW_PHONE}`)
    expect(byPhone.body.items.map((u: { id: string }) => u.id)).toEqual([unitId])
    const partyByPhone = await api.get(`/api/v1/parties?q=${RAW_PHONE}`)
    expect(partyByPhone.body.items.map((p: { id: string }) => p.id)).toEqual([partyId])
    const responses = [
      ...writes,
      detail,
      byPhone,
      partyByPhone,
      await api.get('/api/v1/units'),
      await api.get('/api/v1/parties?q=钱'),
      await api.get('/api/v1/audit?limit=200'),
      await desk.api.get(`/api/v1/units/${unitId}`),
      await desk.api.get(`/api/v1/parties?q=${RAW_PHONE}`),
    ]
    const stored = await app.db.owner
      .selectFrom('parties')
      .selectAll()
      .where('id', '=', partyId)
      .executeTakeFirstOrThrow()
    const secrets = [
      RAW_PHONE,
      RAW_ID,
      RAW_ID.toLowerCase(),
      stored.phone_enc,
      stored.id_number_enc,
      stored.phone_hash,
    ]
    for (const res of responses) {
      expect(res.status).toBeLessThan(300)
      const text = JSON.stringify(res.body)
      for (const secret of secrets) expect(text).not.toContain(secret)
    }
    // At rest: the row and the audit trail hold no plain values either.
    const audit = await app.db.owner
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', company.tenantId)
      .execute()
    for (const text of [JSON.stringify(stored), JSON.stringify(audit)]) {
      expect(text).not.toContain(RAW_PHONE)
      expect(text.toUpperCase()).not.toContain(RAW_ID)
    }
  })

  it('reveals the raw value to a holder of pii.reveal and audits it', async () => {
    const company = await newCompany()
    const api = company.admin
    const { partyId } = await ownedUnit(company)
    const phone = await api.post(`/api/v1/parties/${partyId}/reveal`, { field: 'phone' })
    expect(phone.status).toBe(200)
    expect(phone.body).toEqual({ value: RAW_PHONE })
    const id = await api.post(`/api/v1/parties/${partyId}/reveal`, { field: 'idNumber' })
    expect(id.body).toEqual({ value: RAW_ID })
    for (const [res, field] of [
      [phone, 'phone'],
      [id, 'idNumber'],
    ] as const) {
      const rows = await auditRowsOf(res)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({
        action: 'party.reveal',
        entity_type: 'party',
        entity_id: partyId,
        actor_kind: 'user',
        actor_id: company.adminUserId,
      })
      expect(rows[0]!.after).toEqual({ field })
      expect(JSON.stringify(rows[0])).not.toContain(RAW_PHONE)
    }
    const nobody = await addParty(api, '孙八')
    expect((await api.post(`/api/v1/parties/${nobody}/reveal`, { field: 'phone' })).body).toEqual({
      value: null,
    })
  })

  it('refuses reveal with 403 to a user without pii.reveal, and audits nothing', async () => {
    const company = await newCompany()
    const { estate, partyId } = await ownedUnit(company)
    const desk = await addStaff(company, 'service_desk', { communityId: estate.communityId })
    const before = await rowCounts(company.tenantId)
    const res = await desk.api.post(`/api/v1/parties/${partyId}/reveal`, { field: 'phone' })
    expect(res.status).toBe(403)
    expect(res.body.error).toEqual({ code: 'COMMON_FORBIDDEN', message: '没有执行此操作的权限' })
    expect(JSON.stringify(res.body)).not.toContain(RAW_PHONE)
    expect(await rowCounts(company.tenantId)).toEqual(before)
  })
})

describe('audit', () => {
  it('every estate mutation writes exactly one audit record with its request id; refused ones write none', async () => {
    const company = await newCompany()
    const api = company.admin
    const community = await api.request(
      'POST',
      '/api/v1/communities',
      { code: 'aud', name: '审计苑', divisionCode: '310115' },
      { 'x-request-id': 'test-request-0001' },
    )
    expect(community.headers['x-request-id']).toBe('test-request-0001')
    const communityId = community.body.id
    const building = await api.post(`/api/v1/communities/${communityId}/buildings`, {
      code: '1',
      name: '1号楼',
    })
    const unit = await api.post('/api/v1/units', unitInput(building.body.id, '1-101'))
    const party = await api.post('/api/v1/parties', { name: '周九', phone: RAW_PHONE })
    const ownership = await api.post(`/api/v1/units/${unit.body.id}/ownerships`, {
      partyId: party.body.id,
      startDate: '2014-06-01',
    })
    const occupancy = await api.post(`/api/v1/units/${unit.body.id}/occupancies`, {
      partyId: party.body.id,
      relation: 'family',
      startDate: '2014-06-01',
    })
    const steps: Array<[ApiResponse, string, string | undefined]> = [
      [community, 'community.create', communityId],
      [
        await api.patch(`/api/v1/communities/${communityId}`, { name: '审计新苑' }),
        'community.update',
        communityId,
      ],
      [building, 'building.create', building.body.id],
      [unit, 'unit.create', unit.body.id],
      [await api.patch(`/api/v1/units/${unit.body.id}`, { floor: 1 }), 'unit.update', unit.body.id],
      [party, 'party.create', party.body.id],
      [ownership, 'ownership.create', unit.body.id],
      [occupancy, 'occupancy.create', unit.body.id],
      [
        await api.post(`/api/v1/ownerships/${ownership.body.id}/end`, { endDate: '2020-01-01' }),
        'ownership.end',
        unit.body.id,
      ],
      [
        await api.post(`/api/v1/occupancies/${occupancy.body.id}/end`, { endDate: '2020-01-01' }),
        'occupancy.end',
        unit.body.id,
      ],
      [
        await api.post(`/api/v1/parties/${party.body.id}/reveal`, { field: 'phone' }),
        'party.reveal',
        party.body.id,
      ],
    ]
    for (const [res, action, entityId] of steps) {
      expect(res.status, action).toBeLessThan(300)
      const rows = await auditRowsOf(res)
      expect(rows.map((r) => r.action)).toEqual([action])
      expect(rows[0]).toMatchObject({
        entity_id: entityId,
        actor_kind: 'user',
        actor_id: company.adminUserId,
        request_id: res.headers['x-request-id'],
      })
    }
    const refused = [
      await api.post('/api/v1/communities', { code: 'aud', name: '重复', divisionCode: '310115' }),
      await api.post('/api/v1/units', unitInput(building.body.id, '1-102', '10.00', '11.00')),
      await api.post(`/api/v1/ownerships/${ownership.body.id}/end`, { endDate: '2021-01-01' }),
    ]
    for (const res of refused) {
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(await auditRowsOf(res)).toEqual([])
    }
  })
})

describe('search and paging', () => {
  it('finds units by unit-code prefix, current owner or occupant name prefix, and full mobile number', async () => {
    const company = await newCompany()
    const api = company.admin
    const estate = await createSmallEstate(company)
    const [u1101, u1102, u2101, u2102] = estate.unitIds as [string, string, string, string]
    const liPhone = nextPhone()
    const li = await addParty(api, '李四', liPhone)
    await api.post(`/api/v1/units/${u2102}/occupancies`, {
      partyId: li,
      relation: 'family',
      startDate: '2016-01-01',
    })
    const search = async (q: string) =>
      ((await api.get(`/api/v1/units?q=${encodeURIComponent(q)}`)).body.items as Array<{ id: string }>).map(
        (u) => u.id,
      )

    expect(await search('1-')).toEqual([u1101, u1102])
    expect(await search('2-10')).toEqual([u2101, u2102])
    expect(await search('2-101')).toEqual([u2101])
    expect(await search('张')).toEqual([u1101])
    expect(await search('张三')).toEqual([u1101])
    expect(await search('李')).toEqual([u2102])
    expect(await search(estate.ownerPhone)).toEqual([u1101])
    expect(await search(liPhone)).toEqual([u2102])
    expect(await search(nextPhone())).toEqual([])
    // A partial phone is not a phone search, and LIKE wildcards are plain characters.
    expect(await search(estate.ownerPhone.slice(0, 7))).toEqual([])
    expect(await search('%')).toEqual([])
    expect(await search('_-101')).toEqual([])

    // A former owner no longer finds the unit.
    const detail = await api.get(`/api/v1/units/${u1101}`)
    await api.post(`/api/v1/ownerships/${detail.body.ownerships[0].id}/end`, { endDate: '2020-06-30' })
    expect(await search('张')).toEqual([])
    expect(await search(estate.ownerPhone)).toEqual([])
  })

  it('pages through units by cursor, every unit exactly once, codes repeating across communities', async () => {
    const company = await newCompany()
    const api = company.admin
    const created: string[] = []
    for (const [community, count] of [
      ['p1', 13],
      ['p2', 12],
    ] as const) {
      const c = await api.post('/api/v1/communities', {
        code: community,
        name: `${community} 苑`,
        divisionCode: '310115',
      })
      const b = await api.post(`/api/v1/communities/${c.body.id}/buildings`, { code: '1', name: '1号楼' })
      for (let i = 1; i <= count; i++) {
        const unit = await api.post('/api/v1/units', unitInput(b.body.id, `1-${String(i).padStart(2, '0')}`))
        expect(unit.status).toBe(201)
        created.push(unit.body.id)
      }
    }
    const seen: Array<{ id: string; code: string }> = []
    const sizes: number[] = []
    let cursor: string | null = null
    do {
      const res: ApiResponse = await api.get(
        `/api/v1/units?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
      expect(res.status).toBe(200)
      sizes.push(res.body.items.length)
      seen.push(...res.body.items)
      cursor = res.body.nextCursor
    } while (cursor && sizes.length < 10)
    expect(sizes).toEqual([7, 7, 7, 4])
    expect(seen.map((u) => u.id).sort()).toEqual([...created].sort())
    expect(new Set(seen.map((u) => u.id)).size).toBe(25)
    const order = seen.map((u) => `${u.code}|${u.id}`)
    expect(order).toEqual([...order].sort())
  })
})

describe('ownership history', () => {
  it('ends an ownership as history, refuses an end before the start or a second end', async () => {
    const company = await newCompany()
    const api = company.admin
    const estate = await createSmallEstate(company)
    const unitId = estate.unitIds[0]!
    const li = await addParty(api, '李四')
    const liOwnership = await api.post(`/api/v1/units/${unitId}/ownerships`, {
      partyId: li,
      startDate: '2020-01-01',
    })
    expect(liOwnership.status).toBe(201)
    const again = await api.post(`/api/v1/units/${unitId}/ownerships`, {
      partyId: li,
      startDate: '2021-01-01',
    })
    expect(again.status).toBe(409)
    expect(again.body.error).toEqual({ code: 'ESTATE_ALREADY_OWNER', message: '该当事人已是此房屋的业主' })

    const before = await api.get(`/api/v1/units/${unitId}`)
    expect([...before.body.ownerNames].sort()).toEqual(['张三', '李四'].sort())
    const zhang = before.body.ownerships.find(
      (o: { party: { id: string } }) => o.party.id === estate.ownerPartyId,
    )

    const early = await api.post(`/api/v1/ownerships/${zhang.id}/end`, { endDate: '2014-05-31' })
    expect(early.status).toBe(422)
    expect(early.body.error).toEqual({
      code: 'ESTATE_END_BEFORE_START',
      message: '结束日期不能早于开始日期 2014-06-01',
    })
    expect((await api.get(`/api/v1/units/${unitId}`)).body).toEqual(before.body)

    const ended = await api.post(`/api/v1/ownerships/${zhang.id}/end`, { endDate: '2019-12-31' })
    expect(ended.status).toBe(200)
    const after = await api.get(`/api/v1/units/${unitId}`)
    expect(after.body.ownerNames).toEqual(['李四'])
    expect(after.body.ownerships).toHaveLength(2)
    expect(after.body.ownerships.find((o: { id: string }) => o.id === zhang.id)).toMatchObject({
      startDate: '2014-06-01',
      endDate: '2019-12-31',
    })
    expect(after.body.ownerships.find((o: { id: string }) => o.id === liOwnership.body.id).endDate).toBeNull()

    const twice = await api.post(`/api/v1/ownerships/${zhang.id}/end`, { endDate: '2020-12-31' })
    expect(twice.status).toBe(409)
    expect(twice.body.error).toEqual({ code: 'ESTATE_ALREADY_ENDED', message: '该记录已于 2019-12-31 结束' })

    const missing = await api.post(`/api/v1/occupancies/${zhang.id}/end`, { endDate: '2020-12-31' })
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('ESTATE_OCCUPANCY_NOT_FOUND')

    // A former owner may become an owner again: a new record, the old one stays.
    const back = await api.post(`/api/v1/units/${unitId}/ownerships`, {
      partyId: estate.ownerPartyId,
      startDate: '2022-01-01',
    })
    expect(back.status).toBe(201)
    const latest = await api.get(`/api/v1/units/${unitId}`)
    expect(latest.body.ownerships).toHaveLength(3)
    expect([...latest.body.ownerNames].sort()).toEqual(['张三', '李四'].sort())
  })
})

describe('my units', () => {
  it('lists exactly the current units of the resident whose account is linked to a party', async () => {
    const company = await newCompany()
    const api = company.admin
    const estate = await createSmallEstate(company)
    const [u1101, u1102, u2101, u2102] = estate.unitIds as [string, string, string, string]
    const phone = nextPhone()
    const resident = await api.post('/api/v1/iam/users', {
      name: '王五',
      phone,
      password: PASSWORD,
      roles: [{ roleId: company.roleIds.owner }],
    })
    expect(resident.status).toBe(201)
    const wang = await addParty(api, '王五', phone)
    await api.post(`/api/v1/units/${u1102}/ownerships`, { partyId: wang, startDate: '2014-06-01' })
    await api.post(`/api/v1/units/${u1102}/occupancies`, {
      partyId: wang,
      relation: 'owner',
      startDate: '2014-06-01',
    })
    await api.post(`/api/v1/units/${u2101}/occupancies`, {
      partyId: wang,
      relation: 'tenant',
      startDate: '2019-01-01',
    })
    const former = await api.post(`/api/v1/units/${u2102}/ownerships`, {
      partyId: wang,
      startDate: '2014-06-01',
    })
    await api.post(`/api/v1/ownerships/${former.body.id}/end`, { endDate: '2018-12-31' })

    const account = await app.db.owner
      .selectFrom('accounts')
      .select('id')
      .where('phone_hash', '=', app.deps.pii.lookupHash('phone', phone))
      .executeTakeFirstOrThrow()
    await app.db.owner.updateTable('parties').set({ account_id: account.id }).where('id', '=', wang).execute()

    const me = new ApiClient(app.server)
    expect((await me.login(phone, PASSWORD)).status).toBe(200)
    const mine = await me.get('/api/v1/me/units')
    expect(mine.status).toBe(200)
    const byCode = [...mine.body].sort((a: { code: string }, b: { code: string }) =>
      a.code.localeCompare(b.code),
    )
    expect(byCode).toEqual([
      {
        id: u1102,
        communityId: estate.communityId,
        communityName: 'c1 花园',
        buildingCode: '1',
        code: '1-102',
        buildingArea: '89.37',
        relation: 'owner',
      },
      {
        id: u2101,
        communityId: estate.communityId,
        communityName: 'c1 花园',
        buildingCode: '2',
        code: '2-101',
        buildingArea: '89.37',
        relation: 'tenant',
      },
    ])
    expect(mine.body.map((u: { id: string }) => u.id)).not.toContain(u1101)

    // A resident sees no staff lists, and another resident without a linked party sees nothing.
    const staffList = await me.get('/api/v1/units')
    expect(staffList.status).toBe(403)
    expect(staffList.body.error.code).toBe('COMMON_FORBIDDEN')
    const otherPhone = nextPhone()
    await api.post('/api/v1/iam/users', {
      name: '路人',
      phone: otherPhone,
      password: PASSWORD,
      roles: [{ roleId: company.roleIds.owner }],
    })
    const other = new ApiClient(app.server)
    await other.login(otherPhone, PASSWORD)
    expect((await other.get('/api/v1/me/units')).body).toEqual([])
  })
})

describe('references that do not exist', () => {
  it('answers 404 for unknown units, buildings, parties and records, and changes nothing', async () => {
    const company = await newCompany()
    const api = company.admin
    const estate = await createSmallEstate(company)
    const unknown = '01900000-0000-7000-8000-000000000000'
    const before = await rowCounts(company.tenantId)
    const cases: Array<[Promise<ApiResponse>, string]> = [
      [api.get(`/api/v1/units/${unknown}`), 'ESTATE_UNIT_NOT_FOUND'],
      [api.get(`/api/v1/communities/${unknown}`), 'ESTATE_COMMUNITY_NOT_FOUND'],
      [api.post('/api/v1/units', unitInput(unknown, '9-9')), 'ESTATE_BUILDING_NOT_FOUND'],
      [
        api.post(`/api/v1/communities/${unknown}/buildings`, { code: '9', name: '9' }),
        'ESTATE_COMMUNITY_NOT_FOUND',
      ],
      [
        api.post(`/api/v1/units/${estate.unitIds[0]}/ownerships`, {
          partyId: unknown,
          startDate: '2020-01-01',
        }),
        'ESTATE_PARTY_NOT_FOUND',
      ],
      [
        api.post(`/api/v1/units/${unknown}/ownerships`, {
          partyId: estate.ownerPartyId,
          startDate: '2020-01-01',
        }),
        'ESTATE_UNIT_NOT_FOUND',
      ],
      [
        api.post(`/api/v1/ownerships/${unknown}/end`, { endDate: '2020-01-01' }),
        'ESTATE_OWNERSHIP_NOT_FOUND',
      ],
      [api.post(`/api/v1/parties/${unknown}/reveal`, { field: 'phone' }), 'ESTATE_PARTY_NOT_FOUND'],
    ]
    for (const [pending, code] of cases) {
      const res = await pending
      expect(res.status, code).toBe(404)
      expect(res.body.error.code).toBe(code)
    }
    expect(await rowCounts(company.tenantId)).toEqual(before)
  })
})

describe('PATCH changes only what it is sent', () => {
  it('keeps every field of a community and a unit that the body leaves out', async () => {
    const company = await newCompany()
    const api = company.admin
    const estate = await createSmallEstate(company)
    const set = await api.patch(`/api/v1/communities/${estate.communityId}`, {
      serviceGrade: 1,
      chargingModel: 'commission',
      parkingInVoteArea: true,
    })
    expect(set.status).toBe(200)
    const renamed = await api.patch(`/api/v1/communities/${estate.communityId}`, { name: '新名字花园' })
    expect(renamed.body).toMatchObject({
      name: '新名字花园',
      serviceGrade: 1,
      chargingModel: 'commission',
      parkingInVoteArea: true,
      timeZone: 'Asia/Shanghai',
    })
    const unit = estate.unitIds[0]!
    await api.patch(`/api/v1/units/${unit}`, {
      sold: false,
      use: 'commercial',
      exclusiveAreaSource: 'surveyed',
    })
    const resized = await api.patch(`/api/v1/units/${unit}`, { buildingArea: '95.00' })
    expect(resized.body).toMatchObject({
      buildingArea: '95.00',
      sold: false,
      use: 'commercial',
      exclusiveAreaSource: 'surveyed',
    })
  })
})
