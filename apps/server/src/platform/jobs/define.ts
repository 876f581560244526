import type { z } from 'zod'
import type { Database } from '../db/database'

/**
 * Job definitions as data: an id, a payload schema, a handler, and how to retry.
 *
 * HANDLER CONTRACT — handlers are idempotent. A job can run more than once: a retry after an
 * error, a worker killed half way, a job that outlived `expireInSeconds` and was handed out again,
 * a cron tick seen by two processes. Running it twice must leave the same end state as running it
 * once: write with upserts or `where` guards, key side effects (messages, charges) by something
 * stable in the payload, and never assume "first run".
 */

/** The subset of a pino / Fastify logger the queue uses. */
export interface JobLog {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export interface JobContext {
  jobId: string
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number
  db: Database
  log: JobLog
}

/** Payloads are JSON objects: they are stored as jsonb and parsed again before the handler runs. */
export type JobPayloadSchema = z.ZodType<Record<string, unknown>>

export interface JobDefinition<S extends JobPayloadSchema = JobPayloadSchema> {
  readonly id: string
  readonly payload: S
  /** Method syntax on purpose: definitions with different payloads fit in one list. */
  handler(payload: z.output<S>, ctx: JobContext): Promise<void>
  /** Five-field cron expression (pg-boss checks it every 30 s and sends at most once a minute). */
  readonly cron?: string | undefined
  /** Time zone of `cron`; business schedules follow the community's zone. */
  readonly cronTz: string
  /** Payload of the jobs the cron sends. */
  readonly cronPayload: z.input<S>
  /** Retries after the first run (so a job runs at most retryLimit + 1 times). */
  readonly retryLimit: number
  readonly retryDelaySeconds: number
  /** Doubles the delay on each retry, with jitter. */
  readonly retryBackoff: boolean
  /** A run still active after this long is failed by maintenance and retried. */
  readonly expireInSeconds: number
  /** Jobs fetched per poll and run concurrently. */
  readonly batchSize: number
}

export type JobSpec<S extends JobPayloadSchema> = Pick<JobDefinition<S>, 'id' | 'payload' | 'handler'> &
  Partial<Omit<JobDefinition<S>, 'id' | 'payload' | 'handler'>>

// pg-boss names partitions by a hash, so any name works; dotted lower-case ids read well in logs.
const JOB_ID = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/

export function defineJob<S extends JobPayloadSchema>(spec: JobSpec<S>): JobDefinition<S> {
  if (!JOB_ID.test(spec.id)) throw new Error(`Job id ${spec.id} must be dotted lower-case words`)
  const def: JobDefinition<S> = {
    cronTz: 'Asia/Shanghai',
    cronPayload: {} as z.input<S>,
    retryLimit: 3,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    batchSize: 20,
    ...spec,
  }
  if (!Number.isInteger(def.retryLimit) || def.retryLimit < 0)
    throw new Error(`${def.id}: retryLimit must be >= 0`)
  if (!Number.isInteger(def.retryDelaySeconds) || def.retryDelaySeconds < 0) {
    throw new Error(`${def.id}: retryDelaySeconds must be an integer >= 0`)
  }
  // pg-boss refuses an expiry of 24 h or more.
  if (!Number.isInteger(def.expireInSeconds) || def.expireInSeconds < 1 || def.expireInSeconds >= 24 * 3600) {
    throw new Error(`${def.id}: expireInSeconds must be between 1 s and 24 h`)
  }
  if (!Number.isInteger(def.batchSize) || def.batchSize < 1 || def.batchSize > 1000) {
    throw new Error(`${def.id}: batchSize must be between 1 and 1000`)
  }
  if (def.cron && !def.payload.safeParse(def.cronPayload).success) {
    throw new Error(`${def.id}: cronPayload does not match the payload schema`)
  }
  return def
}
