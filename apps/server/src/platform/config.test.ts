import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, trustProxyOf } from './config'

const KEY = 'dGVzdC1rZXktMzItYnl0ZXMtbG9uZy0wMTIzNDU2Nzg='

/** The message of the ConfigError thrown for `env`. */
function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`)
}

describe('loadConfig', () => {
  it('starts with nothing set: embedded database, documented defaults', () => {
    expect(loadConfig({})).toEqual({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: 3000,
      DATABASE_POOL_SIZE: 10,
      MEIHAO_DATA_DIR: './data',
      MEIHAO_SEED_DEMO: 'auto',
      MEIHAO_WORKERS: 'on',
      MEIHAO_COOKIE_SECURE: 'auto',
      MEIHAO_SESSION_HOURS: 12,
      MEIHAO_LOGIN_MAX_FAILURES: 5,
      MEIHAO_LOGIN_LOCK_MINUTES: 15,
      MEIHAO_LOGIN_RATE_PER_MINUTE: 20,
      MEIHAO_TRUST_PROXY: 'false',
      MEIHAO_SMS_DRIVER: 'outbox',
      MEIHAO_PAYMENTS: 'sandbox',
      MEIHAO_WECHATPAY_API_BASE: 'https://api.mch.weixin.qq.com',
      MEIHAO_ALIPAY_GATEWAY: 'https://openapi.alipay.com/gateway.do',
      LOG_LEVEL: 'info',
    })
  })

  it('reads numbers from their text and keeps the other settings as given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://meihao@db:5432/meihao',
      DATABASE_APP_URL: 'postgresql://app@db/meihao',
      MEIHAO_PII_KEY: KEY,
      MEIHAO_LOGIN_MAX_FAILURES: '3',
      MEIHAO_LOGIN_LOCK_MINUTES: '1',
      MEIHAO_LOGIN_RATE_PER_MINUTE: '10000',
      LOG_LEVEL: 'silent',
    })
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://meihao@db:5432/meihao',
      DATABASE_APP_URL: 'postgresql://app@db/meihao',
      MEIHAO_PII_KEY: KEY,
      MEIHAO_LOGIN_MAX_FAILURES: 3,
      MEIHAO_LOGIN_LOCK_MINUTES: 1,
      MEIHAO_LOGIN_RATE_PER_MINUTE: 10000,
      LOG_LEVEL: 'silent',
    })
  })

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', MEIHAO_PII_KEY: '' })
    expect(config.PORT).toBe(3000)
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.MEIHAO_PII_KEY).toBeUndefined()
  })

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toHaveProperty('PATH')
  })

  it('names every bad setting in one message', () => {
    const message = errorOf({ PORT: '70000', MEIHAO_WORKERS: 'maybe', MEIHAO_LOGIN_MAX_FAILURES: '0' })
    expect(message).toMatch(/^Invalid configuration:\n/)
    expect(message).toMatch(/^ {2}PORT: /m)
    expect(message).toMatch(/^ {2}MEIHAO_WORKERS: /m)
    expect(message).toMatch(/^ {2}MEIHAO_LOGIN_MAX_FAILURES: /m)
    expect(message).not.toMatch(/HOST/)
  })

  it('refuses values out of range or of the wrong kind', () => {
    for (const [name, value] of [
      ['PORT', 'http'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['NODE_ENV', 'staging'],
      ['DATABASE_POOL_SIZE', '0'],
      ['MEIHAO_SESSION_HOURS', String(24 * 30 + 1)],
      ['MEIHAO_LOGIN_LOCK_MINUTES', '0'],
      ['MEIHAO_LOGIN_RATE_PER_MINUTE', '10001'],
      ['MEIHAO_COOKIE_SECURE', 'yes'],
      ['LOG_LEVEL', 'verbose'],
    ]) {
      expect(errorOf({ [name!]: value }), `${name}=${value}`).toContain(`  ${name}: `)
    }
  })

  it('accepts only PostgreSQL URLs for the database', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://root@db/meihao' })).toContain('DATABASE_URL')
    expect(errorOf({ DATABASE_URL: 'not a url' })).toContain('DATABASE_URL')
    expect(errorOf({ DATABASE_APP_URL: 'http://db/meihao' })).toContain('DATABASE_APP_URL')
  })

  it('accepts only a 32-byte base64 PII key and says how to make one', () => {
    for (const bad of ['short', Buffer.alloc(16).toString('base64'), `${KEY.slice(0, -1)}`, `${KEY}=`]) {
      expect(errorOf({ MEIHAO_PII_KEY: bad })).toContain(
        'MEIHAO_PII_KEY: must be 32 bytes in base64 (openssl rand -base64 32)',
      )
    }
  })

  it('requires a PII key in production', () => {
    expect(errorOf({ NODE_ENV: 'production' })).toBe(
      'Invalid configuration:\n  MEIHAO_PII_KEY: required in production',
    )
    expect(loadConfig({ NODE_ENV: 'production', MEIHAO_PII_KEY: KEY }).NODE_ENV).toBe('production')
  })
})

describe('trustProxyOf', () => {
  it('trusts nobody by default, everybody only when told, or the listed proxies', () => {
    expect(trustProxyOf(loadConfig({}))).toBe(false)
    expect(trustProxyOf(loadConfig({ MEIHAO_TRUST_PROXY: 'true' }))).toBe(true)
    expect(trustProxyOf(loadConfig({ MEIHAO_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }))).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
    ])
    expect(() => loadConfig({ MEIHAO_TRUST_PROXY: 'yes please' })).toThrow(/MEIHAO_TRUST_PROXY/)
  })
})

describe('MEIHAO_SMS_DRIVER', () => {
  it('defaults to the outbox in production and refuses demo codes there', () => {
    const key = 'dGVzdC1rZXktMzItYnl0ZXMtbG9uZy0wMTIzNDU2Nzg='
    expect(loadConfig({ NODE_ENV: 'production', MEIHAO_PII_KEY: key }).MEIHAO_SMS_DRIVER).toBe('outbox')
    expect(() =>
      loadConfig({ NODE_ENV: 'production', MEIHAO_PII_KEY: key, MEIHAO_SMS_DRIVER: 'demo' }),
    ).toThrow(/MEIHAO_SMS_DRIVER: demo is not allowed in production/)
  })
})

describe('MEIHAO_PAYMENTS', () => {
  it('runs the payment sandbox outside production, is off in production and never sandboxed there', () => {
    const key = 'dGVzdC1rZXktMzItYnl0ZXMtbG9uZy0wMTIzNDU2Nzg='
    expect(loadConfig({}).MEIHAO_PAYMENTS).toBe('sandbox')
    expect(loadConfig({ NODE_ENV: 'production', MEIHAO_PII_KEY: key }).MEIHAO_PAYMENTS).toBe('off')
    expect(() =>
      loadConfig({ NODE_ENV: 'production', MEIHAO_PII_KEY: key, MEIHAO_PAYMENTS: 'sandbox' }),
    ).toThrow(/MEIHAO_PAYMENTS: sandbox is not allowed in production/)
  })
})
