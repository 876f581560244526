import type { Generated } from 'kysely'

/** The billing region's own tables as Kysely sees them (bigint columns arrive as strings). */
export interface BillingTables {
  fee_items: {
    tenant_id: string
    id: string
    community_id: string
    code: string
    name: string
    kind: string
    cycle: string
    area_basis: string
    sort: Generated<number>
    active: Generated<boolean>
    late_fee: unknown
    created_at: Generated<Date>
  }
  fee_standards: {
    tenant_id: string
    id: string
    fee_item_id: string
    effective_from: string
    rate_e4: string
    rounding: string
    vacancy: unknown
    created_by: string | null
    created_at: Generated<Date>
  }
  billing_settings: {
    tenant_id: string
    community_id: string
    settings: unknown
    updated_at: Generated<Date>
  }
  billing_runs: {
    tenant_id: string
    id: string
    community_id: string
    period_start: string
    cycle: string
    status: string
    cursor_unit: string | null
    chunks_done: Generated<number>
    chunks_claimed: Generated<number>
    units_total: Generated<number>
    units_done: Generated<number>
    bills_created: Generated<number>
    total_fen: Generated<string>
    started_by: string | null
    started_at: Generated<Date>
    heartbeat_at: Generated<Date>
    finished_at: Date | null
    error: string | null
  }
  late_fee_accruals: {
    tenant_id: string
    bill_id: string
    period_start: string
    days: number
    principal_fen: number
    fee_fen: number
    capped: boolean
    charge_bill_id: string
    created_at: Generated<Date>
  }
  billing_run_chunks: {
    tenant_id: string
    run_id: string
    chunk_no: number
    after_unit: string | null
    last_unit: string
    status: string
    units: Generated<number>
    bills: Generated<number>
    total_fen: Generated<string>
    claimed_at: Generated<Date>
    done_at: Date | null
  }
  bills: {
    tenant_id: string
    id: string
    community_id: string
    unit_id: string
    fee_item_id: string
    period_start: string
    period_end: string
    payer: 'owner' | 'developer'
    amount_fen: string
    paid_fen: Generated<string>
    credited_fen: Generated<string>
    due_on: string
    standard_id: string | null
    basis: string
    run_id: string | null
    created_at: Generated<Date>
  }
  unit_accounts: {
    tenant_id: string
    unit_id: string
    community_id: string
    prepaid_fen: Generated<string>
    deposit_fen: Generated<string>
    updated_at: Generated<Date>
  }
  ledger_journals: {
    tenant_id: string
    id: string
    key: string
    kind: string
    community_id: string
    unit_id: string | null
    reverses_id: string | null
    approved_by: string | null
    actor_id: string | null
    memo: Generated<string>
    posted_at: Generated<Date>
  }
  ledger_lines: {
    tenant_id: string
    journal_id: string
    line_no: number
    community_id: string
    account: string
    sub_key: Generated<string>
    bill_id: string | null
    debit_fen: Generated<string>
    credit_fen: Generated<string>
    posted_at: Generated<Date>
  }
  cashier_shifts: {
    tenant_id: string
    id: string
    community_id: string
    cashier_id: string
    opened_at: Generated<Date>
    closed_at: Date | null
  }
  payment_orders: {
    tenant_id: string
    id: string
    out_trade_no: string
    community_id: string
    unit_id: string
    provider: 'wechatpay' | 'alipay'
    bill_ids: string[] | null
    amount_fen: string
    status: Generated<'pending' | 'paid'>
    created_by: string | null
    payment_id: string | null
    created_at: Generated<Date>
    paid_at: Date | null
  }
  meter_readings: {
    tenant_id: string
    id: string
    community_id: string
    unit_id: string
    fee_item_id: string
    period_start: string
    previous_e2: string
    current_e2: string
    wraps_at_e2: string | null
    read_on: string
    recorded_by: string | null
    bill_id: string | null
    created_at: Generated<Date>
  }
  payments: {
    tenant_id: string
    id: string
    community_id: string
    unit_id: string
    channel: string
    purpose: Generated<'fees' | 'deposit'>
    amount_fen: string
    prepaid_fen: Generated<string>
    allocations: unknown
    journal_id: string
    shift_id: string | null
    cashier_id: string | null
    order_id: string | null
    provider_trade_no: string | null
    note: string | null
    received_at: Generated<Date>
  }
  payment_notifications: {
    tenant_id: string
    id: string
    provider: string
    notification_id: string | null
    provider_trade_no: string | null
    out_trade_no: string | null
    amount_fen: string | null
    outcome: 'applied' | 'duplicate' | 'refused'
    code: string | null
    received_at: Generated<Date>
  }
  receipt_counters: {
    tenant_id: string
    community_id: string
    year: number
    last_seq: number
  }
  receipts: {
    tenant_id: string
    id: string
    community_id: string
    year: number
    seq: number
    number: string
    payment_id: string
    unit_id: string
    payer_name: string | null
    channel: string
    amount_fen: string
    lines: unknown
    status: Generated<'issued' | 'void'>
    issued_at: Generated<Date>
    voided_at: Date | null
    voided_by: string | null
    void_reason: string | null
  }
  refunds: {
    tenant_id: string
    id: string
    community_id: string
    unit_id: string
    kind: 'prepaid' | 'deposit' | 'overcharge'
    bill_id: string | null
    amount_fen: string
    channel: 'cash' | 'pos' | 'bank'
    reason: string
    status: Generated<'requested' | 'approved' | 'rejected'>
    requested_by: string
    requested_at: Generated<Date>
    decided_by: string | null
    decided_at: Date | null
    decision_note: string | null
    journal_id: string | null
  }
  arrears_tags: {
    tenant_id: string
    unit_id: string
    reason: string
    note: string | null
    tagged_by: string | null
    tagged_at: Generated<Date>
  }
  dunning_campaigns: {
    tenant_id: string
    id: string
    community_id: string
    min_fen: string
    channels: string[]
    pay_within_days: number
    units: number
    total_fen: string
    created_by: string | null
    created_at: Generated<Date>
  }
  dunning_notices: {
    tenant_id: string
    campaign_id: string
    unit_id: string
    open_fen: string
  }
  owner_messages: {
    tenant_id: string
    id: string
    account_id: string
    unit_id: string | null
    kind: string
    message: string
    params: unknown
    dedupe_key: string | null
    created_at: Generated<Date>
    read_at: Date | null
  }
  billing_rollups: {
    tenant_id: string
    community_id: string
    month: string
    billed_fen: string
    collected_fen: string
    prior_arrears_fen: string
    recovered_fen: string
    computed_at: Generated<Date>
  }
  billing_rollup_dirty: {
    tenant_id: string
    community_id: string
    year: number
    marked_at: Generated<Date>
  }
}
