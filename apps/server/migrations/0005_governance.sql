-- Owners' joint decisions (民法典 278): meetings, topics, the frozen voter roll, ballots in a hash chain.

CREATE TABLE decisions (
  tenant_id            uuid NOT NULL REFERENCES tenants (id),
  id                   uuid NOT NULL,
  community_id         uuid NOT NULL,
  title                text NOT NULL,
  description          text NOT NULL DEFAULT '',
  convener             text NOT NULL DEFAULT 'committee' CHECK (convener IN ('committee', 'street_office')),
  meeting_form         text NOT NULL DEFAULT 'online' CHECK (meeting_form IN ('collective', 'written', 'online')),
  temporary            boolean NOT NULL DEFAULT false,
  notice_min_days      smallint NOT NULL DEFAULT 15 CHECK (notice_min_days BETWEEN 1 AND 60),
  record_date          date NOT NULL,
  voting_starts_at     timestamptz NOT NULL,
  voting_ends_at       timestamptz NOT NULL,
  secret_until_close   boolean NOT NULL DEFAULT true,
  follow_majority      boolean NOT NULL DEFAULT false,
  proxy_cap            smallint NOT NULL DEFAULT 3 CHECK (proxy_cap BETWEEN 1 AND 20),
  publish_within_days  smallint NOT NULL DEFAULT 3 CHECK (publish_within_days BETWEEN 1 AND 30),
  status               text NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'noticed', 'open', 'closed', 'cancelled')),
  noticed_at           timestamptz,
  -- The frozen roll: its SHA-256 (shown to owners before voting opens) and totals.
  roll_hash            text,
  roll_frozen_at       timestamptz,
  roll_heads           integer,
  roll_area            numeric(14, 2),
  roll_units           integer,
  parking_in_area      boolean,
  opened_at            timestamptz,
  closed_at            timestamptz,
  chain_head           text,
  ballot_count         integer NOT NULL DEFAULT 0,
  result               jsonb,
  created_by           uuid,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  CHECK (voting_ends_at > voting_starts_at)
);
CREATE INDEX decisions_community ON decisions (tenant_id, community_id, created_at DESC);
SELECT enable_tenant_rls('decisions');

-- 议题: each carries its item of 278 (一…九), which fixes its tier.
CREATE TABLE decision_topics (
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  id              uuid NOT NULL,
  decision_id     uuid NOT NULL,
  seq             smallint NOT NULL,
  title           text NOT NULL,
  description     text NOT NULL DEFAULT '',
  item            smallint NOT NULL CHECK (item BETWEEN 1 AND 9),
  tier            text NOT NULL CHECK (tier IN ('ordinary', 'major')),
  election_group  text,
  seats           smallint CHECK (seats > 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, decision_id, seq),
  FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id),
  CHECK (tier = CASE WHEN item IN (6, 7, 8) THEN 'major' ELSE 'ordinary' END)
);
SELECT enable_tenant_rls('decision_topics');

-- The roll as frozen at the record date: one row per counted unit (or parking space), with the
-- pseudonymous voter it belongs to. Never changes once written.
CREATE TABLE decision_roll_units (
  tenant_id         uuid NOT NULL REFERENCES tenants (id),
  decision_id       uuid NOT NULL,
  unit_code         text NOT NULL,
  unit_id           uuid,
  parking_space_id  uuid,
  area              numeric(12, 2) NOT NULL CHECK (area > 0),
  area_source       text NOT NULL,
  developer_held    boolean NOT NULL,
  owners            text[] NOT NULL,
  voter_key         text NOT NULL,
  PRIMARY KEY (tenant_id, decision_id, unit_code),
  FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, parking_space_id) REFERENCES parking_spaces (tenant_id, id)
);
CREATE INDEX decision_roll_units_unit ON decision_roll_units (tenant_id, unit_id);
SELECT enable_tenant_rls('decision_roll_units');

-- Who may cast each voter's ballot: owners of the voter's units on the record date, by pseudonym.
CREATE TABLE decision_roll_members (
  tenant_id    uuid NOT NULL REFERENCES tenants (id),
  decision_id  uuid NOT NULL,
  party_id     uuid NOT NULL,
  pseudonym    text NOT NULL,
  voter_key    text NOT NULL,
  PRIMARY KEY (tenant_id, decision_id, party_id),
  UNIQUE (tenant_id, decision_id, pseudonym),
  FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id),
  FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id)
);
SELECT enable_tenant_rls('decision_roll_members');

CREATE TABLE decision_voters (
  tenant_id    uuid NOT NULL REFERENCES tenants (id),
  decision_id  uuid NOT NULL,
  voter_key    text NOT NULL,
  area         numeric(14, 2) NOT NULL,
  unit_codes   text[] NOT NULL,
  PRIMARY KEY (tenant_id, decision_id, voter_key),
  FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id)
);
SELECT enable_tenant_rls('decision_voters');

-- Every ballot event, append-only, in one hash chain per decision: hash = SHA-256(prev_hash, event).
-- The first event links to the roll hash. A later ballot of a voter replaces an earlier one in the
-- count; both stay here.
CREATE TABLE ballot_events (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  decision_id   uuid NOT NULL,
  seq           integer NOT NULL CHECK (seq > 0),
  id            uuid NOT NULL,
  voter_key     text NOT NULL,
  cast_by       text NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('online', 'paper', 'proxy')),
  choices       jsonb NOT NULL,
  cast_at       timestamptz NOT NULL,
  scan_ref      text,
  proxy_hash    text,
  proxy_name    text,
  authorization_ref text,
  entered_by    uuid,
  party_id      uuid,
  prev_hash     text NOT NULL,
  hash          text NOT NULL,
  PRIMARY KEY (tenant_id, decision_id, seq),
  UNIQUE (tenant_id, decision_id, hash),
  UNIQUE (tenant_id, decision_id, prev_hash),
  FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id),
  FOREIGN KEY (tenant_id, decision_id, voter_key) REFERENCES decision_voters (tenant_id, decision_id, voter_key)
);
CREATE INDEX ballot_events_party ON ballot_events (tenant_id, decision_id, party_id);
CREATE INDEX ballot_events_proxy ON ballot_events (tenant_id, decision_id, proxy_hash);
SELECT enable_tenant_rls('ballot_events');
REVOKE UPDATE, DELETE, TRUNCATE ON ballot_events FROM meihao_app;

-- One-time codes that confirm an owner's online ballot. Only a keyed hash of the code is kept.
CREATE TABLE vote_codes (
  tenant_id    uuid NOT NULL REFERENCES tenants (id),
  id           uuid NOT NULL,
  decision_id  uuid NOT NULL,
  party_id     uuid NOT NULL,
  code_hash    text NOT NULL,
  expires_at   timestamptz NOT NULL,
  attempts     smallint NOT NULL DEFAULT 0,
  used_at      timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, decision_id) REFERENCES decisions (tenant_id, id),
  FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id)
);
CREATE INDEX vote_codes_party ON vote_codes (tenant_id, decision_id, party_id, created_at DESC);
SELECT enable_tenant_rls('vote_codes');

-- Text messages handed to the SMS adapter (the default adapter writes them here and to the log).
CREATE TABLE sms_messages (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  phone_enc     text NOT NULL,
  phone_masked  text NOT NULL,
  template      text NOT NULL,
  body          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
SELECT enable_tenant_rls('sms_messages');
REVOKE UPDATE, DELETE ON sms_messages FROM meihao_app;

-- Scans of paper ballots and proxy authorisations, by content hash (stored by the file storage adapter).
CREATE TABLE stored_files (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  sha256        text NOT NULL,
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256)
);
SELECT enable_tenant_rls('stored_files');

-- The seeded roles of companies that exist already gain the governance permissions (tenant by tenant,
-- because RLS is forced on roles even for the owner unless the owner is a superuser).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    UPDATE roles SET permissions = permissions || ARRAY['governance.read', 'governance.manage']
     WHERE is_system AND code IN ('company_admin', 'committee_member')
       AND NOT ('governance.read' = ANY (permissions));
    UPDATE roles SET permissions = permissions || ARRAY['governance.read']
     WHERE is_system AND code = 'project_manager' AND NOT ('governance.read' = ANY (permissions));
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
