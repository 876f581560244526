import type { Config } from './config'
import type { PiiCipher } from './crypto/pii'
import type { Database } from './db/database'
import type { FileStore } from './files'

/** What modules are built from: the one database, the PII cipher, the file store, the configuration. */
export interface Deps {
  db: Database
  pii: PiiCipher
  files: FileStore
  config: Config
}
