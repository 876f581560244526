import type { Insertable, Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { BillingTables } from '../modules/billing/tables'
import { sealPartyPii } from '../modules/estate/parties'
import type { EstateTables } from '../modules/estate/tables'
import type { GovernanceTables } from '../modules/governance/tables'
import { ensureAccount } from '../modules/iam/accounts'
import { type ProvisionedTenant, provisionTenant } from '../modules/iam/provisioning'
import type { IamTables } from '../modules/iam/tables'
import type { TicketTables } from '../modules/tickets/tables'
import { writeAudit } from '../platform/audit'
import type { Config } from '../platform/config'
import type { Database } from '../platform/db/database'
import { withTenant } from '../platform/db/tenancy'
import type { Deps } from '../platform/deps'
import { uuidv7 } from '../platform/ids'
import { seedDemoBilling } from './billing'
import { seedDemoDecisions } from './decisions'
import { DEMO_DISCLOSURE_STEPS, demoDisclosureDone, seedDemoDisclosure } from './disclosure'
import { DEMO_TOTAL_BUILDING_AREA } from './estate-plan'
import {
  DEMO_COMMUNITY_CODE,
  DEMO_LOGINS,
  DEMO_TENANT_CODE,
  type DemoLogin,
  type DemoLoginKey,
  demoLogin,
} from './logins'
import { type DemoPlan, planDemoEstate } from './plan'
import { DELIVERY_DATE } from './residents-plan'
import { seedDemoTickets } from './tickets'

interface CommitteeTables {
  committee_members: {
    tenant_id: string
    id: string
    community_id: string
    user_id: string
    position: 'chair' | 'vice_chair' | 'member'
    term_start: string
    term_end: string | null
  }
}
type DemoTables = IamTables & EstateTables & CommitteeTables
type Tx = Transaction<DemoTables>
type RoleScope = Partial<Pick<DemoTables['user_roles'], 'scope_org_unit_id' | 'scope_community_id'>>

export const DEMO_COMPANY_NAME = '美好物业服务有限公司'
export { DEMO_COMMUNITY_CODE }
export const DEMO_AUTHORITY = {
  name: '浦东新区建设和交通委员会',
  kind: 'housing_bureau',
  divisionCode: '310115',
} as const

export interface SeedProgress {
  done: number
  total: number
  step: string
}

export interface DemoSeedResult {
  /** False when the demo (estate and disclosure part) was already there and nothing was written. */
  created: boolean
  tenantId: string
  elapsedMs: number
  logins: readonly DemoLogin[]
}

/**
 * The demo company 美好物业 with its estate 翠湖苑 and one login per role (DEMO_LOGINS). Idempotent: when the
 * demo is there, nothing is written. The company is provisioned first (its own transaction); the estate and
 * the logins follow in one transaction, so an interrupted run leaves a company without a community, which
 * the next run completes. The disclosure part (demo/disclosure.ts) goes through the services after that
 * transaction has committed, each part only when missing, and marks itself done at the end: a run
 * interrupted there (or a demo seeded before it existed) gets it on the next run.
 */
export async function seedDemo(
  deps: Deps,
  options: { progress?: (progress: SeedProgress) => void } = {},
): Promise<DemoSeedResult> {
  const started = performance.now()
  const existing = await findDemo(deps.db)
  const result = (tenantId: string, created: boolean): DemoSeedResult => ({
    created,
    tenantId,
    elapsedMs: Math.round(performance.now() - started),
    logins: DEMO_LOGINS,
  })
  if (existing?.complete && existing.disclosed) return result(existing.tenantId, false)
  if (existing?.complete) {
    const steps = DEMO_DISCLOSURE_STEPS.length
    let done = 0
    await seedDemoDisclosure(deps, existing.tenantId, {
      progress: (step) => options.progress?.({ done: done++, total: steps, step }),
    })
    return result(existing.tenantId, true)
  }

  const plan = planDemoEstate()
  const admin = demoLogin('company_admin')
  const company = existing
    ? await provisionedCompany(deps.db, existing.tenantId)
    : await provisionTenant(deps.db, deps.pii, {
        code: DEMO_TENANT_CODE,
        name: DEMO_COMPANY_NAME,
        admin: { name: admin.name, phone: admin.phone, password: admin.password },
      })
  // The progress bar spans the estate's rows and then the disclosure steps.
  const steps = DEMO_DISCLOSURE_STEPS.length
  let estate = { done: 0, total: 0 }
  await (deps.db.owner as Kysely<DemoTables>).transaction().execute(async (tx) => {
    // The schema owner may be subject to RLS (FORCE) when it is not a superuser: name the tenant.
    await sql`select set_config('app.tenant_id', ${company.tenantId}, true)`.execute(tx)
    await sql`update tenants set is_demo = true where id = ${company.tenantId}`.execute(tx)
    await new DemoWriter(tx, deps, company, plan, (p) => {
      estate = p
      options.progress?.({ ...p, total: p.total + steps })
    }).write()
  })
  let step = 0
  await seedDemoDisclosure(deps, company.tenantId, {
    progress: (name) =>
      options.progress?.({ done: estate.done + step++, total: estate.total + steps, step: name }),
  })
  return result(company.tenantId, true)
}

/**
 * MEIHAO_SEED_DEMO: `never`; `always` (seedDemo leaves a finished demo alone); `auto` — only while the
 * database holds no company, or nothing but an unfinished demo.
 */
export async function shouldSeedDemo(
  config: Pick<Config, 'MEIHAO_SEED_DEMO'>,
  db: Database,
): Promise<boolean> {
  if (config.MEIHAO_SEED_DEMO !== 'auto') return config.MEIHAO_SEED_DEMO === 'always'
  const other = await (db.owner as Kysely<IamTables>)
    .selectFrom('tenants')
    .select('id')
    .where('code', '<>', DEMO_TENANT_CODE)
    .limit(1)
    .executeTakeFirst()
  const demo = await findDemo(db)
  return !other && !(demo?.complete && demo.disclosed)
}

/** The demo company, whether its estate was written, and whether its disclosure part was finished. */
async function findDemo(
  db: Database,
): Promise<{ tenantId: string; complete: boolean; disclosed: boolean } | null> {
  const tenant = await (db.owner as Kysely<IamTables>)
    .selectFrom('tenants')
    .select('id')
    .where('code', '=', DEMO_TENANT_CODE)
    .executeTakeFirst()
  if (!tenant) return null
  return withTenant<EstateTables, { tenantId: string; complete: boolean; disclosed: boolean }>(
    db,
    tenant.id,
    async (tx) => {
      const community = await tx
        .selectFrom('communities')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .where('code', '=', DEMO_COMMUNITY_CODE)
        .executeTakeFirst()
      return {
        tenantId: tenant.id,
        complete: community !== undefined,
        disclosed: community !== undefined && (await demoDisclosureDone(tx, tenant.id, community.id)),
      }
    },
  )
}

/** What an interrupted run had provisioned: the roles and the root org unit. */
async function provisionedCompany(
  db: Database,
  tenantId: string,
): Promise<Omit<ProvisionedTenant, 'adminUserId'>> {
  return withTenant<IamTables, Omit<ProvisionedTenant, 'adminUserId'>>(db, tenantId, async (tx) => {
    const roles = await tx
      .selectFrom('roles')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .execute()
    const group = await tx
      .selectFrom('org_units')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('parent_id', 'is', null)
      .orderBy('created_at')
      .executeTakeFirstOrThrow()
    return {
      tenantId,
      groupOrgUnitId: group.id,
      roleIds: Object.fromEntries(roles.map((r) => [r.code, r.id])),
    }
  })
}

/** PostgreSQL takes at most 65,535 bind parameters per statement; stay well below, and report as rows land. */
const MAX_PARAMETERS = 30_000

class DemoWriter {
  private readonly tenantId: string
  private readonly total: number
  private done = 0

  constructor(
    private readonly tx: Tx,
    private readonly deps: Deps,
    private readonly company: Omit<ProvisionedTenant, 'adminUserId'>,
    private readonly plan: DemoPlan,
    private readonly progress?: (progress: SeedProgress) => void,
  ) {
    this.tenantId = company.tenantId
    // Rows of the estate (two org units and the community first), plus one step per login account.
    this.total =
      3 +
      plan.buildings.length +
      plan.units.length +
      plan.parties.length +
      plan.ownerships.length +
      plan.occupancies.length +
      plan.spaces.length +
      plan.vehicles.length +
      DEMO_LOGINS.length
  }

  private advance(rows: number, step: string) {
    this.done += rows
    this.progress?.({ done: this.done, total: this.total, step })
  }

  private async insert<T extends keyof DemoTables & string>(
    table: T,
    rows: Insertable<DemoTables[T]>[],
    step: string,
  ) {
    if (!rows[0]) return
    const perStatement = Math.floor(MAX_PARAMETERS / Object.keys(rows[0]).length)
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement)
      // For a generic table Kysely cannot relate Insertable<DemoTables[T]> to its own insert type.
      await this.tx
        .insertInto(table)
        .values(chunk as never)
        .execute()
      this.advance(chunk.length, step)
    }
  }

  async write() {
    const { tx, tenantId } = this
    const plan = this.plan
    const cityId = uuidv7()
    const projectId = uuidv7()
    await this.insert(
      'org_units',
      [
        {
          tenant_id: tenantId,
          id: cityId,
          parent_id: this.company.groupOrgUnitId,
          kind: 'city',
          name: '上海城市公司',
        },
        { tenant_id: tenantId, id: projectId, parent_id: cityId, kind: 'project', name: '翠湖苑项目' },
      ],
      '组织架构',
    )
    const communityId = uuidv7()
    await this.insert(
      'communities',
      [
        {
          tenant_id: tenantId,
          id: communityId,
          org_unit_id: projectId,
          code: DEMO_COMMUNITY_CODE,
          name: '翠湖苑',
          address: '上海市浦东新区翠湖路 588 弄',
          division_code: '310115',
          time_zone: 'Asia/Shanghai',
          delivery_date: DELIVERY_DATE,
          charging_model: 'lump_sum',
          service_grade: 2,
          parking_in_vote_area: false,
        },
      ],
      '小区',
    )

    const buildingIds = new Map(plan.buildings.map((b) => [b.code, uuidv7()]))
    await this.insert(
      'buildings',
      plan.buildings.map((b) => ({
        tenant_id: tenantId,
        id: buildingIds.get(b.code)!,
        community_id: communityId,
        code: b.code,
        name: b.name,
        floors: b.floors,
      })),
      '楼栋',
    )
    const unitIds = plan.units.map(() => uuidv7())
    await this.insert(
      'units',
      plan.units.map((u, i) => ({
        tenant_id: tenantId,
        id: unitIds[i]!,
        community_id: communityId,
        building_id: buildingIds.get(u.buildingCode)!,
        code: u.code,
        floor: u.floor,
        building_area: u.buildingArea,
        exclusive_area: u.exclusiveArea,
        // Sold units carry the area of their title certificate; the developer's stock that of the survey.
        exclusive_area_source: u.sold ? 'registered' : 'surveyed',
        use: 'residential',
        delivery_date: DELIVERY_DATE,
        sold: u.sold,
      })),
      '房屋',
    )

    const accounts = await this.accounts()
    const partyIds = plan.parties.map(() => uuidv7())
    await this.insert(
      'parties',
      plan.parties.map((p, i) => ({
        tenant_id: tenantId,
        id: partyIds[i]!,
        kind: p.kind,
        name: p.name,
        account_id: p.loginPhone ? accounts.get(p.loginPhone)! : null,
        ...sealPartyPii(this.deps.pii, p),
      })),
      '业主与住户',
    )
    await this.insert(
      'unit_ownerships',
      plan.ownerships.map((o) => ({
        tenant_id: tenantId,
        id: uuidv7(),
        unit_id: unitIds[o.unit]!,
        party_id: partyIds[o.party]!,
        start_date: o.startDate,
        end_date: o.endDate,
      })),
      '产权',
    )
    await this.insert(
      'unit_occupancies',
      plan.occupancies.map((o) => ({
        tenant_id: tenantId,
        id: uuidv7(),
        unit_id: unitIds[o.unit]!,
        party_id: partyIds[o.party]!,
        relation: o.relation,
        start_date: o.startDate,
        end_date: o.endDate,
      })),
      '居住',
    )
    const spaceIds = plan.spaces.map(() => uuidv7())
    await this.insert(
      'parking_spaces',
      plan.spaces.map((s, i) => ({
        tenant_id: tenantId,
        id: spaceIds[i]!,
        community_id: communityId,
        code: s.code,
        area: s.area,
        kind: s.kind,
        owner_party_id: s.owner === null ? null : partyIds[s.owner]!,
      })),
      '车位',
    )
    await this.insert(
      'vehicles',
      plan.vehicles.map((v) => ({
        tenant_id: tenantId,
        id: uuidv7(),
        party_id: partyIds[v.party]!,
        plate: v.plate,
        parking_space_id: v.space === null ? null : spaceIds[v.space]!,
      })),
      '车辆',
    )

    await this.memberships(accounts, { communityId, cityId, projectId })
    await seedDemoDecisions(tx as unknown as Transaction<GovernanceTables>, tenantId, communityId, null)
    this.advance(0, '业主共同决定')
    await seedDemoTickets(tx as unknown as Transaction<TicketTables>, tenantId, communityId, 'Asia/Shanghai')
    this.advance(0, '报修工单')
    await seedDemoBilling(tx as unknown as Transaction<BillingTables>, tenantId, communityId, 'Asia/Shanghai')
    this.advance(0, '收费账单')
    await writeAudit(tx, { actor: null, requestId: `seed-${uuidv7()}` }, tenantId, {
      action: 'demo.seed',
      entityType: 'community',
      entityId: communityId,
      after: {
        units: plan.units.length,
        buildingArea: DEMO_TOTAL_BUILDING_AREA,
        parties: plan.parties.length,
        parkingSpaces: plan.spaces.length,
        vehicles: plan.vehicles.length,
      },
    })
  }

  /** The account of every demo login, by phone (created with the demo password when missing). */
  private async accounts(): Promise<Map<string, string>> {
    // The same transaction, seen through iam's tables only (Kysely's schema types do not widen).
    const iam = this.tx as unknown as Transaction<IamTables>
    const ids = new Map<string, string>()
    for (const login of DEMO_LOGINS) {
      ids.set(login.phone, await ensureAccount(iam, this.deps.pii, login))
      this.advance(1, '账号')
    }
    return ids
  }

  /** Company users and their roles, the committee chair's seat, and the regulator's authority. */
  private async memberships(
    accounts: Map<string, string>,
    places: { communityId: string; cityId: string; projectId: string },
  ) {
    const { tx, tenantId } = this
    const { communityId, cityId, projectId } = places
    // Each login's org unit, and how far its role reaches (DESIGN §2.1).
    const staff: [DemoLoginKey, string | null, RoleScope][] = [
      ['project_manager', projectId, { scope_org_unit_id: projectId }],
      ['service_desk', projectId, { scope_community_id: communityId }],
      ['technician', projectId, { scope_community_id: communityId }],
      ['finance', cityId, {}],
      ['owner', null, {}],
      ['committee_member', null, { scope_community_id: communityId }],
    ]
    const users: Insertable<DemoTables['users']>[] = []
    const userRoles: Insertable<DemoTables['user_roles']>[] = []
    const userIdOf = new Map<DemoLoginKey, string>()
    for (const [key, orgUnit, scope] of staff) {
      const login = demoLogin(key)
      const id = uuidv7()
      userIdOf.set(key, id)
      users.push({
        tenant_id: tenantId,
        id,
        account_id: accounts.get(login.phone)!,
        name: login.name,
        org_unit_id: orgUnit,
      })
      userRoles.push({
        tenant_id: tenantId,
        id: uuidv7(),
        user_id: id,
        role_id: this.company.roleIds[key]!,
        scope_org_unit_id: null,
        scope_community_id: null,
        scope_building_id: null,
        ...scope,
      })
    }
    await tx.insertInto('users').values(users).execute()
    await tx.insertInto('user_roles').values(userRoles).execute()
    // 上海: an owners' committee serves five years at most.
    await tx
      .insertInto('committee_members')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        community_id: communityId,
        user_id: userIdOf.get('committee_member')!,
        position: 'chair',
        term_start: '2023-06-18',
        term_end: '2028-06-17',
      })
      .execute()

    const authority =
      (await tx
        .selectFrom('authorities')
        .select('id')
        .where('name', '=', DEMO_AUTHORITY.name)
        .where('division_code', '=', DEMO_AUTHORITY.divisionCode)
        .executeTakeFirst()) ??
      (await tx
        .insertInto('authorities')
        .values({
          id: uuidv7(),
          name: DEMO_AUTHORITY.name,
          kind: DEMO_AUTHORITY.kind,
          division_code: DEMO_AUTHORITY.divisionCode,
        })
        .returning('id')
        .executeTakeFirstOrThrow())
    await tx
      .insertInto('authority_members')
      .values({ authority_id: authority.id, account_id: accounts.get(demoLogin('authority').phone)! })
      .onConflict((oc) => oc.columns(['authority_id', 'account_id']).doNothing())
      .execute()
  }
}
