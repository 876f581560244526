import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { provisionTenant } from '../src/modules/iam/provisioning'
import { sha256 } from '../src/platform/crypto/tokens'
import { uuidv7 } from '../src/platform/ids'
import { ApiClient, type ApiResponse, startTestApp, type TestApp } from './support/app'
import { type Company, createCompany, nextPhone, PASSWORD } from './support/fixtures'

/**
 * Sign-in, sessions, CSRF, lockout, passwords and API keys, driven through the HTTP API. Each test
 * makes its own company and people, so tests do not lean on one another.
 */
let app: TestApp
beforeAll(async () => {
  // Every login of this file comes from one address: lift the per-minute limit out of the way here
  // (the limit has its own test with its own server).
  app = await startTestApp({ MEIHAO_LOGIN_RATE_PER_MINUTE: '10000' })
})
afterAll(() => app.close())

let companies = 0
const newCompany = (target: TestApp = app) => createCompany(target, `auth-${++companies}`)

interface LoginOptions {
  tenantCode?: string
  headers?: Record<string, string>
  server?: TestApp
}

const login = (phone: string, password: string, options: LoginOptions = {}) =>
  (options.server ?? app).server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    ...(options.headers ? { headers: options.headers } : {}),
    payload: { phone, password, ...(options.tenantCode ? { tenantCode: options.tenantCode } : {}) },
  })

const cookieOf = (headers: Record<string, unknown>) => {
  const set = headers['set-cookie']
  return String(Array.isArray(set) ? set[0] : set).split(';')[0]!
}

/** A signed-in session whose cookie and CSRF token the test can leave out or change at will. */
interface Session {
  cookie: string
  csrf: string
  /** Sends the cookie and the right CSRF token. */
  api: ApiClient
  /** Sends the cookie only. */
  bare: ApiClient
}

async function signIn(phone: string, password = PASSWORD, tenantCode?: string): Promise<Session> {
  const res = await login(phone, password, tenantCode ? { tenantCode } : {})
  expect(res.statusCode, res.body).toBe(200)
  return sessionOf(cookieOf(res.headers))
}

async function sessionOf(cookie: string): Promise<Session> {
  const bare = new ApiClient(app.server, { cookie })
  const me = await bare.get('/api/v1/auth/me')
  expect(me.status).toBe(200)
  const csrf = me.body.csrfToken as string
  return { cookie, csrf, bare, api: new ApiClient(app.server, { cookie, 'x-csrf-token': csrf }) }
}

/** A member of the company with one company-wide role (finance: estate.read, estate.export). */
async function addUser(company: Company, phone = nextPhone(), roleCode = 'finance') {
  const res = await company.admin.post('/api/v1/iam/users', {
    name: '李四',
    phone,
    password: PASSWORD,
    roles: [{ roleId: company.roleIds[roleCode] }],
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { id: res.body.id as string, phone }
}

const accountOf = (phone: string) =>
  app.db.owner
    .selectFrom('accounts')
    .selectAll()
    .where('phone_hash', '=', app.deps.pii.lookupHash('phone', phone))
    .executeTakeFirstOrThrow()

const countCommunities = async (api: ApiClient) =>
  (await api.get('/api/v1/communities')).body.items.length as number

const newCommunity = (code: string) => ({ code, name: `${code} 苑`, divisionCode: '310115' })

const auditRowsOf = (res: ApiResponse) =>
  app.db.owner
    .selectFrom('audit_log')
    .selectAll()
    .where('request_id', '=', String(res.headers['x-request-id']))
    .execute()

describe('sign-in', () => {
  it('sets an httpOnly SameSite session cookie and stores only the token hash', async () => {
    const company = await newCompany()
    const res = await login(company.adminPhone, PASSWORD)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toMatch(/^mh_session=[\w-]{40,};/)
    expect(setCookie).toMatch(/; HttpOnly/i)
    expect(setCookie).toMatch(/; SameSite=Lax/i)
    expect(setCookie).toMatch(/; Path=\//)
    const expires = Date.parse(/Expires=([^;]+)/.exec(setCookie)![1]!)
    expect(Math.abs(expires - (Date.now() + 12 * 3_600_000))).toBeLessThan(120_000)

    const token = cookieOf(res.headers).slice('mh_session='.length)
    const account = await accountOf(company.adminPhone)
    const sessions = await app.db.owner
      .selectFrom('sessions')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute()
    expect(JSON.stringify(sessions)).not.toContain(token)
    expect(sessions.map((s) => s.token_hash)).toContain(sha256(token))
  })

  it('answers a wrong password with 401 IAM_LOGIN_FAILED in zh-CN, or en-US when asked', async () => {
    const company = await newCompany()
    const zh = await login(company.adminPhone, 'not-the-password')
    expect(zh.statusCode).toBe(401)
    expect(zh.json()).toEqual({ error: { code: 'IAM_LOGIN_FAILED', message: '手机号或密码不正确' } })
    expect(zh.headers['set-cookie']).toBeUndefined()
    const en = await login(company.adminPhone, 'not-the-password', { headers: { 'accept-language': 'en' } })
    expect(en.statusCode).toBe(401)
    expect(en.json()).toEqual({
      error: { code: 'IAM_LOGIN_FAILED', message: 'Wrong mobile number or password' },
    })
  })

  it('answers an unknown phone exactly as a wrong password', async () => {
    const company = await newCompany()
    for (const lang of ['zh-CN', 'en']) {
      const headers = { 'accept-language': lang }
      const unknown = await login(nextPhone(), PASSWORD, { headers })
      const wrong = await login(company.adminPhone, 'not-the-password', { headers })
      expect(unknown.statusCode).toBe(401)
      expect(unknown.json()).toEqual(wrong.json())
      expect(unknown.headers['set-cookie']).toBeUndefined()
    }
  })

  it('refuses a company the account does not belong to', async () => {
    const company = await newCompany()
    const other = await newCompany()
    const res = await login(company.adminPhone, PASSWORD, { tenantCode: other.code })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('IAM_UNKNOWN_TENANT')
    expect(res.headers['set-cookie']).toBeUndefined()
  })

  it('a successful sign-in clears the failure count', async () => {
    const company = await newCompany()
    for (let i = 0; i < 4; i++) expect((await login(company.adminPhone, 'wrong')).statusCode).toBe(401)
    expect((await login(company.adminPhone, PASSWORD)).statusCode).toBe(200)
    for (let i = 0; i < 4; i++) expect((await login(company.adminPhone, 'wrong')).statusCode).toBe(401)
    expect((await login(company.adminPhone, PASSWORD)).statusCode).toBe(200)
  })
})

describe('lockout', () => {
  it('locks after MEIHAO_LOGIN_MAX_FAILURES failures, even for the right password, until the lock expires', async () => {
    const lockApp = await startTestApp({ MEIHAO_LOGIN_LOCK_MINUTES: '1' })
    try {
      const company = await createCompany(lockApp, 'auth-lock')
      const phone = company.adminPhone
      for (let i = 0; i < 5; i++) {
        const res = await login(phone, `wrong-${i}`, { server: lockApp })
        expect(res.statusCode).toBe(401)
        expect(res.json().error.code).toBe('IAM_LOGIN_FAILED')
      }
      const locked = await login(phone, PASSWORD, { server: lockApp })
      expect(locked.statusCode).toBe(423)
      expect(locked.json().error).toEqual({
        code: 'IAM_ACCOUNT_LOCKED',
        message: '登录失败次数过多，账号已锁定，请 1 分钟后再试或联系管理员重置密码',
      })
      expect(locked.headers['set-cookie']).toBeUndefined()

      const hash = lockApp.deps.pii.lookupHash('phone', phone)
      const account = await lockApp.db.owner
        .selectFrom('accounts')
        .select('locked_until')
        .where('phone_hash', '=', hash)
        .executeTakeFirstOrThrow()
      const lockedFor = account.locked_until.getTime() - Date.now()
      expect(lockedFor).toBeGreaterThan(0)
      expect(lockedFor).toBeLessThanOrEqual(60_000)

      // Time passes: the lock lies in the past.
      await lockApp.db.owner
        .updateTable('accounts')
        .set({ locked_until: new Date(Date.now() - 1000) })
        .where('phone_hash', '=', hash)
        .execute()
      expect((await login(phone, PASSWORD, { server: lockApp })).statusCode).toBe(200)
    } finally {
      await lockApp.close()
    }
  })

  it('follows MEIHAO_LOGIN_MAX_FAILURES', async () => {
    const strictApp = await startTestApp({ MEIHAO_LOGIN_MAX_FAILURES: '2' })
    try {
      const company = await createCompany(strictApp, 'auth-strict')
      expect((await login(company.adminPhone, 'wrong', { server: strictApp })).statusCode).toBe(401)
      expect((await login(company.adminPhone, 'wrong', { server: strictApp })).statusCode).toBe(401)
      const locked = await login(company.adminPhone, PASSWORD, { server: strictApp })
      expect(locked.statusCode).toBe(423)
      expect(locked.json().error.message).toContain('15 分钟')
    } finally {
      await strictApp.close()
    }
  })
})

describe('login rate limit', () => {
  it('answers the attempt past MEIHAO_LOGIN_RATE_PER_MINUTE with 429 COMMON_RATE_LIMITED', async () => {
    const limitedApp = await startTestApp({ MEIHAO_LOGIN_RATE_PER_MINUTE: '3' })
    try {
      const phone = nextPhone()
      await provisionTenant(limitedApp.db, limitedApp.deps.pii, {
        code: 'auth-limited',
        name: '限流物业',
        admin: { name: '管理员', phone, password: PASSWORD },
      })
      const attempts = [
        await login(phone, 'wrong', { server: limitedApp }),
        await login(phone, PASSWORD, { server: limitedApp }),
        await login(nextPhone(), PASSWORD, { server: limitedApp }),
      ]
      expect(attempts.map((r) => r.statusCode)).toEqual([401, 200, 401])
      const fourth = await login(phone, PASSWORD, { server: limitedApp })
      expect(fourth.statusCode).toBe(429)
      const { code, message } = fourth.json().error
      expect(code).toBe('COMMON_RATE_LIMITED')
      const seconds = Number(/请求过于频繁，请 (\d+) 秒后再试/.exec(message)?.[1])
      expect(seconds).toBeGreaterThanOrEqual(1)
      expect(seconds).toBeLessThanOrEqual(60)
      expect(fourth.headers['set-cookie']).toBeUndefined()
      // The limit belongs to the login route only.
      expect((await limitedApp.server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
    } finally {
      await limitedApp.close()
    }
  })
})

describe('CSRF', () => {
  it('refuses a mutation carrying the session cookie without the right X-CSRF-Token, and changes nothing', async () => {
    const company = await newCompany()
    const session = await signIn(company.adminPhone, PASSWORD, company.code)
    const other = await signIn(company.adminPhone, PASSWORD, company.code)
    const before = await countCommunities(session.api)
    const attempts = [
      await session.bare.post('/api/v1/communities', newCommunity('csrf-none')),
      await session.bare.request('POST', '/api/v1/communities', newCommunity('csrf-wrong'), {
        'x-csrf-token': 'x',
      }),
      // A token of another session of the same person is still the wrong token.
      await session.bare.request('POST', '/api/v1/communities', newCommunity('csrf-other'), {
        'x-csrf-token': other.csrf,
      }),
      await session.bare.post('/api/v1/auth/logout'),
    ]
    for (const res of attempts) {
      expect(res.status).toBe(403)
      expect(res.body.error).toEqual({
        code: 'COMMON_CSRF_FAILED',
        message: '请求来源校验失败，请刷新页面后重试',
      })
    }
    expect(await countCommunities(session.api)).toBe(before)
    // Reads need no token, and the session survived the refused logout.
    expect((await session.bare.get('/api/v1/auth/me')).status).toBe(200)
    expect((await session.api.post('/api/v1/communities', newCommunity('csrf-ok'))).status).toBe(201)
  })
})

describe('sessions', () => {
  it('logout ends the session at once, though the authenticator had just cached it', async () => {
    const company = await newCompany()
    const session = await signIn(company.adminPhone, PASSWORD, company.code)
    const other = await signIn(company.adminPhone, PASSWORD, company.code)
    expect((await session.api.get('/api/v1/auth/me')).status).toBe(200)
    const out = await session.api.post('/api/v1/auth/logout')
    expect(out.status).toBe(200)
    expect(String(out.headers['set-cookie'])).toMatch(/^mh_session=;.*Expires=Thu, 01 Jan 1970/)
    const after = await session.api.get('/api/v1/auth/me')
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('COMMON_UNAUTHENTICATED')
    expect((await session.api.post('/api/v1/communities', newCommunity('after-logout'))).status).toBe(401)
    // Only that session ended.
    expect((await other.api.get('/api/v1/auth/me')).status).toBe(200)
  })

  it('/auth/me shows the masked phone, the context and the permissions, never the raw phone', async () => {
    const company = await newCompany()
    const session = await signIn(company.adminPhone, PASSWORD, company.code)
    const me = await session.api.get('/api/v1/auth/me')
    expect(me.status).toBe(200)
    const phone = company.adminPhone
    expect(me.body.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`)
    expect(JSON.stringify(me.body)).not.toContain(phone)
    expect(me.body.mustChangePassword).toBe(false)
    expect(me.body.context).toEqual({
      kind: 'tenant',
      id: company.tenantId,
      name: `${company.code} 物业服务有限公司`,
    })
    expect(me.body.memberships).toEqual([me.body.context])
    expect(me.body.permissions).toEqual(
      [
        'audit.read',
        'billing.approve',
        'billing.arrears',
        'billing.collect',
        'billing.configure',
        'billing.ledger',
        'billing.read',
        'billing.refund',
        'billing.run',
        'disclosure.finance',
        'disclosure.manage',
        'disclosure.read',
        'estate.export',
        'estate.import',
        'estate.manage',
        'estate.read',
        'governance.manage',
        'governance.read',
        'iam.apikeys.manage',
        'iam.org.manage',
        'iam.org.read',
        'iam.roles.manage',
        'iam.roles.read',
        'iam.users.manage',
        'iam.users.read',
        'pii.reveal',
        'tickets.configure',
        'tickets.create',
        'tickets.dispatch',
        'tickets.manage',
        'tickets.read',
      ].sort(),
    )
    expect(me.body.csrfToken).toBe(session.csrf)

    const staff = await addUser(company, nextPhone(), 'finance')
    const staffMe = await (await signIn(staff.phone)).api.get('/api/v1/auth/me')
    expect(staffMe.body.permissions).toEqual([
      'billing.approve',
      'billing.arrears',
      'billing.collect',
      'billing.configure',
      'billing.ledger',
      'billing.read',
      'billing.refund',
      'billing.run',
      'disclosure.finance',
      'disclosure.read',
      'estate.export',
      'estate.read',
    ])
    expect(staffMe.body.name).toBe('李四')
  })

  it('refuses anonymous callers and unknown cookies with 401', async () => {
    for (const headers of [{}, { cookie: 'mh_session=not-a-session' }] as Array<Record<string, string>>) {
      const res = await new ApiClient(app.server, headers).get('/api/v1/auth/me')
      expect(res.status).toBe(401)
      expect(res.body.error).toEqual({ code: 'COMMON_UNAUTHENTICATED', message: '请先登录' })
    }
  })

  it('switches one session between the two companies of one account', async () => {
    const a = await newCompany()
    const b = await newCompany()
    const stranger = await newCompany()
    const phone = nextPhone()
    await addUser(a, phone, 'finance')
    await addUser(b, phone, 'company_admin')
    const communityOfB = await b.admin.post('/api/v1/communities', newCommunity('switch-b'))

    const inA = await signIn(phone, PASSWORD, a.code)
    const meA = await inA.api.get('/api/v1/auth/me')
    expect(meA.body.context.id).toBe(a.tenantId)
    expect(meA.body.memberships.map((m: { id: string }) => m.id).sort()).toEqual(
      [a.tenantId, b.tenantId].sort(),
    )
    expect((await inA.api.get(`/api/v1/communities/${communityOfB.body.id}`)).status).toBe(404)

    const refused = await inA.api.post('/api/v1/auth/switch', { kind: 'tenant', id: stranger.tenantId })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('IAM_UNKNOWN_TENANT')
    expect((await inA.api.get('/api/v1/auth/me')).status).toBe(200)

    const switched = await inA.api.post('/api/v1/auth/switch', { kind: 'tenant', id: b.tenantId })
    expect(switched.status).toBe(200)
    const inB = await sessionOf(cookieOf(switched.headers))
    expect(inB.cookie).not.toBe(inA.cookie)
    const meB = await inB.api.get('/api/v1/auth/me')
    expect(meB.body.context.id).toBe(b.tenantId)
    expect(meB.body.permissions).toContain('iam.users.manage')
    expect((await inB.api.get(`/api/v1/communities/${communityOfB.body.id}`)).status).toBe(200)
    // The session moved: the old cookie no longer works.
    expect((await inA.api.get('/api/v1/auth/me')).status).toBe(401)
  })
})

describe('passwords', () => {
  it('refuses a wrong current password with 422 and keeps the old one', async () => {
    const company = await newCompany()
    const user = await addUser(company)
    const session = await signIn(user.phone)
    const res = await session.api.post('/api/v1/auth/password', {
      currentPassword: 'not-it',
      newPassword: 'Another#2026',
    })
    expect(res.status).toBe(422)
    expect(res.body.error).toEqual({ code: 'IAM_WRONG_PASSWORD', message: '当前密码不正确' })
    expect((await login(user.phone, PASSWORD)).statusCode).toBe(200)
    expect((await login(user.phone, 'Another#2026')).statusCode).toBe(401)
  })

  it('changing the password keeps this session, ends the others, and only the new password works', async () => {
    const company = await newCompany()
    const user = await addUser(company)
    const current = await signIn(user.phone)
    const elsewhere = await signIn(user.phone)
    expect((await elsewhere.api.get('/api/v1/auth/me')).status).toBe(200)
    const res = await current.api.post('/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Another#2026',
    })
    expect(res.status).toBe(200)
    expect((await current.api.get('/api/v1/auth/me')).status).toBe(200)
    expect((await elsewhere.api.get('/api/v1/auth/me')).status).toBe(401)
    expect((await login(user.phone, PASSWORD)).statusCode).toBe(401)
    expect((await login(user.phone, 'Another#2026')).statusCode).toBe(200)
  })

  it('an administrator reset lifts the lock, ends the sessions and requires a change at next sign-in', async () => {
    const company = await newCompany()
    const user = await addUser(company)
    const session = await signIn(user.phone)
    for (let i = 0; i < 5; i++) await login(user.phone, 'wrong')
    expect((await login(user.phone, PASSWORD)).statusCode).toBe(423)

    const res = await company.admin.post(`/api/v1/iam/users/${user.id}/reset-password`, {
      newPassword: 'Reset#2026x',
    })
    expect(res.status).toBe(200)
    const account = await accountOf(user.phone)
    expect(account.locked_until).toBeNull()
    expect(account.failed_logins).toBe(0)
    expect(account.must_change_password).toBe(true)
    expect((await session.api.get('/api/v1/auth/me')).status).toBe(401)

    expect((await login(user.phone, PASSWORD)).statusCode).toBe(401)
    const fresh = await signIn(user.phone, 'Reset#2026x')
    expect((await fresh.api.get('/api/v1/auth/me')).body.mustChangePassword).toBe(true)
    await fresh.api.post('/api/v1/auth/password', {
      currentPassword: 'Reset#2026x',
      newPassword: 'Mine#2026xx',
    })
    expect((await fresh.api.get('/api/v1/auth/me')).body.mustChangePassword).toBe(false)
  })

  it('refuses to reset the password of an account that also belongs to another company (409)', async () => {
    const a = await newCompany()
    const b = await newCompany()
    const phone = nextPhone()
    const inA = await addUser(a, phone)
    await addUser(b, phone)
    const res = await a.admin.post(`/api/v1/iam/users/${inA.id}/reset-password`, {
      newPassword: 'Reset#2026x',
    })
    expect(res.status).toBe(409)
    expect(res.body.error).toEqual({
      code: 'IAM_ACCOUNT_SHARED',
      message: '该账号同时属于其他机构，不能由本公司重置密码，请本人修改',
    })
    expect((await login(phone, PASSWORD)).statusCode).toBe(200)
    expect((await accountOf(phone)).must_change_password).toBe(false)
  })

  it('refuses to reset the password of an account that is also a regulator', async () => {
    const company = await newCompany()
    const user = await addUser(company)
    const account = await accountOf(user.phone)
    const authorityId = uuidv7()
    await app.db.owner
      .insertInto('authorities')
      .values({ id: authorityId, name: '浦东新区房管局', kind: 'housing_bureau', division_code: '310115' })
      .execute()
    await app.db.owner
      .insertInto('authority_members')
      .values({ authority_id: authorityId, account_id: account.id })
      .execute()
    const res = await company.admin.post(`/api/v1/iam/users/${user.id}/reset-password`, {
      newPassword: 'Reset#2026x',
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('IAM_ACCOUNT_SHARED')
  })
})

describe('disabled people', () => {
  it('a disabled user cannot sign in and their open session stops working at once', async () => {
    const company = await newCompany()
    const user = await addUser(company)
    const session = await signIn(user.phone)
    expect((await session.api.get('/api/v1/communities')).status).toBe(200)

    const res = await company.admin.patch(`/api/v1/iam/users/${user.id}`, { status: 'disabled' })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('disabled')
    expect((await session.api.get('/api/v1/communities')).status).toBe(401)
    const again = await login(user.phone, PASSWORD)
    expect(again.statusCode).toBe(403)
    expect(again.headers['set-cookie']).toBeUndefined()

    await company.admin.patch(`/api/v1/iam/users/${user.id}`, { status: 'active' })
    expect((await login(user.phone, PASSWORD)).statusCode).toBe(200)
  })

  it('an administrator cannot disable themself', async () => {
    const company = await newCompany()
    const res = await company.admin.patch(`/api/v1/iam/users/${company.adminUserId}`, { status: 'disabled' })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('IAM_CANNOT_DISABLE_SELF')
    expect((await company.admin.get('/api/v1/auth/me')).status).toBe(200)
  })

  it('a disabled account is told so only after the right password, and its sessions stop', async () => {
    const company = await newCompany()
    const user = await addUser(company)
    const signedIn = await login(user.phone, PASSWORD)
    await app.db.owner
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where('phone_hash', '=', app.deps.pii.lookupHash('phone', user.phone))
      .execute()
    expect((await login(user.phone, 'wrong')).json().error.code).toBe('IAM_LOGIN_FAILED')
    const res = await login(user.phone, PASSWORD)
    expect(res.statusCode).toBe(403)
    expect(res.json().error).toEqual({ code: 'IAM_ACCOUNT_DISABLED', message: '账号已停用' })
    const me = await new ApiClient(app.server, { cookie: cookieOf(signedIn.headers) }).get('/api/v1/auth/me')
    expect(me.status).toBe(401)
  })
})

describe('API keys', () => {
  const bearer = (token: string) => new ApiClient(app.server, { authorization: `Bearer ${token}` })

  async function createKey(company: Company, roleCode = 'company_admin') {
    const res = await company.admin.post('/api/v1/iam/api-keys', {
      name: '收费终端',
      roleId: company.roleIds[roleCode],
    })
    expect(res.status).toBe(201)
    return res.body as { id: string; secret: string; prefix: string }
  }

  it('shows the secret once and stores only its hash', async () => {
    const company = await newCompany()
    const key = await createKey(company)
    expect(key.secret).toMatch(/^mhk_[0-9a-f]{32}_[0-9a-f]{32}_[\w-]{20,}$/)
    expect(key.secret.startsWith(key.prefix)).toBe(true)
    const secretPart = key.secret.split('_').slice(3).join('_')

    const list = await company.admin.get('/api/v1/iam/api-keys')
    expect(list.body.map((k: { id: string }) => k.id)).toEqual([key.id])
    expect(list.body[0]).not.toHaveProperty('secret')
    expect(JSON.stringify(list.body)).not.toContain(secretPart)

    const rows = await app.db.owner.selectFrom('api_keys').selectAll().where('id', '=', key.id).execute()
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(secretPart)
    expect(rows[0]!.secret_hash).toBe(sha256(secretPart))
    const audit = await app.db.owner
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', key.id)
      .execute()
    expect(JSON.stringify(audit)).not.toContain(secretPart)
  })

  it('works with Authorization: Bearer, without CSRF, and is audited as the key', async () => {
    const company = await newCompany()
    const key = await createKey(company)
    const api = bearer(key.secret)
    expect((await api.get('/api/v1/communities')).status).toBe(200)
    const created = await api.post('/api/v1/communities', newCommunity('by-key'))
    expect(created.status).toBe(201)
    const audit = await auditRowsOf(created)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_kind: 'api_key', actor_id: key.id, action: 'community.create' })
    const listed = await company.admin.get('/api/v1/iam/api-keys')
    expect(listed.body[0].lastUsedAt).not.toBeNull()
  })

  it('a key acts within its role: a read-only role cannot write', async () => {
    const company = await newCompany()
    const key = await createKey(company, 'finance')
    const api = bearer(key.secret)
    expect((await api.get('/api/v1/communities')).status).toBe(200)
    const res = await api.post('/api/v1/communities', newCommunity('ro-key'))
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('COMMON_FORBIDDEN')
  })

  it('a revoked key stops working at once', async () => {
    const company = await newCompany()
    const key = await createKey(company)
    const api = bearer(key.secret)
    expect((await api.get('/api/v1/communities')).status).toBe(200)
    expect((await company.admin.delete(`/api/v1/iam/api-keys/${key.id}`)).status).toBe(200)
    const res = await api.get('/api/v1/communities')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('COMMON_UNAUTHENTICATED')
    const listed = await company.admin.get('/api/v1/iam/api-keys')
    expect(listed.body[0].revokedAt).not.toBeNull()
    const twice = await company.admin.delete(`/api/v1/iam/api-keys/${key.id}`)
    expect(twice.status).toBe(404)
    expect(twice.body.error.code).toBe('IAM_API_KEY_NOT_FOUND')
  })

  it("a key of company A cannot see company B's data, nor pass as B's", async () => {
    const a = await newCompany()
    const b = await newCompany()
    const key = await createKey(a)
    const ofA = await a.admin.post('/api/v1/communities', newCommunity('key-a'))
    const ofB = await b.admin.post('/api/v1/communities', newCommunity('key-b'))
    const api = bearer(key.secret)
    expect((await api.get(`/api/v1/communities/${ofB.body.id}`)).status).toBe(404)
    expect((await api.get(`/api/v1/communities/${ofA.body.id}`)).status).toBe(200)
    const list = await api.get('/api/v1/communities')
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([ofA.body.id])
    // The tenant part of the key swapped for B's: no such key in B.
    const forged = key.secret.replace(a.tenantId.replace(/-/g, ''), b.tenantId.replace(/-/g, ''))
    expect(forged).not.toBe(key.secret)
    expect((await bearer(forged).get('/api/v1/communities')).status).toBe(401)
  })

  it('answers a malformed or wrong bearer with 401', async () => {
    const company = await newCompany()
    const key = await createKey(company)
    const wrongSecret = `${key.secret.slice(0, -4)}${key.secret.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`
    for (const token of ['nonsense', 'mhk_123', `${key.secret}x`, wrongSecret, key.secret.slice(0, 80)]) {
      const res = await bearer(token).get('/api/v1/communities')
      expect(res.status, token).toBe(401)
      expect(res.body.error.code).toBe('COMMON_UNAUTHENTICATED')
    }
  })
})

describe('audit of administration', () => {
  it('every iam mutation writes exactly one audit record with the request id, without passwords or phones', async () => {
    const company = await newCompany()
    const api = company.admin
    const phone = nextPhone()
    const city = await api.post('/api/v1/iam/org-units', {
      parentId: company.groupOrgUnitId,
      kind: 'city',
      name: '上海公司',
    })
    const role = await api.post('/api/v1/iam/roles', {
      code: 'gatekeeper',
      name: '门岗',
      permissions: ['estate.read'],
      dataScope: 'company',
    })
    const user = await api.post('/api/v1/iam/users', {
      name: '王五',
      phone,
      password: 'Secret#2026',
      roles: [{ roleId: role.body.id }],
    })
    const steps: Array<[ApiResponse, string]> = [
      [city, 'org_unit.create'],
      [role, 'role.create'],
      [await api.patch(`/api/v1/iam/roles/${role.body.id}`, { name: '门岗（夜班）' }), 'role.update'],
      [user, 'user.create'],
      [await api.patch(`/api/v1/iam/users/${user.body.id}`, { name: '王五五' }), 'user.update'],
      [
        await api.post(`/api/v1/iam/users/${user.body.id}/reset-password`, { newPassword: 'Reset#2026x' }),
        'user.reset_password',
      ],
    ]
    const key = await api.post('/api/v1/iam/api-keys', { name: 'k', roleId: role.body.id })
    steps.push(
      [key, 'api_key.create'],
      [await api.delete(`/api/v1/iam/api-keys/${key.body.id}`), 'api_key.revoke'],
    )
    for (const [res, action] of steps) {
      expect(res.status, action).toBeLessThan(300)
      const rows = await auditRowsOf(res)
      expect(rows.map((r) => r.action)).toEqual([action])
      expect(rows[0]).toMatchObject({
        actor_kind: 'user',
        actor_id: company.adminUserId,
        tenant_id: company.tenantId,
      })
      const text = JSON.stringify(rows)
      for (const secret of [phone, 'Secret#2026', 'Reset#2026x']) expect(text).not.toContain(secret)
    }
  })
})
