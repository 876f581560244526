-- Identity and access inside a company: org tree, memberships, roles with data scope, API keys.

CREATE TABLE org_units (
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  id          uuid NOT NULL,
  parent_id   uuid,
  kind        text NOT NULL CHECK (kind IN ('group', 'city', 'project')),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES org_units (tenant_id, id)
);
SELECT enable_tenant_rls('org_units');

-- An account's membership of a company (staff, owners and committee members alike).
CREATE TABLE users (
  tenant_id    uuid NOT NULL REFERENCES tenants (id),
  id           uuid NOT NULL,
  account_id   uuid NOT NULL REFERENCES accounts (id),
  name         text NOT NULL,
  org_unit_id  uuid,
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, account_id),
  FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_units (tenant_id, id)
);
SELECT enable_tenant_rls('users');

CREATE TABLE roles (
  tenant_id    uuid NOT NULL REFERENCES tenants (id),
  id           uuid NOT NULL,
  code         text NOT NULL,
  name         text NOT NULL,
  permissions  text[] NOT NULL,
  data_scope   text NOT NULL CHECK (data_scope IN ('company', 'org_unit', 'community', 'building', 'own')),
  is_system    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);
SELECT enable_tenant_rls('roles');

-- A role given to a user, reaching as far as the role's data scope names (org unit, community or building).
CREATE TABLE user_roles (
  tenant_id           uuid NOT NULL REFERENCES tenants (id),
  id                  uuid NOT NULL,
  user_id             uuid NOT NULL,
  role_id             uuid NOT NULL,
  scope_org_unit_id   uuid,
  scope_community_id  uuid,
  scope_building_id   uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id),
  FOREIGN KEY (tenant_id, scope_org_unit_id) REFERENCES org_units (tenant_id, id)
);
CREATE INDEX user_roles_user ON user_roles (tenant_id, user_id);
SELECT enable_tenant_rls('user_roles');

-- Bearer keys for integrations (kiosks, accounting). Only the secret's SHA-256 is kept.
CREATE TABLE api_keys (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  name          text NOT NULL,
  prefix        text NOT NULL,
  secret_hash   text NOT NULL,
  role_id       uuid NOT NULL,
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id)
);
SELECT enable_tenant_rls('api_keys');

-- Which companies an account belongs to, read at login before any tenant is chosen. The one narrow
-- window through RLS: owned by the schema owner, it returns ids and names only.
CREATE FUNCTION account_tenants(p_account uuid)
  RETURNS TABLE (tenant_id uuid, code text, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT t.id, t.code, t.name
      FROM users u JOIN tenants t ON t.id = u.tenant_id
     WHERE u.account_id = p_account AND u.status = 'active'
     ORDER BY t.created_at, t.id
  $$;
REVOKE ALL ON FUNCTION account_tenants(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_tenants(uuid) TO meihao_app;

-- The org unit and everything under it: iam's answer to "what does an org-unit scope reach".
CREATE FUNCTION org_unit_subtree(p_root uuid) RETURNS SETOF uuid
  LANGUAGE sql STABLE
  AS $$
    WITH RECURSIVE sub(id) AS (
      SELECT id FROM org_units WHERE id = p_root AND tenant_id = app_tenant_id()
      UNION ALL
      SELECT o.id FROM org_units o JOIN sub ON o.parent_id = sub.id WHERE o.tenant_id = app_tenant_id()
    )
    SELECT id FROM sub
  $$;
