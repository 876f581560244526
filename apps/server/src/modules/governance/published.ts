import type { DecisionResult } from '@meihao/contracts'
import type { Transaction } from 'kysely'
import type { GovernanceTables } from './tables'

/**
 * What the governance region offers the other regions (DESIGN §3): the outcome of closed decisions, so
 * the disclosure region can tie fund and public-revenue spending to an owners' decision and ask for each
 * decision's publication. Callers pass their own transaction, already set to the tenant.
 */
// biome-ignore lint/suspicious/noExplicitAny: any region's transaction; the functions type their own tables
type AnyTx = Transaction<any>
const governance = (tx: AnyTx) => tx as Transaction<GovernanceTables>

export interface DecidedTopic {
  id: string
  seq: number
  title: string
  /** The item of 民法典 278 (一…九) the topic decides. */
  item: number
  /** The strict 278 result. */
  passed: boolean
}

export interface ClosedDecision {
  id: string
  title: string
  closedAt: Date
  topics: DecidedTopic[]
}

/** A community's closed decisions, newest first, with each topic's strict result. */
export async function closedDecisionsOf(
  tx: AnyTx,
  tenantId: string,
  communityId: string,
  onlyId?: string,
): Promise<ClosedDecision[]> {
  let q = governance(tx)
    .selectFrom('decisions')
    .select(['id', 'title', 'closed_at', 'result'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('status', '=', 'closed')
  if (onlyId) q = q.where('id', '=', onlyId)
  const decisions = await q.orderBy('closed_at', 'desc').execute()
  if (decisions.length === 0) return []
  const topics = await governance(tx)
    .selectFrom('decision_topics')
    .select(['id', 'decision_id', 'seq', 'title', 'item'])
    .where('tenant_id', '=', tenantId)
    .where(
      'decision_id',
      'in',
      decisions.map((d) => d.id),
    )
    .orderBy('seq')
    .execute()
  return decisions.map((d) => {
    const result = (d.result ?? null) as DecisionResult | null
    const passed = new Map((result?.topics ?? []).map((t) => [t.topicId, t.passed]))
    return {
      id: d.id,
      title: d.title,
      closedAt: d.closed_at ?? new Date(0),
      topics: topics
        .filter((t) => t.decision_id === d.id)
        .map((t) => ({
          id: t.id,
          seq: t.seq,
          title: t.title,
          item: t.item,
          passed: passed.get(t.id) ?? false,
        })),
    }
  })
}

/** One topic of a closed decision of the community, or undefined when there is none such. */
export async function decidedTopic(
  tx: AnyTx,
  tenantId: string,
  communityId: string,
  decisionId: string,
  topicId: string,
): Promise<(DecidedTopic & { decisionTitle: string }) | undefined> {
  const [decision] = await closedDecisionsOf(tx, tenantId, communityId, decisionId)
  const topic = decision?.topics.find((t) => t.id === topicId)
  return decision && topic ? { ...topic, decisionTitle: decision.title } : undefined
}
