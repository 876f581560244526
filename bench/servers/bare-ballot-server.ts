/**
 * The ceiling for entering a ballot: Fastify plus the same serialised append on a pg pool of the same
 * size — lock the decision row, find the unit's voter, insert the chained event, move the chain head —
 * with no auth, no RLS, no validation, no scan storage. Reports `{ port }` to bench/run.ts.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { type ChainEvent, eventHash } from '../../apps/server/src/modules/governance/chain'
import { uuidv7 } from '../../apps/server/src/platform/ids'
import { reportFailure, reportPort, requiredEnv } from '../lib/report'

await reportFailure(async () => {
  const tenantId = requiredEnv('BENCH_TENANT_ID')
  const pool = new pg.Pool({
    connectionString: requiredEnv('DATABASE_URL'),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  })
  const app = Fastify({ logger: false })
  app.post<{ Params: { id: string }; Body: { unitId: string; choices: Record<string, string> } }>(
    '/api/v1/decisions/:id/paper-ballots',
    async (req, reply) => {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const d = await client.query(
          'select roll_hash, chain_head, ballot_count from decisions where tenant_id = $1 and id = $2 for update',
          [tenantId, req.params.id],
        )
        const unit = await client.query(
          'select voter_key, owners from decision_roll_units where tenant_id = $1 and decision_id = $2 and unit_id = $3',
          [tenantId, req.params.id, req.body.unitId],
        )
        const seq = d.rows[0].ballot_count + 1
        const prevHash = d.rows[0].chain_head ?? d.rows[0].roll_hash
        const castAt = new Date()
        const event: ChainEvent = {
          decisionId: req.params.id,
          seq,
          voter: unit.rows[0].voter_key,
          castBy: [...unit.rows[0].owners].sort()[0],
          channel: 'paper',
          choices: req.body.choices,
          castAt: castAt.toISOString(),
          effectiveAt: castAt.toISOString(),
          evidence: [],
        }
        const hash = eventHash(prevHash, event)
        await client.query(
          `insert into ballot_events (tenant_id, decision_id, seq, id, voter_key, cast_by, channel, choices, cast_at, effective_at, prev_hash, hash)
           values ($1, $2, $3, $4, $5, $6, 'paper', $7, $8, $8, $9, $10)`,
          [
            tenantId,
            req.params.id,
            seq,
            uuidv7(),
            event.voter,
            event.castBy,
            JSON.stringify(event.choices),
            castAt,
            prevHash,
            hash,
          ],
        )
        await client.query(
          'update decisions set ballot_count = $3, chain_head = $4 where tenant_id = $1 and id = $2',
          [tenantId, req.params.id, seq, hash],
        )
        await client.query('commit')
        return reply.status(201).send({ seq, hash })
      } catch (error) {
        await client.query('rollback')
        throw error
      } finally {
        client.release()
      }
    },
  )
  await app.listen({ host: '127.0.0.1', port: 0 })
  process.once('SIGTERM', async () => {
    await app.close()
    await pool.end()
    process.exit(0)
  })
  reportPort(app.server.address())
})
