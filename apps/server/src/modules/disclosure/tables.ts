import type { DisclosureType } from '@meihao/contracts'
import type { Generated, Insertable, Selectable, Transaction } from 'kysely'

/** The disclosure region's own tables as Kysely sees them. Money (bigint) travels as strings. */
export interface DisclosureTables {
  disclosure_settings: {
    tenant_id: string
    community_id: string
    settings: unknown
    public_token: string | null
    updated_at: Generated<Date>
  }
  disclosure_items: {
    tenant_id: string
    id: string
    series_id: string
    version: number
    community_id: string
    type: DisclosureType
    title: string
    body: string
    content: unknown
    source_ref: string | null
    period_from: string | null
    period_to: string | null
    attachments: unknown
    min_display_days: number
    status: 'draft' | 'published' | 'superseded'
    published_at: Date | null
    display_until: string | null
    superseded_at: Date | null
    correction_note: string | null
    created_by: string | null
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  public_revenue_entries: {
    tenant_id: string
    id: string
    community_id: string
    kind: RevenueKind
    source: string | null
    amount_fen: string
    occurred_on: string
    counterparty: string
    contract_ref: string
    summary: string
    evidence: unknown
    decision_id: string | null
    topic_id: string | null
    quarter: string | null
    reverses_id: string | null
    journal_id: string
    created_by: string | null
    created_at: Generated<Date>
  }
  public_revenue_quarters: {
    tenant_id: string
    community_id: string
    quarter: string
    income_fen: string
    cost_fen: string
    net_fen: string
    rule: string
    min_to_fund_fen: string
    to_fund_fen: string
    balance_fen: string
    disclosure_id: string
    closed_by: string | null
    closed_at: Generated<Date>
  }
  fund_unit_accounts: {
    tenant_id: string
    unit_id: string
    community_id: string
    first_deposit_fen: string
    deposited_fen: string
    gains_fen: string
    spent_fen: string
    balance_fen: string
    updated_at: Generated<Date>
  }
  fund_projects: {
    tenant_id: string
    id: string
    community_id: string
    title: string
    description: string
    building_ids: string[]
    unit_ids: string[]
    emergency_category: string | null
    decision_id: string | null
    topic_id: string | null
    cost_fen: string
    status: 'planned' | 'settled' | 'cancelled'
    journal_id: string | null
    settled_at: Date | null
    created_by: string | null
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  fund_project_shares: {
    tenant_id: string
    project_id: string
    unit_id: string
    exclusive_area: string
    developer_held: boolean
    share_fen: string
    from_fund_fen: string
    shortfall_fen: string
    /** As settled (0013); null on shares settled before it. */
    balance_after_fen: string | null
    needs_top_up: boolean | null
  }
  fund_entries: {
    tenant_id: string
    id: string
    community_id: string
    unit_id: string
    kind: FundEntryKind
    amount_fen: string
    balance_after_fen: string
    project_id: string | null
    journal_id: string
    occurred_on: string
    memo: string
    created_at: Generated<Date>
  }
}

export type RevenueKind = 'income' | 'cost' | 'to_fund' | 'use'
export type FundEntryKind = 'first_deposit' | 'deposit' | 'gain' | 'public_revenue' | 'spend'
export type Tx = Transaction<DisclosureTables>
export type ItemRecord = Selectable<DisclosureTables['disclosure_items']>
export type NewItem = Insertable<DisclosureTables['disclosure_items']>
export type RevenueRecord = Selectable<DisclosureTables['public_revenue_entries']>
export type ProjectRecord = Selectable<DisclosureTables['fund_projects']>
