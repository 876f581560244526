import type { Generated } from 'kysely'

/** The estate region's tables as Kysely sees them. Areas are numeric(12,2) and travel as strings. */
export interface EstateTables {
  communities: {
    tenant_id: string
    id: string
    org_unit_id: string | null
    code: string
    name: string
    address: string
    division_code: string
    time_zone: string
    delivery_date: string | null
    charging_model: 'lump_sum' | 'commission'
    service_grade: number
    parking_in_vote_area: boolean
    vote_follow_majority: Generated<boolean>
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  buildings: {
    tenant_id: string
    id: string
    community_id: string
    code: string
    name: string
    floors: number | null
    created_at: Generated<Date>
  }
  units: {
    tenant_id: string
    id: string
    community_id: string
    building_id: string
    code: string
    floor: number | null
    building_area: string
    exclusive_area: string
    exclusive_area_source: 'registered' | 'surveyed' | 'contract'
    use: 'residential' | 'commercial' | 'office' | 'other'
    delivery_date: string | null
    sold: boolean
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  parties: {
    tenant_id: string
    id: string
    kind: 'person' | 'organization' | 'developer'
    name: string
    phone_enc: string | null
    phone_hash: string | null
    phone_masked: string | null
    id_number_enc: string | null
    id_number_hash: string | null
    id_number_masked: string | null
    account_id: string | null
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  unit_ownerships: {
    tenant_id: string
    id: string
    unit_id: string
    party_id: string
    start_date: string
    end_date: string | null
    created_at: Generated<Date>
  }
  unit_occupancies: {
    tenant_id: string
    id: string
    unit_id: string
    party_id: string
    relation: 'owner' | 'family' | 'tenant' | 'other'
    start_date: string
    end_date: string | null
    created_at: Generated<Date>
  }
  parking_spaces: {
    tenant_id: string
    id: string
    community_id: string
    code: string
    area: string
    kind: 'owned' | 'rented' | 'public'
    owner_party_id: string | null
    created_at: Generated<Date>
  }
  vehicles: {
    tenant_id: string
    id: string
    party_id: string
    plate: string
    parking_space_id: string | null
    created_at: Generated<Date>
  }
}
