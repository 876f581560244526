-- Fees, payments and the double-entry ledger (billing region; rules in shared/domain/billing.md).
-- Money is bigint fen; rates are bigint in 1/10000 元 (rate_e4: "2.80" → 28000); areas numeric(12,2).

-- ── fee items and standards ─────────────────────────────────────────────────────────────────────────

CREATE TABLE fee_items (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  community_id  uuid NOT NULL,
  code          text NOT NULL,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('area', 'per_space', 'fixed', 'metered', 'shared', 'one_off', 'deposit')),
  cycle         text NOT NULL DEFAULT 'monthly' CHECK (cycle IN ('monthly', 'quarterly', 'yearly')),
  area_basis    text NOT NULL DEFAULT 'building' CHECK (area_basis IN ('building', 'exclusive')),
  sort          integer NOT NULL DEFAULT 0,
  active        boolean NOT NULL DEFAULT true,
  late_fee      jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, community_id, code),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id)
);
SELECT enable_tenant_rls('fee_items');

-- A rate from a month on. Never changed: a new rate is a new standard from a later month, and bills keep
-- the standard they were computed with.
CREATE TABLE fee_standards (
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  id              uuid NOT NULL,
  fee_item_id     uuid NOT NULL,
  effective_from  date NOT NULL CHECK (extract(day FROM effective_from) = 1),
  rate_e4         bigint NOT NULL CHECK (rate_e4 >= 0),
  rounding        text NOT NULL DEFAULT 'half_up' CHECK (rounding IN ('half_up', 'half_even', 'down')),
  vacancy         jsonb,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, fee_item_id, effective_from),
  FOREIGN KEY (tenant_id, fee_item_id) REFERENCES fee_items (tenant_id, id)
);
SELECT enable_tenant_rls('fee_standards');
REVOKE UPDATE, DELETE, TRUNCATE ON fee_standards FROM meihao_app;

-- Per-community settings (prepayment cap, due days).
CREATE TABLE billing_settings (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  community_id  uuid NOT NULL,
  settings      jsonb NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, community_id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id)
);
SELECT enable_tenant_rls('billing_settings');

-- ── billing runs and bills ──────────────────────────────────────────────────────────────────────────

-- One run per community, period and cycle. It walks the units in id order, one chunk per transaction;
-- the chunk's bills, its journal and the cursor commit together, so a killed run resumes where it stopped.
CREATE TABLE billing_runs (
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  id             uuid NOT NULL,
  community_id   uuid NOT NULL,
  period_start   date NOT NULL,
  cycle          text NOT NULL CHECK (cycle IN ('monthly', 'quarterly', 'yearly')),
  status         text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  cursor_unit    uuid,
  chunks_done    integer NOT NULL DEFAULT 0,
  units_total    integer NOT NULL DEFAULT 0,
  units_done     integer NOT NULL DEFAULT 0,
  bills_created  integer NOT NULL DEFAULT 0,
  total_fen      bigint NOT NULL DEFAULT 0,
  started_by     uuid,
  started_at     timestamptz NOT NULL DEFAULT now(),
  heartbeat_at   timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  error          text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, community_id, period_start, cycle),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id)
);
SELECT enable_tenant_rls('billing_runs');

-- One bill per unit, fee item and period: the unique key is what makes runs idempotent.
-- paid_fen and credited_fen mirror the ledger (written in the same transaction as the journal).
CREATE TABLE bills (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  community_id  uuid NOT NULL,
  unit_id       uuid NOT NULL,
  fee_item_id   uuid NOT NULL,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  payer         text NOT NULL CHECK (payer IN ('owner', 'developer')),
  amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
  paid_fen      bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  credited_fen  bigint NOT NULL DEFAULT 0 CHECK (credited_fen >= 0),
  due_on        date NOT NULL,
  standard_id   uuid,
  basis         text NOT NULL,
  run_id        uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, unit_id, fee_item_id, period_start),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, fee_item_id) REFERENCES fee_items (tenant_id, id),
  CHECK (paid_fen + credited_fen <= amount_fen),
  CHECK (period_end >= period_start)
);
CREATE INDEX bills_open ON bills (tenant_id, unit_id, period_start) WHERE paid_fen + credited_fen < amount_fen;
CREATE INDEX bills_period ON bills (tenant_id, community_id, period_start);
SELECT enable_tenant_rls('bills');
REVOKE DELETE, TRUNCATE ON bills FROM meihao_app;

-- Prepaid and deposit balances per unit: a projection of the ledger, and the row that serialises money
-- movements of one unit (SELECT … FOR UPDATE).
CREATE TABLE unit_accounts (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  unit_id       uuid NOT NULL,
  community_id  uuid NOT NULL,
  prepaid_fen   bigint NOT NULL DEFAULT 0 CHECK (prepaid_fen >= 0),
  deposit_fen   bigint NOT NULL DEFAULT 0 CHECK (deposit_fen >= 0),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, unit_id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);
CREATE INDEX unit_accounts_prepaid ON unit_accounts (tenant_id, community_id) WHERE prepaid_fen > 0;
SELECT enable_tenant_rls('unit_accounts');
REVOKE DELETE, TRUNCATE ON unit_accounts FROM meihao_app;

-- ── the ledger ──────────────────────────────────────────────────────────────────────────────────────

-- A balanced journal per money movement; key makes posting idempotent. Immutable: a mistake is reversed.
CREATE TABLE ledger_journals (
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  id             uuid NOT NULL,
  key            text NOT NULL,
  kind           text NOT NULL,
  community_id   uuid NOT NULL,
  unit_id        uuid,
  reverses_id    uuid,
  approved_by    uuid,
  actor_id       uuid,
  memo           text NOT NULL DEFAULT '',
  posted_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, key),
  UNIQUE (tenant_id, reverses_id),
  FOREIGN KEY (tenant_id, reverses_id) REFERENCES ledger_journals (tenant_id, id)
);
CREATE INDEX ledger_journals_community ON ledger_journals (tenant_id, community_id, posted_at);
SELECT enable_tenant_rls('ledger_journals');
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_journals FROM meihao_app;

CREATE TABLE ledger_lines (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  journal_id    uuid NOT NULL,
  line_no       integer NOT NULL,
  community_id  uuid NOT NULL,
  account       text NOT NULL CHECK (account IN ('1001', '1002', '1012', '1122', '2203', '2241', '2241-PR', '2241-MF', '6001')),
  sub_key       text NOT NULL DEFAULT '',
  bill_id       uuid,
  debit_fen     bigint NOT NULL DEFAULT 0 CHECK (debit_fen >= 0),
  credit_fen    bigint NOT NULL DEFAULT 0 CHECK (credit_fen >= 0),
  posted_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, journal_id, line_no),
  FOREIGN KEY (tenant_id, journal_id) REFERENCES ledger_journals (tenant_id, id),
  CHECK ((debit_fen > 0) <> (credit_fen > 0))
);
CREATE INDEX ledger_lines_bill ON ledger_lines (tenant_id, bill_id) WHERE bill_id IS NOT NULL;
CREATE INDEX ledger_lines_account ON ledger_lines (tenant_id, community_id, account, posted_at);
SELECT enable_tenant_rls('ledger_lines');
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_lines FROM meihao_app;

-- The database's own guard beside the code's: the lines each statement adds balance per journal (a journal's
-- lines are always written by one statement).
CREATE FUNCTION ledger_lines_balanced() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  bad uuid;
BEGIN
  SELECT journal_id INTO bad FROM new_lines GROUP BY journal_id
   HAVING sum(debit_fen) <> sum(credit_fen) LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'ledger journal % is not balanced', bad USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER ledger_lines_balanced AFTER INSERT ON ledger_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_balanced();

-- Meter readings (water, electricity…) per unit, metered fee item and month; imported or typed. A reading is
-- billed once: bill_id is set when its bill is issued.
CREATE TABLE meter_readings (
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  id             uuid NOT NULL,
  community_id   uuid NOT NULL,
  unit_id        uuid NOT NULL,
  fee_item_id    uuid NOT NULL,
  period_start   date NOT NULL CHECK (extract(day FROM period_start) = 1),
  -- Hundredths of the metered unit (m³, kWh): exact.
  previous_e2    bigint NOT NULL CHECK (previous_e2 >= 0),
  current_e2     bigint NOT NULL CHECK (current_e2 >= 0),
  wraps_at_e2    bigint,
  read_on        date NOT NULL,
  recorded_by    uuid,
  bill_id        uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, unit_id, fee_item_id, period_start),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, fee_item_id) REFERENCES fee_items (tenant_id, id)
);
SELECT enable_tenant_rls('meter_readings');
REVOKE DELETE, TRUNCATE ON meter_readings FROM meihao_app;

-- ── payments, online orders, notifications ─────────────────────────────────────────────────────────

CREATE TABLE cashier_shifts (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  community_id  uuid NOT NULL,
  cashier_id    uuid NOT NULL,
  opened_at     timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  FOREIGN KEY (tenant_id, cashier_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX cashier_shifts_open ON cashier_shifts (tenant_id, cashier_id) WHERE closed_at IS NULL;
SELECT enable_tenant_rls('cashier_shifts');
REVOKE DELETE, TRUNCATE ON cashier_shifts FROM meihao_app;

-- What an owner asked to pay online; the provider's notification names it by out_trade_no.
CREATE TABLE payment_orders (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  out_trade_no  text NOT NULL,
  community_id  uuid NOT NULL,
  unit_id       uuid NOT NULL,
  provider      text NOT NULL CHECK (provider IN ('wechatpay', 'alipay')),
  bill_ids      uuid[],
  amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid')),
  created_by    uuid,
  payment_id    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  paid_at       timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, out_trade_no),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);
SELECT enable_tenant_rls('payment_orders');
REVOKE DELETE, TRUNCATE ON payment_orders FROM meihao_app;

CREATE TABLE payments (
  tenant_id          uuid NOT NULL REFERENCES tenants (id),
  id                 uuid NOT NULL,
  community_id       uuid NOT NULL,
  unit_id            uuid NOT NULL,
  channel            text NOT NULL CHECK (channel IN ('cash', 'pos', 'bank', 'wechatpay', 'alipay')),
  -- fees: allocated to bills and prepayment; deposit: held for the unit (a liability, never revenue).
  purpose            text NOT NULL DEFAULT 'fees' CHECK (purpose IN ('fees', 'deposit')),
  amount_fen         bigint NOT NULL CHECK (amount_fen > 0),
  prepaid_fen        bigint NOT NULL DEFAULT 0,
  allocations        jsonb NOT NULL DEFAULT '[]',
  journal_id         uuid NOT NULL,
  shift_id           uuid,
  cashier_id         uuid,
  order_id           uuid,
  provider_trade_no  text,
  note               text,
  received_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  -- A provider's trade is applied once, however often and however concurrently it is notified.
  UNIQUE (tenant_id, channel, provider_trade_no),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, journal_id) REFERENCES ledger_journals (tenant_id, id)
);
CREATE INDEX payments_unit ON payments (tenant_id, unit_id, received_at);
CREATE INDEX payments_shift ON payments (tenant_id, shift_id) WHERE shift_id IS NOT NULL;
SELECT enable_tenant_rls('payments');
REVOKE UPDATE, DELETE, TRUNCATE ON payments FROM meihao_app;

-- Every notification received, applied or not: the trail for reconciling with the provider.
CREATE TABLE payment_notifications (
  tenant_id          uuid NOT NULL REFERENCES tenants (id),
  id                 uuid NOT NULL,
  provider           text NOT NULL,
  notification_id    text,
  provider_trade_no  text,
  out_trade_no       text,
  amount_fen         bigint,
  outcome            text NOT NULL CHECK (outcome IN ('applied', 'duplicate', 'refused')),
  code               text,
  received_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
SELECT enable_tenant_rls('payment_notifications');
REVOKE UPDATE, DELETE, TRUNCATE ON payment_notifications FROM meihao_app;

-- ── receipts ────────────────────────────────────────────────────────────────────────────────────────

-- Gap-free numbering: the counter moves in the payment's own transaction, so a rolled-back payment
-- takes its number back with it.
CREATE TABLE receipt_counters (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  community_id  uuid NOT NULL,
  year          integer NOT NULL,
  last_seq      integer NOT NULL,
  PRIMARY KEY (tenant_id, community_id, year)
);
SELECT enable_tenant_rls('receipt_counters');
REVOKE DELETE, TRUNCATE ON receipt_counters FROM meihao_app;

CREATE TABLE receipts (
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  id              uuid NOT NULL,
  community_id    uuid NOT NULL,
  year            integer NOT NULL,
  seq             integer NOT NULL CHECK (seq > 0),
  number          text NOT NULL,
  payment_id      uuid NOT NULL,
  unit_id         uuid NOT NULL,
  payer_name      text,
  channel         text NOT NULL,
  amount_fen      bigint NOT NULL,
  lines           jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'void')),
  issued_at       timestamptz NOT NULL DEFAULT now(),
  voided_at       timestamptz,
  voided_by       uuid,
  void_reason     text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, community_id, year, seq),
  UNIQUE (tenant_id, payment_id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payments (tenant_id, id)
);
CREATE INDEX receipts_unit ON receipts (tenant_id, unit_id, issued_at);
SELECT enable_tenant_rls('receipts');
-- A voided receipt keeps its number and its content: only the void columns may change.
REVOKE UPDATE, DELETE, TRUNCATE ON receipts FROM meihao_app;
GRANT UPDATE (status, voided_at, voided_by, void_reason) ON receipts TO meihao_app;

-- ── refunds ─────────────────────────────────────────────────────────────────────────────────────────

CREATE TABLE refunds (
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  id             uuid NOT NULL,
  community_id   uuid NOT NULL,
  unit_id        uuid NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('prepaid', 'deposit', 'overcharge')),
  bill_id        uuid,
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  channel        text NOT NULL CHECK (channel IN ('cash', 'pos', 'bank')),
  reason         text NOT NULL,
  status         text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected')),
  requested_by   uuid NOT NULL,
  requested_at   timestamptz NOT NULL DEFAULT now(),
  decided_by     uuid,
  decided_at     timestamptz,
  decision_note  text,
  journal_id     uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  -- Four eyes: whoever asks for a refund cannot approve it.
  CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CHECK ((kind = 'overcharge') = (bill_id IS NOT NULL))
);
SELECT enable_tenant_rls('refunds');
REVOKE DELETE, TRUNCATE ON refunds FROM meihao_app;

-- ── arrears ─────────────────────────────────────────────────────────────────────────────────────────

CREATE TABLE arrears_tags (
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  unit_id     uuid NOT NULL,
  reason      text NOT NULL CHECK (reason IN ('vacancy', 'service_dissatisfaction', 'developer_dispute',
                                              'financial_hardship', 'unreachable', 'other')),
  note        text,
  tagged_by   uuid,
  tagged_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, unit_id, reason),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);
SELECT enable_tenant_rls('arrears_tags');

CREATE TABLE dunning_campaigns (
  tenant_id        uuid NOT NULL REFERENCES tenants (id),
  id               uuid NOT NULL,
  community_id     uuid NOT NULL,
  min_fen          bigint NOT NULL,
  channels         text[] NOT NULL,
  pay_within_days  integer NOT NULL,
  units            integer NOT NULL,
  total_fen        bigint NOT NULL,
  created_by       uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id)
);
SELECT enable_tenant_rls('dunning_campaigns');
REVOKE UPDATE, DELETE, TRUNCATE ON dunning_campaigns FROM meihao_app;

CREATE TABLE dunning_notices (
  tenant_id    uuid NOT NULL REFERENCES tenants (id),
  campaign_id  uuid NOT NULL,
  unit_id      uuid NOT NULL,
  open_fen     bigint NOT NULL,
  PRIMARY KEY (tenant_id, campaign_id, unit_id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES dunning_campaigns (tenant_id, id)
);
SELECT enable_tenant_rls('dunning_notices');
REVOKE UPDATE, DELETE, TRUNCATE ON dunning_notices FROM meihao_app;

-- The resident app's message box (payment reminders, receipts): per owner account and unit.
CREATE TABLE owner_messages (
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  id          uuid NOT NULL,
  account_id  uuid NOT NULL REFERENCES accounts (id),
  unit_id     uuid,
  kind        text NOT NULL,
  message     text NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}',
  dedupe_key  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, account_id, dedupe_key)
);
CREATE INDEX owner_messages_account ON owner_messages (tenant_id, account_id, created_at DESC);
SELECT enable_tenant_rls('owner_messages');

-- Parking fees are billed per space of the unit's owner.
CREATE INDEX parking_spaces_owner ON parking_spaces (tenant_id, owner_party_id) WHERE owner_party_id IS NOT NULL;

-- ── monthly figures ────────────────────────────────────────────────────────────────────────────────

-- Per community and bill month: billed, collected toward those bills, and prior-year arrears recovered
-- in the month. Recomputed by the billing.rollup.refresh job for the months marked dirty.
CREATE TABLE billing_rollups (
  tenant_id          uuid NOT NULL REFERENCES tenants (id),
  community_id       uuid NOT NULL,
  month              date NOT NULL,
  billed_fen         bigint NOT NULL,
  collected_fen      bigint NOT NULL,
  prior_arrears_fen  bigint NOT NULL,
  recovered_fen      bigint NOT NULL,
  computed_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, community_id, month)
);
SELECT enable_tenant_rls('billing_rollups');

CREATE TABLE billing_rollup_dirty (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  community_id  uuid NOT NULL,
  year          integer NOT NULL,
  marked_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, community_id, year)
);
SELECT enable_tenant_rls('billing_rollup_dirty');

-- ── roles ───────────────────────────────────────────────────────────────────────────────────────────

UPDATE roles SET permissions = permissions || ARRAY['billing.read', 'billing.configure', 'billing.run',
  'billing.collect', 'billing.refund', 'billing.approve', 'billing.ledger', 'billing.arrears']
 WHERE is_system AND code IN ('company_admin', 'finance');
UPDATE roles SET permissions = permissions || ARRAY['billing.read', 'billing.arrears']
 WHERE is_system AND code = 'project_manager';
