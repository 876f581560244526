import type PgBoss from 'pg-boss'
import type { Database } from '../db/database'
import type { JobDefinition, JobLog } from './define'

export interface WorkerOptions {
  pollingMs: number
  db: Database
  log: JobLog
}

/**
 * One polling loop per job definition: fetch a batch, run each job, complete the successes and
 * fail the failures one by one. Our own loop rather than pg-boss `work()`: pg-boss 10 completes
 * or fails a whole batch as one (one bad job would retry the good ones), does not await that
 * last statement, and can hand a batch to a handler after its stop() has returned. Here stop()
 * returns only when the loop, its handlers and their bookkeeping are done.
 */
export class JobWorker {
  #stopping = false
  #loop: Promise<void> | undefined
  #wake: (() => void) | undefined
  #pending = false

  readonly #boss: PgBoss
  readonly #def: JobDefinition
  readonly #options: WorkerOptions

  constructor(boss: PgBoss, def: JobDefinition, options: WorkerOptions) {
    this.#boss = boss
    this.#def = def
    this.#options = options
  }

  start(): void {
    this.#loop ??= this.#run()
  }

  /** A job was just sent from this process: poll now instead of at the next tick. */
  notify(): void {
    this.#pending = true
    this.#wake?.()
  }

  async stop(): Promise<void> {
    this.#stopping = true
    this.#wake?.()
    await this.#loop
  }

  async #run(): Promise<void> {
    const def = this.#def
    const options = this.#options
    while (!this.#stopping) {
      this.#pending = false
      let jobs: PgBoss.JobWithMetadata<unknown>[] = []
      try {
        jobs = await this.#boss.fetch<unknown>(def.id, { batchSize: def.batchSize, includeMetadata: true })
        if (jobs.length > 0) await this.#runBatch(jobs)
      } catch (err) {
        options.log.error({ err, job: def.id }, 'job queue: fetching or settling jobs failed')
      }
      // A full batch means more are probably waiting: go again without sleeping.
      if (this.#stopping || this.#pending || jobs.length === def.batchSize) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollingMs)
        this.#wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.#wake = undefined
    }
  }

  async #runBatch(jobs: PgBoss.JobWithMetadata<unknown>[]): Promise<void> {
    const outcomes = await Promise.all(jobs.map((job) => this.#runOne(job)))
    const done = jobs.filter((_, i) => outcomes[i] === undefined).map((job) => job.id)
    if (done.length > 0) await this.#boss.complete(this.#def.id, done)
    for (const [i, error] of outcomes.entries()) {
      if (error !== undefined) await this.#boss.fail(this.#def.id, jobs[i]!.id, toOutput(error))
    }
  }

  /** Runs one job; answers the error it failed with, or undefined. */
  async #runOne(job: PgBoss.JobWithMetadata<unknown>): Promise<unknown> {
    const def = this.#def
    const options = this.#options
    const attempt = job.retryCount + 1
    const started = Date.now()
    try {
      const parsed = def.payload.safeParse(job.data)
      // Stored payloads can predate a schema change; a retry would not make them valid.
      if (!parsed.success) throw new Error(`invalid payload: ${parsed.error.message}`)
      await def.handler(parsed.data, { jobId: job.id, attempt, db: options.db, log: options.log })
      return undefined
    } catch (err) {
      const final = job.retryCount >= job.retryLimit
      options.log[final ? 'error' : 'warn'](
        { err, job: def.id, jobId: job.id, attempt, ms: Date.now() - started },
        final ? 'job failed, no retries left' : 'job failed, will retry',
      )
      return err ?? new Error('job failed')
    }
  }
}

/** pg-boss stores the failure as jsonb output; an Error is serialised with its message and stack. */
function toOutput(error: unknown): object {
  return error instanceof Error ? error : { message: String(error) }
}
