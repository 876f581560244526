-- Platform floor: the app role, tenancy helpers, global identity tables, the audit log.

DO $$
BEGIN
  CREATE ROLE meihao_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- roles are cluster-wide: another database of the same cluster created it already
END
$$;

GRANT USAGE ON SCHEMA public TO meihao_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO meihao_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO meihao_app;

-- The tenant of the current transaction, or NULL when none is set (then tenant tables show nothing).
CREATE FUNCTION app_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- Every tenant table calls this once: RLS enabled and forced, one policy for reads and writes.
CREATE FUNCTION enable_tenant_rls(tbl regclass) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id())',
    tbl);
END
$$;

-- A property service company. Global: the tenant itself.
CREATE TABLE tenants (
  id          uuid PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,40}$'),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A person who can sign in. Global, because one owner may live in estates of two companies.
CREATE TABLE accounts (
  id                    uuid PRIMARY KEY,
  phone_hash            text NOT NULL UNIQUE,
  phone_enc             text NOT NULL,
  name                  text NOT NULL,
  password_hash         text NOT NULL,
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  must_change_password  boolean NOT NULL DEFAULT false,
  failed_logins         integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Regulators and industry associations, with jurisdiction by GB/T 2260 division code.
CREATE TABLE authorities (
  id             uuid PRIMARY KEY,
  name           text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('housing_bureau', 'street_office', 'association')),
  division_code  text NOT NULL CHECK (division_code ~ '^\d{6}$'),
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE authority_members (
  authority_id  uuid NOT NULL REFERENCES authorities (id),
  account_id    uuid NOT NULL REFERENCES accounts (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_id, account_id)
);

-- Cookie sessions; the token itself is never stored, only its SHA-256.
CREATE TABLE sessions (
  id            uuid PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  csrf_token    text NOT NULL,
  account_id    uuid NOT NULL REFERENCES accounts (id),
  tenant_id     uuid REFERENCES tenants (id),
  authority_id  uuid REFERENCES authorities (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  CHECK ((tenant_id IS NULL) <> (authority_id IS NULL))
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Append-only record of every mutation. The app role may insert and read, never change.
CREATE TABLE audit_log (
  tenant_id    uuid NOT NULL REFERENCES tenants (id),
  id           uuid NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_kind   text NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'system')),
  actor_id     uuid,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  before       jsonb,
  after        jsonb,
  request_id   text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity_type, entity_id);
SELECT enable_tenant_rls('audit_log');
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM meihao_app;

REVOKE INSERT, UPDATE, DELETE ON tenants, authorities, authority_members FROM meihao_app;
