import type { DataScope, Permission } from '@meihao/contracts'
import type { Generated } from 'kysely'

/** The iam region's tables as Kysely sees them (global identity tables and tenant tables). */
export interface IamTables {
  tenants: { id: string; code: string; name: string; created_at: Generated<Date> }
  accounts: {
    id: string
    phone_hash: string
    phone_enc: string
    name: string
    password_hash: string
    status: 'active' | 'disabled'
    must_change_password: Generated<boolean>
    failed_logins: Generated<number>
    locked_until: Date | null
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  authorities: { id: string; name: string; kind: string; division_code: string; created_at: Generated<Date> }
  authority_members: { authority_id: string; account_id: string; created_at: Generated<Date> }
  sessions: {
    id: string
    token_hash: string
    csrf_token: string
    account_id: string
    tenant_id: string | null
    authority_id: string | null
    created_at: Generated<Date>
    expires_at: Date
    revoked_at: Date | null
  }
  org_units: {
    tenant_id: string
    id: string
    parent_id: string | null
    kind: 'group' | 'city' | 'project'
    name: string
    created_at: Generated<Date>
  }
  users: {
    tenant_id: string
    id: string
    account_id: string
    name: string
    org_unit_id: string | null
    status: Generated<'active' | 'disabled'>
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  roles: {
    tenant_id: string
    id: string
    code: string
    name: string
    permissions: Permission[]
    data_scope: DataScope
    is_system: Generated<boolean>
    created_at: Generated<Date>
  }
  user_roles: {
    tenant_id: string
    id: string
    user_id: string
    role_id: string
    scope_org_unit_id: string | null
    scope_community_id: string | null
    scope_building_id: string | null
  }
  api_keys: {
    tenant_id: string
    id: string
    name: string
    prefix: string
    secret_hash: string
    role_id: string
    created_by: string | null
    created_at: Generated<Date>
    last_used_at: Date | null
    revoked_at: Date | null
  }
}
