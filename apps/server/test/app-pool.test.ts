/* biome-ignore-all lint/suspicious/noExplicitAny: untyped root handles, as in schema.test.ts */
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appDialectPool, BEGIN_MARKER } from '../src/platform/db/app-pool'
import { APP_ROLE, type Database } from '../src/platform/db/database'
import { selectInTenant, withoutTenant, withTenant } from '../src/platform/db/tenancy'
import { uuidv7 } from '../src/platform/ids'
import { createTestDatabase } from './support/database'

/**
 * withTenant's BEGIN and settings travel with the transaction's first statement (app-pool.ts):
 * the first statement already runs as the app role in the tenant, later ones in the same transaction,
 * an error anywhere rolls everything back, and a transaction without statements sends nothing.
 */
let db: Database
const tenant = uuidv7()
const orgNames = async () =>
  (
    await db.owner
      .selectFrom('org_units')
      .select('name')
      .where('tenant_id', '=', tenant)
      .orderBy('name')
      .execute()
  ).map((r: any) => r.name)
const insertOrg = (tx: any, name: string) =>
  tx.insertInto('org_units').values({ tenant_id: tenant, id: uuidv7(), kind: 'group', name }).execute()

/** Counts what reaches pg's clients while `fn` runs. */
async function sent<R>(fn: () => Promise<R>): Promise<{ result: R; queries: number }> {
  const original = pg.Client.prototype.query
  let queries = 0
  ;(pg.Client.prototype as any).query = function (this: pg.Client, ...args: unknown[]) {
    queries += 1
    return (original as any).apply(this, args)
  }
  try {
    return { result: await fn(), queries }
  } finally {
    pg.Client.prototype.query = original
  }
}

beforeAll(async () => {
  db = await createTestDatabase()
  await db.owner
    .insertInto('tenants')
    .values({ id: tenant, code: `pipe-${tenant.slice(-6)}`, name: 'P' })
    .execute()
})
afterAll(() => db.close())

describe('a transaction whose BEGIN rides with its first statement', () => {
  it('runs the first statement as the app role in the tenant, and the rest in the same transaction', async () => {
    // A new PostgreSQL connection first switches to the app role by itself (database.ts): open one now.
    await withTenant(db, tenant, (tx: any) => sql`select 1`.execute(tx))
    const { result, queries } = await sent(() =>
      withTenant(db, tenant, async (tx: any) => {
        const first = await sql<{ role: string; tenant: string; xid: string }>`
          select current_user as role, current_setting('app.tenant_id') as tenant,
                 txid_current()::text as xid, ${'2026-11-28'}::date as day, ${JSON.stringify({ a: 1 })}::jsonb as doc`.execute(
          tx,
        )
        const second = await sql<{ xid: string }>`select txid_current()::text as xid`.execute(tx)
        return { first: first.rows[0] as any, second: second.rows[0]! }
      }),
    )
    expect(result.first).toMatchObject({ role: APP_ROLE, tenant, day: '2026-11-28', doc: { a: 1 } })
    expect(result.second.xid).toBe(result.first.xid)
    // The statement with BEGIN and the settings, the second statement, COMMIT.
    expect(queries).toBe(3)
  })

  it('commits what the first statement wrote, and rolls back everything on a later error', async () => {
    await withTenant(db, tenant, (tx: any) => insertOrg(tx, '一号'))
    expect(await orgNames()).toEqual(['一号'])
    await expect(
      withTenant(db, tenant, async (tx: any) => {
        await insertOrg(tx, '二号')
        await sql`select 1 / 0`.execute(tx)
      }),
    ).rejects.toThrow(/division by zero/)
    expect(await orgNames()).toEqual(['一号'])
  })

  it('leaves nothing behind when the first statement fails, and the connection serves the next one', async () => {
    await expect(
      withTenant(db, tenant, (tx: any) => sql`select no_such_column from org_units`.execute(tx)),
    ).rejects.toThrow(/no_such_column/)
    await expect(
      withTenant(db, tenant, async (tx: any) => {
        await insertOrg(tx, '三号')
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    for (let i = 0; i < 12; i++) {
      const { rows } = await withTenant(db, tenant, (tx: any) =>
        sql<{ tenant: string; open: boolean }>`
          select current_setting('app.tenant_id') as tenant, now() = statement_timestamp() as open`.execute(
          tx,
        ),
      )
      expect(rows[0]!.tenant).toBe(tenant)
    }
    expect(await orgNames()).toEqual(['一号'])
  })

  it('fails alone a first statement with a value pg cannot send, and the connection serves the next one', async () => {
    const unsendable = { amount: 1n } // JSON.stringify refuses a BigInt
    await expect(
      withTenant(db, tenant, (tx: any) => sql`select ${unsendable}::jsonb as doc`.execute(tx)),
    ).rejects.toThrow(/BigInt/)
    await expect(
      selectInTenant(
        db,
        tenant,
        db.app
          .selectFrom('org_units')
          .select('name')
          .where('name', '=', unsendable as any),
      ),
    ).rejects.toThrow(/BigInt/)
    const { rows } = await withTenant(db, tenant, (tx: any) =>
      sql<{ tenant: string; one: string }>`
        select current_setting('app.tenant_id') as tenant, ${'一'}::text as one`.execute(tx),
    )
    expect(rows[0]!.tenant).toBe(tenant)
    expect(await selectInTenant(db, tenant, db.app.selectFrom('org_units').select('name'))).toEqual([
      { name: '一号' },
    ])
  })

  it('rolls back a client released inside its transaction before the pool hands it out again', async () => {
    const pool = appDialectPool(db.appPool, { endsPool: false })
    const client = await pool.connect()
    await client.query(`${BEGIN_MARKER}${tenant}`)
    await client.query(`insert into org_units (tenant_id, id, kind, name) values ($1, $2, 'group', '四号')`, [
      tenant,
      uuidv7(),
    ])
    expect(client.getTransactionStatus()).toBe('T')
    client.release() // no COMMIT went out
    const next = await pool.connect()
    try {
      expect(next.getTransactionStatus()).toBe('I')
    } finally {
      next.release()
    }
    expect(await orgNames()).toEqual(['一号'])
  })

  it('sends nothing for a transaction that runs no statement', async () => {
    const { result, queries } = await sent(() => withTenant(db, tenant, async () => 'nothing to do'))
    expect(result).toBe('nothing to do')
    expect(queries).toBe(0)
    await expect(
      withTenant(db, tenant, async () => {
        throw new Error('before any statement')
      }),
    ).rejects.toThrow('before any statement')
    // Without a tenant, tenant tables answer no rows from the very first statement.
    const rows = await withoutTenant(db, (tx: any) => tx.selectFrom('org_units').selectAll().execute())
    expect(rows).toEqual([])
  })
})

describe('statements with parameters stay prepared on their connection', () => {
  const probe = (tx: any, n: number) =>
    sql<{
      a: number
      n: number
    }>`select a, ${n}::int as n from pool_probe where a <= ${n} order by a`.execute(tx)
  const preparedNames = (tx: any) =>
    sql<{ name: string }>`select name from pg_prepared_statements where name like 'mh_q%'`.execute(tx)

  beforeAll(async () => {
    await sql`create table pool_probe (a int not null)`.execute(db.owner)
    await sql`insert into pool_probe values (1), (2), (3)`.execute(db.owner)
    await sql`grant select on pool_probe to ${sql.raw(APP_ROLE)}`.execute(db.owner)
  })

  it('parses a statement once and binds it afresh each time', async () => {
    const runs = await withTenant(db, tenant, async (tx: any) => {
      await sql`select 1`.execute(tx) // the first statement rides with BEGIN
      const before = (await preparedNames(tx)).rows.length
      const results = [(await probe(tx, 1)).rows, (await probe(tx, 2)).rows, (await probe(tx, 3)).rows]
      const after = (await preparedNames(tx)).rows.length
      return { results, added: after - before }
    })
    expect(runs.results.map((rows) => rows.map((r) => r.a))).toEqual([[1], [1, 2], [1, 2, 3]])
    // The probe, and the look at pg_prepared_statements itself.
    expect(runs.added).toBeLessThanOrEqual(2)
    expect(runs.added).toBeGreaterThanOrEqual(1)
  })

  it('starts afresh on a connection whose prepared statement a migration changed', async () => {
    const star = (tx: any) => sql`select * from pool_probe where a = ${1}`.execute(tx)
    const run = () =>
      withTenant(db, tenant, async (tx: any) => {
        await sql`select 1`.execute(tx)
        return (await star(tx)).rows
      })
    expect(await run()).toEqual([{ a: 1 }])
    await sql`alter table pool_probe add column b text not null default 'x'`.execute(db.owner)
    // One transaction meets PostgreSQL's refusal of the old plan (it cannot be retried inside its
    // transaction); the connection then prepares afresh and the next ones work.
    const outcomes: string[] = []
    for (let i = 0; i < 3; i++)
      outcomes.push(
        await run().then(
          () => 'ok',
          (e: Error) => e.message,
        ),
      )
    expect(outcomes).toEqual(['cached plan must not change result type', 'ok', 'ok'])
    expect(await run()).toEqual([{ a: 1, b: 'x' }])
  })
})
