-- The estate registry: communities, buildings, units, parties, ownership and occupancy, parking, vehicles.

CREATE TABLE communities (
  tenant_id            uuid NOT NULL REFERENCES tenants (id),
  id                   uuid NOT NULL,
  org_unit_id          uuid,
  code                 text NOT NULL,
  name                 text NOT NULL,
  address              text NOT NULL DEFAULT '',
  division_code        text NOT NULL CHECK (division_code ~ '^\d{6}$'),
  time_zone            text NOT NULL DEFAULT 'Asia/Shanghai',
  delivery_date        date,
  charging_model       text NOT NULL DEFAULT 'lump_sum' CHECK (charging_model IN ('lump_sum', 'commission')),
  service_grade        smallint NOT NULL DEFAULT 2 CHECK (service_grade BETWEEN 1 AND 3),
  parking_in_vote_area boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_units (tenant_id, id)
);
CREATE INDEX communities_division ON communities (division_code);
SELECT enable_tenant_rls('communities');

CREATE TABLE buildings (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  community_id  uuid NOT NULL,
  code          text NOT NULL,
  name          text NOT NULL,
  floors        integer,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, community_id, code),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id)
);
SELECT enable_tenant_rls('buildings');

CREATE TABLE units (
  tenant_id              uuid NOT NULL REFERENCES tenants (id),
  id                     uuid NOT NULL,
  community_id           uuid NOT NULL,
  building_id            uuid NOT NULL,
  code                   text NOT NULL,
  floor                  integer,
  building_area          numeric(12, 2) NOT NULL CHECK (building_area > 0),
  exclusive_area         numeric(12, 2) NOT NULL CHECK (exclusive_area > 0),
  exclusive_area_source  text NOT NULL DEFAULT 'registered'
                         CHECK (exclusive_area_source IN ('registered', 'surveyed', 'contract')),
  use                    text NOT NULL DEFAULT 'residential'
                         CHECK (use IN ('residential', 'commercial', 'office', 'other')),
  delivery_date          date,
  sold                   boolean NOT NULL DEFAULT true,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, community_id, code),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  FOREIGN KEY (tenant_id, building_id) REFERENCES buildings (tenant_id, id),
  CHECK (exclusive_area <= building_area)
);
CREATE INDEX units_building ON units (tenant_id, building_id, code);
CREATE INDEX units_code ON units (tenant_id, code text_pattern_ops);
SELECT enable_tenant_rls('units');

-- Owners, residents, the developer. Phone and ID number: AES-256-GCM ciphertext plus a keyed hash for look-up.
CREATE TABLE parties (
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  id              uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('person', 'organization', 'developer')),
  name            text NOT NULL,
  phone_enc       text,
  phone_hash      text,
  phone_masked    text,
  id_number_enc   text,
  id_number_hash  text,
  id_number_masked text,
  account_id      uuid REFERENCES accounts (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX parties_phone ON parties (tenant_id, phone_hash);
CREATE INDEX parties_id_number ON parties (tenant_id, id_number_hash);
CREATE INDEX parties_name ON parties (tenant_id, name text_pattern_ops);
CREATE INDEX parties_account ON parties (account_id);
SELECT enable_tenant_rls('parties');

-- Who owns a unit over time; co-owners are several open rows at once.
CREATE TABLE unit_ownerships (
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  id          uuid NOT NULL,
  unit_id     uuid NOT NULL,
  party_id    uuid NOT NULL,
  start_date  date NOT NULL,
  end_date    date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX unit_ownerships_unit ON unit_ownerships (tenant_id, unit_id);
CREATE INDEX unit_ownerships_party ON unit_ownerships (tenant_id, party_id);
SELECT enable_tenant_rls('unit_ownerships');

CREATE TABLE unit_occupancies (
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  id          uuid NOT NULL,
  unit_id     uuid NOT NULL,
  party_id    uuid NOT NULL,
  relation    text NOT NULL CHECK (relation IN ('owner', 'family', 'tenant', 'other')),
  start_date  date NOT NULL,
  end_date    date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX unit_occupancies_unit ON unit_occupancies (tenant_id, unit_id);
CREATE INDEX unit_occupancies_party ON unit_occupancies (tenant_id, party_id);
SELECT enable_tenant_rls('unit_occupancies');

CREATE TABLE parking_spaces (
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  id              uuid NOT NULL,
  community_id    uuid NOT NULL,
  code            text NOT NULL,
  area            numeric(12, 2) NOT NULL CHECK (area > 0),
  kind            text NOT NULL DEFAULT 'owned' CHECK (kind IN ('owned', 'rented', 'public')),
  owner_party_id  uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, community_id, code),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  FOREIGN KEY (tenant_id, owner_party_id) REFERENCES parties (tenant_id, id)
);
SELECT enable_tenant_rls('parking_spaces');

CREATE TABLE vehicles (
  tenant_id         uuid NOT NULL REFERENCES tenants (id),
  id                uuid NOT NULL,
  party_id          uuid NOT NULL,
  plate             text NOT NULL,
  parking_space_id  uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, plate),
  FOREIGN KEY (tenant_id, party_id) REFERENCES parties (tenant_id, id),
  FOREIGN KEY (tenant_id, parking_space_id) REFERENCES parking_spaces (tenant_id, id)
);
SELECT enable_tenant_rls('vehicles');

-- Role scopes can now point at communities and buildings.
ALTER TABLE user_roles
  ADD FOREIGN KEY (tenant_id, scope_community_id) REFERENCES communities (tenant_id, id),
  ADD FOREIGN KEY (tenant_id, scope_building_id) REFERENCES buildings (tenant_id, id);

-- Owners' committee members of a community, with their term.
CREATE TABLE committee_members (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  community_id  uuid NOT NULL,
  user_id       uuid NOT NULL,
  position      text NOT NULL CHECK (position IN ('chair', 'vice_chair', 'member')),
  term_start    date NOT NULL,
  term_end      date,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, community_id, user_id),
  FOREIGN KEY (tenant_id, community_id) REFERENCES communities (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
SELECT enable_tenant_rls('committee_members');
