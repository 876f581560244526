import type { DecisionResult, Topic, TopicResult as TopicResultView, Turnout } from '@meihao/contracts'
import { areaToHundredths, hundredthsToArea } from '../../platform/area'
import { AppError } from '../../platform/errors'
import { type ChainedEvent, rollHash, verifyChain } from './chain'
import { type DecisionRow, loadChain, type Tx } from './repository'
import { type BallotInput, type RollUnit, type TopicCounts, type TopicResult, tally } from './tally'

export interface TallyInputs {
  units: RollUnit[]
  events: ChainedEvent[]
}

export async function loadTallyInputs(tx: Tx, tenantId: string, decisionId: string): Promise<TallyInputs> {
  const rows = await tx
    .selectFrom('decision_roll_units')
    .select(['label', 'area', 'owners', 'developer_held'])
    .where('tenant_id', '=', tenantId)
    .where('decision_id', '=', decisionId)
    .orderBy('label')
    .execute()
  return {
    units: rows.map((r) => ({
      unit: r.label,
      areaHundredths: areaToHundredths(r.area),
      owners: r.owners,
      developerHeld: r.developer_held,
    })),
    events: await loadChain(tx, tenantId, decisionId),
  }
}

/**
 * The counted ballots: each voter's last event replaces all of their earlier ones — a topic left blank
 * on the later ballot is not voted, it does not keep the earlier choice.
 */
export function ballotsOf(events: readonly ChainedEvent[]): BallotInput[] {
  // By when each ballot was cast (a paper ballot signed earlier but keyed in later loses), then by chain order.
  const ordered = [...events].sort((a, b) =>
    a.effectiveAt !== b.effectiveAt ? (a.effectiveAt < b.effectiveAt ? -1 : 1) : a.seq - b.seq,
  )
  const lastOfVoter = new Map(ordered.map((e) => [e.voter, e]))
  return [...lastOfVoter.values()].flatMap((e) =>
    Object.entries(e.choices).map(([topic, choice]) => ({
      voter: e.castBy,
      topic,
      choice: choice as BallotInput['choice'],
    })),
  )
}

const count = (heads: number, area: bigint) => ({ heads, area: hundredthsToArea(area) })

function topicView(topicId: string, r: TopicCounts & { tier: TopicResult['tier'] }): TopicResultView {
  return {
    topicId,
    tier: r.tier,
    total: count(r.totalHeads, r.totalAreaHundredths),
    participating: count(r.participatingHeads, r.participatingAreaHundredths),
    agree: count(r.agreeHeads, r.agreeAreaHundredths),
    oppose: count(r.opposeHeads, r.opposeAreaHundredths),
    abstain: count(r.abstainHeads, r.abstainAreaHundredths),
    quorumMet: r.quorumMet,
    passed: r.passed,
  }
}

/**
 * Committee elections (item 三, "elect N of M"): among the candidates of a group that passed on their
 * own, the N with the most agreeing heads (then area) are elected.
 */
function electedOf(topics: readonly Topic[], results: readonly TopicResult[]): DecisionResult['elected'] {
  const byId = new Map(results.map((r) => [r.id, r]))
  const groups = new Map<string, Topic[]>()
  for (const t of topics)
    if (t.electionGroup) groups.set(t.electionGroup, [...(groups.get(t.electionGroup) ?? []), t])
  return [...groups].map(([group, candidates]) => {
    const seats = candidates[0]?.seats ?? 1
    const ranked = candidates
      .map((t) => byId.get(t.id)!)
      .filter((r) => r.passed)
      .sort((a, b) =>
        b.agreeHeads !== a.agreeHeads
          ? b.agreeHeads - a.agreeHeads
          : b.agreeAreaHundredths > a.agreeAreaHundredths
            ? 1
            : b.agreeAreaHundredths < a.agreeAreaHundredths
              ? -1
              : 0,
      )
    return { group, seats, topicIds: ranked.slice(0, seats).map((r) => r.id) }
  })
}

/**
 * Before a result is computed: the roll must still hash to what owners were shown, and the chain must
 * verify from the roll hash to the head recorded on the decision.
 */
export function integrityProblem(d: DecisionRow, inputs: TallyInputs): Record<string, unknown> | null {
  const recomputed = rollHash(
    d.id,
    inputs.units.map((u) => ({
      unit: u.unit,
      area: hundredthsToArea(u.areaHundredths),
      owners: u.owners,
      developerHeld: u.developerHeld,
    })),
  )
  if (recomputed !== d.roll_hash) return { part: 'roll' }
  const chain = verifyChain(d.roll_hash, inputs.events)
  if (chain.problem) return { part: 'chain', ...chain.problem }
  if ((inputs.events.at(-1)?.hash ?? null) !== d.chain_head || inputs.events.length !== d.ballot_count)
    return { part: 'chain', seq: inputs.events.length, reason: 'head_mismatch' }
  return null
}

/** The final result from the frozen roll and the whole chain, strict 278 and (if set) 从众 beside it. */
export async function computeResult(
  tx: Tx,
  tenantId: string,
  d: DecisionRow,
  topics: readonly Topic[],
  closedAt: Date,
): Promise<DecisionResult> {
  const inputs = await loadTallyInputs(tx, tenantId, d.id)
  const problem = integrityProblem(d, inputs)
  if (problem) throw new AppError(409, 'GOVERNANCE_INTEGRITY_BROKEN', problem, problem)
  const { units, events } = inputs
  const outcome = tally(
    units,
    topics.map((t) => ({ id: t.id, tier: t.tier })),
    ballotsOf(events),
    { followMajority: d.follow_majority },
  )
  return {
    decisionId: d.id,
    closedAt: closedAt.toISOString(),
    chainHead: events.at(-1)?.hash ?? null,
    rollHash: d.roll_hash!,
    ballotEvents: events.length,
    topics: outcome.topics.map((r) => topicView(r.id, r)),
    followMajority: d.follow_majority
      ? outcome.topics.map((r) => topicView(r.id, { ...r.followMajority!, tier: r.tier }))
      : null,
    elected: electedOf(topics, outcome.topics),
  }
}

/**
 * Live turnout: heads and area that took part, overall and per topic. Choices stay hidden while a
 * secret meeting is open.
 */
export async function computeTurnout(
  tx: Tx,
  tenantId: string,
  d: DecisionRow,
  topics: readonly Topic[],
): Promise<Turnout> {
  const { units, events } = await loadTallyInputs(tx, tenantId, d.id)
  const outcome = tally(
    units,
    topics.map((t) => ({ id: t.id, tier: t.tier })),
    ballotsOf(events),
  )
  const showChoices = !d.secret_until_close || d.status === 'closed'
  const voted = new Set(events.map((e) => e.voter))
  const votedArea = outcome.roll.voters
    .filter((v) => voted.has(v.voterId))
    .reduce((sum, v) => sum + v.areaHundredths, 0n)
  return {
    total: count(outcome.roll.totalHeads, outcome.roll.totalAreaHundredths),
    participating: count(voted.size, votedArea),
    topics: outcome.topics.map((r) => ({
      topicId: r.id,
      participating: count(r.participatingHeads, r.participatingAreaHundredths),
      agree: showChoices ? count(r.agreeHeads, r.agreeAreaHundredths) : null,
      oppose: showChoices ? count(r.opposeHeads, r.opposeAreaHundredths) : null,
      abstain: showChoices ? count(r.abstainHeads, r.abstainAreaHundredths) : null,
    })),
  }
}
