/**
 * The collection report (收缴率 and 清欠率 per community and month, billing.md "Collecting"), kept in
 * `billing_rollups` so the report never scans bills or the ledger per request. Payment and billing code marks
 * a community-year dirty (markCollectionDirty) in its own transaction; the billing.rollup.refresh job
 * recomputes the dirty years. A year's figures depend only on bills and ledger lines, so recomputing twice is
 * harmless.
 *
 * Per community and month of the bills' period (a bill belongs to the month its period starts in):
 * - billed_fen: amount − credited of the month's bills (credit notes reduce what was billed);
 * - collected_fen: paid toward those bills so far;
 * - prior_arrears_fen: what bills of earlier years still owed at 00:00 on 1 January (community time zone),
 *   from the ledger: receivable (1122) debits minus credits posted before then, for bills whose period
 *   started before then. The same figure on each month row of the year;
 * - recovered_fen: money collected in the month toward bills of earlier years. From the ledger, per line on a
 *   bill of an earlier year posted in the month: credits on receivable 1122 (payments, prepayment applied)
 *   less its debits (payment reversals, overcharges paid back), plus credits less debits on revenue 6001 on
 *   the same bill, so a credit note (Dr 6001 / Cr 1122, both on the bill) nets to zero: it cancels a charge,
 *   it collects nothing. Journals issuing bills (and their reversals) are left out for the same reason.
 */
import type { CollectionReport } from '@meihao/contracts'
import { type Kysely, sql, type Transaction } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../platform/db/database'
import { drainEveryTenant } from '../../platform/db/every-tenant'
import { withTenant } from '../../platform/db/tenancy'
import { notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { defineJob } from '../../platform/jobs'
import { communityFacts, communityInScope } from '../estate/published'
import { arrearsRecoveryRateBp, collectionRateBp } from './fee-math'
import type { BillingTables } from './tables'

type Tx = Transaction<BillingTables>
// biome-ignore lint/suspicious/noExplicitAny: any region's transaction (or the owner handle in maintenance)
type AnyDb = Kysely<any>

const BATCH = 200

/**
 * Marks a community-year for recomputation, in the caller's transaction: call it with the year of the period
 * of every bill a change touches (issued, paid, credited, reversed). Recomputing a year also recomputes the
 * later years up to the current one (their prior arrears and recoveries depend on it).
 */
export async function markCollectionDirty(
  tx: AnyDb,
  tenantId: string,
  communityId: string,
  year: number,
): Promise<void> {
  await sql`insert into billing_rollup_dirty (tenant_id, community_id, year)
            values (${tenantId}, ${communityId}, ${year})
            on conflict (tenant_id, community_id, year) do nothing`.execute(tx)
}

interface MonthFigures {
  month: string
  billed_fen: string
  collected_fen: string
  recovered_fen: string
}

/** Recomputes the twelve months of one community-year in the caller's transaction. */
export async function recomputeYear(
  tx: Tx,
  tenantId: string,
  communityId: string,
  year: number,
  timeZone: string,
): Promise<void> {
  const first = `${String(year).padStart(4, '0')}-01-01`
  const next = `${String(year + 1).padStart(4, '0')}-01-01`
  // Midnight of 1 January in the community's zone, as instants.
  const yearStart = sql`(${first}::date::timestamp at time zone ${timeZone})`
  const yearEnd = sql`(${next}::date::timestamp at time zone ${timeZone})`
  const { rows } = await sql<MonthFigures>`
    with months as (
      select (${first}::date + make_interval(months => m))::date as month from generate_series(0, 11) m),
    billed as (
      select date_trunc('month', b.period_start)::date as month,
             sum(b.amount_fen - b.credited_fen) as billed, sum(b.paid_fen) as collected
        from bills b
       where b.tenant_id = ${tenantId} and b.community_id = ${communityId}
         and b.period_start >= ${first}::date and b.period_start < ${next}::date
       group by 1),
    recovered as (
      select date_trunc('month', l.posted_at at time zone ${timeZone})::date as month,
             sum(l.credit_fen - l.debit_fen) as recovered
        from ledger_lines l
        join bills b on b.tenant_id = l.tenant_id and b.id = l.bill_id
        join ledger_journals j on j.tenant_id = l.tenant_id and j.id = l.journal_id
        left join ledger_journals rj on rj.tenant_id = j.tenant_id and rj.id = j.reverses_id
       where l.tenant_id = ${tenantId} and l.community_id = ${communityId} and l.account in ('1122', '6001')
         and l.posted_at >= ${yearStart} and l.posted_at < ${yearEnd}
         and b.period_start < ${first}::date
         -- Issuing a bill (or reversing its issue) charges; it collects nothing.
         and coalesce(rj.kind, j.kind) <> 'bill_issued'
       group by 1)
    select m.month::text as month,
           coalesce(bi.billed, 0)::bigint::text as billed_fen,
           coalesce(bi.collected, 0)::bigint::text as collected_fen,
           coalesce(r.recovered, 0)::bigint::text as recovered_fen
      from months m left join billed bi on bi.month = m.month left join recovered r on r.month = m.month
     order by m.month`.execute(tx)
  const { rows: prior } = await sql<{ prior: string }>`
    select coalesce(sum(l.debit_fen - l.credit_fen), 0)::bigint::text as prior
      from ledger_lines l join bills b on b.tenant_id = l.tenant_id and b.id = l.bill_id
     where l.tenant_id = ${tenantId} and l.community_id = ${communityId} and l.account = '1122'
       and l.posted_at < ${yearStart} and b.period_start < ${first}::date`.execute(tx)
  const priorFen = prior[0]?.prior ?? '0'
  const now = new Date()
  await tx
    .insertInto('billing_rollups')
    .values(
      rows.map((r) => ({
        tenant_id: tenantId,
        community_id: communityId,
        month: r.month,
        billed_fen: r.billed_fen,
        collected_fen: r.collected_fen,
        prior_arrears_fen: priorFen,
        recovered_fen: r.recovered_fen,
        computed_at: now,
      })),
    )
    // Two refreshes of one year at once (two workers) both write the same figures.
    .onConflict((c) =>
      c.columns(['tenant_id', 'community_id', 'month']).doUpdateSet((eb) => ({
        billed_fen: eb.ref('excluded.billed_fen'),
        collected_fen: eb.ref('excluded.collected_fen'),
        prior_arrears_fen: eb.ref('excluded.prior_arrears_fen'),
        recovered_fen: eb.ref('excluded.recovered_fen'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute()
}

async function currentYear(tx: Tx, timeZone: string): Promise<number> {
  const { rows } = await sql<{ y: number }>`
    select extract(year from now() at time zone ${timeZone})::int as y`.execute(tx)
  return rows[0]!.y
}

/** Recomputes `year` and every later year up to the current one (later years' prior arrears depend on it). */
async function recomputeFrom(tx: Tx, tenantId: string, communityId: string, year: number, timeZone: string) {
  const last = Math.max(year, await currentYear(tx, timeZone))
  for (let y = year; y <= last; y++) await recomputeYear(tx, tenantId, communityId, y, timeZone)
  return last - year + 1
}

/** Recomputes the dirty community-years of one company; answers how many marks it cleared. */
export async function refreshDirty(db: Database, tenantId: string, limit = BATCH): Promise<number> {
  const dirty = await withTenant<BillingTables, { community_id: string; year: number }[]>(
    db,
    tenantId,
    (tx) =>
      tx
        .selectFrom('billing_rollup_dirty')
        .select(['community_id', 'year'])
        .where('tenant_id', '=', tenantId)
        .orderBy('marked_at')
        .limit(limit)
        .execute(),
  )
  for (const { community_id, year } of dirty) {
    // Unmark and recompute in one transaction: a failure keeps the mark; a change committed meanwhile whose
    // mark insert waited for this delete marks the year again.
    await withTenant<BillingTables, void>(db, tenantId, async (tx) => {
      const facts = await communityFacts(tx, tenantId, community_id)
      await tx
        .deleteFrom('billing_rollup_dirty')
        .where('tenant_id', '=', tenantId)
        .where('community_id', '=', community_id)
        .where('year', '=', year)
        .execute()
      if (facts) await recomputeFrom(tx, tenantId, community_id, year, facts.timeZone)
    })
  }
  return dirty.length
}

/** Refreshes every company's dirty community-years; answers how many. */
export const refreshDirtyCollections = (db: Database): Promise<number> =>
  drainEveryTenant(db, BATCH, (tenantId) => refreshDirty(db, tenantId))

/**
 * Recomputes, from scratch, every year of every community that has bills (from the year of its first bill to
 * the current year, or its last bill's year if later), for one company or all; answers how many years.
 */
export async function rebuildCollections(db: Database, tenantId?: string): Promise<number> {
  const tenants = tenantId
    ? [tenantId]
    : (await sql<{ id: string }>`select id from tenants order by id`.execute(db.owner)).rows.map((r) => r.id)
  let years = 0
  for (const tenant of tenants) {
    const communities = await withTenant<
      BillingTables,
      { community_id: string; first: number; last: number }[]
    >(
      db,
      tenant,
      async (tx) =>
        (
          await sql<{ community_id: string; first: number; last: number }>`
            select community_id, extract(year from min(period_start))::int as first,
                   extract(year from max(period_start))::int as last
              from bills where tenant_id = ${tenant} group by community_id order by community_id`.execute(tx)
        ).rows,
    )
    for (const c of communities) {
      years += await withTenant<BillingTables, number>(db, tenant, async (tx) => {
        const facts = await communityFacts(tx, tenant, c.community_id)
        if (!facts) return 0
        const last = Math.max(c.last, await currentYear(tx, facts.timeZone))
        for (let y = c.first; y <= last; y++)
          await recomputeYear(tx, tenant, c.community_id, y, facts.timeZone)
        return last - c.first + 1
      })
    }
  }
  return years
}

// ── the report ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The months of a year as the rollup holds them: 收缴率 per month (collected ÷ billed for that month's bills)
 * and 清欠率 cumulative within the year (recovered so far ÷ prior-year arrears open on 1 January).
 */
export function collectionReport(ctx: RequestContext, communityId: string, year: number) {
  return inTenant<BillingTables, CollectionReport>(ctx, async (tx, tenantId) => {
    const community = await communityInScope(tx, actorOf(ctx), tenantId, communityId, 'billing.read')
    if (!community) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
    const first = `${String(year).padStart(4, '0')}-01-01`
    const rows = await tx
      .selectFrom('billing_rollups')
      .select([
        sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
        'billed_fen',
        'collected_fen',
        'prior_arrears_fen',
        'recovered_fen',
      ])
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', community.id)
      .where('month', '>=', first)
      .where(sql<boolean>`month < ${first}::date + interval '1 year'`)
      .orderBy('month')
      .execute()
    let recovered = 0
    return {
      communityId: community.id,
      year,
      months: rows.map((r) => {
        const billedFen = Number(r.billed_fen)
        const collectedFen = Number(r.collected_fen)
        const priorArrearsFen = Number(r.prior_arrears_fen)
        const recoveredFen = Number(r.recovered_fen)
        recovered += recoveredFen
        return {
          month: r.month,
          billedFen,
          collectedFen,
          collectionBp: collectionRateBp(Math.max(0, collectedFen), Math.max(0, billedFen)),
          priorArrearsFen,
          recoveredFen,
          // A reversal can take back more than was recovered so far: the rate never goes below zero.
          recoveryBp: arrearsRecoveryRateBp(Math.max(0, recovered), Math.max(0, priorArrearsFen)),
        }
      }),
    }
  })
}

// ── the job ─────────────────────────────────────────────────────────────────────────────────────────

/** Keeps the collection report current: recomputes the community-years payments and bills changed in. */
export const collectionRollupJob = defineJob({
  id: 'billing.rollup.refresh',
  payload: z.object({}),
  cron: '* * * * *',
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 10 * 60,
  async handler(_payload, { db, log }) {
    const years = await refreshDirtyCollections(db)
    if (years > 0) log.info({ job: 'billing.rollup.refresh', years }, 'refreshed collection rollups')
  },
})
