/**
 * The one error type handlers throw. `code` is module-prefixed and has a message in every catalog;
 * `params` fill the message, `details` travel to the client as they are.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(code)
  }
}

export const notFound = (code = 'COMMON_NOT_FOUND', params: Record<string, unknown> = {}) =>
  new AppError(404, code, params)
export const forbidden = () => new AppError(403, 'COMMON_FORBIDDEN')
export const unauthenticated = () => new AppError(401, 'COMMON_UNAUTHENTICATED')
export const conflict = (code: string, params: Record<string, unknown> = {}, details?: unknown) =>
  new AppError(409, code, params, details)
export const invalid = (code: string, params: Record<string, unknown> = {}, details?: unknown) =>
  new AppError(422, code, params, details)
/** A service we depend on (a payment provider) refused or could not be reached: nothing was changed. */
export const upstreamFailed = (code: string, params: Record<string, unknown> = {}, details?: unknown) =>
  new AppError(502, code, params, details)
