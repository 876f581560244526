import type { Disclosure, FundStatementContent, StatementInput } from '@meihao/contracts'
import { sql } from 'kysely'
import { z } from 'zod'
import { writeAudit } from '../../platform/audit'
import type { Actor } from '../../platform/auth/actor'
import type { Database } from '../../platform/db/database'
import { withTenant } from '../../platform/db/tenancy'
import { conflict, invalid } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { defineJob } from '../../platform/jobs'
import {
  type CommunityRules,
  localDate,
  lockCommunityBooks,
  rulesInScope,
  rulesOfCommunity,
} from './community-rules'
import { periodStartOf, requiredPeriodEnd } from './completeness'
import { needsTopUp } from './fund-math'
import { currentBySource, itemView, loadItem, minDisplayDaysOf, publishVersion } from './items-service'
import type { DisclosureTables, Tx } from './tables'

/**
 * The maintenance fund's statement for a period (165号令 第30条; 上海 every 6 months), published as a
 * disclosure: totals (opening, deposits, gains, public revenue, spending, closing), each project settled
 * in the period with its apportionment, and every unit's sub-account by code (no names). Figures are sums
 * of the entries by the date they occurred, so a late entry lands in the period it belongs to.
 */

export async function fundStatementContent(
  tx: Tx,
  tenantId: string,
  rules: CommunityRules,
  from: string,
  to: string,
): Promise<FundStatementContent> {
  const communityId = rules.facts.id
  const { rows: totals } = await sql<{ kind: string; before: string; within: string }>`
    select kind, coalesce(sum(amount_fen) filter (where occurred_on < ${from}::date), 0) as before,
           coalesce(sum(amount_fen) filter (where occurred_on between ${from}::date and ${to}::date), 0) as within
      from fund_entries where tenant_id = ${tenantId} and community_id = ${communityId} and occurred_on <= ${to}::date
     group by kind`.execute(tx)
  const within = (kind: string) => Number(totals.find((t) => t.kind === kind)?.within ?? 0)
  const openingFen = totals.reduce((sum, t) => sum + Number(t.before), 0)
  const { rows: projects } = await sql<{
    title: string
    emergency_category: string | null
    settled_on: string
    cost_fen: string
    units: string
    from_fund: string
    shortfall: string
  }>`
    select p.title, p.emergency_category, (p.settled_at at time zone ${rules.facts.timeZone})::date::text as settled_on,
           p.cost_fen, count(s.unit_id) as units, coalesce(sum(s.from_fund_fen), 0) as from_fund,
           coalesce(sum(s.shortfall_fen), 0) as shortfall
      from fund_projects p
      left join fund_project_shares s on s.tenant_id = p.tenant_id and s.project_id = p.id
     where p.tenant_id = ${tenantId} and p.community_id = ${communityId} and p.status = 'settled'
       and (p.settled_at at time zone ${rules.facts.timeZone})::date between ${from}::date and ${to}::date
     group by p.tenant_id, p.id order by p.settled_at`.execute(tx)
  const { rows: units } = await sql<{ code: string; first: string; balance: string }>`
    select u.code, coalesce(sum(e.amount_fen) filter (where e.kind = 'first_deposit'), 0) as first,
           coalesce(sum(e.amount_fen), 0) as balance
      from units u
      left join fund_entries e on e.tenant_id = u.tenant_id and e.unit_id = u.id and e.occurred_on <= ${to}::date
     where u.tenant_id = ${tenantId} and u.community_id = ${communityId}
     group by u.id, u.code order by u.code`.execute(tx)
  const unitLines = units.map((u) => {
    const first = Number(u.first)
    const balance = Number(u.balance)
    return {
      code: u.code,
      firstDepositFen: first,
      balanceFen: balance,
      needsTopUp: needsTopUp(balance, first),
    }
  })
  const periodSum =
    within('first_deposit') + within('deposit') + within('gain') + within('public_revenue') + within('spend')
  return {
    from,
    to,
    openingFen,
    firstDepositFen: within('first_deposit'),
    depositFen: within('deposit'),
    gainFen: within('gain'),
    publicRevenueFen: within('public_revenue'),
    spentFen: -within('spend'),
    closingFen: openingFen + periodSum,
    firstDepositsTotalFen: unitLines.reduce((sum, u) => sum + u.firstDepositFen, 0),
    projects: projects.map((p) => ({
      title: p.title,
      emergencyCategory: p.emergency_category,
      settledOn: p.settled_on,
      costFen: Number(p.cost_fen),
      units: Number(p.units),
      fromFundFen: Number(p.from_fund),
      shortfallFen: Number(p.shortfall),
    })),
    units: unitLines,
  }
}

/** Generates and publishes the statement for a period that has ended; publishing it again replaces it. */
export function publishFundStatement(ctx: RequestContext, input: z.output<typeof StatementInput>) {
  return inTenant<DisclosureTables, Disclosure>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const rules = await rulesInScope(tx, actor, tenantId, input.communityId, 'disclosure.manage')
    if (input.periodTo < input.periodFrom) throw invalid('DISCLOSURE_PERIOD_ORDER')
    const today = localDate(new Date(), rules.facts.timeZone)
    if (input.periodTo >= today) throw conflict('DISCLOSURE_PERIOD_OPEN', { to: input.periodTo })
    const id = await publishStatementIn(tx, actor, tenantId, rules, input.periodFrom, input.periodTo)
    await writeAudit(tx, ctx, tenantId, { action: 'fund.statement', entityType: 'disclosure', entityId: id })
    return itemView(await loadItem(tx, actor, tenantId, id, 'staff'), rules.facts.name)
  })
}

const sourceOf = (from: string, to: string) => `fund:${from}:${to}`

async function publishStatementIn(
  tx: Tx,
  actor: Actor | null,
  tenantId: string,
  rules: CommunityRules,
  from: string,
  to: string,
): Promise<string> {
  // Serialised with every fund write, which refuses dates within a published period from then on.
  await lockCommunityBooks(tx, tenantId, rules.facts.id)
  const content = await fundStatementContent(tx, tenantId, rules, from, to)
  const previous = await currentBySource(tx, tenantId, rules.facts.id, sourceOf(from, to))
  return publishVersion(tx, actor, tenantId, rules, {
    type: 'fund_statement',
    title: `${rules.facts.name} 专项维修资金收支情况（${from} 至 ${to}）`,
    body: '',
    content,
    sourceRef: sourceOf(from, to),
    periodFrom: from,
    periodTo: to,
    attachments: [],
    minDisplayDays: minDisplayDaysOf(rules, 'fund_statement'),
    correctionNote: previous ? '重新生成' : null,
    previous: previous ?? null,
  })
}

/**
 * The statements due at each community's cadence (上海 every half-year, elsewhere every year): for every
 * community with a fund, the last calendar period that has ended is published when it has not been. Run
 * daily by the job `disclosure.fund.statements`; publishing nothing the second time.
 */
export async function publishDueFundStatements(db: Database, now = new Date()): Promise<number> {
  let published = 0
  const failures: unknown[] = []
  const { rows: tenants } = await sql<{ id: string }>`select id from tenants order by id`.execute(db.owner)
  for (const { id: tenantId } of tenants) {
    // One company's failure must not keep the others' owners from their statements; the job retries it.
    published += await publishDueIn(db, tenantId, now).catch((error: unknown) => {
      failures.push(error)
      return 0
    })
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `fund statements failed for ${failures.length} companies`)
  return published
}

/** One company's due statements, in its own transaction. */
function publishDueIn(db: Database, tenantId: string, now: Date): Promise<number> {
  return withTenant<DisclosureTables, number>(db, tenantId, async (tx) => {
    const communities = await tx
      .selectFrom('fund_unit_accounts')
      .select('community_id')
      .distinct()
      .where('tenant_id', '=', tenantId)
      .execute()
    let n = 0
    for (const { community_id } of communities) {
      const rules = await rulesOfCommunity(tx, tenantId, community_id)
      const cadence = rules.profile.cadences.fund_statement
      if (cadence?.kind !== 'periodic') continue
      const to = requiredPeriodEnd(localDate(now, rules.facts.timeZone), cadence.months, 0, rules.since)
      if (!to) continue
      const from = periodStartOf(to, cadence.months)
      if (await currentBySource(tx, tenantId, community_id, sourceOf(from, to))) continue
      await publishStatementIn(tx, null, tenantId, rules, from, to)
      n += 1
    }
    return n
  })
}

export const fundStatementsJob = defineJob({
  id: 'disclosure.fund.statements',
  payload: z.object({}),
  cron: '20 1 * * *',
  retryLimit: 2,
  retryDelaySeconds: 60,
  expireInSeconds: 30 * 60,
  async handler(_payload, { db, log }) {
    const published = await publishDueFundStatements(db)
    if (published > 0) log.info({ job: 'disclosure.fund.statements', published }, 'published fund statements')
  },
})
