import type { Transaction } from 'kysely'
import { normaliseArea } from '../../platform/area'
import { writeAudit } from '../../platform/audit'
import { AppError, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { requireCommunity } from './communities-service'
import { requireParty } from './parties-service'
import { inScope } from './policy'
import type { EstateTables } from './tables'
import './messages'
import './parking-messages'

type Tx = Transaction<EstateTables>
type ParkingKind = EstateTables['parking_spaces']['kind']

function selectSpaces(tx: Tx, tenantId: string) {
  return tx
    .selectFrom('parking_spaces as s')
    .leftJoin('parties as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.owner_party_id'),
    )
    .select(['s.id', 's.community_id', 's.code', 's.area', 's.kind', 'p.name as owner_name'])
    .where('s.tenant_id', '=', tenantId)
}

type SpaceRow = Awaited<ReturnType<ReturnType<typeof selectSpaces>['executeTakeFirstOrThrow']>>

const spaceView = (r: SpaceRow) => ({
  id: r.id,
  communityId: r.community_id,
  code: r.code,
  area: r.area,
  kind: r.kind,
  ownerName: r.owner_name,
})

/** Parking spaces of a community, by code. */
export function listParkingSpaces(
  ctx: RequestContext,
  communityId: string,
  query: { cursor?: string | undefined; limit: number },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    await requireCommunity(tx, ctx, tenantId, communityId)
    let q = selectSpaces(tx, tenantId)
      .where('s.community_id', '=', communityId)
      .orderBy('s.code')
      .limit(query.limit + 1)
    if (query.cursor) q = q.where('s.code', '>', query.cursor)
    const rows = await q.execute()
    const items = rows.slice(0, query.limit).map(spaceView)
    return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.code ?? null) : null }
  })
}

export interface ParkingSpaceInput {
  code: string
  area: string
  kind: ParkingKind
  ownerPartyId?: string | null | undefined
}

export function createParkingSpace(ctx: RequestContext, communityId: string, input: ParkingSpaceInput) {
  // 民法典 275: spaces on common ground belong to all owners together, never to one party.
  if (input.kind === 'public' && input.ownerPartyId) throw new AppError(422, 'ESTATE_PUBLIC_PARKING_OWNER')
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    await requireCommunity(tx, ctx, tenantId, communityId, 'estate.manage')
    if (input.ownerPartyId) await requireParty(tx, ctx, tenantId, input.ownerPartyId, 'estate.manage')
    const id = uuidv7()
    const inserted = await tx
      .insertInto('parking_spaces')
      .values({
        tenant_id: tenantId,
        id,
        community_id: communityId,
        code: input.code,
        area: normaliseArea(input.area),
        kind: input.kind,
        owner_party_id: input.ownerPartyId ?? null,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'community_id', 'code']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) throw new AppError(409, 'ESTATE_PARKING_CODE_TAKEN', { code: input.code })
    const view = spaceView(await selectSpaces(tx, tenantId).where('s.id', '=', id).executeTakeFirstOrThrow())
    await writeAudit(tx, ctx, tenantId, {
      action: 'parking_space.create',
      entityType: 'parking_space',
      entityId: id,
      after: view,
    })
    return view
  })
}

const vehicleView = (r: {
  id: string
  plate: string
  party_id: string
  parking_space_id: string | null
}) => ({
  id: r.id,
  plate: r.plate,
  partyId: r.party_id,
  parkingSpaceId: r.parking_space_id,
})

/** The vehicles registered to one party the caller can see. */
export function listVehicles(ctx: RequestContext, partyId: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    await requireParty(tx, ctx, tenantId, partyId, 'estate.read')
    const rows = await tx
      .selectFrom('vehicles')
      .select(['id', 'plate', 'party_id', 'parking_space_id'])
      .where('tenant_id', '=', tenantId)
      .where('party_id', '=', partyId)
      .orderBy('plate')
      .execute()
    return rows.map(vehicleView)
  })
}

export function createVehicle(
  ctx: RequestContext,
  input: { plate: string; partyId: string; parkingSpaceId?: string | null | undefined },
) {
  const actor = actorOf(ctx)
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    await requireParty(tx, ctx, tenantId, input.partyId, 'estate.manage')
    if (input.parkingSpaceId) {
      const space = await tx
        .selectFrom('parking_spaces as s')
        .select('s.id')
        .where('s.tenant_id', '=', tenantId)
        .where('s.id', '=', input.parkingSpaceId)
        .where(inScope(actor, 'estate.manage', { community: 's.community_id' }))
        .executeTakeFirst()
      if (!space) throw notFound('ESTATE_PARKING_NOT_FOUND')
    }
    const row = {
      id: uuidv7(),
      plate: input.plate,
      party_id: input.partyId,
      parking_space_id: input.parkingSpaceId ?? null,
    }
    // The plate is unique in the company: a second registration loses the race cleanly, not with a 500.
    const inserted = await tx
      .insertInto('vehicles')
      .values({ tenant_id: tenantId, ...row })
      .onConflict((oc) => oc.columns(['tenant_id', 'plate']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) throw new AppError(409, 'ESTATE_PLATE_TAKEN', { plate: input.plate })
    const view = vehicleView(row)
    await writeAudit(tx, ctx, tenantId, {
      action: 'vehicle.create',
      entityType: 'vehicle',
      entityId: row.id,
      after: view,
    })
    return view
  })
}
