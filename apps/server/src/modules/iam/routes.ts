import {
  ApiKey,
  ChangePasswordRequest,
  CreateApiKey,
  CreatedApiKey,
  CreateOrgUnit,
  CreateRole,
  CreateUser,
  IdParams,
  LoginRequest,
  Me,
  Membership,
  Ok,
  OrgUnit,
  PageQuery,
  page,
  ResetPassword,
  Role,
  UpdateRole,
  UpdateUser,
  User,
} from '@meihao/contracts'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import type { Deps } from '../../platform/deps'
import { actorOf } from '../../platform/http/context'
import { defineRoute, type RouteSpec } from '../../platform/http/route'
import * as admin from './admin-service'
import * as auth from './auth-service'
import { type IamAuthenticator, SESSION_COOKIE } from './authenticator'

export function iamRoutes(deps: Deps, authenticator: IamAuthenticator): RouteSpec[] {
  const secure =
    deps.config.MEIHAO_COOKIE_SECURE === 'true' ||
    (deps.config.MEIHAO_COOKIE_SECURE === 'auto' && deps.config.NODE_ENV === 'production')
  const setSession = (reply: FastifyReply, session: auth.LoginResult) =>
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      expires: session.expiresAt,
    })
  // Any change to who may do what takes effect at once, not after the authenticator's cache expires.
  const forgetting = <T>(result: Promise<T>) => result.finally(() => authenticator.forget())

  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/login',
      permission: 'public',
      rateLimitPerMinute: deps.config.MEIHAO_LOGIN_RATE_PER_MINUTE,
      summary: 'Sign in with mobile number and password; sets the session cookie',
      tags: ['auth'],
      body: LoginRequest,
      response: Ok,
      handler: async ({ body, reply, ctx }) => {
        const session = await auth.login(deps, body)
        await auth.auditAuthEvent(deps, { ...session, action: 'auth.login', requestId: ctx.requestId })
        setSession(reply, session)
        return { ok: true as const }
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/logout',
      permission: 'authenticated',
      allowPendingPasswordChange: true,
      summary: 'End the current session',
      tags: ['auth'],
      response: Ok,
      handler: async ({ ctx, reply }) => {
        const actor = actorOf(ctx)
        await forgetting(auth.logout(deps, actor))
        await auth.auditAuthEvent(deps, {
          tenantId: actor.tenantId,
          accountId: actor.accountId,
          action: 'auth.logout',
          requestId: ctx.requestId,
        })
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        return { ok: true as const }
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/auth/me',
      permission: 'authenticated',
      allowPendingPasswordChange: true,
      summary: 'The signed-in caller, their memberships, permissions and CSRF token',
      tags: ['auth'],
      response: Me,
      handler: ({ ctx }) => auth.describeMe(deps, actorOf(ctx)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/switch',
      permission: 'authenticated',
      allowPendingPasswordChange: true,
      summary: 'Move the session to another company or authority of the caller',
      tags: ['auth'],
      body: Membership.pick({ kind: true, id: true }),
      response: Ok,
      handler: async ({ ctx, body, reply }) => {
        setSession(reply, await forgetting(auth.switchContext(deps, actorOf(ctx), body)))
        return { ok: true as const }
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/password',
      permission: 'authenticated',
      allowPendingPasswordChange: true,
      summary: 'Change my password (other sessions end)',
      tags: ['auth'],
      body: ChangePasswordRequest,
      response: Ok,
      handler: async ({ ctx, body }) => {
        const actor = actorOf(ctx)
        await forgetting(auth.changePassword(deps, actor, body))
        await auth.auditAuthEvent(deps, {
          tenantId: actor.tenantId,
          accountId: actor.accountId,
          action: 'auth.password_change',
          requestId: ctx.requestId,
        })
        return { ok: true as const }
      },
    }),

    defineRoute({
      method: 'GET',
      url: '/api/v1/iam/org-units',
      permission: 'iam.org.read',
      summary: 'The company org tree (集团 → 城市公司 → 项目) as a flat list',
      tags: ['iam'],
      response: z.array(OrgUnit),
      handler: ({ ctx }) => admin.listOrgUnits(ctx),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/iam/org-units',
      permission: 'iam.org.manage',
      summary: 'Add an org unit',
      tags: ['iam'],
      body: CreateOrgUnit,
      response: OrgUnit,
      status: 201,
      handler: ({ ctx, body }) => admin.createOrgUnit(ctx, body),
    }),

    defineRoute({
      method: 'GET',
      url: '/api/v1/iam/roles',
      permission: 'iam.roles.read',
      summary: 'Roles of the company',
      tags: ['iam'],
      response: z.array(Role),
      handler: ({ ctx }) => admin.listRoles(ctx),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/iam/roles',
      permission: 'iam.roles.manage',
      summary: 'Create a role',
      tags: ['iam'],
      body: CreateRole,
      response: Role,
      status: 201,
      handler: ({ ctx, body }) => forgetting(admin.createRole(ctx, body)),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/iam/roles/:id',
      permission: 'iam.roles.manage',
      summary: 'Change a role (not a built-in one)',
      tags: ['iam'],
      params: IdParams,
      body: UpdateRole,
      response: Role,
      handler: ({ ctx, params, body }) => forgetting(admin.updateRole(ctx, params.id, body)),
    }),

    defineRoute({
      method: 'GET',
      url: '/api/v1/iam/users',
      permission: 'iam.users.read',
      summary: 'Users of the company (phones masked)',
      tags: ['iam'],
      query: PageQuery,
      response: page(User),
      handler: ({ ctx, query }) => admin.listUsers(ctx, deps, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/iam/users/:id',
      permission: 'iam.users.read',
      summary: 'One user',
      tags: ['iam'],
      params: IdParams,
      response: User,
      handler: ({ ctx, params }) => admin.getUser(ctx, deps, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/iam/users',
      permission: 'iam.users.manage',
      summary: 'Add a user with roles',
      tags: ['iam'],
      body: CreateUser,
      response: User,
      status: 201,
      handler: ({ ctx, body }) => forgetting(admin.createUser(ctx, deps, body)),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/iam/users/:id',
      permission: 'iam.users.manage',
      summary: 'Change a user: name, status, org unit, roles',
      tags: ['iam'],
      params: IdParams,
      body: UpdateUser,
      response: User,
      handler: ({ ctx, params, body }) => forgetting(admin.updateUser(ctx, deps, params.id, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/iam/users/:id/reset-password',
      permission: 'iam.users.manage',
      summary: 'Set a new password for a user; they must change it at next sign-in',
      tags: ['iam'],
      params: IdParams,
      body: ResetPassword,
      response: Ok,
      handler: ({ ctx, params, body }) => forgetting(admin.resetPassword(ctx, params.id, body.newPassword)),
    }),

    defineRoute({
      method: 'GET',
      url: '/api/v1/iam/api-keys',
      permission: 'iam.apikeys.manage',
      summary: 'API keys of the company',
      tags: ['iam'],
      response: z.array(ApiKey),
      handler: ({ ctx }) => admin.listApiKeys(ctx),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/iam/api-keys',
      permission: 'iam.apikeys.manage',
      summary: 'Create an API key; the secret is shown once',
      tags: ['iam'],
      body: CreateApiKey,
      response: CreatedApiKey,
      status: 201,
      handler: ({ ctx, body }) => admin.createApiKey(ctx, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/iam/api-keys/:id',
      permission: 'iam.apikeys.manage',
      summary: 'Revoke an API key',
      tags: ['iam'],
      params: IdParams,
      response: Ok,
      handler: ({ ctx, params }) => forgetting(admin.revokeApiKey(ctx, params.id)),
    }),
  ]
}
