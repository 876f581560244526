import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserFromShell, generatePassword, resetPasswordFromShell } from '../src/cli/user-command'
import { DEMO_TOTAL_BUILDING_AREA } from '../src/demo/estate-plan'
import { DEMO_LOGINS, DEMO_PASSWORD, type DemoLoginKey, demoLogin } from '../src/demo/logins'
import { idNumberCheckDigit } from '../src/demo/people'
import { type DemoSeedResult, seedDemo, shouldSeedDemo } from '../src/demo/seed'
import { provisionTenant } from '../src/modules/iam/provisioning'
import type { Database } from '../src/platform/db/database'
import { ApiClient, startTestApp, type TestApp } from './support/app'
import { createTestDatabase } from './support/database'
import { nextPhone, PASSWORD } from './support/fixtures'

let app: TestApp
let seeded: DemoSeedResult
const clients = new Map<DemoLoginKey, ApiClient>()
const loginStatus = new Map<DemoLoginKey, number>()

beforeAll(async () => {
  // Every demo login signs in from the same test address: lift the per-address limit.
  app = await startTestApp({ MEIHAO_LOGIN_RATE_PER_MINUTE: '1000' })
  seeded = await seedDemo(app.deps)
  for (const login of DEMO_LOGINS) {
    const client = new ApiClient(app.server)
    loginStatus.set(login.key, (await client.login(login.phone, login.password)).status)
    clients.set(login.key, client)
  }
  // The demo bills three months and takes about a thousand payments through the ledger: give it room.
}, 240_000)
afterAll(() => app.close())

const as = (key: DemoLoginKey) => clients.get(key)!
const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(app.db.owner)).rows[0]!
const demoTenant = sql`(select id from tenants where code = 'demo')`

describe('the demo estate', () => {
  it('was created, and quickly', () => {
    expect(seeded.created).toBe(true)
    expect(seeded.logins).toBe(DEMO_LOGINS)
    console.info(`seedDemo on ${app.db.kind}: ${seeded.elapsedMs} ms`)
  })

  it('has exactly 1,085 units totalling the documented building area, in 20 buildings', async () => {
    const totals = await one<{ units: string; area: string; buildings: string; over: string }>(sql`
      select count(*) as units, sum(u.building_area)::text as area,
             (select count(*) from buildings b where b.tenant_id = ${demoTenant}) as buildings,
             count(*) filter (where u.exclusive_area > u.building_area
                                 or u.exclusive_area < u.building_area * 0.78
                                 or u.exclusive_area > u.building_area * 0.82) as over
        from units u where u.tenant_id = ${demoTenant}`)
    expect(totals).toEqual({ units: '1085', area: DEMO_TOTAL_BUILDING_AREA, buildings: '20', over: '0' })
    expect(DEMO_TOTAL_BUILDING_AREA).toBe('228499.96')
  })

  it('is the community 翠湖苑 under the 翠湖苑项目 org unit', async () => {
    const community = await as('project_manager').get('/api/v1/communities')
    expect(community.body.items).toEqual([
      expect.objectContaining({
        code: 'cuihu',
        name: '翠湖苑',
        divisionCode: '310115',
        timeZone: 'Asia/Shanghai',
        deliveryDate: '2014-09-30',
        serviceGrade: 2,
        chargingModel: 'lump_sum',
        buildingCount: 20,
        unitCount: 1085,
      }),
    ])
    const tree = await as('company_admin').get('/api/v1/iam/org-units')
    expect(tree.body.map((o: { kind: string; name: string }) => `${o.kind}:${o.name}`)).toEqual([
      'group:美好物业服务有限公司',
      'city:上海城市公司',
      'project:翠湖苑项目',
    ])
  })

  it('keeps units the developer holds unsold, and owners of several or shared units', async () => {
    const facts = await one<{
      unsold: string
      unsold_by_developer: string
      multi: string
      shared: string
      tenants: string
    }>(sql`
      with current as (select * from unit_ownerships where tenant_id = ${demoTenant} and end_date is null)
      select (select count(*) from units where tenant_id = ${demoTenant} and not sold) as unsold,
             (select count(*) from units u join current o on o.unit_id = u.id
                join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
               where not u.sold and p.kind = 'developer' and p.name = '上海翠湖房地产开发有限公司') as unsold_by_developer,
             (select count(*) from (select party_id from current group by party_id having count(*) >= 2) m
                join parties p on p.tenant_id = ${demoTenant} and p.id = m.party_id where p.kind = 'person') as multi,
             (select count(*) from (select unit_id from current group by unit_id having count(*) = 2) s) as shared,
             (select count(distinct unit_id) from unit_occupancies
               where tenant_id = ${demoTenant} and relation = 'tenant' and end_date is null) as tenants`)
    expect(facts.unsold).toBe('25')
    expect(facts.unsold_by_developer).toBe('25')
    expect(Number(facts.multi)).toBeGreaterThanOrEqual(30)
    expect(Number(facts.shared)).toBeGreaterThan(50)
    expect(Number(facts.tenants)).toBeGreaterThan(80)
  })

  it('has about 600 parking spaces of every kind, and vehicles', async () => {
    const parking = await one<{ spaces: string; kinds: string; vehicles: string }>(sql`
      select count(*) as spaces, count(distinct kind) as kinds,
             (select count(*) from vehicles where tenant_id = ${demoTenant}) as vehicles
        from parking_spaces where tenant_id = ${demoTenant}`)
    expect(parking).toMatchObject({ spaces: '600', kinds: '3' })
    expect(Number(parking.vehicles)).toBeGreaterThan(400)
  })

  it('stores personal data sealed: ciphertext, look-up hash and mask only', async () => {
    const { rows } = await sql<{
      phone_enc: string
      phone_masked: string
      id_number_enc: string
      id_number_masked: string
    }>`
      select phone_enc, phone_masked, id_number_enc, id_number_masked from parties
       where tenant_id = ${demoTenant} and kind = 'person' order by id limit 20`.execute(app.db.owner)
    for (const row of rows) {
      const phone = app.deps.pii.decrypt(row.phone_enc)
      const idNumber = app.deps.pii.decrypt(row.id_number_enc)
      expect(row.phone_masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`)
      expect(row.id_number_masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/)
      expect(idNumber[17]).toBe(idNumberCheckDigit(idNumber.slice(0, 17)))
    }
  })
})

describe('the demo logins', () => {
  it.each(DEMO_LOGINS.map((l) => [l.role, l.key] as const))(
    '%s signs in with the demo password',
    (_, key) => {
      expect(loginStatus.get(key)).toBe(200)
    },
  )

  it('公司管理员 manages the users', async () => {
    const users = await as('company_admin').get('/api/v1/iam/users')
    expect(users.status).toBe(200)
    expect(users.body.items.map((u: { name: string }) => u.name).sort()).toEqual(
      DEMO_LOGINS.filter((l) => l.key !== 'authority')
        .map((l) => l.name)
        .sort(),
    )
  })

  it('客服 and 维修工 see the community, and nothing to change', async () => {
    for (const key of ['service_desk', 'technician'] as const) {
      const list = await as(key).get('/api/v1/communities')
      expect(list.body.items.map((c: { code: string }) => c.code)).toEqual(['cuihu'])
      const units = await as(key).get(`/api/v1/units?communityId=${list.body.items[0].id}&limit=5`)
      expect(units.body.items).toHaveLength(5)
      expect(
        (await as(key).patch(`/api/v1/communities/${list.body.items[0].id}`, { name: 'x' })).status,
      ).toBe(403)
    }
  })

  it('财务 reads every unit of the company but not its users', async () => {
    const units = await as('finance').get('/api/v1/units?q=3-2-15')
    expect(units.body.items.map((u: { code: string }) => u.code)).toEqual(['3-2-1501', '3-2-1502'])
    expect((await as('finance').get('/api/v1/iam/users')).status).toBe(403)
  })

  it('业主 sees their two units in the resident app, and no staff list', async () => {
    const mine = await as('owner').get('/api/v1/me/units')
    expect(mine.status).toBe(200)
    expect(
      mine.body.map((u: { code: string; relation: string }) => `${u.code} ${u.relation}`).sort(),
    ).toEqual(['12-1-601 owner', '3-2-1501 owner'])
    expect(mine.body[0].communityName).toBe('翠湖苑')
    expect((await as('owner').get('/api/v1/units')).status).toBe(403)
  })

  it('业委会成员 is the committee chair and owns one unit', async () => {
    const me = await as('committee_member').get('/api/v1/auth/me')
    expect(me.body.permissions).toContain('committee.read')
    const mine = await as('committee_member').get('/api/v1/me/units')
    expect(mine.body.map((u: { code: string }) => u.code)).toEqual(['9-1-1802'])
    const seat = await one<{ position: string }>(
      sql`select position from committee_members where tenant_id = ${demoTenant}`,
    )
    expect(seat.position).toBe('chair')
  })

  it('业委会 runs two decisions: one closed with a verified chain and a result, one open to the owners', async () => {
    const list = await as('committee_member').get('/api/v1/decisions')
    expect(list.status).toBe(200)
    expect(list.body.map((d: { status: string }) => d.status).sort()).toEqual(['closed', 'open'])
    const closed = list.body.find((d: { status: string }) => d.status === 'closed')
    expect(closed.roll.heads).toBeGreaterThan(900)
    expect((await as('committee_member').get(`/api/v1/decisions/${closed.id}/verify`)).body).toMatchObject({
      valid: true,
      events: closed.ballotCount,
    })
    const result = await as('committee_member').get(`/api/v1/decisions/${closed.id}/result`)
    expect(result.body.topics.map((t: { quorumMet: boolean }) => t.quorumMet)).toEqual([true, true, true])
    const mine = await as('owner').get('/api/v1/my/decisions')
    expect(mine.body).toHaveLength(2)
    const open = mine.body.find((d: { status: string }) => d.status === 'open')
    expect(open.myVoter.units).toHaveLength(2)
    expect(open.myReceipts).toEqual([])
    // Outside production the demo company is shown its one-time codes, so the demo needs no phone.
    const code = await as('owner').post(`/api/v1/my/decisions/${open.id}/code`)
    expect(code.body.demoCode).toMatch(/^\d{6}$/)
  })

  it('has service requests: the owner’s leak at the desk, work with the technician, a report with figures', async () => {
    const board = await as('service_desk').get('/api/v1/tickets?status=submitted')
    expect(board.status).toBe(200)
    expect(board.body.items.map((t: { title: string }) => t.title)).toContain('卫生间下水堵塞')
    const mine = await as('owner').get('/api/v1/my/tickets')
    expect(mine.body.items.map((t: { title: string }) => t.title)).toEqual(['卫生间下水堵塞'])
    const tasks = await as('technician').get('/api/v1/tickets?mine=true&status=assigned')
    expect(tasks.body.items.map((t: { title: string }) => t.title)).toEqual(['地库照明不亮'])
    const categories = await as('owner').get('/api/v1/my/ticket-categories')
    expect(categories.body.map((c: { code: string }) => c.code)).toContain('plumbing')
    const communityId = board.body.items[0].communityId
    const rollups = await one<{ months: string }>(
      sql`select count(distinct month) as months from ticket_rollups where tenant_id = ${demoTenant}`,
    )
    expect(Number(rollups.months)).toBeGreaterThanOrEqual(3)
    const lastMonth = await one<{ month: string }>(
      sql`select to_char(max(month) - interval '1 month', 'YYYY-MM') as month from ticket_rollups where tenant_id = ${demoTenant}`,
    )
    const report = await as('project_manager').get(
      `/api/v1/ticket-reports?communityId=${communityId}&month=${lastMonth.month}`,
    )
    expect(report.status).toBe(200)
    expect(report.body.total.created).toBeGreaterThan(40)
    expect(report.body.households).toBe(1085)
    expect(report.body.total.response.ratePermille).toBeGreaterThan(500)
  })

  it('has fees: three months billed, most paid, arrears with reasons, the owner owing this month', async () => {
    const accounts = await as('owner').get('/api/v1/me/billing')
    expect(accounts.status).toBe(200)
    expect(accounts.body).toHaveLength(2)
    for (const account of accounts.body) {
      // Paid up to last month: only this month is open.
      expect(new Set(account.openBills.map((b: { periodStart: string }) => b.periodStart)).size).toBe(1)
      expect(account.openFen).toBeGreaterThan(0)
    }
    const communityId = accounts.body[0].openBills[0].communityId
    const summary = await as('finance').get(`/api/v1/billing/arrears/summary?communityId=${communityId}`)
    expect(summary.status).toBe(200)
    expect(summary.body.accounts).toBeGreaterThan(50)
    expect(summary.body.byReason.some((r: { accounts: number }) => r.accounts > 0)).toBe(true)
    const trial = await as('finance').get(`/api/v1/billing/ledger/trial-balance?communityId=${communityId}`)
    expect(trial.body.balanced).toBe(true)
    const shifts = await as('finance').get(`/api/v1/billing/shifts?communityId=${communityId}`)
    expect(shifts.body[0].payments).toBeGreaterThan(100)
  })

  it('监管人员 lands in the authority context', async () => {
    const me = await as('authority').get('/api/v1/auth/me')
    expect(me.body.context).toEqual({
      kind: 'authority',
      id: expect.any(String),
      name: '浦东新区建设和交通委员会',
    })
    expect(me.body.permissions).toEqual(['authority.supervise'])
    expect((await as('authority').get('/api/v1/units')).status).toBe(403)
  })
})

/** Row counts of every table: the fingerprint a second run must leave as it found. */
async function tableCounts(db: Database) {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db.owner)
  const counts: Record<string, string> = {}
  for (const { table_name } of rows) {
    const { rows: n } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)}`.execute(
      db.owner,
    )
    counts[table_name] = n[0]!.n
  }
  return counts
}

describe('seeding again', () => {
  it('changes nothing', async () => {
    const before = await tableCounts(app.db)
    const again = await seedDemo(app.deps)
    expect(again).toMatchObject({ created: false, tenantId: seeded.tenantId })
    expect(await tableCounts(app.db)).toEqual(before)
  })

  it('MEIHAO_SEED_DEMO: never, always, auto only while the database has no company', async () => {
    expect(await shouldSeedDemo({ MEIHAO_SEED_DEMO: 'never' }, app.db)).toBe(false)
    expect(await shouldSeedDemo({ MEIHAO_SEED_DEMO: 'always' }, app.db)).toBe(true)
    expect(await shouldSeedDemo({ MEIHAO_SEED_DEMO: 'auto' }, app.db)).toBe(false)
  })

  it('auto seeds an empty database, and completes a demo interrupted after its company was created', async () => {
    const db = await createTestDatabase()
    try {
      expect(await shouldSeedDemo({ MEIHAO_SEED_DEMO: 'auto' }, db)).toBe(true)
      const admin = demoLogin('company_admin')
      await provisionTenant(db, app.deps.pii, {
        code: 'demo',
        name: '美好物业服务有限公司',
        admin: { name: admin.name, phone: admin.phone, password: DEMO_PASSWORD },
      })
      expect(await shouldSeedDemo({ MEIHAO_SEED_DEMO: 'auto' }, db)).toBe(true)
      expect((await seedDemo({ ...app.deps, db })).created).toBe(true)
      const { rows } = await sql<{ units: string }>`select count(*) as units from units`.execute(db.owner)
      expect(rows[0]!.units).toBe('1085')
      await provisionTenant(db, app.deps.pii, {
        code: 'other',
        name: '另一家物业',
        admin: { name: '管理员', phone: nextPhone(), password: PASSWORD },
      })
      expect(await shouldSeedDemo({ MEIHAO_SEED_DEMO: 'auto' }, db)).toBe(false)
    } finally {
      await db.close()
    }
    // A whole second demo estate, with its billing runs and payments, on a machine shared with other tests.
  }, 240_000)
})

describe('meihao user', () => {
  const phone = nextPhone()

  it('creates a user with a generated password that signs in, audited', async () => {
    const created = await createUserFromShell(app.deps, {
      tenant: 'demo',
      phone,
      name: '赵敏',
      role: 'service_desk',
      community: 'cuihu',
    })
    expect(created.roleName).toBe('客服')
    expect(created.password).toHaveLength(16)
    const client = new ApiClient(app.server)
    expect((await client.login(phone, created.password!)).status).toBe(200)
    expect((await client.get('/api/v1/communities')).body.items.map((c: { code: string }) => c.code)).toEqual(
      ['cuihu'],
    )
    const audit = await one<{
      actor_kind: string
      entity_id: string
      after: { phoneMasked: string; roles: Array<{ roleName: string; communityId: string }> }
    }>(sql`
      select actor_kind, entity_id, after from audit_log where tenant_id = ${demoTenant} and action = 'user.create'`)
    const cuihu = await one<{ id: string }>(
      sql`select id from communities where tenant_id = ${demoTenant} and code = 'cuihu'`,
    )
    expect(audit).toMatchObject({
      actor_kind: 'system',
      entity_id: created.userId,
      after: {
        phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
        roles: [{ roleName: '客服', communityId: cuihu.id }],
      },
    })
    expect(JSON.stringify(audit.after)).not.toContain(phone)
  })

  it('refuses what it cannot do, with the reason', async () => {
    const base = { tenant: 'demo', phone: nextPhone(), name: '钱程' }
    await expect(createUserFromShell(app.deps, { ...base, tenant: 'nope', role: 'finance' })).rejects.toThrow(
      '没有编码为“nope”的物业公司',
    )
    await expect(createUserFromShell(app.deps, { ...base, role: 'janitor' })).rejects.toThrow(
      /roles: company_admin, project_manager/,
    )
    await expect(createUserFromShell(app.deps, { ...base, role: 'technician' })).rejects.toThrow(
      '（--community）',
    )
    await expect(createUserFromShell(app.deps, { ...base, role: 'project_manager' })).rejects.toThrow(
      '（--org-unit）',
    )
    await expect(
      createUserFromShell(app.deps, { ...base, role: 'finance', password: 'short' }),
    ).rejects.toThrow('密码至少 8 位')
    await expect(createUserFromShell(app.deps, { ...base, phone, role: 'finance' })).rejects.toThrow(
      '该手机号已是本公司用户',
    )
    const manager = await createUserFromShell(app.deps, {
      ...base,
      role: 'project_manager',
      orgUnit: '翠湖苑项目',
    })
    expect(manager.password).not.toBeNull()
  })

  it('resets a password: the old one stops working and the new one must be changed', async () => {
    const { password } = await resetPasswordFromShell(app.deps, { tenant: 'demo', phone })
    const client = new ApiClient(app.server)
    expect((await client.login(phone, password)).status).toBe(200)
    expect((await client.get('/api/v1/auth/me')).body.mustChangePassword).toBe(true)
    const chosen = await resetPasswordFromShell(app.deps, { tenant: 'demo', phone, password: 'Chosen#2026' })
    expect(chosen.password).toBe('Chosen#2026')
    expect((await new ApiClient(app.server).login(phone, password)).status).toBe(401)
    await expect(resetPasswordFromShell(app.deps, { tenant: 'demo', phone: nextPhone() })).rejects.toThrow(
      '该公司没有手机号为',
    )
  })

  it('generates strong passwords', () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword()
      expect(password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[@#%+=?!]).{16}$/)
    }
  })
})
