import type { BillingPreview, BillingRun, BillingRunInput } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import type { Database } from '../../platform/db/database'
import { withTenant } from '../../platform/db/tenancy'
import { invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { type BillingUnit, billingUnits, inScope, unitCount, unitRangeEnd } from '../estate/published'
import { type BillDraft, draftBills, firstDayOf, type ItemForDraft } from './bill-drafts'
import { issueBills } from './bill-issuer'
import { markCollectionDirty } from './collection-rollup'
import { feeItemsOf, requireCommunity, settingsOf } from './fee-config-service'
import { type BillingPeriod, billingPeriodOf, type Month, parseRate } from './fee-math'
import { settlePrepaid } from './prepaid-settlement'
import type { BillingTables } from './tables'

/**
 * Billing runs: one per community, period and cycle. A run cuts the community's units, in id order, into
 * chunks: a chunk is claimed under the run's lock (its range and the run's cursor commit together), then
 * billed in its own transaction (its bills, unique per unit × item × period start, their journal and the
 * chunk marked done commit together). So a run killed at any point resumes with its pending chunks and its
 * cursor, executors share a run without billing a chunk twice, and a re-run creates no duplicate and
 * misses no unit.
 */

type Tx = Transaction<BillingTables>
type RunRow = BillingTables['billing_runs'] & {
  chunks_done: number
  units_total: number
  units_done: number
  bills_created: number
  total_fen: string
  started_at: Date
  heartbeat_at: Date
}

export const RUN_CHUNK_UNITS = 2000
/**
 * Executors of one run side by side, each on its own connection: a chunk's JavaScript overlaps another's
 * database work. On 2 cores three keep both busy (bench/RESULTS.md: 1, 2 and 3 executors compared).
 */
export const RUN_WORKERS = 3
/** A run whose executor has not written for this long is taken over by the resume job. */
export const RUN_STALE_SECONDS = 60

const runOf = (r: RunRow): BillingRun => ({
  id: r.id,
  communityId: r.community_id,
  period: r.period_start.slice(0, 7),
  cycle: r.cycle as BillingRun['cycle'],
  status: r.status as BillingRun['status'],
  unitsTotal: r.units_total,
  unitsDone: r.units_done,
  billsCreated: r.bills_created,
  totalFen: Number(r.total_fen),
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  error: r.error,
})

interface RunPlan {
  period: BillingPeriod
  items: ItemForDraft[]
  dueDays: number
}

/** The items a run bills (active, per area / space / unit, of the run's cycle) with their standards. */
async function planOf(
  tx: Tx,
  tenantId: string,
  communityId: string,
  period: Month,
  cycle: string,
): Promise<RunPlan> {
  const billingPeriod = billingPeriodOf(cycle as 'monthly' | 'quarterly' | 'yearly', period)
  if (billingPeriod.first !== period)
    throw invalid('BILLING_PERIOD_NOT_ALIGNED', { first: billingPeriod.first })
  const items = (await feeItemsOf(tx, tenantId, communityId))
    .filter(
      (i) =>
        i.active && i.cycle === cycle && (i.kind === 'area' || i.kind === 'per_space' || i.kind === 'fixed'),
    )
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
  const settings = await settingsOf(tx, tenantId, communityId)
  return { period: billingPeriod, items, dueDays: settings.dueDays }
}

const draftsOf = (plan: RunPlan, units: readonly BillingUnit[]): BillDraft[] =>
  units.flatMap((unit) => plan.items.flatMap((item) => draftBills(unit, item, plan.period)))

// ── preview ─────────────────────────────────────────────────────────────────────────────────────────

export const previewRun = (ctx: RequestContext, input: Required<BillingRunInput>) =>
  inTenant<BillingTables, BillingPreview>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.run')
    const plan = await planOf(tx, tenantId, input.communityId, input.period, input.cycle)
    const names = new Map((await feeItemsOf(tx, tenantId, input.communityId)).map((i) => [i.id, i.name]))
    const existing = await existingBillKeys(tx, tenantId, input.communityId, plan)
    const byItem = new Map<string, { lines: number; totalFen: number }>()
    const preview = { units: 0, lines: 0, totalFen: 0, ownerFen: 0, developerFen: 0, existingLines: 0 }
    let cursor: string | null = null
    for (;;) {
      const units = await billingUnits(
        tx,
        tenantId,
        input.communityId,
        firstDayOf(plan.period.first),
        cursor,
        RUN_CHUNK_UNITS,
      )
      if (units.length === 0) break
      cursor = units.at(-1)!.id
      preview.units += units.length
      for (const draft of draftsOf(plan, units)) {
        if (existing.has(`${draft.unitId}|${draft.feeItemId}|${draft.periodStart}`)) {
          preview.existingLines += 1
          continue
        }
        preview.lines += 1
        preview.totalFen += draft.amountFen
        if (draft.payer === 'owner') preview.ownerFen += draft.amountFen
        else preview.developerFen += draft.amountFen
        const item = byItem.get(draft.feeItemId) ?? { lines: 0, totalFen: 0 }
        item.lines += 1
        item.totalFen += draft.amountFen
        byItem.set(draft.feeItemId, item)
      }
    }
    return {
      communityId: input.communityId,
      period: input.period,
      cycle: input.cycle,
      ...preview,
      byItem: plan.items.map((i) => ({
        feeItemId: i.id,
        feeItemName: names.get(i.id) ?? '',
        lines: byItem.get(i.id)?.lines ?? 0,
        totalFen: byItem.get(i.id)?.totalFen ?? 0,
      })),
    }
  })

async function existingBillKeys(tx: Tx, tenantId: string, communityId: string, plan: RunPlan) {
  if (plan.items.length === 0) return new Set<string>()
  const { rows } = await sql<{ key: string }>`
    select unit_id || '|' || fee_item_id || '|' || to_char(period_start, 'YYYY-MM') as key from bills
     where tenant_id = ${tenantId} and community_id = ${communityId}
       and fee_item_id = any(${plan.items.map((i) => i.id)}::uuid[])
       and period_start between ${firstDayOf(plan.period.first)}::date and ${firstDayOf(plan.period.last)}::date`.execute(
    tx,
  )
  return new Set(rows.map((r) => r.key))
}

// ── starting, resuming, executing ───────────────────────────────────────────────────────────────────

const RUN_COLUMNS = sql`id, tenant_id, community_id, period_start, cycle, status, cursor_unit, chunks_done,
  units_total, units_done, bills_created, total_fen, started_by, started_at, heartbeat_at, finished_at, error`

/**
 * Starts the run of a community, period and cycle, or picks up the one that exists: a finished run is
 * walked again from the start (it adds only bills that are missing, e.g. for units registered since), a
 * failed or stale one resumes at its cursor. Returns the run and whether the caller should execute it.
 * `takeOver` (the CLI after an interruption) executes a run that still looks alive: chunks lock the run,
 * so two executors only take turns, they never bill a chunk twice.
 */
export async function openRun(
  tx: Tx,
  tenantId: string,
  input: Required<BillingRunInput>,
  startedBy: string | null,
  options: { takeOver?: boolean } = {},
): Promise<{ run: BillingRun; execute: boolean }> {
  const periodStart = firstDayOf(input.period)
  const total = await unitCount(tx, tenantId, input.communityId)
  const { rows } = await sql<RunRow & { inserted: boolean }>`
    insert into billing_runs (tenant_id, id, community_id, period_start, cycle, status, units_total, started_by)
    values (${tenantId}, ${uuidv7()}, ${input.communityId}, ${periodStart}, ${input.cycle}, 'running', ${total}, ${startedBy})
    on conflict (tenant_id, community_id, period_start, cycle) do update
       set status = 'running', units_total = ${total}, error = null, finished_at = null, heartbeat_at = now(),
           cursor_unit = case when billing_runs.status = 'completed' then null else billing_runs.cursor_unit end,
           units_done = case when billing_runs.status = 'completed' then 0 else billing_runs.units_done end
     where ${options.takeOver === true} or billing_runs.status <> 'running'
        or billing_runs.heartbeat_at < now() - make_interval(secs => ${RUN_STALE_SECONDS})
    returning ${RUN_COLUMNS}, (xmax = 0) as inserted`.execute(tx)
  if (rows[0]) return { run: runOf(rows[0]), execute: true }
  // Running with a live executor: report it, do not start a second one.
  const { rows: current } = await sql<RunRow>`
    select ${RUN_COLUMNS} from billing_runs
     where tenant_id = ${tenantId} and community_id = ${input.communityId}
       and period_start = ${periodStart} and cycle = ${input.cycle}`.execute(tx)
  return { run: runOf(current[0]!), execute: false }
}

export type ChunkOutcome = 'progressed' | 'completed' | 'busy'

/**
 * Claims the run's next range of units as a pending chunk, under the run's row lock (held only for this
 * short step). When no unit is left, completes the run if no chunk is pending any more; a chunk still being
 * billed (pending, locked) leaves the completion to its executor. `busy`: nothing to claim for now.
 */
async function claimChunk(
  tx: Tx,
  tenantId: string,
  runId: string,
  chunkUnits: number,
): Promise<ChunkOutcome> {
  const { rows } = await sql<RunRow & { chunks_claimed: number }>`
    select ${RUN_COLUMNS}, chunks_claimed from billing_runs where tenant_id = ${tenantId} and id = ${runId}
       for update`.execute(tx)
  const run = rows[0]
  if (run?.status !== 'running') return 'busy'
  const lastUnit = await unitRangeEnd(tx, tenantId, run.community_id, run.cursor_unit, chunkUnits)
  if (lastUnit) {
    const chunkNo = run.chunks_claimed + 1
    await sql`insert into billing_run_chunks (tenant_id, run_id, chunk_no, after_unit, last_unit, status)
              values (${tenantId}, ${runId}, ${chunkNo}, ${run.cursor_unit}, ${lastUnit}, 'pending')`.execute(
      tx,
    )
    await sql`update billing_runs set cursor_unit = ${lastUnit}, chunks_claimed = ${chunkNo}, heartbeat_at = now()
               where tenant_id = ${tenantId} and id = ${runId}`.execute(tx)
    return 'progressed'
  }
  const { rows: pending } = await sql`select 1 from billing_run_chunks
     where tenant_id = ${tenantId} and run_id = ${runId} and status = 'pending' limit 1`.execute(tx)
  if (pending.length > 0) return 'busy'
  await sql`update billing_runs set status = 'completed', finished_at = now(), heartbeat_at = now()
             where tenant_id = ${tenantId} and id = ${runId}`.execute(tx)
  await markCollectionDirty(tx, tenantId, run.community_id, Number(run.period_start.slice(0, 4)))
  return 'completed'
}

/**
 * Bills the first pending chunk no other executor holds: its units' bills, their journal, prepaid
 * balances settling them, the chunk marked done and the run's counters (last, so the run's row is locked
 * only while committing). `busy` when no chunk is free.
 */
async function billPendingChunk(tx: Tx, tenantId: string, runId: string): Promise<ChunkOutcome> {
  const { rows: chunks } = await sql<{ chunk_no: number; after_unit: string | null; last_unit: string }>`
    select chunk_no, after_unit, last_unit from billing_run_chunks
     where tenant_id = ${tenantId} and run_id = ${runId} and status = 'pending'
     order by chunk_no limit 1 for update skip locked`.execute(tx)
  const chunk = chunks[0]
  if (!chunk) return 'busy'
  const { rows } = await sql<RunRow>`
    select ${RUN_COLUMNS} from billing_runs where tenant_id = ${tenantId} and id = ${runId}`.execute(tx)
  const run = rows[0]
  if (run?.status !== 'running') return 'busy'
  const plan = await planOf(tx, tenantId, run.community_id, run.period_start.slice(0, 7), run.cycle)
  const units = await billingUnits(
    tx,
    tenantId,
    run.community_id,
    run.period_start,
    chunk.after_unit,
    Number.MAX_SAFE_INTEGER,
    chunk.last_unit,
  )
  const key = `run:${runId}:${chunk.chunk_no}`
  const inserted = await issueBills(tx, tenantId, {
    communityId: run.community_id,
    drafts: draftsOf(plan, units),
    dueDays: plan.dueDays,
    runId,
    journalKey: key,
    actorId: run.started_by,
    memo: `billing run ${run.period_start.slice(0, 7)} chunk ${chunk.chunk_no}`,
  })
  await settlePrepaid(tx, tenantId, run.community_id, [...new Set(inserted.map((b) => b.unitId))], key)
  const totalFen = inserted.reduce((sum, b) => sum + b.amountFen, 0)
  await sql`update billing_run_chunks set status = 'done', units = ${units.length}, bills = ${inserted.length},
              total_fen = ${totalFen}, done_at = now()
             where tenant_id = ${tenantId} and run_id = ${runId} and chunk_no = ${chunk.chunk_no}`.execute(tx)
  await sql`update billing_runs set chunks_done = chunks_done + 1, units_done = units_done + ${units.length},
              bills_created = bills_created + ${inserted.length}, total_fen = total_fen + ${totalFen},
              heartbeat_at = now()
             where tenant_id = ${tenantId} and id = ${runId}`.execute(tx)
  return 'progressed'
}

/**
 * One step of a run in its own transaction: bill a pending chunk if one is free, else claim the next one
 * (or complete the run). `busy` when another executor holds what is left.
 */
export function runChunk(
  db: Database,
  tenantId: string,
  runId: string,
  chunkUnits = RUN_CHUNK_UNITS,
): Promise<ChunkOutcome> {
  return withTenant<BillingTables, ChunkOutcome>(db, tenantId, async (tx) => {
    const billed = await billPendingChunk(tx, tenantId, runId)
    return billed === 'busy' ? claimChunk(tx, tenantId, runId, chunkUnits) : billed
  })
}

/** Claims and bills one chunk in the caller's transaction (the demo seed bills inside its own). */
export async function runChunkIn(
  tx: Tx,
  tenantId: string,
  runId: string,
  chunkUnits = RUN_CHUNK_UNITS,
): Promise<ChunkOutcome> {
  const claimed = await claimChunk(tx, tenantId, runId, chunkUnits)
  return claimed === 'progressed' ? billPendingChunk(tx, tenantId, runId) : claimed
}

/**
 * Executes a run to its end with `workers` executors side by side (each its own connection and
 * transactions; they never bill the same chunk). Stops quietly when another process holds what is left.
 */
export async function executeRun(
  db: Database,
  tenantId: string,
  runId: string,
  onProgress?: (run: BillingRun) => void,
  chunkUnits = RUN_CHUNK_UNITS,
  workers = RUN_WORKERS,
): Promise<ChunkOutcome> {
  let failure: unknown = null
  const worker = async (): Promise<ChunkOutcome> => {
    for (;;) {
      if (failure) return 'busy'
      let outcome: ChunkOutcome
      try {
        outcome = await runChunk(db, tenantId, runId, chunkUnits)
      } catch (error) {
        failure ??= error
        return 'busy'
      }
      if (onProgress && outcome === 'progressed') onProgress(await readRun(db, tenantId, runId))
      if (outcome !== 'progressed') return outcome
    }
  }
  const outcomes = await Promise.all(Array.from({ length: Math.max(1, workers) }, worker))
  if (failure) {
    const message = String((failure as Error).message ?? failure).slice(0, 500)
    await withTenant(db, tenantId, (tx) =>
      sql`update billing_runs set status = 'failed', error = ${message}
           where tenant_id = ${tenantId} and id = ${runId}`.execute(tx),
    )
    throw failure
  }
  const outcome = outcomes.includes('completed') ? 'completed' : 'busy'
  if (onProgress) onProgress(await readRun(db, tenantId, runId))
  return outcome
}

async function readRun(db: Database, tenantId: string, runId: string): Promise<BillingRun> {
  return withTenant<BillingTables, BillingRun>(db, tenantId, async (tx) => {
    const { rows } = await sql<RunRow>`select ${RUN_COLUMNS} from billing_runs
                                        where tenant_id = ${tenantId} and id = ${runId}`.execute(tx)
    if (!rows[0]) throw notFound('BILLING_RUN_NOT_FOUND')
    return runOf(rows[0])
  })
}

/** Runs left running by an executor that died (server stopped, process killed): the resume job's work. */
export async function staleRuns(db: Database): Promise<{ tenantId: string; runId: string }[]> {
  // Company by company, as the app role: row level security holds even for this sweep.
  const { rows: tenants } = await sql<{ id: string }>`select id from tenants order by id`.execute(db.owner)
  const stale: { tenantId: string; runId: string }[] = []
  for (const { id: tenantId } of tenants) {
    const { rows } = await withTenant<BillingTables, { rows: { id: string }[] }>(db, tenantId, (tx) =>
      sql<{ id: string }>`
        select id from billing_runs
         where tenant_id = ${tenantId} and status = 'running'
           and heartbeat_at < now() - make_interval(secs => ${RUN_STALE_SECONDS})`.execute(tx),
    )
    for (const row of rows) stale.push({ tenantId, runId: row.id })
  }
  return stale
}

// ── the API ─────────────────────────────────────────────────────────────────────────────────────────

/** Starts (or resumes) a run and executes it in the background of this process; the console polls it. */
export async function startRun(ctx: RequestContext, input: Required<BillingRunInput>): Promise<BillingRun> {
  const opened = await inTenant<BillingTables, { run: BillingRun; execute: boolean }>(
    ctx,
    async (tx, tenantId) => {
      await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.run')
      await planOf(tx, tenantId, input.communityId, input.period, input.cycle)
      return openRun(tx, tenantId, input, ctx.actor?.userId ?? null)
    },
  )
  if (opened.execute) {
    const tenantId = ctx.actor!.tenantId!
    // Failures are recorded on the run (status failed, error); the resume job or a re-run continues it.
    executeRun(ctx.db, tenantId, opened.run.id).catch(() => undefined)
  }
  return opened.run
}

export const listRuns = (ctx: RequestContext, communityId: string) =>
  inTenant<BillingTables, BillingRun[]>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, communityId, 'billing.read')
    const { rows } = await sql<RunRow>`select ${RUN_COLUMNS} from billing_runs
      where tenant_id = ${tenantId} and community_id = ${communityId} order by period_start desc, cycle`.execute(
      tx,
    )
    return rows.map(runOf)
  })

export const getRun = (ctx: RequestContext, id: string) =>
  inTenant<BillingTables, BillingRun>(ctx, async (tx, tenantId) => {
    const row = await tx
      .selectFrom('billing_runs')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where(inScope(actorOf(ctx), 'billing.read', { community: 'community_id' }))
      .executeTakeFirst()
    if (!row) throw notFound('BILLING_RUN_NOT_FOUND')
    const { rows } = await sql<RunRow>`select ${RUN_COLUMNS} from billing_runs
                                        where tenant_id = ${tenantId} and id = ${id}`.execute(tx)
    return runOf(rows[0]!)
  })
