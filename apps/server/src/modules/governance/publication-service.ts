import type { DecisionResult, MyDecision } from '@meihao/contracts'
import { type Expression, type SqlBool, sql } from 'kysely'
import { hundredthsToArea } from '../../platform/area'
import { AppError } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { communitiesOwnedByAccount, partiesOfAccount } from '../estate/published'
import { type ChainedEvent, type ChainProblem, verifyChain } from './chain'
import { decisionScope } from './decisions-service'
import {
  type DecisionRow,
  decisionView,
  loadChain,
  loadTopics,
  requireDecision,
  storedResult,
  type Tx,
} from './repository'
import { ballotsOf, computeTurnout, loadTallyInputs } from './results'

/**
 * Decisions an owner may read once the notice is out: those whose roll names one of their parties, and
 * those of communities where they own a unit today.
 */
async function ownerScope(tx: Tx, ctx: RequestContext, tenantId: string): Promise<Expression<SqlBool>> {
  const accountId = actorOf(ctx).accountId
  const parties = (await partiesOfAccount(tx, tenantId, accountId)).map((p) => p.id)
  const communities = await communitiesOwnedByAccount(tx, tenantId, accountId)
  const onRoll =
    parties.length > 0
      ? sql<SqlBool>`exists (select 1 from decision_roll_members m
           where m.tenant_id = d.tenant_id and m.decision_id = d.id and m.party_id = any(${parties}::uuid[]))`
      : sql<SqlBool>`false`
  const inCommunity =
    communities.length > 0 ? sql<SqlBool>`d.community_id = any(${communities}::uuid[])` : sql<SqlBool>`false`
  return sql<SqlBool>`((${onRoll}) or (${inCommunity})) and d.status <> 'draft'`
}

/** Staff with governance.read, or an owner of the community (once the notice is out). */
function readScope(tx: Tx, ctx: RequestContext, tenantId: string, as: 'staff' | 'owner') {
  return as === 'staff' ? decisionScope(ctx, 'governance.read') : ownerScope(tx, ctx, tenantId)
}

export function turnout(ctx: RequestContext, id: string, as: 'staff' | 'owner') {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await requireDecision(tx, tenantId, id, await readScope(tx, ctx, tenantId, as))
    if (!d.roll_hash) throw new AppError(409, 'GOVERNANCE_ROLL_NOT_FROZEN')
    return computeTurnout(tx, tenantId, d, await loadTopics(tx, tenantId, d.id))
  })
}

export function result(ctx: RequestContext, id: string, as: 'staff' | 'owner'): Promise<DecisionResult> {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await requireDecision(tx, tenantId, id, await readScope(tx, ctx, tenantId, as))
    const stored = storedResult(d)
    if (!stored) throw new AppError(409, 'GOVERNANCE_NOT_CLOSED')
    return stored
  })
}

/** Recomputes the whole chain from the stored events: the first event that does not fit is named. */
export function verify(ctx: RequestContext, id: string, as: 'staff' | 'owner') {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await requireDecision(tx, tenantId, id, await readScope(tx, ctx, tenantId, as))
    if (!d.roll_hash) throw new AppError(409, 'GOVERNANCE_ROLL_NOT_FROZEN')
    const events = await loadChain(tx, tenantId, d.id)
    const checked = verifyChain(d.roll_hash, events)
    return {
      valid: checked.valid && recordedHeadProblem(d, events) === null,
      events: events.length,
      head: d.chain_head,
      problem: checked.problem ?? recordedHeadProblem(d, events),
    }
  })
}

/**
 * The decision row records how long the chain is and its last hash; the events must agree. Ballots
 * cast after the row was read may extend the chain (this is no snapshot), so the recorded head is
 * looked for at its own position, not at the end.
 */
function recordedHeadProblem(d: DecisionRow, events: readonly ChainedEvent[]): ChainProblem | null {
  if (d.ballot_count === 0) return null
  if (events.length < d.ballot_count) return { seq: events.length + 1, reason: 'sequence_gap' }
  return events[d.ballot_count - 1]!.hash === d.chain_head
    ? null
    : { seq: d.ballot_count, reason: 'link_broken' }
}

export function checkReceipt(ctx: RequestContext, id: string, hash: string, as: 'staff' | 'owner') {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await requireDecision(tx, tenantId, id, await readScope(tx, ctx, tenantId, as))
    const events = d.roll_hash ? await loadChain(tx, tenantId, d.id) : []
    const found = events.find((e) => e.hash === hash)
    return {
      included: Boolean(found),
      seq: found?.seq ?? null,
      castAt: found?.castAt ?? null,
      chainHead: d.chain_head,
      chainValid: d.roll_hash
        ? verifyChain(d.roll_hash, events).valid && recordedHeadProblem(d, events) === null
        : true,
    }
  })
}

/**
 * The package anyone can re-tally offline (`meihao tally FILE.json`): the roll with areas and
 * pseudonymous owners, the topics with tiers, every ballot event in chain order, the chain itself,
 * and the published result. No names, phones or ID numbers.
 */
export function exportPackage(ctx: RequestContext, id: string, as: 'staff' | 'owner') {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await requireDecision(tx, tenantId, id, await readScope(tx, ctx, tenantId, as))
    const stored = storedResult(d)
    if (d.status !== 'closed' || !stored) throw new AppError(409, 'GOVERNANCE_NOT_CLOSED')
    const topics = await loadTopics(tx, tenantId, d.id)
    const { units, events } = await loadTallyInputs(tx, tenantId, d.id)
    return {
      format: 'meihao-decision-export/1',
      decision: {
        id: d.id,
        title: d.title,
        community: d.community_name,
        recordDate: d.record_date,
        votingStartsAt: d.voting_starts_at.toISOString(),
        votingEndsAt: d.voting_ends_at.toISOString(),
        followMajority: d.follow_majority,
        parkingInArea: d.parking_in_area,
      },
      rollHash: d.roll_hash,
      units: units.map((u) => ({
        unit: u.unit,
        area: hundredthsToArea(u.areaHundredths),
        owners: [...u.owners],
        developerHeld: u.developerHeld,
      })),
      topics: topics.map((t) => ({ id: t.id, tier: t.tier, item: t.item, title: t.title })),
      // The counted ballots (each voter's last event); `chain` holds every event, replaced ones too.
      ballots: ballotsOf(events),
      chain: events,
      chainHead: d.chain_head,
      result: stored,
    }
  })
}

/** An owner's view of the decisions of their communities: their voter, receipts and the result. */
export function myDecisions(ctx: RequestContext): Promise<MyDecision[]> {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const rows = await tx
      .selectFrom('decisions as d')
      .select('d.id')
      .where('d.tenant_id', '=', tenantId)
      .where(await ownerScope(tx, ctx, tenantId))
      .orderBy('d.voting_starts_at', 'desc')
      .limit(100)
      .execute()
    const items: MyDecision[] = []
    for (const { id } of rows)
      items.push(
        await ownerView(tx, ctx, tenantId, await requireDecision(tx, tenantId, id, sql<SqlBool>`true`)),
      )
    return items
  })
}

export function myDecision(ctx: RequestContext, id: string): Promise<MyDecision> {
  return inTenant(ctx, async (tx: Tx, tenantId) =>
    ownerView(
      tx,
      ctx,
      tenantId,
      await requireDecision(tx, tenantId, id, await ownerScope(tx, ctx, tenantId)),
    ),
  )
}

async function ownerView(tx: Tx, ctx: RequestContext, tenantId: string, d: DecisionRow): Promise<MyDecision> {
  const { proxyCap: _, ...decision } = decisionView(d, await loadTopics(tx, tenantId, d.id))
  const parties = (await partiesOfAccount(tx, tenantId, actorOf(ctx).accountId)).map((p) => p.id)
  const voter =
    parties.length === 0
      ? undefined
      : await tx
          .selectFrom('decision_roll_members as m')
          .innerJoin('decision_voters as v', (j) =>
            j
              .onRef('v.tenant_id', '=', 'm.tenant_id')
              .onRef('v.decision_id', '=', 'm.decision_id')
              .onRef('v.voter_key', '=', 'm.voter_key'),
          )
          .select(['v.voter_key', 'v.area', 'v.unit_codes'])
          .where('m.tenant_id', '=', tenantId)
          .where('m.decision_id', '=', d.id)
          .where('m.party_id', 'in', parties)
          .orderBy('m.pseudonym')
          .executeTakeFirst()
  const receipts = voter
    ? await tx
        .selectFrom('ballot_events')
        .select(['seq', 'hash', 'prev_hash', 'cast_at', 'channel'])
        .where('tenant_id', '=', tenantId)
        .where('decision_id', '=', d.id)
        .where('voter_key', '=', voter.voter_key)
        .orderBy('seq')
        .execute()
    : []
  return {
    ...decision,
    myVoter: voter ? { heads: 1, area: voter.area, units: voter.unit_codes } : null,
    myReceipts: receipts.map((r) => ({
      decisionId: d.id,
      seq: r.seq,
      hash: r.hash,
      prevHash: r.prev_hash,
      castAt: r.cast_at.toISOString(),
      channel: r.channel,
    })),
    result: storedResult(d),
  }
}
