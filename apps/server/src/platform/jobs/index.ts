import type { JobDefinition } from './define'
import { idempotencyPurgeJob } from './idempotency-purge'
import { sessionsPurgeJob } from './sessions-purge'

export { type BossDb, poolBossDb, trackedBossDb } from './boss-db'
export {
  defineJob,
  type JobContext,
  type JobDefinition,
  type JobLog,
  type JobPayloadSchema,
  type JobSpec,
} from './define'
export { IDEMPOTENCY_KEEP_DAYS, idempotencyPurgeJob, purgeIdempotencyKeys } from './idempotency-purge'
export { kyselyBossDb, type QueryExecutor } from './pglite-adapter'
export {
  createJobQueue,
  JOBS_SCHEMA,
  JobPayloadError,
  JobQueue,
  type JobQueueOptions,
  keyToUuid,
  type SendOptions,
} from './queue'
export { purgeEndedSessions, SESSION_KEEP_HOURS, sessionsPurgeJob } from './sessions-purge'

/** The platform's own jobs; modules add theirs next to these when the queue is created. */
export const platformJobs: readonly JobDefinition[] = [sessionsPurgeJob, idempotencyPurgeJob]
