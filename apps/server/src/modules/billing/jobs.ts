import { z } from 'zod'
import { defineJob } from '../../platform/jobs'
import { executeRun, staleRuns } from './run-service'

/**
 * Billing runs left behind by an executor that stopped (server restarted, process killed) are resumed
 * with their pending chunks and their cursor. Chunks are claimed under the run's lock and billed under their
 * own, so an executor that is still alive shares the run and no chunk is billed twice.
 */
export const resumeRunsJob = defineJob({
  id: 'billing.runs.resume',
  payload: z.object({}),
  cron: '* * * * *',
  retryLimit: 2,
  retryDelaySeconds: 30,
  expireInSeconds: 60 * 60,
  async handler(_payload, { db, log }) {
    for (const { tenantId, runId } of await staleRuns(db)) {
      const outcome = await executeRun(db, tenantId, runId)
      log.info({ job: 'billing.runs.resume', runId, outcome }, 'resumed billing run')
    }
  },
})
