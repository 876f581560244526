import type { Generated } from 'kysely'

/** The tickets region's own tables as Kysely sees them. */
export interface TicketTables {
  ticket_categories: {
    tenant_id: string
    id: string
    parent_id: string | null
    code: string
    name: string
    kinds: string[]
    active: Generated<boolean>
    sort: Generated<number>
    created_at: Generated<Date>
  }
  sla_policies: {
    tenant_id: string
    id: string
    community_id: string | null
    category_id: string | null
    priority: string
    response_minutes: number
    arrival_minutes: number | null
    resolution_minutes: number
    clock_mode: 'calendar' | 'business'
    created_at: Generated<Date>
  }
  ticket_settings: {
    tenant_id: string
    community_id: string
    settings: unknown
    updated_at: Generated<Date>
  }
  tickets: {
    tenant_id: string
    id: string
    number: string
    community_id: string
    building_id: string | null
    unit_id: string | null
    spot: string | null
    kind: string
    category_id: string
    priority: string
    channel: string
    title: string
    description: string
    photos: string[]
    preferred_from: Date | null
    preferred_to: Date | null
    contact_name_enc: string | null
    contact_phone_enc: string | null
    requester_user_id: string | null
    status: string
    assignee_id: string | null
    held_from: string | null
    quote_fen: string | null
    quote_accepted: Generated<boolean>
    flagged: Generated<boolean>
    response_minutes: number
    arrival_minutes: number | null
    resolution_minutes: number
    clock_mode: 'calendar' | 'business'
    responded_at: Date | null
    arrived_at: Date | null
    resolved_at: Date | null
    last_resolved_at: Date | null
    response_ms: string | null
    arrival_ms: string | null
    resolution_ms: string | null
    breached_clocks: Generated<string[]>
    pauses: unknown
    next_check_at: Date | null
    sla_state: string | null
    escalation_level: Generated<number>
    reopen_count: Generated<number>
    rating: number | null
    rating_comment: string | null
    follow_up_score: number | null
    duplicate_of: string | null
    closed_at: Date | null
    cancelled_at: Date | null
    created_by: string | null
    created_at: Date
    updated_at: Date
    version: number
  }
  ticket_events: {
    tenant_id: string
    ticket_id: string
    seq: number
    at: Date
    kind: string
    actor_role: string
    actor_id: string | null
    from_status: string | null
    to_status: string | null
    note: string | null
    photos: string[]
    details: unknown
  }
  ticket_sla_alerts: {
    tenant_id: string
    ticket_id: string
    clock: string
    kind: 'warning' | 'breach' | 'escalation'
    level: number
    cycle: number
    at: Date
  }
  ticket_dispatch_cursors: {
    tenant_id: string
    community_id: string
    category_id: string
    last_user_id: string
  }
  ticket_charges: {
    tenant_id: string
    id: string
    ticket_id: string
    community_id: string
    unit_id: string | null
    amount_fen: string
    created_at: Generated<Date>
    consumed_at: Date | null
  }
  ticket_rollups: {
    tenant_id: string
    community_id: string
    month: string
    grouping: 'all' | 'kind' | 'category'
    key: string
    figures: unknown
    computed_at: Generated<Date>
  }
  ticket_rollup_dirty: {
    tenant_id: string
    community_id: string
    month: string
    marked_at: Generated<Date>
  }
}
