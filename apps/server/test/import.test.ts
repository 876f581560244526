import { createHash } from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HEADERS } from '../src/modules/estate/import/columns'
import { startTestApp, type TestApp } from './support/app'
import { type Company, createCompany, nextPhone, PASSWORD } from './support/fixtures'

/**
 * Excel/CSV import of units and owners, the template and the export, through the HTTP API: every bad row
 * reported in a dry run that writes nothing, all-or-nothing commits, idempotent re-imports, exact areas,
 * masked exports that re-import unchanged, permissions and data scope.
 */
let app: TestApp
beforeAll(async () => {
  app = await startTestApp({ MEIHAO_LOGIN_RATE_PER_MINUTE: '10000' })
})
afterAll(() => app.close())

type Cell = string | number | Date | null
type Row = Cell[]

/** A signed-in caller that can send and receive files (the shared ApiClient decodes bodies as text). */
interface Session {
  upload(
    communityId: string,
    file: Buffer,
    options?: { dryRun?: boolean; fileName?: string; lang?: string; field?: string },
  ): Promise<Reply>
  download(url: string): Promise<Reply & { file: Buffer }>
}
interface Reply {
  status: number
  body: any
  headers: Record<string, unknown>
}

async function signIn(phone: string, tenantCode: string): Promise<Session> {
  const login = await app.server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { phone, password: PASSWORD, tenantCode },
  })
  expect(login.statusCode, login.body).toBe(200)
  const set = login.headers['set-cookie']
  const cookie = String(Array.isArray(set) ? set[0] : set).split(';')[0]!
  const me = await app.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })
  const csrf = me.json().csrfToken as string
  return {
    async upload(communityId, file, { dryRun = false, fileName = 'units.xlsx', lang, field = 'file' } = {}) {
      const boundary = `----meihao${Date.now()}`
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n',
        ),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ])
      const res = await app.server.inject({
        method: 'POST',
        url: `/api/v1/communities/${communityId}/import?dryRun=${dryRun}`,
        payload,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          ...(lang ? { 'accept-language': lang } : {}),
        },
      })
      return { status: res.statusCode, body: res.json(), headers: res.headers }
    },
    async download(url) {
      const res = await app.server.inject({ method: 'GET', url, headers: { cookie } })
      let body: unknown = null
      try {
        body = res.json()
      } catch {
        // a file
      }
      return { status: res.statusCode, body, headers: res.headers, file: res.rawPayload }
    },
  }
}

async function xlsx(rows: Row[], headers: readonly string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('房屋')
  sheet.addRow([...headers])
  for (const row of rows) {
    const added = sheet.addRow(row)
    added.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd'
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const csvField = (cell: Cell) => {
  const text = cell === null ? '' : String(cell)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
const csv = (rows: Row[]) => [HEADERS, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')

/** A data row in the header's column order; unspecified cells are empty. */
function unit(cells: Partial<Record<(typeof HEADERS)[number], Cell>>): Row {
  return HEADERS.map((h) => cells[h] ?? null)
}

interface World {
  company: Company
  communityId: string
  admin: Session
}

let worlds = 0
async function newWorld(): Promise<World> {
  const company = await createCompany(app, `import-${++worlds}`)
  const community = await company.admin.post('/api/v1/communities', {
    code: `hy${worlds}`,
    name: '和园',
    divisionCode: '310115',
  })
  expect(community.status, JSON.stringify(community.body)).toBe(201)
  return { company, communityId: community.body.id, admin: await signIn(company.adminPhone, company.code) }
}

async function count(table: string, tenantId: string): Promise<number> {
  const row = await app.db.owner
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function estateCounts(tenantId: string) {
  const counts: Record<string, number> = {}
  for (const table of ['buildings', 'units', 'parties', 'unit_ownerships', 'audit_log'])
    counts[table] = await count(table, tenantId)
  return counts
}

const importAudits = (tenantId: string) =>
  app.db.owner
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('action', '=', 'estate.import')
    .orderBy('id')
    .execute()

const day = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** Four units in two buildings: numeric and text areas, a date cell and a text date, co-owners, no owner. */
const GOOD_ROWS = (): Row[] => [
  unit({
    楼栋编号: '1',
    房号: '1-101',
    楼层: 1,
    建筑面积: 89.37,
    专有面积: 72.1,
    交付日期: day('2014-06-01'),
    业主姓名: '张三',
    业主手机: '13900000001',
    业主证件号: '11010119800101123x',
  }),
  unit({
    楼栋编号: '1',
    房号: '1-102',
    楼层: 1,
    建筑面积: '120.5',
    专有面积: '98.04',
    面积来源: '实测',
    交付日期: '2014-06-01',
    业主姓名: '王五、赵六',
    业主手机: '13900000003、13900000004',
    业主证件号: '、110101199001011235',
    产权起始日期: '2015-03-15',
  }),
  unit({
    楼栋编号: 2,
    楼栋名称: '二号楼',
    房号: '2-101',
    楼层: -1,
    建筑面积: 35,
    专有面积: 35,
    用途: '商业',
    是否已售: '否',
  }),
  unit({
    楼栋编号: 2,
    房号: '2-102',
    建筑面积: 0.01,
    专有面积: 0.01,
    用途: '其他',
    业主姓名: '钱七',
    产权起始日期: day('2016-01-01'),
  }),
]

describe('dry run', () => {
  it('reports every bad row with its row and column, counts the good ones and writes nothing', async () => {
    const { company, communityId, admin } = await newWorld()
    const before = await estateCounts(company.tenantId)
    const good = { 楼栋编号: '1', 建筑面积: 80, 专有面积: 70, 交付日期: '2014-06-01' }
    const file = await xlsx([
      unit({ ...good, 房号: '1-101', 业主姓名: '张三', 业主手机: '13900000001' }), // row 2
      unit({ ...good, 房号: '1-102', 建筑面积: 89.375 }), // row 3: three decimals
      unit({ ...good, 房号: '1-103', 建筑面积: 80, 专有面积: 80.01 }), // row 4: exclusive > building
      unit({ ...good, 房号: null }), // row 5: no unit code
      unit({ ...good, 房号: '1-101' }), // row 6: repeats row 2
      unit({ ...good, 房号: '1-104', 业主姓名: '李四', 业主手机: '1390000' }), // row 7: bad phone
      unit({ ...good, 房号: '1-105', 交付日期: '2014-02-30' }), // row 8: no such day
      unit({ ...good, 房号: '1-106', 面积来源: '估算' }), // row 9: unknown area source
      unit({ ...good, 楼栋编号: '2', 房号: '2-101' }), // row 10
    ])
    const res = await admin.upload(communityId, file, { dryRun: true })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '建筑面积'],
      [4, '专有面积'],
      [5, '房号'],
      [6, '房号'],
      [7, '业主手机'],
      [8, '交付日期'],
      [9, '面积来源'],
    ])
    const reasons = Object.fromEntries(
      res.body.errors.map((e: { row: number; reason: string }) => [e.row, e.reason]),
    )
    expect(reasons[3]).toBe('面积最多保留两位小数')
    expect(reasons[4]).toBe('专有面积不能大于建筑面积 80.00')
    expect(reasons[5]).toBe('必填')
    expect(reasons[6]).toBe('房号“1-101”与第 2 行重复')
    expect(reasons[7]).toBe('第 1 位业主的手机号须为 1 开头的 11 位数字')
    expect(reasons[9]).toBe('只能填写：登记、实测、合同')
    expect(res.body).toMatchObject({ dryRun: true, rows: 9, created: 2, updated: 0, unchanged: 0 })
    expect(await estateCounts(company.tenantId)).toEqual(before)
  })

  it('counts what a commit would do, and the commit does exactly that', async () => {
    const { communityId, admin } = await newWorld()
    const file = await xlsx(GOOD_ROWS())
    const dry = await admin.upload(communityId, file, { dryRun: true })
    expect(dry.body).toEqual({ dryRun: true, rows: 4, created: 4, updated: 0, unchanged: 0, errors: [] })
    const done = await admin.upload(communityId, file)
    expect(done.body).toEqual({ ...dry.body, dryRun: false })
  })

  it('refuses a file without the required headers, naming each missing one', async () => {
    const { communityId, admin } = await newWorld()
    const file = await xlsx([['1', '1-101']], ['楼栋编号', '房号', '备注'])
    const res = await admin.upload(communityId, file, { dryRun: true })
    expect(res.body.errors).toEqual([
      { row: 1, column: '建筑面积', reason: '缺少必需的列“建筑面积”' },
      { row: 1, column: '专有面积', reason: '缺少必需的列“专有面积”' },
    ])
  })
})

describe('commit', () => {
  it('creates buildings, units with exact areas, owners with sealed personal data, and one audit record', async () => {
    const { company, communityId, admin } = await newWorld()
    const file = await xlsx(GOOD_ROWS())
    const auditsBefore = await count('audit_log', company.tenantId)
    const res = await admin.upload(communityId, file, { fileName: '房屋.xlsx' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toEqual({ dryRun: false, rows: 4, created: 4, updated: 0, unchanged: 0, errors: [] })

    const buildings = await app.db.owner
      .selectFrom('buildings')
      .select(['code', 'name'])
      .where('community_id', '=', communityId)
      .orderBy('code')
      .execute()
    expect(buildings).toEqual([
      { code: '1', name: '1号楼' },
      { code: '2', name: '二号楼' },
    ])
    const units = await app.db.owner
      .selectFrom('units')
      .select(['code', 'floor', 'exclusive_area_source', 'use', 'delivery_date', 'sold'])
      .select((eb) => [
        eb.cast<string>('building_area', 'text').as('b'),
        eb.cast<string>('exclusive_area', 'text').as('e'),
      ])
      .where('community_id', '=', communityId)
      .orderBy('code')
      .execute()
    expect(units).toEqual([
      {
        code: '1-101',
        floor: 1,
        b: '89.37',
        e: '72.10',
        exclusive_area_source: 'registered',
        use: 'residential',
        delivery_date: '2014-06-01',
        sold: true,
      },
      {
        code: '1-102',
        floor: 1,
        b: '120.50',
        e: '98.04',
        exclusive_area_source: 'surveyed',
        use: 'residential',
        delivery_date: '2014-06-01',
        sold: true,
      },
      {
        code: '2-101',
        floor: -1,
        b: '35.00',
        e: '35.00',
        exclusive_area_source: 'registered',
        use: 'commercial',
        delivery_date: null,
        sold: false,
      },
      {
        code: '2-102',
        floor: null,
        b: '0.01',
        e: '0.01',
        exclusive_area_source: 'registered',
        use: 'other',
        delivery_date: null,
        sold: true,
      },
    ])

    const owners = await app.db.owner
      .selectFrom('unit_ownerships as o')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .innerJoin('parties as p', 'p.id', 'o.party_id')
      .select([
        'u.code',
        'p.name',
        'p.phone_enc',
        'p.phone_hash',
        'p.phone_masked',
        'p.id_number_enc',
        'p.id_number_masked',
        'o.start_date',
      ])
      .where('o.tenant_id', '=', company.tenantId)
      .execute()
    owners.sort((a, b) => a.code.localeCompare(b.code) || (a.name < b.name ? -1 : 1))
    const pii = app.deps.pii
    expect(
      owners.map((o) => ({
        unit: o.code,
        name: o.name,
        phone: o.phone_enc && pii.decrypt(o.phone_enc),
        idNumber: o.id_number_enc && pii.decrypt(o.id_number_enc),
        masked: o.phone_masked,
        start: o.start_date,
      })),
    ).toEqual([
      {
        unit: '1-101',
        name: '张三',
        phone: '13900000001',
        idNumber: '11010119800101123X',
        masked: '139****0001',
        start: '2014-06-01',
      },
      {
        unit: '1-102',
        name: '王五',
        phone: '13900000003',
        idNumber: null,
        masked: '139****0003',
        start: '2015-03-15',
      },
      {
        unit: '1-102',
        name: '赵六',
        phone: '13900000004',
        idNumber: '110101199001011235',
        masked: '139****0004',
        start: '2015-03-15',
      },
      { unit: '2-102', name: '钱七', phone: null, idNumber: null, masked: null, start: '2016-01-01' },
    ])
    expect(owners[0]!.phone_hash).toBe(pii.lookupHash('phone', '13900000001'))
    expect(owners[0]!.id_number_masked).toBe('110101********123X')

    const audits = await importAudits(company.tenantId)
    expect(audits).toHaveLength(1)
    const sha = createHash('sha256').update(file).digest('hex')
    expect(audits[0]).toMatchObject({ actor_kind: 'user', entity_type: 'community', entity_id: communityId })
    expect(audits[0]!.after).toMatchObject({
      fileName: '房屋.xlsx',
      fileSha256: sha,
      rows: 4,
      created: 4,
      buildingsCreated: 2,
      partiesCreated: 4,
      ownershipsCreated: 4,
    })
    // One summary for the import, not a record per row.
    expect(await count('audit_log', company.tenantId)).toBe(auditsBefore + 1)
  })

  it('re-importing the same file changes nothing; a changed area updates exactly one unit', async () => {
    const { company, communityId, admin } = await newWorld()
    const rows = GOOD_ROWS()
    await admin.upload(communityId, await xlsx(rows))
    const before = await estateCounts(company.tenantId)
    const stamps = await app.db.owner
      .selectFrom('units')
      .select(['code', 'updated_at'])
      .where('community_id', '=', communityId)
      .execute()

    const again = await admin.upload(communityId, await xlsx(rows))
    expect(again.body).toEqual({ dryRun: false, rows: 4, created: 0, updated: 0, unchanged: 4, errors: [] })
    expect(await estateCounts(company.tenantId)).toEqual({ ...before, audit_log: before.audit_log! + 1 })
    expect(
      await app.db.owner
        .selectFrom('units')
        .select(['code', 'updated_at'])
        .where('community_id', '=', communityId)
        .execute(),
    ).toEqual(stamps)

    rows[1]![HEADERS.indexOf('建筑面积')] = '120.51'
    const changed = await admin.upload(communityId, await xlsx(rows))
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 3 })
    const area = await app.db.owner
      .selectFrom('units')
      .select((eb) => eb.cast<string>('building_area', 'text').as('a'))
      .where('community_id', '=', communityId)
      .where('code', '=', '1-102')
      .executeTakeFirstOrThrow()
    expect(area.a).toBe('120.51')
    expect(await count('parties', company.tenantId)).toBe(before.parties)
    expect(await count('unit_ownerships', company.tenantId)).toBe(before.unit_ownerships)
  })

  it('matches owners across units by ID number, or phone and name, and adds only missing ownerships', async () => {
    const { company, communityId, admin } = await newWorld()
    await admin.upload(communityId, await xlsx(GOOD_ROWS()))
    const parties = await count('parties', company.tenantId)
    const res = await admin.upload(
      communityId,
      await xlsx([
        // 张三 by ID number (another unit), 王五 by phone + name, a new co-owner 孙八 on 1-101.
        unit({
          楼栋编号: '1',
          房号: '1-201',
          建筑面积: 90,
          专有面积: 80,
          交付日期: '2014-06-01',
          业主姓名: '张三',
          业主证件号: '11010119800101123X',
        }),
        unit({
          楼栋编号: '1',
          房号: '1-202',
          建筑面积: 90,
          专有面积: 80,
          交付日期: '2014-06-01',
          业主姓名: '王五',
          业主手机: '13900000003',
        }),
        unit({
          楼栋编号: '1',
          房号: '1-101',
          楼层: 1,
          建筑面积: 89.37,
          专有面积: 72.1,
          交付日期: '2014-06-01',
          业主姓名: '张三、孙八',
          业主手机: '13900000001、13900000009',
          产权起始日期: '2020-01-01',
        }),
      ]),
    )
    expect(res.body).toMatchObject({ created: 2, updated: 1, unchanged: 0, errors: [] })
    expect(await count('parties', company.tenantId)).toBe(parties + 1)
    const ownersOf101 = await app.db.owner
      .selectFrom('unit_ownerships as o')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .innerJoin('parties as p', 'p.id', 'o.party_id')
      .select(['p.name', 'o.start_date'])
      .where('u.community_id', '=', communityId)
      .where('u.code', '=', '1-101')
      .execute()
    expect(ownersOf101).toHaveLength(2)
    expect(ownersOf101).toEqual(
      expect.arrayContaining([
        { name: '孙八', start_date: '2020-01-01' },
        { name: '张三', start_date: '2014-06-01' },
      ]),
    )
  })

  it('refuses the whole file with 422 and every error when one row is bad, and writes nothing', async () => {
    const { company, communityId, admin } = await newWorld()
    await admin.upload(communityId, await xlsx(GOOD_ROWS()))
    const before = await estateCounts(company.tenantId)
    const rows = [
      ...GOOD_ROWS(),
      unit({ 楼栋编号: '3', 房号: '3-101', 建筑面积: 50, 专有面积: 40 }),
      unit({ 楼栋编号: '3', 房号: '3-102', 建筑面积: 50, 专有面积: 40, 交付日期: 20140601 }),
    ]
    rows[0]![HEADERS.indexOf('建筑面积')] = 89.38
    const res = await admin.upload(communityId, await xlsx(rows))
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('ESTATE_IMPORT_REJECTED')
    expect(res.body.error.message).toBe('1 行数据有误（共 1 处），未导入任何数据')
    expect(res.body.error.details).toMatchObject({
      dryRun: false,
      rows: 6,
      created: 1,
      updated: 1,
      unchanged: 3,
    })
    expect(res.body.error.details.errors).toEqual([
      {
        row: 7,
        column: '交付日期',
        reason: '日期须为 YYYY-MM-DD 格式的有效日期（如 2014-06-01）或 Excel 日期单元格',
      },
    ])
    expect(await estateCounts(company.tenantId)).toEqual(before)
    const area = await app.db.owner
      .selectFrom('units')
      .select((eb) => eb.cast<string>('building_area', 'text').as('a'))
      .where('community_id', '=', communityId)
      .where('code', '=', '1-101')
      .executeTakeFirstOrThrow()
    expect(area.a).toBe('89.37')
  })

  it('refuses what conflicts with the database: a unit in another building, another building name, a clashing ID', async () => {
    const { communityId, admin } = await newWorld()
    await admin.upload(communityId, await xlsx(GOOD_ROWS()))
    const res = await admin.upload(
      communityId,
      await xlsx([
        unit({ 楼栋编号: '2', 房号: '1-101', 建筑面积: 89.37, 专有面积: 72.1 }),
        unit({ 楼栋编号: '2', 楼栋名称: '2号楼', 房号: '2-103', 建筑面积: 50, 专有面积: 40 }),
        unit({
          楼栋编号: '2',
          房号: '2-104',
          建筑面积: 50,
          专有面积: 40,
          交付日期: '2014-06-01',
          业主姓名: '李雷',
          业主证件号: '11010119800101123X',
        }),
        unit({
          楼栋编号: '2',
          房号: '2-105',
          建筑面积: 50,
          专有面积: 40,
          交付日期: '2014-06-01',
          业主姓名: '韩梅梅',
          业主手机: '139****0001',
        }),
        unit({ 楼栋编号: '2', 房号: '2-106', 建筑面积: 50, 专有面积: 40, 业主证件号: 110101198001 }),
      ]),
      { dryRun: true },
    )
    expect(res.body.errors).toEqual([
      { row: 2, column: '房号', reason: '房号“1-101”已登记在楼栋“1”下，不能改到其他楼栋' },
      { row: 3, column: '楼栋名称', reason: '楼栋“2”的名称是“二号楼”，与此处填写的不一致' },
      { row: 4, column: '业主证件号', reason: '第 1 位业主的证件号已登记在“张*”名下，与姓名不符' },
      { row: 5, column: '业主手机', reason: '“韩梅梅”不是此房屋已登记的业主，须填写完整号码（不能带 *）' },
      { row: 6, column: '业主证件号', reason: '证件号须以文本格式填写（数字格式会丢失末几位）' },
    ])
  })
})

describe('files that are not an import sheet', () => {
  it('answers a missing file, an old .xls and a corrupt .xlsx with their own errors', async () => {
    const { company, communityId, admin } = await newWorld()
    const good = await xlsx(GOOD_ROWS())
    const noFile = await admin.upload(communityId, good, { field: 'attachment' })
    expect([noFile.status, noFile.body.error.code]).toEqual([400, 'ESTATE_IMPORT_FILE_MISSING'])
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    const old = await admin.upload(communityId, xls, { fileName: 'units.xls' })
    expect([old.status, old.body.error.code]).toEqual([422, 'ESTATE_IMPORT_XLS_UNSUPPORTED'])
    // Damage the worksheet's compressed bytes (just after its local header's name).
    const corrupt = Buffer.from(good)
    const sheet = corrupt.indexOf('xl/worksheets/sheet1.xml')
    for (let i = sheet + 40; i < sheet + 200; i++) corrupt[i]! ^= 0x5a
    const broken = await admin.upload(communityId, corrupt)
    expect([broken.status, broken.body.error.code]).toEqual([422, 'ESTATE_IMPORT_FILE_UNREADABLE'])
    const truncated = await admin.upload(communityId, good.subarray(0, good.length - 100))
    expect([truncated.status, truncated.body.error.code]).toEqual([422, 'ESTATE_IMPORT_FILE_UNREADABLE'])
    expect(await count('units', company.tenantId)).toBe(0)
  })
})

describe('CSV', () => {
  it('imports UTF-8 with a BOM and GB18030 alike', async () => {
    const { company, communityId, admin } = await newWorld()
    const rows = GOOD_ROWS().map((r) => r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)))
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(rows), 'utf8')])
    const first = await admin.upload(communityId, utf8, { fileName: 'units.csv' })
    expect(first.body).toEqual({ dryRun: false, rows: 4, created: 4, updated: 0, unchanged: 0, errors: [] })

    const gb18030 = Buffer.from(new Uint8Array(encodeGb18030(csv(rows))))
    expect(gb18030.equals(Buffer.from(csv(rows), 'utf8'))).toBe(false)
    const again = await admin.upload(communityId, gb18030, { fileName: 'units.csv' })
    expect(again.body).toEqual({ dryRun: false, rows: 4, created: 0, updated: 0, unchanged: 4, errors: [] })
    const names = await app.db.owner
      .selectFrom('parties')
      .select('name')
      .where('tenant_id', '=', company.tenantId)
      .execute()
    expect(names.map((n) => n.name).sort()).toEqual(['张三', '王五', '赵六', '钱七'].sort())
  })

  it('reports rows of a GB18030 file by their spreadsheet numbers', async () => {
    const { communityId, admin } = await newWorld()
    const text = csv([unit({ 楼栋编号: '1', 房号: '1-101', 建筑面积: '八十', 专有面积: 70 })])
    const res = await admin.upload(communityId, Buffer.from(encodeGb18030(text)), {
      dryRun: true,
      fileName: 'x.csv',
    })
    expect(res.body.errors).toEqual([
      { row: 2, column: '建筑面积', reason: '面积须为大于 0 的数字（单位 m²）' },
    ])
  })
})

describe('template and export', () => {
  it('serves a template whose first sheet has exactly the import headers', async () => {
    const { communityId, admin } = await newWorld()
    const res = await admin.download(`/api/v1/communities/${communityId}/import-template.xlsx`)
    expect(res.status).toBe(200)
    expect(String(res.headers['content-disposition'])).toContain(
      `filename="hy${worlds}-import-template.xlsx"`,
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.file as never)
    const header = workbook.worksheets[0]!.getRow(1).values as unknown[]
    expect(header.slice(1)).toEqual([...HEADERS])
    // The template itself imports as an empty file.
    expect((await admin.upload(communityId, res.file, { dryRun: true })).body).toMatchObject({
      rows: 0,
      errors: [],
    })
  })

  it('exports masked personal data and re-imports unchanged without storing a masked value', async () => {
    const { company, communityId, admin } = await newWorld()
    await admin.upload(communityId, await xlsx(GOOD_ROWS()))
    const before = await estateCounts(company.tenantId)

    const exported = await admin.download(`/api/v1/communities/${communityId}/export.xlsx`)
    expect(exported.status).toBe(200)
    expect(exported.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(String(exported.headers['content-disposition'])).toContain(`filename="hy${worlds}-units.xlsx"`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(exported.file as never)
    const sheet = workbook.worksheets[0]!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS])
    const cells = (row: number) =>
      Object.fromEntries(HEADERS.map((h, i) => [h, sheet.getRow(row).getCell(i + 1).value]))
    expect(cells(3)).toMatchObject({
      房号: '1-102',
      建筑面积: 120.5,
      面积来源: '实测',
      业主姓名: '王五、赵六',
      业主手机: '139****0003、139****0004',
      业主证件号: '、110101********1235',
      产权起始日期: '2015-03-15',
    })
    const everything = JSON.stringify(sheet.getSheetValues())
    for (const secret of ['13900000001', '13900000004', '11010119800101123X', '110101199001011235']) {
      expect(everything).not.toContain(secret)
    }

    const res = await admin.upload(communityId, exported.file)
    expect(res.body).toEqual({ dryRun: false, rows: 4, created: 0, updated: 0, unchanged: 4, errors: [] })
    expect(await estateCounts(company.tenantId)).toEqual({ ...before, audit_log: before.audit_log! + 1 })
    const stored = await app.db.owner
      .selectFrom('parties')
      .select(['phone_enc', 'id_number_enc'])
      .where('tenant_id', '=', company.tenantId)
      .execute()
    for (const p of stored) {
      for (const sealed of [p.phone_enc, p.id_number_enc]) {
        if (sealed) expect(app.deps.pii.decrypt(sealed)).not.toContain('*')
      }
    }
  })

  it('keeps the stored phone when the sheet gives a masked one, and replaces it with a full new one', async () => {
    const { company, communityId, admin } = await newWorld()
    const rows = GOOD_ROWS()
    await admin.upload(communityId, await xlsx(rows))
    const phoneOf张三 = async () => {
      const p = await app.db.owner
        .selectFrom('parties')
        .select('phone_enc')
        .where('tenant_id', '=', company.tenantId)
        .where('name', '=', '张三')
        .executeTakeFirstOrThrow()
      return app.deps.pii.decrypt(p.phone_enc!)
    }
    rows[0]![HEADERS.indexOf('业主手机')] = '139****0001'
    expect((await admin.upload(communityId, await xlsx(rows))).body).toMatchObject({
      updated: 0,
      unchanged: 4,
    })
    expect(await phoneOf张三()).toBe('13900000001')
    rows[0]![HEADERS.indexOf('业主手机')] = '13700000001'
    expect((await admin.upload(communityId, await xlsx(rows))).body).toMatchObject({
      updated: 1,
      unchanged: 3,
    })
    expect(await phoneOf张三()).toBe('13700000001')
  })
})

describe('who may import', () => {
  async function staff(company: Company, roles: Array<Record<string, string>>) {
    const phone = nextPhone()
    const res = await company.admin.post('/api/v1/iam/users', {
      name: '员工',
      phone,
      password: PASSWORD,
      roles,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return signIn(phone, company.code)
  }

  it('answers 403 without estate.import and 404 for another company community', async () => {
    const a = await newWorld()
    const b = await newWorld()
    const file = await xlsx(GOOD_ROWS())
    const desk = await staff(a.company, [
      { roleId: a.company.roleIds.service_desk!, communityId: a.communityId },
    ])
    expect((await desk.upload(a.communityId, file, { dryRun: true })).status).toBe(403)
    expect((await desk.download(`/api/v1/communities/${a.communityId}/import-template.xlsx`)).status).toBe(
      403,
    )
    expect((await desk.download(`/api/v1/communities/${a.communityId}/export.xlsx`)).status).toBe(403)

    for (const res of [
      await b.admin.upload(a.communityId, file),
      await b.admin.download(`/api/v1/communities/${a.communityId}/import-template.xlsx`),
      await b.admin.download(`/api/v1/communities/${a.communityId}/export.xlsx`),
    ]) {
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('ESTATE_COMMUNITY_NOT_FOUND')
    }
    expect(await count('units', a.company.tenantId)).toBe(0)
  })

  it('needs a grant covering the whole community: a building-scoped importer gets 404', async () => {
    const { company, communityId, admin } = await newWorld()
    await admin.upload(communityId, await xlsx(GOOD_ROWS()))
    const role = await company.admin.post('/api/v1/iam/roles', {
      code: 'building_importer',
      name: '楼栋导入',
      permissions: ['estate.read', 'estate.import', 'estate.export'],
      dataScope: 'building',
    })
    expect(role.status, JSON.stringify(role.body)).toBe(201)
    const building1 = await app.db.owner
      .selectFrom('buildings')
      .select('id')
      .where('community_id', '=', communityId)
      .where('code', '=', '1')
      .executeTakeFirstOrThrow()
    const keeper = await staff(company, [{ roleId: role.body.id, buildingId: building1.id }])
    const file = await xlsx([unit({ 楼栋编号: '1', 房号: '1-301', 建筑面积: 50, 专有面积: 40 })])
    expect((await keeper.upload(communityId, file, { dryRun: true })).status).toBe(404)
    expect((await keeper.download(`/api/v1/communities/${communityId}/export.xlsx`)).status).toBe(404)
  })
})

describe('languages', () => {
  it('gives row reasons and the refusal in English for Accept-Language en', async () => {
    const { communityId, admin } = await newWorld()
    const file = await xlsx([
      unit({ 楼栋编号: '1', 房号: '1-101', 建筑面积: 89.375, 专有面积: 70 }),
      unit({ 楼栋编号: '1', 房号: '1-101', 建筑面积: 80, 专有面积: 90, 用途: '仓库' }),
    ])
    const dry = await admin.upload(communityId, file, { dryRun: true, lang: 'en-US,en;q=0.9' })
    expect(dry.body.errors).toEqual([
      { row: 2, column: '建筑面积', reason: 'The area may have at most 2 decimals' },
      { row: 3, column: '房号', reason: 'Unit "1-101" repeats row 2' },
      { row: 3, column: '专有面积', reason: 'The exclusive area cannot exceed the building area 80.00' },
      { row: 3, column: '用途', reason: 'Must be one of: 住宅、商业、办公、其他' },
    ])
    const commit = await admin.upload(communityId, file, { lang: 'en' })
    expect(commit.status).toBe(422)
    expect(commit.body.error.message).toBe('2 rows have errors (4 in all); nothing was imported')
  })
})

/** GB18030 bytes for test text: Node decodes GB18030 but has no encoder, so map each character back. */
function encodeGb18030(text: string): Uint8Array {
  const bytes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code < 0x80) {
      bytes.push(code)
      continue
    }
    bytes.push(...gbBytesOf(char))
  }
  return new Uint8Array(bytes)
}

const gbCache = new Map<string, number[]>()
function gbBytesOf(char: string): number[] {
  if (gbCache.size === 0) {
    const decoder = new TextDecoder('gb18030')
    // Every two-byte GBK code point: enough for the Chinese in these tests.
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const decoded = decoder.decode(new Uint8Array([lead, trail]))
        if (!gbCache.has(decoded)) gbCache.set(decoded, [lead, trail])
      }
    }
  }
  const found = gbCache.get(char)
  if (!found) throw new Error(`no GB18030 two-byte code for ${char}`)
  return found
}
