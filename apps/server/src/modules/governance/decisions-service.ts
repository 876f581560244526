import { type Decision, type DecisionInput, type TopicInput, tierOfItem } from '@meihao/contracts'
import { type Expression, type SqlBool, sql, type Updateable } from 'kysely'
import { writeAudit } from '../../platform/audit'
import { AppError, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { communityInScope, inScope } from '../estate/published'
import {
  communityToday,
  type DecisionRow,
  decisionView,
  decisionViews,
  loadTopics,
  requireDecision,
  type Tx,
} from './repository'
import { computeResult } from './results'
import { freezeRollIn } from './roll-service'
import type { GovernanceTables } from './tables'
import './messages'

type GovernancePermission = 'governance.read' | 'governance.manage'

/** 物业管理条例 第14条: 15 days' notice; 7 for temporary meetings where a city allows it. */
const MIN_NOTICE_DAYS = 15
const MIN_NOTICE_DAYS_TEMPORARY = 7
/** A voting window of one day to 60 days (杭州 requires 5–60: communities there set theirs within it). */
const MIN_WINDOW_DAYS = 1
const MAX_WINDOW_DAYS = 60

/** Decisions of the communities the caller's grants for `permission` reach. */
export const decisionScope = (ctx: RequestContext, permission: GovernancePermission): Expression<SqlBool> =>
  inScope(actorOf(ctx), permission, { community: 'd.community_id' }, { wholeCommunity: true })

/** The decision for a manager's change, locked so concurrent changes of one decision queue up. */
const lockForManage = (tx: Tx, ctx: RequestContext, tenantId: string, id: string) =>
  requireDecision(tx, tenantId, id, decisionScope(ctx, 'governance.manage'), { forUpdate: true })

/** Writes a lifecycle step, audits it, and answers the decision as it is afterwards. */
async function transition(
  tx: Tx,
  ctx: RequestContext,
  tenantId: string,
  d: DecisionRow,
  changes: Updateable<GovernanceTables['decisions']>,
  action: string,
  audit: { after?: unknown } = {},
) {
  const updated = await tx
    .updateTable('decisions')
    .set({ ...changes, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', d.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await writeAudit(tx, ctx, tenantId, { action, entityType: 'decision', entityId: d.id, ...audit })
  return view(tx, tenantId, { ...d, ...updated })
}

const requireState = (d: DecisionRow, allowed: DecisionRow['status'][], action: string) => {
  if (!allowed.includes(d.status))
    throw new AppError(409, 'GOVERNANCE_INVALID_STATE', { status: d.status, action })
}

async function view(tx: Tx, tenantId: string, d: DecisionRow): Promise<Decision> {
  return decisionView(d, await loadTopics(tx, tenantId, d.id))
}

export function listDecisions(ctx: RequestContext, query: { communityId?: string; status?: string }) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    let q = tx
      .selectFrom('decisions as d')
      .selectAll('d')
      .where('d.tenant_id', '=', tenantId)
      .where(decisionScope(ctx, 'governance.read'))
    if (query.communityId) q = q.where('d.community_id', '=', query.communityId)
    if (query.status) q = q.where('d.status', '=', query.status as DecisionRow['status'])
    return decisionViews(tx, tenantId, await q.orderBy('d.created_at', 'desc').limit(200).execute())
  })
}

export function getDecision(ctx: RequestContext, id: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) =>
    view(tx, tenantId, await requireDecision(tx, tenantId, id, decisionScope(ctx, 'governance.read'))),
  )
}

async function insertTopics(
  tx: Tx,
  tenantId: string,
  decisionId: string,
  first: number,
  topics: TopicInput[],
) {
  if (topics.length === 0) return
  await tx
    .insertInto('decision_topics')
    .values(
      topics.map((t, i) => ({
        tenant_id: tenantId,
        id: uuidv7(),
        decision_id: decisionId,
        seq: first + i,
        title: t.title,
        description: t.description,
        item: t.item,
        tier: tierOfItem(t.item),
        election_group: t.electionGroup ?? null,
        seats: t.seats ?? null,
      })),
    )
    .execute()
}

export function createDecision(ctx: RequestContext, input: DecisionInput) {
  const actor = actorOf(ctx)
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const community = await communityInScope(tx, actor, tenantId, input.communityId, 'governance.manage')
    if (!community) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
    const starts = new Date(input.votingStartsAt)
    const ends = new Date(input.votingEndsAt)
    const { rows } = await sql<{ start_date: string }>`
      select (${starts}::timestamptz at time zone ${community.timeZone})::date::text as start_date`.execute(
      tx,
    )
    const windowDays = (ends.getTime() - starts.getTime()) / 86_400_000
    if (
      windowDays < MIN_WINDOW_DAYS ||
      windowDays > MAX_WINDOW_DAYS ||
      input.recordDate > rows[0]!.start_date
    )
      throw new AppError(422, 'GOVERNANCE_WINDOW_INVALID', {
        minDays: MIN_WINDOW_DAYS,
        maxDays: MAX_WINDOW_DAYS,
      })
    const minNotice = input.temporary ? MIN_NOTICE_DAYS_TEMPORARY : MIN_NOTICE_DAYS
    if (input.noticeMinDays < minNotice)
      throw new AppError(422, 'GOVERNANCE_NOTICE_DAYS_TOO_FEW', { days: minNotice })
    const id = uuidv7()
    await tx
      .insertInto('decisions')
      .values({
        tenant_id: tenantId,
        id,
        community_id: input.communityId,
        title: input.title,
        description: input.description,
        convener: input.convener,
        meeting_form: input.meetingForm,
        temporary: input.temporary,
        notice_min_days: input.noticeMinDays,
        record_date: input.recordDate,
        voting_starts_at: starts,
        voting_ends_at: ends,
        secret_until_close: input.secretUntilClose,
        // 从众 is the community's 议事规则, not the convener's choice for one decision.
        follow_majority: community.voteFollowMajority,
        proxy_cap: input.proxyCap,
        publish_within_days: input.publishWithinDays,
        status: 'draft',
        created_by: actor.userId,
      })
      .execute()
    await insertTopics(tx, tenantId, id, 1, input.topics)
    const created = await view(tx, tenantId, await requireDecision(tx, tenantId, id, sql<SqlBool>`true`))
    await writeAudit(tx, ctx, tenantId, {
      action: 'governance.decision.create',
      entityType: 'decision',
      entityId: id,
      after: created,
    })
    return created
  })
}

/** Topics change only before the notice: nothing may be voted on that was not announced with it. */
export function addTopic(ctx: RequestContext, decisionId: string, input: TopicInput) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await lockForManage(tx, ctx, tenantId, decisionId)
    if (d.status !== 'draft') throw new AppError(409, 'GOVERNANCE_TOPICS_LOCKED')
    const topics = await loadTopics(tx, tenantId, d.id)
    await insertTopics(tx, tenantId, d.id, (topics.at(-1)?.seq ?? 0) + 1, [input])
    const after = await view(tx, tenantId, d)
    await writeAudit(tx, ctx, tenantId, {
      action: 'governance.topic.add',
      entityType: 'decision',
      entityId: d.id,
      after: after.topics.at(-1),
    })
    return after
  })
}

export function removeTopic(ctx: RequestContext, decisionId: string, topicId: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await lockForManage(tx, ctx, tenantId, decisionId)
    if (d.status !== 'draft') throw new AppError(409, 'GOVERNANCE_TOPICS_LOCKED')
    const removed = await tx
      .deleteFrom('decision_topics')
      .where('tenant_id', '=', tenantId)
      .where('decision_id', '=', d.id)
      .where('id', '=', topicId)
      .returningAll()
      .executeTakeFirst()
    if (!removed) throw notFound('GOVERNANCE_TOPIC_NOT_FOUND')
    await writeAudit(tx, ctx, tenantId, {
      action: 'governance.topic.remove',
      entityType: 'decision',
      entityId: d.id,
      before: removed,
    })
    return view(tx, tenantId, d)
  })
}

/** Days from `from` to `to`, both community-local dates (YYYY-MM-DD). */
async function daysBetween(tx: Tx, from: string, to: string): Promise<number> {
  const { rows } = await sql<{ days: number }>`select (${to}::date - ${from}::date)::int as days`.execute(tx)
  return rows[0]!.days
}

async function localDate(tx: Tx, at: Date, timeZone: string): Promise<string> {
  const { rows } = await sql<{
    d: string
  }>`select (${at}::timestamptz at time zone ${timeZone})::date::text as d`.execute(tx)
  return rows[0]!.d
}

/**
 * Publishes the meeting notice with its topics (物业管理条例 第14条): refused when voting would open
 * less than the decision's notice days (15 by default) after today.
 */
export function publishNotice(ctx: RequestContext, decisionId: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await lockForManage(tx, ctx, tenantId, decisionId)
    requireState(d, ['draft'], 'publish the notice')
    if ((await loadTopics(tx, tenantId, d.id)).length === 0) throw new AppError(422, 'GOVERNANCE_NO_TOPICS')
    const today = await communityToday(tx, d.time_zone)
    const startDate = await localDate(tx, d.voting_starts_at, d.time_zone)
    if ((await daysBetween(tx, today, startDate)) < d.notice_min_days) {
      const { rows } = await sql<{ earliest: string }>`
        select (${today}::date + ${d.notice_min_days}::int)::text as earliest`.execute(tx)
      throw new AppError(422, 'GOVERNANCE_NOTICE_TOO_SHORT', {
        days: d.notice_min_days,
        earliest: rows[0]!.earliest,
      })
    }
    return transition(
      tx,
      ctx,
      tenantId,
      d,
      { status: 'noticed', noticed_at: new Date() },
      'governance.decision.notice',
    )
  })
}

/** Freezes the voter roll at the record date; see roll-service. */
export function freezeRoll(ctx: RequestContext, decisionId: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await lockForManage(tx, ctx, tenantId, decisionId)
    requireState(d, ['noticed'], 'freeze the roll')
    if (d.roll_hash) throw new AppError(409, 'GOVERNANCE_ROLL_ALREADY_FROZEN')
    const today = await communityToday(tx, d.time_zone)
    // The record date must be over: ownership changes dated that day may still be entered until it ends.
    if (d.record_date >= today)
      throw new AppError(409, 'GOVERNANCE_RECORD_DATE_AHEAD', { recordDate: d.record_date })
    const frozen = await freezeRollIn(tx, tenantId, d)
    await writeAudit(tx, ctx, tenantId, {
      action: 'governance.roll.freeze',
      entityType: 'decision',
      entityId: d.id,
      after: {
        hash: frozen.roll_hash,
        heads: frozen.roll_heads,
        area: frozen.roll_area,
        units: frozen.roll_units,
      },
    })
    return view(tx, tenantId, frozen)
  })
}

/**
 * Opens voting. Checked again here, against the stored times, whatever the console showed: the
 * roll is frozen, the window has begun, the notice came early enough, and no topic is newer than it.
 */
export function openVoting(ctx: RequestContext, decisionId: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await lockForManage(tx, ctx, tenantId, decisionId)
    requireState(d, ['noticed'], 'open voting')
    if (!d.roll_hash) throw new AppError(409, 'GOVERNANCE_ROLL_NOT_FROZEN')
    const now = new Date()
    if (now < d.voting_starts_at || now >= d.voting_ends_at) throw outsideWindow(d)
    const noticeDate = await localDate(tx, d.noticed_at!, d.time_zone)
    const startDate = await localDate(tx, d.voting_starts_at, d.time_zone)
    if ((await daysBetween(tx, noticeDate, startDate)) < d.notice_min_days) {
      throw new AppError(409, 'GOVERNANCE_NOTICE_TOO_SHORT', { days: d.notice_min_days, earliest: '—' })
    }
    const late = await tx
      .selectFrom('decision_topics')
      .select('title')
      .where('tenant_id', '=', tenantId)
      .where('decision_id', '=', d.id)
      .where('created_at', '>', d.noticed_at!)
      .executeTakeFirst()
    if (late) throw new AppError(409, 'GOVERNANCE_TOPIC_AFTER_NOTICE', { title: late.title })
    return transition(tx, ctx, tenantId, d, { status: 'open', opened_at: now }, 'governance.decision.open')
  })
}

export const outsideWindow = (d: DecisionRow) =>
  new AppError(409, 'GOVERNANCE_NOT_IN_WINDOW', {
    startsAt: d.voting_starts_at.toISOString(),
    endsAt: d.voting_ends_at.toISOString(),
  })

/** Closes voting once the window is over, tallies, and publishes the result to the owners at once. */
export function closeVoting(ctx: RequestContext, decisionId: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await lockForManage(tx, ctx, tenantId, decisionId)
    requireState(d, ['open'], 'close voting')
    const now = new Date()
    if (now < d.voting_ends_at)
      throw new AppError(409, 'GOVERNANCE_WINDOW_NOT_OVER', { endsAt: d.voting_ends_at.toISOString() })
    const topics = await loadTopics(tx, tenantId, d.id)
    const result = await computeResult(tx, tenantId, d, topics, now)
    return transition(
      tx,
      ctx,
      tenantId,
      d,
      { status: 'closed', closed_at: now, result: JSON.stringify(result) },
      'governance.decision.close',
      { after: { chainHead: result.chainHead, ballotEvents: result.ballotEvents } },
    )
  })
}

export function cancelDecision(ctx: RequestContext, decisionId: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await lockForManage(tx, ctx, tenantId, decisionId)
    requireState(d, ['draft', 'noticed'], 'cancel')
    return transition(tx, ctx, tenantId, d, { status: 'cancelled' }, 'governance.decision.cancel')
  })
}

/** Units of the frozen roll whose code starts with `q`: what a paper ballot can be entered for. */
export function searchRollUnits(
  ctx: RequestContext,
  decisionId: string,
  query: { q?: string | undefined; limit: number },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const d = await requireDecision(tx, tenantId, decisionId, decisionScope(ctx, 'governance.manage'))
    let q = tx
      .selectFrom('decision_roll_units')
      .select(['unit_id', 'unit_code', 'area', 'developer_held'])
      .where('tenant_id', '=', tenantId)
      .where('decision_id', '=', d.id)
      .where('unit_id', 'is not', null)
    if (query.q) q = q.where('unit_code', 'like', `${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    const rows = await q.orderBy('unit_code').limit(query.limit).execute()
    return rows.map((r) => ({
      unitId: r.unit_id!,
      code: r.unit_code,
      area: r.area,
      developerHeld: r.developer_held,
    }))
  })
}
