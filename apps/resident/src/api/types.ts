import type {
  ChangePasswordRequest as ChangePasswordRequestSchema,
  ErrorBody as ErrorBodyType,
  LoginRequest as LoginRequestSchema,
  Membership as MembershipSchema,
  Me as MeType,
  MyUnit as MyUnitSchema,
} from '@meihao/contracts'

// The contracts export zod schemas; these are the shapes they describe. Only types cross into the app
// (no zod at run time). `_output` is what a schema parses to: the same as `z.infer`.
export type Me = MeType
export type ErrorBody = ErrorBodyType
export type Membership = (typeof MembershipSchema)['_output']
export type MyUnit = (typeof MyUnitSchema)['_output']
export type UnitRelation = MyUnit['relation']
export type LoginRequest = (typeof LoginRequestSchema)['_input']
export type ChangePasswordRequest = (typeof ChangePasswordRequestSchema)['_output']
export type Ok = { ok: true }
