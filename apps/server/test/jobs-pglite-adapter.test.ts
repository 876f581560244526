import { sql } from 'kysely'
import pg from 'pg'
import PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/platform/db/database'
import { type BossDb, kyselyBossDb, poolBossDb, trackedBossDb } from '../src/platform/jobs'
import { createTestDatabase, testDatabaseKind } from './support/database'
import { databaseUrlFor } from './support/postgres'

let db: Database
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.close())

/** The pg-boss calls the queue relies on, on a schema of its own so creation really happens here. */
async function exercise(bossDb: BossDb, schema: string): Promise<void> {
  const boss = new PgBoss({ db: bossDb, schema, schedule: false, supervise: false })
  const errors: unknown[] = []
  boss.on('error', (err) => errors.push(err))
  await boss.start() // parameterless multi-statement DDL in one text
  expect(await boss.isInstalled()).toBe(true)
  await boss.createQueue('adapter.q', { name: 'adapter.q', retryLimit: 1, retryDelay: 0 })
  const id = await boss.send('adapter.q', { hello: 'world' })
  const [job] = await boss.fetch<{ hello: string }>('adapter.q', { batchSize: 10, includeMetadata: true })
  expect(job).toMatchObject({ id, data: { hello: 'world' }, state: 'active', retryCount: 0 })
  await boss.fail('adapter.q', id!, new Error('once'))
  const [again] = await boss.fetch('adapter.q', { batchSize: 10, includeMetadata: true })
  expect(again).toMatchObject({ id, retryCount: 1 })
  await boss.complete('adapter.q', id!)
  expect((await boss.getJobById('adapter.q', id!))?.state).toBe('completed')
  await boss.maintain() // expire + archive + drop: locked multi-statement texts
  expect(await boss.getQueueSize('adapter.q')).toBe(0)
  await boss.stop({ graceful: true, wait: true })
  await bossDb.idle(5000)
  expect(bossDb.inFlight).toBe(0)
  expect(errors).toEqual([])
}

describe(`pg-boss adapters on ${testDatabaseKind()}`, () => {
  it('runs pg-boss through the Kysely pool (db.owner)', async () => {
    const t0 = Date.now()
    await exercise(kyselyBossDb(db.owner), 'pgboss_kysely')
    console.info(`[${testDatabaseKind()}] pg-boss install + round trip through Kysely: ${Date.now() - t0} ms`)
  })

  it.runIf(testDatabaseKind() === 'postgres')('runs pg-boss on its own pg pool', async () => {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db.owner)
    const pool = new pg.Pool({ connectionString: databaseUrlFor(rows[0]!.name), max: 2 })
    try {
      await exercise(poolBossDb(pool), 'pgboss_pool')
      // Several statements in one text answer the rows of the last one.
      expect((await poolBossDb(pool).executeSql('select 1 as a; select 2 as b', [])).rows).toEqual([{ b: 2 }])
    } finally {
      await pool.end()
    }
  })

  it.runIf(testDatabaseKind() === 'pglite')(
    'queues behind an open pool transaction instead of running inside it (unlike lite.query)',
    async () => {
      const lite = db.lite!
      const bossDb = kyselyBossDb(db.owner)
      await db.owner.schema.createTable('adapter_probe').addColumn('x', 'integer').execute()
      let release!: () => void
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let entered!: () => void
      const inside = new Promise<void>((resolve) => {
        entered = resolve
      })
      const tx = db.owner
        .transaction()
        .execute(async (trx) => {
          await sql`insert into adapter_probe values (1)`.execute(trx)
          entered()
          await gate
          throw new Error('roll back')
        })
        .catch(() => 'rolled back')
      await inside

      // PGlite's own API does not see the pool's transaction: its statement joins it.
      await lite.query('insert into adapter_probe values (2)')
      // The adapter waits for the pool's one connection.
      let adapterDone = false
      const viaAdapter = bossDb.executeSql('insert into adapter_probe values (3)', []).then(() => {
        adapterDone = true
      })
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(adapterDone).toBe(false)
      expect(bossDb.inFlight).toBe(1)

      release()
      expect(await tx).toBe('rolled back')
      await viaAdapter
      const { rows } = await sql<{ x: number }>`select x from adapter_probe order by x`.execute(db.owner)
      expect(rows.map((r) => r.x)).toEqual([3]) // 1 and 2 went with the rollback
    },
  )
})

describe('trackedBossDb.idle', () => {
  it('waits for running statements, including one chained on another', async () => {
    const bossDb = trackedBossDb(async (text) => {
      await new Promise((resolve) => setTimeout(resolve, 50))
      return { rows: [{ text }] }
    })
    const order: string[] = []
    // pg-boss style: fire and forget, with a follow-up started when the first ends.
    void bossDb.executeSql('first', []).then(() => {
      order.push('first')
      void bossDb.executeSql('second', []).then(() => order.push('second'))
    })
    await bossDb.idle(5000)
    order.push('idle')
    expect(order).toEqual(['first', 'second', 'idle'])
  })

  it('gives up after its timeout', async () => {
    const bossDb = trackedBossDb(() => new Promise(() => {}))
    void bossDb.executeSql('never', [])
    const t0 = Date.now()
    await bossDb.idle(100)
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(bossDb.inFlight).toBe(1)
  })
})
