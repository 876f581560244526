import type {
  Attachment,
  CorrectionInput,
  Disclosure,
  DisclosureDraftPatch,
  DisclosureInput,
  DisclosureType,
} from '@meihao/contracts'
import { type Expression, type SqlBool, sql } from 'kysely'
import type { z } from 'zod'
import { writeAudit } from '../../platform/audit'
import type { Actor } from '../../platform/auth/actor'
import type { Deps } from '../../platform/deps'
import { conflict, invalid, notFound } from '../../platform/errors'
import { recordStoredFile, type SavedFile, saveFile } from '../../platform/files'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { postOwnerMessages } from '../billing/published'
import { inScope, ownerAccountsOfUnits } from '../estate/published'
import { closedDecisionsOf } from '../governance/published'
import { type CommunityRules, localDate, rulesInScope } from './community-rules'
import { addDays } from './completeness'
import { findPersonalData } from './personal-data'
import type { DisclosureTables, ItemRecord, NewItem, Tx } from './tables'

export type Audience = 'staff' | 'owner'

/** Who may see a community's items: staff with disclosure.read in scope, or its owners and residents. */
export function audienceScope(
  actor: Actor,
  audience: Audience,
  column = 'community_id',
): Expression<SqlBool> {
  return audience === 'staff'
    ? inScope(actor, 'disclosure.read', { community: column })
    : sql<SqlBool>`(${inScope(actor, 'resident.self', { community: column })}) and status <> 'draft'`
}

// ── files ────────────────────────────────────────────────────────────────────────────────────────────

type Upload = z.output<typeof DisclosureInput>['attachments'][number]

/** Files are written before the transaction (content-addressed: a failed write leaves nothing wrong). */
export const saveAttachments = (deps: Deps, tenantId: string, files: readonly Upload[]) =>
  Promise.all(files.map((f) => saveFile(deps.files, tenantId, f)))

export async function recordAttachments(
  tx: Tx,
  tenantId: string,
  saved: readonly SavedFile[],
): Promise<Attachment[]> {
  for (const file of saved) await recordStoredFile(tx, tenantId, file)
  return saved.map((f) => ({
    sha256: f.sha256,
    fileName: f.fileName,
    contentType: f.contentType,
    sizeBytes: f.sizeBytes,
  }))
}

// ── views ────────────────────────────────────────────────────────────────────────────────────────────

const COLUMNS = [
  'id',
  'series_id',
  'version',
  'community_id',
  'type',
  'title',
  'body',
  'content',
  'source_ref',
  'period_from',
  'period_to',
  'attachments',
  'min_display_days',
  'status',
  'published_at',
  'display_until',
  'superseded_at',
  'correction_note',
  'created_at',
] as const
type ItemRow = Pick<ItemRecord, (typeof COLUMNS)[number]>

export function itemView(
  row: ItemRow,
  communityName: string,
  history: Disclosure['history'] = [],
): Disclosure {
  return {
    id: row.id,
    seriesId: row.series_id,
    version: row.version,
    communityId: row.community_id,
    communityName,
    type: row.type,
    title: row.title,
    body: row.body,
    content: row.content ?? null,
    sourceRef: row.source_ref,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    attachments: (row.attachments ?? []) as Attachment[],
    minDisplayDays: row.min_display_days,
    status: row.status,
    publishedAt: row.published_at?.toISOString() ?? null,
    displayUntil: row.display_until,
    supersededAt: row.superseded_at?.toISOString() ?? null,
    correctionNote: row.correction_note,
    history,
  }
}

export function selectItems(tx: Tx, tenantId: string) {
  return tx.selectFrom('disclosure_items').select(COLUMNS).where('tenant_id', '=', tenantId)
}

async function historyOf(tx: Tx, tenantId: string, row: ItemRow, audience: Audience) {
  const rows = await tx
    .selectFrom('disclosure_items')
    .select(['id', 'version', 'published_at', 'correction_note'])
    .where('tenant_id', '=', tenantId)
    .where('series_id', '=', row.series_id)
    .where('id', '<>', row.id)
    .$if(audience === 'owner', (q) => q.where('status', '<>', 'draft'))
    .orderBy('version', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    publishedAt: r.published_at?.toISOString() ?? null,
    correctionNote: r.correction_note,
  }))
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * The items of a community: current versions, newest first. Staff may ask for all (drafts and superseded
 * versions too); owners and residents of the community see what is published.
 */
export function listItems(
  ctx: RequestContext,
  query: { communityId: string; type?: DisclosureType | undefined; all: boolean },
  audience: Audience,
) {
  return inTenant<DisclosureTables, Disclosure[]>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const rules = await rulesInScope(
      tx,
      actor,
      tenantId,
      query.communityId,
      audience === 'staff' ? 'disclosure.read' : 'resident.self',
    )
    const rows = await selectItems(tx, tenantId)
      .where('community_id', '=', query.communityId)
      .where(audienceScope(actor, audience))
      .$if(query.type !== undefined, (q) => q.where('type', '=', query.type!))
      .$if(!(audience === 'staff' && query.all), (q) => q.where('status', '=', 'published'))
      .orderBy(sql`published_at desc nulls first`)
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute()
    return rows.map((r) => itemView(r, rules.facts.name))
  })
}

export async function loadItem(tx: Tx, actor: Actor, tenantId: string, id: string, audience: Audience) {
  const row = await selectItems(tx, tenantId)
    .where('id', '=', id)
    .where(audienceScope(actor, audience))
    .executeTakeFirst()
  if (!row) throw notFound('DISCLOSURE_NOT_FOUND')
  return row
}

export function getItem(ctx: RequestContext, id: string, audience: Audience) {
  return inTenant<DisclosureTables, Disclosure>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const row = await loadItem(tx, actor, tenantId, id, audience)
    const rules = await rulesInScope(
      tx,
      actor,
      tenantId,
      row.community_id,
      audience === 'staff' ? 'disclosure.read' : 'resident.self',
    )
    return itemView(row, rules.facts.name, await historyOf(tx, tenantId, row, audience))
  })
}

/** An attachment of an item the caller may read: its type, or 404. */
export function itemAttachment(ctx: RequestContext, id: string, sha256: string, audience: Audience) {
  return inTenant<
    DisclosureTables,
    { tenantId: string; sha256: string; contentType: string; fileName: string }
  >(ctx, async (tx, tenantId) => {
    const row = await loadItem(tx, actorOf(ctx), tenantId, id, audience)
    const file = ((row.attachments ?? []) as Attachment[]).find((a) => a.sha256 === sha256)
    if (!file) throw notFound('DISCLOSURE_ATTACHMENT_NOT_FOUND')
    return { tenantId, sha256, contentType: file.contentType, fileName: file.fileName }
  })
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────────────

function refusePersonalData(type: DisclosureType, ...texts: (string | null | undefined)[]) {
  const found = findPersonalData(...texts)
  // The company chooses to show its own staff's phones on the responsible-people item (943); nothing else,
  // and never an ID number.
  if (found === 'mobile' && type === 'responsible_people') return
  if (found) throw invalid('DISCLOSURE_PERSONAL_DATA', {}, { kind: found })
}

const isPeriodic = (rules: CommunityRules, type: DisclosureType) =>
  rules.profile.cadences[type]?.kind === 'periodic'
export const minDisplayDaysOf = (rules: CommunityRules, type: DisclosureType) =>
  isPeriodic(rules, type) ? rules.profile.minDisplayDays.periodic : rules.profile.minDisplayDays.general

export async function createDraft(ctx: RequestContext, deps: Deps, input: z.output<typeof DisclosureInput>) {
  const tenantId = actorOf(ctx).tenantId
  if (!tenantId) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  refusePersonalData(input.type, input.title, input.body)
  const saved = await saveAttachments(deps, tenantId, input.attachments)
  return inTenant<DisclosureTables, Disclosure>(ctx, async (tx) => {
    const actor = actorOf(ctx)
    const rules = await rulesInScope(tx, actor, tenantId, input.communityId, 'disclosure.manage')
    // Longer than the city's minimum is the company's choice; shorter is not.
    const leastDays = minDisplayDaysOf(rules, input.type)
    if (input.minDisplayDays !== null && input.minDisplayDays < leastDays)
      throw invalid('DISCLOSURE_DISPLAY_TOO_SHORT', { min: leastDays })
    let sourceRef: string | null = null
    if (input.decisionId) {
      if (input.type !== 'assembly_decision') throw invalid('DISCLOSURE_DECISION_TYPE')
      const [decision] = await closedDecisionsOf(tx, tenantId, rules.facts.id, input.decisionId)
      if (!decision) throw notFound('DISCLOSURE_DECISION_NOT_FOUND')
      sourceRef = `decision:${decision.id}`
    }
    const id = uuidv7()
    const row = {
      tenant_id: tenantId,
      id,
      series_id: id,
      version: 1,
      community_id: rules.facts.id,
      type: input.type,
      title: input.title,
      body: input.body,
      content: null,
      source_ref: sourceRef,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      attachments: JSON.stringify(await recordAttachments(tx, tenantId, saved)),
      min_display_days: input.minDisplayDays ?? leastDays,
      status: 'draft' as const,
      published_at: null,
      display_until: null,
      superseded_at: null,
      correction_note: null,
      created_by: actor.userId,
    }
    await insertItem(tx, row)
    await writeAudit(tx, ctx, tenantId, {
      action: 'disclosure.draft',
      entityType: 'disclosure',
      entityId: id,
      after: { type: row.type, title: row.title, communityId: row.community_id },
    })
    return itemView(await loadItem(tx, actor, tenantId, id, 'staff'), rules.facts.name)
  })
}

async function insertItem(tx: Tx, row: NewItem) {
  try {
    await tx.insertInto('disclosure_items').values(row).execute()
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw conflict('DISCLOSURE_ALREADY_EXISTS', { ref: row.source_ref })
    throw error
  }
}

export async function updateDraft(
  ctx: RequestContext,
  deps: Deps,
  id: string,
  patch: z.output<typeof DisclosureDraftPatch>,
) {
  const tenantId = actorOf(ctx).tenantId
  if (!tenantId) throw notFound('DISCLOSURE_NOT_FOUND')
  const saved = patch.attachments ? await saveAttachments(deps, tenantId, patch.attachments) : null
  return inTenant<DisclosureTables, Disclosure>(ctx, async (tx) => {
    const actor = actorOf(ctx)
    const row = await loadItem(tx, actor, tenantId, id, 'staff')
    const rules = await rulesInScope(tx, actor, tenantId, row.community_id, 'disclosure.manage')
    if (row.status !== 'draft') throw conflict('DISCLOSURE_NOT_DRAFT')
    refusePersonalData(row.type, patch.title, patch.body)
    const periodFrom = patch.periodFrom === undefined ? row.period_from : patch.periodFrom
    const periodTo = patch.periodTo === undefined ? row.period_to : patch.periodTo
    if (periodFrom && periodTo && periodTo < periodFrom) throw invalid('DISCLOSURE_PERIOD_ORDER')
    await tx
      .updateTable('disclosure_items')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        period_from: periodFrom,
        period_to: periodTo,
        ...(saved ? { attachments: JSON.stringify(await recordAttachments(tx, tenantId, saved)) } : {}),
        updated_at: new Date(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'disclosure.edit',
      entityType: 'disclosure',
      entityId: id,
      before: { title: row.title },
      after: { title: patch.title ?? row.title },
    })
    return itemView(await loadItem(tx, actor, tenantId, id, 'staff'), rules.facts.name)
  })
}

/**
 * Publishes a draft: it is up from now for at least its minimum display period, and the owners of the
 * community get a message in the app.
 */
export function publishDraft(ctx: RequestContext, id: string) {
  return inTenant<DisclosureTables, Disclosure>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const row = await loadItem(tx, actor, tenantId, id, 'staff')
    const rules = await rulesInScope(tx, actor, tenantId, row.community_id, 'disclosure.manage')
    if (row.status !== 'draft') throw conflict('DISCLOSURE_NOT_DRAFT')
    if (
      ['performance_report', 'audit', 'budget_accounts'].includes(row.type) &&
      !(row.period_from && row.period_to)
    )
      throw invalid('DISCLOSURE_PERIOD_REQUIRED')
    const now = new Date()
    // A draft saved before its city's minimum applied (or under another city) stays up at least that long.
    const days = Math.max(row.min_display_days, minDisplayDaysOf(rules, row.type))
    await tx
      .updateTable('disclosure_items')
      .set({
        status: 'published',
        published_at: now,
        min_display_days: days,
        display_until: addDays(localDate(now, rules.facts.timeZone), days),
        updated_at: now,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute()
    await notifyOwners(tx, tenantId, rules, { id, title: row.title })
    await writeAudit(tx, ctx, tenantId, {
      action: 'disclosure.publish',
      entityType: 'disclosure',
      entityId: id,
    })
    return itemView(await loadItem(tx, actor, tenantId, id, 'staff'), rules.facts.name)
  })
}

/**
 * A correction of a published item: a new version goes up at once, the old one stays readable as
 * superseded with the reason beside it. Generated items are corrected by generating them again.
 */
export async function correctItem(
  ctx: RequestContext,
  deps: Deps,
  id: string,
  input: z.output<typeof CorrectionInput>,
) {
  const tenantId = actorOf(ctx).tenantId
  if (!tenantId) throw notFound('DISCLOSURE_NOT_FOUND')
  const saved = input.attachments ? await saveAttachments(deps, tenantId, input.attachments) : null
  return inTenant<DisclosureTables, Disclosure>(ctx, async (tx) => {
    const actor = actorOf(ctx)
    const row = await loadItem(tx, actor, tenantId, id, 'staff')
    const rules = await rulesInScope(tx, actor, tenantId, row.community_id, 'disclosure.manage')
    if (row.status !== 'published') throw conflict('DISCLOSURE_NOT_CURRENT')
    if (row.content !== null) throw conflict('DISCLOSURE_GENERATED')
    refusePersonalData(row.type, input.title, input.body, input.note)
    const next = await publishVersion(tx, actor, tenantId, rules, {
      type: row.type,
      title: input.title ?? row.title,
      body: input.body ?? row.body,
      content: null,
      sourceRef: row.source_ref,
      periodFrom: row.period_from,
      periodTo: row.period_to,
      attachments: saved
        ? await recordAttachments(tx, tenantId, saved)
        : ((row.attachments ?? []) as Attachment[]),
      minDisplayDays: row.min_display_days,
      correctionNote: input.note,
      previous: row,
    })
    await writeAudit(tx, ctx, tenantId, {
      action: 'disclosure.correct',
      entityType: 'disclosure',
      entityId: next,
      before: { id: row.id, version: row.version },
      after: { id: next, note: input.note },
    })
    const stored = await loadItem(tx, actor, tenantId, next, 'staff')
    return itemView(stored, rules.facts.name, await historyOf(tx, tenantId, stored, 'staff'))
  })
}

export interface VersionInput {
  type: DisclosureType
  title: string
  body: string
  content: unknown
  sourceRef: string | null
  periodFrom: string | null
  periodTo: string | null
  attachments: Attachment[]
  minDisplayDays: number
  correctionNote: string | null
  /** The current version this one replaces, if any. */
  previous: { id: string; series_id: string; version: number } | null
}

/** Publishes a new version (the first, or one replacing `previous`) and tells the owners. Returns its id. */
export async function publishVersion(
  tx: Tx,
  actor: Actor | null,
  tenantId: string,
  rules: CommunityRules,
  v: VersionInput,
): Promise<string> {
  const now = new Date()
  if (v.previous) {
    await tx
      .updateTable('disclosure_items')
      .set({ status: 'superseded', superseded_at: now, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', v.previous.id)
      .execute()
  }
  const id = uuidv7()
  await insertItem(tx, {
    tenant_id: tenantId,
    id,
    series_id: v.previous?.series_id ?? id,
    version: (v.previous?.version ?? 0) + 1,
    community_id: rules.facts.id,
    type: v.type,
    title: v.title,
    body: v.body,
    content: v.content === null ? null : JSON.stringify(v.content),
    source_ref: v.sourceRef,
    period_from: v.periodFrom,
    period_to: v.periodTo,
    attachments: JSON.stringify(v.attachments),
    min_display_days: v.minDisplayDays,
    status: 'published',
    published_at: now,
    display_until: addDays(localDate(now, rules.facts.timeZone), v.minDisplayDays),
    superseded_at: null,
    correction_note: v.correctionNote,
    created_by: actor?.userId ?? null,
  })
  await notifyOwners(tx, tenantId, rules, { id, title: v.title })
  return id
}

/** The current version of a generated item (by its source), if one was published. */
export async function currentBySource(tx: Tx, tenantId: string, communityId: string, sourceRef: string) {
  return tx
    .selectFrom('disclosure_items')
    .select(['id', 'series_id', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('source_ref', '=', sourceRef)
    .where('status', '=', 'published')
    .executeTakeFirst()
}

async function notifyOwners(
  tx: Tx,
  tenantId: string,
  rules: CommunityRules,
  item: { id: string; title: string },
) {
  const owners = await ownerAccountsOfUnits(tx, tenantId, rules.facts.id)
  const accounts = [...new Set(owners.map((o) => o.accountId))]
  await postOwnerMessages(
    tx,
    tenantId,
    accounts.map((accountId) => ({
      accountId,
      unitId: null,
      kind: 'disclosure',
      message: 'DISCLOSURE_PUBLISHED_IN_APP',
      params: { community: rules.facts.name, title: item.title, disclosureId: item.id },
      dedupeKey: `disclosure:${item.id}`,
    })),
  )
}
