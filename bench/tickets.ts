import type { TicketKind } from '@meihao/contracts'
import { sql } from 'kysely'
import pg from 'pg'
import { createPiiCipher, newPiiKey } from '../apps/server/src/platform/crypto/pii'
import type { Database } from '../apps/server/src/platform/db/database'
import { uuidv7 } from '../apps/server/src/platform/ids'
import type { JobResult } from './jobs/job-env'
import { type Child, runChild, startChild } from './lib/child'
import { databaseEnv, type ScratchDatabase } from './lib/databases'
import { type LoadResult, type LoadSample, runLoad, summarize } from './lib/load'
import { step } from './lib/progress'
import { BENCH_PASSWORD, type SeededEstate, seedEstate } from './lib/seed'
import { fmtInt, fmtMb, fmtMs, fmtPercent, type ResultRow } from './lib/table'
import { ALL_MONTHS_SCAN_SQL, MONTH_SCAN_SQL, TENANT_MONTH_SCAN_SQL } from './servers/ticket-sql'

export interface TicketsPlan {
  /** Units of the desk-entry community: in-home repairs are spread over them. */
  units: number
  /** Tickets seeded in that community before the board is read (the last 90 days). */
  boardTickets: number
  connections: number
  warmupSeconds: number
  /** Measured seconds per server, cut into `slices` runs that alternate between the two servers. */
  seconds: number
  slices: number
  poolSize: number
  /** The report's company: tickets over `reportCommunities` communities and `reportMonths` whole months. */
  reportTickets: number
  reportCommunities: number
  reportMonths: number
  /** Sequential report requests (each beside one scan of the same community-month). */
  reportRequests: number
  /** Runs of the company-wide month scan. */
  tenantScanRuns: number
}

export const TICKETS_PLAN: TicketsPlan = {
  units: 3_000,
  boardTickets: 100_000,
  connections: 50,
  warmupSeconds: 3,
  seconds: 10,
  slices: 4,
  poolSize: 10,
  reportTickets: 1_000_000,
  reportCommunities: 20,
  reportMonths: 24,
  reportRequests: 200,
  tenantScanRuns: 20,
}
export const TICKETS_QUICK_PLAN: TicketsPlan = {
  ...TICKETS_PLAN,
  units: 500,
  boardTickets: 10_000,
  warmupSeconds: 1,
  seconds: 4,
  slices: 2,
  reportTickets: 50_000,
  reportRequests: 50,
  tenantScanRuns: 5,
}

const MIN_SHARE_OF_CEILING = 0.4
const MAX_P99_MS = 30
const MAX_REPORT_MS = 100
const TIME_ZONE = 'Asia/Shanghai'

// ── the company: estate, categories, a signed-in administrator ────────────────────────────────────────

/** A category tree like a property company's (水电/门窗/电梯/公共照明/环境卫生/噪音/停车…). */
const CATEGORIES: { code: string; name: string; kinds: TicketKind[] }[] = [
  { code: 'plumbing', name: '水电', kinds: ['repair_home', 'repair_common'] },
  { code: 'doors', name: '门窗', kinds: ['repair_home'] },
  { code: 'lift', name: '电梯', kinds: ['repair_common', 'hazard'] },
  { code: 'lighting', name: '公共照明', kinds: ['repair_common'] },
  { code: 'sanitation', name: '环境卫生', kinds: ['complaint', 'suggestion'] },
  { code: 'noise', name: '噪音', kinds: ['complaint'] },
  { code: 'parking', name: '停车', kinds: ['complaint', 'inquiry', 'suggestion'] },
  { code: 'service', name: '服务态度', kinds: ['complaint', 'praise', 'suggestion'] },
  { code: 'fees', name: '物业费', kinds: ['inquiry'] },
  { code: 'safety', name: '安全隐患', kinds: ['hazard'] },
]

const TITLES: Record<TicketKind, string[]> = {
  repair_home: ['厨房水管漏水', '卫生间下水堵塞', '入户门锁损坏', '窗户关不严', '墙面渗水发霉', '插座没电'],
  repair_common: ['电梯按钮失灵', '楼道灯不亮', '单元门禁损坏', '地库排水沟堵塞', '消防栓漏水'],
  complaint: ['楼上装修噪音', '车位被占用', '垃圾未及时清运', '保安态度差', '夜间广场舞扰民'],
  inquiry: ['物业费缴费方式', '停车月卡办理', '装修审批流程', '快递柜位置'],
  suggestion: ['增加儿童游乐设施', '延长游泳池开放时间', '增设充电桩'],
  praise: ['维修师傅认真负责', '保洁阿姨辛苦了'],
  hazard: ['电梯异响', '外墙瓷砖松动', '消防通道堵塞', '地下车库积水'],
}

interface Company {
  db: Database
  estate: SeededEstate
  env: Record<string, string>
  /** Every community of the company, the estate's first. */
  communityIds: string[]
  /** The estate's units with their buildings, in code order. */
  units: { id: string; buildingId: string }[]
  adminUserId: string
  api: Child<{ port: number }>
  origin: string
  /** Session cookie, CSRF token and JSON content type of the signed-in administrator. */
  headers: Record<string, string>
  categoryIds: Record<string, string>
}

async function signIn(origin: string, phone: string, tenantCode: string) {
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: BENCH_PASSWORD, tenantCode }),
  })
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0]
  if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status} ${await login.text()}`)
  const me = (await (await fetch(`${origin}/api/v1/auth/me`, { headers: { cookie } })).json()) as {
    csrfToken: string
  }
  return { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' }
}

/**
 * The estate (`units` units in one community) seeded in bulk, `communities - 1` more communities, the real
 * server started on it, the administrator signed in and the categories created through the API.
 */
async function openCompany(
  scratch: ScratchDatabase,
  plan: TicketsPlan,
  units: number,
  communities: number,
): Promise<Company> {
  const piiKey = newPiiKey()
  const db = await scratch.open()
  try {
    const estate = await seedEstate(db, createPiiCipher(piiKey), units)
    const more = Array.from({ length: communities - 1 }, (_, i) => ({
      tenant_id: estate.tenantId,
      id: uuidv7(),
      org_unit_id: null,
      code: `bench${i + 2}`,
      name: `基准${i + 2}期`,
      address: `上海市浦东新区基准路 ${i + 2} 号`,
      division_code: '310115',
      time_zone: TIME_ZONE,
      delivery_date: '2015-06-30',
      charging_model: 'lump_sum',
      service_grade: 2,
      parking_in_vote_area: false,
    }))
    if (more.length > 0) await db.owner.insertInto('communities').values(more).execute()
    const unitRows = await db.owner
      .selectFrom('units')
      .select(['id', 'building_id'])
      .where('tenant_id', '=', estate.tenantId)
      .orderBy('code')
      .execute()
    const admin = await db.owner
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', estate.tenantId)
      .executeTakeFirstOrThrow()
    const env = {
      ...databaseEnv(scratch),
      MEIHAO_PII_KEY: piiKey,
      DATABASE_POOL_SIZE: String(plan.poolSize),
      BENCH_TENANT_ID: estate.tenantId,
    }
    const api = startChild<{ port: number }>('servers/api-server.ts', env)
    try {
      const origin = `http://127.0.0.1:${(await api.message).port}`
      const headers = await signIn(origin, estate.adminPhone, estate.tenantCode)
      const categoryIds: Record<string, string> = {}
      for (const category of CATEGORIES) {
        const res = await fetch(`${origin}/api/v1/ticket-categories`, {
          method: 'POST',
          headers,
          body: JSON.stringify(category),
        })
        const body = (await res.json()) as { id: string }
        if (res.status !== 201)
          throw new Error(`category ${category.code}: ${res.status} ${JSON.stringify(body)}`)
        categoryIds[category.code] = body.id
      }
      return {
        db,
        estate,
        env,
        communityIds: [estate.communityId, ...more.map((c) => c.id)],
        units: unitRows.map((u) => ({ id: u.id as string, buildingId: u.building_id as string })),
        adminUserId: admin.id as string,
        api,
        origin,
        headers,
        categoryIds,
      }
    } catch (error) {
      await api.stop()
      throw error
    }
  } catch (error) {
    await db.close()
    throw error
  }
}

async function closeCompany(company: Company) {
  await company.api.stop()
  await company.db.close()
}

// ── seeding tickets with generate_series ──────────────────────────────────────────────────────────────

const SEED_CHUNK = 100_000

interface SeedSpec {
  count: number
  /** created_at runs evenly (with jitter) from `from` to `to`. */
  from: Date
  to: Date
  /** Also write each ticket's creation event. */
  withEvents: boolean
}

/**
 * `count` tickets written by the schema owner in INSERT … SELECT FROM generate_series statements of
 * 100,000, shaped like a company's history: 40% in-home repairs, 20% common-area repairs, 12% complaints,
 * 12% questions, 5% suggestions, 3% praise, 8% hazards; priorities 3/15/70/12% emergency/high/normal/low;
 * the SLA targets the server's defaults give; tickets older than a week mostly closed (5% cancelled),
 * newer ones spread over the open states; response, arrival and resolution times drawn so that about
 * 87% of responses, 90% of arrivals and 75% of resolutions are on time, the late clocks marked breached;
 * 60% of closed tickets rated (55% five stars, 4% one star), 5% reopened. In-home repairs of the estate's
 * community name one of its units. Communities take turns, so each gets the same share.
 */
async function seedTickets(company: Company, spec: SeedSpec): Promise<void> {
  const { estate, communityIds, units } = company
  const categories = Object.fromEntries(
    Object.keys(TITLES).map((kind) => [
      kind,
      CATEGORIES.filter((c) => c.kinds.includes(kind as TicketKind)).map((c) => company.categoryIds[c.code]!),
    ]),
  )
  const now = new Date()
  const n = communityIds.length
  const onSite = sql.raw(`('repair_home', 'repair_common', 'hazard')`)
  const ms = sql.raw(`interval '1 millisecond'`)
  await company.db.owner.connection().execute(async (conn) => {
    // random() below is seeded, so every run writes the same tickets. Each step is MATERIALIZED: inlined,
    // every mention of a column would evaluate its expression again. No JIT: compiling these expressions
    // takes longer than running them.
    await sql`select setseed(0.42)`.execute(conn)
    await sql`set jit = off`.execute(conn)
    for (let lo = 0; lo < spec.count; lo += SEED_CHUNK) {
      const hi = Math.min(spec.count, lo + SEED_CHUNK)
      await sql`
      with base as materialized (
        select i, random() as rk, random() as rc, random() as rp, random() as rch, random() as rs,
               random() as r1, random() as r2, random() as r3, random() as rr, random() as rt,
               ${spec.from}::timestamptz + (${spec.to}::timestamptz - ${spec.from}::timestamptz)
                 * ((i + random()) / ${spec.count}::float8) as created_at
          from generate_series(${lo}::int, ${hi - 1}::int) as i
      ), kinded as materialized (
        select b.*,
          (${communityIds}::uuid[])[1 + i % ${n}::int] as community_id,
          i % ${n}::int = 0 as in_estate,
          case when rk < 0.40 then 'repair_home' when rk < 0.60 then 'repair_common'
               when rk < 0.72 then 'complaint' when rk < 0.84 then 'inquiry'
               when rk < 0.89 then 'suggestion' when rk < 0.92 then 'praise' else 'hazard' end as kind,
          case when rp < 0.03 then 'emergency' when rp < 0.18 then 'high'
               when rp < 0.88 then 'normal' else 'low' end as priority,
          case when rch < 0.55 then 'app' when rch < 0.80 then 'phone' when rch < 0.88 then 'walk_in'
               when rch < 0.93 then 'kiosk' when rch < 0.99 then 'patrol' else 'api' end as channel,
          extract(epoch from ${now}::timestamptz - created_at)::float8 * 1000 as age_ms
          from base b
      ), targeted as materialized (
        select k.*,
          case when kind not in ${onSite} then 1440 when priority = 'emergency' then 15
               when priority = 'high' then 30 when priority = 'normal' then 60 else 240 end as response_minutes,
          case when kind not in ${onSite} then null when priority = 'emergency' then 60
               when priority = 'high' then 240 when priority = 'normal' then 1440 else 4320 end as arrival_minutes,
          case when kind = 'complaint' then 14400 when kind not in ${onSite} then 4320
               when priority = 'low' then 4320 else 1440 end as resolution_minutes,
          case when rs < 0.05 then 'cancelled'
               when age_ms > 7 * 86400000 then
                 case when rs < 0.93 then 'closed' when rs < 0.96 then 'verified' when rs < 0.98 then 'resolved'
                      when rs < 0.99 then 'on_hold' else 'in_progress' end
               else
                 case when rs < 0.35 then 'closed' when rs < 0.45 then 'resolved' when rs < 0.55 then 'in_progress'
                      when rs < 0.70 then 'assigned' when rs < 0.88 then 'accepted' else 'submitted' end
          end as status,
          (${JSON.stringify(categories)}::jsonb -> kind
            ->> floor(rc * jsonb_array_length(${JSON.stringify(categories)}::jsonb -> kind))::int)::uuid as category_id,
          ${JSON.stringify(TITLES)}::jsonb -> kind
            ->> floor(rt * jsonb_array_length(${JSON.stringify(TITLES)}::jsonb -> kind))::int as title
          from kinded k
      ), clocked as materialized (
        select t.*,
          case when status = 'submitted' or (status = 'cancelled' and r1 < 0.5) then null
               else least(floor(r1 * r1 * response_minutes * 1.3 * 60000), age_ms)::bigint end as response_ms,
          arrival_minutes is not null
            and status in ('in_progress', 'on_hold', 'quoted', 'resolved', 'verified', 'closed') as arrived,
          status in ('resolved', 'verified', 'closed') as resolved,
          status not in ('submitted', 'accepted', 'cancelled') as assigned
          from targeted t
      ), stopped as materialized (
        select c.*,
          case when arrived then least(coalesce(response_ms, 0)
                 + floor(r2 * r2 * arrival_minutes * 1.2 * 60000), age_ms)::bigint end as arrival_ms,
          case when resolved then least(greatest(
                 coalesce(response_ms, 0) + 600000 + floor(r2 * r2 * coalesce(arrival_minutes, 0) * 1.2 * 60000),
                 floor(power(r3, 1.5) * resolution_minutes * 1.4 * 60000)), age_ms)::bigint end as resolution_ms,
          case when resolved and r3 > 0.99 then 2 when resolved and r3 > 0.95 then 1 else 0 end as reopen_count,
          case when status = 'closed' and rr < 0.6 then
            case when rr < 0.024 then 1 when rr < 0.06 then 2 when rr < 0.12 then 3 when rr < 0.27 then 4 else 5 end
          end as rating
          from clocked c
      ), stamped as materialized (
        select s.*,
          created_at + response_ms * ${ms} as responded_at,
          created_at + arrival_ms * ${ms} as arrived_at,
          created_at + resolution_ms * ${ms} as resolved_at,
          case when status = 'closed' then least(created_at + resolution_ms * ${ms} + rr * interval '72 hours',
                                                  ${now}::timestamptz) end as closed_at,
          case when status = 'cancelled' then least(created_at + r1 * interval '2 hours', ${now}::timestamptz)
          end as cancelled_at
          from stopped s
      )
      insert into tickets (tenant_id, id, number, community_id, building_id, unit_id, spot, kind, category_id,
        priority, channel, title, description, status, assignee_id, response_minutes, arrival_minutes,
        resolution_minutes, clock_mode, responded_at, arrived_at, resolved_at, last_resolved_at, response_ms,
        arrival_ms, resolution_ms, breached_clocks, next_check_at, sla_state, reopen_count, rating,
        follow_up_score, closed_at, cancelled_at, created_by, created_at, updated_at, version)
      select ${estate.tenantId}::uuid,
        -- A UUIDv7 of the creation time, as the server makes them.
        (lpad(to_hex(floor(extract(epoch from created_at) * 1000)::bigint), 12, '0') || '7'
          || substr(md5(i::text), 1, 3) || '8' || substr(md5(i::text), 4, 15))::uuid,
        'GD' || to_char(created_at at time zone ${TIME_ZONE}, 'YYYYMMDD')
          || lpad(nextval('ticket_number_seq')::text, 6, '0'),
        community_id,
        case when kind = 'repair_home' and in_estate and ${units.length}::int > 0
             then (${units.map((u) => u.buildingId)}::uuid[])[1 + (i / ${n}::int) % ${Math.max(1, units.length)}::int] end,
        case when kind = 'repair_home' and in_estate and ${units.length}::int > 0
             then (${units.map((u) => u.id)}::uuid[])[1 + (i / ${n}::int) % ${Math.max(1, units.length)}::int] end,
        case when kind in ('repair_common', 'hazard') then (1 + i % 12)::text || '栋 ' || (1 + i % 3)::text || '单元 '
             || (array['电梯厅', '楼道', '地下车库', '大堂', '消防通道', '屋顶水箱'])[1 + i % 6] end,
        kind, category_id, priority, channel, title,
        case when rt < 0.7 then title || case when channel = 'app' then '，业主在 App 上报' else '，业主来电反映' end
             || '，请尽快安排处理。' else '' end,
        status,
        case when assigned then ${company.adminUserId}::uuid end,
        response_minutes, arrival_minutes, resolution_minutes, 'calendar',
        responded_at, arrived_at, resolved_at, resolved_at, response_ms, arrival_ms, resolution_ms,
        array_remove(array[
          case when response_ms > response_minutes * 60000
                 or (response_ms is null and status <> 'cancelled' and age_ms > response_minutes * 60000)
               then 'response' end,
          case when arrival_ms > arrival_minutes * 60000 then 'arrival' end,
          case when resolution_ms > resolution_minutes * 60000
                 or (resolution_ms is null and status <> 'cancelled' and age_ms > resolution_minutes * 60000)
               then 'resolution' end], null),
        case when not resolved and status <> 'cancelled'
             then created_at + resolution_minutes * interval '1 minute' end,
        case when resolved or status = 'cancelled' then null
             when age_ms > resolution_minutes * 60000 then 'breached' else 'running' end,
        reopen_count, rating,
        case when status = 'closed' and rr > 0.9 then 4 + i % 2 end,
        closed_at, cancelled_at,
        case when channel = 'app' then null else ${company.adminUserId}::uuid end,
        created_at,
        greatest(created_at, responded_at, arrived_at, resolved_at, closed_at, cancelled_at),
        1 + (response_ms is not null)::int + assigned::int + arrived::int + resolved::int
          + (status in ('verified', 'closed'))::int + (status = 'closed')::int + 2 * reopen_count
          + (rating is not null)::int + (status = 'cancelled')::int
        from stamped`.execute(conn)
    }
    await sql`reset jit`.execute(conn)
  })
  if (spec.withEvents) {
    await sql`
      insert into ticket_events (tenant_id, ticket_id, seq, at, kind, actor_role, actor_id, to_status, details)
      select tenant_id, id, 1, created_at, 'create', case when channel = 'app' then 'requester' else 'desk' end,
             created_by, 'submitted', jsonb_build_object('channel', channel)
        from tickets where tenant_id = ${estate.tenantId}`.execute(company.db.owner)
  }
  // A table that has been in use for a while: vacuumed (visibility map set) and analysed.
  await sql`vacuum (analyze) tickets`.execute(company.db.owner)
  if (spec.withEvents) await sql`vacuum (analyze) ticket_events`.execute(company.db.owner)
}

// ── load: the API and its bare ceiling, alternating ───────────────────────────────────────────────────

interface Target {
  name: string
  child: Child<{ port: number }>
  origin: string
  headers: Record<string, string>
}

interface Load {
  paths: readonly string[]
  postBodies?: readonly string[]
}

/** Checks each target answers the load's first request with a 2xx. */
async function probe(targets: readonly Target[], load: Load) {
  for (const t of targets) {
    const res = await fetch(`${t.origin}${load.paths[0]}`, {
      method: load.postBodies ? 'POST' : 'GET',
      headers: t.headers,
      ...(load.postBodies ? { body: load.postBodies[0] } : {}),
    })
    const text = await res.text()
    if (res.status < 200 || res.status >= 300)
      throw new Error(`${t.name}: ${res.status} ${text.slice(0, 500)}`)
  }
}

/**
 * Warms both servers up, then alternates short runs between them (A B B A …) so that whatever else the
 * machine is doing weighs on both alike. Same scheme as http.ts.
 */
async function measureAlternating(targets: readonly Target[], plan: TicketsPlan, load: Load) {
  const run = (t: Target, seconds: number) =>
    runLoad({
      origin: t.origin,
      paths: load.paths,
      headers: t.headers,
      connections: plan.connections,
      seconds,
      ...(load.postBodies ? { postBodies: load.postBodies } : {}),
    })
  const samples = new Map<Target, LoadSample[]>(targets.map((t) => [t, []]))
  for (const t of targets) await run(t, plan.warmupSeconds)
  const sliceSeconds = plan.seconds / plan.slices
  for (let slice = 0; slice < plan.slices; slice++) {
    for (const t of slice % 2 === 0 ? targets : [...targets].reverse()) {
      const sample = await run(t, sliceSeconds)
      if (Object.keys(sample.failures).length > 0) {
        throw new Error(
          `${t.name}: ${sample.latenciesMs.length} answered 2xx, failures ${JSON.stringify(sample.failures)}`,
        )
      }
      samples.get(t)!.push(sample)
    }
  }
  return targets.map((t) => summarize(samples.get(t)!))
}

const times = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : '—')

function loadRows(
  name: string,
  api: LoadResult,
  ceiling: LoadResult,
  unit: string,
  what: string,
): ResultRow[] {
  const share = api.requestsPerSecond / ceiling.requestsPerSecond
  return [
    {
      figure: `${name} · req/s`,
      value: `${fmtInt(api.requestsPerSecond)} (${fmtInt(api.requests)} ${unit})`,
      ceiling: `${fmtInt(ceiling.requestsPerSecond)} (${what})`,
      ratio: fmtPercent(share),
      target: `≥ ${fmtPercent(MIN_SHARE_OF_CEILING)} of ceiling`,
      pass: share >= MIN_SHARE_OF_CEILING,
    },
    {
      figure: `${name} · p50`,
      value: fmtMs(api.p50Ms),
      ceiling: fmtMs(ceiling.p50Ms),
      ratio: times(api.p50Ms, ceiling.p50Ms),
      target: 'info',
    },
    {
      figure: `${name} · p99`,
      value: fmtMs(api.p99Ms),
      ceiling: fmtMs(ceiling.p99Ms),
      ratio: times(api.p99Ms, ceiling.p99Ms),
      target: `< ${MAX_P99_MS} ms`,
      pass: api.p99Ms < MAX_P99_MS,
    },
  ]
}

/**
 * The service-desk board (GET /api/v1/tickets?communityId&limit=50) over `boardTickets` seeded tickets,
 * then desk entry (POST /api/v1/tickets, a phone call about an in-home repair), each on the real server
 * against the bare route, on one PostgreSQL database.
 */
export async function ticketDeskFigures(scratch: ScratchDatabase, plan: TicketsPlan): Promise<ResultRow[]> {
  step(`tickets · desk: seeding ${fmtInt(plan.units)} units, categories through the API`)
  const company = await openCompany(scratch, plan, plan.units, 1)
  const targets: Target[] = []
  try {
    step(`tickets · desk: seeding ${fmtInt(plan.boardTickets)} tickets of the last 90 days`)
    const now = Date.now()
    await seedTickets(company, {
      count: plan.boardTickets,
      from: new Date(now - 90 * 86_400_000),
      to: new Date(now - 60_000),
      withEvents: true,
    })
    const bare = startChild<{ port: number }>('servers/ticket-bare-server.ts', company.env)
    targets.push({
      name: 'bare',
      child: bare,
      origin: `http://127.0.0.1:${(await bare.message).port}`,
      headers: { 'content-type': 'application/json' },
    })
    const api: Target = { name: 'api', child: company.api, origin: company.origin, headers: company.headers }
    const pair = [targets[0]!, api]
    const conn = `PostgreSQL · ${plan.connections} conn`

    step(`tickets · board: bare SELECT and API, ${plan.slices} alternating runs each`)
    const board = { paths: [`/api/v1/tickets?communityId=${company.estate.communityId}&limit=50`] }
    await probe(pair, board)
    const [boardCeiling, boardApi] = await measureAlternating(pair, plan, board)

    step(`tickets · desk entry: bare INSERT and API, ${plan.slices} alternating runs each`)
    const bodies = company.units.map((u, i) =>
      JSON.stringify({
        communityId: company.estate.communityId,
        buildingId: u.buildingId,
        unitId: u.id,
        kind: 'repair_home',
        categoryId: company.categoryIds[i % 3 === 0 ? 'doors' : 'plumbing'],
        priority: i % 10 === 0 ? 'high' : 'normal',
        channel: 'phone',
        title: TITLES.repair_home[i % TITLES.repair_home.length],
        description: '业主来电反映，请尽快安排师傅上门。',
      }),
    )
    const entry = { paths: ['/api/v1/tickets'], postBodies: bodies }
    await probe(pair, entry)
    const [entryCeiling, entryApi] = await measureAlternating(pair, plan, entry)
    const { rows } = await sql<{ n: string }>`
      select count(*)::text as n from tickets where tenant_id = ${company.estate.tenantId}`.execute(
      company.db.owner,
    )
    return [
      ...loadRows(
        `GET /api/v1/tickets?communityId&limit=50 · ${fmtInt(plan.boardTickets)} tickets · ${conn}`,
        boardApi!,
        boardCeiling!,
        'req',
        'bare route, same SELECT',
      ),
      ...loadRows(
        `POST /api/v1/tickets (phone, repair_home) · ${conn}`,
        entryApi!,
        entryCeiling!,
        `tickets; ${fmtInt(Number(rows[0]!.n))} in the table after`,
        'bare route: ticket + event INSERT in one transaction',
      ),
    ]
  } finally {
    for (const t of targets) await t.child.stop()
    await closeCompany(company)
  }
}

// ── the monthly report ────────────────────────────────────────────────────────────────────────────────

function percentile(xs: readonly number[], p: number) {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

interface ScanRow {
  gk: number
  gc: number
  created: string
}

/**
 * `reportTickets` tickets over `reportCommunities` communities and `reportMonths` whole months: the rollup
 * rebuilt (rebuildRollups in its own process) against one GROUPING SETS statement over all of them, then
 * GET /api/v1/ticket-reports for one community-month on the real server against the same figures
 * computed from the tickets (recomputeMonth's SELECT).
 */
export async function ticketReportFigures(scratch: ScratchDatabase, plan: TicketsPlan): Promise<ResultRow[]> {
  step(`tickets · report: company of ${plan.reportCommunities} communities, categories through the API`)
  const company = await openCompany(scratch, plan, plan.units, plan.reportCommunities)
  const client = new pg.Client({ connectionString: scratch.location })
  try {
    await client.connect()
    const { tenantId } = company.estate
    // The last `reportMonths` whole months in the communities' time zone, and the one in the middle.
    const { rows: bounds } = await client.query<{ start_at: Date; end_at: Date; month: string }>(
      `select (date_trunc('month', now() at time zone $1) - make_interval(months => $2)) at time zone $1 as start_at,
              date_trunc('month', now() at time zone $1) at time zone $1 as end_at,
              to_char(date_trunc('month', now() at time zone $1) - make_interval(months => $3), 'YYYY-MM') as month`,
      [TIME_ZONE, plan.reportMonths, Math.ceil(plan.reportMonths / 2)],
    )
    const { start_at: from, end_at: to, month } = bounds[0]!
    step(
      `tickets · report: seeding ${fmtInt(plan.reportTickets)} tickets over ${plan.reportMonths} months (generate_series)`,
    )
    let started = performance.now()
    await seedTickets(company, { count: plan.reportTickets, from, to, withEvents: false })
    const seedSeconds = (performance.now() - started) / 1000

    step('tickets · report: rebuildRollups (own process), then one GROUPING SETS statement over all tickets')
    const rebuild = await runChild<JobResult>('jobs/ticket-rollup-job.ts', company.env)
    started = performance.now()
    const all = await client.query(ALL_MONTHS_SCAN_SQL, [tenantId, TIME_ZONE])
    const allSeconds = (performance.now() - started) / 1000
    const monthsInScan = all.rows.filter((r) => Number(r.gk) === 1 && Number(r.gc) === 1).length
    if (monthsInScan !== rebuild.rows)
      throw new Error(`rebuild wrote ${rebuild.rows} community-months, the scan found ${monthsInScan}`)

    step(`tickets · report: ${plan.reportRequests} reports of ${month} beside as many scans of that month`)
    const communityId = company.estate.communityId
    const path = `/api/v1/ticket-reports?communityId=${communityId}&month=${month}`
    const report = async () => {
      const t0 = performance.now()
      const res = await fetch(`${company.origin}${path}`, { headers: company.headers })
      const body = (await res.json()) as { total: { created: number } }
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`)
      return { ms: performance.now() - t0, created: body.total.created }
    }
    const scanValues = [tenantId, communityId, `${month}-01`, TIME_ZONE]
    const scan = async () => {
      const t0 = performance.now()
      const { rows } = await client.query<ScanRow>({
        name: 'month_scan',
        text: MONTH_SCAN_SQL,
        values: scanValues,
      })
      const total = rows.find((r) => Number(r.gk) === 1 && Number(r.gc) === 1)
      return { ms: performance.now() - t0, created: Number(total?.created ?? 0) }
    }
    for (let i = 0; i < 10; i++) {
      await report()
      await scan()
    }
    const reportMs: number[] = []
    const scanMs: number[] = []
    let created = 0
    for (let i = 0; i < plan.reportRequests; i++) {
      const r = await report()
      const s = await scan()
      if (r.created !== s.created)
        throw new Error(`report counts ${r.created} tickets, the scan ${s.created}`)
      created = r.created
      reportMs.push(r.ms)
      scanMs.push(s.ms)
    }
    const tenantScanMs: number[] = []
    let tenantCreated = 0
    for (let i = 0; i < plan.tenantScanRuns + 1; i++) {
      const t0 = performance.now()
      const { rows } = await client.query<ScanRow>(TENANT_MONTH_SCAN_SQL, [
        tenantId,
        `${month}-01`,
        TIME_ZONE,
      ])
      // The first run only warms up.
      if (i > 0) tenantScanMs.push(performance.now() - t0)
      tenantCreated = Number(rows.find((r) => Number(r.gk) === 1 && Number(r.gc) === 1)?.created ?? 0)
    }

    const tickets = fmtInt(plan.reportTickets)
    const shape = `${plan.reportCommunities} communities × ${plan.reportMonths} months`
    const reportName = `GET /api/v1/ticket-reports · 1 community-month (${fmtInt(created)} of ${tickets} tickets)`
    const p50 = percentile(reportMs, 50)
    const p99 = percentile(reportMs, 99)
    const scanP50 = percentile(scanMs, 50)
    const scanP99 = percentile(scanMs, 99)
    const tenantP50 = percentile(tenantScanMs, 50)
    return [
      {
        figure: `seed ${tickets} tickets · ${shape} · PostgreSQL`,
        value: `${seedSeconds.toFixed(1)} s (${fmtInt(plan.reportTickets / seedSeconds)} tickets/s, incl. vacuum analyze)`,
        ceiling: '—',
        ratio: '—',
        target: 'info',
      },
      {
        figure: `rebuildRollups · ${tickets} tickets · ${fmtInt(rebuild.rows)} community-months · PostgreSQL`,
        value: `${rebuild.seconds.toFixed(1)} s (${fmtInt(plan.reportTickets / rebuild.seconds)} tickets/s)`,
        ceiling: `${allSeconds.toFixed(1)} s (one GROUPING SETS statement over all tickets, owner, nothing stored)`,
        ratio: fmtPercent(allSeconds / rebuild.seconds),
        target: 'info',
      },
      {
        figure: `rebuildRollups · ${tickets} tickets · peak RSS`,
        value: `${fmtMb(rebuild.peakRssBytes)} (${fmtMb(rebuild.startRssBytes)} before)`,
        ceiling: '—',
        ratio: '—',
        target: 'info',
      },
      {
        figure: `${reportName} · p50`,
        value: `${fmtMs(p50)} (${plan.reportRequests} sequential requests)`,
        ceiling: `${fmtMs(scanP50)} (recomputeMonth's SELECT on the month's tickets, owner, no HTTP)`,
        ratio: times(p50, scanP50),
        target: `< ${MAX_REPORT_MS} ms`,
        pass: p50 < MAX_REPORT_MS,
      },
      {
        figure: `${reportName} · p99`,
        value: fmtMs(p99),
        ceiling: fmtMs(scanP99),
        ratio: times(p99, scanP99),
        target: `< ${MAX_REPORT_MS} ms`,
        pass: p99 < MAX_REPORT_MS,
      },
      {
        figure: `same SELECT for the month of all ${plan.reportCommunities} communities (${fmtInt(tenantCreated)} tickets) · p50`,
        value: `${fmtMs(tenantP50)} (median of ${plan.tenantScanRuns})`,
        ceiling: '—',
        ratio: '—',
        target: 'info',
      },
    ]
  } finally {
    await client.end()
    await closeCompany(company)
  }
}
