import type { Permission } from '@meihao/contracts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { RequestContext } from './context'

/**
 * What a route requires of its caller. `public`: anyone; `authenticated`: any signed-in caller;
 * otherwise one permission. Every route must say one of these: a test fails on a route without.
 */
export type RoutePermission = Permission | 'public' | 'authenticated'

type Schema = z.ZodType

export interface RouteSpec<
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends Schema = Schema,
  R extends Schema = Schema,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  permission: RoutePermission
  summary: string
  tags: string[]
  params?: P
  query?: Q
  body?: B
  response?: R
  /** 201 for creations; 200 by default. */
  status?: number
  /** The handler writes the reply itself (files, uploads); the return value is ignored. */
  raw?: boolean
  /**
   * A write that clients may retry (ballots, kiosk tickets, payments): an `Idempotency-Key` header makes
   * a retry get the first answer instead of writing again (see idempotency.ts).
   */
  idempotent?: boolean
  /** Largest JSON body in bytes, when a route takes more than the server's 1 MB (scans in base64). */
  bodyLimit?: number
  /** Requests a route accepts per minute per client address (login, one-time codes). */
  rateLimitPerMinute?: number
  /** Usable by a caller who must change a reset password first (me, logout, change password). */
  allowPendingPasswordChange?: boolean
  handler: (input: {
    params: z.output<P>
    query: z.output<Q>
    body: z.output<B>
    ctx: RequestContext
    req: FastifyRequest
    reply: FastifyReply
  }) => Promise<z.input<R> | undefined> | z.input<R> | undefined
}

/** Typed identity: lets TypeScript infer the schemas of one route. */
export function defineRoute<P extends Schema, Q extends Schema, B extends Schema, R extends Schema>(
  spec: RouteSpec<P, Q, B, R>,
): RouteSpec {
  return spec as unknown as RouteSpec
}
