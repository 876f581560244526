import { type Kysely, sql, type Transaction } from 'kysely'
import { APP_ROLE, type Database } from './database'

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
  if (!UUID.test(tenantId)) throw new Error(`tenant id is not a UUID: ${tenantId}`)
  return inAppTransaction(db, tenantId, fn)
}

/**
 * A transaction as the app role with no tenant: it sees only global tables (accounts, sessions,
 * tenants, authorities); every tenant table answers no rows.
 */
export function withoutTenant<T, R>(db: Database, fn: (tx: Transaction<T>) => Promise<R>): Promise<R> {
  return inAppTransaction(db, '', fn)
}

/**
 * BEGIN, the role switch and the tenant travel in one round trip (a parameterless multi-statement
 * query; the tenant is a checked UUID or empty), then COMMIT or ROLLBACK: three statements fewer per
 * request than Kysely's transaction() followed by a set_config.
 */
async function inAppTransaction<T, R>(
  db: Database,
  tenantId: string,
  fn: (tx: Transaction<T>) => Promise<R>,
) {
  return (db.app as Kysely<T>).connection().execute(async (conn) => {
    await sql
      .raw(
        `begin; select set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', '${tenantId}', true)`,
      )
      .execute(conn)
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
