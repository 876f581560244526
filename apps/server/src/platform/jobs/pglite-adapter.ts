import { CompiledQuery, type Kysely } from 'kysely'
import { type BossDb, trackedBossDb } from './boss-db'

/**
 * Runs pg-boss through a Kysely instance: on PGlite, `db.owner`, whose pg pool holds PGlite's one
 * connection; on PostgreSQL it also serves a transaction (`send(…, { tx })`).
 *
 * Why not PGlite's own `query()` / `exec()`: the app's pg pool talks to PGlite through
 * `execProtocolStream`, which does not take PGlite's transaction lock. A `lite.query()` issued
 * while a pool transaction is open runs inside that transaction and is rolled back with it
 * (checked with PGlite 0.5). Going through the pool queues pg-boss behind open transactions
 * instead. Parameterless multi-statement SQL (schema creation, maintenance) is fine here: pg sends
 * a query without parameters with the simple protocol, which accepts several statements.
 *
 * Pitfall that follows: on PGlite, awaiting `send()` without `tx` inside a transaction waits for
 * the connection that transaction holds — a deadlock. Enqueue with `{ tx }` or after commit.
 */
/** Anything that runs a compiled query: a Kysely instance or a transaction of any database type. */
export type QueryExecutor = Pick<Kysely<unknown>, 'executeQuery'>

export function kyselyBossDb(kysely: QueryExecutor): BossDb {
  return trackedBossDb(async (text, values) => {
    const result = await kysely.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, values))
    return { rows: result.rows ?? [] }
  })
}
