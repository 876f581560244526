-- Amendments to 0005/0006 that an earlier session wrote into those files after they had landed. They
-- live here now; databases created from the amended texts already have them, so every step is
-- idempotent (migrate.ts accepts those texts' checksums for 0005 and 0006).

-- What the published roll and the export call the unit ("R00042"): choices are public per voter, so the
-- unit behind a voter is not. Rolls frozen before labels existed get them in unit-code order.
ALTER TABLE decision_roll_units ADD COLUMN IF NOT EXISTS label text;
UPDATE decision_roll_units r SET label = l.label
  FROM (SELECT tenant_id, decision_id, unit_code,
               'R' || lpad(row_number() OVER (PARTITION BY tenant_id, decision_id ORDER BY unit_code)::text, 5, '0')
                 AS label
          FROM decision_roll_units) l
 WHERE r.label IS NULL AND l.tenant_id = r.tenant_id AND l.decision_id = r.decision_id
   AND l.unit_code = r.unit_code;
ALTER TABLE decision_roll_units ALTER COLUMN label SET NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS decision_roll_units_tenant_id_decision_id_label_key
  ON decision_roll_units (tenant_id, decision_id, label);

-- The frozen roll is written once, at the freeze, and never changed by the app.
REVOKE UPDATE, DELETE, TRUNCATE ON decision_roll_units, decision_roll_members, decision_voters FROM meihao_app;

-- A ballot's effective time: when it was signed (paper) or cast (online). Earlier ballots were cast online.
ALTER TABLE ballot_events ADD COLUMN IF NOT EXISTS effective_at timestamptz;
UPDATE ballot_events SET effective_at = cast_at WHERE effective_at IS NULL;
ALTER TABLE ballot_events ALTER COLUMN effective_at SET NOT NULL;

-- Text messages are sealed like all personal data (they may hold a one-time code). Messages stored in
-- plain text before cannot be sealed here (the key is not in the database); they held one-time codes
-- that expired ten minutes after they were sent, so they are dropped with their column.
ALTER TABLE sms_messages ADD COLUMN IF NOT EXISTS body_enc text;
DELETE FROM sms_messages WHERE body_enc IS NULL;
ALTER TABLE sms_messages DROP COLUMN IF EXISTS body;
ALTER TABLE sms_messages ALTER COLUMN body_enc SET NOT NULL;

-- The seeded demo company: outside production it is shown its own one-time codes, so the demo needs no phone.
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS is_demo boolean NOT NULL DEFAULT false;
