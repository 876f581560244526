import type { Config } from './config'
import type { PiiCipher } from './crypto/pii'
import type { Database } from './db/database'

/** What modules are built from: the one database, the PII cipher, the configuration. */
export interface Deps {
  db: Database
  pii: PiiCipher
  config: Config
}
