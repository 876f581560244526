import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyMultipart from '@fastify/multipart'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { Actor } from '../auth/actor'
import { safeEqual } from '../crypto/tokens'
import type { Database } from '../db/database'
import { AppError, forbidden, unauthenticated } from '../errors'
import { pickLanguage } from '../i18n/catalog'
import { uuidv7 } from '../ids'
import type { RequestContext } from './context'
import { toErrorReply, zodErrorMap } from './errors'
import { claimKey, completeKey, idempotentRequest, releaseKey } from './idempotency'
import { HttpMetrics } from './metrics'
import { buildOpenApi } from './openapi'
import { RateLimiter } from './rate-limit'
import type { RouteSpec } from './route'
import '../i18n/platform-messages'

/** Resolves the caller from the request (session cookie or API key); null when anonymous. */
export interface Authenticator {
  authenticate(req: FastifyRequest): Promise<Actor | null>
}

export interface ServerOptions {
  db: Database
  routes: readonly RouteSpec[]
  authenticator: Authenticator
  version: string
  logLevel?: string
  /** Built web apps to serve: the console under /console, the resident app at /. */
  webApps?: { console: string; resident: string }
  maxUploadBytes?: number
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (false: none). */
  trustProxy?: boolean | string[]
}

/** Plugin routes that are public by declaration: API docs and the built web apps. */
const PUBLIC_PLUGIN_PREFIXES = ['/api/docs', '/console', '/assets', '/']

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel === 'silent' ? false : { level: options.logLevel ?? 'info' },
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : uuidv7()
    },
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  })
  keepRawBodies(app)
  const metrics = new HttpMetrics()
  const limiter = new RateLimiter()
  const permissionOf = new Map<string, string>()

  app.addHook('onRoute', (route) => {
    const declared = (route.config as { permission?: string } | undefined)?.permission
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const publicPlugin = declared === undefined && PUBLIC_PLUGIN_PREFIXES.some((p) => route.url.startsWith(p))
    for (const m of methods) permissionOf.set(`${m} ${route.url}`, declared ?? (publicPlugin ? 'public' : ''))
  })
  app.decorate('routePermissions', permissionOf)

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id)
  })
  app.addHook('onResponse', async (req, reply) => {
    metrics.observe(
      req.method,
      req.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    )
  })
  app.setErrorHandler((error, req, reply) => toErrorReply(error, req, reply))

  await app.register(fastifyCookie)
  await app.register(fastifyMultipart, {
    limits: { fileSize: options.maxUploadBytes ?? 64 * 1024 * 1024, files: 1 },
  })

  for (const spec of options.routes) registerRoute(app, spec, options, limiter)

  registerPlatformRoutes(app, options, metrics)
  const document = buildOpenApi(options.routes, options.version)
  app.get('/api/openapi.json', { config: { permission: 'public' } }, async () => document)
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' })

  await registerWebApps(app, options.webApps)
  return app
}

const rawBodies = new WeakMap<object, string>()

/** The exact text of a JSON or form body: payment notifications are verified over the bytes received. */
export const rawBodyOf = (req: FastifyRequest): string | undefined => rawBodies.get(req)

/** JSON keeps Fastify's own (prototype-poisoning safe) parser; form bodies arrive as string maps. */
function keepRawBodies(app: FastifyInstance) {
  const json = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    rawBodies.set(req, body as string)
    json(req, body as string, done)
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    rawBodies.set(req, body as string)
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })
}

function registerRoute(app: FastifyInstance, spec: RouteSpec, options: ServerOptions, limiter: RateLimiter) {
  app.route({
    method: spec.method,
    url: spec.url,
    config: { permission: spec.permission },
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    handler: async (req, reply) => {
      if (spec.rateLimitPerMinute) {
        const wait = limiter.hit(`${spec.url}|${req.ip}`, spec.rateLimitPerMinute)
        if (wait > 0) throw new AppError(429, 'COMMON_RATE_LIMITED', { seconds: wait })
      }
      const actor = spec.permission === 'public' ? null : await options.authenticator.authenticate(req)
      authorize(spec, actor, req)
      const ctx: RequestContext = {
        db: options.db,
        requestId: req.id,
        lang: pickLanguage(req.headers['accept-language']),
        actor,
        ip: req.ip,
      }
      const parse = { error: zodErrorMap(ctx.lang) }
      const params = spec.params ? spec.params.parse(req.params, parse) : {}
      const query = spec.query ? spec.query.parse(req.query ?? {}, parse) : {}
      const body = spec.body ? spec.body.parse(req.body ?? {}, parse) : undefined
      const run = async () => {
        const result = await spec.handler({ params, query, body, ctx, req, reply })
        // Parsing through the response contract strips any field the contract does not name.
        return spec.response ? spec.response.parse(result) : (result ?? { ok: true })
      }
      const idempotent = spec.idempotent
        ? idempotentRequest(req.headers['idempotency-key'], actor, req.method, req.url, body)
        : null
      if (!idempotent) {
        const answer = await run()
        if (spec.raw) return reply
        reply.status(spec.status ?? 200)
        return answer
      }
      const claim = await claimKey(options.db, idempotent)
      if (claim.kind === 'replay') {
        reply.header('idempotent-replayed', 'true')
        reply.status(claim.statusCode)
        return claim.response
      }
      let answer: unknown
      try {
        answer = await run()
      } catch (error) {
        await releaseKey(options.db, idempotent)
        throw error
      }
      await completeKey(options.db, idempotent, spec.status ?? 200, answer)
      reply.status(spec.status ?? 200)
      return answer
    },
  })
}

function authorize(spec: RouteSpec, actor: Actor | null, req: FastifyRequest) {
  if (spec.permission === 'public') return
  if (!actor) throw unauthenticated()
  if (actor.csrfToken !== null && !SAFE_METHODS.has(req.method)) {
    const sent = req.headers['x-csrf-token']
    if (typeof sent !== 'string' || !safeEqual(sent, actor.csrfToken))
      throw new AppError(403, 'COMMON_CSRF_FAILED')
  }
  if (actor.mustChangePassword && !spec.allowPendingPasswordChange) {
    throw new AppError(403, 'COMMON_PASSWORD_CHANGE_REQUIRED')
  }
  if (spec.permission !== 'authenticated' && !actor.permissions.has(spec.permission)) throw forbidden()
}

function registerPlatformRoutes(app: FastifyInstance, options: ServerOptions, metrics: HttpMetrics) {
  const publicRoute = { config: { permission: 'public' } }
  app.get('/healthz', publicRoute, async () => ({ status: 'ok' }))
  app.get('/readyz', publicRoute, async (_req, reply) => {
    try {
      await options.db.app.selectNoFrom((eb) => eb.lit(1).as('one')).execute()
      return { status: 'ready' }
    } catch {
      return reply.status(503).send({ status: 'unavailable' })
    }
  })
  app.get('/metrics', publicRoute, async (_req, reply) =>
    reply.type('text/plain; version=0.0.4').send(metrics.render()),
  )
}

async function registerWebApps(app: FastifyInstance, webApps: ServerOptions['webApps']) {
  const present = (dir: string | undefined) => dir !== undefined && existsSync(join(dir, 'index.html'))
  const consoleDir = present(webApps?.console) ? webApps!.console : null
  const residentDir = present(webApps?.resident) ? webApps!.resident : null
  if (consoleDir) {
    await app.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/console/',
      index: 'index.html',
      wildcard: false,
    })
  }
  if (residentDir) {
    await app.register(fastifyStatic, {
      root: residentDir,
      prefix: '/',
      index: 'index.html',
      wildcard: false,
      decorateReply: !consoleDir,
    })
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? ''
    const pageRequest = req.method === 'GET' && !path.startsWith('/api/')
    // Client-side routes of the single-page apps fall back to their index.html.
    if (pageRequest && path.startsWith('/console') && consoleDir)
      return reply.sendFile('index.html', consoleDir)
    if (pageRequest && !path.startsWith('/console') && residentDir)
      return reply.sendFile('index.html', residentDir)
    return toErrorReply(
      new AppError(404, 'COMMON_ROUTE_NOT_FOUND', { method: req.method, url: path }),
      req,
      reply,
    )
  })
}

declare module 'fastify' {
  interface FastifyInstance {
    /** "METHOD url" → declared permission ('' when a route declared none). */
    routePermissions: Map<string, string>
  }
}
