import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config'
import { newPiiKey } from './pii'

/**
 * The PII key from MEIHAO_PII_KEY; outside production, a key generated once and kept in the data
 * directory so the embedded database works out of the box (production refuses to start without one).
 */
export function resolvePiiKey(config: Config, warn: (msg: string) => void): string {
  if (config.MEIHAO_PII_KEY) return config.MEIHAO_PII_KEY
  const file = join(config.MEIHAO_DATA_DIR, 'pii.key')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(config.MEIHAO_DATA_DIR, { recursive: true })
  const key = newPiiKey()
  writeFileSync(file, `${key}\n`, { mode: 0o600 })
  warn(`MEIHAO_PII_KEY is not set: generated a development key in ${file}. Set MEIHAO_PII_KEY in production.`)
  return key
}
