import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserFromShell, generatePassword, resetPasswordFromShell } from '../src/cli/user-command'
import { DEMO_DISCLOSURE_MARKER, DEMO_DISCLOSURE_STEPS } from '../src/demo/disclosure'
import { DEMO_TOTAL_BUILDING_AREA } from '../src/demo/estate-plan'
import { DEMO_LOGINS, DEMO_PASSWORD, type DemoLoginKey, demoLogin } from '../src/demo/logins'
import { idNumberCheckDigit } from '../src/demo/people'
import { type DemoSeedResult, seedDemo, shouldSeedDemo } from '../src/demo/seed'
import { localDate } from '../src/modules/disclosure/community-rules'
import { addDays } from '../src/modules/disclosure/completeness'
import { quarterDates, quarterOf } from '../src/modules/disclosure/fund-math'
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

  it('finished its disclosure part, and marked it done', async () => {
    const marker = await one<{ ms: string }>(sql`
      select after->>'elapsedMs' as ms from audit_log where tenant_id = ${demoTenant} and action = ${DEMO_DISCLOSURE_MARKER}`)
    console.info(`  of which the disclosure part: ${marker.ms} ms`)
    expect(Number(marker.ms)).toBeLessThan(seeded.elapsedMs)
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

describe('the demo disclosures', () => {
  const today = localDate(new Date(), 'Asia/Shanghai')
  let communityId: string
  /** Owners' money in the billing ledger: credits less debits of the account (all sub-keys). */
  const ledger = async (account: '2241-PR' | '2241-MF') =>
    Number(
      (
        await one<{ balance: string }>(sql`
          select coalesce(sum(credit_fen - debit_fen), 0)::text as balance from ledger_lines
           where tenant_id = ${demoTenant} and account = ${account}`)
      ).balance,
    )

  beforeAll(async () => {
    communityId = (await as('project_manager').get('/api/v1/communities')).body.items[0].id
  })

  it('closes every ended quarter of public revenue and publishes its statement; the balance is 2241-PR', async () => {
    const revenue = await as('finance').get(`/api/v1/public-revenue?communityId=${communityId}`)
    expect(revenue.status).toBe(200)
    const quarters = revenue.body.quarters as {
      quarter: string
      closed: boolean
      netFen: number
      toFundFen: number
      disclosureId: string | null
    }[]
    // The current quarter and the last one that ended (finance closes it next) open; the three before
    // closed under 上海's rule (more than half to the fund).
    expect(quarters.map((q) => q.closed)).toEqual([false, false, true, true, true])
    for (const q of quarters.filter((q) => q.closed)) {
      expect(q.netFen).toBeGreaterThan(0)
      expect(q.toFundFen * 2).toBeGreaterThan(q.netFen)
      expect(q.disclosureId).toEqual(expect.any(String))
    }
    const statements = await as('project_manager').get(
      `/api/v1/disclosures?communityId=${communityId}&type=public_revenue_statement`,
    )
    expect(statements.body.map((d: { id: string }) => d.id).sort()).toEqual(
      quarters
        .filter((q) => q.closed)
        .map((q) => q.disclosureId)
        .sort(),
    )
    expect(revenue.body.balanceFen).toBeGreaterThan(0)
    expect(revenue.body.balanceFen).toBe(await ledger('2241-PR'))
    type Entry = {
      kind: string
      source: string | null
      occurredOn: string
      evidence: { contentType: string }[]
    }
    const entries = revenue.body.entries as Entry[]
    expect(new Set(entries.filter((e) => e.kind === 'income').map((e) => e.source))).toEqual(
      new Set(['lift_ads', 'billboard_ads', 'parking', 'telecom_rent', 'venue_rental']),
    )
    for (const cost of entries.filter((e) => e.kind === 'cost'))
      expect(cost.evidence.map((f) => f.contentType)).toEqual(['application/pdf'])
    expect(entries.every((e) => e.occurredOn <= today)).toBe(true)
    console.info(
      `demo public revenue: ${entries.length} entries, balance ${revenue.body.balanceFen} fen, ` +
        `income ${revenue.body.incomeFen}, costs ${revenue.body.costFen}, to the fund ${revenue.body.toFundFen}`,
    )
  })

  it('keeps a sub-account for every unit, each one as the ledger’s 2241-MF holds it', async () => {
    const fund = await as('finance').get(`/api/v1/fund?communityId=${communityId}`)
    expect(fund.status).toBe(200)
    expect(fund.body).toMatchObject({ units: 1085, unitsWithAccount: 1085, topUpUnits: 0 })
    expect(fund.body.gainsFen).toBeGreaterThan(0)
    expect(fund.body.spentFen).toBeGreaterThan(0)
    const accounts = await one<{ deposited: string; balance: string; mismatched: string }>(sql`
      select count(*) filter (where a.first_deposit_fen > 0) as deposited, sum(a.balance_fen)::text as balance,
             count(*) filter (where a.balance_fen <> coalesce(l.balance, 0)) as mismatched
        from fund_unit_accounts a
        left join (select sub_key, sum(credit_fen - debit_fen) as balance from ledger_lines
                    where tenant_id = ${demoTenant} and account = '2241-MF' group by sub_key) l
          on l.sub_key = a.unit_id::text
       where a.tenant_id = ${demoTenant}`)
    expect(accounts).toMatchObject({ deposited: '1085', mismatched: '0' })
    expect(Number(accounts.balance)).toBe(await ledger('2241-MF'))
    expect(fund.body.balanceFen).toBe(await ledger('2241-MF'))
    const trial = await as('finance').get(`/api/v1/billing/ledger/trial-balance?communityId=${communityId}`)
    expect(trial.body.balanced).toBe(true)
    console.info(
      `demo fund: first deposits ${fund.body.firstDepositsFen} fen, gains ${fund.body.gainsFen}, ` +
        `spent ${fund.body.spentFen}, balance ${fund.body.balanceFen}`,
    )
  })

  it('has the lift replacement the owners decided settled, and an emergency repair planned', async () => {
    const projects = await as('project_manager').get(`/api/v1/fund/projects?communityId=${communityId}`)
    expect(projects.status).toBe(200)
    const settled = projects.body.filter((p: { status: string }) => p.status === 'settled')
    const planned = projects.body.filter((p: { status: string }) => p.status === 'planned')
    expect(settled).toHaveLength(1)
    expect(planned).toEqual([expect.objectContaining({ emergencyCategory: 'water_supply' })])
    const decisions = await as('committee_member').get('/api/v1/decisions')
    const closed = decisions.body.find((d: { status: string }) => d.status === 'closed')
    expect(settled[0]).toMatchObject({ title: '3、5 号楼电梯更换工程', decisionId: closed.id })
    const shares = await as('project_manager').get(`/api/v1/fund/projects/${settled[0].id}`)
    expect(shares.body).toMatchObject({ fromFundFen: settled[0].costFen, shortfallFen: 0 })
    expect(shares.body.units).toBe(188)
    const preview = await as('project_manager').get(`/api/v1/fund/projects/${planned[0].id}`)
    expect(preview.body.units).toBe(96)
    expect(preview.body.lines.reduce((sum: number, l: { shareFen: number }) => sum + l.shareFen, 0)).toBe(
      planned[0].costFen,
    )
  })

  it('publishes everything 上海 asks for but the open quarter’s statement, and keeps one draft', async () => {
    const completeness = await as('project_manager').get(
      `/api/v1/disclosure-completeness?communityId=${communityId}`,
    )
    expect(completeness.status).toBe(200)
    // The last ended quarter is left for finance to close: its statement is due 30 days after it ended.
    const today = localDate(new Date(), 'Asia/Shanghai')
    const lastEnded = quarterDates(quarterOf(addDays(quarterDates(quarterOf(today)).from, -1)))
    const late = addDays(lastEnded.to, 30) < today
    expect(
      completeness.body.lines
        .filter((l: { status: string }) => !['ok', 'not_due'].includes(l.status))
        .map((l: { type: string; status: string }) => [l.type, l.status]),
    ).toEqual(late ? [['public_revenue_statement', 'overdue']] : [])
    if (!late) expect(completeness.body.scorePercent).toBe(100)
    else expect(completeness.body.scorePercent).toBeLessThan(100)
    const all = await as('project_manager').get(`/api/v1/disclosures?communityId=${communityId}&all=true`)
    expect(all.body.filter((d: { status: string }) => d.status === 'draft')).toHaveLength(1)
    expect(new Set(all.body.map((d: { type: string }) => d.type))).toEqual(
      new Set([
        'service_items',
        'quality_standards',
        'responsible_people',
        'handover_inspection',
        'performance_report',
        'audit',
        'assembly_decision',
        'notice',
        'fee_standards',
        'public_revenue_statement',
        'fund_statement',
      ]),
    )
  })

  it('opens the notice-board page to anyone with its address, without personal data', async () => {
    const settings = await as('project_manager').get(`/api/v1/disclosure-settings/${communityId}`)
    expect(settings.body.fundRates.map((r: { code: string }) => r.code)).toEqual(['highrise', 'yangfang'])
    expect(Object.keys(settings.body.buildingRates)).toHaveLength(20)
    const [, , tenantId, token] = settings.body.publicPath.split('/')
    const anonymous = new ApiClient(app.server)
    const page = await anonymous.get(`/api/v1/public/disclosures/${tenantId}/${token}`)
    expect(page.status).toBe(200)
    expect(page.body.communityName).toBe('翠湖苑')
    const types = page.body.items.map((i: { type: string }) => i.type)
    expect(types).toContain('public_revenue_statement')
    expect(types).toContain('fund_statement')
    expect(types).not.toContain('responsible_people')
    expect(page.body.revenue.balanceFen).toBe(await ledger('2241-PR'))
    expect(page.body.fund).toMatchObject({ unitsWithAccount: 1085, balanceFen: await ledger('2241-MF') })
    const withoutIds = JSON.stringify(page.body).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64}/g,
      '',
    )
    expect(withoutIds).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
    // The audit report is posted for everyone; a quarter's contracts and invoices only for the owners.
    type Item = { type: string; id: string; attachments: { sha256: string }[] }
    const fileOf = (item: Item, sha256: string) =>
      anonymous.get(`/api/v1/public/disclosures/${tenantId}/${token}/items/${item.id}/attachments/${sha256}`)
    const audit = page.body.items.find((i: Item) => i.type === 'audit')
    const file = await fileOf(audit, audit.attachments[0].sha256)
    expect(file.status).toBe(200)
    expect(String(file.body).startsWith('%PDF-')).toBe(true)
    const statements = page.body.items.filter((i: Item) => i.type === 'public_revenue_statement')
    expect(statements.flatMap((i: Item) => i.attachments)).toEqual([])
    const evidence = (await as('project_manager').get(`/api/v1/disclosures/${statements[0].id}`)).body
      .attachments
    expect(evidence.length).toBeGreaterThan(0)
    expect((await fileOf(statements[0], evidence[0].sha256)).status).toBe(404)
  })

  it('shows the owner the 公示 of their community and their own sub-accounts', async () => {
    const units = await as('owner').get('/api/v1/me/units')
    const mine = await as('owner').get(`/api/v1/my/disclosures?communityId=${units.body[0].communityId}`)
    expect(mine.status).toBe(200)
    const types = mine.body.map((d: { type: string }) => d.type)
    for (const type of ['service_items', 'responsible_people', 'fee_standards', 'public_revenue_statement'])
      expect(types).toContain(type)
    expect(mine.body.every((d: { status: string }) => d.status === 'published')).toBe(true)
    const accounts = await as('owner').get('/api/v1/my/fund/accounts')
    expect(accounts.status).toBe(200)
    expect(accounts.body.map((a: { unitCode: string }) => a.unitCode)).toEqual(['12-1-601', '3-2-1501'])
    for (const account of accounts.body) {
      expect(account.firstDepositFen).toBeGreaterThan(0)
      expect(account.needsTopUp).toBe(false)
      const kinds = new Set(account.entries.map((e: { kind: string }) => e.kind))
      for (const kind of ['first_deposit', 'gain', 'public_revenue']) expect(kinds).toContain(kind)
    }
    // 3-2-1501 shares in the lift replacement of building 3.
    const lifted = accounts.body.find((a: { unitCode: string }) => a.unitCode === '3-2-1501')
    expect(lifted.entries.filter((e: { kind: string }) => e.kind === 'spend')).toHaveLength(1)
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

  it('completes a demo whose disclosure part is not marked done, and writes nothing it has', async () => {
    const before = await tableCounts(app.db)
    await sql`delete from audit_log where tenant_id = ${demoTenant} and action = ${DEMO_DISCLOSURE_MARKER}`.execute(
      app.db.owner,
    )
    expect(await shouldSeedDemo({ MEIHAO_SEED_DEMO: 'auto' }, app.db)).toBe(true)
    const again = await seedDemo(app.deps)
    expect(again).toMatchObject({ created: true, tenantId: seeded.tenantId })
    // Every part was there: only the marker was written again.
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
      // Interrupted again, half-way through the disclosure part (its estate transaction has committed).
      const interrupted = seedDemo(
        { ...app.deps, db },
        {
          progress: ({ step }) => {
            if (step === DEMO_DISCLOSURE_STEPS[3]) throw new Error('interrupted')
          },
        },
      )
      await expect(interrupted).rejects.toThrow('interrupted')
      expect(await shouldSeedDemo({ MEIHAO_SEED_DEMO: 'auto' }, db)).toBe(true)
      expect((await seedDemo({ ...app.deps, db })).created).toBe(true)
      const { rows } = await sql<{ units: string }>`select count(*) as units from units`.execute(db.owner)
      expect(rows[0]!.units).toBe('1085')
      // The completed demo holds what one uninterrupted run writes.
      const disclosureTables = [
        'disclosure_items',
        'public_revenue_entries',
        'public_revenue_quarters',
        'fund_unit_accounts',
        'fund_entries',
        'fund_projects',
        'fund_project_shares',
      ]
      const pick = (counts: Record<string, string>) =>
        Object.fromEntries(disclosureTables.map((t) => [t, counts[t]]))
      expect(pick(await tableCounts(db))).toEqual(pick(await tableCounts(app.db)))
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
