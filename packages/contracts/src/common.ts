import { z } from 'zod'

/** Every error the API returns has this one shape. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('Module-prefixed code, e.g. ESTATE_UNIT_NOT_FOUND'),
    message: z.string().describe('Human message in the language chosen by Accept-Language'),
    details: z.unknown().optional(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

export const Id = z.uuid()
export const IdParams = z.object({ id: Id })

/** Areas travel as decimal strings with at most two decimals ("89.37"): exact, never floats. */
export const AreaString = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'validation.area')
/** An area that must be more than zero (a unit, a parking space). */
export const PositiveAreaString = AreaString.refine((v) => /[1-9]/.test(v), 'validation.areaPositive')
/** Calendar dates of the community's time zone. */
export const DateString = z.iso.date()

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type PageQuery = z.infer<typeof PageQuery>

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}
export type Page<T> = { items: T[]; nextCursor: string | null }

export const Ok = z.object({ ok: z.literal(true) })

export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  actorKind: z.enum(['user', 'api_key', 'system']),
  actorId: Id.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
})
export const AuditQuery = PageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(64).optional(),
})

type Undefaulted<T> = T extends z.ZodDefault<infer Inner> ? Inner : T

/**
 * The PATCH form of a create schema: every field optional and none with a default, so a field left
 * out means "unchanged". (`.partial()` alone keeps the defaults, and zod fills them in: a PATCH of one
 * field would quietly reset the others.)
 */
export function patchOf<T extends z.ZodRawShape>(
  schema: z.ZodObject<T>,
): z.ZodObject<{ [K in keyof T]: z.ZodOptional<Undefaulted<T[K]>> }> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      z.optional((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType),
    ]),
  )
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<Undefaulted<T[K]>> }>
}
