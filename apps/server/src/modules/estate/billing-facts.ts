import { sql, type Transaction } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: any region's transaction; the query names its own tables
type AnyTx = Transaction<any>

/** What billing needs to know about a unit on the first day of a period. */
export interface BillingUnit {
  id: string
  code: string
  /** Hundredths of a m², exact. */
  buildingAreaHundredths: bigint
  exclusiveAreaHundredths: bigint
  /** The unit's delivery date, else the community's; null: not delivered. */
  deliveredOn: string | null
  sold: boolean
  /** The first current owner (the bill's payer of record). */
  ownerPartyId: string | null
  /** The first day of the current vacancy; null when someone lives there. */
  vacantSince: string | null
  /** Parking spaces held by the owner in this community. */
  parkingSpaces: number
}

const hundredths = (area: string): bigint => {
  const [whole = '0', fraction = ''] = area.split('.')
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2))
}

/**
 * A page of a community's units in id order after `afterId` (and up to `throughId`, inclusive, when given),
 * with the facts a billing run needs as of `asOf` (the period's first day). Id order lets a run cut the
 * community into ranges of units and resume from the last one it finished.
 */
export async function billingUnits(
  tx: AnyTx,
  tenantId: string,
  communityId: string,
  asOf: string,
  afterId: string | null,
  limit: number,
  throughId: string | null = null,
): Promise<BillingUnit[]> {
  const { rows } = await sql<{
    id: string
    code: string
    building_area: string
    exclusive_area: string
    delivered_on: string | null
    sold: boolean
    owner_party_id: string | null
    vacant_since: string | null
    spaces: number
  }>`
    select u.id, u.code, u.building_area::text as building_area, u.exclusive_area::text as exclusive_area,
           coalesce(u.delivery_date, c.delivery_date) as delivered_on, u.sold, o.party_id as owner_party_id,
           case when occ.occupied then null
                else greatest(coalesce(u.delivery_date, c.delivery_date), occ.last_end + 1) end as vacant_since,
           coalesce(sp.n, 0)::int as spaces
      from units u
      join communities c on c.tenant_id = u.tenant_id and c.id = u.community_id
      left join lateral (
        select party_id from unit_ownerships w
         where w.tenant_id = u.tenant_id and w.unit_id = u.id and w.start_date <= ${asOf}::date
           and (w.end_date is null or w.end_date >= ${asOf}::date)
         order by w.start_date, w.id limit 1) o on true
      left join lateral (
        select bool_or(x.start_date <= ${asOf}::date and (x.end_date is null or x.end_date >= ${asOf}::date)) as occupied,
               max(x.end_date) filter (where x.end_date < ${asOf}::date) as last_end
          from unit_occupancies x where x.tenant_id = u.tenant_id and x.unit_id = u.id) occ on true
      left join lateral (
        select count(*) as n from parking_spaces s
         where s.tenant_id = u.tenant_id and s.community_id = u.community_id
           and o.party_id is not null and s.owner_party_id = o.party_id) sp on true
     where u.tenant_id = ${tenantId} and u.community_id = ${communityId}
       ${afterId ? sql`and u.id > ${afterId}` : sql``}
       ${throughId ? sql`and u.id <= ${throughId}` : sql``}
     order by u.id
     limit ${limit}`.execute(tx)
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    buildingAreaHundredths: hundredths(r.building_area),
    exclusiveAreaHundredths: hundredths(r.exclusive_area),
    deliveredOn: r.delivered_on,
    sold: r.sold,
    ownerPartyId: r.owner_party_id,
    vacantSince: r.vacant_since,
    parkingSpaces: r.spaces,
  }))
}

/** How many units a community has (a run's progress denominator). */
/**
 * The last unit id of the next range of at most `size` units after `afterId` in id order (a billing run's
 * chunk), or null when no unit follows.
 */
export async function unitRangeEnd(
  tx: AnyTx,
  tenantId: string,
  communityId: string,
  afterId: string | null,
  size: number,
): Promise<string | null> {
  const { rows } = await sql<{ last: string | null }>`
    select id as last from (
      select id from units where tenant_id = ${tenantId} and community_id = ${communityId}
        ${afterId ? sql`and id > ${afterId}` : sql``}
       order by id limit ${size}) page
     order by id desc limit 1`.execute(tx)
  return rows[0]?.last ?? null
}

export async function unitCount(tx: AnyTx, tenantId: string, communityId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from units where tenant_id = ${tenantId} and community_id = ${communityId}`.execute(
    tx,
  )
  return Number(rows[0]?.n ?? 0)
}

/** Party names by id: the payer named on a receipt. */
export async function ownerPartyNames(tx: AnyTx, tenantId: string, partyIds: readonly string[]) {
  if (partyIds.length === 0) return new Map<string, string>()
  const { rows } = await sql<{ id: string; name: string }>`
    select id, name from parties where tenant_id = ${tenantId} and id = any(${[...new Set(partyIds)]}::uuid[])`.execute(
    tx,
  )
  return new Map(rows.map((r) => [r.id, r.name]))
}
