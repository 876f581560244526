import type pg from 'pg'
import { PLAN_CHANGED, TenantReadQuery } from './tenant-read-query'

/**
 * The pool under the app's Kysely handle. Its clients save PostgreSQL work and round trips on every
 * transaction (on a 2-core machine the socket writes were a third of the API's CPU, and planning the
 * same statements again took PostgreSQL's share of the other core):
 *
 * - **BEGIN rides with the first statement.** withTenant sends BEGIN_MARKER + tenant id instead of a
 *   BEGIN; the client keeps it back and sends BEGIN, the role switch, the tenant and the first real
 *   statement in one write, before one Sync. PostgreSQL runs them in order; the explicit BEGIN keeps the
 *   transaction open after the Sync, so what follows, then COMMIT or ROLLBACK, runs in it as before. A
 *   transaction that ends before any statement never reaches the server. (So a transaction's first
 *   statement goes through the extended protocol: one command, never a multi-statement string.)
 * - **Statements stay prepared.** A statement with parameters is parsed once per connection under a
 *   name (Kysely writes the same text for the same query shape) and only bound afterwards, up to
 *   MAX_NAMED per connection; the rest are parsed each time as before.
 */
export const BEGIN_MARKER = '-- meihao: begin in tenant '

const MAX_NAMED = 200

/** The subset of a pg pool that Kysely's PostgresDialect uses. */
interface DialectPool {
  connect(): Promise<pg.PoolClient>
  end(): Promise<void>
}

export function appDialectPool(pool: pg.Pool, options: { endsPool: boolean }): DialectPool {
  const wrapped = new WeakMap<pg.PoolClient, pg.PoolClient>()
  return {
    async connect() {
      const client = await pool.connect()
      let wrapper = wrapped.get(client)
      if (!wrapper) {
        wrapper = appClient(client)
        wrapped.set(client, wrapper)
      }
      return wrapper
    },
    end: () => (options.endsPool ? pool.end() : Promise.resolve()),
  }
}

const EMPTY = { command: null, rowCount: 0, rows: [] }

/**
 * The names given on one protocol connection. Kept by connection, not by client: pg's own record of what
 * is parsed lives on the connection, which PGlite hands to every client its pool makes.
 */
interface Named {
  texts: Map<string, string>
  generation: number
}
const namedByConnection = new WeakMap<object, Named>()

function namedOf(client: pg.PoolClient): Named {
  const connection = (client as unknown as { connection: object }).connection
  let named = namedByConnection.get(connection)
  if (!named) {
    named = { texts: new Map(), generation: 0 }
    namedByConnection.set(connection, named)
  }
  return named
}

function appClient(client: pg.PoolClient): pg.PoolClient {
  let pendingTenant: string | null = null

  const nameOf = (text: string) => {
    const named = namedOf(client)
    let name = named.texts.get(text)
    if (!name && named.texts.size < MAX_NAMED) {
      name = `mh_q${named.generation}_${named.texts.size}`
      named.texts.set(text, name)
    }
    return name
  }
  // After a migration changed a table under a prepared statement, this connection starts afresh.
  const onError = (error: unknown) => {
    if (error instanceof Error && error.message.includes(PLAN_CHANGED)) {
      const named = namedOf(client)
      named.generation += 1
      named.texts = new Map()
    }
    throw error
  }

  const query = (text: string, values: readonly unknown[] = []): Promise<unknown> => {
    if (text.startsWith(BEGIN_MARKER)) {
      pendingTenant = text.slice(BEGIN_MARKER.length)
      return Promise.resolve(EMPTY)
    }
    if (pendingTenant === null) {
      const name = values.length > 0 ? nameOf(text) : undefined
      return (
        name ? client.query({ name, text, values: [...values] }) : client.query(text, [...values])
      ).catch(onError)
    }
    const tenantId = pendingTenant
    pendingTenant = null
    // Nothing ran, so there is nothing to end.
    if (text === 'commit' || text === 'rollback') return Promise.resolve(EMPTY)
    return new Promise<unknown>((resolve, reject) => {
      client.query(
        new TenantReadQuery(
          tenantId,
          text,
          values,
          (error, result) => (error ? reject(error) : resolve(result)),
          {
            begin: true,
          },
        ),
      )
    }).catch(onError)
  }
  // A client must not go back to the pool inside a transaction (a COMMIT that failed to go out): it
  // is rolled back first (PGlite's one backend outlives its clients, so dropping it would not do).
  const release = (error?: Error | boolean) => {
    pendingTenant = null
    const status = (client as unknown as pg.Client).getTransactionStatus()
    if (error || (status !== 'T' && status !== 'E')) return client.release(error)
    client.query('rollback').then(
      () => client.release(),
      (failed: Error) => client.release(failed),
    )
  }
  // Kysely calls only query() and release(); the rest of the client stays as it is.
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === 'query') return query
      if (key === 'release') return release
      return Reflect.get(target, key, receiver)
    },
  })
}
