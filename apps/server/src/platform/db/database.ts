/* biome-ignore-all lint/suspicious/noExplicitAny: root handles are untyped on purpose (see Database) */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { appDialectPool } from './app-pool'

/** Role the application runs as: not the owner, not superuser, not BYPASSRLS. Created by migration 0001. */
export const APP_ROLE = 'meihao_app'

// Dates are business dates in the community's time zone: keep them as 'YYYY-MM-DD', never shift them.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)

// The root handles are untyped on purpose: each module types its own transactions with its own
// tables (Transaction<EstateTables>), so no module can query another's tables by accident.
export interface Database {
  kind: 'pglite' | 'postgres'
  /** Schema owner: migrations and maintenance only. */
  owner: Kysely<any>
  /** Application connection; every transaction on it drops to APP_ROLE (see tenancy.ts). */
  app: Kysely<any>
  /** The pool under `app`, for protocol-level work Kysely does not offer (see tenant-read-query.ts). */
  appPool: pg.Pool
  /** The embedded engine, when there is one (for dumps in tests and benchmarks). */
  lite?: PGlite
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  appDatabaseUrl?: string | undefined
  dataDir?: string | undefined
  poolSize?: number
  /** A PGlite data dump to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob | File
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.appDatabaseUrl, options.poolSize ?? 10)
  return openPglite(options.dataDir, options.loadDataDir)
}

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob | File): Promise<Database> {
  if (dataDir && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const lite = await PGlite.create({ dataDir, ...(loadDataDir ? { loadDataDir } : {}) })
  // PGlite has one connection: the pool hands it out one transaction at a time.
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig)
  const owner = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
  // The same single connection; the app's handle sends a transaction's BEGIN with its first statement.
  const app = new Kysely<any>({
    dialect: new PostgresDialect({ pool: appDialectPool(pool, { endsPool: false }) }),
  })
  return {
    kind: 'pglite',
    owner,
    app,
    appPool: pool,
    lite,
    async close() {
      await app.destroy()
      await owner.destroy()
      await lite.close()
    },
  }
}

async function openPostgres(
  ownerUrl: string,
  appUrl: string | undefined,
  poolSize: number,
): Promise<Database> {
  const ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 2 })
  const appPool = new pg.Pool({ connectionString: appUrl ?? ownerUrl, max: poolSize })
  if (!appUrl) {
    // Without a separate login for the app, every app connection switches to the app role at once.
    appPool.on('connect', (client) => {
      client.query(`SET ROLE ${APP_ROLE}`).catch(() => client.release(true))
    })
  }
  const owner = new Kysely<any>({ dialect: new PostgresDialect({ pool: ownerPool }) })
  const app = new Kysely<any>({
    dialect: new PostgresDialect({ pool: appDialectPool(appPool, { endsPool: true }) }),
  })
  return {
    kind: 'postgres',
    owner,
    app,
    appPool,
    async close() {
      await app.destroy()
      await owner.destroy()
    },
  }
}
