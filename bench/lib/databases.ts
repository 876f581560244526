import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { type Database, openDatabase } from '../../apps/server/src/platform/db/database'
import { migrate } from '../../apps/server/src/platform/db/migrate'

/** Where the benchmark's PostgreSQL lives; only a server on this machine is accepted. */
export function postgresAdminUrl(): string {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const host = new URL(url).hostname
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`BENCH_DATABASE_URL must point at this machine, not ${host}`)
  }
  return url
}

/** A database the benchmark may fill and throw away: a PostgreSQL URL or a PGlite data directory. */
export interface ScratchDatabase {
  kind: 'postgres' | 'pglite'
  /** DATABASE_URL for PostgreSQL; MEIHAO_DATA_DIR (holding `pglite/`) for PGlite. */
  location: string
  open(): Promise<Database>
  drop(): Promise<void>
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A fresh, migrated `meihao_bench_<random>` database on the local PostgreSQL server. */
export async function scratchPostgres(): Promise<ScratchDatabase> {
  const name = `meihao_bench_${randomBytes(5).toString('hex')}`
  await adminQuery(`create database ${name}`)
  const url = new URL(postgresAdminUrl())
  url.pathname = `/${name}`
  const scratch: ScratchDatabase = {
    kind: 'postgres',
    location: url.toString(),
    open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 4 }),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  }
  await migrated(scratch)
  return scratch
}

/** A fresh, migrated PGlite data directory in a temp folder. */
export async function scratchPglite(): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'meihao-bench-'))
  // Where the server itself keeps PGlite: <MEIHAO_DATA_DIR>/pglite (see openConfiguredDatabase).
  const dataDir = join(dir, 'pglite')
  const scratch: ScratchDatabase = {
    kind: 'pglite',
    location: dir,
    open: () => openDatabase({ dataDir }),
    drop: async () => {
      // The HTTP figure gives the bare server a copy of the directory, beside it.
      for (const d of [dir, `${dir}-bare`]) rmSync(d, { recursive: true, force: true })
    },
  }
  await migrated(scratch)
  return scratch
}

/** Migrates the new database; one that cannot be migrated is dropped at once. */
async function migrated(scratch: ScratchDatabase): Promise<void> {
  try {
    const db = await scratch.open()
    try {
      await migrate(db)
    } finally {
      await db.close()
    }
  } catch (error) {
    await scratch.drop()
    throw error
  }
}

/** The environment a child process needs to open the same database. */
export const databaseEnv = (scratch: ScratchDatabase): Record<string, string> =>
  scratch.kind === 'postgres' ? { DATABASE_URL: scratch.location } : { MEIHAO_DATA_DIR: scratch.location }

/** Runs `fn` on a fresh database of `kind`, dropping it afterwards whatever happens. */
export async function withScratch<T>(
  kind: ScratchDatabase['kind'],
  fn: (scratch: ScratchDatabase) => Promise<T>,
) {
  const scratch = kind === 'postgres' ? await scratchPostgres() : await scratchPglite()
  try {
    return await fn(scratch)
  } finally {
    await scratch.drop()
  }
}

export const ENGINES = ['postgres', 'pglite'] as const
export const ENGINE_NAMES = { postgres: 'PostgreSQL', pglite: 'PGlite' } as const
