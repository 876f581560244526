/**
 * rebuildRollups (apps/server/src/modules/tickets/rollup.ts) for company BENCH_TENANT_ID, called directly
 * as the maintenance command would: every community-month recomputed from the tickets, one transaction
 * each. Reports a JobResult whose `rows` are the community-months written.
 */
import { rebuildRollups } from '../../apps/server/src/modules/tickets/rollup'
import { finish, reportFailure, requiredEnv } from '../lib/report'
import { openJobDeps, timed } from './job-env'

await reportFailure(async () => {
  const tenantId = requiredEnv('BENCH_TENANT_ID')
  const deps = await openJobDeps()
  const result = await timed(() => rebuildRollups(deps.db, tenantId))
  await deps.db.close()
  finish(result)
})
