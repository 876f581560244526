import type { Permission } from '@meihao/contracts'
import { type SqlBool, sql, type Transaction } from 'kysely'
import type { Actor } from '../../platform/auth/actor'
import { plainArray } from '../../platform/db/pg-arrays'
import { inScope } from './policy'
import type { EstateTables } from './tables'

/**
 * What the estate region offers the other regions: answers computed from its tables, never the
 * tables themselves (DESIGN §3: call another module's service). Callers pass their own transaction,
 * already set to the tenant.
 */
// biome-ignore lint/suspicious/noExplicitAny: any region's transaction; the functions type their own tables
type AnyTx = Transaction<any>
const estate = (tx: AnyTx) => tx as Transaction<EstateTables>

export { ownershipSnapshot, type SnapshotUnit } from './ownership-snapshot'
export { companyWide, inScope, type ScopeColumns } from './policy'

export interface CommunityFacts {
  id: string
  name: string
  timeZone: string
  parkingInVoteArea: boolean
  voteFollowMajority: boolean
  serviceGrade: 1 | 2 | 3
  orgUnitId: string | null
}

function selectFacts(tx: AnyTx, tenantId: string) {
  return estate(tx)
    .selectFrom('communities as c')
    .select([
      'c.id',
      'c.name',
      'c.time_zone',
      'c.parking_in_vote_area',
      'c.vote_follow_majority',
      'c.service_grade',
      'c.org_unit_id',
    ])
    .where('c.tenant_id', '=', tenantId)
}

const factsOf = (r: {
  id: string
  name: string
  time_zone: string
  parking_in_vote_area: boolean
  vote_follow_majority: boolean
  service_grade: number
  org_unit_id: string | null
}): CommunityFacts => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  parkingInVoteArea: r.parking_in_vote_area,
  voteFollowMajority: r.vote_follow_majority,
  serviceGrade: (r.service_grade === 1 || r.service_grade === 3 ? r.service_grade : 2) as 1 | 2 | 3,
  orgUnitId: r.org_unit_id,
})

export async function communityFacts(
  tx: AnyTx,
  tenantId: string,
  id: string,
): Promise<CommunityFacts | undefined> {
  const row = await selectFacts(tx, tenantId).where('c.id', '=', id).executeTakeFirst()
  return row && factsOf(row)
}

/**
 * The community when the actor's grants for `permission` cover all of it (or, with `partly`, reach into it:
 * a building's housekeeper, an owner of one unit); otherwise undefined.
 */
export async function communityInScope(
  tx: AnyTx,
  actor: Actor,
  tenantId: string,
  id: string,
  permission: Permission,
  options: { partly?: boolean } = {},
): Promise<CommunityFacts | undefined> {
  const row = await selectFacts(tx, tenantId)
    .where('c.id', '=', id)
    .where(inScope(actor, permission, { community: 'c.id' }, { wholeCommunity: !options.partly }))
    .executeTakeFirst()
  return row && factsOf(row)
}

/** The parties (owners, residents) a sign-in account is linked to, with their sealed phone. */
export async function partiesOfAccount(
  tx: AnyTx,
  tenantId: string,
  accountId: string | null,
): Promise<{ id: string; phoneEnc: string | null }[]> {
  if (!accountId) return []
  const rows = await estate(tx)
    .selectFrom('parties')
    .select(['id', 'phone_enc'])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .execute()
  return rows.map((r) => ({ id: r.id, phoneEnc: r.phone_enc }))
}

/** Communities where the account owns a unit today (in each community's own time zone). */
export async function communitiesOwnedByAccount(tx: AnyTx, tenantId: string, accountId: string | null) {
  if (!accountId) return []
  const { rows } = await sql<{ community_id: string }>`
    select distinct u.community_id from unit_ownerships o
      join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
      join units u on u.tenant_id = o.tenant_id and u.id = o.unit_id
      join communities c on c.tenant_id = u.tenant_id and c.id = u.community_id
     where o.tenant_id = ${tenantId} and p.account_id = ${accountId}
       and o.start_date <= (now() at time zone c.time_zone)::date
       and (o.end_date is null or o.end_date >= (now() at time zone c.time_zone)::date)`.execute(tx)
  return rows.map((r) => r.community_id)
}

export interface UnitPlace {
  id: string
  code: string
  communityId: string
  buildingId: string
}

/** A unit with its community and building, when the actor's `permission` reaches it. */
export async function unitInScope(
  tx: AnyTx,
  actor: Actor,
  tenantId: string,
  unitId: string,
  permission: Permission,
): Promise<UnitPlace | undefined> {
  const row = await estate(tx)
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.community_id', 'u.building_id'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', unitId)
    .where(
      inScope(actor, permission, { community: 'u.community_id', building: 'u.building_id', unit: 'u.id' }),
    )
    .executeTakeFirst()
  return row && { id: row.id, code: row.code, communityId: row.community_id, buildingId: row.building_id }
}

/** Unit codes by id. */
export async function unitCodes(tx: AnyTx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await estate(tx)
    .selectFrom('units')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((r) => [r.id, r.code]))
}

/** The community of a building, when the building exists. */
export async function communityOfBuilding(tx: AnyTx, tenantId: string, buildingId: string) {
  const row = await estate(tx)
    .selectFrom('buildings')
    .select(['community_id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', buildingId)
    .executeTakeFirst()
  return row && { communityId: row.community_id, name: row.name }
}

/** Households of a community: its units (the denominator of complaints per 1,000 households). */
export async function householdCount(tx: AnyTx, tenantId: string, communityId: string): Promise<number> {
  const row = await estate(tx)
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Where a community is (GB/T 2260 code, which fixes the city's rules) and since when it is served. */
export async function communityLocale(tx: AnyTx, tenantId: string, id: string) {
  const row = await estate(tx)
    .selectFrom('communities')
    .select(['division_code', 'delivery_date', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
  return (
    row && { divisionCode: row.division_code, deliveryDate: row.delivery_date, createdAt: row.created_at }
  )
}

/** A unit as the maintenance fund sees it: areas for deposits (building area) and shares (exclusive area). */
export interface FundUnit {
  id: string
  code: string
  buildingId: string
  buildingArea: string
  exclusiveArea: string
  /** Unsold units are the developer's: it pays their deposits and shares (民法典 283). */
  developerHeld: boolean
}

/**
 * Units of a community, in code order; when `buildingIds` or `unitIds` are given, only those (a unit named
 * that is not in the community is simply not returned: the caller compares counts).
 */
export async function fundUnits(
  tx: AnyTx,
  tenantId: string,
  communityId: string,
  only?: { buildingIds: readonly string[]; unitIds: readonly string[] },
): Promise<FundUnit[]> {
  let q = estate(tx)
    .selectFrom('units')
    .select(['id', 'code', 'building_id', 'building_area', 'exclusive_area', 'sold'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
  if (only) {
    const { buildingIds, unitIds } = only
    q = q.where((eb) =>
      eb.or([
        // One array parameter each: a project may name more units than a statement has parameters.
        ...(buildingIds.length > 0
          ? [sql<SqlBool>`building_id = any(${plainArray(buildingIds)}::uuid[])`]
          : []),
        ...(unitIds.length > 0 ? [sql<SqlBool>`id = any(${plainArray(unitIds)}::uuid[])`] : []),
      ]),
    )
  }
  const rows = await q.orderBy('code').execute()
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    buildingId: r.building_id,
    buildingArea: r.building_area,
    exclusiveArea: r.exclusive_area,
    developerHeld: !r.sold,
  }))
}

/** Buildings of a community (id, code, name), in code order. */
export async function communityBuildings(tx: AnyTx, tenantId: string, communityId: string) {
  return estate(tx)
    .selectFrom('buildings')
    .select(['id', 'code', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .orderBy('code')
    .execute()
}

/** Sign-in accounts of today's owners of a community's units (all units, or only `unitIds`). */
export async function ownerAccountsOfUnits(
  tx: AnyTx,
  tenantId: string,
  communityId: string,
  unitIds?: readonly string[],
): Promise<{ unitId: string; accountId: string }[]> {
  if (unitIds && unitIds.length === 0) return []
  const { rows } = await sql<{ unit_id: string; account_id: string }>`
    select distinct o.unit_id, p.account_id from unit_ownerships o
      join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
      join units u on u.tenant_id = o.tenant_id and u.id = o.unit_id
      join communities c on c.tenant_id = u.tenant_id and c.id = u.community_id
     where o.tenant_id = ${tenantId} and u.community_id = ${communityId} and p.account_id is not null
       ${unitIds ? sql`and o.unit_id = any(${[...unitIds]}::uuid[])` : sql``}
       and o.start_date <= (now() at time zone c.time_zone)::date
       and (o.end_date is null or o.end_date >= (now() at time zone c.time_zone)::date)
     order by o.unit_id, p.account_id`.execute(tx)
  return rows.map((r) => ({ unitId: r.unit_id, accountId: r.account_id }))
}

/** Units the account owns today, with their community. */
export async function unitsOwnedByAccount(tx: AnyTx, tenantId: string, accountId: string | null) {
  if (!accountId) return []
  const { rows } = await sql<{ unit_id: string; community_id: string }>`
    select distinct o.unit_id, u.community_id from unit_ownerships o
      join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
      join units u on u.tenant_id = o.tenant_id and u.id = o.unit_id
      join communities c on c.tenant_id = u.tenant_id and c.id = u.community_id
     where o.tenant_id = ${tenantId} and p.account_id = ${accountId}
       and o.start_date <= (now() at time zone c.time_zone)::date
       and (o.end_date is null or o.end_date >= (now() at time zone c.time_zone)::date)`.execute(tx)
  return rows.map((r) => ({ unitId: r.unit_id, communityId: r.community_id }))
}

export { type BillingUnit, billingUnits, ownerPartyNames, unitCount, unitRangeEnd } from './billing-facts'
