import type {
  Apportionment,
  FirstDepositInput,
  FundAccount,
  FundAccountDetail,
  FundDepositInput,
  FundProject,
  FundProjectInput,
  FundSummary,
  FundTopUp,
  GainInput,
  Page,
} from '@meihao/contracts'
import { type SqlBool, sql } from 'kysely'
import type { z } from 'zod'
import { areaToHundredths } from '../../platform/area'
import { writeAudit } from '../../platform/audit'
import type { Actor } from '../../platform/auth/actor'
import { conflict, invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import {
  maintenanceFundDeposits,
  maintenanceFundGain,
  maintenanceFundSpent,
  postOwnerMessages,
  postOwnersMoney,
  splitByLargestRemainder,
  yuan,
} from '../billing/published'
import {
  type FundUnit,
  fundUnits,
  inScope,
  ownerAccountsOfUnits,
  unitCount,
  unitInScope,
  unitsOwnedByAccount,
} from '../estate/published'
import { decidedTopic } from '../governance/published'
import { apportion, fenPerM2Text } from './apportionment'
import {
  type CommunityRules,
  localDate,
  lockCommunityBooks,
  rulesInScope,
  rulesOfCommunity,
} from './community-rules'
import { addDays } from './completeness'
import {
  emergencyRoomFen,
  firstDepositFen,
  needsTopUp,
  percentOfFirstDepositFen,
  TOP_UP_PERCENT,
  topUpLineFen,
} from './fund-math'
import {
  applyFundMoves,
  fundTotals,
  loadSubAccounts,
  refusePublishedFundPeriod,
  type SubAccount,
} from './fund-store'
import type { Audience } from './items-service'
import { findPersonalData } from './personal-data'
import type { DisclosureTables, ProjectRecord, Tx } from './tables'

/**
 * The maintenance fund (专项维修资金, 165号令): a sub-account per unit, deposits by building area at the
 * community's rate table, gains allocated by building area, projects apportioned by exclusive area, the
 * 30% top-up line. Every movement also posts to the billing ledger's 2241-MF, per unit.
 */

/** 278 item 五: using the fund is decided by the owners concerned. */
const FUND_USE_ITEM = 5
/** Rows of fund_project_shares per INSERT: 10 parameters each, well under PostgreSQL's 65,535. */
const SHARES_PER_INSERT = 2_000

// ── reading ─────────────────────────────────────────────────────────────────────────────────────────

export function fundSummary(ctx: RequestContext, communityId: string, audience: Audience) {
  return inTenant<DisclosureTables, FundSummary>(ctx, async (tx, tenantId) => {
    const rules = await rulesInScope(
      tx,
      actorOf(ctx),
      tenantId,
      communityId,
      audience === 'staff' ? 'disclosure.read' : 'resident.self',
    )
    return summaryOf(tx, tenantId, rules)
  })
}

export async function summaryOf(tx: Tx, tenantId: string, rules: CommunityRules): Promise<FundSummary> {
  const totals = await fundTotals(tx, tenantId, rules.facts.id)
  const units = await unitCount(tx, tenantId, rules.facts.id)
  const emergencySpent = await emergencySpentFen(tx, tenantId, rules.facts.id)
  return {
    communityId: rules.facts.id,
    units,
    unitsWithAccount: totals.accounts,
    firstDepositsFen: totals.firstDepositsFen,
    depositedFen: totals.depositedFen,
    gainsFen: totals.gainsFen,
    spentFen: totals.spentFen,
    balanceFen: totals.balanceFen,
    topUpUnits: totals.topUpUnits,
    emergencySpentFen: emergencySpent,
    emergencyRoomFen: emergencyRoomFen(
      rules.profile.emergencyCapPercent,
      totals.firstDepositsFen,
      emergencySpent,
    ),
  }
}

/** Emergency projects planned or settled: what counts against the city's emergency cap. */
async function emergencySpentFen(tx: Tx, tenantId: string, communityId: string, exceptId?: string) {
  const row = await tx
    .selectFrom('fund_projects')
    .select(sql<string>`coalesce(sum(cost_fen), 0)`.as('fen'))
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('emergency_category', 'is not', null)
    .where('status', '<>', 'cancelled')
    .$if(exceptId !== undefined, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirstOrThrow()
  return Number(row.fen)
}

function accountView(u: FundUnit, a: SubAccount): FundAccount {
  return {
    unitId: u.id,
    unitCode: u.code,
    buildingArea: u.buildingArea,
    exclusiveArea: u.exclusiveArea,
    firstDepositFen: a.firstDepositFen,
    depositedFen: a.depositedFen,
    gainsFen: a.gainsFen,
    spentFen: a.spentFen,
    balanceFen: a.balanceFen,
    topUpLineFen: topUpLineFen(a.firstDepositFen),
    needsTopUp: needsTopUp(a.balanceFen, a.firstDepositFen),
  }
}

/** The community's sub-accounts in unit-code order (cursor: the last code), or only those below the line. */
export function listAccounts(
  ctx: RequestContext,
  query: { communityId: string; topUpOnly: boolean; cursor?: string | undefined; limit: number },
) {
  return inTenant<DisclosureTables, Page<FundAccount>>(ctx, async (tx, tenantId) => {
    const rules = await rulesInScope(tx, actorOf(ctx), tenantId, query.communityId, 'disclosure.read')
    const { rows } = await sql<{ unit_id: string }>`
      select u.id as unit_id from units u
        left join fund_unit_accounts a on a.tenant_id = u.tenant_id and a.unit_id = u.id
       where u.tenant_id = ${tenantId} and u.community_id = ${rules.facts.id}
         ${query.cursor ? sql`and u.code > ${query.cursor}` : sql``}
         ${query.topUpOnly ? sql`and a.first_deposit_fen > 0 and a.balance_fen * 100 < a.first_deposit_fen * ${TOP_UP_PERCENT}` : sql``}
       order by u.code limit ${query.limit + 1}`.execute(tx)
    const ids = rows.slice(0, query.limit).map((r) => r.unit_id)
    const units = await fundUnits(tx, tenantId, rules.facts.id, { buildingIds: [], unitIds: ids })
    const accounts = await loadSubAccounts(tx, tenantId, ids)
    const items = units.map((u) => accountView(u, accounts.get(u.id)!))
    return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.unitCode ?? null) : null }
  })
}

async function detailOf(
  tx: Tx,
  tenantId: string,
  communityId: string,
  unitId: string,
): Promise<FundAccountDetail> {
  const [unit] = await fundUnits(tx, tenantId, communityId, { buildingIds: [], unitIds: [unitId] })
  if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
  const account = (await loadSubAccounts(tx, tenantId, [unitId])).get(unitId)!
  const entries = await tx
    .selectFrom('fund_entries as e')
    .leftJoin('fund_projects as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.project_id'),
    )
    .select([
      'e.id',
      'e.kind',
      'e.amount_fen',
      'e.balance_after_fen',
      'e.project_id',
      'p.title',
      'e.occurred_on',
      'e.memo',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.unit_id', '=', unitId)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(500)
    .execute()
  return {
    ...accountView(unit, account),
    communityId,
    topUp: await topUpOf(tx, tenantId, communityId, unitId, account),
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      amountFen: Number(e.amount_fen),
      balanceAfterFen: Number(e.balance_after_fen),
      projectId: e.project_id,
      projectTitle: e.title ?? null,
      occurredOn: e.occurred_on,
      memo: e.memo,
    })),
  }
}

/**
 * For a sub-account below the 30% line: the day it fell below (the latest movement that crossed the line
 * downwards) and, where the city sets one, the term for the owners' decision and the balance to reach
 * without it (上海: 90 days, 50% of the first deposit).
 */
async function topUpOf(
  tx: Tx,
  tenantId: string,
  communityId: string,
  unitId: string,
  account: SubAccount,
): Promise<FundTopUp | null> {
  if (!needsTopUp(account.balanceFen, account.firstDepositFen)) return null
  const line = sql`a.first_deposit_fen * ${TOP_UP_PERCENT}`
  // The latest movement that crossed the line downwards; else (a balance that never was above it) the
  // latest movement of all.
  const { rows } = await sql<{ since: string | null }>`
    select coalesce(
             max(e.occurred_on) filter (where e.balance_after_fen * 100 < ${line}
                                          and (e.balance_after_fen - e.amount_fen) * 100 >= ${line}),
             max(e.occurred_on))::text as since
      from fund_entries e
      join fund_unit_accounts a on a.tenant_id = e.tenant_id and a.unit_id = e.unit_id
     where e.tenant_id = ${tenantId} and e.unit_id = ${unitId}`.execute(tx)
  const since = rows[0]?.since ?? null
  if (since === null) return null
  const term = (await rulesOfCommunity(tx, tenantId, communityId)).profile.topUp
  if (!term) return { since, term: null }
  const targetFen = percentOfFirstDepositFen(account.firstDepositFen, term.toPercent)
  return {
    since,
    term: {
      decideBy: addDays(since, term.decideWithinDays),
      percent: term.toPercent,
      targetFen,
      missingFen: Math.max(0, targetFen - account.balanceFen),
    },
  }
}

/** One unit's sub-account with its movements, for staff whose scope reaches the unit. */
export function accountDetail(ctx: RequestContext, unitId: string) {
  return inTenant<DisclosureTables, FundAccountDetail>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const unit = await unitInScope(tx, actor, tenantId, unitId, 'disclosure.read')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    return detailOf(tx, tenantId, unit.communityId, unitId)
  })
}

/** The signed-in owner's sub-accounts: the units they own today (a sold unit's balance went with it). */
export function myAccounts(ctx: RequestContext) {
  return inTenant<DisclosureTables, FundAccountDetail[]>(ctx, async (tx, tenantId) => {
    const owned = await unitsOwnedByAccount(tx, tenantId, actorOf(ctx).accountId)
    const details: FundAccountDetail[] = []
    for (const u of owned) details.push(await detailOf(tx, tenantId, u.communityId, u.unitId))
    return details.sort((a, b) => (a.unitCode < b.unitCode ? -1 : 1))
  })
}

// ── money in ────────────────────────────────────────────────────────────────────────────────────────

/** The rate (fen per m² of building area) each unit's building is set to; units without one are listed. */
function ratesOf(rules: CommunityRules, units: readonly FundUnit[]) {
  const byCode = new Map(rules.stored.fundRates.map((r) => [r.code, r.fenPerM2]))
  const missing: string[] = []
  const rates = new Map<string, number>()
  for (const u of units) {
    const code = rules.stored.buildingRates[u.buildingId]
    const rate = code ? byCode.get(code) : undefined
    if (rate === undefined) missing.push(u.code)
    else rates.set(u.id, rate)
  }
  return { rates, missing }
}

/**
 * Records the first deposits (首期维修资金) of the given units, or of every unit that has none: building
 * area × its building's rate, one journal for the batch.
 */
export function takeFirstDeposits(ctx: RequestContext, input: z.output<typeof FirstDepositInput>) {
  return inTenant<DisclosureTables, { units: number; totalFen: number; journalId: string | null }>(
    ctx,
    async (tx, tenantId) => {
      const actor = actorOf(ctx)
      const rules = await rulesInScope(tx, actor, tenantId, input.communityId, 'disclosure.finance')
      refuseFutureDate(rules, input.occurredOn)
      await lockCommunityBooks(tx, tenantId, rules.facts.id)
      const named = input.unitIds.length > 0
      const units = await fundUnits(
        tx,
        tenantId,
        rules.facts.id,
        named ? { buildingIds: [], unitIds: input.unitIds } : undefined,
      )
      if (named && units.length !== new Set(input.unitIds).size) throw notFound('ESTATE_UNIT_NOT_FOUND')
      const accounts = await loadSubAccounts(
        tx,
        tenantId,
        units.map((u) => u.id),
      )
      const taken = units.filter((u) => accounts.get(u.id)!.firstDepositFen > 0)
      if (named && taken.length > 0)
        throw conflict('DISCLOSURE_FIRST_DEPOSIT_TAKEN', {
          codes: taken
            .slice(0, 5)
            .map((u) => u.code)
            .join('、'),
        })
      const due = units.filter((u) => accounts.get(u.id)!.firstDepositFen === 0)
      const { rates, missing } = ratesOf(rules, due)
      if (missing.length > 0)
        throw invalid(
          'DISCLOSURE_FUND_RATE_MISSING',
          { count: missing.length, codes: missing.slice(0, 5).join('、') },
          { units: missing.slice(0, 100) },
        )
      if (due.length === 0) return { units: 0, totalFen: 0, journalId: null }
      const shares = due.map((u) => ({
        unit: u.id,
        fen: firstDepositFen(areaToHundredths(u.buildingArea), rates.get(u.id)!),
      }))
      const result = await postFundBatch(
        tx,
        actor,
        tenantId,
        rules,
        'first_deposit',
        shares,
        input.occurredOn,
        '首期专项维修资金',
      )
      await writeAudit(tx, ctx, tenantId, {
        action: 'fund.first_deposits',
        entityType: 'community',
        entityId: rules.facts.id,
        after: result,
      })
      return result
    },
  )
}

/** A further deposit into one unit's sub-account (续筹 after a top-up notice, or a late first payment). */
export function depositIntoAccount(ctx: RequestContext, input: z.output<typeof FundDepositInput>) {
  return inTenant<DisclosureTables, FundAccountDetail>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const unit = await unitInScope(tx, actor, tenantId, input.unitId, 'disclosure.finance')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    const rules = await rulesInScope(tx, actor, tenantId, unit.communityId, 'disclosure.finance')
    refuseFutureDate(rules, input.occurredOn)
    await lockCommunityBooks(tx, tenantId, rules.facts.id)
    await postFundBatch(
      tx,
      actor,
      tenantId,
      rules,
      'deposit',
      [{ unit: unit.id, fen: input.amountFen }],
      input.occurredOn,
      input.memo,
    )
    await writeAudit(tx, ctx, tenantId, {
      action: 'fund.deposit',
      entityType: 'unit',
      entityId: unit.id,
      after: { amountFen: input.amountFen, memo: input.memo },
    })
    return detailOf(tx, tenantId, rules.facts.id, unit.id)
  })
}

/** Interest and other gains of the fund, allocated to every sub-account by building area. */
export function allocateGain(ctx: RequestContext, input: z.output<typeof GainInput>) {
  return inTenant<DisclosureTables, { units: number; totalFen: number; journalId: string | null }>(
    ctx,
    async (tx, tenantId) => {
      const actor = actorOf(ctx)
      const rules = await rulesInScope(tx, actor, tenantId, input.communityId, 'disclosure.finance')
      refuseFutureDate(rules, input.occurredOn)
      await lockCommunityBooks(tx, tenantId, rules.facts.id)
      const units = await fundUnits(tx, tenantId, rules.facts.id)
      if (units.length === 0) throw conflict('DISCLOSURE_FUND_NO_UNITS')
      const split = splitByLargestRemainder(
        input.amountFen,
        units.map((u) => ({ key: u.code, weight: areaToHundredths(u.buildingArea) })),
      )
      const shares = units.map((u, i) => ({ unit: u.id, fen: split[i]!.fen }))
      const result = await postFundBatch(
        tx,
        actor,
        tenantId,
        rules,
        'gain',
        shares,
        input.occurredOn,
        input.memo,
      )
      await writeAudit(tx, ctx, tenantId, {
        action: 'fund.gain',
        entityType: 'community',
        entityId: rules.facts.id,
        after: result,
      })
      return result
    },
  )
}

function refuseFutureDate(rules: CommunityRules, date: string) {
  const today = localDate(new Date(), rules.facts.timeZone)
  if (date > today) throw invalid('DISCLOSURE_DATE_IN_FUTURE', { today })
}

async function postFundBatch(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  rules: CommunityRules,
  kind: 'first_deposit' | 'deposit' | 'gain',
  shares: { unit: string; fen: number }[],
  occurredOn: string,
  memo: string,
) {
  await refusePublishedFundPeriod(tx, tenantId, rules.facts.id, occurredOn)
  const id = uuidv7()
  const journal =
    kind === 'gain'
      ? maintenanceFundGain({ key: `mf:${id}`, shares })
      : maintenanceFundDeposits({ key: `mf:${id}`, shares })
  const journalId = await postOwnersMoney(tx, tenantId, journal, {
    communityId: rules.facts.id,
    actorId: actor.userId,
    memo,
  })
  const accounts = await loadSubAccounts(
    tx,
    tenantId,
    shares.map((s) => s.unit),
  )
  await applyFundMoves(
    tx,
    tenantId,
    rules.facts.id,
    accounts,
    shares.map((s) => ({ unitId: s.unit, kind, fen: s.fen })),
    {
      journalId,
      occurredOn,
      memo,
    },
  )
  return {
    units: shares.filter((s) => s.fen > 0).length,
    totalFen: shares.reduce((sum, s) => sum + s.fen, 0),
    journalId,
  }
}

// ── projects ────────────────────────────────────────────────────────────────────────────────────────

type ProjectRow = ProjectRecord

function projectView(p: ProjectRow): FundProject {
  return {
    id: p.id,
    communityId: p.community_id,
    title: p.title,
    description: p.description,
    buildingIds: p.building_ids,
    unitIds: p.unit_ids,
    costFen: Number(p.cost_fen),
    emergencyCategory: p.emergency_category,
    decisionId: p.decision_id,
    topicId: p.topic_id,
    status: p.status,
    settledAt: p.settled_at?.toISOString() ?? null,
    createdAt: p.created_at.toISOString(),
  }
}

export function listProjects(ctx: RequestContext, communityId: string, audience: Audience) {
  return inTenant<DisclosureTables, FundProject[]>(ctx, async (tx, tenantId) => {
    const rules = await rulesInScope(
      tx,
      actorOf(ctx),
      tenantId,
      communityId,
      audience === 'staff' ? 'disclosure.read' : 'resident.self',
    )
    const rows = await tx
      .selectFrom('fund_projects')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', rules.facts.id)
      .$if(audience === 'owner', (q) => q.where('status', '=', 'settled'))
      .orderBy('created_at', 'desc')
      .execute()
    return rows.map(projectView)
  })
}

async function loadProject(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  id: string,
  permission: 'disclosure.read' | 'disclosure.manage',
) {
  const row = await tx
    .selectFrom('fund_projects')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where(inScope(actor, permission, { community: 'community_id' }))
    .executeTakeFirst()
  if (!row) throw notFound('DISCLOSURE_PROJECT_NOT_FOUND')
  return row
}

/**
 * Plans a project: emergency (one of the listed failures; within the city's cap) or decided by the owners
 * concerned (a passed topic of 278 item 五 of a closed decision of the community).
 */
export function createProject(ctx: RequestContext, input: z.output<typeof FundProjectInput>) {
  return inTenant<DisclosureTables, Apportionment>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const rules = await rulesInScope(tx, actor, tenantId, input.communityId, 'disclosure.manage')
    // The project is published with the fund's statements: no phone or ID number in what owners read.
    const found = findPersonalData(input.title, input.description)
    if (found) throw invalid('DISCLOSURE_PERSONAL_DATA', {}, { kind: found })
    if (input.decisionId && input.topicId) {
      const topic = await decidedTopic(tx, tenantId, rules.facts.id, input.decisionId, input.topicId)
      if (!topic) throw notFound('DISCLOSURE_DECISION_NOT_FOUND')
      if (!topic.passed || topic.item !== FUND_USE_ITEM)
        throw conflict('DISCLOSURE_DECISION_NOT_APPROVING', { title: topic.title })
    }
    await lockCommunityBooks(tx, tenantId, rules.facts.id)
    if (input.decisionId && input.topicId)
      await refuseDecisionUsed(tx, tenantId, input.decisionId, input.topicId)
    if (input.emergencyCategory) await refuseOverCap(tx, tenantId, rules, input.costFen)
    const units = await fundUnits(tx, tenantId, rules.facts.id, input)
    const named = new Set(units.map((u) => u.id))
    if (input.unitIds.some((id) => !named.has(id))) throw notFound('ESTATE_UNIT_NOT_FOUND')
    const buildings = new Set(units.map((u) => u.buildingId))
    if (input.buildingIds.some((id) => !buildings.has(id))) throw notFound('ESTATE_BUILDING_NOT_FOUND')
    const id = uuidv7()
    const row = {
      tenant_id: tenantId,
      id,
      community_id: rules.facts.id,
      title: input.title,
      description: input.description,
      building_ids: input.buildingIds,
      unit_ids: input.unitIds,
      emergency_category: input.emergencyCategory,
      decision_id: input.decisionId,
      topic_id: input.topicId,
      cost_fen: String(input.costFen),
      status: 'planned' as const,
      journal_id: null,
      settled_at: null,
      created_by: actor.userId,
    }
    await tx.insertInto('fund_projects').values(row).execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'fund.project.create',
      entityType: 'fund_project',
      entityId: id,
      after: {
        title: input.title,
        costFen: input.costFen,
        emergency: input.emergencyCategory,
        decisionId: input.decisionId,
      },
    })
    return apportionmentOf(tx, tenantId, await loadProject(tx, actor, tenantId, id, 'disclosure.manage'))
  })
}

/**
 * The owners approved one use of the fund per topic: a second project under the same topic would spend
 * what they did not decide. A cancelled project frees its topic.
 */
async function refuseDecisionUsed(tx: Tx, tenantId: string, decisionId: string, topicId: string) {
  const used = await tx
    .selectFrom('fund_projects')
    .select('title')
    .where('tenant_id', '=', tenantId)
    .where('decision_id', '=', decisionId)
    .where('topic_id', '=', topicId)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst()
  if (used) throw conflict('DISCLOSURE_DECISION_ALREADY_USED', { title: used.title })
}

async function refuseOverCap(
  tx: Tx,
  tenantId: string,
  rules: CommunityRules,
  costFen: number,
  exceptId?: string,
) {
  const totals = await fundTotals(tx, tenantId, rules.facts.id)
  const room = emergencyRoomFen(
    rules.profile.emergencyCapPercent,
    totals.firstDepositsFen,
    await emergencySpentFen(tx, tenantId, rules.facts.id, exceptId),
  )
  if (room !== null && costFen > room)
    throw conflict('DISCLOSURE_EMERGENCY_CAP', {
      percent: rules.profile.emergencyCapPercent,
      room: yuan(room),
    })
}

/** The project's apportionment: as stored once settled, as it would be today while planned. */
export function projectApportionment(ctx: RequestContext, id: string, audience: Audience) {
  return inTenant<DisclosureTables, Apportionment>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const row = await tx
      .selectFrom('fund_projects')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where(
        audience === 'staff'
          ? inScope(actor, 'disclosure.read', { community: 'community_id' })
          : sql<SqlBool>`${inScope(actor, 'resident.self', { community: 'community_id' })} and status = 'settled'`,
      )
      .executeTakeFirst()
    if (!row) throw notFound('DISCLOSURE_PROJECT_NOT_FOUND')
    return apportionmentOf(tx, tenantId, row)
  })
}

async function apportionmentOf(tx: Tx, tenantId: string, project: ProjectRow): Promise<Apportionment> {
  const costFen = Number(project.cost_fen)
  const units = await fundUnits(tx, tenantId, project.community_id, {
    buildingIds: project.building_ids,
    unitIds: project.unit_ids,
  })
  let lines: Apportionment['lines']
  if (project.status === 'settled') {
    const stored = await tx
      .selectFrom('fund_project_shares')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('project_id', '=', project.id)
      .execute()
    const codes = new Map(units.map((u) => [u.id, u.code]))
    const after = await loadSubAccounts(
      tx,
      tenantId,
      stored.map((s) => s.unit_id),
    )
    lines = stored
      .map((s) => {
        // As settled; shares settled before 0013 kept no balance and read today's sub-account.
        const account = after.get(s.unit_id)!
        const balanceAfterFen =
          s.balance_after_fen === null ? account.balanceFen : Number(s.balance_after_fen)
        return {
          unitId: s.unit_id,
          unitCode: codes.get(s.unit_id) ?? '',
          exclusiveArea: s.exclusive_area,
          developerHeld: s.developer_held,
          shareFen: Number(s.share_fen),
          fromFundFen: Number(s.from_fund_fen),
          shortfallFen: Number(s.shortfall_fen),
          balanceFen: balanceAfterFen + Number(s.from_fund_fen),
          balanceAfterFen,
          needsTopUp: s.needs_top_up ?? needsTopUp(account.balanceFen, account.firstDepositFen),
        }
      })
      .sort((a, b) => (a.unitCode < b.unitCode ? -1 : 1))
  } else {
    const accounts = await loadSubAccounts(
      tx,
      tenantId,
      units.map((u) => u.id),
    )
    lines = apportion(
      costFen,
      units.map((u) => ({ ...u, ...balanceOf(accounts.get(u.id)!) })),
    ).lines
  }
  const totalArea = lines.reduce((sum, l) => sum + areaToHundredths(l.exclusiveArea), 0n)
  const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + pick(l), 0)
  return {
    project: projectView(project),
    totalAreaHundredths: totalArea.toString(),
    fenPerM2: fenPerM2Text(costFen, totalArea),
    units: lines.length,
    developerUnits: lines.filter((l) => l.developerHeld).length,
    developerFen: sum((l) => (l.developerHeld ? l.shareFen : 0)),
    shortfallUnits: lines.filter((l) => l.shortfallFen > 0).length,
    shortfallFen: sum((l) => l.shortfallFen),
    fromFundFen: sum((l) => l.fromFundFen),
    topUpUnits: lines.filter((l) => l.needsTopUp).length,
    lines,
  }
}

const balanceOf = (a: SubAccount) => ({ balanceFen: a.balanceFen, firstDepositFen: a.firstDepositFen })

/**
 * Settles a planned project: each benefiting unit's share leaves its sub-account as far as its balance
 * goes (the shortfall is recorded for its owner to pay in), one journal for all; owners whose account
 * falls below 30% of its first deposit are told to top it up.
 */
export function settleProject(ctx: RequestContext, id: string) {
  return inTenant<DisclosureTables, Apportionment>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const project = await loadProject(tx, actor, tenantId, id, 'disclosure.read')
    const rules = await rulesInScope(tx, actor, tenantId, project.community_id, 'disclosure.finance')
    await lockCommunityBooks(tx, tenantId, rules.facts.id)
    const locked = await loadProject(tx, actor, tenantId, id, 'disclosure.read')
    if (locked.status !== 'planned')
      throw conflict('DISCLOSURE_PROJECT_NOT_PLANNED', { status: locked.status })
    const units = await fundUnits(tx, tenantId, rules.facts.id, {
      buildingIds: locked.building_ids,
      unitIds: locked.unit_ids,
    })
    const accounts = await loadSubAccounts(
      tx,
      tenantId,
      units.map((u) => u.id),
    )
    const result = apportion(
      Number(locked.cost_fen),
      units.map((u) => ({ ...u, ...balanceOf(accounts.get(u.id)!) })),
    )
    if (result.fromFundFen === 0) throw conflict('DISCLOSURE_FUND_EMPTY')
    const shares = result.lines.map((l) => ({ unit: l.unitId, fen: l.fromFundFen }))
    const journalId = await postOwnersMoney(
      tx,
      tenantId,
      maintenanceFundSpent({ key: `mf:project:${id}`, shares }),
      {
        communityId: rules.facts.id,
        actorId: actor.userId,
        memo: locked.title,
      },
    )
    const today = localDate(new Date(), rules.facts.timeZone)
    await applyFundMoves(
      tx,
      tenantId,
      rules.facts.id,
      accounts,
      shares.map((s) => ({ unitId: s.unit, kind: 'spend' as const, fen: -s.fen, projectId: id })),
      { journalId, occurredOn: today, memo: locked.title },
    )
    // In slices: one statement holds at most 65,535 parameters (10 per share; a community may have 20,000).
    for (let i = 0; i < result.lines.length; i += SHARES_PER_INSERT)
      await tx
        .insertInto('fund_project_shares')
        .values(
          result.lines.slice(i, i + SHARES_PER_INSERT).map((l) => ({
            tenant_id: tenantId,
            project_id: id,
            unit_id: l.unitId,
            exclusive_area: l.exclusiveArea,
            developer_held: l.developerHeld,
            share_fen: String(l.shareFen),
            from_fund_fen: String(l.fromFundFen),
            shortfall_fen: String(l.shortfallFen),
            balance_after_fen: String(l.balanceAfterFen),
            needs_top_up: l.needsTopUp,
          })),
        )
        .execute()
    const now = new Date()
    await tx
      .updateTable('fund_projects')
      .set({ status: 'settled', journal_id: journalId, settled_at: now, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute()
    await noticeTopUps(
      tx,
      tenantId,
      rules,
      result.lines.filter((l) => l.needsTopUp || l.shortfallFen > 0),
      `project:${id}`,
    )
    await writeAudit(tx, ctx, tenantId, {
      action: 'fund.project.settle',
      entityType: 'fund_project',
      entityId: id,
      after: {
        fromFundFen: result.fromFundFen,
        shortfallFen: result.shortfallFen,
        topUpUnits: result.topUpUnits,
      },
    })
    return apportionmentOf(tx, tenantId, await loadProject(tx, actor, tenantId, id, 'disclosure.read'))
  })
}

export function cancelProject(ctx: RequestContext, id: string) {
  return inTenant<DisclosureTables, FundProject>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const project = await loadProject(tx, actor, tenantId, id, 'disclosure.manage')
    await lockCommunityBooks(tx, tenantId, project.community_id)
    const locked = await loadProject(tx, actor, tenantId, id, 'disclosure.manage')
    if (locked.status !== 'planned')
      throw conflict('DISCLOSURE_PROJECT_NOT_PLANNED', { status: locked.status })
    const row = await tx
      .updateTable('fund_projects')
      .set({ status: 'cancelled', updated_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await writeAudit(tx, ctx, tenantId, {
      action: 'fund.project.cancel',
      entityType: 'fund_project',
      entityId: id,
    })
    return projectView(row)
  })
}

/** Messages to the owners of units below the top-up line or with a shortfall to pay in. */
async function noticeTopUps(
  tx: Tx,
  tenantId: string,
  rules: CommunityRules,
  lines: readonly { unitId: string; unitCode: string; balanceAfterFen: number; shortfallFen: number }[],
  occasion: string,
) {
  if (lines.length === 0) return 0
  const byUnit = new Map(lines.map((l) => [l.unitId, l]))
  const owners = await ownerAccountsOfUnits(tx, tenantId, rules.facts.id, [...byUnit.keys()])
  return postOwnerMessages(
    tx,
    tenantId,
    owners.map((o) => {
      const line = byUnit.get(o.unitId)!
      return {
        accountId: o.accountId,
        unitId: o.unitId,
        kind: 'fund_top_up',
        message: line.shortfallFen > 0 ? 'DISCLOSURE_FUND_SHORTFALL_IN_APP' : 'DISCLOSURE_FUND_TOP_UP_IN_APP',
        params: {
          unitCode: line.unitCode,
          balance: yuan(line.balanceAfterFen),
          shortfall: yuan(line.shortfallFen),
        },
        dedupeKey: `fund:${occasion}:${o.unitId}`,
      }
    }),
  )
}

/** Tells the owners of every unit now below the line to top up (once per unit and day). */
export function noticeAllTopUps(ctx: RequestContext, communityId: string) {
  return inTenant<DisclosureTables, { units: number; messages: number }>(ctx, async (tx, tenantId) => {
    const rules = await rulesInScope(tx, actorOf(ctx), tenantId, communityId, 'disclosure.manage')
    const { rows } = await sql<{ unit_id: string; code: string; balance_fen: string }>`
      select a.unit_id, u.code, a.balance_fen from fund_unit_accounts a
        join units u on u.tenant_id = a.tenant_id and u.id = a.unit_id
       where a.tenant_id = ${tenantId} and a.community_id = ${rules.facts.id}
         and a.first_deposit_fen > 0 and a.balance_fen * 100 < a.first_deposit_fen * ${TOP_UP_PERCENT}`.execute(
      tx,
    )
    const today = localDate(new Date(), rules.facts.timeZone)
    const messages = await noticeTopUps(
      tx,
      tenantId,
      rules,
      rows.map((r) => ({
        unitId: r.unit_id,
        unitCode: r.code,
        balanceAfterFen: Number(r.balance_fen),
        shortfallFen: 0,
      })),
      `notice:${today}`,
    )
    return { units: rows.length, messages }
  })
}
