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

/**
 * Texts of landed migrations that were once amended in place (a mistake: the amendments now live in
 * 0009). Databases created from the amended texts are accepted as they are; 0009 is idempotent for them.
 */
const SUPERSEDED_CHECKSUMS: Readonly<Record<string, readonly string[]>> = {
  '0005_governance.sql': ['841bd7923763dcf94e30b0e5e17e2acf2c420b296098dbcee031ba4ccefbc35b'],
  '0006_community_vote_rules.sql': ['dea281865a26cf8bae0016939725679a1931951aa054e26250ad2bfb0d96c434'],
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
          if (previous !== file.checksum && !SUPERSEDED_CHECKSUMS[file.name]?.includes(previous)) {
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
