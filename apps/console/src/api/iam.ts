import type { DataScope, OrgUnit, Page, Permission, Role, RoleAssignment, User } from '@meihao/contracts'
import { api } from './client'

export type OrgUnitKind = OrgUnit['kind']
export type UserStatus = User['status']

export const listOrgUnits = () => api.get<OrgUnit[]>('/api/v1/iam/org-units')
export const createOrgUnit = (input: { parentId: string | null; kind: OrgUnitKind; name: string }) =>
  api.post<OrgUnit>('/api/v1/iam/org-units', input)

export const listRoles = () => api.get<Role[]>('/api/v1/iam/roles')
export interface RoleInput {
  code: string
  name: string
  permissions: Permission[]
  dataScope: DataScope
}
export const createRole = (input: RoleInput) => api.post<Role>('/api/v1/iam/roles', input)
export const updateRole = (id: string, input: Omit<RoleInput, 'code'>) =>
  api.patch<Role>(`/api/v1/iam/roles/${encodeURIComponent(id)}`, input)

export const listUsers = (cursor?: string | null, limit = 50) =>
  api.get<Page<User>>('/api/v1/iam/users', { cursor, limit })
export interface CreateUserInput {
  name: string
  phone: string
  password: string
  orgUnitId: string | null
  roles: RoleAssignment[]
}
export const createUser = (input: CreateUserInput) => api.post<User>('/api/v1/iam/users', input)
export interface UpdateUserInput {
  name?: string
  status?: UserStatus
  orgUnitId?: string | null
  roles?: RoleAssignment[]
}
export const updateUser = (id: string, input: UpdateUserInput) =>
  api.patch<User>(`/api/v1/iam/users/${encodeURIComponent(id)}`, input)
export const resetPassword = (id: string, newPassword: string) =>
  api.post<{ ok: true }>(`/api/v1/iam/users/${encodeURIComponent(id)}/reset-password`, { newPassword })
