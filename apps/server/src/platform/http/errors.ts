import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ZodError, z } from 'zod'
import { AppError } from '../errors'
import { hasMessage, type Language, pickLanguage, translate } from '../i18n/catalog'

interface PgError {
  code?: string
  constraint?: string
}

const ZOD_MESSAGES = { 'zh-CN': z.locales.zhCN().localeError, 'en-US': z.locales.en().localeError }

/** Zod's own messages (type errors, lengths) in the caller's language; contract keys are translated below. */
export const zodErrorMap = (lang: Language) => ZOD_MESSAGES[lang]

/** Zod issues as the client sees them: the field path and a message in the caller's language. */
export function validationDetails(error: ZodError, lang: Language) {
  return error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: hasMessage(lang, issue.message) ? translate(lang, issue.message) : issue.message,
  }))
}

/** Turns anything thrown into the one error shape. Unknown errors are logged and answered 500. */
export function toErrorReply(error: unknown, req: FastifyRequest, reply: FastifyReply) {
  const lang = pickLanguage(req.headers['accept-language'])
  const send = (status: number, code: string, params: Record<string, unknown> = {}, details?: unknown) =>
    reply.status(status).send({ error: { code, message: translate(lang, code, params), details } })

  if (error instanceof AppError) return send(error.status, error.code, error.params, error.details)
  if (error instanceof ZodError)
    return send(400, 'COMMON_VALIDATION_FAILED', {}, validationDetails(error, lang))
  const pg = error as PgError
  if (pg.code === '23505') return send(409, 'COMMON_CONFLICT', {}, { constraint: pg.constraint })
  // A foreign key into nothing (or into another company, which RLS hides) is bad input, not a crash.
  if (pg.code === '23503') return send(422, 'COMMON_REFERENCE_NOT_FOUND', {}, { constraint: pg.constraint })
  const fastifyError = error as FastifyError
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fastifyError.code === 'FST_REQ_FILE_TOO_LARGE') {
    return send(413, 'COMMON_PAYLOAD_TOO_LARGE')
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return send(400, 'COMMON_VALIDATION_FAILED', {}, [{ path: '', message: fastifyError.message }])
  }
  req.log.error({ err: error }, 'unhandled error')
  return send(500, 'COMMON_INTERNAL', { requestId: req.id })
}
