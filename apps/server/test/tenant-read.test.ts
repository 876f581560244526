/* biome-ignore-all lint/suspicious/noExplicitAny: untyped root handles, as in schema.test.ts */
import { sql } from 'kysely'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ROLE, type Database } from '../src/platform/db/database'
import { selectInTenant, withTenant } from '../src/platform/db/tenancy'
import { TenantReadQuery } from '../src/platform/db/tenant-read-query'
import { uuidv7 } from '../src/platform/ids'
import { createTestDatabase } from './support/database'

let db: Database
const tenantA = uuidv7()
const tenantB = uuidv7()

beforeAll(async () => {
  db = await createTestDatabase()
  await db.owner
    .insertInto('tenants')
    .values([
      { id: tenantA, code: `read-a-${tenantA.slice(-6)}`, name: 'A' },
      { id: tenantB, code: `read-b-${tenantB.slice(-6)}`, name: 'B' },
    ])
    .execute()
  for (const [tenant, names] of [
    [tenantA, ['A 集团', 'A 城市公司']],
    [tenantB, ['B 集团']],
  ] as const) {
    await withTenant(db, tenant, (tx: any) =>
      tx
        .insertInto('org_units')
        .values(names.map((name) => ({ tenant_id: tenant, id: uuidv7(), kind: 'group', name })))
        .execute(),
    )
  }
})
afterAll(() => db.close())

/** Deliberately no tenant filter in SQL: only RLS stands between the tenants here. */
const allOrgUnits = () =>
  (db.app as any).selectFrom('org_units').select(['tenant_id', 'name']).orderBy('name')

/** Runs a TenantReadQuery on one client we hold, so the test can look at that client afterwards. */
function readOn(client: pg.PoolClient, tenantId: string, text: string, values: unknown[] = []) {
  return new Promise<unknown[]>((resolve, reject) => {
    client.query(
      new TenantReadQuery(tenantId, text, values, (error, result) =>
        error ? reject(error) : resolve(result.rows),
      ),
    )
  })
}

describe('selectInTenant: one SELECT under RLS in one round trip', () => {
  it('sees exactly the rows of its tenant, even when the SQL names no tenant', async () => {
    const a = await selectInTenant(db, tenantA, allOrgUnits())
    expect(a.map((r: any) => r.name)).toEqual(['A 城市公司', 'A 集团'])
    expect(a.every((r: any) => r.tenant_id === tenantA)).toBe(true)
    const b = await selectInTenant(db, tenantB, allOrgUnits())
    expect(b.map((r: any) => r.name)).toEqual(['B 集团'])
  })

  it('runs as the app role and passes parameters through pg’s own value mapping', async () => {
    const [row] = await selectInTenant<any>(
      db,
      tenantA,
      (db.app as any).selectNoFrom([
        sql<string>`current_user`.as('role'),
        sql<string>`current_setting('app.tenant_id')`.as('tenant'),
        sql<number>`cardinality(${['x', 'y', 'z']}::text[])`.as('n'),
        sql<string>`(${new Date('2026-11-27T00:00:00Z')}::timestamptz at time zone 'UTC')::date::text`.as(
          'day',
        ),
      ]),
    )
    expect(row).toEqual({ role: APP_ROLE, tenant: tenantA, n: 3, day: '2026-11-27' })
  })

  it('leaves nothing behind on the connection: no tenant, no role switch, no open transaction', async () => {
    const client = await db.appPool.connect()
    try {
      const before = await client.query(`select current_user as role`)
      await readOn(client, tenantA, 'select count(*)::int as n from org_units')
      const after = await client.query(
        `select current_user as role, coalesce(current_setting('app.tenant_id', true), '') as tenant,
                (select count(*)::int from org_units) as visible`,
      )
      expect(after.rows[0]).toEqual({ role: before.rows[0].role, tenant: '', visible: expect.any(Number) })
      // As whoever the pool connects as (not the app role with a tenant), nothing leaks between uses.
      if (before.rows[0].role === APP_ROLE) expect(after.rows[0].visible).toBe(0)
    } finally {
      client.release()
    }
  })

  it('a failing statement rejects with the database error and leaves the connection usable', async () => {
    const client = await db.appPool.connect()
    try {
      await expect(readOn(client, tenantA, 'select 1 / $1::int as x', [0])).rejects.toThrow(
        /division by zero/,
      )
      const after = await client.query(
        `select coalesce(current_setting('app.tenant_id', true), '') as tenant, 1 as ok`,
      )
      expect(after.rows[0]).toEqual({ tenant: '', ok: 1 })
      expect(await readOn(client, tenantB, 'select name from org_units')).toEqual([{ name: 'B 集团' }])
    } finally {
      client.release()
    }
  })

  it('keeps the query prepared on its connection and re-prepares it after an error', async () => {
    const client = await db.appPool.connect()
    const prepared = async () =>
      (await client.query(`select name from pg_prepared_statements where name like 'mh_read_%'`)).rows.length
    try {
      const text = 'select name from org_units where name like $1 order by name'
      const before = await prepared()
      expect(await readOn(client, tenantA, text, ['A %'])).toHaveLength(2)
      expect(await prepared()).toBe(before + 1)
      expect(await readOn(client, tenantB, text, ['B %'])).toEqual([{ name: 'B 集团' }])
      expect(await prepared()).toBe(before + 1)
      await expect(readOn(client, tenantA, text, [{ not: 'text' }, 'extra'])).rejects.toThrow()
      expect(await readOn(client, tenantA, text, ['A 集%'])).toEqual([{ name: 'A 集团' }])
      expect(await prepared()).toBe(before + 1)
    } finally {
      client.release()
    }
  })

  it('after a migration changed a table under its plans, re-prepares every statement of the connection', async () => {
    await sql`create table read_probe (a int not null)`.execute(db.owner)
    await sql`insert into read_probe values (1), (2)`.execute(db.owner)
    await sql`grant select on read_probe to ${sql.raw(APP_ROLE)}`.execute(db.owner)
    const one = 'select * from read_probe where a = $1'
    const upTo = 'select * from read_probe where a <= $1 order by a'
    // The pool hands back its last idle client (PGlite has only the one), so both halves share a connection.
    let client = await db.appPool.connect()
    const connection = (client as any).connection
    try {
      expect(await readOn(client, tenantA, one, [1])).toEqual([{ a: 1 }])
      expect(await readOn(client, tenantA, upTo, [2])).toEqual([{ a: 1 }, { a: 2 }])
    } finally {
      client.release()
    }
    await sql`alter table read_probe add column b text not null default 'x'`.execute(db.owner)
    client = await db.appPool.connect()
    try {
      expect((client as any).connection).toBe(connection)
      // The first statement meets PostgreSQL's refusal of its old plan; the other one is not refused too.
      await expect(readOn(client, tenantA, one, [1])).rejects.toThrow(
        'cached plan must not change result type',
      )
      expect(await readOn(client, tenantA, upTo, [1])).toEqual([{ a: 1, b: 'x' }])
      expect(await readOn(client, tenantA, one, [2])).toEqual([{ a: 2, b: 'x' }])
    } finally {
      client.release()
    }
  })

  it('refuses a tenant id that is not a UUID before touching the database', async () => {
    await expect(selectInTenant(db, "x' or true --", allOrgUnits())).rejects.toThrow(/not a UUID/)
  })

  it('many concurrent reads of two tenants never see each other’s rows', async () => {
    const reads = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? tenantA : tenantB))
    const results = await Promise.all(
      reads.map(async (tenant) => ({ tenant, rows: await selectInTenant(db, tenant, allOrgUnits()) })),
    )
    for (const { tenant, rows } of results) {
      expect(rows.length).toBe(tenant === tenantA ? 2 : 1)
      expect(rows.every((r: any) => r.tenant_id === tenant)).toBe(true)
    }
  })
})
