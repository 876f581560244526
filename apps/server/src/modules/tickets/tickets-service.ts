import type {
  DuplicateHint,
  Page,
  PhotoInput,
  Ticket,
  TicketActionInput,
  TicketInput,
  TicketKind,
  TicketPriority,
  TicketSettings,
  TicketSummary,
} from '@meihao/contracts'
import { type SqlBool, sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import type { Actor as PlatformActor } from '../../platform/auth/actor'
import type { Deps } from '../../platform/deps'
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors'
import { recordStoredFile, saveFile } from '../../platform/files'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { type Language, translate } from '../../platform/i18n/catalog'
import { uuidv7 } from '../../platform/ids'
import { postToInbox } from '../../platform/inbox'
import {
  type CommunityFacts,
  communityFacts,
  communityInScope,
  communityOfBuilding,
  inScope,
  unitInScope,
} from '../estate/published'
import { userNames } from '../iam/published'
import { resolveTargets, settingsOf } from './config-service'
import { assigneesWithLoad, eligibleAssignees, nextInRotation } from './dispatch'
import { localDate, monthOf } from './local-day'
import { cached } from './read-cache'
import type { TicketTables } from './tables'
import { pausesOf, stateOf, storedPauses, type TicketRow } from './ticket-row'
import {
  type EventRow,
  lookupsFor,
  STAFF_DETAIL_KEYS,
  summaryOf,
  ticketOf,
  type ViewLookups,
} from './ticket-views'
import {
  type EventInput,
  eventRowOf,
  eventValues,
  type Place,
  persistTransition,
  slaColumns,
  transitionEvent,
  transitionedRow,
} from './ticket-writer'
import {
  type ActionType,
  type Actor,
  type ActorRole,
  allowedActions,
  applyAction,
  type TicketAction,
  type TransitionRefusal,
  type TransitionResult,
} from './transitions'

type Tx = Transaction<TicketTables>
type Audience = 'staff' | 'owner'

const STAFF_CHANNELS = ['phone', 'walk_in', 'patrol'] as const

// ── places: a community's facts and ticket settings, once per request ────────────────────────────────

class Places {
  readonly #cache = new Map<string, { facts: CommunityFacts; settings: TicketSettings }>()
  constructor(
    private readonly tx: Tx,
    private readonly tenantId: string,
  ) {}
  /** `known`: the community's facts when the caller has just read them. */
  async load(communityId: string, known?: CommunityFacts) {
    let place = this.#cache.get(communityId)
    if (!place) {
      const tx = this.tx
      const tenantId = this.tenantId
      const facts =
        known ??
        (await cached(tenantId, `facts:${communityId}`, () => communityFacts(tx, tenantId, communityId)))
      if (!facts) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
      const settings = await cached(tenantId, `settings:${communityId}`, () =>
        settingsOf(tx, tenantId, communityId),
      )
      place = { facts, settings }
      this.#cache.set(communityId, place)
    }
    return place
  }
  get(communityId: string): Place & { name: string } {
    const place = this.#cache.get(communityId)
    if (!place) throw new Error(`community ${communityId} not loaded`)
    return { timeZone: place.facts.timeZone, settings: place.settings, name: place.facts.name }
  }
  async loadAll(ids: Iterable<string>) {
    for (const id of new Set(ids)) await this.load(id)
  }
}

// ── reading ───────────────────────────────────────────────────────────────────────────────────────────

interface Loaded {
  row: TicketRow
  /** The transition-graph roles the caller may act in on this ticket, most capable first. */
  roles: ActorRole[]
  audience: Audience
}

const scopeCols = { community: 't.community_id', building: 't.building_id', unit: 't.unit_id' }

function staffRoleFlags(actor: PlatformActor) {
  const flag = (permission: 'tickets.manage' | 'tickets.dispatch' | 'tickets.handle', alias: string) =>
    sql<boolean>`${inScope(actor, permission, scopeCols)}`.as(alias)
  return [
    flag('tickets.manage', 'can_manage'),
    flag('tickets.dispatch', 'can_dispatch'),
    flag('tickets.handle', 'can_handle'),
  ]
}

async function loadTicket(
  tx: Tx,
  ctx: RequestContext,
  tenantId: string,
  id: string,
  audience: Audience,
  forUpdate: boolean,
): Promise<Loaded> {
  const actor = actorOf(ctx)
  if (audience === 'owner') {
    let query = tx
      .selectFrom('tickets as t')
      .selectAll('t')
      .where('t.tenant_id', '=', tenantId)
      .where('t.id', '=', id)
      .where('t.requester_user_id', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')
    if (forUpdate) query = query.forUpdate()
    const row = await query.executeTakeFirst()
    if (!row) throw notFound('TICKET_NOT_FOUND')
    return { row, roles: ['requester'], audience }
  }
  let query = tx
    .selectFrom('tickets as t')
    .selectAll('t')
    .select(staffRoleFlags(actor))
    .where('t.tenant_id', '=', tenantId)
    .where('t.id', '=', id)
    .where(inScope(actor, 'tickets.read', scopeCols))
  if (forUpdate) query = query.forUpdate()
  const found = await query.executeTakeFirst()
  if (!found) throw notFound('TICKET_NOT_FOUND')
  const { can_manage, can_dispatch, can_handle, ...row } = found
  return { row: row as TicketRow, roles: rolesOfFlags({ can_manage, can_dispatch, can_handle }), audience }
}

type RoleFlags = {
  can_manage?: boolean | undefined
  can_dispatch?: boolean | undefined
  can_handle?: boolean | undefined
}

function rolesOfFlags(flags: RoleFlags): ActorRole[] {
  const roles: ActorRole[] = []
  if (flags.can_manage) roles.push('manager')
  if (flags.can_dispatch) roles.push('desk')
  if (flags.can_handle) roles.push('technician')
  return roles
}

async function eventsOf(tx: Tx, tenantId: string, ticketId: string): Promise<EventRow[]> {
  return tx
    .selectFrom('ticket_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('ticket_id', '=', ticketId)
    .orderBy('seq')
    .execute()
}

/** Open tickets at the same common-area spot and category within the community's window. */
async function duplicatesOf(
  tx: Tx,
  tenantId: string,
  row: TicketRow,
  settings: TicketSettings,
): Promise<DuplicateHint[]> {
  if (!row.spot || ['cancelled', 'closed'].includes(row.status)) return []
  const windowMs = settings.duplicateWindowHours * 3_600_000
  const rows = await tx
    .selectFrom('tickets')
    .select(['id', 'number', 'title', 'status', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', row.community_id)
    .where('category_id', '=', row.category_id)
    .where('spot', '=', row.spot)
    .where('id', '!=', row.id)
    .where('status', 'not in', ['cancelled', 'closed'])
    .where('created_at', '>=', new Date(row.created_at.getTime() - windowMs))
    .where('created_at', '<=', new Date(row.created_at.getTime() + windowMs))
    .orderBy('created_at')
    .limit(10)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status as DuplicateHint['status'],
    createdAt: r.created_at.toISOString(),
  }))
}

function transitionOptions(settings: TicketSettings, now: Date) {
  return { reopenOnRating: settings.reopenOnLowRating, now }
}

async function viewOf(
  tx: Tx,
  deps: Deps,
  ctx: RequestContext,
  tenantId: string,
  loaded: Loaded,
  places: Places,
  now: Date,
): Promise<Ticket> {
  const { row, roles } = loaded
  const place = await places.load(row.community_id)
  const events = await eventsOf(tx, tenantId, row.id)
  const named = events.flatMap((e) => {
    const details = (e.details ?? {}) as Record<string, unknown>
    return [
      e.actor_id,
      ...STAFF_DETAIL_KEYS.map((k) => (typeof details[k] === 'string' ? (details[k] as string) : null)),
    ]
  })
  const lookups = await lookupsFor(tx, tenantId, [row], named, (id) => places.get(id))
  const userId = actorOf(ctx).userId
  const options = transitionOptions(place.settings, now)
  const allowed = new Set<ActionType>()
  for (const role of roles)
    for (const a of allowedActions(stateOf(row), { role, userId }, options)) allowed.add(a)
  return ticketOf(row, lookups, now, {
    events,
    allowedActions: [...allowed],
    // Other households' requests are the desk's to merge, not an owner's to read.
    duplicates: loaded.audience === 'owner' ? [] : await duplicatesOf(tx, tenantId, row, place.settings),
    pii: deps.pii,
    forOwner: loaded.audience === 'owner',
  })
}

export function getTicket(ctx: RequestContext, deps: Deps, id: string, audience: Audience) {
  return inTenant<TicketTables, Ticket>(ctx, async (tx, tenantId) => {
    const loaded = await loadTicket(tx, ctx, tenantId, id, audience, false)
    return viewOf(tx, deps, ctx, tenantId, loaded, new Places(tx, tenantId), new Date())
  })
}

interface Cursor {
  at: string
  id: string
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url')
function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor
    if (typeof c.at === 'string' && typeof c.id === 'string' && !Number.isNaN(Date.parse(c.at))) return c
  } catch {}
  throw new AppError(400, 'COMMON_BAD_CURSOR')
}

export function listTickets(
  ctx: RequestContext,
  query: z.output<typeof import('@meihao/contracts').TicketListQuery>,
  audience: Audience,
) {
  return inTenant<TicketTables, Page<TicketSummary>>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    let q = tx.selectFrom('tickets as t').selectAll('t').where('t.tenant_id', '=', tenantId)
    q =
      audience === 'owner'
        ? q.where('t.requester_user_id', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')
        : q.where(inScope(actor, 'tickets.read', scopeCols))
    if (query.communityId) q = q.where('t.community_id', '=', query.communityId)
    if (query.status && query.status.length > 0) q = q.where('t.status', 'in', query.status)
    if (query.kind) q = q.where('t.kind', '=', query.kind)
    if (query.categoryId) q = q.where('t.category_id', '=', query.categoryId)
    if (query.overdue)
      q = q.where('t.sla_state', '=', 'breached').where('t.status', 'not in', ['closed', 'cancelled'])
    if (query.mine) q = q.where('t.assignee_id', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')
    if (query.flagged) q = q.where('t.flagged', '=', true)
    if (query.pool) q = q.where('t.status', '=', 'accepted').where('t.assignee_id', 'is', null)
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
      q = q.where((eb) =>
        eb.or([eb('t.number', '=', query.q!), eb('t.title', 'ilike', like), eb('t.spot', 'ilike', like)]),
      )
    }
    if (query.cursor) {
      const c = decodeCursor(query.cursor)
      q = q.where(sql<SqlBool>`(t.created_at, t.id) < (${new Date(c.at)}, ${c.id})`)
    }
    const limit = query.limit
    const rows = await q
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit + 1)
      .execute()
    const pageRows = rows.slice(0, limit)
    const places = new Places(tx, tenantId)
    await places.loadAll(pageRows.map((r) => r.community_id))
    const lookups = await lookupsFor(tx, tenantId, pageRows, [], (id) => places.get(id))
    const now = new Date()
    const last = pageRows.at(-1)
    return {
      items: pageRows.map((r) => summaryOf(r, lookups, now)),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null,
    }
  })
}

export function listAssignees(ctx: RequestContext, communityId: string) {
  return inTenant<TicketTables, Awaited<ReturnType<typeof assigneesWithLoad>>>(ctx, async (tx, tenantId) => {
    const community = await communityInScope(tx, actorOf(ctx), tenantId, communityId, 'tickets.dispatch')
    if (!community) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
    return assigneesWithLoad(tx, tenantId, community)
  })
}

// ── photos ────────────────────────────────────────────────────────────────────────────────────────────

async function savePhotos(deps: Deps, tenantId: string, photos: readonly PhotoInput[]) {
  const saved = []
  for (const photo of photos) saved.push(await saveFile(deps.files, tenantId, photo))
  return saved
}

async function recordPhotos(tx: Tx, tenantId: string, saved: Awaited<ReturnType<typeof savePhotos>>) {
  for (const file of saved) await recordStoredFile(tx, tenantId, file)
  return saved.map((f) => f.sha256)
}

/** The content type of a photo of this ticket (on the ticket or one of its events), or 404. */
export function ticketPhoto(ctx: RequestContext, id: string, photo: string, audience: Audience) {
  return inTenant<TicketTables, { sha256: string; contentType: string; tenantId: string }>(
    ctx,
    async (tx, tenantId) => {
      const { row } = await loadTicket(tx, ctx, tenantId, id, audience, false)
      const onTicket = row.photos.includes(photo)
      const onEvent =
        onTicket ||
        (await tx
          .selectFrom('ticket_events')
          .select('seq')
          .where('tenant_id', '=', tenantId)
          .where('ticket_id', '=', id)
          .where(sql<SqlBool>`${photo} = any(photos)`)
          .executeTakeFirst()) !== undefined
      if (!onEvent) throw notFound('TICKET_PHOTO_NOT_FOUND')
      const { rows } = await sql<{ content_type: string }>`
      select content_type from stored_files where tenant_id = ${tenantId} and sha256 = ${photo}`.execute(tx)
      if (!rows[0]) throw notFound('TICKET_PHOTO_NOT_FOUND')
      return { sha256: photo, contentType: rows[0].content_type, tenantId }
    },
  )
}

// ── creating ──────────────────────────────────────────────────────────────────────────────────────────

interface NewTicket {
  communityId: string
  buildingId: string | null
  unitId: string | null
  spot: string | null
  kind: TicketKind
  categoryId: string
  priority: TicketPriority
  channel: TicketInput['channel'] | 'app'
  title: string
  description: string
  preferredFrom: string | null
  preferredTo: string | null
  contactName: string | null
  contactPhone: string | null
  requesterUserId: string | null
  photos: readonly PhotoInput[]
}

export function createStaffTicket(
  ctx: RequestContext,
  deps: Deps,
  input: z.output<typeof import('@meihao/contracts').TicketInput>,
) {
  // A kiosk or an integration cannot claim a call the desk took: those are accepted on registration.
  if (ctx.actor?.kind === 'api_key' && (STAFF_CHANNELS as readonly string[]).includes(input.channel))
    return Promise.reject(
      invalid('TICKET_CHANNEL_NOT_ALLOWED', { channel: input.channel }, { channel: input.channel }),
    )
  return createTicket(ctx, deps, 'staff', {
    communityId: input.communityId,
    buildingId: input.buildingId ?? null,
    unitId: input.unitId ?? null,
    spot: input.spot ?? null,
    kind: input.kind,
    categoryId: input.categoryId,
    priority: input.priority,
    channel: input.channel,
    title: input.title,
    description: input.description,
    preferredFrom: input.preferredFrom ?? null,
    preferredTo: input.preferredTo ?? null,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    requesterUserId: null,
    photos: input.photos,
  })
}

export function createMyTicket(
  ctx: RequestContext,
  deps: Deps,
  input: z.output<typeof import('@meihao/contracts').MyTicketInput>,
) {
  return createTicket(ctx, deps, 'owner', {
    communityId: '',
    buildingId: null,
    unitId: input.unitId,
    spot: input.spot ?? null,
    kind: input.kind,
    categoryId: input.categoryId,
    priority: input.priority,
    channel: 'app',
    title: input.title,
    description: input.description,
    preferredFrom: input.preferredFrom ?? null,
    preferredTo: input.preferredTo ?? null,
    contactName: null,
    contactPhone: null,
    requesterUserId: actorOf(ctx).userId,
    photos: input.photos,
  })
}

async function createTicket(
  ctx: RequestContext,
  deps: Deps,
  audience: Audience,
  input: NewTicket,
): Promise<Ticket> {
  const actor = actorOf(ctx)
  const tenantId = actor.tenantId
  if (!tenantId) throw forbidden()
  if (
    input.preferredFrom &&
    input.preferredTo &&
    Date.parse(input.preferredTo) < Date.parse(input.preferredFrom)
  )
    throw invalid('TICKET_PREFERRED_TIME_INVALID')
  if (input.kind === 'repair_home' && !input.unitId) throw invalid('TICKET_UNIT_REQUIRED')
  if (['repair_common', 'hazard'].includes(input.kind) && !input.spot && !input.buildingId)
    throw invalid('TICKET_SPOT_REQUIRED')
  // Files first (outside the transaction): content-addressed, so a failed insert leaves nothing wrong.
  const saved = await savePhotos(deps, tenantId, input.photos)
  return inTenant<TicketTables, Ticket>(ctx, async (tx) => {
    const place = await placeOfNewTicket(tx, actor, tenantId, input, audience)
    const category = await cached(tenantId, `category:${input.categoryId}`, () =>
      tx
        .selectFrom('ticket_categories')
        .select(['name', 'kinds'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', input.categoryId)
        .where('active', '=', true)
        .executeTakeFirst(),
    )
    if (!category?.kinds.includes(input.kind))
      throw invalid('TICKET_CATEGORY_INVALID', {}, { categoryId: input.categoryId, kind: input.kind })
    const places = new Places(tx, tenantId)
    const { facts, settings } = await places.load(place.communityId, place.facts)
    const targets = await cached(
      tenantId,
      `targets:${facts.id}:${input.categoryId}:${input.kind}:${input.priority}:${facts.serviceGrade}`,
      () => resolveTargets(tx, tenantId, { ...input, communityId: facts.id }, facts.serviceGrade),
    )
    const photos = await recordPhotos(tx, tenantId, saved)
    const now = new Date()
    const fresh = newTicketRow({ tenantId, facts, place, input, targets, photos, deps, actor, now })
    const events: EventInput[] = [
      {
        kind: 'create',
        actorRole: audience === 'owner' ? 'requester' : 'desk',
        actorId: actor.userId,
        fromStatus: null,
        toStatus: 'submitted',
        note: null,
        photos,
        details: { channel: input.channel },
      },
    ]
    let row = fresh
    // A call or visit taken by the desk is accepted as it is registered: the caller has been answered.
    if ((STAFF_CHANNELS as readonly string[]).includes(input.channel)) {
      const accepted = applyAction(stateOf(row), { type: 'accept' }, { role: 'desk', userId: actor.userId })
      if (!accepted.ok) throw refusalError(accepted, ctx.lang)
      row = transitionedRow(row, accepted, now, places.get(facts.id))
      events.push(transitionEvent(accepted))
    }
    const sla = slaColumns(row, places.get(facts.id), new Set(), now)
    row = { ...row, ...sla }
    // One statement writes the ticket (its number drawn from the sequence), its events and the rollup mark,
    // and answers with the staff caller's roles at the ticket's place.
    const inserted = await tx
      .with('t', (db) =>
        db
          .insertInto('tickets')
          .values({
            ...row,
            number: sql<string>`${`GD${localDate(now, facts.timeZone)}`} || lpad(nextval('ticket_number_seq')::text, 6, '0')`,
            pauses: storedPauses(pausesOf(row)),
          })
          .returning(['number', 'community_id', 'building_id', 'unit_id']),
      )
      .with('e', (db) => db.insertInto('ticket_events').values(eventValues(tenantId, row.id, now, events)))
      .with('d', (db) =>
        db
          .insertInto('ticket_rollup_dirty')
          .values({ tenant_id: tenantId, community_id: facts.id, month: monthOf(now, facts.timeZone) })
          .onConflict((c) => c.doNothing()),
      )
      .selectFrom('t')
      .select('number')
      .$if(audience !== 'owner', (q) => q.select(staffRoleFlags(actor)))
      .executeTakeFirstOrThrow()
    row = { ...row, number: inserted.number }
    if (settings.autoDispatch) row = await autoDispatch(tx, tenantId, row, places, facts, now)
    const roles: ActorRole[] =
      audience === 'owner' ? ['requester'] : rolesOfFlags(inserted as unknown as RoleFlags)
    const eventRows =
      row.version === events.length
        ? events.map((e, i) => eventRowOf(tenantId, row.id, i + 1, now, e))
        : await eventsOf(tx, tenantId, row.id)
    const lookups: ViewLookups = {
      communities: new Map([[facts.id, facts.name]]),
      categories: new Map([[input.categoryId, category.name]]),
      units: new Map(place.unitId && place.unitCode ? [[place.unitId, place.unitCode]] : []),
      users: await namesOf(tx, tenantId, [
        actor.userId,
        row.assignee_id,
        ...eventRows.map((e) => e.actor_id),
      ]),
      settings: () => settings,
      timeZone: () => facts.timeZone,
    }
    const allowed = new Set<ActionType>()
    const options = transitionOptions(settings, now)
    for (const role of roles) {
      for (const a of allowedActions(stateOf(row), { role, userId: actor.userId }, options)) allowed.add(a)
    }
    return ticketOf(row, lookups, now, {
      events: eventRows,
      allowedActions: [...allowed],
      duplicates: audience === 'owner' ? [] : await duplicatesOf(tx, tenantId, row, settings),
      pii: deps.pii,
      forOwner: audience === 'owner',
    })
  })
}

function newTicketRow(a: {
  tenantId: string
  facts: CommunityFacts
  place: { buildingId: string | null; unitId: string | null }
  input: NewTicket
  targets: Awaited<ReturnType<typeof resolveTargets>>
  photos: string[]
  deps: Deps
  actor: PlatformActor
  now: Date
}): TicketRow {
  const { input, targets, deps, now } = a
  return {
    tenant_id: a.tenantId,
    id: uuidv7(),
    number: '',
    community_id: a.facts.id,
    building_id: a.place.buildingId,
    unit_id: a.place.unitId,
    spot: input.spot,
    kind: input.kind,
    category_id: input.categoryId,
    priority: input.priority,
    channel: input.channel,
    title: input.title,
    description: input.description,
    photos: a.photos,
    preferred_from: input.preferredFrom ? new Date(input.preferredFrom) : null,
    preferred_to: input.preferredTo ? new Date(input.preferredTo) : null,
    contact_name_enc: input.contactName ? deps.pii.encrypt(input.contactName) : null,
    contact_phone_enc: input.contactPhone ? deps.pii.encrypt(input.contactPhone) : null,
    requester_user_id: input.requesterUserId,
    status: 'submitted',
    assignee_id: null,
    held_from: null,
    quote_fen: null,
    quote_accepted: false,
    flagged: false,
    response_minutes: targets.responseMinutes,
    arrival_minutes: targets.arrivalMinutes,
    resolution_minutes: targets.resolutionMinutes,
    clock_mode: targets.clockMode,
    responded_at: null,
    arrived_at: null,
    resolved_at: null,
    last_resolved_at: null,
    response_ms: null,
    arrival_ms: null,
    resolution_ms: null,
    breached_clocks: [],
    pauses: [],
    next_check_at: null,
    sla_state: null,
    escalation_level: 0,
    reopen_count: 0,
    rating: null,
    rating_comment: null,
    follow_up_score: null,
    duplicate_of: null,
    closed_at: null,
    cancelled_at: null,
    created_by: a.actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  }
}

/** Who is calling, for keys of per-caller cached answers. */
const actorKey = (actor: PlatformActor) => actor.sessionId ?? actor.apiKeyId ?? actor.userId ?? 'anonymous'

/** Staff names, remembered for a few seconds. */
function namesOf(tx: Tx, tenantId: string, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))].sort()
  return cached(tenantId, `names:${wanted.join(',')}`, () => userNames(tx, tenantId, wanted))
}

/** Where the new ticket is, checked against the caller's reach. */
async function placeOfNewTicket(
  tx: Tx,
  actor: PlatformActor,
  tenantId: string,
  input: NewTicket,
  audience: Audience,
) {
  if (audience === 'owner') {
    const unit = await unitInScope(tx, actor, tenantId, input.unitId!, 'resident.self')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    return {
      communityId: unit.communityId,
      facts: undefined,
      buildingId: unit.buildingId,
      // For a common-area report the unit says who reported it; the spot says where.
      unitId: unit.id,
      unitCode: unit.code,
    }
  }
  const community = await cached(tenantId, `create-scope:${actorKey(actor)}:${input.communityId}`, () =>
    communityInScope(tx, actor, tenantId, input.communityId, 'tickets.create'),
  )
  if (!community) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  let buildingId = input.buildingId
  let unitCode: string | null = null
  if (input.unitId) {
    const unit = await unitInScope(tx, actor, tenantId, input.unitId, 'tickets.create')
    if (!unit || unit.communityId !== community.id) throw notFound('ESTATE_UNIT_NOT_FOUND')
    buildingId = unit.buildingId
    unitCode = unit.code
  } else if (buildingId) {
    const building = await communityOfBuilding(tx, tenantId, buildingId)
    if (!building || building.communityId !== community.id) throw notFound('ESTATE_BUILDING_NOT_FOUND')
  }
  return { communityId: community.id, facts: community, buildingId, unitId: input.unitId, unitCode }
}

// ── acting ────────────────────────────────────────────────────────────────────────────────────────────

const REFUSAL_STATUS: Partial<Record<TransitionRefusal['code'], number>> = {
  TICKET_INVALID_TRANSITION: 409,
  TICKET_NOT_ALLOWED: 403,
  TICKET_REOPEN_WINDOW_CLOSED: 409,
}

/** The refusal as an API error; its message names the status and action in the caller's language. */
function refusalError(refusal: TransitionRefusal, lang: Language = 'zh-CN') {
  const d = refusal.details
  const params: Record<string, unknown> = { ...d }
  if (typeof d.status === 'string') params.status = translate(lang, `TICKET_STATUS_${d.status.toUpperCase()}`)
  if (typeof d.action === 'string') params.action = translate(lang, `TICKET_ACTION_${d.action.toUpperCase()}`)
  if (typeof d.windowMs === 'number') params.days = Math.round(d.windowMs / 86_400_000)
  return new AppError(REFUSAL_STATUS[refusal.code] ?? 422, refusal.code, params, refusal.details)
}

/** Applies an action in the first role that allows it; throws the most telling refusal otherwise. */
function decide(
  row: TicketRow,
  action: TicketAction,
  roles: readonly ActorRole[],
  userId: string | null,
  settings: TicketSettings,
  now: Date,
  lang: Language,
): TransitionResult {
  let refusal: TransitionRefusal | null = null
  for (const role of roles) {
    const result = applyAction(stateOf(row), action, { role, userId }, transitionOptions(settings, now))
    if (result.ok) return result
    if (refusal === null || refusal.code === 'TICKET_NOT_ALLOWED') refusal = result
  }
  throw refusalError(
    refusal ?? { ok: false, code: 'TICKET_NOT_ALLOWED', details: { action: action.type } },
    lang,
  )
}

/** Applies and writes one transition taken by `actor` (a role already established). */
async function transition(
  tx: Tx,
  tenantId: string,
  row: TicketRow,
  action: TicketAction,
  actor: Actor,
  places: Places,
  now: Date,
): Promise<TicketRow> {
  const place = places.get(row.community_id)
  const result = applyAction(stateOf(row), action, actor, transitionOptions(place.settings, now))
  if (!result.ok) throw refusalError(result)
  const next = await persistTransition(tx, tenantId, row, result, now, place)
  await notifyAssignee(tx, tenantId, row, next)
  return next
}

/** Tells a technician a ticket is now theirs. */
async function notifyAssignee(tx: Tx, tenantId: string, before: TicketRow, after: TicketRow) {
  if (!after.assignee_id || after.assignee_id === before.assignee_id) return
  await postToInbox(tx, tenantId, [after.assignee_id], {
    kind: 'ticket_assigned',
    message: 'TICKET_INBOX_ASSIGNED',
    params: { number: after.number, title: after.title },
    ticketId: after.id,
    dedupeKey: `ticket:${after.id}:assigned:${after.version}`,
  })
}

/** With auto dispatch on, an accepted ticket in the pool goes round robin to the next technician. */
async function autoDispatch(
  tx: Tx,
  tenantId: string,
  row: TicketRow,
  places: Places,
  facts: CommunityFacts,
  now: Date,
) {
  const { settings } = await places.load(row.community_id)
  if (!settings.autoDispatch) return row
  let current = row
  const system: Actor = { role: 'system', userId: null }
  if (current.status === 'submitted')
    current = await transition(tx, tenantId, current, { type: 'accept' }, system, places, now)
  if (current.status !== 'accepted' || current.assignee_id !== null) return current
  const assigneeId = await nextInRotation(tx, tenantId, facts, current.category_id)
  if (!assigneeId) return current
  return transition(tx, tenantId, current, { type: 'assign', assigneeId }, system, places, now)
}

export function actOnTicket(
  ctx: RequestContext,
  deps: Deps,
  id: string,
  input: z.output<typeof import('@meihao/contracts').TicketActionInput>,
  audience: Audience,
) {
  const tenantId = actorOf(ctx).tenantId
  if (!tenantId) throw forbidden()
  const photoInputs = 'photos' in input && input.photos ? input.photos : []
  // Photos are stored before the transaction (its lock order); a ticket the caller cannot see stores none.
  const visible =
    photoInputs.length > 0
      ? inTenant<TicketTables, unknown>(ctx, (tx) => loadTicket(tx, ctx, tenantId, id, audience, false))
      : Promise.resolve()
  return visible
    .then(() => savePhotos(deps, tenantId, photoInputs))
    .then((saved) =>
      inTenant<TicketTables, Ticket>(ctx, async (tx) => {
        const loaded = await loadTicket(tx, ctx, tenantId, id, audience, true)
        const { row, roles } = loaded
        const places = new Places(tx, tenantId)
        const { facts, settings } = await places.load(row.community_id)
        const now = new Date()
        const photos = await recordPhotos(tx, tenantId, saved)
        const action = { ...input, ...(photos.length > 0 ? { photos } : {}) } as TicketAction
        if (roles.length === 0)
          throw refusalError(
            { ok: false, code: 'TICKET_NOT_ALLOWED', details: { action: input.type } },
            ctx.lang,
          )
        const userId = actorOf(ctx).userId
        const result = decide(row, action, roles, userId, settings, now, ctx.lang)
        await checkReferences(tx, tenantId, row, input, facts)
        if (input.type === 'quote') await refuseQuoteAfterCharge(tx, tenantId, row.id)
        let next = await persistTransition(tx, tenantId, row, result, now, places.get(row.community_id))
        await notifyAssignee(tx, tenantId, row, next)
        if (result.outcome === 'accept') next = await autoDispatch(tx, tenantId, next, places, facts, now)
        return viewOf(tx, deps, ctx, tenantId, { ...loaded, row: next }, places, now)
      }),
    )
}

/**
 * A ticket hands billing one charge, when the accepted work is resolved. Work after a reopen is the same
 * repair made good, not a new sale: paid extra work is a new request, so a quote after the charge is refused
 * rather than accepted by the owner and never billed.
 */
async function refuseQuoteAfterCharge(tx: Tx, tenantId: string, ticketId: string) {
  const charge = await tx
    .selectFrom('ticket_charges')
    .select('amount_fen')
    .where('tenant_id', '=', tenantId)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst()
  if (charge) throw conflict('TICKET_ALREADY_CHARGED', {}, { amountFen: Number(charge.amount_fen) })
}

/** Ids an action names must be real: an assignee who can take tickets here, a duplicate in this community. */
async function checkReferences(
  tx: Tx,
  tenantId: string,
  row: TicketRow,
  input: TicketActionInput,
  facts: CommunityFacts,
) {
  const assigneeId = 'assigneeId' in input ? input.assigneeId : undefined
  if (assigneeId) {
    const staff = await eligibleAssignees(tx, tenantId, facts)
    if (!staff.some((s) => s.id === assigneeId)) throw invalid('TICKET_ASSIGNEE_INVALID', {}, { assigneeId })
  }
  if (input.type === 'cancel_duplicate') {
    const original = await tx
      .selectFrom('tickets')
      .select(['id', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.duplicateOf)
      .where('community_id', '=', row.community_id)
      .executeTakeFirst()
    if (!original || original.status === 'cancelled')
      throw invalid('TICKET_DUPLICATE_INVALID', {}, { duplicateOf: input.duplicateOf })
  }
}
