import { type Kysely, sql, type Transaction } from 'kysely'
import { APP_ROLE, type Database } from './database'

/**
 * Runs `fn` in one transaction as the app role with `app.tenant_id` set, so Row Level Security
 * limits every statement to this tenant. Repositories still filter by tenant_id themselves:
 * two locks, not one.
 */
export async function withTenant<T, R>(
  db: Database,
  tenantId: string,
  fn: (tx: Transaction<T>) => Promise<R>,
): Promise<R> {
  return (db.app as Kysely<T>).transaction().execute(async (tx) => {
    await sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`.execute(
      tx,
    )
    return fn(tx)
  })
}

/**
 * A transaction as the app role with no tenant: it sees only global tables (accounts, sessions,
 * tenants, authorities); every tenant table answers no rows.
 */
export async function withoutTenant<T, R>(db: Database, fn: (tx: Transaction<T>) => Promise<R>): Promise<R> {
  return (db.app as Kysely<T>).transaction().execute(async (tx) => {
    await sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', '', true)`.execute(tx)
    return fn(tx)
  })
}
