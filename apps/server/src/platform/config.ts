import { z } from 'zod'

/** Every setting Meihao reads, from environment variables. Documented in the README. */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_APP_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MEIHAO_DATA_DIR: z.string().default('./data'),
  MEIHAO_PII_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  MEIHAO_SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  MEIHAO_WORKERS: z.enum(['on', 'off']).default('on'),
  MEIHAO_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  MEIHAO_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  MEIHAO_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  MEIHAO_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  MEIHAO_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  MEIHAO_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|[\d.:/a-fA-F, ]+)$/,
      'true, false, or a comma-separated list of proxy addresses/CIDRs',
    )
    .default('false'),
  /**
   * Where text messages go: always the sms_messages outbox, for a provider adapter to send. `demo`
   * also returns one-time codes to the caller for every company (tests); refused in production. By
   * default (`outbox`) only the seeded demo company sees its codes, and only outside production.
   */
  MEIHAO_SMS_DRIVER: z.enum(['outbox', 'demo']).optional(),
  /**
   * Online payments. `sandbox` (the default outside production): a local stand-in signs notifications
   * with generated keys, so the whole flow runs offline. `live`: notifications are verified with the
   * merchant's keys below. `off`: no online payment.
   */
  MEIHAO_PAYMENTS: z.enum(['sandbox', 'live', 'off']).optional(),
  MEIHAO_WECHATPAY_MCHID: z.string().optional(),
  MEIHAO_WECHATPAY_APPID: z.string().optional(),
  MEIHAO_WECHATPAY_APIV3_KEY: z.string().length(32).optional(),
  /** PEM file of the WeChat Pay platform certificate or public key. */
  MEIHAO_WECHATPAY_PLATFORM_KEY_FILE: z.string().optional(),
  MEIHAO_WECHATPAY_PLATFORM_SERIAL: z.string().optional(),
  /** The merchant's API certificate serial and PEM private key: they sign the H5 orders placed live. */
  MEIHAO_WECHATPAY_MERCHANT_SERIAL: z.string().optional(),
  MEIHAO_WECHATPAY_MERCHANT_KEY_FILE: z.string().optional(),
  MEIHAO_WECHATPAY_API_BASE: z.url().default('https://api.mch.weixin.qq.com'),
  MEIHAO_ALIPAY_APP_ID: z.string().optional(),
  MEIHAO_ALIPAY_SELLER_ID: z.string().optional(),
  /** PEM file of the Alipay public key. */
  MEIHAO_ALIPAY_PUBLIC_KEY_FILE: z.string().optional(),
  /** PEM file of the app's private key: it signs the 手机网站支付 URLs. */
  MEIHAO_ALIPAY_APP_PRIVATE_KEY_FILE: z.string().optional(),
  MEIHAO_ALIPAY_GATEWAY: z.url().default('https://openapi.alipay.com/gateway.do'),
  /** Where this deployment is reached from the internet (https://…): providers notify and return here. */
  MEIHAO_PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type Config = z.infer<typeof ConfigSchema> & {
  MEIHAO_SMS_DRIVER: 'outbox' | 'demo'
  MEIHAO_PAYMENTS: 'sandbox' | 'live' | 'off'
}

export class ConfigError extends Error {}

/** Validates the environment once at start; a bad value stops the process with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = ConfigSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const production = parsed.data.NODE_ENV === 'production'
  if (production && !parsed.data.MEIHAO_PII_KEY) {
    throw new ConfigError('Invalid configuration:\n  MEIHAO_PII_KEY: required in production')
  }
  if (production && parsed.data.MEIHAO_SMS_DRIVER === 'demo') {
    throw new ConfigError('Invalid configuration:\n  MEIHAO_SMS_DRIVER: demo is not allowed in production')
  }
  if (production && parsed.data.MEIHAO_PAYMENTS === 'sandbox') {
    throw new ConfigError('Invalid configuration:\n  MEIHAO_PAYMENTS: sandbox is not allowed in production')
  }
  return {
    ...parsed.data,
    MEIHAO_SMS_DRIVER: parsed.data.MEIHAO_SMS_DRIVER ?? 'outbox',
    MEIHAO_PAYMENTS: parsed.data.MEIHAO_PAYMENTS ?? (production ? 'off' : 'sandbox'),
  }
}

/**
 * Fastify's trustProxy from MEIHAO_TRUST_PROXY: off by default, because trusting X-Forwarded-For
 * from anyone lets a client pick its own address and so escape the login rate limit.
 */
export function trustProxyOf(config: Pick<Config, 'MEIHAO_TRUST_PROXY'>): boolean | string[] {
  const value = config.MEIHAO_TRUST_PROXY.trim()
  if (value === 'true') return true
  if (value === 'false' || value === '') return false
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
}
