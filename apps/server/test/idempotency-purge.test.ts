import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Database } from '../src/platform/db/database'
import { uuidv7 } from '../src/platform/ids'
import { purgeIdempotencyKeys } from '../src/platform/jobs'
import { createTestDatabase } from './support/database'

let db: Database
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.close())

it('purges idempotency keys older than a week in every company, and only those', async () => {
  const tenants = [uuidv7(), uuidv7()]
  for (const [i, id] of tenants.entries())
    await sql`insert into tenants (id, code, name) values (${id}, ${`idem-${i}-${id.slice(-6)}`}, 'x')`.execute(
      db.owner,
    )
  for (const id of tenants) {
    await db.owner.transaction().execute(async (tx) => {
      await sql`select set_config('app.tenant_id', ${id}, true)`.execute(tx)
      await sql`insert into idempotency_keys (tenant_id, actor_key, key, request_hash, created_at) values
        (${id}, 'u', 'old-key-1', 'h', now() - interval '8 days'),
        (${id}, 'u', 'new-key-1', 'h', now() - interval '6 days')`.execute(tx)
    })
  }
  expect(await purgeIdempotencyKeys(db.owner)).toBe(2)
  expect(await purgeIdempotencyKeys(db.owner)).toBe(0)
  const { rows } = await sql<{ key: string }>`select key from idempotency_keys order by key`.execute(db.owner)
  expect(rows.map((r) => r.key)).toEqual(['new-key-1', 'new-key-1'])
})
