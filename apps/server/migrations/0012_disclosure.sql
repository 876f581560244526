-- Transparency (民法典 943, 282, 283): the disclosure set per community with versions, the public-revenue
-- ledger, the maintenance fund with a sub-account per unit, and fund projects apportioned by area.
-- Money moves are also posted to the billing ledger (2241-PR, 2241-MF): these tables are the owners' view
-- of the same movements, one journal per entry or batch.

-- Per community: the city's rules (cadences, public-revenue allocation, emergency cap), the fund's rate
-- table by building type, and whether the read-only public page is on.
CREATE TABLE disclosure_settings (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  community_id  uuid NOT NULL,
  settings      jsonb NOT NULL,
  -- The public page's secret part of the address; NULL while the company has not enabled it.
  public_token  text CHECK (public_token ~ '^[A-Za-z0-9_-]{22,64}$'),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, community_id),
  UNIQUE (tenant_id, public_token),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id)
);
SELECT enable_tenant_rls('disclosure_settings');

-- One version of one disclosure. A correction is a new version of the same series; the old one stays
-- readable, marked superseded. Published versions never change their content.
CREATE TABLE disclosure_items (
  tenant_id         uuid NOT NULL REFERENCES tenants (id),
  id                uuid NOT NULL,
  series_id         uuid NOT NULL,
  version           integer NOT NULL CHECK (version > 0),
  community_id      uuid NOT NULL,
  type              text NOT NULL CHECK (type IN ('service_items', 'responsible_people', 'quality_standards',
                      'fee_standards', 'performance_report', 'fund_statement', 'public_revenue_statement',
                      'assembly_decision', 'committee_decision', 'budget_accounts', 'audit',
                      'handover_inspection', 'notice')),
  title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body              text NOT NULL DEFAULT '',
  -- Figures of a generated item (fee standards, statements), shown as tables and charts.
  content           jsonb,
  source_ref        text,
  period_from       date,
  period_to         date,
  attachments       jsonb NOT NULL DEFAULT '[]',
  min_display_days  integer NOT NULL CHECK (min_display_days BETWEEN 1 AND 3650),
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'superseded')),
  published_at      timestamptz,
  display_until     date,
  superseded_at     timestamptz,
  correction_note   text,
  created_by        uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, series_id, version),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from),
  CHECK ((status = 'draft') = (published_at IS NULL))
);
CREATE INDEX disclosure_items_community ON disclosure_items (tenant_id, community_id, type, published_at DESC);
-- At most one current (published) version per series, and one generated item per source.
CREATE UNIQUE INDEX disclosure_items_current ON disclosure_items (tenant_id, series_id) WHERE status = 'published';
CREATE UNIQUE INDEX disclosure_items_source ON disclosure_items (tenant_id, community_id, source_ref)
  WHERE source_ref IS NOT NULL AND version = 1;
SELECT enable_tenant_rls('disclosure_items');
REVOKE DELETE, TRUNCATE ON disclosure_items FROM meihao_app;

-- What was published stays as it was published: only the move to superseded may touch it.
CREATE FUNCTION disclosure_items_frozen() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF OLD.status <> 'draft' AND (
       NEW.title, NEW.body, NEW.content, NEW.attachments, NEW.period_from, NEW.period_to, NEW.published_at,
       NEW.display_until, NEW.type, NEW.community_id, NEW.series_id, NEW.version, NEW.source_ref)
       IS DISTINCT FROM (
       OLD.title, OLD.body, OLD.content, OLD.attachments, OLD.period_from, OLD.period_to, OLD.published_at,
       OLD.display_until, OLD.type, OLD.community_id, OLD.series_id, OLD.version, OLD.source_ref)
     OR (OLD.status = 'superseded' AND NEW.status <> 'superseded') THEN
    RAISE EXCEPTION 'published disclosure % is immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER disclosure_items_frozen BEFORE UPDATE ON disclosure_items
  FOR EACH ROW EXECUTE FUNCTION disclosure_items_frozen();

-- ── public revenue (公共收益) ────────────────────────────────────────────────────────────────────────────

-- Income from common parts, reasonable costs with evidence, moves to the maintenance fund and uses decided
-- by the owners. Never changed: a mistake is corrected by a reversing entry.
CREATE TABLE public_revenue_entries (
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  id             uuid NOT NULL,
  community_id   uuid NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('income', 'cost', 'to_fund', 'use')),
  source         text CHECK (source IN ('lift_ads', 'billboard_ads', 'parking', 'venue_rental',
                   'telecom_rent', 'other')),
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  occurred_on    date NOT NULL,
  counterparty   text NOT NULL DEFAULT '',
  contract_ref   text NOT NULL DEFAULT '',
  summary        text NOT NULL,
  evidence       jsonb NOT NULL DEFAULT '[]',
  decision_id    uuid,
  topic_id       uuid,
  quarter        text CHECK (quarter ~ '^\d{4}-Q[1-4]$'),
  reverses_id    uuid,
  journal_id     uuid NOT NULL,
  created_by     uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, reverses_id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  FOREIGN KEY (tenant_id, reverses_id) REFERENCES public_revenue_entries (tenant_id, id),
  CHECK ((kind = 'income') = (source IS NOT NULL)),
  CHECK (kind <> 'use' OR reverses_id IS NOT NULL OR (decision_id IS NOT NULL AND topic_id IS NOT NULL)),
  CHECK ((kind = 'to_fund') = (quarter IS NOT NULL))
);
CREATE INDEX public_revenue_entries_community ON public_revenue_entries (tenant_id, community_id, occurred_on, id);
SELECT enable_tenant_rls('public_revenue_entries');
REVOKE UPDATE, DELETE, TRUNCATE ON public_revenue_entries FROM meihao_app;

-- A closed quarter: its figures, the city's rule applied, and the statement published for it.
CREATE TABLE public_revenue_quarters (
  tenant_id        uuid NOT NULL REFERENCES tenants (id),
  community_id     uuid NOT NULL,
  quarter          text NOT NULL CHECK (quarter ~ '^\d{4}-Q[1-4]$'),
  income_fen       bigint NOT NULL,
  cost_fen         bigint NOT NULL,
  net_fen          bigint NOT NULL,
  rule             text NOT NULL,
  min_to_fund_fen  bigint NOT NULL CHECK (min_to_fund_fen >= 0),
  to_fund_fen      bigint NOT NULL CHECK (to_fund_fen >= min_to_fund_fen),
  balance_fen      bigint NOT NULL CHECK (balance_fen >= 0),
  disclosure_id    uuid NOT NULL,
  closed_by        uuid,
  closed_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, community_id, quarter),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  FOREIGN KEY (tenant_id, disclosure_id) REFERENCES disclosure_items (tenant_id, id)
);
SELECT enable_tenant_rls('public_revenue_quarters');
REVOKE UPDATE, DELETE, TRUNCATE ON public_revenue_quarters FROM meihao_app;

-- ── maintenance fund (专项维修资金) ─────────────────────────────────────────────────────────────────────

-- A unit's sub-account (分户账). It belongs to the unit, not the owner: on sale the balance moves with it.
CREATE TABLE fund_unit_accounts (
  tenant_id          uuid NOT NULL REFERENCES tenants (id),
  unit_id            uuid NOT NULL,
  community_id       uuid NOT NULL,
  first_deposit_fen  bigint NOT NULL DEFAULT 0 CHECK (first_deposit_fen >= 0),
  deposited_fen      bigint NOT NULL DEFAULT 0 CHECK (deposited_fen >= 0),
  gains_fen          bigint NOT NULL DEFAULT 0 CHECK (gains_fen >= 0),
  spent_fen          bigint NOT NULL DEFAULT 0 CHECK (spent_fen >= 0),
  balance_fen        bigint NOT NULL DEFAULT 0 CHECK (balance_fen >= 0),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, unit_id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  CHECK (balance_fen = deposited_fen + gains_fen - spent_fen)
);
CREATE INDEX fund_unit_accounts_community ON fund_unit_accounts (tenant_id, community_id);
SELECT enable_tenant_rls('fund_unit_accounts');
REVOKE DELETE, TRUNCATE ON fund_unit_accounts FROM meihao_app;

-- Spending projects: emergency (no vote, capped per city) or decided by the owners (278 item 五).
CREATE TABLE fund_projects (
  tenant_id           uuid NOT NULL REFERENCES tenants (id),
  id                  uuid NOT NULL,
  community_id        uuid NOT NULL,
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description         text NOT NULL DEFAULT '',
  building_ids        uuid[] NOT NULL DEFAULT '{}',
  unit_ids            uuid[] NOT NULL DEFAULT '{}',
  emergency_category  text,
  decision_id         uuid,
  topic_id            uuid,
  cost_fen            bigint NOT NULL CHECK (cost_fen > 0),
  status              text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'settled', 'cancelled')),
  journal_id          uuid,
  settled_at          timestamptz,
  created_by          uuid,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  CHECK ((emergency_category IS NULL) = (decision_id IS NOT NULL AND topic_id IS NOT NULL)),
  CHECK ((status = 'settled') = (journal_id IS NOT NULL))
);
CREATE INDEX fund_projects_community ON fund_projects (tenant_id, community_id, created_at DESC);
SELECT enable_tenant_rls('fund_projects');
REVOKE DELETE, TRUNCATE ON fund_projects FROM meihao_app;

-- Every movement of every sub-account: + deposits, gains, public revenue; − a project's share.
CREATE TABLE fund_entries (
  tenant_id          uuid NOT NULL REFERENCES tenants (id),
  id                 uuid NOT NULL,
  community_id       uuid NOT NULL,
  unit_id            uuid NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('first_deposit', 'deposit', 'gain', 'public_revenue', 'spend')),
  amount_fen         bigint NOT NULL CHECK (amount_fen <> 0),
  balance_after_fen  bigint NOT NULL CHECK (balance_after_fen >= 0),
  project_id         uuid,
  journal_id         uuid NOT NULL,
  occurred_on        date NOT NULL,
  memo               text NOT NULL DEFAULT '',
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES fund_unit_accounts (tenant_id, unit_id),
  FOREIGN KEY (tenant_id, project_id) REFERENCES fund_projects (tenant_id, id),
  CHECK ((kind = 'spend') = (amount_fen < 0)),
  CHECK ((kind = 'spend') = (project_id IS NOT NULL))
);
CREATE INDEX fund_entries_unit ON fund_entries (tenant_id, unit_id, created_at, id);
CREATE INDEX fund_entries_community ON fund_entries (tenant_id, community_id, occurred_on);
SELECT enable_tenant_rls('fund_entries');
REVOKE UPDATE, DELETE, TRUNCATE ON fund_entries FROM meihao_app;

-- A settled project's apportionment: each benefiting unit's share by exclusive area (民法典 283), what its
-- sub-account paid, and the shortfall its owner (or the developer, for unsold units) must pay in.
CREATE TABLE fund_project_shares (
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  project_id      uuid NOT NULL,
  unit_id         uuid NOT NULL,
  exclusive_area  numeric(12, 2) NOT NULL,
  developer_held  boolean NOT NULL,
  share_fen       bigint NOT NULL CHECK (share_fen >= 0),
  from_fund_fen   bigint NOT NULL CHECK (from_fund_fen >= 0),
  shortfall_fen   bigint NOT NULL CHECK (shortfall_fen >= 0),
  PRIMARY KEY (tenant_id, project_id, unit_id),
  FOREIGN KEY (tenant_id, project_id) REFERENCES fund_projects (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  CHECK (share_fen = from_fund_fen + shortfall_fen)
);
SELECT enable_tenant_rls('fund_project_shares');
REVOKE UPDATE, DELETE, TRUNCATE ON fund_project_shares FROM meihao_app;

-- ── roles ───────────────────────────────────────────────────────────────────────────────────────────

UPDATE roles SET permissions = permissions || ARRAY['disclosure.read', 'disclosure.manage', 'disclosure.finance']
 WHERE is_system AND code = 'company_admin';
UPDATE roles SET permissions = permissions || ARRAY['disclosure.read', 'disclosure.manage']
 WHERE is_system AND code = 'project_manager';
UPDATE roles SET permissions = permissions || ARRAY['disclosure.read', 'disclosure.finance']
 WHERE is_system AND code = 'finance';
UPDATE roles SET permissions = permissions || ARRAY['disclosure.read']
 WHERE is_system AND code = 'committee_member';
