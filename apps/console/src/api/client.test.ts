import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, api, errorMessage, setApiLanguage, setCsrfToken, withQuery } from './client'

type Call = { url: string; init: RequestInit }

function stubFetch(...responses: Response[]): Call[] {
  const calls: Call[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      const next = responses.shift()
      if (!next) throw new Error('no more responses')
      return next
    }),
  )
  return calls
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const header = (call: Call | undefined, name: string) =>
  (call?.init.headers as Record<string, string> | undefined)?.[name]

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(null)
  setApiLanguage('zh-CN')
})

describe('api client', () => {
  it('builds query strings without empty values', () => {
    expect(withQuery('/api/v1/units', { buildingId: 'b', cursor: null, q: '', limit: 50 })).toBe(
      '/api/v1/units?buildingId=b&limit=50',
    )
    expect(withQuery('/x', {})).toBe('/x')
  })

  it('repeats the key of a list value', () => {
    expect(withQuery('/api/v1/tickets', { status: ['accepted', 'assigned'], q: null, mine: true })).toBe(
      '/api/v1/tickets?status=accepted&status=assigned&mine=true',
    )
    expect(withQuery('/x', { status: [] })).toBe('/x')
  })

  it('sends extra headers such as an Idempotency-Key with a write', async () => {
    const calls = stubFetch(json(201, { id: 't' }))
    setCsrfToken('tok')
    await api.post('/api/v1/tickets', { title: 'a' }, undefined, { 'Idempotency-Key': 'key-12345678' })
    expect(header(calls[0], 'Idempotency-Key')).toBe('key-12345678')
    expect(header(calls[0], 'X-CSRF-Token')).toBe('tok')
  })

  it('sends the UI language, and the CSRF token on writes only', async () => {
    const calls = stubFetch(json(200, { items: [] }), json(200, { ok: true }))
    setApiLanguage('en-US')
    setCsrfToken('tok')
    await api.get('/api/v1/communities')
    await api.post('/api/v1/auth/logout')
    expect(header(calls[0], 'Accept-Language')).toBe('en-US')
    expect(header(calls[0], 'X-CSRF-Token')).toBeUndefined()
    expect(header(calls[1], 'X-CSRF-Token')).toBe('tok')
    expect(calls[1]?.init.credentials).toBe('same-origin')
  })

  it('throws the server message as an ApiError', async () => {
    stubFetch(json(401, { error: { code: 'IAM_LOGIN_FAILED', message: '手机号或密码不正确' } }))
    const error = await api.post('/api/v1/auth/login', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 401, code: 'IAM_LOGIN_FAILED', message: '手机号或密码不正确' })
  })

  it('adds field messages of a validation failure', () => {
    const error = new ApiError(400, 'COMMON_VALIDATION_FAILED', '请求参数不正确', [
      { path: 'phone', message: '手机号须为 1 开头的 11 位数字' },
    ])
    expect(errorMessage(error)).toBe('请求参数不正确：phone: 手机号须为 1 开头的 11 位数字')
  })

  it('picks up a new CSRF token once and retries a refused write', async () => {
    const calls = stubFetch(
      json(403, { error: { code: 'COMMON_CSRF_FAILED', message: 'x' } }),
      json(200, { csrfToken: 'fresh', permissions: [] }),
      json(200, { ok: true }),
    )
    setCsrfToken('stale')
    await expect(api.post('/api/v1/iam/roles', { name: 'a' })).resolves.toEqual({ ok: true })
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/iam/roles', '/api/v1/auth/me', '/api/v1/iam/roles'])
    expect(header(calls[2], 'X-CSRF-Token')).toBe('fresh')
  })

  it('sends uploads as multipart form data under "file"', async () => {
    const calls = stubFetch(json(200, { dryRun: true }))
    await api.upload('/api/v1/communities/c/import', new Blob(['a,b']), 'units.csv', { dryRun: true })
    expect(calls[0]?.url).toBe('/api/v1/communities/c/import?dryRun=true')
    const body = calls[0]?.init.body
    expect(body).toBeInstanceOf(FormData)
    expect((body as FormData).get('file')).toBeInstanceOf(Blob)
    expect(header(calls[0], 'Content-Type')).toBeUndefined()
  })
})
