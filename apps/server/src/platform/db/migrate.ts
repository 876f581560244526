import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import type { Database } from './database'

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations')

export interface MigrationFile {
  name: string
  sql: string
  checksum: string
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8')
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') }
    })
}

/**
 * Applies pending migrations in order, each in its own transaction, as the schema owner.
 * A landed migration whose text changed stops the run: add a new migration instead.
 */
export async function migrate(db: Database, files = readMigrations()): Promise<string[]> {
  const applied: string[] = []
  await db.owner.connection().execute(async (conn) => {
    await sql`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(
      conn,
    )
    await sql`select pg_advisory_lock(727274)`.execute(conn)
    try {
      const { rows } = await sql<{
        name: string
        checksum: string
      }>`select name, checksum from schema_migrations`.execute(conn)
      const done = new Map(rows.map((r) => [r.name, r.checksum]))
      for (const file of files) {
        const previous = done.get(file.name)
        if (previous !== undefined) {
          if (previous !== file.checksum) {
            throw new Error(
              `Migration ${file.name} changed after it was applied; add a new migration instead`,
            )
          }
          continue
        }
        await conn.transaction().execute(async (tx) => {
          await sql.raw(file.sql).execute(tx)
          await sql`insert into schema_migrations (name, checksum) values (${file.name}, ${file.checksum})`.execute(
            tx,
          )
        })
        applied.push(file.name)
      }
    } finally {
      await sql`select pg_advisory_unlock(727274)`.execute(conn)
    }
  })
  return applied
}
