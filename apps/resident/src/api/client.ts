import { getLanguage, t } from '../i18n'
import type { ErrorBody } from './types'

/** An API failure, carrying the server's code and its message in the UI language. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }

  /** Per-field messages of a validation failure (`details: [{ path, message }]`), if any. */
  get fieldMessages(): string[] {
    if (!Array.isArray(this.details)) return []
    return this.details.flatMap((d: unknown) =>
      d && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string'
        ? [(d as { message: string }).message]
        : [],
    )
  }
}

/** Text to show for any error thrown by the client (or anything else). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.fieldMessages
    return fields.length > 0
      ? t('error.withFields', { message: error.message, fields: fields.join(t('error.fieldSeparator')) })
      : error.message
  }
  return t('error.unknown')
}

const ME_PATH = '/api/v1/auth/me'
const LOGIN_PATH = '/api/v1/auth/login'
/** Calls after which the session (and so its CSRF token) is a different one. */
const SESSION_CHANGING = new Set(['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/auth/switch'])

let csrfToken: string | null = null
let onUnauthenticated: (() => void) | null = null

/** Called when a signed-in request is answered 401 (session expired or revoked elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as ErrorBody | null)?.error
  return typeof error?.code === 'string' && typeof error.message === 'string'
}

/** Per-request extras: headers such as `Idempotency-Key` for writes that may be retried. */
export interface RequestOptions {
  headers?: Record<string, string>
}

async function send<T>(
  method: string,
  path: string,
  body: unknown,
  retried: boolean,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': getLanguage(),
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && path !== LOGIN_PATH) {
    // The server wants the session's CSRF token echoed on every mutation (sign-in has no session yet).
    headers['X-CSRF-Token'] = await ensureCsrfToken()
  }

  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'NETWORK', t('error.network'))
  }

  const text = await response.text()
  let data: unknown = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }

  if (!response.ok) {
    if (!isErrorBody(data)) {
      throw new ApiError(
        response.status,
        `HTTP_${response.status}`,
        t('error.server', { status: response.status }),
      )
    }
    const { code, message, details } = data.error
    if (code === 'COMMON_CSRF_FAILED' && !retried) {
      csrfToken = null
      return send<T>(method, path, body, true, options)
    }
    if (response.status === 401 && code === 'COMMON_UNAUTHENTICATED') {
      csrfToken = null
      if (path !== ME_PATH) onUnauthenticated?.()
    }
    throw new ApiError(response.status, code, message, details)
  }

  if (path === ME_PATH && method === 'GET') {
    const token = (data as { csrfToken?: unknown } | null)?.csrfToken
    csrfToken = typeof token === 'string' && token ? token : null
  }
  if (SESSION_CHANGING.has(path)) csrfToken = null
  return data as T
}

async function ensureCsrfToken(): Promise<string> {
  if (csrfToken === null) await send<unknown>('GET', ME_PATH, undefined, false)
  return csrfToken ?? ''
}

export const api = {
  get: <T>(path: string) => send<T>('GET', path, undefined, false),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    send<T>('POST', path, body, false, options),
  patch: <T>(path: string, body?: unknown) => send<T>('PATCH', path, body, false),
  delete: <T>(path: string) => send<T>('DELETE', path, undefined, false),
}
