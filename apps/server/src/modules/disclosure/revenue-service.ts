import type {
  Attachment,
  QuarterCloseInput,
  QuarterPreview,
  RevenueCostInput,
  RevenueEntry,
  RevenueIncomeInput,
  RevenueLedger,
  RevenueStatementContent,
  RevenueUseInput,
} from '@meihao/contracts'
import type { z } from 'zod'
import { areaToHundredths } from '../../platform/area'
import { writeAudit } from '../../platform/audit'
import type { Actor } from '../../platform/auth/actor'
import type { Deps } from '../../platform/deps'
import { conflict, invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import {
  postOwnersMoney,
  publicRevenueCostPaid,
  publicRevenueReceived,
  publicRevenueToFund,
  publicRevenueUsed,
  reversalOf,
  splitByLargestRemainder,
  yuan,
} from '../billing/published'
import { fundUnits, inScope } from '../estate/published'
import { decidedTopic } from '../governance/published'
import { type AllocationRule, CITY_RULE_NAMES } from './city-rules'
import { type CommunityRules, localDate, lockCommunityBooks, rulesInScope } from './community-rules'
import { minimumToFundFen, mostToFundFen, quarterDates, quarterOf } from './fund-math'
import { applyFundMoves, fundTotals, loadSubAccounts } from './fund-store'
import {
  type Audience,
  currentBySource,
  minDisplayDaysOf,
  publishVersion,
  recordAttachments,
  saveAttachments,
} from './items-service'
import { findPersonalData } from './personal-data'
import type { DisclosureTables, RevenueKind, RevenueRecord, Tx } from './tables'

/**
 * The public-revenue ledger (公共收益, 民法典 282): income from common parts less reasonable costs belongs to
 * the owners. Every entry also posts to the billing ledger's 2241-PR (owners' money, never revenue); the
 * balance may never go below zero. Entries are never changed: a mistake is reversed by a new entry.
 */

type Row = RevenueRecord
/** What the balance arithmetic reads of an entry. */
type Flow = Pick<Row, 'id' | 'kind' | 'amount_fen' | 'occurred_on' | 'reverses_id'>
/** Which way an entry moves the owners' balance. */
const SIGN: Record<RevenueKind, 1 | -1> = { income: 1, cost: -1, to_fund: -1, use: -1 }
/** 278 items under which owners may decide to spend public revenue: 五 (repairs) and 九 (other matters). */
const USE_ITEMS = [5, 9]

/** An entry's amount, negative when it reverses an earlier one. */
const grossFen = (r: Pick<Row, 'amount_fen' | 'reverses_id'>) =>
  Number(r.amount_fen) * (r.reverses_id ? -1 : 1)
const signedFen = (r: Pick<Row, 'kind' | 'amount_fen' | 'reverses_id'>) => SIGN[r.kind] * grossFen(r)
const totalOf = (rows: readonly Flow[], kind: RevenueKind) =>
  rows.reduce((sum, r) => (r.kind === kind ? sum + grossFen(r) : sum), 0)

async function loadEntries(tx: Tx, tenantId: string, communityId: string) {
  return tx
    .selectFrom('public_revenue_entries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute()
}

const balanceOf = (rows: readonly Flow[]) => rows.reduce((sum, r) => sum + signedFen(r), 0)

/**
 * The most that may leave the owners' money on a date: an outflow dated then lowers every later day's
 * balance too, so it is the lowest end-of-day balance from that date on (rows in date order).
 */
function availableOn(rows: readonly Flow[], date: string) {
  let running = balanceOf(rows.filter((r) => r.occurred_on <= date))
  let lowest = running
  const later = rows.filter((r) => r.occurred_on > date)
  later.forEach((r, i) => {
    running += signedFen(r)
    if (later[i + 1]?.occurred_on !== r.occurred_on) lowest = Math.min(lowest, running)
  })
  return lowest
}

/**
 * The entries plus, for every quarter not yet closed, the most the city rule may move to the fund
 * (mostToFundFen), as an outflow on the quarter's last day. An outflow checked against these keeps that
 * share back, so spending in an open quarter can never leave too little for its close.
 */
function withReserves(
  rows: readonly Flow[],
  closedThrough: string | null,
  rule: AllocationRule,
  except: string | null = null,
): Flow[] {
  const open = new Set(
    rows
      .map((r) => quarterOf(r.occurred_on))
      .filter((q) => (closedThrough === null || q > closedThrough) && q !== except),
  )
  const reserves = [...open].flatMap((quarter): Flow[] => {
    const { from, to } = quarterDates(quarter)
    const inQuarter = rows.filter((r) => r.occurred_on >= from && r.occurred_on <= to)
    const fen = mostToFundFen(rule, totalOf(inQuarter, 'income') - totalOf(inQuarter, 'cost'))
    if (fen <= 0) return []
    return [
      {
        id: `reserve:${quarter}`,
        kind: 'to_fund',
        amount_fen: String(fen),
        occurred_on: to,
        reverses_id: null,
      },
    ]
  })
  // Date order, the reserve last in its day: it leaves at the close, after the day's entries.
  return [...rows, ...reserves].sort((a, b) =>
    a.occurred_on === b.occurred_on
      ? Number(a.id.startsWith('reserve:')) - Number(b.id.startsWith('reserve:'))
      : a.occurred_on < b.occurred_on
        ? -1
        : 1,
  )
}

/** Whether the owners' balance stays at or above zero on every day from `date` on, reserves included. */
const covered = (rows: readonly Flow[], closedThrough: string | null, rule: AllocationRule, date: string) =>
  availableOn(withReserves(rows, closedThrough, rule), date) >= 0

/**
 * Refuses an outflow that would take the owners' balance below zero on any day from its date on, or
 * below what open quarters may still have to move to the fund. The error names the most that could leave
 * that day instead (a cost lowers its quarter's share too, so for a cost that is more than for a use).
 */
function refuseShortfall(
  rule: AllocationRule,
  closedThrough: string | null,
  rows: readonly Flow[],
  outflow: Flow,
) {
  const fits = (fen: number) =>
    covered([...rows, { ...outflow, amount_fen: String(fen) }], closedThrough, rule, outflow.occurred_on)
  if (fits(Number(outflow.amount_fen))) return
  // A smaller outflow never leaves less money: the largest amount that fits, by bisection.
  let [low, high] = [0, Number(outflow.amount_fen)]
  if (!fits(low)) high = 0
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    if (fits(middle)) low = middle
    else high = middle
  }
  throw conflict('DISCLOSURE_BALANCE_SHORT', { balance: yuan(low) })
}

/**
 * Refuses a change of the community's city rule that would leave an open quarter unable to move its
 * share to the fund (the money was spent under the old rule).
 */
export async function refuseRuleUncovered(
  tx: Tx,
  tenantId: string,
  communityId: string,
  rule: AllocationRule,
) {
  const rows = await loadEntries(tx, tenantId, communityId)
  if (rows.length === 0) return
  const closedThrough = await lastClosedQuarter(tx, tenantId, communityId)
  if (!covered(rows, closedThrough, rule, rows[0]!.occurred_on))
    throw conflict('DISCLOSURE_RULE_CHANGE_UNCOVERED')
}

function entryView(r: Row, balanceFen: number, reversedBy: string | null): RevenueEntry {
  return {
    id: r.id,
    communityId: r.community_id,
    kind: r.kind,
    source: (r.source ?? null) as RevenueEntry['source'],
    amountFen: Number(r.amount_fen),
    signedFen: signedFen(r),
    occurredOn: r.occurred_on,
    counterparty: r.counterparty,
    contractRef: r.contract_ref,
    summary: r.summary,
    evidence: (r.evidence ?? []) as Attachment[],
    decisionId: r.decision_id,
    topicId: r.topic_id,
    quarter: r.quarter,
    reversesId: r.reverses_id,
    reversedBy,
    balanceFen,
    createdAt: r.created_at.toISOString(),
  }
}

function quarterFigures(rows: readonly Row[], quarter: string) {
  const { from, to } = quarterDates(quarter)
  const inQuarter = rows.filter((r) => r.occurred_on >= from && r.occurred_on <= to)
  const bySource = new Map<string, number>()
  for (const r of inQuarter)
    if (r.kind === 'income') bySource.set(r.source!, (bySource.get(r.source!) ?? 0) + grossFen(r))
  const incomeFen = totalOf(inQuarter, 'income')
  const costFen = totalOf(inQuarter, 'cost')
  return {
    from,
    to,
    inQuarter,
    incomeFen,
    costFen,
    netFen: incomeFen - costFen,
    useFen: totalOf(inQuarter, 'use'),
    bySource,
  }
}

/** The whole ledger with a running balance, newest first, and each quarter's figures. */
export function revenueLedger(ctx: RequestContext, communityId: string, audience: Audience) {
  return inTenant<DisclosureTables, RevenueLedger>(ctx, async (tx, tenantId) => {
    const rules = await rulesInScope(
      tx,
      actorOf(ctx),
      tenantId,
      communityId,
      audience === 'staff' ? 'disclosure.read' : 'resident.self',
    )
    const ledger = await ledgerOf(tx, tenantId, rules.facts.id)
    return audience === 'staff' ? ledger : { ...ledger, entries: ledger.entries.map(withoutCounterparty) }
  })
}

/**
 * Owners read every entry with its evidence (domain file: date, source, amount, summary, evidence), but
 * not who the company contracted with: a venue hirer or an advertiser may be a private person.
 */
const withoutCounterparty = (e: RevenueEntry): RevenueEntry => ({ ...e, counterparty: '' })

export async function ledgerOf(tx: Tx, tenantId: string, communityId: string): Promise<RevenueLedger> {
  const rows = await loadEntries(tx, tenantId, communityId)
  const closed = await tx
    .selectFrom('public_revenue_quarters')
    .select(['quarter', 'to_fund_fen', 'disclosure_id'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .execute()
  const reversedBy = new Map(rows.flatMap((r) => (r.reverses_id ? [[r.reverses_id, r.id] as const] : [])))
  let running = 0
  const entries = rows.map((r) => {
    running += signedFen(r)
    return entryView(r, running, reversedBy.get(r.id) ?? null)
  })
  const quarters = new Set([...rows.map((r) => quarterOf(r.occurred_on)), ...closed.map((c) => c.quarter)])
  return {
    communityId,
    balanceFen: running,
    incomeFen: totalOf(rows, 'income'),
    costFen: totalOf(rows, 'cost'),
    toFundFen: totalOf(rows, 'to_fund'),
    useFen: totalOf(rows, 'use'),
    entries: entries.reverse(),
    quarters: [...quarters]
      .sort()
      .reverse()
      .map((quarter) => {
        const f = quarterFigures(rows, quarter)
        const c = closed.find((q) => q.quarter === quarter)
        return {
          quarter,
          incomeFen: f.incomeFen,
          costFen: f.costFen,
          netFen: f.netFen,
          toFundFen: c ? Number(c.to_fund_fen) : 0,
          closed: c !== undefined,
          disclosureId: c?.disclosure_id ?? null,
        }
      }),
  }
}

/** An evidence file of an entry the caller may read (staff in scope, or owners of the community), or 404. */
export function entryEvidence(ctx: RequestContext, id: string, sha256: string, audience: Audience) {
  return inTenant<DisclosureTables, { tenantId: string; contentType: string }>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const scope =
      audience === 'staff'
        ? inScope(actor, 'disclosure.read', { community: 'community_id' })
        : inScope(actor, 'resident.self', { community: 'community_id' })
    const row = await tx
      .selectFrom('public_revenue_entries')
      .select('evidence')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where(scope)
      .executeTakeFirst()
    const file = ((row?.evidence ?? []) as Attachment[]).find((a) => a.sha256 === sha256)
    if (!file) throw notFound('DISCLOSURE_ATTACHMENT_NOT_FOUND')
    return { tenantId, contentType: file.contentType }
  })
}

// ── entries ─────────────────────────────────────────────────────────────────────────────────────────

interface NewEntry {
  kind: RevenueKind
  communityId: string
  source: string | null
  amountFen: number
  occurredOn: string
  counterparty: string
  contractRef: string
  summary: string
  evidence: z.output<typeof RevenueIncomeInput>['evidence']
  decisionId: string | null
  topicId: string | null
}

export const recordIncome = (ctx: RequestContext, deps: Deps, input: z.output<typeof RevenueIncomeInput>) =>
  recordEntry(ctx, deps, { ...input, kind: 'income', decisionId: null, topicId: null })

export const recordCost = (ctx: RequestContext, deps: Deps, input: z.output<typeof RevenueCostInput>) =>
  recordEntry(ctx, deps, {
    ...input,
    kind: 'cost',
    source: null,
    contractRef: '',
    decisionId: null,
    topicId: null,
  })

export const recordUse = (ctx: RequestContext, deps: Deps, input: z.output<typeof RevenueUseInput>) =>
  recordEntry(ctx, deps, { ...input, kind: 'use', source: null, counterparty: '', contractRef: '' })

async function recordEntry(ctx: RequestContext, deps: Deps, input: NewEntry): Promise<RevenueEntry> {
  const tenantId = actorOf(ctx).tenantId
  if (!tenantId) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  const found = findPersonalData(input.summary, input.counterparty, input.contractRef)
  if (found) throw invalid('DISCLOSURE_PERSONAL_DATA', {}, { kind: found })
  const saved = await saveAttachments(deps, tenantId, input.evidence)
  return inTenant<DisclosureTables, RevenueEntry>(ctx, async (tx) => {
    const actor = actorOf(ctx)
    const rules = await rulesInScope(tx, actor, tenantId, input.communityId, 'disclosure.finance')
    const today = localDate(new Date(), rules.facts.timeZone)
    if (input.occurredOn > today) throw invalid('DISCLOSURE_DATE_IN_FUTURE', { today })
    if (input.kind === 'use') {
      const topic = await decidedTopic(tx, tenantId, rules.facts.id, input.decisionId!, input.topicId!)
      if (!topic) throw notFound('DISCLOSURE_DECISION_NOT_FOUND')
      if (!topic.passed || !USE_ITEMS.includes(topic.item))
        throw conflict('DISCLOSURE_DECISION_NOT_APPROVING', { title: topic.title })
    }
    await lockCommunityBooks(tx, tenantId, rules.facts.id)
    const closedThrough = await lastClosedQuarter(tx, tenantId, rules.facts.id)
    refuseClosedQuarter(closedThrough, input.occurredOn)
    const rows = await loadEntries(tx, tenantId, rules.facts.id)
    const balance = balanceOf(rows)
    const id = uuidv7()
    if (SIGN[input.kind] < 0) {
      const outflow = { id, kind: input.kind, occurred_on: input.occurredOn, reverses_id: null }
      refuseShortfall(rules.profile.allocation, closedThrough, rows, {
        ...outflow,
        amount_fen: String(input.amountFen),
      })
    }
    const key = `pr:${id}`
    const journal =
      input.kind === 'income'
        ? publicRevenueReceived({ key, channel: 'bank', amountFen: input.amountFen })
        : input.kind === 'cost'
          ? publicRevenueCostPaid({ key, amountFen: input.amountFen })
          : publicRevenueUsed({ key, amountFen: input.amountFen })
    const journalId = await postOwnersMoney(tx, tenantId, journal, {
      communityId: rules.facts.id,
      actorId: actor.userId,
      memo: input.summary,
    })
    const row: Row = {
      tenant_id: tenantId,
      id,
      community_id: rules.facts.id,
      kind: input.kind,
      source: input.source,
      amount_fen: String(input.amountFen),
      occurred_on: input.occurredOn,
      counterparty: input.counterparty,
      contract_ref: input.contractRef,
      summary: input.summary,
      evidence: JSON.stringify(await recordAttachments(tx, tenantId, saved)),
      decision_id: input.decisionId,
      topic_id: input.topicId,
      quarter: null,
      reverses_id: null,
      journal_id: journalId,
      created_by: actor.userId,
      created_at: new Date(),
    }
    await tx.insertInto('public_revenue_entries').values(row).execute()
    await writeAudit(tx, ctx, tenantId, {
      action: `public_revenue.${input.kind}`,
      entityType: 'public_revenue_entry',
      entityId: id,
      after: { amountFen: input.amountFen, occurredOn: input.occurredOn, summary: input.summary },
    })
    return entryView({ ...row, evidence: JSON.parse(row.evidence as string) }, balance + signedFen(row), null)
  })
}

/** The latest closed quarter of a community's public revenue, or null: the books are closed through it. */
async function lastClosedQuarter(tx: Tx, tenantId: string, communityId: string): Promise<string | null> {
  const last = await tx
    .selectFrom('public_revenue_quarters')
    .select('quarter')
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .orderBy('quarter', 'desc')
    .limit(1)
    .executeTakeFirst()
  return last?.quarter ?? null
}

/**
 * Quarters close in order, like any accounting period: once one is closed, nothing is dated in it or
 * before it, so every published statement's opening and closing balances stay true.
 */
function refuseClosedQuarter(closedThrough: string | null, date: string) {
  if (closedThrough !== null && quarterOf(date) <= closedThrough)
    throw conflict('DISCLOSURE_QUARTER_CLOSED', { quarter: closedThrough })
}

/** Builds the journal an entry was posted with, so its reversal mirrors it line by line. */
function journalOfEntry(r: Row, shares: readonly { unit: string; fen: number }[] = []) {
  const key = `pr:${r.id}`
  const amountFen = Number(r.amount_fen)
  if (r.kind === 'income') return publicRevenueReceived({ key, channel: 'bank', amountFen })
  if (r.kind === 'cost') return publicRevenueCostPaid({ key, amountFen })
  if (r.kind === 'use') return publicRevenueUsed({ key, amountFen })
  return publicRevenueToFund({ key, shares })
}

/**
 * Reverses an income, cost or use entry. While the entry's quarter is open the reversal is dated on the
 * entry's day, so that quarter's net (and its share for the fund) is corrected; once the quarter is
 * closed and published, it is dated today. A move to the fund is never reversed: the money is in the
 * owners' sub-accounts.
 */
export function reverseEntry(ctx: RequestContext, id: string, note: string) {
  return inTenant<DisclosureTables, RevenueEntry>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const original = await tx
      .selectFrom('public_revenue_entries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!original) throw notFound('DISCLOSURE_ENTRY_NOT_FOUND')
    const rules = await rulesInScope(tx, actor, tenantId, original.community_id, 'disclosure.finance')
    if (original.kind === 'to_fund' || original.reverses_id) throw conflict('DISCLOSURE_NOT_REVERSIBLE')
    const found = findPersonalData(note)
    if (found) throw invalid('DISCLOSURE_PERSONAL_DATA', {}, { kind: found })
    await lockCommunityBooks(tx, tenantId, rules.facts.id)
    const rows = await loadEntries(tx, tenantId, rules.facts.id)
    if (rows.some((r) => r.reverses_id === id)) throw conflict('DISCLOSURE_ALREADY_REVERSED')
    const balance = balanceOf(rows)
    const effect = -signedFen(original)
    const closedThrough = await lastClosedQuarter(tx, tenantId, rules.facts.id)
    const inOpenQuarter = closedThrough === null || quarterOf(original.occurred_on) > closedThrough
    const on = inOpenQuarter ? original.occurred_on : localDate(new Date(), rules.facts.timeZone)
    const newId = uuidv7()
    if (effect < 0) {
      const reversal = { id: newId, kind: original.kind, occurred_on: on, reverses_id: id }
      refuseShortfall(rules.profile.allocation, closedThrough, rows, {
        ...reversal,
        amount_fen: original.amount_fen,
      })
    }
    const journalId = await postOwnersMoney(
      tx,
      tenantId,
      reversalOf(journalOfEntry(original), `pr:${newId}`),
      {
        communityId: rules.facts.id,
        actorId: actor.userId,
        memo: note,
        reversesId: original.journal_id,
      },
    )
    const row: Row = {
      ...original,
      id: newId,
      occurred_on: on,
      summary: note,
      evidence: JSON.stringify([]),
      reverses_id: id,
      journal_id: journalId,
      created_by: actor.userId,
      created_at: new Date(),
    }
    await tx.insertInto('public_revenue_entries').values(row).execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'public_revenue.reverse',
      entityType: 'public_revenue_entry',
      entityId: newId,
      before: { id, amountFen: Number(original.amount_fen) },
      after: { note },
    })
    return entryView({ ...row, evidence: [] }, balance + effect, null)
  })
}

/**
 * A quarter closes after the last closed one and only when every earlier quarter holding entries is
 * closed (a quarter without entries needs no statement).
 */
async function refuseOutOfOrderClose(tx: Tx, tenantId: string, communityId: string, quarter: string) {
  const closedThrough = await lastClosedQuarter(tx, tenantId, communityId)
  if (closedThrough !== null && quarter < closedThrough)
    throw conflict('DISCLOSURE_QUARTER_AFTER_CLOSED', { quarter, closedThrough })
  const { from } = quarterDates(quarter)
  const after = closedThrough === null ? null : quarterDates(closedThrough).to
  const earlier = await tx
    .selectFrom('public_revenue_entries')
    .select('occurred_on')
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('occurred_on', '<', from)
    .$if(after !== null, (q) => q.where('occurred_on', '>', after!))
    .orderBy('occurred_on')
    .limit(1)
    .executeTakeFirst()
  if (earlier)
    throw conflict('DISCLOSURE_EARLIER_QUARTER_OPEN', { quarter, open: quarterOf(earlier.occurred_on) })
}

// ── quarters ────────────────────────────────────────────────────────────────────────────────────────

export function previewQuarter(ctx: RequestContext, communityId: string, quarter: string) {
  return inTenant<DisclosureTables, QuarterPreview>(ctx, async (tx, tenantId) => {
    const rules = await rulesInScope(tx, actorOf(ctx), tenantId, communityId, 'disclosure.read')
    return quarterPreview(tx, tenantId, rules, quarter)
  })
}

async function quarterPreview(
  tx: Tx,
  tenantId: string,
  rules: CommunityRules,
  quarter: string,
): Promise<QuarterPreview> {
  const rows = await loadEntries(tx, tenantId, rules.facts.id)
  const f = quarterFigures(rows, quarter)
  const fund = await fundTotals(tx, tenantId, rules.facts.id)
  const closed = await tx
    .selectFrom('public_revenue_quarters')
    .select(['disclosure_id'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', rules.facts.id)
    .where('quarter', '=', quarter)
    .executeTakeFirst()
  return {
    communityId: rules.facts.id,
    quarter,
    from: f.from,
    to: f.to,
    incomeFen: f.incomeFen,
    costFen: f.costFen,
    netFen: f.netFen,
    bySource: [...f.bySource].map(([source, fen]) => ({
      source: source as QuarterPreview['bySource'][number]['source'],
      fen,
    })),
    rule: rules.profile.allocation,
    minToFundFen: minimumToFundFen(rules.profile.allocation, f.netFen, {
      firstDepositsFen: fund.firstDepositsFen,
      balanceFen: fund.balanceFen,
    }),
    // What may move to the fund at the close: the balance then, less what later open quarters keep back.
    balanceFen: availableOn(
      withReserves(
        rows,
        await lastClosedQuarter(tx, tenantId, rules.facts.id),
        rules.profile.allocation,
        quarter,
      ),
      f.to,
    ),
    fundFirstDepositsFen: fund.firstDepositsFen,
    fundBalanceFen: fund.balanceFen,
    closed: closed !== undefined,
    disclosureId: closed?.disclosure_id ?? null,
  }
}

/**
 * Closes a quarter that has ended: moves at least the city's share of its net to the maintenance fund
 * (credited to every unit's sub-account by building area, the basis of the deposits), and publishes the
 * quarterly statement. No entry dated in a closed quarter is accepted afterwards.
 */
export function closeQuarter(
  ctx: RequestContext,
  input: z.output<typeof QuarterCloseInput>,
  now = new Date(),
) {
  return inTenant<DisclosureTables, QuarterPreview>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const rules = await rulesInScope(tx, actor, tenantId, input.communityId, 'disclosure.finance')
    const { to } = quarterDates(input.quarter)
    const today = localDate(now, rules.facts.timeZone)
    if (to >= today) throw conflict('DISCLOSURE_QUARTER_OPEN', { quarter: input.quarter, to })
    await lockCommunityBooks(tx, tenantId, rules.facts.id)
    const preview = await quarterPreview(tx, tenantId, rules, input.quarter)
    if (preview.closed) throw conflict('DISCLOSURE_QUARTER_CLOSED', { quarter: input.quarter })
    await refuseOutOfOrderClose(tx, tenantId, rules.facts.id, input.quarter)
    const toFund = input.toFundFen ?? preview.minToFundFen
    if (toFund < preview.minToFundFen)
      throw invalid('DISCLOSURE_TO_FUND_TOO_LOW', { min: yuan(preview.minToFundFen), rule: preview.rule })
    if (toFund > preview.balanceFen)
      throw conflict('DISCLOSURE_BALANCE_SHORT', { balance: yuan(preview.balanceFen) })
    if (toFund > 0)
      await moveToFund(tx, actor, tenantId, rules, input.quarter, toFund, { quarterEnd: to, today })
    const rows = await loadEntries(tx, tenantId, rules.facts.id)
    const f = quarterFigures(rows, input.quarter)
    const evidence = f.inQuarter.flatMap((r) => (r.evidence ?? []) as Attachment[])
    const content: RevenueStatementContent = {
      quarter: input.quarter,
      from: f.from,
      to: f.to,
      incomeFen: f.incomeFen,
      costFen: f.costFen,
      netFen: f.netFen,
      useFen: f.useFen,
      bySource: Object.fromEntries(f.bySource),
      rule: preview.rule,
      minToFundFen: preview.minToFundFen,
      toFundFen: toFund,
      openingFen: balanceOf(rows.filter((r) => r.occurred_on < f.from)),
      closingFen: balanceOf(rows.filter((r) => r.occurred_on <= f.to)),
      // Entries as everyone may see them: no counterparty (it may be a person), no phones or ID numbers
      // (refused when typed), evidence by file.
      entries: f.inQuarter.map((r) => ({
        date: r.occurred_on,
        kind: r.kind,
        source: r.source,
        signedFen: signedFen(r),
        summary: r.summary,
        evidence: ((r.evidence ?? []) as Attachment[]).map((a) => a.sha256),
      })),
    }
    const sourceRef = `public_revenue:${input.quarter}`
    const previous = await currentBySource(tx, tenantId, rules.facts.id, sourceRef)
    const disclosureId = await publishVersion(tx, actor, tenantId, rules, {
      type: 'public_revenue_statement',
      title: `${rules.facts.name} ${input.quarter.replace('-Q', '年第')}季度公共收益收支情况`,
      body: '',
      content,
      sourceRef,
      periodFrom: f.from,
      periodTo: f.to,
      attachments: dedupeFiles(evidence),
      minDisplayDays: minDisplayDaysOf(rules, 'public_revenue_statement'),
      correctionNote: null,
      previous: previous ?? null,
    })
    await tx
      .insertInto('public_revenue_quarters')
      .values({
        tenant_id: tenantId,
        community_id: rules.facts.id,
        quarter: input.quarter,
        income_fen: String(f.incomeFen),
        cost_fen: String(f.costFen),
        net_fen: String(f.netFen),
        rule: preview.rule,
        min_to_fund_fen: String(preview.minToFundFen),
        to_fund_fen: String(toFund),
        balance_fen: String(content.closingFen),
        disclosure_id: disclosureId,
        closed_by: actor.userId,
      })
      .execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'public_revenue.close_quarter',
      entityType: 'community',
      entityId: rules.facts.id,
      after: { quarter: input.quarter, netFen: f.netFen, toFundFen: toFund, disclosureId },
    })
    return quarterPreview(tx, tenantId, rules, input.quarter)
  })
}

const dedupeFiles = (files: readonly Attachment[]) => [...new Map(files.map((f) => [f.sha256, f])).values()]

async function moveToFund(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  rules: CommunityRules,
  quarter: string,
  amountFen: number,
  on: { quarterEnd: string; today: string },
): Promise<void> {
  const units = await fundUnits(tx, tenantId, rules.facts.id)
  if (units.length === 0) throw conflict('DISCLOSURE_FUND_NO_UNITS')
  const split = splitByLargestRemainder(
    amountFen,
    units.map((u) => ({ key: u.code, weight: areaToHundredths(u.buildingArea) })),
  )
  const shares = units.map((u, i) => ({ unit: u.id, fen: split[i]!.fen }))
  const id = uuidv7()
  const journalId = await postOwnersMoney(tx, tenantId, publicRevenueToFund({ key: `pr:${id}`, shares }), {
    communityId: rules.facts.id,
    actorId: actor.userId,
    memo: `${quarter} 公共收益转入专项维修资金`,
  })
  const accounts = await loadSubAccounts(
    tx,
    tenantId,
    units.map((u) => u.id),
  )
  await applyFundMoves(
    tx,
    tenantId,
    rules.facts.id,
    accounts,
    shares.map((s) => ({ unitId: s.unit, kind: 'public_revenue' as const, fen: s.fen })),
    // The fund receives the money on the day of the close (an earlier fund statement stays as published);
    // the public-revenue ledger counts it in the quarter it is the share of.
    { journalId, occurredOn: on.today, memo: `${quarter} 公共收益转入` },
  )
  const row: Row = {
    tenant_id: tenantId,
    id,
    community_id: rules.facts.id,
    kind: 'to_fund',
    source: null,
    amount_fen: String(amountFen),
    occurred_on: on.quarterEnd,
    counterparty: '',
    contract_ref: '',
    summary: `${quarter} 按${CITY_RULE_NAMES[rules.cityRule]}规定转入专项维修资金`,
    evidence: JSON.stringify([]),
    decision_id: null,
    topic_id: null,
    quarter,
    reverses_id: null,
    journal_id: journalId,
    created_by: actor.userId,
    created_at: new Date(),
  }
  await tx.insertInto('public_revenue_entries').values(row).execute()
}
