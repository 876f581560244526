import type { Me } from '@meihao/contracts'
import { type Language, translate } from '../i18n/translate'

/** An error answered by the API (or the network), carrying the server's translated message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Field-level messages the server attaches to COMMON_VALIDATION_FAILED. */
export interface FieldIssue {
  path: string
  message: string
}

export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return []
  return error.details.filter(
    (d): d is FieldIssue => typeof d === 'object' && d !== null && typeof d.message === 'string',
  )
}

/** The message to show a person for anything thrown by a call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const issues = fieldIssues(error)
      .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
      .filter((text) => text !== error.message)
    return issues.length > 0
      ? translate(language, 'error.withIssues', { message: error.message, issues: issues.join('; ') })
      : error.message
  }
  if (error instanceof Error) return error.message
  return String(error)
}

let language: Language = 'zh-CN'
let csrfToken: string | null = null
let unauthenticatedListener: (() => void) | null = null

export function setApiLanguage(lang: Language) {
  language = lang
}
export function setCsrfToken(token: string | null) {
  csrfToken = token
}
/** Called when the server says the session is gone (expired or signed out elsewhere). */
export function onUnauthenticated(listener: (() => void) | null) {
  unauthenticatedListener = listener
}

export type QueryValue = string | number | boolean | null | undefined
/** A list repeats its key (`status=a&status=b`); empty values are left out. */
export type Query = Record<string, QueryValue | readonly QueryValue[]>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const search = new URLSearchParams()
  for (const [key, given] of Object.entries(query)) {
    const values: readonly QueryValue[] = Array.isArray(given) ? given : [given as QueryValue]
    for (const value of values) {
      if (value === undefined || value === null || value === '') continue
      search.append(key, String(value))
    }
  }
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

interface RequestOptions {
  query?: Query
  json?: unknown
  form?: FormData
  /** Extra headers, such as an Idempotency-Key for a write that may be retried. */
  headers?: Record<string, string>
}

const SAFE = new Set(['GET', 'HEAD'])

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': language,
  }
  let body: BodyInit | undefined
  if (options.form) {
    body = options.form // the browser sets the multipart boundary itself
  } else if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  try {
    return await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'NETWORK', translate(language, 'error.network'))
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = translate(language, 'error.http', { status: response.status })
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; details?: unknown }
    }
    const error = body?.error
    if (error && typeof error.code === 'string') {
      const message = typeof error.message === 'string' && error.message ? error.message : fallback
      return new ApiError(response.status, error.code, message, error.details)
    }
  } catch {
    // not JSON (a proxy page, say): fall through
  }
  return new ApiError(response.status, `HTTP_${response.status}`, fallback)
}

async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
  retried = false,
): Promise<T> {
  const response = await send(method, path, options)
  if (!response.ok) {
    const error = await toApiError(response)
    if (error.code === 'COMMON_CSRF_FAILED' && !retried) {
      // The session moved on (password change, company switch): pick up the new token, try once more.
      await fetchMe()
      return request<T>(method, path, options, true)
    }
    if (error.status === 401 && error.code === 'COMMON_UNAUTHENTICATED') unauthenticatedListener?.()
    throw error
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** GET /api/v1/auth/me; remembers the session's CSRF token for every later write. */
export async function fetchMe(): Promise<Me> {
  const me = await request<Me>('GET', '/api/v1/auth/me')
  setCsrfToken(me.csrfToken)
  return me
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, json?: unknown, query?: Query, headers?: Record<string, string>) =>
    request<T>('POST', path, { json: json ?? {}, query, headers }),
  put: <T>(path: string, json: unknown) => request<T>('PUT', path, { json }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data upload of one file under the field `file`. */
  upload: <T>(path: string, file: Blob, fileName: string, query?: Query) => {
    const form = new FormData()
    form.append('file', file, fileName)
    return request<T>('POST', path, { form, query })
  },
}
