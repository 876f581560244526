import type { Config } from './platform/config'
import type { Database } from './platform/db/database'
import { createJobQueue, type JobLog, type JobQueue, platformJobs } from './platform/jobs'

/** Every module's job definitions: like the routes, only the composition root lists them. */
export const allJobs = [...platformJobs]

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
  return queue
}
