import { sql } from 'kysely'
import type { Database } from './database'

/**
 * Runs a per-company batch job for every company until its batches come back short (`work` answers how
 * many items it handled, at most `batch`); answers the total. Rollup refreshes drain their dirty marks so.
 */
export async function drainEveryTenant(
  db: Database,
  batch: number,
  work: (tenantId: string) => Promise<number>,
): Promise<number> {
  const { rows: tenants } = await sql<{ id: string }>`select id from tenants order by id`.execute(db.owner)
  let total = 0
  for (const { id } of tenants) {
    for (;;) {
      const n = await work(id)
      total += n
      if (n < batch) break
    }
  }
  return total
}
