import { sql, type Transaction } from 'kysely'
import type { EstateTables } from './tables'

/** One unit (or parking space) of a community as it stood on a date, for the voter roll. */
export interface SnapshotUnit {
  code: string
  unitId: string | null
  parkingSpaceId: string | null
  /** Exclusive area, "89.37" (parking: the space's area). */
  area: string
  areaSource: 'registered' | 'surveyed' | 'contract' | 'parking'
  /** Unsold, sold but not yet delivered on the date, or owned only by the developer. */
  developerHeld: boolean
  /**
   * Who votes for it: the parties that owned it at the end of the date (co-owners are several). For
   * a developer-held unit only the developer's parties — a buyer whose unit is not delivered yet is
   * not an owner for the vote (区分所有权解释 第9条).
   */
  ownerPartyIds: string[]
}

/**
 * Who owned what on `date` (区分所有权解释 第8–9条): the exclusive area of every unit of the community
 * and its owners that day; parking spaces with an owner too when `includeParking` (a community setting).
 */
export async function ownershipSnapshot(
  // biome-ignore lint/suspicious/noExplicitAny: any region's transaction (see published.ts)
  tx: Transaction<any>,
  tenantId: string,
  communityId: string,
  date: string,
  includeParking: boolean,
): Promise<SnapshotUnit[]> {
  const { rows } = await sql<{
    code: string
    unit_id: string
    area: string
    area_source: 'registered' | 'surveyed' | 'contract'
    sold: boolean
    delivered: boolean
    owners: string[]
    developer_owners: string[]
  }>`
    select u.code, u.id as unit_id, u.exclusive_area as area, u.exclusive_area_source as area_source, u.sold,
           (u.delivery_date is null or u.delivery_date <= ${date}::date) as delivered,
           coalesce(array_agg(o.party_id order by o.party_id) filter (where o.party_id is not null), '{}') as owners,
           coalesce(array_agg(o.party_id order by o.party_id) filter (where p.kind = 'developer'), '{}') as developer_owners
      from units u
      -- Owners at the end of the record date: a transfer on that day counts for the buyer only.
      left join unit_ownerships o on o.tenant_id = u.tenant_id and o.unit_id = u.id
            and o.start_date <= ${date}::date and (o.end_date is null or o.end_date > ${date}::date)
      left join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
     where u.tenant_id = ${tenantId} and u.community_id = ${communityId}
     group by u.tenant_id, u.id
     order by u.code`.execute(tx)
  const units: SnapshotUnit[] = rows.map((r) => {
    const developerHeld =
      !r.sold || !r.delivered || (r.owners.length > 0 && r.developer_owners.length === r.owners.length)
    return {
      code: r.code,
      unitId: r.unit_id,
      parkingSpaceId: null,
      area: r.area,
      areaSource: r.area_source,
      developerHeld,
      ownerPartyIds: developerHeld ? r.developer_owners : r.owners,
    }
  })
  if (!includeParking) return units
  const parking = await (tx as Transaction<EstateTables>)
    .selectFrom('parking_spaces')
    .select(['id', 'code', 'area', 'owner_party_id', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('kind', '=', 'owned')
    .orderBy('code')
    .execute()
  return [
    ...units,
    ...parking.map((s) => ({
      code: `车位-${s.code}`,
      unitId: null,
      parkingSpaceId: s.id,
      area: s.area,
      areaSource: 'parking' as const,
      developerHeld: s.owner_party_id === null,
      ownerPartyIds: s.owner_party_id ? [s.owner_party_id] : [],
    })),
  ]
}
