import { type SqlBool, sql, type Transaction } from 'kysely'
import { writeAudit } from '../../platform/audit'
import type { Deps } from '../../platform/deps'
import { AppError, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { PARTY_REF_COLUMNS, partyRef, sealPartyPii } from './parties'
import { companyWide, inScope } from './policy'
import type { EstateTables } from './tables'
import { requireUnitRow } from './units-service'

type Tx = Transaction<EstateTables>
type Permission = 'estate.read' | 'estate.manage' | 'pii.reveal'

/**
 * A party is within reach when it is linked (owner or occupant, past or present) to a unit in the
 * caller's scope for `permission`, or linked to nothing yet (just registered), or the scope is company-wide.
 */
function partyInScope(ctx: RequestContext, tenantId: string, permission: Permission) {
  const actor = actorOf(ctx)
  if (companyWide(actor, permission)) return sql<SqlBool>`true`
  const units = inScope(actor, permission, {
    community: 'u.community_id',
    building: 'u.building_id',
    unit: 'u.id',
  })
  return sql<SqlBool>`(exists (select 1 from unit_ownerships o join units u on u.tenant_id = o.tenant_id and u.id = o.unit_id
                          where o.tenant_id = ${tenantId} and o.party_id = p.id and ${units})
      or exists (select 1 from unit_occupancies r join units u on u.tenant_id = r.tenant_id and u.id = r.unit_id
                  where r.tenant_id = ${tenantId} and r.party_id = p.id and ${units})
      or not exists (select 1 from unit_ownerships o where o.tenant_id = ${tenantId} and o.party_id = p.id)
         and not exists (select 1 from unit_occupancies r where r.tenant_id = ${tenantId} and r.party_id = p.id))`
}

/** A party within the caller's reach for `permission` (see partyInScope), or 404. */
export async function requireParty(
  tx: Tx,
  ctx: RequestContext,
  tenantId: string,
  id: string,
  permission: Permission,
) {
  const row = await tx
    .selectFrom('parties as p')
    .select([...PARTY_REF_COLUMNS, 'p.phone_enc', 'p.id_number_enc'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', id)
    .where(partyInScope(ctx, tenantId, permission))
    .executeTakeFirst()
  if (!row) throw notFound('ESTATE_PARTY_NOT_FOUND')
  return row
}

export function createParty(
  ctx: RequestContext,
  deps: Deps,
  input: {
    kind: 'person' | 'organization' | 'developer'
    name: string
    phone?: string | null | undefined
    idNumber?: string | null | undefined
  },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const id = uuidv7()
    const row = {
      tenant_id: tenantId,
      id,
      kind: input.kind,
      name: input.name,
      account_id: null,
      ...sealPartyPii(deps.pii, input),
    }
    await tx.insertInto('parties').values(row).execute()
    const view = partyRef(row)
    await writeAudit(tx, ctx, tenantId, {
      action: 'party.create',
      entityType: 'party',
      entityId: id,
      after: view,
    })
    return view
  })
}

/** Parties by name prefix or full mobile number, for picking an owner. */
export function searchParties(ctx: RequestContext, deps: Deps, query: { q: string; limit: number }) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const term = query.q.trim()
    const match = /^1[3-9]\d{9}$/.test(term)
      ? sql<SqlBool>`p.phone_hash = ${deps.pii.lookupHash('phone', term)}`
      : sql<SqlBool>`p.name like ${`${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`
    const rows = await tx
      .selectFrom('parties as p')
      .select(PARTY_REF_COLUMNS)
      .where('p.tenant_id', '=', tenantId)
      .where(match)
      .where(partyInScope(ctx, tenantId, 'estate.read'))
      .orderBy('p.name')
      .limit(query.limit)
      .execute()
    return { items: rows.map(partyRef), nextCursor: null }
  })
}

/** The unmasked phone or ID number, for a caller holding pii.reveal over the party. Always audited. */
export function revealParty(ctx: RequestContext, deps: Deps, id: string, field: 'phone' | 'idNumber') {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const party = await requireParty(tx, ctx, tenantId, id, 'pii.reveal')
    const stored = field === 'phone' ? party.phone_enc : party.id_number_enc
    await writeAudit(tx, ctx, tenantId, {
      action: 'party.reveal',
      entityType: 'party',
      entityId: id,
      after: { field },
    })
    return { value: stored ? deps.pii.decrypt(stored) : null }
  })
}

// ---------- ownership and occupancy ----------

export function addOwnership(
  ctx: RequestContext,
  unitId: string,
  input: { partyId: string; startDate: string },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    await requireUnitRow(tx, ctx, tenantId, unitId, 'estate.manage')
    const party = await requireParty(tx, ctx, tenantId, input.partyId, 'estate.manage')
    const open = await tx
      .selectFrom('unit_ownerships')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('unit_id', '=', unitId)
      .where('party_id', '=', input.partyId)
      .where('end_date', 'is', null)
      .executeTakeFirst()
    if (open) throw new AppError(409, 'ESTATE_ALREADY_OWNER')
    const id = uuidv7()
    await tx
      .insertInto('unit_ownerships')
      .values({
        tenant_id: tenantId,
        id,
        unit_id: unitId,
        party_id: input.partyId,
        start_date: input.startDate,
        end_date: null,
      })
      .execute()
    const view = { id, party: partyRef(party), startDate: input.startDate, endDate: null }
    await writeAudit(tx, ctx, tenantId, {
      action: 'ownership.create',
      entityType: 'unit',
      entityId: unitId,
      after: view,
    })
    return view
  })
}

export function addOccupancy(
  ctx: RequestContext,
  unitId: string,
  input: { partyId: string; relation: 'owner' | 'family' | 'tenant' | 'other'; startDate: string },
) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    await requireUnitRow(tx, ctx, tenantId, unitId, 'estate.manage')
    const party = await requireParty(tx, ctx, tenantId, input.partyId, 'estate.manage')
    const id = uuidv7()
    await tx
      .insertInto('unit_occupancies')
      .values({
        tenant_id: tenantId,
        id,
        unit_id: unitId,
        party_id: input.partyId,
        relation: input.relation,
        start_date: input.startDate,
        end_date: null,
      })
      .execute()
    const view = {
      id,
      party: partyRef(party),
      relation: input.relation,
      startDate: input.startDate,
      endDate: null,
    }
    await writeAudit(tx, ctx, tenantId, {
      action: 'occupancy.create',
      entityType: 'unit',
      entityId: unitId,
      after: view,
    })
    return view
  })
}

/** Ends an ownership or occupancy on a date; the row stays as history. */
export function endRecord(
  ctx: RequestContext,
  table: 'unit_ownerships' | 'unit_occupancies',
  id: string,
  endDate: string,
) {
  const notFoundCode =
    table === 'unit_ownerships' ? 'ESTATE_OWNERSHIP_NOT_FOUND' : 'ESTATE_OCCUPANCY_NOT_FOUND'
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    // Both history tables share these columns; the union type of the two confuses Kysely's inference.
    const record = await tx
      .selectFrom(`${table as 'unit_ownerships'} as r`)
      .innerJoin('units as u', (j) =>
        j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.unit_id'),
      )
      .select(['r.id', 'r.unit_id', 'r.start_date', 'r.end_date'])
      .where('r.tenant_id', '=', tenantId)
      .where('r.id', '=', id)
      .where(
        inScope(actorOf(ctx), 'estate.manage', {
          community: 'u.community_id',
          building: 'u.building_id',
          unit: 'u.id',
        }),
      )
      .executeTakeFirst()
    if (!record) throw notFound(notFoundCode)
    if (record.end_date) throw new AppError(409, 'ESTATE_ALREADY_ENDED', { endDate: record.end_date })
    if (endDate < record.start_date)
      throw new AppError(422, 'ESTATE_END_BEFORE_START', { startDate: record.start_date })
    await tx
      .updateTable(table)
      .set({ end_date: endDate })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute()
    await writeAudit(tx, ctx, tenantId, {
      action: table === 'unit_ownerships' ? 'ownership.end' : 'occupancy.end',
      entityType: 'unit',
      entityId: record.unit_id,
      before: { id, endDate: null },
      after: { id, endDate },
    })
    return { ok: true as const }
  })
}

/** The units the signed-in resident owns or lives in today. */
export function myUnits(ctx: RequestContext) {
  const actor = actorOf(ctx)
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const { rows } = await sql<{
      id: string
      community_id: string
      community_name: string
      building_code: string
      code: string
      building_area: string
      relation: 'owner' | 'family' | 'tenant' | 'other'
    }>`
      select distinct on (u.id) u.id, u.community_id, c.name as community_name, b.code as building_code, u.code, u.building_area, l.relation
        from (select o.unit_id, 'owner' as relation, 0 as rank, o.party_id, o.end_date from unit_ownerships o where o.tenant_id = ${tenantId}
              union all
              select r.unit_id, r.relation, 1, r.party_id, r.end_date from unit_occupancies r where r.tenant_id = ${tenantId}) l
        join parties p on p.tenant_id = ${tenantId} and p.id = l.party_id
        join units u on u.tenant_id = ${tenantId} and u.id = l.unit_id
        join buildings b on b.tenant_id = ${tenantId} and b.id = u.building_id
        join communities c on c.tenant_id = ${tenantId} and c.id = u.community_id
       where p.account_id = ${actor.accountId}
         and (l.end_date is null or l.end_date >= (now() at time zone c.time_zone)::date)
       order by u.id, l.rank`.execute(tx)
    return rows.map((r) => ({
      id: r.id,
      communityId: r.community_id,
      communityName: r.community_name,
      buildingCode: r.building_code,
      code: r.code,
      buildingArea: r.building_area,
      relation: r.relation,
    }))
  })
}
