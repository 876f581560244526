import { createHash } from 'node:crypto'
import pg from 'pg'
import PgBoss from 'pg-boss'
import type { z } from 'zod'
import { APP_ROLE, type Database } from '../db/database'
import { type BossDb, poolBossDb } from './boss-db'
import type { JobDefinition, JobLog, JobPayloadSchema } from './define'
import { kyselyBossDb, type QueryExecutor } from './pglite-adapter'
import { JobWorker } from './worker'

/** pg-boss keeps its tables in this schema (not a tenant schema; created on first start). */
export const JOBS_SCHEMA = 'pgboss'

export interface JobQueueOptions {
  log: JobLog
  /** false in a process that only enqueues (MEIHAO_WORKERS=off): no workers, no cron, no maintenance. */
  startWorkers?: boolean
  /** PostgreSQL only: give pg-boss its own pool on this URL (the owner's), instead of sharing `db.owner`. */
  databaseUrl?: string | undefined
  /** Size of that pool. */
  poolSize?: number
  /** How often an idle worker looks for jobs. Sends from this process wake it at once. */
  pollingIntervalSeconds?: number
  /** How long stop() waits for running handlers. */
  stopTimeoutSeconds?: number
}

export interface SendOptions {
  /**
   * Enqueuing twice with the same key is harmless: the second send is dropped (answers null)
   * while a job with this key is waiting, running, or finished — completed or failed for good —
   * less than 12 hours ago (pg-boss maintenance then moves it to its archive). Put a date or
   * version in the key when a later repeat is wanted.
   */
  dedupeKey?: string
  /** A Date, or seconds from now. */
  startAfter?: Date | number
  /** Higher runs first. */
  priority?: number
  /**
   * Enqueue inside this transaction: the job exists only if it commits. Required when sending from
   * inside a transaction on PGlite — its one connection is held by that transaction.
   */
  tx?: QueryExecutor
}

export class JobPayloadError extends Error {
  constructor(
    readonly jobId: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `Invalid payload for job ${jobId}: ${issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    )
    this.name = 'JobPayloadError'
  }
}

interface Running {
  boss: PgBoss
  bossDb: BossDb
  pool: pg.Pool | undefined
  workers: Map<string, JobWorker>
}

export class JobQueue {
  readonly #db: Database
  readonly #defs: Map<string, JobDefinition>
  readonly #options: Required<Omit<JobQueueOptions, 'databaseUrl'>> & Pick<JobQueueOptions, 'databaseUrl'>
  #running: Running | undefined
  #transition: Promise<void> = Promise.resolve()

  constructor(db: Database, definitions: readonly JobDefinition[], options: JobQueueOptions) {
    this.#db = db
    this.#defs = new Map()
    for (const def of definitions) {
      if (this.#defs.has(def.id)) throw new Error(`Job ${def.id} is defined twice`)
      this.#defs.set(def.id, def)
    }
    this.#options = {
      startWorkers: true,
      poolSize: 4,
      pollingIntervalSeconds: 2,
      stopTimeoutSeconds: 30,
      ...options,
    }
    if (!(this.#options.pollingIntervalSeconds >= 0.05))
      throw new Error('pollingIntervalSeconds must be >= 0.05')
  }

  get running(): boolean {
    return this.#running !== undefined
  }

  /** Creates pg-boss's schema and the queues if needed, then (with workers) the crons and workers. */
  start(): Promise<void> {
    // Calls run one after another; a failed start leaves the queue stopped, not stuck.
    const next = this.#transition.catch(() => {}).then(() => this.#start())
    this.#transition = next
    return next
  }

  /** Stops polling, waits for running handlers (up to stopTimeoutSeconds), then lets go of the database. */
  stop(): Promise<void> {
    const next = this.#transition.catch(() => {}).then(() => this.#stop())
    this.#transition = next
    return next
  }

  /** Validates the payload and enqueues; answers the job id, or null when `dedupeKey` dropped it. */
  send<S extends JobPayloadSchema>(
    job: JobDefinition<S>,
    payload: z.input<S>,
    options?: SendOptions,
  ): Promise<string | null>
  send(job: string, payload: unknown, options?: SendOptions): Promise<string | null>
  async send(
    job: JobDefinition | string,
    payload: unknown,
    options: SendOptions = {},
  ): Promise<string | null> {
    const id = typeof job === 'string' ? job : job.id
    const def = this.#defs.get(id)
    if (!def) throw new Error(`Job ${id} is not defined in this queue`)
    const parsed = def.payload.safeParse(payload)
    if (!parsed.success) throw new JobPayloadError(id, parsed.error.issues)
    // What the handler gets is the stored JSON parsed again: refuse payloads that do not survive it (Dates, …).
    const data = JSON.parse(JSON.stringify(parsed.data)) as Record<string, unknown>
    const reparsed = def.payload.safeParse(data)
    if (!reparsed.success) throw new JobPayloadError(id, reparsed.error.issues)

    const running = this.#running
    if (!running) throw new Error('The job queue is not started')
    const { dedupeKey, startAfter, priority, tx } = options
    if (typeof startAfter === 'number' && !(startAfter > 0)) throw new Error('startAfter must be > 0 seconds')
    const jobId = await running.boss.send(id, data, {
      ...(priority !== undefined ? { priority } : {}),
      ...(startAfter !== undefined ? { startAfter } : {}),
      // A key becomes the job's id: pg-boss inserts with ON CONFLICT DO NOTHING on (queue, id).
      ...(dedupeKey !== undefined ? { id: keyToUuid(id, dedupeKey), singletonKey: dedupeKey } : {}),
      ...(tx ? { db: kyselyBossDb(tx) } : {}),
    })
    // A job sent in a transaction is visible after commit; the worker's next poll finds it.
    if (jobId && !tx) running.workers.get(id)?.notify()
    return jobId
  }

  async #start(): Promise<void> {
    if (this.#running) return
    const { log, startWorkers, databaseUrl, poolSize } = this.#options
    const pool =
      this.#db.kind === 'postgres' && databaseUrl
        ? new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'meihao-jobs' })
        : undefined
    pool?.on('error', (err) => log.error({ err }, 'job queue: idle connection failed'))
    const bossDb = pool ? poolBossDb(pool) : kyselyBossDb(this.#db.owner)
    const onError = (err: Error) => log.error({ err }, 'job queue: pg-boss error')
    try {
      await this.#install(bossDb, onError)
      // A fresh PgBoss each start: a stopped instance restarts without its maintenance loop (pg-boss 10).
      const boss = new PgBoss({
        db: bossDb,
        schema: JOBS_SCHEMA,
        migrate: false,
        schedule: startWorkers,
        supervise: startWorkers,
      })
      // Without a listener an 'error' event would throw and end the process.
      boss.on('error', onError)
      await boss.start()
      const workers = new Map<string, JobWorker>()
      if (startWorkers) {
        const workerOptions = { pollingMs: this.#options.pollingIntervalSeconds * 1000, db: this.#db, log }
        for (const def of this.#defs.values()) workers.set(def.id, new JobWorker(boss, def, workerOptions))
        for (const worker of workers.values()) worker.start()
      }
      this.#running = { boss, bossDb, pool, workers }
    } catch (err) {
      await bossDb.idle(5000)
      await pool?.end()
      throw err
    }
  }

  /**
   * Schema, queues, grants and crons, on a PgBoss that does not run anything: the running one
   * looks at crons as soon as it starts, and a cron registered after that look waits 30 s more.
   */
  async #install(bossDb: BossDb, onError: (err: Error) => void): Promise<void> {
    const setup = new PgBoss({
      db: bossDb,
      schema: JOBS_SCHEMA,
      migrate: true,
      schedule: false,
      supervise: false,
    })
    setup.on('error', onError)
    await setup.start()
    try {
      for (const def of this.#defs.values()) {
        const queue = {
          name: def.id,
          policy: 'standard' as const,
          retryLimit: def.retryLimit,
          retryDelay: def.retryDelaySeconds,
          retryBackoff: def.retryBackoff,
          expireInSeconds: def.expireInSeconds,
        }
        await setup.createQueue(def.id, queue)
        await setup.updateQueue(def.id, queue)
      }
      await grantEnqueue(bossDb)
      if (this.#options.startWorkers) await this.#syncSchedules(setup)
    } finally {
      await setup.stop({ graceful: false, wait: true })
    }
  }

  /** The crons in the database are exactly this process's: a removed cron stops firing. */
  async #syncSchedules(boss: PgBoss): Promise<void> {
    const wanted = [...this.#defs.values()].filter((def) => def.cron)
    for (const def of wanted) {
      await boss.schedule(def.id, def.cron!, def.cronPayload as object, { tz: def.cronTz })
    }
    for (const schedule of await boss.getSchedules()) {
      if (!wanted.some((def) => def.id === schedule.name)) await boss.unschedule(schedule.name)
    }
  }

  async #stop(): Promise<void> {
    const running = this.#running
    if (!running) return
    this.#running = undefined
    const { log, stopTimeoutSeconds } = this.#options
    const timeoutMs = stopTimeoutSeconds * 1000
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs)
    })
    const workersDone = Promise.all([...running.workers.values()].map((w) => w.stop())).then(() => false)
    if (await Promise.race([workersDone, timedOut])) {
      // Their jobs stay active until expireInSeconds, then maintenance hands them out again.
      log.warn({ timeoutMs }, 'job queue: handlers still running at stop; their jobs will be retried')
    }
    clearTimeout(timer)
    await running.boss.stop({ graceful: true, wait: true, timeout: timeoutMs })
    await running.bossDb.idle(timeoutMs)
    await running.pool?.end()
  }
}

export function createJobQueue(
  db: Database,
  definitions: readonly JobDefinition[],
  options: JobQueueOptions,
): JobQueue {
  return new JobQueue(db, definitions, options)
}

/** A stable job id for (queue, key): UUID layout with version 8 ("custom"), from SHA-256. */
export function keyToUuid(queue: string, key: string): string {
  const b = createHash('sha256').update(`${queue}\u0000${key}`).digest()
  b[6] = (b[6]! & 0x0f) | 0x80
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = b.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * Lets the app role enqueue inside its own transactions (`send(…, { tx })`): read queue settings,
 * insert a job, read back its id. Nothing else of pg-boss is visible to it. The advisory lock and
 * the check keep concurrent starts from racing on the catalog ("tuple concurrently updated").
 */
async function grantEnqueue(db: BossDb): Promise<void> {
  await db.executeSql(
    `DO $$
    BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}')
         AND NOT has_table_privilege('${APP_ROLE}', '${JOBS_SCHEMA}.job', 'INSERT') THEN
        PERFORM pg_advisory_xact_lock(727275);
        GRANT USAGE ON SCHEMA ${JOBS_SCHEMA} TO ${APP_ROLE};
        GRANT SELECT ON ${JOBS_SCHEMA}.queue TO ${APP_ROLE};
        GRANT INSERT, SELECT (id) ON ${JOBS_SCHEMA}.job TO ${APP_ROLE};
      END IF;
    END
    $$`,
    [],
  )
}
