import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app.close())

describe('every route declares its permission', () => {
  it('no route is registered without one', () => {
    const routes = [...app.server.routePermissions]
    expect(routes.length).toBeGreaterThan(30)
    const undeclared = routes.filter(([, permission]) => permission === '').map(([route]) => route)
    expect(undeclared).toEqual([])
  })

  it("every /api/v1 route except login and the payment providers' notifications requires a caller", () => {
    const open = [...app.server.routePermissions]
      .filter(([route, permission]) => route.includes('/api/v1/') && permission === 'public')
      .map(([route]) => route)
      .sort()
    // Notifications are authenticated by the providers' signatures (billing/providers), not by a session;
    // the notice-board page by its secret token, and it shows no personal data (disclosure.test.ts).
    expect(open).toEqual([
      'GET /api/v1/public/disclosures/:tenantId/:token',
      'GET /api/v1/public/disclosures/:tenantId/:token/items/:id/attachments/:sha256',
      'HEAD /api/v1/public/disclosures/:tenantId/:token',
      'HEAD /api/v1/public/disclosures/:tenantId/:token/items/:id/attachments/:sha256',
      'POST /api/v1/auth/login',
      'POST /api/v1/pay/notify/:tenantId/alipay',
      'POST /api/v1/pay/notify/:tenantId/wechatpay',
    ])
  })

  it('OpenAPI 3.1 documents every /api/v1 route with its permission', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/api/openapi.json' })
    const doc = res.json()
    expect(doc.openapi).toBe('3.1.0')
    for (const [route, permission] of app.server.routePermissions) {
      const [method, url] = route.split(' ') as [string, string]
      if (!url.startsWith('/api/v1/') || method === 'HEAD') continue
      const operation = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]
      expect(operation, route).toBeDefined()
      expect(operation['x-permission'], route).toBe(permission)
    }
  })

  it('serves the API docs page, health, readiness and metrics', async () => {
    for (const url of ['/api/docs/', '/healthz', '/readyz', '/metrics']) {
      const res = await app.server.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
    }
    const metrics = await app.server.inject({ method: 'GET', url: '/metrics' })
    expect(metrics.body).toContain('http_requests_total')
  })
})

describe('the one error shape', () => {
  it('answers an unknown endpoint with a translated error and a request id', async () => {
    const zh = await app.server.inject({ method: 'GET', url: '/api/v1/nope' })
    expect(zh.statusCode).toBe(404)
    expect(zh.json()).toEqual({
      error: { code: 'COMMON_ROUTE_NOT_FOUND', message: '接口不存在：GET /api/v1/nope' },
    })
    expect(zh.headers['x-request-id']).toBeTruthy()
    const en = await app.server.inject({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    })
    expect(en.json().error.message).toBe('No such endpoint: GET /api/v1/nope')
  })

  it('answers bad input with field details in the caller language', async () => {
    const res = await app.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: '12345', password: '' },
    })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.error.code).toBe('COMMON_VALIDATION_FAILED')
    expect(body.error.details).toContainEqual({ path: 'phone', message: '手机号须为 1 开头的 11 位数字' })
    expect(body.error.details.find((d: { path: string }) => d.path === 'password').message).toMatch(
      /[\u4e00-\u9fa5]/,
    )
  })

  it('answers malformed JSON with the error shape', async () => {
    const res = await app.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone":',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('COMMON_VALIDATION_FAILED')
  })
})
