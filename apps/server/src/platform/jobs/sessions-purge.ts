import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import { defineJob } from './define'

/** Ended sessions stay a day (so "your session was revoked" can still be told), then go. */
export const SESSION_KEEP_HOURS = 24

// Deleting in slices keeps each statement short on a big table (and PGlite's one connection free between them).
const SLICE = 5000

/**
 * Deletes sessions that expired or were revoked more than `keepHours` ago; answers how many.
 * Idempotent by nature: a second run finds nothing more to delete.
 */
export async function purgeEndedSessions(
  owner: Kysely<unknown>,
  keepHours = SESSION_KEEP_HOURS,
): Promise<number> {
  let total = 0
  for (;;) {
    const result = await sql`
      delete from sessions where id in (
        select id from sessions
        where expires_at < now() - make_interval(hours => ${keepHours})
           or revoked_at < now() - make_interval(hours => ${keepHours})
        limit ${SLICE})`.execute(owner)
    const deleted = Number(result.numAffectedRows ?? 0n)
    total += deleted
    if (deleted < SLICE) return total
  }
}

export const sessionsPurgeJob = defineJob({
  id: 'platform.sessions.purge',
  payload: z.object({}),
  cron: '0 * * * *',
  retryLimit: 2,
  async handler(_payload, { db, log }) {
    // Sessions are a global table: the owner connection, no tenant.
    const deleted = await purgeEndedSessions(db.owner)
    if (deleted > 0) log.info({ job: 'platform.sessions.purge', deleted }, 'purged ended sessions')
  },
})
