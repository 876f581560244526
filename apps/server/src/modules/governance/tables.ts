import type { Generated } from 'kysely'

type Choice = 'agree' | 'oppose' | 'abstain'

/** The governance region's own tables as Kysely sees them. Areas travel as strings. */
export interface GovernanceTables {
  /** Columns a later step fills (notice, roll, opening, closing) are Generated: NULL when inserted. */
  decisions: {
    tenant_id: string
    id: string
    community_id: string
    title: string
    description: string
    convener: 'committee' | 'street_office'
    meeting_form: 'collective' | 'written' | 'online'
    temporary: boolean
    notice_min_days: number
    record_date: string
    voting_starts_at: Date
    voting_ends_at: Date
    secret_until_close: boolean
    follow_majority: boolean
    proxy_cap: number
    publish_within_days: number
    status: 'draft' | 'noticed' | 'open' | 'closed' | 'cancelled'
    noticed_at: Generated<Date | null>
    roll_hash: Generated<string | null>
    roll_frozen_at: Generated<Date | null>
    roll_heads: Generated<number | null>
    roll_area: Generated<string | null>
    roll_units: Generated<number | null>
    parking_in_area: Generated<boolean | null>
    opened_at: Generated<Date | null>
    closed_at: Generated<Date | null>
    chain_head: Generated<string | null>
    ballot_count: Generated<number>
    result: Generated<unknown>
    created_by: string | null
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  decision_topics: {
    tenant_id: string
    id: string
    decision_id: string
    seq: number
    title: string
    description: string
    item: number
    tier: 'ordinary' | 'major'
    election_group: string | null
    seats: number | null
    created_at: Generated<Date>
  }
  decision_roll_units: {
    tenant_id: string
    decision_id: string
    unit_code: string
    label: string
    unit_id: string | null
    parking_space_id: string | null
    area: string
    area_source: string
    developer_held: boolean
    owners: string[]
    voter_key: string
  }
  decision_roll_members: {
    tenant_id: string
    decision_id: string
    party_id: string
    pseudonym: string
    voter_key: string
  }
  decision_voters: {
    tenant_id: string
    decision_id: string
    voter_key: string
    area: string
    unit_codes: string[]
  }
  ballot_events: {
    tenant_id: string
    decision_id: string
    seq: number
    id: string
    voter_key: string
    cast_by: string
    channel: 'online' | 'paper' | 'proxy'
    choices: Record<string, Choice>
    cast_at: Date
    effective_at: Date
    scan_ref: string | null
    proxy_hash: string | null
    proxy_name: string | null
    authorization_ref: string | null
    entered_by: string | null
    party_id: string | null
    prev_hash: string
    hash: string
  }
  vote_codes: {
    tenant_id: string
    id: string
    decision_id: string
    party_id: string
    code_hash: string
    expires_at: Date
    attempts: Generated<number>
    used_at: Date | null
    created_at: Generated<Date>
  }
}
