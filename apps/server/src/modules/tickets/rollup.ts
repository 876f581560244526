/**
 * Monthly figures per community, kept in `ticket_rollups` so reports (and later the regulators'
 * dashboards) never scan tickets per request. A ticket's change marks its community-month dirty
 * (ticket-writer.ts); the refresh job recomputes dirty months from the tickets of that month: the
 * result depends only on the tickets, so recomputing twice is harmless.
 */
import type { ReportRow, TicketKind, TicketReport, Timeliness } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import type { Database } from '../../platform/db/database'
import { drainEveryTenant } from '../../platform/db/every-tenant'
import { withTenant } from '../../platform/db/tenancy'
import { notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { communityFacts, communityInScope, householdCount } from '../estate/published'
import { monthOf } from './local-day'
import type { TicketTables } from './tables'

type Tx = Transaction<TicketTables>
const MINUTE_MS = 60_000n

/** What a rollup row stores: counts and sums, all integers (durations in ms as strings). */
interface ClockFigures {
  measured: number
  onTime: number
  count: number
  sumMs: string
  p90Ms: string | null
}
interface Figures {
  created: number
  closed: number
  cancelled: number
  response: ClockFigures
  arrival: ClockFigures
  resolution: ClockFigures
  ratings: number
  ratingSum: number
  satisfied: number
  reopened: number
}

const clockSql = (clock: 'response' | 'arrival' | 'resolution') => {
  const ms = sql.ref(`${clock}_ms`)
  const target = sql.ref(`${clock}_minutes`)
  return sql`
    count(*) filter (where ${target} is not null and (${ms} is not null or ${clock} = any(breached_clocks))) as ${sql.ref(`${clock}_measured`)},
    count(*) filter (where ${ms} is not null and ${ms} <= ${target}::bigint * 60000) as ${sql.ref(`${clock}_on_time`)},
    count(${ms}) as ${sql.ref(`${clock}_count`)},
    coalesce(sum(${ms}), 0)::text as ${sql.ref(`${clock}_sum`)},
    (percentile_disc(0.9) within group (order by ${ms}))::text as ${sql.ref(`${clock}_p90`)}`
}

type FigureRow = Record<string, string | number | null> & {
  gk: number
  gc: number
  kind: string | null
  category_id: string | null
}

const clockFigures = (r: FigureRow, clock: string): ClockFigures => ({
  measured: Number(r[`${clock}_measured`]),
  onTime: Number(r[`${clock}_on_time`]),
  count: Number(r[`${clock}_count`]),
  sumMs: String(r[`${clock}_sum`]),
  p90Ms: r[`${clock}_p90`] === null ? null : String(r[`${clock}_p90`]),
})

/** Recomputes one community-month (the month a ticket was created in, in the community's time zone). */
export async function recomputeMonth(
  tx: Tx,
  tenantId: string,
  communityId: string,
  month: string,
  timeZone: string,
) {
  const { rows } = await sql<FigureRow>`
    select grouping(kind) as gk, grouping(category_id) as gc, kind, category_id::text as category_id,
      count(*) as created,
      count(*) filter (where status = 'closed') as closed,
      count(*) filter (where status = 'cancelled') as cancelled,
      ${clockSql('response')}, ${clockSql('arrival')}, ${clockSql('resolution')},
      -- Satisfaction: the owner's own rating, else the desk's 回访 score (phone and walk-in callers).
      count(coalesce(rating, follow_up_score)) as ratings,
      coalesce(sum(coalesce(rating, follow_up_score)), 0) as rating_sum,
      count(*) filter (where coalesce(rating, follow_up_score) >= 4) as satisfied,
      count(*) filter (where reopen_count > 0) as reopened
    from tickets
    where tenant_id = ${tenantId} and community_id = ${communityId}
      and created_at >= (${month}::date::timestamp at time zone ${timeZone})
      and created_at < ((${month}::date + interval '1 month')::timestamp at time zone ${timeZone})
    group by grouping sets ((), (kind), (category_id))`.execute(tx)
  await tx
    .deleteFrom('ticket_rollups')
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('month', '=', month)
    .execute()
  if (rows.length === 0) return
  const now = new Date()
  await tx
    .insertInto('ticket_rollups')
    .values(
      rows.map((r) => {
        const figures: Figures = {
          created: Number(r.created),
          closed: Number(r.closed),
          cancelled: Number(r.cancelled),
          response: clockFigures(r, 'response'),
          arrival: clockFigures(r, 'arrival'),
          resolution: clockFigures(r, 'resolution'),
          ratings: Number(r.ratings),
          ratingSum: Number(r.rating_sum),
          satisfied: Number(r.satisfied),
          reopened: Number(r.reopened),
        }
        const grouping = Number(r.gk) === 0 ? 'kind' : Number(r.gc) === 0 ? 'category' : 'all'
        const key = grouping === 'kind' ? r.kind! : grouping === 'category' ? r.category_id! : ''
        return {
          tenant_id: tenantId,
          community_id: communityId,
          month,
          grouping,
          key,
          figures: JSON.stringify(figures),
          computed_at: now,
        } as const
      }),
    )
    // Two refreshes of one month at once (two workers) both write the same figures.
    .onConflict((c) =>
      c.columns(['tenant_id', 'community_id', 'month', 'grouping', 'key']).doUpdateSet((eb) => ({
        figures: eb.ref('excluded.figures'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute()
}

/** Recomputes the dirty community-months of one company; answers how many. */
export async function refreshDirty(db: Database, tenantId: string, limit = 200): Promise<number> {
  const dirty = await withTenant<TicketTables, { community_id: string; month: string }[]>(
    db,
    tenantId,
    (tx) =>
      tx
        .selectFrom('ticket_rollup_dirty')
        .select(['community_id', sql<string>`month::text`.as('month')])
        .where('tenant_id', '=', tenantId)
        .orderBy('marked_at')
        .limit(limit)
        .execute(),
  )
  for (const { community_id, month } of dirty) {
    // Unmark and recompute in one transaction: a ticket changed meanwhile marks the month again (its
    // insert waits for this commit), so no change is missed; a failure keeps the mark.
    await withTenant<TicketTables, void>(db, tenantId, async (tx) => {
      const facts = await communityFacts(tx, tenantId, community_id)
      await tx
        .deleteFrom('ticket_rollup_dirty')
        .where('tenant_id', '=', tenantId)
        .where('community_id', '=', community_id)
        .where('month', '=', month)
        .execute()
      if (facts) await recomputeMonth(tx, tenantId, community_id, month, facts.timeZone)
    })
  }
  return dirty.length
}

/** Refreshes every company's dirty months. */
export const refreshAllDirty = (db: Database): Promise<number> =>
  drainEveryTenant(db, 200, (tenantId) => refreshDirty(db, tenantId))

/** Recomputes every month of every community of a company from scratch; answers how many months. */
export async function rebuildRollups(db: Database, tenantId: string): Promise<number> {
  const communities = await withTenant<TicketTables, string[]>(db, tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('tickets')
      .select('community_id')
      .distinct()
      .where('tenant_id', '=', tenantId)
      .execute()
    return rows.map((r) => r.community_id)
  })
  let months = 0
  for (const communityId of communities) {
    const list = await withTenant<TicketTables, { month: string; timeZone: string }[]>(
      db,
      tenantId,
      async (tx) => {
        const facts = await communityFacts(tx, tenantId, communityId)
        if (!facts) return []
        const { rows } = await sql<{ month: string }>`
        select distinct date_trunc('month', created_at at time zone ${facts.timeZone})::date::text as month
          from tickets where tenant_id = ${tenantId} and community_id = ${communityId}`.execute(tx)
        return rows.map((r) => ({ month: r.month, timeZone: facts.timeZone }))
      },
    )
    for (const { month, timeZone } of list) {
      await withTenant<TicketTables, void>(db, tenantId, (tx) =>
        recomputeMonth(tx, tenantId, communityId, month, timeZone),
      )
      months += 1
    }
  }
  return months
}

// ── the report ────────────────────────────────────────────────────────────────────────────────────────

function timeliness(f: ClockFigures): Timeliness {
  return {
    measured: f.measured,
    onTime: f.onTime,
    ratePermille: f.measured === 0 ? null : Math.floor((f.onTime * 1000) / f.measured),
    avgMinutes: f.count === 0 ? null : Number(BigInt(f.sumMs) / BigInt(f.count) / MINUTE_MS),
    p90Minutes: f.p90Ms === null ? null : Number(BigInt(f.p90Ms) / MINUTE_MS),
  }
}

const EMPTY_CLOCK: ClockFigures = { measured: 0, onTime: 0, count: 0, sumMs: '0', p90Ms: null }
const EMPTY: Figures = {
  created: 0,
  closed: 0,
  cancelled: 0,
  response: EMPTY_CLOCK,
  arrival: EMPTY_CLOCK,
  resolution: EMPTY_CLOCK,
  ratings: 0,
  ratingSum: 0,
  satisfied: 0,
  reopened: 0,
}

function reportRow(f: Figures): ReportRow {
  return {
    created: f.created,
    closed: f.closed,
    cancelled: f.cancelled,
    response: timeliness(f.response),
    arrival: timeliness(f.arrival),
    resolution: timeliness(f.resolution),
    ratings: f.ratings,
    ratingSum: f.ratingSum,
    satisfied: f.satisfied,
    reopened: f.reopened,
  }
}

/** complaints × 1000 / households, to two decimals, rounded down, in integer arithmetic. */
export function perThousand(complaints: number, households: number): string {
  if (households === 0) return '0.00'
  const hundredths = (BigInt(complaints) * 100_000n) / BigInt(households)
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`
}

/** A community's month; without one, the month it is now where the community is (not where the reader is). */
export function communityReport(ctx: RequestContext, communityId: string, asked?: string, now = new Date()) {
  return inTenant<TicketTables, TicketReport>(ctx, async (tx, tenantId) => {
    const community = await communityInScope(tx, actorOf(ctx), tenantId, communityId, 'tickets.manage')
    if (!community) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
    const month = asked ?? monthOf(now, community.timeZone).slice(0, 7)
    const rows = await tx
      .selectFrom('ticket_rollups')
      .select(['grouping', 'key', 'figures', 'computed_at'])
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', communityId)
      .where('month', '=', `${month}-01`)
      .execute()
    const categoryNames = new Map(
      (
        await tx
          .selectFrom('ticket_categories')
          .select(['id', 'name'])
          .where('tenant_id', '=', tenantId)
          .execute()
      ).map((c) => [c.id, c.name]),
    )
    const households = await householdCount(tx, tenantId, communityId)
    const all = rows.find((r) => r.grouping === 'all')
    const byKind = rows
      .filter((r) => r.grouping === 'kind')
      .map((r) => ({ ...reportRow(r.figures as Figures), kind: r.key as TicketKind }))
      .sort((a, b) => b.created - a.created)
    const complaints = byKind.find((k) => k.kind === 'complaint')?.created ?? 0
    return {
      communityId,
      communityName: community.name,
      month,
      households,
      total: reportRow((all?.figures as Figures | undefined) ?? EMPTY),
      byKind,
      byCategory: rows
        .filter((r) => r.grouping === 'category')
        .map((r) => ({
          ...reportRow(r.figures as Figures),
          categoryId: r.key,
          categoryName: categoryNames.get(r.key) ?? '',
        }))
        .sort((a, b) => b.created - a.created),
      complaintsPerThousand: perThousand(complaints, households),
      computedAt: all ? all.computed_at.toISOString() : null,
    }
  })
}
