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
