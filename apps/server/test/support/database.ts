import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { inject } from 'vitest'
import { type Database, openDatabase } from '../../src/platform/db/database'
import { adminUrl, databaseUrlFor } from './postgres'

export const testDatabaseKind = () => (process.env.MEIHAO_TEST_DB === 'postgres' ? 'postgres' : 'pglite')

/** A fresh, migrated database for one test file; `close()` drops it. */
export async function createTestDatabase(): Promise<Database> {
  if (testDatabaseKind() === 'pglite') {
    const dump = readFileSync(inject('pgliteTemplate'))
    return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([dump]) })
  }
  const name = `meihao_t_${randomBytes(6).toString('hex')}`
  const admin = await openDatabase({ databaseUrl: adminUrl() })
  await sql.raw(`create database ${name} template ${inject('postgresTemplate')}`).execute(admin.owner)
  const db = await openDatabase({ databaseUrl: databaseUrlFor(name), poolSize: 5 })
  return {
    ...db,
    async close() {
      await db.close()
      // pg's pool reports itself closed before its sockets are; dropping then would kill live sessions.
      for (let i = 0; i < 50; i++) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity where datname = ${name}`.execute(admin.owner)
        if (rows[0]?.n === 0) break
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.owner)
      await admin.close()
    },
  }
}
