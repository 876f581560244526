/**
 * The ceilings for the tickets board and desk entry: Fastify on a pg pool of the same size as the API's,
 * with no auth, no RLS, no validation, no SLA or transition logic.
 * - GET /api/v1/tickets?communityId&limit: the board's SELECT (newest first), rows as they come.
 * - POST /api/v1/tickets: one transaction inserting the ticket row and its first ticket_events row.
 * Reports `{ port }` to bench/run.ts.
 */
import type { TicketKind, TicketPriority } from '@meihao/contracts'
import Fastify from 'fastify'
import pg from 'pg'
import { defaultTargets } from '../../apps/server/src/modules/tickets/sla-defaults'
import { uuidv7 } from '../../apps/server/src/platform/ids'
import { reportFailure, reportPort, requiredEnv } from '../lib/report'
import { BOARD_SQL, INSERT_EVENT_SQL, INSERT_TICKET_SQL } from './ticket-sql'

/** The fields of TicketInput the bare write uses, taken as sent. */
interface NewTicket {
  communityId: string
  buildingId?: string | null
  unitId?: string | null
  spot?: string | null
  kind: TicketKind
  categoryId: string
  priority?: TicketPriority
  channel: string
  title: string
  description?: string
}

await reportFailure(async () => {
  const tenantId = requiredEnv('BENCH_TENANT_ID')
  const pool = new pg.Pool({
    connectionString: requiredEnv('DATABASE_URL'),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  })
  const app = Fastify({ logger: false })

  app.get<{ Querystring: { communityId: string; limit?: string } }>('/api/v1/tickets', async (req) => {
    const limit = Number(req.query.limit ?? 50)
    // Unnamed, as Kysely sends the API's: planned with the values each time. A named statement would
    // switch to a generic plan, which cannot know the LIMIT and sorts the whole community instead.
    const { rows } = await pool.query(BOARD_SQL, [tenantId, req.query.communityId, limit + 1])
    return { items: rows.slice(0, limit), nextCursor: null }
  })

  app.post<{ Body: NewTicket }>('/api/v1/tickets', async (req, reply) => {
    const b = req.body
    const priority = b.priority ?? 'normal'
    const targets = defaultTargets(b.kind, priority, 2)
    const id = uuidv7()
    const client = await pool.connect()
    let broken: Error | undefined
    try {
      await client.query('begin')
      const { rows } = await client.query<{ number: string }>({
        name: 'ticket_insert',
        text: INSERT_TICKET_SQL,
        values: [
          tenantId,
          id,
          b.communityId,
          b.buildingId ?? null,
          b.unitId ?? null,
          b.spot ?? null,
          b.kind,
          b.categoryId,
          priority,
          b.channel,
          b.title,
          b.description ?? '',
          targets.responseMinutes,
          targets.arrivalMinutes,
          targets.resolutionMinutes,
        ],
      })
      await client.query({
        name: 'ticket_event_insert',
        text: INSERT_EVENT_SQL,
        values: [tenantId, id, JSON.stringify({ channel: b.channel })],
      })
      await client.query('commit')
      return reply.status(201).send({ id, number: rows[0]!.number })
    } catch (error) {
      broken = error as Error
      await client.query('rollback').catch(() => {})
      throw error
    } finally {
      client.release(broken)
    }
  })

  await app.listen({ host: '127.0.0.1', port: 0 })
  process.once('SIGTERM', async () => {
    await app.close()
    await pool.end()
    process.exit(0)
  })
  reportPort(app.server.address())
})
