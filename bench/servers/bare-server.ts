/**
 * The ceiling for GET /api/v1/units/:id: Fastify plus the same indexed SELECT on a pg pool of the same
 * size, with no auth, no RLS, no validation. Reports `{ port }` to bench/run.ts.
 */
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import Fastify from 'fastify'
import pg from 'pg'
import { reportFailure, reportPort, requiredEnv } from '../lib/report'
import { UNIT_BY_ID_SQL } from './unit-sql'

// Same date handling as the real server, so both send the same bytes.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)

async function openPool(): Promise<{ pool: pg.Pool; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) })
    return { pool, close: () => pool.end() }
  }
  const lite = await PGlite.create({ dataDir: join(requiredEnv('MEIHAO_DATA_DIR'), 'pglite') })
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig)
  return {
    pool,
    async close() {
      await pool.end()
      await lite.close()
    },
  }
}

await reportFailure(async () => {
  const tenantId = requiredEnv('BENCH_TENANT_ID')
  const { pool, close } = await openPool()
  const app = Fastify({ logger: false })
  app.get<{ Params: { id: string } }>('/api/v1/units/:id', async (req, reply) => {
    // Prepared per connection, as the API's hot reads are (see tenant-read-query.ts).
    const { rows } = await pool.query({
      name: 'unit_by_id',
      text: UNIT_BY_ID_SQL,
      values: [tenantId, req.params.id],
    })
    return rows[0] ?? reply.status(404).send({ error: 'not found' })
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  process.once('SIGTERM', async () => {
    await app.close()
    await close()
    process.exit(0)
  })
  reportPort(app.server.address())
})
