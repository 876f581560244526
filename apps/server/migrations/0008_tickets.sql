-- Service requests (tickets): categories, SLA policies, the tickets with their append-only timeline,
-- SLA alerts, the staff inbox, charges handed to billing, and the monthly rollup that reports read.

-- The company's category tree (水电/门窗/电梯/公共照明/环境卫生/噪音/停车…).
CREATE TABLE ticket_categories (
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  id          uuid NOT NULL,
  parent_id   uuid,
  code        text NOT NULL,
  name        text NOT NULL,
  kinds       text[] NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  sort        integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES ticket_categories (tenant_id, id),
  CHECK (cardinality(kinds) > 0)
);
SELECT enable_tenant_rls('ticket_categories');

-- Targets per community × category × priority; a NULL community or category is the default for all.
CREATE TABLE sla_policies (
  tenant_id           uuid NOT NULL REFERENCES tenants (id),
  id                  uuid NOT NULL,
  community_id        uuid,
  category_id         uuid,
  priority            text NOT NULL CHECK (priority IN ('emergency', 'high', 'normal', 'low')),
  response_minutes    integer NOT NULL CHECK (response_minutes > 0),
  arrival_minutes     integer CHECK (arrival_minutes > 0),
  resolution_minutes  integer NOT NULL CHECK (resolution_minutes > 0),
  clock_mode          text NOT NULL DEFAULT 'calendar' CHECK (clock_mode IN ('calendar', 'business')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  FOREIGN KEY (tenant_id, category_id) REFERENCES ticket_categories (tenant_id, id)
);
CREATE UNIQUE INDEX sla_policies_key ON sla_policies (
  tenant_id, coalesce(community_id, '00000000-0000-0000-0000-000000000000'),
  coalesce(category_id, '00000000-0000-0000-0000-000000000000'), priority);
SELECT enable_tenant_rls('sla_policies');

-- Per-community settings: business hours, warnings, low ratings, auto dispatch, duplicates, escalation.
CREATE TABLE ticket_settings (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  community_id  uuid NOT NULL,
  settings      jsonb NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, community_id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id)
);
SELECT enable_tenant_rls('ticket_settings');

-- Human ticket numbers: one global sequence (gaps are harmless; numbers never repeat).
CREATE SEQUENCE ticket_number_seq;

CREATE TABLE tickets (
  tenant_id           uuid NOT NULL REFERENCES tenants (id),
  id                  uuid NOT NULL,
  number              text NOT NULL,
  community_id        uuid NOT NULL,
  building_id         uuid,
  unit_id             uuid,
  spot                text,
  kind                text NOT NULL CHECK (kind IN
                        ('repair_home', 'repair_common', 'complaint', 'inquiry', 'suggestion', 'praise', 'hazard')),
  category_id         uuid NOT NULL,
  priority            text NOT NULL CHECK (priority IN ('emergency', 'high', 'normal', 'low')),
  channel             text NOT NULL CHECK (channel IN ('app', 'phone', 'walk_in', 'kiosk', 'patrol', 'api')),
  title               text NOT NULL,
  description         text NOT NULL DEFAULT '',
  photos              text[] NOT NULL DEFAULT '{}',
  preferred_from      timestamptz,
  preferred_to        timestamptz,
  contact_name_enc    text,
  contact_phone_enc   text,
  requester_user_id   uuid,
  status              text NOT NULL,
  assignee_id         uuid,
  held_from           text,
  quote_fen           bigint CHECK (quote_fen > 0),
  quote_accepted      boolean NOT NULL DEFAULT false,
  flagged             boolean NOT NULL DEFAULT false,
  -- The SLA promise, copied from the policy when the ticket is created: later edits do not move it.
  response_minutes    integer NOT NULL,
  arrival_minutes     integer,
  resolution_minutes  integer NOT NULL,
  clock_mode          text NOT NULL CHECK (clock_mode IN ('calendar', 'business')),
  responded_at        timestamptz,
  arrived_at          timestamptz,
  resolved_at         timestamptz,
  last_resolved_at    timestamptz,
  -- Counted time of each stopped clock (pauses and, in business mode, closed hours left out), for reports.
  response_ms         bigint,
  arrival_ms          bigint,
  resolution_ms       bigint,
  -- Clocks that breached in the current cycle.
  breached_clocks     text[] NOT NULL DEFAULT '{}',
  -- Paused intervals [{from, to}], to = null while the pause runs.
  pauses              jsonb NOT NULL DEFAULT '[]',
  -- When the SLA check must look at this ticket next (a warning, a breach or an escalation is due).
  next_check_at       timestamptz,
  sla_state           text,
  escalation_level    smallint NOT NULL DEFAULT 0,
  reopen_count        smallint NOT NULL DEFAULT 0,
  rating              smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment      text,
  follow_up_score     smallint CHECK (follow_up_score BETWEEN 1 AND 5),
  duplicate_of        uuid,
  closed_at           timestamptz,
  cancelled_at        timestamptz,
  created_by          uuid,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, building_id) REFERENCES buildings (tenant_id, id),
  FOREIGN KEY (tenant_id, category_id) REFERENCES ticket_categories (tenant_id, id),
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, duplicate_of) REFERENCES tickets (tenant_id, id)
);
CREATE INDEX tickets_board ON tickets (tenant_id, community_id, created_at DESC, id DESC);
CREATE INDEX tickets_recent ON tickets (tenant_id, created_at DESC, id DESC);
CREATE INDEX tickets_assignee ON tickets (tenant_id, assignee_id, status) WHERE assignee_id IS NOT NULL;
CREATE INDEX tickets_requester ON tickets (tenant_id, requester_user_id, created_at DESC) WHERE requester_user_id IS NOT NULL;
CREATE INDEX tickets_due ON tickets (tenant_id, next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX tickets_spot ON tickets (tenant_id, community_id, category_id, spot, created_at) WHERE spot IS NOT NULL;
SELECT enable_tenant_rls('tickets');

-- The timeline: every event (who, when, what, from → to, note, photos), append-only.
CREATE TABLE ticket_events (
  tenant_id    uuid NOT NULL REFERENCES tenants (id),
  ticket_id    uuid NOT NULL,
  seq          integer NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  kind         text NOT NULL,
  actor_role   text NOT NULL CHECK (actor_role IN ('requester', 'desk', 'manager', 'technician', 'system')),
  actor_id     uuid,
  from_status  text,
  to_status    text,
  note         text,
  photos       text[] NOT NULL DEFAULT '{}',
  details      jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, ticket_id, seq),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id)
);
SELECT enable_tenant_rls('ticket_events');
REVOKE UPDATE, DELETE, TRUNCATE ON ticket_events FROM meihao_app;

-- Each warning, breach and escalation happens once per clock cycle (a reopen starts a new cycle of
-- the resolution clock): the key makes a repeated SLA check harmless.
CREATE TABLE ticket_sla_alerts (
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  ticket_id   uuid NOT NULL,
  clock       text NOT NULL CHECK (clock IN ('response', 'arrival', 'resolution')),
  kind        text NOT NULL CHECK (kind IN ('warning', 'breach', 'escalation')),
  level       smallint NOT NULL DEFAULT 0,
  cycle       smallint NOT NULL DEFAULT 0,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id, clock, kind, level, cycle),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id)
);
SELECT enable_tenant_rls('ticket_sla_alerts');
REVOKE UPDATE, DELETE, TRUNCATE ON ticket_sla_alerts FROM meihao_app;

-- Round-robin dispatch: the technician who got the last ticket per community and category.
CREATE TABLE ticket_dispatch_cursors (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  community_id  uuid NOT NULL,
  category_id   uuid NOT NULL,
  last_user_id  uuid NOT NULL,
  PRIMARY KEY (tenant_id, community_id, category_id)
);
SELECT enable_tenant_rls('ticket_dispatch_cursors');

-- Paid in-home repairs: the charge the billing region will consume (one per ticket).
CREATE TABLE ticket_charges (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  ticket_id     uuid NOT NULL,
  community_id  uuid NOT NULL,
  unit_id       uuid,
  amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  consumed_at   timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id)
);
SELECT enable_tenant_rls('ticket_charges');
REVOKE DELETE, TRUNCATE ON ticket_charges FROM meihao_app;

-- The console inbox of a staff member (escalations, assignments).
CREATE TABLE inbox_items (
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  id          uuid NOT NULL,
  user_id     uuid NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}',
  ticket_id   uuid,
  dedupe_key  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, user_id, dedupe_key),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX inbox_items_user ON inbox_items (tenant_id, user_id, created_at DESC);
SELECT enable_tenant_rls('inbox_items');

-- Monthly figures per community (by creation month), recomputed by a job whenever a ticket of that
-- month changes. grouping: 'all', 'kind' (key = kind) or 'category' (key = category id).
CREATE TABLE ticket_rollups (
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  community_id   uuid NOT NULL,
  month          date NOT NULL,
  grouping       text NOT NULL CHECK (grouping IN ('all', 'kind', 'category')),
  key            text NOT NULL,
  figures        jsonb NOT NULL,
  computed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, community_id, month, grouping, key)
);
SELECT enable_tenant_rls('ticket_rollups');

-- Months whose rollup is stale; the rollup job empties it.
CREATE TABLE ticket_rollup_dirty (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  community_id  uuid NOT NULL,
  month         date NOT NULL,
  marked_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, community_id, month)
);
SELECT enable_tenant_rls('ticket_rollup_dirty');

-- The system roles of existing companies get the ticket permissions new companies start with.
UPDATE roles SET permissions = permissions || ARRAY['tickets.read', 'tickets.create', 'tickets.dispatch',
  'tickets.manage', 'tickets.configure']
 WHERE is_system AND code = 'company_admin';
UPDATE roles SET permissions = permissions || ARRAY['tickets.read', 'tickets.create', 'tickets.dispatch',
  'tickets.manage', 'tickets.configure']
 WHERE is_system AND code = 'project_manager';
UPDATE roles SET permissions = permissions || ARRAY['tickets.read', 'tickets.create', 'tickets.dispatch']
 WHERE is_system AND code = 'service_desk';
UPDATE roles SET permissions = permissions || ARRAY['tickets.read', 'tickets.handle']
 WHERE is_system AND code = 'technician';
