import { z } from 'zod'
import { Id } from './common'
import { DataScope, Permission } from './permissions'

export const Phone = z.string().regex(/^1[3-9]\d{9}$/, 'validation.phone')

export const LoginRequest = z.object({
  phone: Phone,
  password: z.string().min(1).max(200),
  tenantCode: z
    .string()
    .max(64)
    .optional()
    .describe('Which company to enter when the account belongs to several'),
})

export type LoginRequest = z.infer<typeof LoginRequest>

export const Membership = z.object({
  kind: z.enum(['tenant', 'authority']),
  id: Id,
  name: z.string(),
})
export type Membership = z.infer<typeof Membership>

export const Me = z.object({
  accountId: Id,
  name: z.string(),
  phoneMasked: z.string(),
  mustChangePassword: z.boolean(),
  context: Membership,
  memberships: z.array(Membership),
  permissions: z.array(Permission),
  csrfToken: z.string(),
})
export type Me = z.infer<typeof Me>

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(8).max(200),
})
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>

export const OrgUnitKind = z.enum(['group', 'city', 'project'])
export const OrgUnit = z.object({
  id: Id,
  parentId: Id.nullable(),
  kind: OrgUnitKind,
  name: z.string(),
})
export type OrgUnit = z.infer<typeof OrgUnit>
export const CreateOrgUnit = z.object({
  parentId: Id.nullable(),
  kind: OrgUnitKind,
  name: z.string().trim().min(1).max(100),
})

export const Role = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  permissions: z.array(Permission),
  dataScope: DataScope,
  system: z.boolean(),
})
export type Role = z.infer<typeof Role>
export const CreateRole = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'validation.roleCode'),
  name: z.string().trim().min(1).max(50),
  permissions: z.array(Permission).min(1),
  dataScope: DataScope,
})
export const UpdateRole = CreateRole.omit({ code: true }).partial()

export const RoleAssignment = z.object({
  roleId: Id,
  orgUnitId: Id.nullable().optional(),
  communityId: Id.nullable().optional(),
  buildingId: Id.nullable().optional(),
})
export type RoleAssignment = z.infer<typeof RoleAssignment>

export const User = z.object({
  id: Id,
  name: z.string(),
  phoneMasked: z.string(),
  status: z.enum(['active', 'disabled']),
  orgUnitId: Id.nullable(),
  roles: z.array(RoleAssignment.extend({ roleName: z.string() })),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
})
export type User = z.infer<typeof User>

export const CreateUser = z.object({
  name: z.string().trim().min(1).max(50),
  phone: Phone,
  password: z.string().min(8).max(200),
  orgUnitId: Id.nullable().optional(),
  roles: z.array(RoleAssignment).default([]),
})
export const UpdateUser = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  orgUnitId: Id.nullable().optional(),
  roles: z.array(RoleAssignment).optional(),
})
export const ResetPassword = z.object({ newPassword: z.string().min(8).max(200) })

export const ApiKey = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  roleId: Id,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export const CreateApiKey = z.object({ name: z.string().trim().min(1).max(100), roleId: Id })
export const CreatedApiKey = ApiKey.extend({ secret: z.string().describe('Shown once; store it now') })
