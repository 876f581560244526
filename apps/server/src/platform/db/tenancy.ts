import { type Compilable, type Kysely, sql, type Transaction } from 'kysely'
import pg from 'pg'
import { BEGIN_MARKER } from './app-pool'
import type { Database } from './database'
import { TenantReadQuery } from './tenant-read-query'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Runs `fn` in one transaction as the app role with `app.tenant_id` set, so Row Level Security
 * limits every statement to this tenant. Repositories still filter by tenant_id themselves:
 * two locks, not one.
 */
export function withTenant<T, R>(
  db: Database,
  tenantId: string,
  fn: (tx: Transaction<T>) => Promise<R>,
): Promise<R> {
  checkTenantId(tenantId)
  return inAppTransaction(db, tenantId, fn)
}

/**
 * One SELECT as the app role in the tenant, in a single round trip instead of withTenant's three: for
 * hot read routes whose answer is one statement. Same RLS guarantees (see TenantReadQuery).
 */
export async function selectInTenant<O>(db: Database, tenantId: string, query: Compilable<O>): Promise<O[]> {
  checkTenantId(tenantId)
  const compiled = query.compile()
  const client = await db.appPool.connect()
  let broken: Error | undefined
  try {
    return await new Promise<O[]>((resolve, reject) => {
      client.query(
        new TenantReadQuery(tenantId, compiled.sql, compiled.parameters, (error, result) =>
          error ? reject(error) : resolve((result?.rows ?? []) as O[]),
        ),
      )
    })
  } catch (error) {
    // A statement error leaves the connection clean (Sync rolled back); anything else may not have.
    if (!(error instanceof pg.DatabaseError)) broken = error as Error
    throw error
  } finally {
    client.release(broken)
  }
}

function checkTenantId(tenantId: string) {
  if (!UUID.test(tenantId)) throw new Error(`tenant id is not a UUID: ${tenantId}`)
}

/**
 * A transaction as the app role with no tenant: it sees only global tables (accounts, sessions,
 * tenants, authorities); every tenant table answers no rows.
 */
export function withoutTenant<T, R>(db: Database, fn: (tx: Transaction<T>) => Promise<R>): Promise<R> {
  return inAppTransaction(db, '', fn)
}

/**
 * BEGIN, the role switch and the tenant travel with the transaction's first statement (one round trip;
 * the tenant is a checked UUID or empty), then COMMIT or ROLLBACK: one round trip for the statement and
 * one to end, where Kysely's transaction() followed by a set_config takes four.
 */
async function inAppTransaction<T, R>(
  db: Database,
  tenantId: string,
  fn: (tx: Transaction<T>) => Promise<R>,
) {
  return (db.app as Kysely<T>).connection().execute(async (conn) => {
    // Held back by the pool's client and sent with the first statement (app-pool.ts).
    await sql.raw(`${BEGIN_MARKER}${tenantId}`).execute(conn)
    let result: R
    try {
      // The connection is pinned for the callback, so it is the transaction in all but type.
      result = await fn(conn as unknown as Transaction<T>)
    } catch (error) {
      await sql.raw('rollback').execute(conn)
      throw error
    }
    await sql.raw('commit').execute(conn)
    return result
  })
}
