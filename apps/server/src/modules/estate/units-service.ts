import type { Unit, UnitDetail } from '@meihao/contracts'
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely'
import { areaToHundredths, normaliseArea } from '../../platform/area'
import { writeAudit } from '../../platform/audit'
import type { Actor } from '../../platform/auth/actor'
import { type QueryTemplate, queryTemplate, slot } from '../../platform/db/query-template'
import { selectInTenant } from '../../platform/db/tenancy'
import type { Deps } from '../../platform/deps'
import { AppError, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext, tenantOf } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { inScope } from './policy'
import type { EstateTables } from './tables'
import './messages'

type Tx = Transaction<EstateTables>
type UnitPermission = 'estate.read' | 'estate.manage'

const PHONE = /^1[3-9]\d{9}$/
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Today in the unit's community time zone: ownership "now" is a business date, not UTC. */
const communityToday = sql`(now() at time zone c.time_zone)::date`

function selectUnits(tx: Kysely<EstateTables>, tenantId: string) {
  return tx
    .selectFrom('units as u')
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'u.tenant_id').onRef('b.id', '=', 'u.building_id'),
    )
    .innerJoin('communities as c', (j) =>
      j.onRef('c.tenant_id', '=', 'u.tenant_id').onRef('c.id', '=', 'u.community_id'),
    )
    .select([
      'u.id',
      'u.community_id',
      'u.building_id',
      'b.code as building_code',
      'c.name as community_name',
      'u.code',
      'u.floor',
      'u.building_area',
      'u.exclusive_area',
      'u.exclusive_area_source',
      'u.use',
      'u.delivery_date',
      'u.sold',
      sql<string[]>`array(select p.name from unit_ownerships o
        join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
        where o.tenant_id = u.tenant_id and o.unit_id = u.id
          and o.start_date <= ${communityToday} and (o.end_date is null or o.end_date >= ${communityToday})
        order by p.name)`.as('owner_names'),
    ])
    .where('u.tenant_id', '=', tenantId)
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof selectUnits>['executeTakeFirstOrThrow']>>

const unitView = (r: UnitRow): Unit => ({
  id: r.id,
  communityId: r.community_id,
  buildingId: r.building_id,
  buildingCode: r.building_code,
  code: r.code,
  floor: r.floor,
  buildingArea: r.building_area,
  exclusiveArea: r.exclusive_area,
  exclusiveAreaSource: r.exclusive_area_source,
  use: r.use,
  deliveryDate: r.delivery_date,
  sold: r.sold,
  ownerNames: r.owner_names,
})

const scopeOf = (ctx: RequestContext, permission: UnitPermission) =>
  inScope(actorOf(ctx), permission, { community: 'u.community_id', building: 'u.building_id', unit: 'u.id' })

/** Cursor of the units list: the last row's (code, id), so pages stay stable while rows are added. */
const encodeCursor = (code: string, id: string) =>
  Buffer.from(JSON.stringify([code, id])).toString('base64url')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const [code, id] = Array.isArray(value) ? value : []
    if (typeof code === 'string' && typeof id === 'string' && UUID.test(id)) return [code, id]
  } catch {
    // falls through to the error below
  }
  throw new AppError(400, 'COMMON_BAD_CURSOR')
}

export interface UnitListQuery {
  communityId?: string | undefined
  buildingId?: string | undefined
  q?: string | undefined
  cursor?: string | undefined
  limit: number
}

/** Units in the caller's scope; `q` is a unit-code prefix, an owner-name prefix or a full mobile number. */
export function listUnits(ctx: RequestContext, deps: Deps, query: UnitListQuery) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    let q = selectUnits(tx, tenantId).where(scopeOf(ctx, 'estate.read'))
    if (query.communityId) q = q.where('u.community_id', '=', query.communityId)
    if (query.buildingId) q = q.where('u.building_id', '=', query.buildingId)
    if (query.q) q = q.where(searchCondition(deps, tenantId, query.q))
    const after = query.cursor ? decodeCursor(query.cursor) : null
    if (after) q = q.where(sql<SqlBool>`(u.code, u.id) > (${after[0]}, ${after[1]}::uuid)`)
    const rows = await q
      .orderBy('u.code')
      .orderBy('u.id')
      .limit(query.limit + 1)
      .execute()
    const items = rows.slice(0, query.limit).map(unitView)
    const last = items.at(-1)
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.code, last.id) : null }
  })
}

function searchCondition(deps: Deps, tenantId: string, term: string): Expression<SqlBool> {
  const linked = (partyCondition: Expression<SqlBool>) => sql<SqlBool>`exists (
      select 1 from parties p
       where p.tenant_id = ${tenantId} and ${partyCondition}
         and (exists (select 1 from unit_ownerships o where o.tenant_id = ${tenantId} and o.unit_id = u.id
                         and o.party_id = p.id and (o.end_date is null or o.end_date >= ${communityToday}))
           or exists (select 1 from unit_occupancies r where r.tenant_id = ${tenantId} and r.unit_id = u.id
                         and r.party_id = p.id and (r.end_date is null or r.end_date >= ${communityToday}))))`
  if (PHONE.test(term)) return linked(sql<SqlBool>`p.phone_hash = ${deps.pii.lookupHash('phone', term)}`)
  const prefix = `${escapeLike(term)}%`
  return sql<SqlBool>`(u.code like ${prefix} or ${linked(sql<SqlBool>`p.name like ${prefix}`)})`
}

async function requireUnitRow(
  tx: Tx,
  ctx: RequestContext,
  tenantId: string,
  id: string,
  permission: UnitPermission,
) {
  const row = await selectUnits(tx, tenantId)
    .where('u.id', '=', id)
    .where(scopeOf(ctx, permission))
    .executeTakeFirst()
  if (!row) throw notFound('ESTATE_UNIT_NOT_FOUND')
  return row
}

const partyJson = sql`jsonb_build_object('id', p.id, 'kind', p.kind, 'name', p.name,
  'phoneMasked', p.phone_masked, 'idNumberMasked', p.id_number_masked)`

/** A unit with its whole ownership and occupancy history in one statement (the detail page is hot). */
function selectUnitDetail(tx: Kysely<EstateTables>, tenantId: string) {
  return selectUnits(tx, tenantId).select([
    sql<UnitDetail['ownerships']>`coalesce((
      select jsonb_agg(jsonb_build_object('id', o.id, 'party', ${partyJson},
                       'startDate', o.start_date, 'endDate', o.end_date) order by o.start_date desc, o.id)
        from unit_ownerships o join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
       where o.tenant_id = u.tenant_id and o.unit_id = u.id), '[]'::jsonb)`.as('ownerships'),
    sql<UnitDetail['occupancies']>`coalesce((
      select jsonb_agg(jsonb_build_object('id', r.id, 'party', ${partyJson}, 'relation', r.relation,
                       'startDate', r.start_date, 'endDate', r.end_date) order by r.start_date desc, r.id)
        from unit_occupancies r join parties p on p.tenant_id = r.tenant_id and p.id = r.party_id
       where r.tenant_id = u.tenant_id and r.unit_id = u.id), '[]'::jsonb)`.as('occupancies'),
  ])
}

const unitDetailTemplate = (ctx: RequestContext, tenantId: string) =>
  queryTemplate<UnitDetailRow, 'id'>(
    selectUnitDetail(ctx.db.app as Kysely<EstateTables>, tenantId)
      .where('u.id', '=', slot('id'))
      .where(scopeOf(ctx, 'estate.read')),
  )
type UnitDetailRow = Awaited<ReturnType<ReturnType<typeof selectUnitDetail>['executeTakeFirstOrThrow']>>

/**
 * The hottest read: its query depends only on the caller's grants, so it is compiled once per actor
 * (the authenticator keeps one actor object per session for a few seconds; a changed grant is a new one).
 */
const unitDetailByActor = new WeakMap<Actor, QueryTemplate<UnitDetailRow, 'id'>>()

export async function getUnit(ctx: RequestContext, id: string): Promise<UnitDetail> {
  const actor = actorOf(ctx)
  const tenantId = tenantOf(ctx)
  let template = unitDetailByActor.get(actor)
  if (!template) {
    template = unitDetailTemplate(ctx, tenantId)
    unitDetailByActor.set(actor, template)
  }
  const [row] = await selectInTenant(ctx.db, tenantId, template.fill({ id }))
  if (!row) throw notFound('ESTATE_UNIT_NOT_FOUND')
  return {
    ...unitView(row),
    communityName: row.community_name,
    ownerships: row.ownerships,
    occupancies: row.occupancies,
  }
}

function checkAreas(buildingArea: string, exclusiveArea: string) {
  if (areaToHundredths(exclusiveArea) > areaToHundredths(buildingArea))
    throw new AppError(422, 'ESTATE_EXCLUSIVE_AREA_TOO_LARGE')
}

export interface UnitInput {
  buildingId: string
  code: string
  floor?: number | null | undefined
  buildingArea: string
  exclusiveArea: string
  exclusiveAreaSource: 'registered' | 'surveyed' | 'contract'
  use: 'residential' | 'commercial' | 'office' | 'other'
  deliveryDate?: string | null | undefined
  sold: boolean
}

export function createUnit(ctx: RequestContext, input: UnitInput) {
  const actor = actorOf(ctx)
  checkAreas(input.buildingArea, input.exclusiveArea)
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const building = await tx
      .selectFrom('buildings as b')
      .select(['b.id', 'b.community_id'])
      .where('b.tenant_id', '=', tenantId)
      .where('b.id', '=', input.buildingId)
      .where(inScope(actor, 'estate.manage', { community: 'b.community_id', building: 'b.id' }))
      .executeTakeFirst()
    if (!building) throw notFound('ESTATE_BUILDING_NOT_FOUND')
    const taken = await tx
      .selectFrom('units')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', building.community_id)
      .where('code', '=', input.code)
      .executeTakeFirst()
    if (taken) throw new AppError(409, 'ESTATE_UNIT_CODE_TAKEN', { code: input.code })
    const id = uuidv7()
    await tx
      .insertInto('units')
      .values({
        tenant_id: tenantId,
        id,
        community_id: building.community_id,
        building_id: building.id,
        code: input.code,
        floor: input.floor ?? null,
        building_area: normaliseArea(input.buildingArea),
        exclusive_area: normaliseArea(input.exclusiveArea),
        exclusive_area_source: input.exclusiveAreaSource,
        use: input.use,
        delivery_date: input.deliveryDate ?? null,
        sold: input.sold,
      })
      .execute()
    const view = unitView(await requireUnitRow(tx, ctx, tenantId, id, 'estate.read'))
    await writeAudit(tx, ctx, tenantId, {
      action: 'unit.create',
      entityType: 'unit',
      entityId: id,
      after: view,
    })
    return view
  })
}

export function updateUnit(
  ctx: RequestContext,
  id: string,
  input: Partial<Omit<UnitInput, 'buildingId' | 'code'>>,
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const before = unitView(await requireUnitRow(tx, ctx, tenantId, id, 'estate.manage'))
    checkAreas(input.buildingArea ?? before.buildingArea, input.exclusiveArea ?? before.exclusiveArea)
    await tx
      .updateTable('units')
      .set({
        ...(input.floor !== undefined ? { floor: input.floor } : {}),
        ...(input.buildingArea !== undefined ? { building_area: normaliseArea(input.buildingArea) } : {}),
        ...(input.exclusiveArea !== undefined ? { exclusive_area: normaliseArea(input.exclusiveArea) } : {}),
        ...(input.exclusiveAreaSource !== undefined
          ? { exclusive_area_source: input.exclusiveAreaSource }
          : {}),
        ...(input.use !== undefined ? { use: input.use } : {}),
        ...(input.deliveryDate !== undefined ? { delivery_date: input.deliveryDate } : {}),
        ...(input.sold !== undefined ? { sold: input.sold } : {}),
        updated_at: new Date(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute()
    const after = unitView(await requireUnitRow(tx, ctx, tenantId, id, 'estate.read'))
    await writeAudit(tx, ctx, tenantId, {
      action: 'unit.update',
      entityType: 'unit',
      entityId: id,
      before,
      after,
    })
    return after
  })
}

export { requireUnitRow }
