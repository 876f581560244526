import pino, { type Logger } from 'pino'
import type { Config } from './config'

/** JSON logs for processes without an HTTP server (`meihao worker`, CLI jobs); the server uses Fastify's. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: 'meihao' } })
}
