import type { Community } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { writeAudit } from '../../platform/audit'
import type { Actor } from '../../platform/auth/actor'
import { AppError, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { companyWide, inScope } from './policy'
import type { EstateTables } from './tables'
import './messages'

type Tx = Transaction<EstateTables>

export interface CommunityInput {
  orgUnitId?: string | null | undefined
  code: string
  name: string
  address: string
  divisionCode: string
  timeZone: string
  deliveryDate?: string | null | undefined
  chargingModel: 'lump_sum' | 'commission'
  serviceGrade: number
  parkingInVoteArea: boolean
  voteFollowMajority: boolean
}

function assertTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    throw new AppError(422, 'ESTATE_TIME_ZONE_INVALID', { timeZone })
  }
}

function selectCommunities(tx: Tx, tenantId: string) {
  return tx
    .selectFrom('communities as c')
    .select([
      'c.id',
      'c.org_unit_id',
      'c.code',
      'c.name',
      'c.address',
      'c.division_code',
      'c.time_zone',
      'c.delivery_date',
      'c.charging_model',
      'c.service_grade',
      'c.parking_in_vote_area',
      'c.vote_follow_majority',
      sql<string>`(select count(*) from buildings b where b.tenant_id = c.tenant_id and b.community_id = c.id)`.as(
        'building_count',
      ),
      sql<string>`(select count(*) from units u where u.tenant_id = c.tenant_id and u.community_id = c.id)`.as(
        'unit_count',
      ),
    ])
    .where('c.tenant_id', '=', tenantId)
}

type CommunityRow = Awaited<ReturnType<ReturnType<typeof selectCommunities>['executeTakeFirstOrThrow']>>

const communityView = (r: CommunityRow): Community => ({
  id: r.id,
  orgUnitId: r.org_unit_id,
  code: r.code,
  name: r.name,
  address: r.address,
  divisionCode: r.division_code,
  timeZone: r.time_zone,
  deliveryDate: r.delivery_date,
  chargingModel: r.charging_model,
  serviceGrade: r.service_grade,
  parkingInVoteArea: r.parking_in_vote_area,
  voteFollowMajority: r.vote_follow_majority,
  buildingCount: Number(r.building_count),
  unitCount: Number(r.unit_count),
})

export function listCommunities(ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const actor = actorOf(ctx)
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    let q = selectCommunities(tx, tenantId)
      .where(inScope(actor, 'estate.read', { community: 'c.id' }))
      .orderBy('c.code')
      .limit(query.limit + 1)
    if (query.cursor) q = q.where('c.code', '>', query.cursor)
    const rows = await q.execute()
    const items = rows.slice(0, query.limit).map(communityView)
    return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.code ?? null) : null }
  })
}

/** A community the caller may see with `permission`, or 404 (other tenants' ids included). */
export async function requireCommunity(
  tx: Tx,
  ctx: RequestContext,
  tenantId: string,
  id: string,
  permission: 'estate.read' | 'estate.manage' | 'estate.import' | 'estate.export' = 'estate.read',
) {
  const row = await selectCommunities(tx, tenantId)
    .where('c.id', '=', id)
    .where(
      inScope(
        actorOf(ctx),
        permission,
        { community: 'c.id' },
        { wholeCommunity: permission !== 'estate.read' },
      ),
    )
    .executeTakeFirst()
  if (!row) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return communityView(row)
}

export function getCommunity(ctx: RequestContext, id: string) {
  return inTenant(ctx, (tx: Tx, tenantId) => requireCommunity(tx, ctx, tenantId, id))
}

/**
 * A community may hang under an org unit that exists, and — for callers without company-wide
 * estate.manage — only inside an org unit subtree they manage (a new or moved community lies outside
 * every community- or building-level scope).
 */
async function assertOrgUnitAllowed(tx: Tx, actor: Actor, orgUnitId: string | null) {
  if (orgUnitId) {
    const { rows } = await sql<{
      found: boolean
    }>`select exists (select 1 from org_unit_subtree(${orgUnitId})) as found`.execute(tx)
    if (!rows[0]?.found) throw new AppError(422, 'ESTATE_ORG_UNIT_NOT_FOUND')
  }
  if (companyWide(actor, 'estate.manage')) return
  const roots = actor.grants
    .filter((g) => g.scope === 'org_unit' && g.permissions.includes('estate.manage'))
    .map((g) => g.targetId)
  const inside =
    orgUnitId !== null &&
    (
      await sql<{ ok: boolean }>`select ${orgUnitId}::uuid in (
          select org_unit_subtree(r) from unnest(${roots}::uuid[]) r) as ok`.execute(tx)
    ).rows[0]?.ok
  if (!inside) throw new AppError(403, 'ESTATE_SCOPE_TOO_NARROW')
}

export function createCommunity(ctx: RequestContext, input: CommunityInput) {
  const actor = actorOf(ctx)
  assertTimeZone(input.timeZone)
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    await assertOrgUnitAllowed(tx, actor, input.orgUnitId ?? null)
    const taken = await tx
      .selectFrom('communities')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('code', '=', input.code)
      .executeTakeFirst()
    if (taken) throw new AppError(409, 'ESTATE_COMMUNITY_CODE_TAKEN', { code: input.code })
    const id = uuidv7()
    await tx
      .insertInto('communities')
      .values({
        tenant_id: tenantId,
        id,
        org_unit_id: input.orgUnitId ?? null,
        code: input.code,
        name: input.name,
        address: input.address,
        division_code: input.divisionCode,
        time_zone: input.timeZone,
        delivery_date: input.deliveryDate ?? null,
        charging_model: input.chargingModel,
        service_grade: input.serviceGrade,
        parking_in_vote_area: input.parkingInVoteArea,
        vote_follow_majority: input.voteFollowMajority,
      })
      .execute()
    const view = await requireCommunity(tx, ctx, tenantId, id)
    await writeAudit(tx, ctx, tenantId, {
      action: 'community.create',
      entityType: 'community',
      entityId: id,
      after: view,
    })
    return view
  })
}

export function updateCommunity(ctx: RequestContext, id: string, input: Partial<CommunityInput>) {
  if (input.timeZone) assertTimeZone(input.timeZone)
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const before = await requireCommunity(tx, ctx, tenantId, id, 'estate.manage')
    if (input.orgUnitId !== undefined) await assertOrgUnitAllowed(tx, actorOf(ctx), input.orgUnitId)
    const set = {
      ...(input.orgUnitId !== undefined ? { org_unit_id: input.orgUnitId } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.divisionCode !== undefined ? { division_code: input.divisionCode } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      ...(input.deliveryDate !== undefined ? { delivery_date: input.deliveryDate } : {}),
      ...(input.chargingModel !== undefined ? { charging_model: input.chargingModel } : {}),
      ...(input.serviceGrade !== undefined ? { service_grade: input.serviceGrade } : {}),
      ...(input.parkingInVoteArea !== undefined ? { parking_in_vote_area: input.parkingInVoteArea } : {}),
      ...(input.voteFollowMajority !== undefined ? { vote_follow_majority: input.voteFollowMajority } : {}),
    }
    await tx
      .updateTable('communities')
      .set({ ...set, updated_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute()
    const after = await requireCommunity(tx, ctx, tenantId, id)
    await writeAudit(tx, ctx, tenantId, {
      action: 'community.update',
      entityType: 'community',
      entityId: id,
      before,
      after,
    })
    return after
  })
}

// ---------- buildings ----------

function selectBuildings(tx: Tx, tenantId: string) {
  return tx
    .selectFrom('buildings as b')
    .select([
      'b.id',
      'b.community_id',
      'b.code',
      'b.name',
      'b.floors',
      sql<string>`(select count(*) from units u where u.tenant_id = b.tenant_id and u.building_id = b.id)`.as(
        'unit_count',
      ),
    ])
    .where('b.tenant_id', '=', tenantId)
}

type BuildingRow = Awaited<ReturnType<ReturnType<typeof selectBuildings>['executeTakeFirstOrThrow']>>
const buildingView = (r: BuildingRow) => ({
  id: r.id,
  communityId: r.community_id,
  code: r.code,
  name: r.name,
  floors: r.floors,
  unitCount: Number(r.unit_count),
})

export function listBuildings(ctx: RequestContext, communityId: string) {
  const actor = actorOf(ctx)
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    await requireCommunity(tx, ctx, tenantId, communityId)
    const rows = await selectBuildings(tx, tenantId)
      .where('b.community_id', '=', communityId)
      .where(inScope(actor, 'estate.read', { community: 'b.community_id', building: 'b.id' }))
      .orderBy(sql`length(b.code)`)
      .orderBy('b.code')
      .execute()
    return rows.map(buildingView)
  })
}

export function createBuilding(
  ctx: RequestContext,
  communityId: string,
  input: { code: string; name: string; floors?: number | null | undefined },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    await requireCommunity(tx, ctx, tenantId, communityId, 'estate.manage')
    const taken = await tx
      .selectFrom('buildings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', communityId)
      .where('code', '=', input.code)
      .executeTakeFirst()
    if (taken) throw new AppError(409, 'ESTATE_BUILDING_CODE_TAKEN', { code: input.code })
    const id = uuidv7()
    await tx
      .insertInto('buildings')
      .values({
        tenant_id: tenantId,
        id,
        community_id: communityId,
        code: input.code,
        name: input.name,
        floors: input.floors ?? null,
      })
      .execute()
    const view = buildingView(
      await selectBuildings(tx, tenantId).where('b.id', '=', id).executeTakeFirstOrThrow(),
    )
    await writeAudit(tx, ctx, tenantId, {
      action: 'building.create',
      entityType: 'building',
      entityId: id,
      after: view,
    })
    return view
  })
}
