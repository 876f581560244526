import { collectionRollupJob } from './modules/billing/collection-rollup'
import { resumeRunsJob } from './modules/billing/jobs'
import { fundStatementsJob } from './modules/disclosure/fund-statement'
import { slaSweepJob, ticketJobs } from './modules/tickets/jobs'
import type { Config } from './platform/config'
import type { Database } from './platform/db/database'
import { createJobQueue, type JobLog, type JobQueue, platformJobs } from './platform/jobs'

/** Every module's job definitions: like the routes, only the composition root lists them. */
export const allJobs = [...platformJobs, ...ticketJobs, collectionRollupJob, resumeRunsJob, fundStatementsJob]

/** The queue of this process; workers run unless MEIHAO_WORKERS=off (or `forceWorkers` for `meihao worker`). */
export async function startJobQueue(
  config: Config,
  db: Database,
  log: JobLog,
  options: { forceWorkers?: boolean } = {},
): Promise<JobQueue> {
  const queue = createJobQueue(db, allJobs, {
    log,
    startWorkers: options.forceWorkers === true || config.MEIHAO_WORKERS === 'on',
    databaseUrl: config.DATABASE_URL,
  })
  await queue.start()
  // Catch up at once on SLA timers that fell due while no worker ran (the cron follows within a minute).
  if (options.forceWorkers === true || config.MEIHAO_WORKERS === 'on') await queue.send(slaSweepJob, {})
  return queue
}
