-- Billing, second step (0010 stays as it was first committed):
-- * runs bill in parallel: chunks claimed under the run's lock, billed under their own;
-- * key checks once per statement instead of row by row, where a billing run writes millions of rows
--   (bench/RESULTS.md: with the row-by-row checks they were half of a run's INSERTs);
-- * contractual late fees (违约金) charged month by month.

-- ── parallel runs ───────────────────────────────────────────────────────────────────────────────────

ALTER TABLE billing_runs ADD COLUMN chunks_claimed integer NOT NULL DEFAULT 0;
UPDATE billing_runs SET chunks_claimed = chunks_done;

-- A run's chunks: a range of unit ids (after_unit, last_unit] claimed under the run's row lock, then billed in
-- its own transaction under the chunk's lock. Several executors bill a run's chunks side by side; a chunk
-- left pending by a killed executor is billed by the next one.
CREATE TABLE billing_run_chunks (
  tenant_id     uuid NOT NULL,
  run_id        uuid NOT NULL,
  chunk_no      integer NOT NULL,
  after_unit    uuid,
  last_unit     uuid NOT NULL,
  status        text NOT NULL CHECK (status IN ('pending', 'done')),
  units         integer NOT NULL DEFAULT 0,
  bills         integer NOT NULL DEFAULT 0,
  total_fen     bigint NOT NULL DEFAULT 0,
  claimed_at    timestamptz NOT NULL DEFAULT now(),
  done_at       timestamptz,
  PRIMARY KEY (tenant_id, run_id, chunk_no),
  FOREIGN KEY (tenant_id, run_id) REFERENCES billing_runs (tenant_id, id)
);
CREATE INDEX billing_run_chunks_pending ON billing_run_chunks (tenant_id, run_id, chunk_no) WHERE status = 'pending';
SELECT enable_tenant_rls('billing_run_chunks');
REVOKE DELETE, TRUNCATE ON billing_run_chunks FROM meihao_app;

-- ── bills: their unit and fee item checked per statement ────────────────────────────────────────────

-- A bill's unit and fee item (and so its company) are checked by the statement trigger below, once per
-- statement, instead of by foreign keys checked row by row. A bill never changes its unit or item, a billed
-- unit is never deleted and a fee item never (it is switched off): the triggers below hold that, so the
-- checks stay true. A unit's bills, open or not, are found through the unique key's (tenant_id, unit_id)
-- prefix: the open-bill index goes.
ALTER TABLE bills
  DROP CONSTRAINT bills_tenant_id_fkey,
  DROP CONSTRAINT bills_tenant_id_unit_id_fkey,
  DROP CONSTRAINT bills_tenant_id_fee_item_id_fkey;
DROP INDEX bills_open;

CREATE FUNCTION bills_references_exist() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  bad uuid;
BEGIN
  SELECT n.unit_id INTO bad FROM (SELECT DISTINCT tenant_id, unit_id FROM new_bills) n
   WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.tenant_id = n.tenant_id AND u.id = n.unit_id) LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'unit % of a bill does not exist', bad USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT n.fee_item_id INTO bad FROM (SELECT DISTINCT tenant_id, fee_item_id FROM new_bills) n
   WHERE NOT EXISTS (SELECT 1 FROM fee_items i WHERE i.tenant_id = n.tenant_id AND i.id = n.fee_item_id) LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'fee item % of a bill does not exist', bad USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER bills_references_exist AFTER INSERT ON bills
  REFERENCING NEW TABLE AS new_bills FOR EACH STATEMENT EXECUTE FUNCTION bills_references_exist();

CREATE FUNCTION billing_reference_kept() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION '%: % is referenced by bills and keeps its identity', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'foreign_key_violation';
END
$$;
-- A bill keeps its company, unit and fee item.
CREATE TRIGGER bills_keep_references BEFORE UPDATE ON bills FOR EACH ROW
  WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.unit_id IS DISTINCT FROM NEW.unit_id
        OR OLD.fee_item_id IS DISTINCT FROM NEW.fee_item_id)
  EXECUTE FUNCTION billing_reference_kept();

-- A billed unit is never deleted nor renumbered (its bills go through the unique key's prefix).
CREATE FUNCTION units_keep_billed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM bills b WHERE b.tenant_id = OLD.tenant_id AND b.unit_id = OLD.id) THEN
    RAISE EXCEPTION 'unit % has bills: it is never deleted', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER units_keep_billed BEFORE DELETE ON units FOR EACH ROW EXECUTE FUNCTION units_keep_billed();
CREATE TRIGGER units_keep_billed_ids BEFORE UPDATE ON units FOR EACH ROW
  WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION units_keep_billed();
-- Fee items are switched off, never deleted nor renumbered.
REVOKE DELETE, TRUNCATE ON fee_items FROM meihao_app;
CREATE TRIGGER fee_items_kept BEFORE DELETE ON fee_items FOR EACH ROW EXECUTE FUNCTION billing_reference_kept();
CREATE TRIGGER fee_items_kept_ids BEFORE UPDATE ON fee_items FOR EACH ROW
  WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION billing_reference_kept();

-- ── the ledger: a line's journal checked per statement ──────────────────────────────────────────────

-- A line's journal is checked by the balance trigger, once per statement, instead of by a foreign key
-- checked row by row (a run's journal has a line per bill: those checks were 70% of its INSERT). Journals
-- are never updated or deleted (the trigger below), so the check holds. (tenant_id → tenants is implied.)
ALTER TABLE ledger_lines
  DROP CONSTRAINT ledger_lines_tenant_id_fkey,
  DROP CONSTRAINT ledger_lines_tenant_id_journal_id_fkey;

CREATE OR REPLACE FUNCTION ledger_lines_balanced() RETURNS trigger
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
  SELECT n.journal_id INTO bad FROM (SELECT DISTINCT tenant_id, journal_id FROM new_lines) n
   WHERE NOT EXISTS (SELECT 1 FROM ledger_journals j WHERE j.tenant_id = n.tenant_id AND j.id = n.journal_id)
   LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'ledger journal % does not exist', bad USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;

-- Journals are immutable for every role, the owner's included: the lines' check above relies on it.
CREATE FUNCTION ledger_journals_immutable() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'ledger journals are immutable; post a reversal' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ledger_journals_immutable BEFORE UPDATE OR DELETE ON ledger_journals
  FOR EACH ROW EXECUTE FUNCTION ledger_journals_immutable();

-- ── contractual late fees (违约金) ───────────────────────────────────────────────────────────────────

ALTER TABLE fee_items DROP CONSTRAINT fee_items_kind_check,
  ADD CONSTRAINT fee_items_kind_check
    CHECK (kind IN ('area', 'per_space', 'fixed', 'metered', 'shared', 'one_off', 'deposit', 'late_fee'));

-- What a month's assessment charged on one overdue bill: the bill's late fees over all months stay within
-- the cap of its item's terms, and a month is assessed once. The charge is one late-fee bill per unit.
CREATE TABLE late_fee_accruals (
  tenant_id       uuid NOT NULL,
  bill_id         uuid NOT NULL,
  period_start    date NOT NULL,
  days            integer NOT NULL CHECK (days > 0),
  principal_fen   bigint NOT NULL CHECK (principal_fen > 0),
  fee_fen         bigint NOT NULL CHECK (fee_fen > 0),
  capped          boolean NOT NULL,
  charge_bill_id  uuid NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, bill_id, period_start),
  FOREIGN KEY (tenant_id, bill_id) REFERENCES bills (tenant_id, id),
  FOREIGN KEY (tenant_id, charge_bill_id) REFERENCES bills (tenant_id, id)
);
CREATE INDEX late_fee_accruals_charge ON late_fee_accruals (tenant_id, charge_bill_id);
SELECT enable_tenant_rls('late_fee_accruals');
REVOKE UPDATE, DELETE, TRUNCATE ON late_fee_accruals FROM meihao_app;
