import { afterAll, beforeAll, expect, it } from 'vitest'
import { z } from 'zod'
import type { Database } from '../src/platform/db/database'
import { createJobQueue, defineJob, type JobLog } from '../src/platform/jobs'
import { createTestDatabase, testDatabaseKind } from './support/database'

// Its own file, so its own database: pg-boss looks at crons at most every 30 s per database,
// and this must be the first queue started on it.
let db: Database
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.close())

const quiet: JobLog = { info() {}, warn() {}, error() {} }

it(`fires a cron job with its cronPayload on ${testDatabaseKind()}`, async () => {
  const runs: unknown[] = []
  const everyMinute = defineJob({
    id: 'test.cron.minutely',
    payload: z.object({ scope: z.string() }),
    cron: '* * * * *',
    cronPayload: { scope: 'all' },
    async handler(payload) {
      runs.push(payload)
    },
  })
  const queue = createJobQueue(db, [everyMinute], { log: quiet, pollingIntervalSeconds: 0.1 })
  const t0 = Date.now()
  await queue.start()
  try {
    // pg-boss checks crons at start, then its internal "send-it" worker polls every 5 s.
    while (runs.length === 0 && Date.now() - t0 < 15_000)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(runs).toEqual([{ scope: 'all' }])
    console.info(`[${testDatabaseKind()}] cron start → handled: ${Date.now() - t0} ms`)
  } finally {
    await queue.stop()
  }
})

it('refuses a cronPayload that does not match the schema', () => {
  expect(() =>
    defineJob({
      id: 'test.cron.bad',
      payload: z.object({ scope: z.string() }),
      cron: '0 * * * *',
      handler: async () => {},
    }),
  ).toThrow(/cronPayload/)
})
