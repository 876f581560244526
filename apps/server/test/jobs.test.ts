import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Database } from '../src/platform/db/database'
import { withTenant } from '../src/platform/db/tenancy'
import { uuidv7 } from '../src/platform/ids'
import {
  createJobQueue,
  defineJob,
  type JobDefinition,
  type JobLog,
  JobPayloadError,
  type JobQueue,
  type JobQueueOptions,
  purgeEndedSessions,
  sessionsPurgeJob,
} from '../src/platform/jobs'
import { createTestDatabase, testDatabaseKind } from './support/database'
import { databaseUrlFor } from './support/postgres'

let db: Database
/** PostgreSQL: pg-boss gets its own pool on this URL, as in production. */
let databaseUrl: string | undefined
const queues: JobQueue[] = []

beforeAll(async () => {
  db = await createTestDatabase()
  if (testDatabaseKind() === 'postgres') {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db.owner)
    databaseUrl = databaseUrlFor(rows[0]!.name)
  }
})
afterAll(async () => {
  for (const queue of queues) await queue.stop()
  await db.close()
})

interface Logged {
  level: 'info' | 'warn' | 'error'
  obj: object
  msg: string | undefined
}
function recordingLog(): JobLog & { entries: Logged[] } {
  const entries: Logged[] = []
  const at = (level: Logged['level']) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg })
  }
  return { entries, info: at('info'), warn: at('warn'), error: at('error') }
}

function queueOf(definitions: readonly JobDefinition[], options: Partial<JobQueueOptions> = {}): JobQueue {
  const queue = createJobQueue(db, definitions, {
    log: recordingLog(),
    databaseUrl,
    pollingIntervalSeconds: 0.1,
    ...options,
  })
  queues.push(queue)
  return queue
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function jobState(name: string, id: string): Promise<string | undefined> {
  const { rows } = await sql<{
    state: string
  }>`select state::text from pgboss.job where name = ${name} and id = ${id}`.execute(db.owner)
  return rows[0]?.state
}
async function jobCount(name: string): Promise<number> {
  const { rows } = await sql<{
    n: number
  }>`select count(*)::int as n from pgboss.job where name = ${name}`.execute(db.owner)
  return rows[0]!.n
}

let seq = 0
/** A job that records what it was given; a fresh id per test keeps tests apart. */
function recorder(
  options: {
    fail?: (payload: { n: number }, attempt: number) => boolean
    delayMs?: number
    batchSize?: number
  } = {},
) {
  const seen: Array<{ payload: unknown; attempt: number; jobId: string }> = []
  const def = defineJob({
    id: `test.echo${++seq}`,
    payload: z.object({ n: z.number().int(), note: z.string().default('none') }),
    retryLimit: 2,
    retryDelaySeconds: 0,
    retryBackoff: false,
    batchSize: options.batchSize ?? 20,
    async handler(payload, ctx) {
      if (options.delayMs) await sleep(options.delayMs)
      seen.push({ payload, attempt: ctx.attempt, jobId: ctx.jobId })
      if (options.fail?.(payload, ctx.attempt))
        throw new Error(`refused ${payload.n} on attempt ${ctx.attempt}`)
    },
  })
  return { def, seen }
}

describe(`job queue on ${testDatabaseKind()}`, () => {
  it('handles a sent job once, with its parsed payload', async () => {
    const { def, seen } = recorder()
    const log = recordingLog()
    const queue = queueOf([def], { log })
    const t0 = Date.now()
    await queue.start()
    const started = Date.now() - t0
    const id = await queue.send(def, { n: 7 })
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    await waitFor(async () => (await jobState(def.id, id!)) === 'completed')
    const latency = Date.now() - t0 - started
    await sleep(300)
    expect(seen).toEqual([{ payload: { n: 7, note: 'none' }, attempt: 1, jobId: id }])
    await queue.stop()
    expect(log.entries).toEqual([])
    console.info(`[${testDatabaseKind()}] start ${started} ms, send→completed ${latency} ms`)
  })

  it('refuses an invalid payload at send and stores nothing', async () => {
    const { def } = recorder()
    const queue = queueOf([def], { startWorkers: false })
    await queue.start()
    await expect(queue.send(def.id, { n: 'seven' })).rejects.toBeInstanceOf(JobPayloadError)
    await expect(queue.send(def.id, { n: 1.5 })).rejects.toThrow(/Invalid payload for job test\.echo\d+: n /)
    await expect(queue.send('test.nobody', { n: 1 })).rejects.toThrow(/not defined/)
    // A Date would come back as a string: refused before it is stored.
    const dated = defineJob({
      id: 'test.dated',
      payload: z.object({ at: z.date() }),
      handler: async () => {},
    })
    const datedQueue = queueOf([dated], { startWorkers: false })
    await datedQueue.start()
    await expect(datedQueue.send(dated, { at: new Date() })).rejects.toBeInstanceOf(JobPayloadError)
    expect(await jobCount(def.id)).toBe(0)
    expect(await jobCount(dated.id)).toBe(0)
    await queue.stop()
    await datedQueue.stop()
    await expect(queue.send(def, { n: 1 })).rejects.toThrow(/not started/)
  })

  it('retries a handler that fails once, then completes', async () => {
    const { def, seen } = recorder({ fail: (_, attempt) => attempt === 1 })
    const log = recordingLog()
    const queue = queueOf([def], { log })
    await queue.start()
    const id = await queue.send(def, { n: 1 })
    await waitFor(async () => (await jobState(def.id, id!)) === 'completed')
    expect(seen.map((s) => s.attempt)).toEqual([1, 2])
    expect(log.entries.filter((e) => e.level === 'warn').map((e) => e.msg)).toEqual([
      'job failed, will retry',
    ])
    await queue.stop()
  })

  it('fails one job of a batch without failing the others, and gives up after retryLimit', async () => {
    const { def, seen } = recorder({ fail: (p) => p.n === 13, batchSize: 50 })
    const queue = queueOf([def])
    await queue.start()
    const ids: string[] = []
    for (let n = 0; n < 30; n++) ids.push((await queue.send(def, { n }))!)
    await waitFor(async () => {
      const { rows } = await sql<{ done: number }>`select count(*)::int as done from pgboss.job
        where name = ${def.id} and state in ('completed', 'failed')`.execute(db.owner)
      return rows[0]!.done === 30
    })
    expect(await jobState(def.id, ids[13]!)).toBe('failed')
    expect(seen.filter((s) => (s.payload as { n: number }).n === 13).map((s) => s.attempt)).toEqual([1, 2, 3])
    expect(seen.filter((s) => (s.payload as { n: number }).n !== 13)).toHaveLength(29)
    await queue.stop()
  })

  it('runs a job sent twice with the same dedupeKey once', async () => {
    const { def, seen } = recorder()
    const queue = queueOf([def])
    await queue.start()
    const [first, second] = await Promise.all([
      queue.send(def, { n: 1 }, { dedupeKey: 'bill-42:2025-06' }),
      queue.send(def, { n: 2 }, { dedupeKey: 'bill-42:2025-06' }),
    ])
    expect([first, second].filter((id) => id === null)).toHaveLength(1)
    await waitFor(() => seen.length === 1)
    // Still dropped after it ran (until pg-boss archives it); another key runs.
    expect(await queue.send(def, { n: 3 }, { dedupeKey: 'bill-42:2025-06' })).toBeNull()
    expect(await queue.send(def, { n: 4 }, { dedupeKey: 'bill-42:2025-07' })).not.toBeNull()
    await waitFor(() => seen.length === 2)
    await sleep(300)
    expect(seen.map((s) => (s.payload as { n: number }).n).sort()).toEqual([first ? 1 : 2, 4].sort())
    await queue.stop()
  })

  it('stop() waits for a running handler, and a job sent while stopped runs after start()', async () => {
    const { def, seen } = recorder({ delayMs: 400 })
    const queue = queueOf([def])
    await queue.start()
    const inFlight = await queue.send(def, { n: 1 })
    await sleep(150) // fetched, handler sleeping
    const t0 = Date.now()
    await queue.stop()
    const stopMs = Date.now() - t0
    expect(seen).toHaveLength(1)
    expect(await jobState(def.id, inFlight!)).toBe('completed')

    // An enqueue-only process (MEIHAO_WORKERS=off) sends while the worker is down.
    const api = queueOf([def], { startWorkers: false })
    await api.start()
    const later = await api.send(def, { n: 2 })
    await sleep(400)
    expect(await jobState(def.id, later!)).toBe('created')
    await api.stop()

    await queue.start()
    await waitFor(async () => (await jobState(def.id, later!)) === 'completed')
    expect(seen.map((s) => (s.payload as { n: number }).n)).toEqual([1, 2])
    await queue.stop()
    console.info(`[${testDatabaseKind()}] graceful stop with a 400 ms handler running: ${stopMs} ms`)
  })

  it('enqueues inside a transaction: the job exists only if it commits (app role, PGlite-safe)', async () => {
    const { def, seen } = recorder()
    const queue = queueOf([def])
    await queue.start()
    const tenantId = uuidv7()
    await sql`insert into tenants (id, code, name) values (${tenantId}, ${`t-${tenantId.slice(-8)}`}, 'T')`.execute(
      db.owner,
    )
    await expect(
      withTenant(db, tenantId, async (tx) => {
        await queue.send(def, { n: 1 }, { tx: tx })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    const committed = await withTenant(db, tenantId, (tx) => queue.send(def, { n: 2 }, { tx: tx }))
    await waitFor(async () => (await jobState(def.id, committed!)) === 'completed')
    await sleep(200)
    expect(seen.map((s) => (s.payload as { n: number }).n)).toEqual([2])
    expect(await jobCount(def.id)).toBe(1)
    await queue.stop()
  })

  it('shares a backlog between two worker processes, each job running once', async () => {
    const { def, seen } = recorder({ batchSize: 10, delayMs: 5 })
    const logs = [recordingLog(), recordingLog()]
    const [a, b] = [queueOf([def], { log: logs[0]! }), queueOf([def], { log: logs[1]! })]
    await a.start()
    await b.start()
    const ids = await Promise.all(Array.from({ length: 200 }, (_, n) => a.send(def, { n })))
    await waitFor(() => seen.length >= 200)
    await Promise.all([a.stop(), b.stop()])
    expect(new Set(seen.map((s) => s.jobId))).toEqual(new Set(ids))
    expect(seen).toHaveLength(200)
    expect([...logs[0]!.entries, ...logs[1]!.entries]).toEqual([])
  })

  it('fails start() on a bad cron and stays stopped, ready for another try', async () => {
    const broken = defineJob({
      id: 'test.badcron',
      payload: z.object({}),
      cron: 'every hour',
      handler: async () => {},
    })
    const queue = queueOf([broken])
    await expect(queue.start()).rejects.toThrow()
    expect(queue.running).toBe(false)
    await queue.stop()
    await expect(queue.start()).rejects.toThrow()
  })

  it('works through a backlog in batches', async () => {
    const { def, seen } = recorder({ batchSize: 100 })
    const api = queueOf([def], { startWorkers: false })
    await api.start()
    const total = 500
    const t0 = Date.now()
    for (let n = 0; n < total; n += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => api.send(def, { n: n + i })))
    }
    const sendMs = Date.now() - t0
    await api.stop()
    const queue = queueOf([def])
    const t1 = Date.now()
    await queue.start()
    await waitFor(() => seen.length >= total, 20_000)
    const workMs = Date.now() - t1
    await queue.stop()
    expect(new Set(seen.map((s) => (s.payload as { n: number }).n)).size).toBe(total)
    expect(seen).toHaveLength(total)
    console.info(
      `[${testDatabaseKind()}] ${total} jobs: send ${sendMs} ms (${Math.round((total * 1000) / sendMs)}/s), ` +
        `work ${workMs} ms (${Math.round((total * 1000) / workMs)}/s)`,
    )
  })
})

describe(`platform.sessions.purge on ${testDatabaseKind()}`, () => {
  it('is scheduled hourly and deletes only sessions that ended more than a day ago', async () => {
    const tenantId = uuidv7()
    const accountId = uuidv7()
    await sql`insert into tenants (id, code, name) values (${tenantId}, ${`s-${tenantId.slice(-8)}`}, 'S')`.execute(
      db.owner,
    )
    await sql`insert into accounts (id, phone_hash, phone_enc, name, password_hash)
      values (${accountId}, ${`h-${accountId}`}, 'enc', 'A', 'x')`.execute(db.owner)
    const sessions = {
      active: ["now() + interval '2 hours'", 'null'],
      expiredLongAgo: ["now() - interval '25 hours'", 'null'],
      expiredRecently: ["now() - interval '1 hour'", 'null'],
      revokedLongAgo: ["now() + interval '2 hours'", "now() - interval '2 days'"],
      revokedRecently: ["now() + interval '2 hours'", "now() - interval '23 hours'"],
    }
    const ids: Record<string, string> = {}
    for (const [label, [expires, revoked]] of Object.entries(sessions)) {
      ids[label] = uuidv7()
      await sql`insert into sessions (id, token_hash, csrf_token, account_id, tenant_id, created_at, expires_at, revoked_at)
        values (${ids[label]}, ${`tok-${ids[label]}`}, 'c', ${accountId}, ${tenantId}, now() - interval '3 days',
                ${sql.raw(expires!)}, ${sql.raw(revoked!)})`.execute(db.owner)
    }

    const log = recordingLog()
    const queue = queueOf([sessionsPurgeJob], { log })
    await queue.start()
    const { rows: schedules } = await sql<{ cron: string; timezone: string }>`
      select cron, timezone from pgboss.schedule where name = 'platform.sessions.purge'`.execute(db.owner)
    expect(schedules).toEqual([{ cron: '0 * * * *', timezone: 'Asia/Shanghai' }])

    const id = await queue.send(sessionsPurgeJob, {})
    await waitFor(async () => (await jobState(sessionsPurgeJob.id, id!)) === 'completed')
    const { rows } = await sql<{
      id: string
    }>`select id from sessions where account_id = ${accountId}`.execute(db.owner)
    expect(rows.map((r) => r.id).sort()).toEqual(
      [ids.active, ids.expiredRecently, ids.revokedRecently].sort(),
    )
    expect(log.entries).toContainEqual({
      level: 'info',
      obj: { job: 'platform.sessions.purge', deleted: 2 },
      msg: 'purged ended sessions',
    })
    // Idempotent: a second run has nothing left to do.
    expect(await purgeEndedSessions(db.owner)).toBe(0)
    await queue.stop()
  })
})
