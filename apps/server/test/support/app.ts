import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { createHttpServer } from '../../src/app'
import { loadConfig } from '../../src/platform/config'
import { createPiiCipher } from '../../src/platform/crypto/pii'
import type { Database } from '../../src/platform/db/database'
import type { Deps } from '../../src/platform/deps'
import { localDiskStore } from '../../src/platform/files'
import { createTestDatabase } from './database'

export const TEST_PII_KEY = 'dGVzdC1rZXktMzItYnl0ZXMtbG9uZy0wMTIzNDU2Nzg='

export interface TestApp {
  db: Database
  deps: Deps
  server: FastifyInstance
  close(): Promise<void>
}

/** A server on a fresh database, driven in-process with inject(). */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase()
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MEIHAO_PII_KEY: TEST_PII_KEY,
    MEIHAO_DATA_DIR: mkdtempSync(join(tmpdir(), 'meihao-data-')),
    ...env,
  })
  const deps: Deps = {
    db,
    config,
    pii: createPiiCipher(TEST_PII_KEY),
    files: localDiskStore(config.MEIHAO_DATA_DIR),
  }
  const server = await createHttpServer(deps, { webApps: false })
  await server.ready()
  return {
    db,
    deps,
    server,
    async close() {
      await server.close()
      await db.close()
    },
  }
}

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Record<string, unknown>
}

/** A signed-in (or anonymous) caller: keeps the session cookie and sends the CSRF token on writes. */
export class ApiClient {
  private cookie: string | undefined
  private csrf: string | undefined

  constructor(
    private readonly server: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  async login(phone: string, password: string, tenantCode?: string): Promise<ApiResponse> {
    const res = await this.request('POST', '/api/v1/auth/login', {
      phone,
      password,
      ...(tenantCode ? { tenantCode } : {}),
    })
    if (res.status === 200) {
      const set = res.headers['set-cookie']
      const first = Array.isArray(set) ? set[0] : set
      this.cookie = String(first).split(';')[0]
      const me = await this.get('/api/v1/auth/me')
      this.csrf = me.body.csrfToken
    }
    return res
  }

  get = (url: string) => this.request('GET', url)
  post = (url: string, body?: unknown) => this.request('POST', url, body)
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body)
  delete = (url: string) => this.request('DELETE', url)

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<ApiResponse> {
    const res = await this.server.inject({
      method,
      url,
      headers: {
        ...this.headers,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...extra,
      },
      ...(body !== undefined ? { payload: body as never } : {}),
    })
    let parsed: unknown = res.body
    try {
      parsed = res.json()
    } catch {
      // not JSON (files): keep the raw body
    }
    return { status: res.statusCode, body: parsed, headers: res.headers }
  }
}
