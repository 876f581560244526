import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import { defineJob } from './define'

/** Retries come within minutes; a week of answers covers any client that retries at all. */
export const IDEMPOTENCY_KEEP_DAYS = 7

/**
 * Deletes idempotency keys older than `keepDays`, company by company (the table is under forced RLS,
 * which binds the owner too unless it is a superuser); answers how many. A second run finds nothing.
 */
export async function purgeIdempotencyKeys(
  owner: Kysely<unknown>,
  keepDays = IDEMPOTENCY_KEEP_DAYS,
): Promise<number> {
  const { rows: tenants } = await sql<{ id: string }>`select id from tenants`.execute(owner)
  let total = 0
  for (const { id } of tenants) {
    total += await owner.transaction().execute(async (tx) => {
      await sql`select set_config('app.tenant_id', ${id}, true)`.execute(tx)
      const result = await sql`
        delete from idempotency_keys
         where tenant_id = ${id} and created_at < now() - make_interval(days => ${keepDays})`.execute(tx)
      return Number(result.numAffectedRows ?? 0n)
    })
  }
  return total
}

export const idempotencyPurgeJob = defineJob({
  id: 'platform.idempotency.purge',
  payload: z.object({}),
  cron: '30 3 * * *',
  retryLimit: 2,
  async handler(_payload, { db, log }) {
    const deleted = await purgeIdempotencyKeys(db.owner)
    if (deleted > 0) log.info({ job: 'platform.idempotency.purge', deleted }, 'purged idempotency keys')
  },
})
