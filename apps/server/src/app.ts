import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { auditRoutes } from './modules/audit/routes'
import { billingRoutes } from './modules/billing/routes'
import { disclosureRoutes } from './modules/disclosure/routes'
import { estateImportRoutes } from './modules/estate/import/routes'
import { parkingRoutes } from './modules/estate/parking-routes'
import { estateRoutes } from './modules/estate/routes'
import { governanceRoutes } from './modules/governance/routes'
import { IamAuthenticator } from './modules/iam/authenticator'
import { iamRoutes } from './modules/iam/routes'
import { notifyRoutes } from './modules/notify/routes'
import { ticketRoutes } from './modules/tickets/routes'
import { type Config, trustProxyOf } from './platform/config'
import { createPiiCipher } from './platform/crypto/pii'
import { resolvePiiKey } from './platform/crypto/pii-key'
import { type Database, openDatabase } from './platform/db/database'
import { migrate } from './platform/db/migrate'
import type { Deps } from './platform/deps'
import { localDiskStore } from './platform/files'
import { buildServer } from './platform/http/server'

const here = dirname(fileURLToPath(import.meta.url))
export const VERSION = '0.1.0'
export const WEB_APPS = {
  console: join(here, '../../console/dist'),
  resident: join(here, '../../resident/dist'),
}

/** Opens the configured database (PGlite in MEIHAO_DATA_DIR, or PostgreSQL at DATABASE_URL). */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    appDatabaseUrl: config.DATABASE_APP_URL,
    dataDir: config.DATABASE_URL ? undefined : join(config.MEIHAO_DATA_DIR, 'pglite'),
    poolSize: config.DATABASE_POOL_SIZE,
  })
}

export function createDeps(config: Config, db: Database, warn: (msg: string) => void = console.warn): Deps {
  return {
    db,
    config,
    pii: createPiiCipher(resolvePiiKey(config, warn)),
    files: localDiskStore(config.MEIHAO_DATA_DIR),
  }
}

/** Every module's routes, in one place: the composition root is the only file that knows them all. */
export async function createHttpServer(
  deps: Deps,
  options: { webApps?: boolean } = {},
): Promise<FastifyInstance> {
  const authenticator = new IamAuthenticator(deps)
  return buildServer({
    db: deps.db,
    version: VERSION,
    logLevel: deps.config.LOG_LEVEL,
    trustProxy: trustProxyOf(deps.config),
    authenticator,
    routes: [
      ...iamRoutes(deps, authenticator),
      ...estateRoutes(deps),
      ...governanceRoutes(deps),
      ...parkingRoutes(deps),
      ...estateImportRoutes(deps),
      ...ticketRoutes(deps),
      ...billingRoutes(deps),
      ...disclosureRoutes(deps),
      ...notifyRoutes(),
      ...auditRoutes(),
    ],
    ...(options.webApps === false ? {} : { webApps: WEB_APPS }),
  })
}

export async function openAndMigrate(config: Config): Promise<Database> {
  const db = await openConfiguredDatabase(config)
  await migrate(db)
  return db
}
