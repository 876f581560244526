/**
 * Arrears (欠费): who owes what past due, why, and what the company may do about it (see
 * /work/shared/domain/billing.md, "Collecting").
 *
 * 民法典 第944条 (and 郑州, 潍坊): a property company may NOT cut off, suspend or restrict water, power, heat or
 * gas, nor block entry, lifts or cars, to make an owner pay. This module therefore offers only what the law
 * allows: reminders in writing (in-app messages, SMS) with a reasonable period to pay, notices posted in the
 * estate that show only the unit and the amount (no names), and a case file per arrears account for
 * litigation or arbitration. There is deliberately no action, job or endpoint that restricts any service; a
 * test (billing-arrears.test.ts) fails if one ever appears.
 *
 * A bill's open amount is amount − paid − credited; it is arrears only once it is past its due date (the due
 * date itself is still on time), aged by days past due like fee-math's agingBucket. The lists group open
 * bills by unit in SQL, so they scale with the index of open bills, not with the units of a community.
 */
import {
  ARREARS_REASONS,
  type ArrearsAccount,
  type ArrearsTags,
  type DunningCampaign,
  type OwnerMessage,
  type Page,
} from '@meihao/contracts'
import ExcelJS from 'exceljs'
import { type Expression, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely'
import { writeAudit } from '../../platform/audit'
import type { Actor } from '../../platform/auth/actor'
import { maskName } from '../../platform/crypto/mask'
import type { Deps } from '../../platform/deps'
import { AppError, invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { translate } from '../../platform/i18n/catalog'
import { uuidv7 } from '../../platform/ids'
import { queueSms } from '../../platform/sms'
import {
  type CommunityFacts,
  communityFacts,
  communityInScope,
  inScope,
  unitCodes,
  unitInScope,
} from '../estate/published'
import './arrears-messages'
import { type AgingBucket, agingBucket, daysOverdue } from './fee-math'
import type { BillingTables } from './tables'

type Tx = Transaction<BillingTables>
type Reason = (typeof ARREARS_REASONS)[number]
type Channel = 'in_app' | 'sms' | 'notice'

const NO_ID = '00000000-0000-0000-0000-000000000000'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const CHUNK = 1000

// ── pure helpers ────────────────────────────────────────────────────────────────────────────────────

/**
 * The aging buckets as inclusive ranges of days past due, for SQL. They must agree with fee-math's
 * agingBucket for every day count (a unit test checks this), so the SQL and the pure rule never drift.
 */
export const BUCKET_DAYS: ReadonlyArray<{ bucket: AgingBucket; from: number; to: number | null }> = [
  { bucket: 'upTo30', from: 1, to: 30 },
  { bucket: 'from31To90', from: 31, to: 90 },
  { bucket: 'from91To180', from: 91, to: 180 },
  { bucket: 'from181To365', from: 181, to: 365 },
  { bucket: 'over365', from: 366, to: null },
]

/** The bucket BUCKET_DAYS gives for `days` past due (null: not overdue). */
export function bucketOfDays(days: number): AgingBucket | null {
  return BUCKET_DAYS.find((b) => days >= b.from && (b.to === null || days <= b.to))?.bucket ?? null
}

/** 25024 → "250.24" (元, exact, from integer fen). */
export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** 'YYYY-MM-DD' + n days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const utc = new Date(0)
  utc.setUTCFullYear(y, m - 1, d + days)
  return utc.toISOString().slice(0, 10)
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

/** The reminder an owner receives by SMS: the unit, the amount and the days to pay — nothing else. */
export const dunningSmsText = (unitCode: string, openFen: number, payWithinDays: number) =>
  translate('zh-CN', 'BILLING_DUNNING_SMS', { unitCode, amount: yuan(openFen), days: payWithinDays })

export interface NoticeSheet {
  lang: 'zh-CN' | 'en-US'
  companyName: string
  communityName: string
  /** The day the campaign was made, in the community's zone. */
  issuedOn: string
  payBy: string
  payWithinDays: number
  notices: ReadonlyArray<{ unitCode: string; openFen: number }>
}

/**
 * The notice posted in the estate (notice boards, lift lobbies): the company's reminder and, per unit, only
 * its code and the amount. Never a name or a phone (billing.md: notices show only unit and amount).
 */
export function renderNoticeHtml(sheet: NoticeSheet): string {
  const t = (code: string, params: Record<string, unknown> = {}) =>
    escapeHtml(translate(sheet.lang, code, params))
  const rows = sheet.notices
    .map((n) => `<tr><td>${escapeHtml(n.unitCode)}</td><td class="fen">${yuan(n.openFen)}</td></tr>`)
    .join('\n')
  return `<!doctype html>
<html lang="${sheet.lang}">
<head>
<meta charset="utf-8">
<title>${t('BILLING_NOTICE_TITLE', { community: sheet.communityName })}</title>
<style>
  body { font-family: "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 48em; }
  h1 { text-align: center; font-size: 1.6em; }
  p.body { text-indent: 2em; line-height: 1.8; }
  table { border-collapse: collapse; width: 100%; margin: 1em 0; }
  th, td { border: 1px solid #333; padding: 0.3em 0.6em; }
  td.fen { text-align: right; font-variant-numeric: tabular-nums; }
  p.sign { text-align: right; line-height: 1.8; }
  @media print { body { margin: 0; } tr { page-break-inside: avoid; } }
</style>
</head>
<body>
<h1>${t('BILLING_NOTICE_TITLE', { community: sheet.communityName })}</h1>
<p class="body">${t('BILLING_NOTICE_BODY', { payBy: sheet.payBy, days: sheet.payWithinDays })}</p>
<table>
<thead><tr><th>${t('BILLING_NOTICE_UNIT')}</th><th>${t('BILLING_NOTICE_AMOUNT')}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>${t('BILLING_NOTICE_TOTAL', { units: sheet.notices.length })}</p>
<p class="sign">${escapeHtml(sheet.companyName)}<br>${escapeHtml(sheet.issuedOn)}</p>
</body>
</html>
`
}

// ── shared SQL ──────────────────────────────────────────────────────────────────────────────────────

const OPEN = sql`(b.amount_fen - b.paid_fen - b.credited_fen)`

/** Today in the community's time zone: the day arrears are aged on. */
async function todayIn(tx: Tx, timeZone: string): Promise<string> {
  const { rows } = await sql<{ d: string }>`select (now() at time zone ${timeZone})::date::text as d`.execute(
    tx,
  )
  return rows[0]!.d
}

const unitScope = (actor: Actor, permission: 'billing.read' | 'billing.arrears') =>
  inScope(actor, permission, { community: 'u.community_id', building: 'u.building_id', unit: 'u.id' })

/**
 * The community when some grant of the actor for `permission` reaches into it (a building grant reaches its
 * community): lists and summaries are then limited to the units the actor reaches.
 */
async function reachableCommunity(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  communityId: string,
  permission: 'billing.read' | 'billing.arrears',
): Promise<CommunityFacts> {
  const facts = await communityFacts(tx, tenantId, communityId)
  if (facts) {
    const { rows } = await sql`select 1 from communities c
      where c.tenant_id = ${tenantId} and c.id = ${communityId}
        and ${inScope(actor, permission, { community: 'c.id' })}`.execute(tx)
    if (rows.length > 0) return facts
  }
  throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
}

/** The community when the actor's grants cover all of it (campaigns and reports are community-wide). */
async function wholeCommunity(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  communityId: string,
  permission: 'billing.read' | 'billing.arrears',
): Promise<CommunityFacts> {
  const community = await communityInScope(tx, actor, tenantId, communityId, permission)
  if (!community) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return community
}

interface ArrearsRow {
  unit_id: string
  unit_code: string
  building_code: string
  building_name: string
  open_fen: string
  bills: number
  oldest: string
  b0: string
  b1: string
  b2: string
  b3: string
  b4: string
}

const bucketSums = () =>
  sql.join(
    BUCKET_DAYS.map(
      (b, i) =>
        sql`coalesce(sum(${OPEN}) filter (where days >= ${b.from}${b.to === null ? sql`` : sql` and days <= ${b.to}`}), 0)::bigint::text as ${sql.ref(`b${i}`)}`,
    ),
  )

/**
 * Per unit of the community: the open amounts past due on `asOf`, grouped in SQL. `where` narrows the units
 * (scope, cursor); `minFen` keeps the units owing at least that much.
 */
function arrearsByUnit(
  tenantId: string,
  communityId: string,
  asOf: string,
  where: Expression<SqlBool>,
  minFen: number,
): RawBuilder<ArrearsRow> {
  return sql<ArrearsRow>`
    select u.id as unit_id, u.code as unit_code, bd.code as building_code, bd.name as building_name,
           sum(${OPEN})::bigint::text as open_fen, count(*)::int as bills,
           to_char(min(b.period_start), 'YYYY-MM') as oldest,
           ${bucketSums()}
      from (select b.*, ${asOf}::date - b.due_on as days from bills b
             where b.tenant_id = ${tenantId} and b.community_id = ${communityId}
               and b.paid_fen + b.credited_fen < b.amount_fen and b.due_on < ${asOf}::date) b
      join units u on u.tenant_id = b.tenant_id and u.id = b.unit_id
      join buildings bd on bd.tenant_id = u.tenant_id and bd.id = u.building_id
     where ${where}
     group by u.id, u.code, bd.code, bd.name
    having sum(${OPEN}) >= ${minFen}`
}

const bucketsOf = (r: Pick<ArrearsRow, 'b0' | 'b1' | 'b2' | 'b3' | 'b4'>) =>
  Object.fromEntries(BUCKET_DAYS.map((b, i) => [b.bucket, Number(r[`b${i}` as 'b0'])])) as Record<
    AgingBucket,
    number
  >

/** Names of the units' current owners (a unit may have co-owners), in ownership order. */
async function currentOwners(tx: Tx, tenantId: string, unitIds: readonly string[], asOf: string) {
  const owners = new Map<string, string[]>()
  if (unitIds.length === 0) return owners
  const { rows } = await sql<{ unit_id: string; name: string }>`
    select o.unit_id, p.name from unit_ownerships o
      join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
     where o.tenant_id = ${tenantId} and o.unit_id in (${sql.join(unitIds)})
       and o.start_date <= ${asOf}::date and (o.end_date is null or o.end_date >= ${asOf}::date)
     order by o.start_date, p.name, p.id`.execute(tx)
  for (const r of rows) owners.set(r.unit_id, [...(owners.get(r.unit_id) ?? []), r.name])
  return owners
}

const reasonOrder = (a: string, b: string) =>
  ARREARS_REASONS.indexOf(a as Reason) - ARREARS_REASONS.indexOf(b as Reason)

async function tagsOf(tx: Tx, tenantId: string, unitIds: readonly string[]) {
  const tags = new Map<string, Reason[]>()
  if (unitIds.length === 0) return tags
  const rows = await tx
    .selectFrom('arrears_tags')
    .select(['unit_id', 'reason'])
    .where('tenant_id', '=', tenantId)
    .where('unit_id', 'in', [...unitIds])
    .execute()
  for (const r of rows.sort((a, b) => reasonOrder(a.reason, b.reason)))
    tags.set(r.unit_id, [...(tags.get(r.unit_id) ?? []), r.reason as Reason])
  return tags
}

// ── the arrears list and summary ────────────────────────────────────────────────────────────────────

const encodeCursor = (r: ArrearsRow) =>
  Buffer.from(JSON.stringify([r.building_code, r.unit_code, r.unit_id])).toString('base64url')

function decodeCursor(cursor: string): [string, string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const [building, unit, id] = Array.isArray(value) ? value : []
    if (typeof building === 'string' && typeof unit === 'string' && typeof id === 'string' && UUID.test(id))
      return [building, unit, id]
  } catch {
    // falls through to the error below
  }
  throw new AppError(400, 'COMMON_BAD_CURSOR')
}

export interface ArrearsListQuery {
  communityId: string
  minFen?: number | undefined
  cursor?: string | undefined
  limit: number
}

/**
 * The arrears accounts of a community the actor reaches: one per unit with open bills past due, in building
 * and unit order (a stable cursor: the last row's building code, unit code and id). Owner names are masked.
 */
export function listArrears(ctx: RequestContext, query: ArrearsListQuery) {
  return inTenant<BillingTables, Page<ArrearsAccount>>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const community = await reachableCommunity(tx, actor, tenantId, query.communityId, 'billing.read')
    const asOf = await todayIn(tx, community.timeZone)
    const after = query.cursor ? decodeCursor(query.cursor) : null
    const where = after
      ? sql<SqlBool>`${unitScope(actor, 'billing.read')} and (bd.code, u.code, u.id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`
      : unitScope(actor, 'billing.read')
    const { rows } = await sql<ArrearsRow>`
      ${arrearsByUnit(tenantId, community.id, asOf, where, query.minFen ?? 1)}
      order by bd.code, u.code, u.id
      limit ${query.limit + 1}`.execute(tx)
    const pageRows = rows.slice(0, query.limit)
    const ids = pageRows.map((r) => r.unit_id)
    const owners = await currentOwners(tx, tenantId, ids, asOf)
    const tags = await tagsOf(tx, tenantId, ids)
    const last = pageRows.at(-1)
    return {
      items: pageRows.map((r) => {
        const names = owners.get(r.unit_id) ?? []
        return {
          unitId: r.unit_id,
          unitCode: r.unit_code,
          buildingName: r.building_name,
          ownerName: names.length > 0 ? names.map(maskName).join('、') : null,
          openFen: Number(r.open_fen),
          bills: r.bills,
          oldestPeriod: r.oldest,
          buckets: bucketsOf(r),
          reasons: tags.get(r.unit_id) ?? [],
        }
      }),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    }
  })
}

export interface ArrearsSummaryView {
  communityId: string
  asOf: string
  accounts: number
  openFen: number
  buckets: Record<AgingBucket, number>
  byReason: { reason: Reason; accounts: number; openFen: number }[]
}

/** Totals over the same accounts as the list (the units the actor reaches): the sums of the list's rows. */
export function arrearsSummary(ctx: RequestContext, communityId: string) {
  return inTenant<BillingTables, ArrearsSummaryView>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const community = await reachableCommunity(tx, actor, tenantId, communityId, 'billing.read')
    const asOf = await todayIn(tx, community.timeZone)
    const accounts = arrearsByUnit(tenantId, community.id, asOf, unitScope(actor, 'billing.read'), 1)
    const { rows } = await sql<
      { accounts: number; open_fen: string } & Pick<ArrearsRow, 'b0' | 'b1' | 'b2' | 'b3' | 'b4'>
    >`
      with a as (${accounts})
      select count(*)::int as accounts, coalesce(sum(open_fen::bigint), 0)::bigint::text as open_fen,
             ${sql.join(BUCKET_DAYS.map((_, i) => sql`coalesce(sum(${sql.ref(`b${i}`)}::bigint), 0)::bigint::text as ${sql.ref(`b${i}`)}`))}
        from a`.execute(tx)
    const { rows: reasons } = await sql<{ reason: string; accounts: number; open_fen: string }>`
      with a as (${accounts})
      select t.reason, count(*)::int as accounts, sum(a.open_fen::bigint)::bigint::text as open_fen
        from a join arrears_tags t on t.tenant_id = ${tenantId} and t.unit_id = a.unit_id
       group by t.reason`.execute(tx)
    const total = rows[0]!
    return {
      communityId: community.id,
      asOf,
      accounts: total.accounts,
      openFen: Number(total.open_fen),
      buckets: bucketsOf(total),
      byReason: ARREARS_REASONS.map((reason) => {
        const r = reasons.find((x) => x.reason === reason)
        return { reason, accounts: r?.accounts ?? 0, openFen: r ? Number(r.open_fen) : 0 }
      }),
    }
  })
}

// ── tags ────────────────────────────────────────────────────────────────────────────────────────────

async function unitTags(tx: Tx, tenantId: string, unitId: string): Promise<ArrearsTags> {
  const rows = await tx
    .selectFrom('arrears_tags')
    .select(['reason', 'note', 'tagged_at'])
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId)
    .execute()
  return {
    unitId,
    tags: rows
      .sort((a, b) => reasonOrder(a.reason, b.reason))
      .map((r) => ({ reason: r.reason as Reason, note: r.note, taggedAt: r.tagged_at.toISOString() })),
  }
}

async function requireUnit(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  unitId: string,
  permission: 'billing.read' | 'billing.arrears',
) {
  const unit = await unitInScope(tx, actor, tenantId, unitId, permission)
  if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
  return unit
}

/** Tags the unit with a reason it does not pay (again: the note and tagger are replaced). Audited. */
export function addArrearsTag(
  ctx: RequestContext,
  unitId: string,
  input: { reason: Reason; note?: string | undefined },
) {
  return inTenant<BillingTables, ArrearsTags>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    await requireUnit(tx, actor, tenantId, unitId, 'billing.arrears')
    const before = await tx
      .selectFrom('arrears_tags')
      .select(['reason', 'note'])
      .where('tenant_id', '=', tenantId)
      .where('unit_id', '=', unitId)
      .where('reason', '=', input.reason)
      .executeTakeFirst()
    const note = input.note && input.note.length > 0 ? input.note : null
    await tx
      .insertInto('arrears_tags')
      .values({ tenant_id: tenantId, unit_id: unitId, reason: input.reason, note, tagged_by: actor.userId })
      .onConflict((c) =>
        c
          .columns(['tenant_id', 'unit_id', 'reason'])
          .doUpdateSet({ note, tagged_by: actor.userId, tagged_at: new Date() }),
      )
      .execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'billing.arrears.tag',
      entityType: 'unit',
      entityId: unitId,
      ...(before ? { before } : {}),
      after: { reason: input.reason, note },
    })
    return unitTags(tx, tenantId, unitId)
  })
}

export function removeArrearsTag(ctx: RequestContext, unitId: string, reason: Reason) {
  return inTenant<BillingTables, ArrearsTags>(ctx, async (tx, tenantId) => {
    await requireUnit(tx, actorOf(ctx), tenantId, unitId, 'billing.arrears')
    const removed = await tx
      .deleteFrom('arrears_tags')
      .where('tenant_id', '=', tenantId)
      .where('unit_id', '=', unitId)
      .where('reason', '=', reason)
      .returning(['reason', 'note'])
      .executeTakeFirst()
    if (!removed) throw notFound('BILLING_ARREARS_TAG_NOT_FOUND', { reason })
    await writeAudit(tx, ctx, tenantId, {
      action: 'billing.arrears.untag',
      entityType: 'unit',
      entityId: unitId,
      before: removed,
    })
    return unitTags(tx, tenantId, unitId)
  })
}

// ── dunning ─────────────────────────────────────────────────────────────────────────────────────────

export interface DunningRequest {
  communityId: string
  minFen: number
  channels: Channel[]
  payWithinDays: number
}

const campaignView = (
  r: {
    id: string
    community_id: string
    min_fen: string
    channels: string[]
    pay_within_days: number
    units: number
    total_fen: string
    created_at: Date
  },
  createdBy: string,
): DunningCampaign => ({
  id: r.id,
  communityId: r.community_id,
  minFen: Number(r.min_fen),
  channels: r.channels as Channel[],
  payWithinDays: r.pay_within_days,
  units: r.units,
  totalFen: Number(r.total_fen),
  createdAt: r.created_at.toISOString(),
  createdBy,
})

async function userNames(tx: Tx, tenantId: string, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))]
  if (wanted.length === 0) return new Map<string, string>()
  const { rows } = await sql<{ id: string; name: string }>`
    select id, name from users where tenant_id = ${tenantId} and id in (${sql.join(wanted)})`.execute(tx)
  return new Map(rows.map((r) => [r.id, r.name]))
}

/**
 * A dunning campaign: every unit of the community owing at least `minFen` past due gets a notice with its
 * open amount, all in one transaction with the campaign. Per channel:
 * - in_app: a message in the resident app of every sign-in account of the unit's current owners;
 * - sms: a short polite reminder (unit, amount, days to pay) to each current owner's phone, via the outbox;
 * - notice: nothing is sent; the notices print as a page for the estate's notice boards.
 * Reminders only: nothing here (or anywhere) cuts or restricts water, power, heat, gas, access or lifts
 * (民法典 944).
 */
export function startDunning(ctx: RequestContext, deps: Deps, input: DunningRequest) {
  return inTenant<BillingTables, DunningCampaign>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const community = await wholeCommunity(tx, actor, tenantId, input.communityId, 'billing.arrears')
    const asOf = await todayIn(tx, community.timeZone)
    const channels = (['in_app', 'sms', 'notice'] as const).filter((c) => input.channels.includes(c))
    const { rows: accounts } = await sql<ArrearsRow>`
      ${arrearsByUnit(tenantId, community.id, asOf, sql<SqlBool>`true`, input.minFen)}
      order by bd.code, u.code, u.id`.execute(tx)
    if (accounts.length === 0) throw invalid('BILLING_DUNNING_NO_ACCOUNTS', { amount: yuan(input.minFen) })
    const id = uuidv7()
    const totalFen = accounts.reduce((sum, a) => sum + BigInt(a.open_fen), 0n)
    const campaign = await tx
      .insertInto('dunning_campaigns')
      .values({
        tenant_id: tenantId,
        id,
        community_id: community.id,
        min_fen: String(input.minFen),
        channels,
        pay_within_days: input.payWithinDays,
        units: accounts.length,
        total_fen: totalFen.toString(),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    for (let i = 0; i < accounts.length; i += CHUNK) {
      await tx
        .insertInto('dunning_notices')
        .values(
          accounts.slice(i, i + CHUNK).map((a) => ({
            tenant_id: tenantId,
            campaign_id: id,
            unit_id: a.unit_id,
            open_fen: a.open_fen,
          })),
        )
        .execute()
    }
    const payBy = addDays(asOf, input.payWithinDays)
    let inApp = 0
    let sms = 0
    if (channels.includes('in_app'))
      inApp = await messageOwners(tx, tenantId, id, asOf, payBy, input.payWithinDays)
    if (channels.includes('sms')) sms = await textOwners(tx, deps, tenantId, id, asOf, input.payWithinDays)
    await writeAudit(tx, ctx, tenantId, {
      action: 'billing.dunning.start',
      entityType: 'dunning_campaign',
      entityId: id,
      after: {
        communityId: community.id,
        minFen: input.minFen,
        channels,
        payWithinDays: input.payWithinDays,
        units: accounts.length,
        totalFen: Number(totalFen),
        inAppMessages: inApp,
        smsMessages: sms,
      },
    })
    const names = await userNames(tx, tenantId, [actor.userId])
    return campaignView(campaign, names.get(actor.userId ?? NO_ID) ?? '')
  })
}

/** The campaign's notices with each unit's current owners (only those who can be reached). */
function noticeOwners(tenantId: string, campaignId: string, asOf: string, extra: RawBuilder<unknown>) {
  return sql`
    from dunning_notices n
    join units u on u.tenant_id = n.tenant_id and u.id = n.unit_id
    join unit_ownerships o on o.tenant_id = n.tenant_id and o.unit_id = n.unit_id
     and o.start_date <= ${asOf}::date and (o.end_date is null or o.end_date >= ${asOf}::date)
    join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
   where n.tenant_id = ${tenantId} and n.campaign_id = ${campaignId} and ${extra}`
}

async function messageOwners(
  tx: Tx,
  tenantId: string,
  campaignId: string,
  asOf: string,
  payBy: string,
  days: number,
): Promise<number> {
  const { rows } = await sql<{ unit_id: string; code: string; open_fen: string; account_id: string }>`
    select distinct n.unit_id, u.code, n.open_fen::text as open_fen, p.account_id
    ${noticeOwners(tenantId, campaignId, asOf, sql`p.account_id is not null`)}
    order by u.code, p.account_id`.execute(tx)
  let written = 0
  for (let i = 0; i < rows.length; i += CHUNK) {
    const result = await tx
      .insertInto('owner_messages')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          tenant_id: tenantId,
          id: uuidv7(),
          account_id: r.account_id,
          unit_id: r.unit_id,
          kind: 'dunning',
          message: 'BILLING_DUNNING_IN_APP',
          params: JSON.stringify({
            unitCode: r.code,
            openFen: Number(r.open_fen),
            amount: yuan(Number(r.open_fen)),
            payBy,
            days,
          }),
          // One message per campaign, account and unit, however often the campaign's writes are retried.
          dedupe_key: `dunning:${campaignId}:${r.unit_id}`,
        })),
      )
      .onConflict((c) => c.columns(['tenant_id', 'account_id', 'dedupe_key']).doNothing())
      .executeTakeFirst()
    written += Number(result.numInsertedOrUpdatedRows ?? 0n)
  }
  return written
}

async function textOwners(
  tx: Tx,
  deps: Deps,
  tenantId: string,
  campaignId: string,
  asOf: string,
  days: number,
) {
  const { rows } = await sql<{ code: string; open_fen: string; phone_enc: string }>`
    select distinct u.code, n.open_fen::text as open_fen, p.id as party_id, p.phone_enc
    ${noticeOwners(tenantId, campaignId, asOf, sql`p.phone_enc is not null`)}
    order by u.code, party_id`.execute(tx)
  for (const r of rows) {
    await queueSms(tx, deps.pii, tenantId, {
      phone: deps.pii.decrypt(r.phone_enc),
      template: 'billing_dunning',
      body: dunningSmsText(r.code, Number(r.open_fen), days),
    })
  }
  return rows.length
}

const CAMPAIGN_COLUMNS = [
  'id',
  'community_id',
  'min_fen',
  'channels',
  'pay_within_days',
  'units',
  'total_fen',
  'created_at',
  'created_by',
] as const

export function listDunning(ctx: RequestContext, communityId: string) {
  return inTenant<BillingTables, DunningCampaign[]>(ctx, async (tx, tenantId) => {
    // Campaign totals are community-wide: they need a grant covering the whole community.
    const community = await wholeCommunity(tx, actorOf(ctx), tenantId, communityId, 'billing.read')
    const rows = await tx
      .selectFrom('dunning_campaigns')
      .select([...CAMPAIGN_COLUMNS])
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', community.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute()
    const names = await userNames(
      tx,
      tenantId,
      rows.map((r) => r.created_by),
    )
    return rows.map((r) => campaignView(r, names.get(r.created_by ?? NO_ID) ?? ''))
  })
}

/** The printable notices of a campaign (HTML): unit codes and amounts only, for posting in the estate. */
export function noticesPage(ctx: RequestContext, campaignId: string) {
  return inTenant<BillingTables, string>(ctx, async (tx, tenantId) => {
    const campaign = await tx
      .selectFrom('dunning_campaigns')
      .select([...CAMPAIGN_COLUMNS])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', campaignId)
      .executeTakeFirst()
    if (!campaign) throw notFound('BILLING_DUNNING_NOT_FOUND')
    const community = await communityInScope(
      tx,
      actorOf(ctx),
      tenantId,
      campaign.community_id,
      'billing.arrears',
    )
    if (!community) throw notFound('BILLING_DUNNING_NOT_FOUND')
    const { rows } = await sql<{ issued_on: string; company: string }>`
      select (${campaign.created_at}::timestamptz at time zone ${community.timeZone})::date::text as issued_on,
             (select name from tenants where id = ${tenantId}) as company`.execute(tx)
    const { rows: notices } = await sql<{ code: string; open_fen: string }>`
      select u.code, n.open_fen::text as open_fen from dunning_notices n
        join units u on u.tenant_id = n.tenant_id and u.id = n.unit_id
        join buildings bd on bd.tenant_id = u.tenant_id and bd.id = u.building_id
       where n.tenant_id = ${tenantId} and n.campaign_id = ${campaign.id}
       order by bd.code, u.code, u.id`.execute(tx)
    const issuedOn = rows[0]!.issued_on
    return renderNoticeHtml({
      lang: ctx.lang,
      companyName: rows[0]!.company,
      communityName: community.name,
      issuedOn,
      payBy: addDays(issuedOn, campaign.pay_within_days),
      payWithinDays: campaign.pay_within_days,
      notices: notices.map((n) => ({ unitCode: n.code, openFen: Number(n.open_fen) })),
    })
  })
}

// ── the case file ───────────────────────────────────────────────────────────────────────────────────

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CASE_FILE_SHEETS = ['概况', '账单', '缴费', '催缴记录', '欠费原因'] as const

const REASON_LABELS: Record<Reason, string> = {
  vacancy: '房屋空置',
  service_dissatisfaction: '对服务不满',
  developer_dispute: '与开发商纠纷',
  financial_hardship: '经济困难',
  unreachable: '无法联系',
  other: '其他',
}
const CHANNEL_LABELS: Record<string, string> = {
  cash: '现金',
  pos: 'POS 刷卡',
  bank: '银行转账',
  wechatpay: '微信支付',
  alipay: '支付宝',
  in_app: '站内消息',
  sms: '短信',
  notice: '张贴通知',
}

/** 元 as a number cell, from the exact decimal string (Excel stores doubles; the value shown is exact). */
const money = (fen: number | string) => Number(yuan(Number(fen)))
const monthOf = (date: string) => date.slice(0, 7)

export interface CaseFile {
  unitCode: string
  fileName: string
  buffer: Buffer
}

/**
 * The case file of one arrears account, for litigation or arbitration: the unit, every bill, the payments
 * with their receipts, the reminders sent and the reasons tagged. Owner names are unmasked only for a caller
 * holding pii.reveal. Audited: who exported which unit, and whether names were revealed.
 */
export function caseFile(ctx: RequestContext, unitId: string) {
  return inTenant<BillingTables, CaseFile>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const unit = await requireUnit(tx, actor, tenantId, unitId, 'billing.arrears')
    const community = (await communityFacts(tx, tenantId, unit.communityId))!
    const asOf = await todayIn(tx, community.timeZone)
    const reveal = actor.permissions.has('pii.reveal')
    const { rows: places } = await sql<{ building: string; building_area: string; exclusive_area: string }>`
      select bd.name as building, u.building_area::text as building_area, u.exclusive_area::text as exclusive_area
        from units u join buildings bd on bd.tenant_id = u.tenant_id and bd.id = u.building_id
       where u.tenant_id = ${tenantId} and u.id = ${unit.id}`.execute(tx)
    const place = places[0]!
    const owners = (await currentOwners(tx, tenantId, [unit.id], asOf)).get(unit.id) ?? []
    const { rows: bills } = await sql<{
      period_start: string
      period_end: string
      item: string
      payer: string
      amount_fen: string
      paid_fen: string
      credited_fen: string
      due_on: string
    }>`
      select b.period_start, b.period_end, f.name as item, b.payer, b.amount_fen::text as amount_fen,
             b.paid_fen::text as paid_fen, b.credited_fen::text as credited_fen, b.due_on
        from bills b join fee_items f on f.tenant_id = b.tenant_id and f.id = b.fee_item_id
       where b.tenant_id = ${tenantId} and b.unit_id = ${unit.id}
       order by b.period_start, f.sort, f.code, b.id`.execute(tx)
    const { rows: payments } = await sql<{
      received_on: string
      channel: string
      amount_fen: string
      prepaid_fen: string
      number: string | null
      status: string | null
    }>`
      select to_char(p.received_at at time zone ${community.timeZone}, 'YYYY-MM-DD HH24:MI') as received_on,
             p.channel, p.amount_fen::text as amount_fen, p.prepaid_fen::text as prepaid_fen, r.number, r.status
        from payments p left join receipts r on r.tenant_id = p.tenant_id and r.payment_id = p.id
       where p.tenant_id = ${tenantId} and p.unit_id = ${unit.id}
       order by p.received_at, p.id`.execute(tx)
    const { rows: reminders } = await sql<{
      sent_on: string
      channels: string[]
      open_fen: string
      pay_within_days: number
    }>`
      select (c.created_at at time zone ${community.timeZone})::date::text as sent_on, c.channels,
             n.open_fen::text as open_fen, c.pay_within_days
        from dunning_notices n join dunning_campaigns c on c.tenant_id = n.tenant_id and c.id = n.campaign_id
       where n.tenant_id = ${tenantId} and n.unit_id = ${unit.id}
       order by c.created_at, c.id`.execute(tx)
    const { rows: tags } = await sql<{ reason: Reason; note: string | null; tagged_on: string }>`
      select reason, note, to_char(tagged_at at time zone ${community.timeZone}, 'YYYY-MM-DD') as tagged_on
        from arrears_tags where tenant_id = ${tenantId} and unit_id = ${unit.id}`.execute(tx)

    const open = (b: (typeof bills)[number]) =>
      Number(b.amount_fen) - Number(b.paid_fen) - Number(b.credited_fen)
    const overdue = bills.filter((b) => open(b) > 0 && agingBucket(daysOverdue(b.due_on, asOf)) !== null)

    const workbook = new ExcelJS.Workbook()
    workbook.creator = 'Meihao'
    const overview = workbook.addWorksheet('概况')
    overview.columns = [
      { header: '项目', key: 'k', width: 18 },
      { header: '内容', key: 'v', width: 48 },
    ]
    const ownerNames = reveal ? owners : owners.map(maskName)
    overview.addRows([
      { k: '小区', v: community.name },
      { k: '楼栋', v: place.building },
      { k: '房号', v: unit.code },
      { k: '建筑面积（m²）', v: place.building_area },
      { k: '套内面积（m²）', v: place.exclusive_area },
      { k: '业主', v: ownerNames.join('、') || '—' },
      { k: '逾期欠费（元）', v: yuan(overdue.reduce((s, b) => s + open(b), 0)) },
      { k: '逾期账单数', v: overdue.length },
      { k: '未缴合计（元，含未到期）', v: yuan(bills.reduce((s, b) => s + open(b), 0)) },
      { k: '统计日期', v: asOf },
    ])

    const billSheet = workbook.addWorksheet('账单')
    billSheet.columns = [
      { header: '账期', key: 'period', width: 18 },
      { header: '收费项目', key: 'item', width: 16 },
      { header: '付费方', key: 'payer', width: 8 },
      { header: '应收（元）', key: 'amount', width: 12 },
      { header: '已缴（元）', key: 'paid', width: 12 },
      { header: '减免（元）', key: 'credited', width: 12 },
      { header: '未缴（元）', key: 'open', width: 12 },
      { header: '到期日', key: 'due', width: 12 },
      { header: '逾期天数', key: 'days', width: 10 },
    ]
    for (const b of bills) {
      const start = monthOf(b.period_start)
      const end = monthOf(b.period_end)
      billSheet.addRow({
        period: start === end ? start : `${start} 至 ${end}`,
        item: b.item,
        payer: b.payer === 'developer' ? '开发商' : '业主',
        amount: money(b.amount_fen),
        paid: money(b.paid_fen),
        credited: money(b.credited_fen),
        open: money(open(b)),
        due: b.due_on,
        days: open(b) > 0 ? daysOverdue(b.due_on, asOf) : 0,
      })
    }

    const paymentSheet = workbook.addWorksheet('缴费')
    paymentSheet.columns = [
      { header: '收款时间', key: 'at', width: 18 },
      { header: '渠道', key: 'channel', width: 12 },
      { header: '金额（元）', key: 'amount', width: 12 },
      { header: '其中预存（元）', key: 'prepaid', width: 14 },
      { header: '收据号', key: 'receipt', width: 22 },
      { header: '收据状态', key: 'status', width: 10 },
    ]
    for (const p of payments) {
      paymentSheet.addRow({
        at: p.received_on,
        channel: CHANNEL_LABELS[p.channel] ?? p.channel,
        amount: money(p.amount_fen),
        prepaid: money(p.prepaid_fen),
        receipt: p.number ?? '',
        status: p.status === 'void' ? '已作废' : p.status === 'issued' ? '有效' : '',
      })
    }

    const reminderSheet = workbook.addWorksheet('催缴记录')
    reminderSheet.columns = [
      { header: '催缴日期', key: 'on', width: 12 },
      { header: '方式', key: 'channels', width: 28 },
      { header: '催缴金额（元）', key: 'amount', width: 14 },
      { header: '缴费期限', key: 'payBy', width: 12 },
    ]
    for (const r of reminders) {
      reminderSheet.addRow({
        on: r.sent_on,
        channels: r.channels.map((c) => CHANNEL_LABELS[c] ?? c).join('、'),
        amount: money(r.open_fen),
        payBy: addDays(r.sent_on, r.pay_within_days),
      })
    }

    const reasonSheet = workbook.addWorksheet('欠费原因')
    reasonSheet.columns = [
      { header: '原因', key: 'reason', width: 16 },
      { header: '说明', key: 'note', width: 40 },
      { header: '标记日期', key: 'on', width: 12 },
    ]
    for (const t of tags.sort((a, b) => reasonOrder(a.reason, b.reason))) {
      reasonSheet.addRow({ reason: REASON_LABELS[t.reason] ?? t.reason, note: t.note ?? '', on: t.tagged_on })
    }
    for (const sheet of workbook.worksheets) sheet.getRow(1).font = { bold: true }
    for (const key of ['amount', 'paid', 'credited', 'open']) billSheet.getColumn(key).numFmt = '0.00'
    for (const key of ['amount', 'prepaid']) paymentSheet.getColumn(key).numFmt = '0.00'
    reminderSheet.getColumn('amount').numFmt = '0.00'

    await writeAudit(tx, ctx, tenantId, {
      action: 'billing.arrears.case_file',
      entityType: 'unit',
      entityId: unit.id,
      after: { unitCode: unit.code, bills: bills.length, namesRevealed: reveal },
    })
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
    return { unitCode: unit.code, fileName: `case-${unit.code}-${asOf}.xlsx`, buffer }
  })
}

// ── the owner's message box ─────────────────────────────────────────────────────────────────────────

interface MessageRow {
  id: string
  kind: string
  unit_id: string | null
  message: string
  params: unknown
  created_at: Date
  read_at: Date | null
}

function messageView(ctx: RequestContext, r: MessageRow, codes: Map<string, string>): OwnerMessage {
  const params = (r.params && typeof r.params === 'object' ? r.params : {}) as Record<string, unknown>
  return {
    id: r.id,
    kind: r.kind,
    unitId: r.unit_id,
    unitCode: r.unit_id ? (codes.get(r.unit_id) ?? null) : null,
    // A message is stored as a code and its values, so each reader gets it in their own language.
    text: translate(ctx.lang, r.message, params),
    params,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at ? r.read_at.toISOString() : null,
  }
}

const messageCursor = (r: MessageRow) =>
  Buffer.from(JSON.stringify([r.created_at.toISOString(), r.id])).toString('base64url')

function decodeMessageCursor(cursor: string): [Date, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const [at, id] = Array.isArray(value) ? value : []
    const date = typeof at === 'string' ? new Date(at) : null
    if (date && !Number.isNaN(date.getTime()) && typeof id === 'string' && UUID.test(id)) return [date, id]
  } catch {
    // falls through to the error below
  }
  throw new AppError(400, 'COMMON_BAD_CURSOR')
}

/** The caller's own messages (by sign-in account), newest first. */
export function myMessages(
  ctx: RequestContext,
  query: { cursor?: string | undefined; limit: number; unread?: boolean | undefined },
) {
  return inTenant<BillingTables, Page<OwnerMessage>>(ctx, async (tx, tenantId) => {
    const accountId = actorOf(ctx).accountId ?? NO_ID
    let q = tx
      .selectFrom('owner_messages')
      .select(['id', 'kind', 'unit_id', 'message', 'params', 'created_at', 'read_at'])
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
    if (query.unread) q = q.where('read_at', 'is', null)
    if (query.cursor) {
      const [at, id] = decodeMessageCursor(query.cursor)
      q = q.where(sql<SqlBool>`(created_at, id) < (${at}, ${id}::uuid)`)
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute()
    const pageRows = rows.slice(0, query.limit)
    const codes = await unitCodes(
      tx,
      tenantId,
      pageRows.flatMap((r) => (r.unit_id ? [r.unit_id] : [])),
    )
    const last = pageRows.at(-1)
    return {
      items: pageRows.map((r) => messageView(ctx, r, codes)),
      nextCursor: rows.length > query.limit && last ? messageCursor(last) : null,
    }
  })
}

/** Marks one of the caller's messages read (the first reading time stays). Someone else's: 404. */
export function markMessageRead(ctx: RequestContext, id: string) {
  return inTenant<BillingTables, OwnerMessage>(ctx, async (tx, tenantId) => {
    const accountId = actorOf(ctx).accountId ?? NO_ID
    const row = await tx
      .updateTable('owner_messages')
      .set({ read_at: sql<Date>`coalesce(read_at, now())` })
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .returning(['id', 'kind', 'unit_id', 'message', 'params', 'created_at', 'read_at'])
      .executeTakeFirst()
    if (!row) throw notFound('BILLING_MESSAGE_NOT_FOUND')
    const codes = await unitCodes(tx, tenantId, row.unit_id ? [row.unit_id] : [])
    return messageView(ctx, row, codes)
  })
}
