/**
 * Billing (`--only billing`), on PostgreSQL:
 * - a monthly billing run of one community of 1,000,000 units × 2 fee items (executeRun in its own process,
 *   as `meihao billing run` calls it), beside a raw batched INSERT of the same bill rows measured in the same
 *   run; then the same run with bigger chunks and through the real CLI;
 * - payment notifications (POST /api/v1/pay/notify/:tenantId/wechatpay, signed by the server's own sandbox)
 *   at 50 connections, first deliveries and redeliveries, beside a bare route.
 *
 * This file is also the entry of its child processes (BENCH_BILLING_ROLE = run | ceiling | notify-server |
 * notify-bare): bench/run.ts imports it without that variable and only gets the exports.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { createDeps, createHttpServer, openConfiguredDatabase } from '../apps/server/src/app'
import {
  draftBills,
  dueOn,
  firstDayOf,
  type ItemForDraft,
} from '../apps/server/src/modules/billing/bill-drafts'
import { feeItemsOf, settingsOf } from '../apps/server/src/modules/billing/fee-config-service'
import { billingPeriodOf, parseRate } from '../apps/server/src/modules/billing/fee-math'
import { paymentProviders } from '../apps/server/src/modules/billing/payment-providers'
import { executeRun, openRun } from '../apps/server/src/modules/billing/run-service'
import type { BillingTables } from '../apps/server/src/modules/billing/tables'
import { type BillingUnit, billingUnits } from '../apps/server/src/modules/estate/published'
import { loadConfig } from '../apps/server/src/platform/config'
import { createPiiCipher, newPiiKey } from '../apps/server/src/platform/crypto/pii'
import type { Database } from '../apps/server/src/platform/db/database'
import { withTenant } from '../apps/server/src/platform/db/tenancy'
import { uuidv7 } from '../apps/server/src/platform/ids'
import { openJobDeps } from './jobs/job-env'
import { databaseEnv, type ScratchDatabase, withScratch } from './lib/databases'
import { loadAverage } from './lib/machine'
import { step } from './lib/progress'
import { finish, report, reportFailure, reportPort, requiredEnv } from './lib/report'
import { type SeededCompany, seedCompany } from './lib/seed'
import { fmtInt, fmtMb, fmtMs, fmtPercent, type ResultRow } from './lib/table'

export interface BillingPlan {
  /** Units of the billed community (one community: a run is per community). */
  units: number
  /** Units per chunk (transaction) of every run. */
  chunkUnits: number
  /** Executors of the judged run (and of the CLI's, its default); each run bills its own month. */
  workers: number
  /** Further runs with these numbers of executors, for comparison (info). */
  compareWorkers: number[]
  /** Also bill a month through `meihao billing run` (its own process, chunk of the first size). */
  cli: boolean
  /** Notification figure: trades (orders) per server, and warm-up trades per server. */
  notifyTrades: number
  notifyWarmup: number
  connections: number
  /** Each pass is cut into `slices` runs alternating between the API and the bare route. */
  slices: number
  poolSize: number
}

export const BILLING_PLAN: BillingPlan = {
  units: 1_000_000,
  chunkUnits: 2_000,
  workers: 3,
  compareWorkers: [1],
  cli: true,
  notifyTrades: 20_000,
  notifyWarmup: 1_000,
  connections: 50,
  slices: 4,
  poolSize: 10,
}
export const BILLING_QUICK_PLAN: BillingPlan = {
  ...BILLING_PLAN,
  units: 20_000,
  compareWorkers: [1, 2],
  notifyTrades: 2_000,
  notifyWarmup: 200,
  slices: 2,
}

const MIN_SHARE_OF_CEILING = 0.3
const MAX_RUN_SECONDS = 120
/** Months billed, one per run: the ceilings and the first run bill the first. */
const MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10'] as const
/** 物业服务费 2.80 元/m²/月 on the building area, and a fixed 15.00 元/户/月. */
const FEE_ITEMS = [
  { code: 'WYF', name: '物业服务费', kind: 'area', rateE4: 28_000, sort: 1 },
  { code: 'LJF', name: '生活垃圾处理费', kind: 'fixed', rateE4: 150_000, sort: 2 },
] as const
const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url))
const SERVER_DIR = fileURLToPath(new URL('../apps/server/', import.meta.url))

// ── seeding ─────────────────────────────────────────────────────────────────────────────────────────

const SEED_CHUNK = 100_000

/** A UUIDv7-shaped id that grows with i (so id order is insertion order, as the server's ids are). */
const orderedId = (prefix: string, i: string) =>
  sql.raw(`(lpad(to_hex(1767225600000 + ${i}), 12, '0') || '7' || substr(md5('${prefix}' || ${i}), 1, 3) || '8'
     || substr(md5('${prefix}' || ${i}), 4, 15))::uuid`)

/**
 * The company, its community and buildings (lib/seed), then `units` units written by the schema owner with
 * INSERT … SELECT FROM generate_series, 200 per building: building areas 60.00–149.99 m² (exclusive 80%),
 * 5% unsold, 2% not delivered before mid-2027, 1% delivered in August 2026, a tenth of the buildings
 * delivered in 2019 and the rest in 2015; 70% of the units have an owner (party + ownership). Two monthly
 * fee items from January 2026: 物业服务费 2.80 元/m²/月 (area) and 15.00 元/户/月 (fixed). VACUUM ANALYZE.
 */
export async function seedBillingEstate(db: Database, piiKey: string, units: number): Promise<SeededCompany> {
  const company = await seedCompany(db, createPiiCipher(piiKey), units)
  const { tenantId, communityId } = company
  const owner = db.owner
  await owner.connection().execute(async (conn) => {
    await sql`set jit = off`.execute(conn)
    for (let lo = 0; lo < units; lo += SEED_CHUNK) {
      const hi = Math.min(units, lo + SEED_CHUNK) - 1
      await sql`
        insert into units (tenant_id, id, community_id, building_id, code, floor, building_area, exclusive_area,
                           use, delivery_date, sold)
        select ${tenantId}::uuid, ${orderedId('u', 'i')}, ${communityId}::uuid, b.id,
               b.code || '-' || ((i % 200) / 10 + 1)::text || lpad((i % 10 + 1)::text, 2, '0'),
               (i % 200) / 10 + 1,
               (6000 + (i::bigint * 7919) % 9000) / 100.0,
               floor((6000 + (i::bigint * 7919) % 9000) * 4 / 5) / 100.0,
               'residential',
               case when i % 50 = 3 then date '2027-06-30' when i % 97 = 5 then date '2026-08-15'
                    when (i / 200) % 10 = 9 then date '2019-09-30' else date '2015-06-30' end,
               i % 20 <> 7
          from generate_series(${lo}::int, ${hi}::int) as i
          join buildings b on b.tenant_id = ${tenantId}::uuid and b.community_id = ${communityId}::uuid
                          and b.code = (i / 200 + 1)::text`.execute(conn)
      const owned = sql`from generate_series(${lo}::int, ${hi}::int) as i where i % 10 < 7 and i % 20 <> 7`
      await sql`
        insert into parties (tenant_id, id, kind, name)
        select ${tenantId}::uuid, ${orderedId('p', 'i')}, 'person', '业主' || lpad((i + 1)::text, 7, '0') ${owned}`.execute(
        conn,
      )
      await sql`
        insert into unit_ownerships (tenant_id, id, unit_id, party_id, start_date)
        select ${tenantId}::uuid, ${orderedId('o', 'i')}, ${orderedId('u', 'i')}, ${orderedId('p', 'i')},
               date '2015-06-30' ${owned}`.execute(conn)
    }
    await sql`reset jit`.execute(conn)
  })
  for (const item of FEE_ITEMS) {
    const itemId = uuidv7()
    await sql`insert into fee_items (tenant_id, id, community_id, code, name, kind, cycle, sort)
              values (${tenantId}, ${itemId}, ${communityId}, ${item.code}, ${item.name}, ${item.kind}, 'monthly',
                      ${item.sort})`.execute(owner)
    await sql`insert into fee_standards (tenant_id, id, fee_item_id, effective_from, rate_e4)
              values (${tenantId}, ${uuidv7()}, ${itemId}, '2026-01-01', ${item.rateE4})`.execute(owner)
  }
  await sql`vacuum analyze`.execute(owner)
  return company
}

/**
 * Every run starts on an empty bills table and journal, as the first one and the ceilings' copies do (a
 * bills table holding earlier months takes scattered writes in its unique and open-bill indexes: slower),
 * and after a checkpoint, so that no run pays for another's dirty pages.
 */
async function emptyBills(db: Database) {
  await sql`truncate bills, ledger_lines, ledger_journals cascade`.execute(db.owner)
  await sql`vacuum analyze bills, ledger_lines, ledger_journals`.execute(db.owner)
  await sql`checkpoint`.execute(db.owner)
}

/**
 * An empty copy of `bills` for a ceiling: same columns, defaults, checks and indexes, and the same
 * statement trigger that checks each statement's units and fee items exist (bills have no foreign keys).
 */
async function createBillsCopy(db: Database, table: string) {
  await sql`create table ${sql.table(table)} (like bills including all)`.execute(db.owner)
  await sql`create trigger ${sql.id(`${table}_references_exist`)} after insert on ${sql.table(table)}
              referencing new table as new_bills for each statement
              execute function bills_references_exist()`.execute(db.owner)
}

// ── child side: statement profile and memory ────────────────────────────────────────────────────────

/** Statement classes of a run, by their text (run-service, ledger-store, prepaid-settlement, tenancy). */
const STATEMENT_CLASSES: [string, RegExp][] = [
  ['BEGIN + role + tenant', /^begin; select set_config/],
  ['COMMIT', /^commit/],
  ['claim: lock run (FOR UPDATE)', /from billing_runs where .* for update$/s],
  ['claim: end of the next range of units', /select id as last from/],
  [
    'claim: INSERT chunk, UPDATE run cursor',
    /^(insert into billing_run_chunks|update billing_runs set cursor_unit)/,
  ],
  ['bill: take a pending chunk (FOR UPDATE SKIP LOCKED)', /from billing_run_chunks\s+where .* skip locked/s],
  [
    'bill: chunk done, run counters UPDATE',
    /^update (billing_run_chunks set status|billing_runs set chunks_done)/,
  ],
  ['claim: pending chunks left? (at the end)', /^select 1 from billing_run_chunks/],
  ['plan: fee items, standards, settings', /from "(fee_items|fee_standards|billing_settings)"/],
  ['billingUnits SELECT', /from units u\s+join communities/],
  ['INSERT bills … ON CONFLICT … RETURNING', /^\s*insert into bills/],
  ['INSERT ledger_journals', /^insert into "ledger_journals"/],
  ['INSERT ledger_lines (+ balance trigger)', /^\s*insert into ledger_lines/],
  ['settlePrepaid: balances SELECT', /from unit_accounts\s+where .* prepaid_fen > 0/s],
  [
    'run row SELECT (chunk, progress callback)',
    /^select .* from billing_runs\s+where tenant_id = \$1 and id = \$2$/s,
  ],
]

type Profile = Record<string, { ms: number; n: number }>

/** Times every statement the process sends (pg.Client#query: driver encoding, round trip, result parsing). */
function profileStatements(): { profile: Profile; stop(): void } {
  const profile: Profile = {}
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const original = proto.query
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined
    const text = (typeof first === 'string' ? first : (first?.text ?? '')).trim()
    const name = STATEMENT_CLASSES.find(([, re]) => re.test(text))?.[0] ?? 'other'
    const t0 = performance.now()
    const result = original.apply(this, args)
    const record = () => {
      const entry = profile[name] ?? { ms: 0, n: 0 }
      entry.ms += performance.now() - t0
      entry.n += 1
      profile[name] = entry
    }
    if (result instanceof Promise) result.then(record, record)
    return result
  }
  return {
    profile,
    stop() {
      proto.query = original
    },
  }
}

/** process.memoryUsage().rss every 100 ms; the peak also from getrusage (between samples). */
function sampleRss() {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 100)
  return {
    stop() {
      clearInterval(timer)
      return {
        sampledPeakBytes: Math.max(peak, process.memoryUsage().rss),
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
      }
    },
  }
}

interface RunJobResult {
  seconds: number
  bills: number
  units: number
  chunks: number
  totalFen: number
  prepaidJournals: number
  prepaidUnits: number
  startRssBytes: number
  sampledPeakBytes: number
  maxRssBytes: number
  /** Wall time of each chunk (between progress callbacks, which includes readRun). */
  chunkMs: number[]
  profile: Profile
}

/** The run of BENCH_PERIOD for the community, as `meihao billing run` does it: openRun (take over), executeRun. */
async function runJob() {
  const tenantId = requiredEnv('BENCH_TENANT_ID')
  const communityId = requiredEnv('BENCH_COMMUNITY_ID')
  const period = requiredEnv('BENCH_PERIOD')
  const chunkUnits = Number(requiredEnv('BENCH_CHUNK'))
  const workers = Number(requiredEnv('BENCH_WORKERS'))
  const deps = await openJobDeps()
  const db = deps.db
  const startRssBytes = process.memoryUsage().rss
  const memory = sampleRss()
  const input = { communityId, period, cycle: 'monthly' as const }
  const { run } = await withTenant<BillingTables, Awaited<ReturnType<typeof openRun>>>(db, tenantId, (tx) =>
    openRun(tx, tenantId, input, null, { takeOver: true }),
  )
  // From here on every statement is timed: the profile covers executeRun only, as the wall time does.
  const statements = profileStatements()
  const chunkMs: number[] = []
  const started = performance.now()
  let last = started
  const outcome = await executeRun(
    db,
    tenantId,
    run.id,
    () => {
      const now = performance.now()
      chunkMs.push(now - last)
      last = now
    },
    chunkUnits,
    workers,
  )
  const seconds = (performance.now() - started) / 1000
  statements.stop()
  const { sampledPeakBytes, maxRssBytes } = memory.stop()
  if (outcome !== 'completed') throw new Error(`run ended ${outcome}`)
  const { rows } = await sql<{
    bills_created: number
    units_done: number
    chunks_done: number
    total_fen: string
  }>`
    select bills_created, units_done, chunks_done, total_fen from billing_runs
     where tenant_id = ${tenantId} and id = ${run.id}`.execute(db.owner)
  const { rows: prepaid } = await sql<{ journals: string; units: string }>`
    select (select count(*) from ledger_journals where tenant_id = ${tenantId}
              and key like ${`run:${run.id}:%:prepaid:%`}) as journals,
           (select count(*) from unit_accounts where tenant_id = ${tenantId} and community_id = ${communityId}
              and prepaid_fen > 0) as units`.execute(db.owner)
  await db.close()
  const result: RunJobResult = {
    seconds,
    bills: rows[0]!.bills_created,
    units: rows[0]!.units_done,
    chunks: rows[0]!.chunks_done,
    totalFen: Number(rows[0]!.total_fen),
    prepaidJournals: Number(prepaid[0]!.journals),
    prepaidUnits: Number(prepaid[0]!.units),
    startRssBytes,
    sampledPeakBytes,
    maxRssBytes,
    chunkMs,
    profile: statements.profile,
  }
  finish(result)
}

interface CeilingResult {
  /** Time spent in the INSERT statements only. */
  seconds: number
  rows: number
  statements: number
  totalFen: number
  /** Untimed work beside it: billingUnits pages, draftBills, and building the statement's arrays. */
  readMs: number
  draftMs: number
  arraysMs: number
  sampledPeakBytes: number
  maxRssBytes: number
}

/** The items of a monthly run with their standards, as run-service's planOf builds them. */
async function itemsForDraft(owner: Kysely<BillingTables>, tenantId: string, communityId: string) {
  const items = await owner.transaction().execute((tx) => feeItemsOf(tx, tenantId, communityId))
  return items
    .filter((i) => i.active && i.cycle === 'monthly' && (i.kind === 'area' || i.kind === 'fixed'))
    .map(
      (i): ItemForDraft => ({
        id: i.id,
        kind: i.kind as ItemForDraft['kind'],
        areaBasis: i.areaBasis,
        standards: i.standards.map((s) => ({
          id: s.id,
          effectiveFrom: s.effectiveFrom,
          rate: parseRate(s.rate),
          rounding: s.rounding,
          vacancy: s.vacancy,
        })),
      }),
    )
}

/**
 * The ceiling: the run's bill rows (same units in the same id pages, same draftBills, same 13 columns and
 * values) written into BENCH_TABLE by the schema owner, one `INSERT … SELECT FROM unnest(…)` per page, each
 * committing on its own like a chunk — no ON CONFLICT, no RETURNING, no journal, no cursor, no RLS. Only the
 * INSERT statements are timed.
 */
async function ceilingJob() {
  const tenantId = requiredEnv('BENCH_TENANT_ID')
  const communityId = requiredEnv('BENCH_COMMUNITY_ID')
  const month = requiredEnv('BENCH_PERIOD')
  const chunkUnits = Number(requiredEnv('BENCH_CHUNK'))
  const table = requiredEnv('BENCH_TABLE')
  const deps = await openJobDeps()
  const owner = deps.db.owner as Kysely<BillingTables>
  const memory = sampleRss()
  const items = await itemsForDraft(owner, tenantId, communityId)
  const { dueDays } = await owner.transaction().execute((tx) => settingsOf(tx, tenantId, communityId))
  const period = billingPeriodOf('monthly', month)
  const runId = uuidv7()
  const result = { seconds: 0, rows: 0, statements: 0, totalFen: 0, readMs: 0, draftMs: 0, arraysMs: 0 }
  let cursor: string | null = null
  for (;;) {
    let t0 = performance.now()
    const after = cursor
    const units: BillingUnit[] = await owner
      .transaction()
      .execute((tx) => billingUnits(tx, tenantId, communityId, firstDayOf(period.first), after, chunkUnits))
    result.readMs += performance.now() - t0
    if (units.length === 0) break
    cursor = units.at(-1)!.id
    t0 = performance.now()
    const drafts = units.flatMap((unit) => items.flatMap((item) => draftBills(unit, item, period)))
    result.draftMs += performance.now() - t0
    t0 = performance.now()
    const statement = sql`
      insert into ${sql.table(table)} (tenant_id, id, community_id, unit_id, fee_item_id, period_start, period_end,
                                       payer, amount_fen, due_on, standard_id, basis, run_id)
      select ${tenantId}, v.id, ${communityId}, v.unit_id, v.fee_item_id, v.period_start, v.period_end, v.payer,
             v.amount_fen, v.due_on, v.standard_id, v.basis, ${runId}
        from unnest(${drafts.map(() => uuidv7())}::uuid[], ${drafts.map((d) => d.unitId)}::uuid[],
                    ${drafts.map((d) => d.feeItemId)}::uuid[], ${drafts.map((d) => firstDayOf(d.periodStart))}::date[],
                    ${drafts.map((d) => firstDayOf(d.periodEnd))}::date[], ${drafts.map((d) => d.payer)}::text[],
                    ${drafts.map((d) => d.amountFen)}::bigint[], ${drafts.map((d) => dueOn(d.periodStart, dueDays))}::date[],
                    ${drafts.map((d) => d.standardId)}::uuid[], ${drafts.map((d) => d.basis)}::text[])
             as v(id, unit_id, fee_item_id, period_start, period_end, payer, amount_fen, due_on, standard_id, basis)`
    result.arraysMs += performance.now() - t0
    t0 = performance.now()
    await statement.execute(owner)
    result.seconds += (performance.now() - t0) / 1000
    result.rows += drafts.length
    result.statements += 1
    result.totalFen += drafts.reduce((sum, d) => sum + d.amountFen, 0)
  }
  await deps.db.close()
  finish({ ...result, ...memory.stop() } satisfies CeilingResult)
}

// ── child side: the notification servers ────────────────────────────────────────────────────────────

interface Trade {
  outTradeNo: string
  amountFen: number
  providerTradeNo: string
  notificationId: string
}
interface SignedRequest {
  headers: Record<string, string>
  body: string
}

/**
 * The real server (all routes, `LOG_LEVEL=silent`, no workers) with MEIHAO_PAYMENTS=sandbox, which needs
 * NODE_ENV other than production. Its sandbox keys exist only in this process, so this process also signs
 * the notifications, on request over IPC, right before each pass (WeChat's timestamps are good for 5 min):
 * paymentProviders(config) is the very instance the notify routes verify with.
 */
async function notifyServer() {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    MEIHAO_WORKERS: 'off',
    MEIHAO_PAYMENTS: 'sandbox',
  })
  const db = await openConfiguredDatabase(config)
  const deps = createDeps(config, db)
  const server = await createHttpServer(deps, { webApps: false })
  const sandbox = paymentProviders(deps.config).sandbox
  if (!sandbox) throw new Error('the server has no payment sandbox')
  await server.listen({ host: '127.0.0.1', port: 0 })
  process.on('message', (m: { id: number; sign: Trade[] }) => {
    const signed: SignedRequest[] = m.sign.map((t) => {
      const n = sandbox.wechatpay.signNotification(
        { outTradeNo: t.outTradeNo, amountFen: t.amountFen, providerTradeNo: t.providerTradeNo },
        { notificationId: t.notificationId },
      )
      return { headers: { ...n.headers, 'content-type': 'application/json' }, body: n.body }
    })
    report({ id: m.id, signed })
  })
  process.once('SIGTERM', async () => {
    await server.close()
    await db.close()
    process.exit(0)
  })
  reportPort(server.server.address())
}

/**
 * The ceiling for a notification: Fastify and a pg pool of the same size, one transaction that locks the
 * order by out_trade_no, marks it paid if pending and logs the delivery — no signature, no decryption, no
 * RLS, no ledger, no payment row, no receipt. The body names the trade in plain JSON.
 */
async function notifyBare() {
  const tenantId = requiredEnv('BENCH_TENANT_ID')
  const pool = new pg.Pool({
    connectionString: requiredEnv('DATABASE_URL'),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  })
  const app = Fastify({ logger: false })
  app.post<{ Body: Trade }>('/notify', async (req, reply) => {
    const trade = req.body
    const client = await pool.connect()
    try {
      await client.query('begin')
      const { rows } = await client.query<{ id: string; status: string }>({
        name: 'lock_order',
        text: `select id, status from payment_orders
                where tenant_id = $1 and out_trade_no = $2 and provider = 'wechatpay' for update`,
        values: [tenantId, trade.outTradeNo],
      })
      const order = rows[0]
      if (!order) {
        await client.query('rollback')
        return reply.status(400).send({ code: 'FAIL', message: 'BILLING_ORDER_NOT_FOUND' })
      }
      const outcome = order.status === 'pending' ? 'applied' : 'duplicate'
      if (outcome === 'applied')
        await client.query({
          name: 'pay_order',
          text: `update payment_orders set status = 'paid', paid_at = now() where tenant_id = $1 and id = $2`,
          values: [tenantId, order.id],
        })
      await client.query({
        name: 'log_notification',
        text: `insert into payment_notifications (tenant_id, id, provider, notification_id, provider_trade_no,
                 out_trade_no, amount_fen, outcome) values ($1, $2, 'wechatpay', $3, $4, $5, $6, $7)`,
        values: [
          tenantId,
          uuidv7(),
          trade.notificationId,
          trade.providerTradeNo,
          trade.outTradeNo,
          trade.amountFen,
          outcome,
        ],
      })
      await client.query('commit')
      return { code: 'SUCCESS', message: '成功' }
    } catch (error) {
      await client.query('rollback').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  process.once('SIGTERM', async () => {
    await app.close()
    await pool.end()
    process.exit(0)
  })
  reportPort(app.server.address())
}

// ── parent side: children ───────────────────────────────────────────────────────────────────────────

/** This file in its own process in `role`, with an IPC channel both ways (lib/child.ts only listens). */
interface RoleChild {
  first: Promise<unknown>
  request<T>(message: object): Promise<T>
  stop(): Promise<void>
}

function startRole(role: string, env: Record<string, string>): RoleChild {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'billing.ts'], {
    cwd: BENCH_DIR,
    env: { ...process.env, ...env, BENCH_BILLING_ROLE: role },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const waiting = new Map<number, (m: unknown) => void>()
  let nextId = 1
  const first = new Promise<unknown>((resolve, reject) => {
    let seen = false
    child.on('message', (m: { id?: number; error?: string }) => {
      if (m.error) {
        const error = new Error(`billing.ts (${role}): ${m.error}`)
        reject(error)
        for (const [, settle] of waiting) settle(error)
        return
      }
      if (!seen) {
        seen = true
        resolve(m)
      } else if (m.id !== undefined) waiting.get(m.id)?.(m)
    })
    child.once('exit', (code, signal) => {
      const error = new Error(`billing.ts (${role}) exited (${signal ?? code})`)
      reject(error)
      for (const [, settle] of waiting) settle(error)
    })
  })
  first.catch(() => undefined)
  return {
    first,
    request<T>(message: object) {
      const id = nextId++
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, (m) => {
          waiting.delete(id)
          if (m instanceof Error) reject(m)
          else resolve(m as T)
        })
        child.send({ ...message, id })
      })
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** A job: this file in `role` until it reports and exits. */
async function runRole<T>(role: string, env: Record<string, string>): Promise<T> {
  const child = startRole(role, env)
  try {
    return (await child.first) as T
  } finally {
    await child.stop()
  }
}

/** Peak resident set of another process, sampled from /proc every 100 ms (VmHWM: the kernel's own peak). */
function watchRss(pid: number) {
  let hwm = 0
  let rss = 0
  const read = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024)
      rss = Math.max(rss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024)
    } catch {
      // gone
    }
  }
  const timer = setInterval(read, 100)
  return {
    stop() {
      clearInterval(timer)
      return { sampledPeakBytes: rss, maxRssBytes: hwm }
    },
  }
}

interface CliResult {
  processSeconds: number
  reportedSeconds: number
  sampledPeakBytes: number
  maxRssBytes: number
}

/** `meihao billing run` as an operator types it (tsx, as `npm run meihao` runs it), one line per chunk. */
function runCli(env: Record<string, string>, period: string, chunkUnits: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'billing',
        'run',
        '--tenant',
        'bench',
        '--community',
        'bench',
        '--period',
        period,
        '--no-progress',
        '--chunk-units',
        String(chunkUnits),
      ],
      {
        cwd: SERVER_DIR,
        env: { ...process.env, ...env, NODE_ENV: 'production', LOG_LEVEL: 'silent', MEIHAO_WORKERS: 'off' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const memory = watchRss(child.pid!)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d) => {
      stdout += String(d)
    })
    child.stderr!.on('data', (d) => {
      stderr += String(d)
    })
    child.once('exit', (code) => {
      const processSeconds = (performance.now() - started) / 1000
      const peak = memory.stop()
      const reported = /completed in ([\d.]+) s/.exec(stdout)
      if (code !== 0 || !reported)
        return reject(new Error(`meihao billing run exited ${code}: ${stderr || stdout.slice(-2000)}`))
      resolve({ processSeconds, reportedSeconds: Number(reported[1]), ...peak })
    })
  })
}

// ── parent side: the billing run figures ────────────────────────────────────────────────────────────

const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`

/**
 * "INSERT bills 41% · billingUnits SELECT 27% · …": each class's share of the executors' time (wall time ×
 * executors; they overlap), biggest first; then the rest of it (JavaScript: drafts, arrays, Kysely, pool).
 */
function profileLine(run: RunJobResult, workers: number): string {
  const executorMs = run.seconds * 1000 * workers
  const entries = Object.entries(run.profile).sort((a, b) => b[1].ms - a[1].ms)
  const inStatements = entries.reduce((sum, [, e]) => sum + e.ms, 0)
  const parts = entries.map(
    ([name, e]) =>
      `${name} ${share(e.ms, executorMs)} (${(e.ms / Math.max(1, e.n)).toFixed(1)} ms × ${fmtInt(e.n)})`,
  )
  parts.push(`JavaScript between statements ${share(Math.max(0, executorMs - inStatements), executorMs)}`)
  return parts.join(' · ')
}

function percentile(xs: readonly number[], p: number) {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

export async function billingRunFigures(scratch: ScratchDatabase, plan: BillingPlan): Promise<ResultRow[]> {
  const units = fmtInt(plan.units)
  step(`billing · seeding ${units} units (generate_series), owners for 70%, 2 monthly fee items`)
  const piiKey = newPiiKey()
  const db = await scratch.open()
  try {
    const t0 = performance.now()
    const company = await seedBillingEstate(db, piiKey, plan.units)
    const seedSeconds = (performance.now() - t0) / 1000
    await createBillsCopy(db, 'bench_bills_before')
    await createBillsCopy(db, 'bench_bills_after')
    const env = {
      ...databaseEnv(scratch),
      MEIHAO_PII_KEY: piiKey,
      BENCH_TENANT_ID: company.tenantId,
      BENCH_COMMUNITY_ID: company.communityId,
    }
    const firstChunk = plan.chunkUnits
    const ceilingOf = (table: string) =>
      runRole<CeilingResult>('ceiling', {
        ...env,
        BENCH_TABLE: table,
        BENCH_PERIOD: MONTHS[0],
        BENCH_CHUNK: String(firstChunk),
      })
    const runOf = (period: string, workers: number) =>
      runRole<RunJobResult>('run', {
        ...env,
        BENCH_PERIOD: period,
        BENCH_CHUNK: String(firstChunk),
        BENCH_WORKERS: String(workers),
      })

    step(
      `billing · ceiling before the run: raw INSERT of the same rows, ${fmtInt(2 * firstChunk)} per statement`,
    )
    await sql`checkpoint`.execute(db.owner)
    const before = await ceilingOf('bench_bills_before')
    await sql`checkpoint`.execute(db.owner)
    const loadAtRun = loadAverage()
    step(
      `billing · run ${MONTHS[0]}, chunk ${fmtInt(firstChunk)}, ${plan.workers} executors (executeRun in its own process; load ${loadAtRun})`,
    )
    const run = await runOf(MONTHS[0], plan.workers)
    step('billing · ceiling after the run')
    await sql`checkpoint`.execute(db.owner)
    const after = await ceilingOf('bench_bills_after')
    for (const c of [before, after])
      if (c.rows !== run.bills || c.totalFen !== run.totalFen)
        throw new Error(
          `the run wrote ${run.bills} bills (${run.totalFen} fen), a ceiling ${c.rows} (${c.totalFen})`,
        )
    const { rows: diff } = await sql<{ n: string }>`
      select count(*) as n from (
        (select unit_id, fee_item_id, period_start, period_end, payer, amount_fen, due_on, standard_id, basis
           from bills where tenant_id = ${company.tenantId} and period_start = ${firstDayOf(MONTHS[0])}
         except all
         select unit_id, fee_item_id, period_start, period_end, payer, amount_fen, due_on, standard_id, basis
           from bench_bills_before)
        union all
        (select unit_id, fee_item_id, period_start, period_end, payer, amount_fen, due_on, standard_id, basis
           from bench_bills_before
         except all
         select unit_id, fee_item_id, period_start, period_end, payer, amount_fen, due_on, standard_id, basis
           from bills where tenant_id = ${company.tenantId} and period_start = ${firstDayOf(MONTHS[0])})) d`.execute(
      db.owner,
    )
    if (Number(diff[0]!.n) !== 0)
      throw new Error(`the ceiling's rows differ from the run's in ${diff[0]!.n} rows`)
    const { rows: ledger } = await sql<{ lines: string; fen: string }>`
      select count(*) as lines, coalesce(sum(debit_fen), 0) as fen from ledger_lines
       where tenant_id = ${company.tenantId} and account = '1122'`.execute(db.owner)
    if (Number(ledger[0]!.lines) !== run.bills || Number(ledger[0]!.fen) !== run.totalFen)
      throw new Error(`the journal has ${ledger[0]!.lines} receivable lines for ${run.bills} bills`)

    const more: { workers: number; period: string; run: RunJobResult }[] = []
    for (const [k, workers] of plan.compareWorkers.entries()) {
      const period = MONTHS[1 + k]!
      await emptyBills(db)
      step(`billing · run ${period}, ${workers} executor(s) (load ${loadAverage()})`)
      more.push({ workers, period, run: await runOf(period, workers) })
    }
    let cli: (CliResult & { period: string; bills: number }) | undefined
    if (plan.cli) {
      const period = MONTHS[1 + plan.compareWorkers.length]!
      await emptyBills(db)
      step(
        `billing · run ${period} through \`meihao billing run --chunk-units ${firstChunk}\` (load ${loadAverage()})`,
      )
      const result = await runCli(env, period, firstChunk)
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from bills where tenant_id = ${company.tenantId} and period_start = ${firstDayOf(period)}`.execute(
        db.owner,
      )
      cli = { ...result, period, bills: Number(rows[0]!.n) }
    }

    const ceilingRate = (before.rows / before.seconds + after.rows / after.seconds) / 2
    const rate = (r: RunJobResult) => r.bills / r.seconds
    const ceilingText = `${fmtInt(ceilingRate)} rows/s (mean of ${fmtInt(before.rows / before.seconds)} before and ${fmtInt(after.rows / after.seconds)} after: raw INSERT … FROM unnest, ${fmtInt(2 * firstChunk)} rows per statement and commit, owner, empty copy of bills)`
    const name = (workers: number, period: string) =>
      `billing run · ${units} units × 2 items · ${period} · chunk ${fmtInt(firstChunk)} · ${workers} executor${workers === 1 ? '' : 's'} · PostgreSQL`
    const settled = (r: RunJobResult) =>
      `${fmtInt(r.prepaidJournals)} prepaid journals (${fmtInt(r.prepaidUnits)} units hold a balance); lookup ${fmtMs(r.profile['settlePrepaid: balances SELECT']?.ms ?? 0)} in all`
    const rows: ResultRow[] = [
      {
        figure: `seed ${units} units (70% owned) + 2 fee items · PostgreSQL`,
        value: `${seedSeconds.toFixed(1)} s (incl. vacuum analyze)`,
        ceiling: '—',
        ratio: '—',
        target: 'info',
      },
      {
        figure: `${name(plan.workers, MONTHS[0])} · bill lines/s`,
        value: `${fmtInt(rate(run))} (${fmtInt(run.bills)} bills in ${fmtInt(run.chunks)} chunks; load ${loadAtRun})`,
        ceiling: ceilingText,
        ratio: fmtPercent(rate(run) / ceilingRate),
        target: `≥ ${fmtPercent(MIN_SHARE_OF_CEILING)} of ceiling`,
        pass: rate(run) / ceilingRate >= MIN_SHARE_OF_CEILING,
      },
      {
        figure: `${name(plan.workers, MONTHS[0])} · wall time`,
        value: `${run.seconds.toFixed(1)} s (chunk p50 ${fmtMs(percentile(run.chunkMs, 50))}, max ${fmtMs(Math.max(...run.chunkMs))})`,
        ceiling: `${((before.seconds + after.seconds) / 2).toFixed(1)} s in INSERTs`,
        ratio: `${(run.seconds / ((before.seconds + after.seconds) / 2)).toFixed(1)}×`,
        target: `< ${MAX_RUN_SECONDS} s`,
        pass: run.seconds < MAX_RUN_SECONDS,
      },
      {
        figure: `${name(plan.workers, MONTHS[0])} · peak RSS`,
        value: `${fmtMb(run.sampledPeakBytes)} sampled every 100 ms (maxRSS ${fmtMb(run.maxRssBytes)}; ${fmtMb(run.startRssBytes)} before)`,
        ceiling: `${fmtMb(Math.max(before.sampledPeakBytes, after.sampledPeakBytes))} (ceiling process)`,
        ratio: '—',
        target: 'info',
      },
      {
        figure: `${name(plan.workers, MONTHS[0])} · prepaid settlement`,
        value: settled(run),
        ceiling: '—',
        ratio: '—',
        target: 'info',
      },
      {
        figure: `${name(plan.workers, MONTHS[0])} · where the time goes (share of the executors' time; ms per statement × count)`,
        value: profileLine(run, plan.workers),
        ceiling: `ceiling's untimed side: billingUnits ${fmtMs(before.readMs / before.statements)}, draftBills ${fmtMs(before.draftMs / before.statements)}, arrays ${fmtMs(before.arraysMs / before.statements)} per page; INSERT ${fmtMs((1000 * before.seconds) / before.statements)}`,
        ratio: '—',
        target: 'info',
      },
    ]
    for (const m of more)
      rows.push({
        figure: `${name(m.workers, m.period)} · bill lines/s (bills emptied first, as for the first run)`,
        value: `${fmtInt(rate(m.run))} (${m.run.seconds.toFixed(1)} s; peak RSS ${fmtMb(m.run.sampledPeakBytes)}, maxRSS ${fmtMb(m.run.maxRssBytes)})`,
        ceiling: `${fmtInt(ceilingRate)} rows/s`,
        ratio: fmtPercent(rate(m.run) / ceilingRate),
        target: 'info',
      })
    if (cli)
      rows.push({
        figure: `\`meihao billing run --chunk-units ${firstChunk}\` (own process, bills emptied first) · ${units} units × 2 items · ${cli.period} · PostgreSQL`,
        value: `${cli.reportedSeconds.toFixed(1)} s as it reports (${fmtInt(cli.bills / cli.reportedSeconds)} bill lines/s; ${cli.processSeconds.toFixed(1)} s process; peak RSS ${fmtMb(cli.sampledPeakBytes)}, VmHWM ${fmtMb(cli.maxRssBytes)})`,
        ceiling: `${fmtInt(ceilingRate)} rows/s`,
        ratio: fmtPercent(cli.bills / cli.reportedSeconds / ceilingRate),
        target: `< ${MAX_RUN_SECONDS} s`,
        pass: cli.reportedSeconds < MAX_RUN_SECONDS,
      })
    return rows
  } finally {
    await db.close()
  }
}

// ── parent side: the notification figures ──────────────────────────────────────────────────────────

interface Order {
  out_trade_no: string
  amount_fen: string
}

interface Pass {
  latenciesMs: number[]
  seconds: number
  failures: Record<string, number>
}

/** `requests` POSTs, each sent once, over `connections` closed-loop connections. */
function deliver(origin: string, path: string, requests: readonly SignedRequest[], connections: number) {
  const latenciesMs: number[] = []
  const failures: Record<string, number> = {}
  let next = 0
  const started = performance.now()
  return new Promise<Pass>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: Math.min(connections, requests.length),
        amount: requests.length,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const r = requests[next++]
              if (!r) throw new Error('autocannon asked for more requests than the amount')
              return { ...req, path, headers: r.headers, body: r.body }
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error)
        if (result.errors > 0) failures.error = result.errors
        if (next !== requests.length) failures.unsent = requests.length - next
        resolve({ latenciesMs, seconds: (performance.now() - started) / 1000, failures })
      },
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime)
      else failures[statusCode] = (failures[statusCode] ?? 0) + 1
    })
  })
}

/**
 * What the database's client backends are doing while the API is loaded: every 200 ms, the active ones by
 * wait event (Lock:transactionid is a backend queued behind another transaction's row lock).
 */
async function watchBackends(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const totals: Record<string, number> = {}
  let samples = 0
  let busy = false
  const timer = setInterval(async () => {
    if (busy) return
    busy = true
    try {
      const { rows } = await client.query<{ what: string; n: number }>(
        `select case when wait_event_type = 'Lock'
                     then 'Lock:' || wait_event || ' in «' || left(regexp_replace(query, '\\s+', ' ', 'g'), 36) || '…»'
                     else coalesce(wait_event_type || ':' || wait_event, 'running') end as what,
                count(*)::int as n
           from pg_stat_activity
          where datname = current_database() and backend_type = 'client backend' and state = 'active'
            and pid <> pg_backend_pid()
          group by 1`,
      )
      samples += 1
      for (const r of rows) totals[r.what] = (totals[r.what] ?? 0) + r.n
    } finally {
      busy = false
    }
  }, 200)
  return {
    async stop() {
      clearInterval(timer)
      while (busy) await new Promise((resolve) => setTimeout(resolve, 10))
      await client.end()
      return { totals, samples }
    },
  }
}

type Waits = { totals: Record<string, number>; samples: number }

/** "8.1 active: Lock:transactionid 6.2, running 1.1, …" (mean backends over the samples). */
function waitsLine(waits: readonly Waits[], poolSize: number): string {
  const totals: Record<string, number> = {}
  let samples = 0
  for (const w of waits) {
    samples += w.samples
    for (const [k, n] of Object.entries(w.totals)) totals[k] = (totals[k] ?? 0) + n
  }
  const mean = (n: number) => (n / Math.max(1, samples)).toFixed(1)
  const active = Object.values(totals).reduce((sum, n) => sum + n, 0)
  const top = Object.entries(totals)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, n]) => `${k} ${mean(n)}`)
  return `${mean(active)} of ${poolSize} pool connections active on average (${fmtInt(samples)} samples): ${top.join(', ')}`
}

function summarizePasses(passes: readonly Pass[]) {
  const latencies = passes.flatMap((p) => p.latenciesMs)
  const seconds = passes.reduce((sum, p) => sum + p.seconds, 0)
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    n: latencies.length,
  }
}

export async function billingNotifyFigures(
  scratch: ScratchDatabase,
  plan: BillingPlan,
): Promise<ResultRow[]> {
  const trades = plan.notifyTrades + plan.notifyWarmup
  step(`billing · notify: seeding ${fmtInt(trades)} units, billing one month, ${fmtInt(2 * trades)} orders`)
  const piiKey = newPiiKey()
  const db = await scratch.open()
  const children: RoleChild[] = []
  try {
    const company = await seedBillingEstate(db, piiKey, trades)
    const { tenantId, communityId } = company
    const { run } = await withTenant<BillingTables, Awaited<ReturnType<typeof openRun>>>(db, tenantId, (tx) =>
      openRun(tx, tenantId, { communityId, period: MONTHS[0], cycle: 'monthly' }, null),
    )
    await executeRun(db, tenantId, run.id)
    // Per unit: the API's order pays its open bills (amount fixed now, as createOrder does); the bare
    // route's order is a second one of the same amount.
    for (const kind of ['api', 'bare'] as const)
      await sql`
        insert into payment_orders (tenant_id, id, out_trade_no, community_id, unit_id, provider, bill_ids, amount_fen)
        select ${tenantId}::uuid, o.id, 'MH' || substr(replace(o.id::text, '-', ''), 1, 30), ${communityId}::uuid,
               o.unit_id, 'wechatpay', o.bill_ids, o.fen
          from (select ${orderedId(kind, 'row_number() over (order by unit_id)')} as id, unit_id,
                       ${kind === 'api' ? sql`array_agg(id order by period_start, fee_item_id)` : sql`null::uuid[]`} as bill_ids,
                       sum(amount_fen - paid_fen - credited_fen) as fen
                  from bills where tenant_id = ${tenantId} and community_id = ${communityId} group by unit_id) o`.execute(
        db.owner,
      )
    await sql`vacuum analyze`.execute(db.owner)
    const ordersOf = async (kind: 'api' | 'bare') => {
      const { rows } = await sql<Order>`
        select out_trade_no, amount_fen from payment_orders
         where tenant_id = ${tenantId} and (bill_ids is null) = ${kind === 'bare'} order by unit_id`.execute(
        db.owner,
      )
      return rows.map(
        (o, i): Trade => ({
          outTradeNo: o.out_trade_no,
          amountFen: Number(o.amount_fen),
          providerTradeNo: `4200${kind === 'api' ? 1 : 2}${String(i).padStart(23, '0')}`,
          notificationId: uuidv7(),
        }),
      )
    }
    const apiTrades = await ordersOf('api')
    const bareTrades = await ordersOf('bare')
    if (apiTrades.length !== trades) throw new Error(`${apiTrades.length} orders for ${trades} units`)

    const env = {
      ...databaseEnv(scratch),
      MEIHAO_PII_KEY: piiKey,
      DATABASE_POOL_SIZE: String(plan.poolSize),
      BENCH_TENANT_ID: tenantId,
    }
    const api = startRole('notify-server', env)
    children.push(api)
    const bare = startRole('notify-bare', env)
    children.push(bare)
    const apiOrigin = `http://127.0.0.1:${((await api.first) as { port: number }).port}`
    const bareOrigin = `http://127.0.0.1:${((await bare.first) as { port: number }).port}`
    const apiPath = `/api/v1/pay/notify/${tenantId}/wechatpay`
    const sign = async (list: readonly Trade[]) =>
      (await api.request<{ signed: SignedRequest[] }>({ sign: list })).signed
    const plain = (list: readonly Trade[]): SignedRequest[] =>
      list.map((t) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(t) }))
    const targets = [
      { name: 'bare', origin: bareOrigin, path: '/notify', trades: bareTrades, prepare: plain },
      { name: 'api', origin: apiOrigin, path: apiPath, trades: apiTrades, prepare: sign },
    ]
    const waits: Record<'first' | 'again', Waits[]> = { first: [], again: [] }
    const run1 = async (t: (typeof targets)[number], list: readonly Trade[], watch?: Waits[]) => {
      const requests = await t.prepare(list)
      const backends = watch ? await watchBackends(scratch.location) : undefined
      const pass = await deliver(t.origin, t.path, requests, plan.connections)
      if (watch && backends) watch.push(await backends.stop())
      if (Object.keys(pass.failures).length > 0)
        throw new Error(
          `${t.name}: ${pass.latenciesMs.length} answered 2xx, failures ${JSON.stringify(pass.failures)}`,
        )
      return pass
    }

    step(`billing · notify: warm-up, ${fmtInt(plan.notifyWarmup)} trades per server, delivered twice`)
    for (const t of targets) {
      const warm = t.trades.slice(0, plan.notifyWarmup)
      await run1(t, warm)
      await run1(t, warm)
    }
    const measured = (t: (typeof targets)[number]) => t.trades.slice(plan.notifyWarmup)
    const sliceOf = (list: readonly Trade[], s: number) => {
      const size = Math.ceil(list.length / plan.slices)
      return list.slice(s * size, (s + 1) * size)
    }
    const results: Record<string, Record<'first' | 'again', Pass[]>> = {
      api: { first: [], again: [] },
      bare: { first: [], again: [] },
    }
    const loads: string[] = []
    for (const pass of ['first', 'again'] as const) {
      loads.push(loadAverage())
      step(
        `billing · notify: ${pass === 'first' ? 'first deliveries' : 'redeliveries'} of ${fmtInt(plan.notifyTrades)} trades per server, ${plan.slices} alternating slices (load ${loadAverage()})`,
      )
      for (let s = 0; s < plan.slices; s++)
        for (const t of s % 2 === 0 ? targets : [...targets].reverse())
          results[t.name]![pass].push(
            await run1(t, sliceOf(measured(t), s), t.name === 'api' ? waits[pass] : undefined),
          )
    }

    const { rows: log } = await sql<{ outcome: string; n: string }>`
      select outcome, count(*) as n from payment_notifications where tenant_id = ${tenantId}
       group by outcome`.execute(db.owner)
    const outcomes = Object.fromEntries(log.map((r) => [r.outcome, Number(r.n)]))
    const { rows: paid } = await sql<{ payments: string; receipts: string; unpaid: string }>`
      select (select count(*) from payments where tenant_id = ${tenantId}) as payments,
             (select count(distinct seq) from receipts where tenant_id = ${tenantId}) as receipts,
             (select count(*) from payment_orders where tenant_id = ${tenantId} and status <> 'paid') as unpaid`.execute(
      db.owner,
    )
    const expectedOutcomes = { applied: 2 * trades, duplicate: 2 * trades }
    if (
      outcomes.applied !== expectedOutcomes.applied ||
      outcomes.duplicate !== expectedOutcomes.duplicate ||
      outcomes.refused !== undefined ||
      Number(paid[0]!.payments) !== trades ||
      Number(paid[0]!.receipts) !== trades ||
      Number(paid[0]!.unpaid) !== 0
    )
      throw new Error(`notifications logged ${JSON.stringify(outcomes)}, ${JSON.stringify(paid[0])}`)

    const conn = `${plan.connections} conn · pool ${plan.poolSize} · PostgreSQL`
    const rows: ResultRow[] = []
    const bareText =
      'bare route: order locked, marked paid, delivery logged — one transaction, no verification'
    for (const pass of ['first', 'again'] as const) {
      const a = summarizePasses(results.api![pass])
      const b = summarizePasses(results.bare![pass])
      const label =
        pass === 'first'
          ? `POST /api/v1/pay/notify/:tenantId/wechatpay · first delivery (applied: payment, journal, receipt)`
          : 'POST /api/v1/pay/notify/:tenantId/wechatpay · redelivery of a paid trade (duplicate)'
      rows.push(
        {
          figure: `${label} · ${conn} · req/s`,
          value: `${fmtInt(a.rps)} (${fmtInt(a.n)} notifications; load ${loads[pass === 'first' ? 0 : 1]})`,
          ceiling: `${fmtInt(b.rps)} (${bareText})`,
          ratio: fmtPercent(a.rps / b.rps),
          target: 'info',
        },
        {
          figure: `${label} · p50`,
          value: fmtMs(a.p50),
          ceiling: fmtMs(b.p50),
          ratio: `${(a.p50 / b.p50).toFixed(1)}×`,
          target: 'info',
        },
        {
          figure: `${label} · p99`,
          value: fmtMs(a.p99),
          ceiling: fmtMs(b.p99),
          ratio: `${(a.p99 / b.p99).toFixed(1)}×`,
          target: 'info',
        },
        {
          figure: `${label} · database backends during the API's runs`,
          value: waitsLine(waits[pass], plan.poolSize),
          ceiling: '—',
          ratio: '—',
          target: 'info',
        },
      )
    }
    rows.push({
      figure: 'notifications · check',
      value: `${fmtInt(trades)} trades per server (${fmtInt(plan.notifyWarmup)} warm-up), each delivered twice: ${fmtInt(outcomes.applied ?? 0)} applied, ${fmtInt(outcomes.duplicate ?? 0)} duplicate, 0 refused; ${fmtInt(Number(paid[0]!.payments))} payments, receipts 1…${fmtInt(Number(paid[0]!.receipts))} without a gap`,
      ceiling: '—',
      ratio: '—',
      target: 'info',
    })
    return rows
  } finally {
    for (const c of children) await c.stop()
    await db.close()
  }
}

/** Both parts, each on its own fresh PostgreSQL database. */
export async function billingFigures(plan: BillingPlan): Promise<ResultRow[]> {
  return [
    ...(await withScratch('postgres', (scratch) => billingRunFigures(scratch, plan))),
    ...(await withScratch('postgres', (scratch) => billingNotifyFigures(scratch, plan))),
  ]
}

// ── entry of the child processes ────────────────────────────────────────────────────────────────────

const ROLES: Record<string, () => Promise<void>> = {
  run: runJob,
  ceiling: ceilingJob,
  'notify-server': notifyServer,
  'notify-bare': notifyBare,
}
const role = process.env.BENCH_BILLING_ROLE
if (role) {
  const main = ROLES[role]
  if (!main) throw new Error(`BENCH_BILLING_ROLE ${role} is not one of ${Object.keys(ROLES).join(', ')}`)
  await reportFailure(main)
}
