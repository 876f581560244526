import type { Decision, DecisionResult, Topic } from '@meihao/contracts'
import { type Expression, type Selectable, type SqlBool, sql, type Transaction } from 'kysely'
import { notFound } from '../../platform/errors'
import { type CommunityFacts, communityFacts } from '../estate/published'
import type { ChainedEvent } from './chain'
import type { GovernanceTables } from './tables'

export type Tx = Transaction<GovernanceTables>
export type DecisionRow = Selectable<GovernanceTables['decisions']> & {
  community_name: string
  time_zone: string
}

/** A decision of this tenant that `scope` lets the caller see, or 404; `forUpdate` serialises writers. */
export async function requireDecision(
  tx: Tx,
  tenantId: string,
  id: string,
  scope: Expression<SqlBool>,
  options: { forUpdate?: boolean } = {},
): Promise<DecisionRow> {
  let q = tx
    .selectFrom('decisions as d')
    .selectAll('d')
    .where('d.tenant_id', '=', tenantId)
    .where('d.id', '=', id)
    .where(scope)
  if (options.forUpdate) q = q.forUpdate('d')
  const row = await q.executeTakeFirst()
  if (!row) throw notFound('GOVERNANCE_DECISION_NOT_FOUND')
  const community = await communityFacts(tx, tenantId, row.community_id)
  return { ...row, community_name: community?.name ?? '', time_zone: community?.timeZone ?? 'Asia/Shanghai' }
}

export async function loadTopics(tx: Tx, tenantId: string, decisionId: string): Promise<Topic[]> {
  const rows = await tx
    .selectFrom('decision_topics')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('decision_id', '=', decisionId)
    .orderBy('seq')
    .execute()
  return rows.map(topicView)
}

const topicView = (t: Selectable<GovernanceTables['decision_topics']>): Topic => ({
  id: t.id,
  seq: t.seq,
  title: t.title,
  description: t.description,
  item: t.item,
  tier: t.tier,
  electionGroup: t.election_group,
  seats: t.seats,
})

/** Many decisions at once: one query for all their topics, one per community for its facts. */
export async function decisionViews(
  tx: Tx,
  tenantId: string,
  rows: readonly Selectable<GovernanceTables['decisions']>[],
): Promise<Decision[]> {
  if (rows.length === 0) return []
  const topics = await tx
    .selectFrom('decision_topics')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where(
      'decision_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('seq')
    .execute()
  const communities = new Map<string, CommunityFacts | undefined>()
  for (const id of new Set(rows.map((r) => r.community_id)))
    communities.set(id, await communityFacts(tx, tenantId, id))
  return rows.map((r) => {
    const community = communities.get(r.community_id)
    return decisionView(
      { ...r, community_name: community?.name ?? '', time_zone: community?.timeZone ?? 'Asia/Shanghai' },
      topics.filter((t) => t.decision_id === r.id).map(topicView),
    )
  })
}

export async function loadChain(tx: Tx, tenantId: string, decisionId: string): Promise<ChainedEvent[]> {
  const rows = await tx
    .selectFrom('ballot_events')
    .select([
      'seq',
      'voter_key',
      'cast_by',
      'channel',
      'choices',
      'cast_at',
      'effective_at',
      'scan_ref',
      'authorization_ref',
      'prev_hash',
      'hash',
    ])
    .where('tenant_id', '=', tenantId)
    .where('decision_id', '=', decisionId)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({
    decisionId,
    seq: r.seq,
    voter: r.voter_key,
    castBy: r.cast_by,
    channel: r.channel,
    choices: r.choices,
    castAt: r.cast_at.toISOString(),
    effectiveAt: r.effective_at.toISOString(),
    evidence: [r.scan_ref, r.authorization_ref].filter((ref): ref is string => ref !== null),
    prevHash: r.prev_hash,
    hash: r.hash,
  }))
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function decisionView(d: DecisionRow, topics: Topic[]): Decision {
  return {
    id: d.id,
    communityId: d.community_id,
    communityName: d.community_name,
    title: d.title,
    description: d.description,
    convener: d.convener,
    meetingForm: d.meeting_form,
    temporary: d.temporary,
    noticeMinDays: d.notice_min_days,
    recordDate: d.record_date,
    votingStartsAt: d.voting_starts_at.toISOString(),
    votingEndsAt: d.voting_ends_at.toISOString(),
    secretUntilClose: d.secret_until_close,
    followMajority: d.follow_majority,
    proxyCap: d.proxy_cap,
    publishWithinDays: d.publish_within_days,
    status: d.status,
    noticedAt: iso(d.noticed_at),
    openedAt: iso(d.opened_at),
    closedAt: iso(d.closed_at),
    roll:
      d.roll_hash && d.roll_frozen_at
        ? {
            hash: d.roll_hash,
            frozenAt: d.roll_frozen_at.toISOString(),
            heads: d.roll_heads ?? 0,
            area: d.roll_area ?? '0.00',
            units: d.roll_units ?? 0,
          }
        : null,
    chainHead: d.chain_head,
    ballotCount: d.ballot_count,
    topics,
  }
}

export const storedResult = (d: DecisionRow) => (d.result ?? null) as DecisionResult | null

/** Today's date in the community's time zone, from the database clock. */
export async function communityToday(tx: Tx, timeZone: string): Promise<string> {
  const { rows } = await sql<{
    today: string
  }>`select (now() at time zone ${timeZone})::date::text as today`.execute(tx)
  return rows[0]!.today
}
