import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ROLE, type Database } from '../src/platform/db/database'
import { withoutTenant, withTenant } from '../src/platform/db/tenancy'
import { uuidv7 } from '../src/platform/ids'
import { createTestDatabase } from './support/database'

/**
 * Tables that belong to no single company, on purpose (sessions name a tenant but are looked up before
 * one is known). Every other table must be a tenant table.
 */
const GLOBAL_TABLES = [
  'accounts',
  'authorities',
  'authority_members',
  'schema_migrations',
  'sessions',
  'tenants',
]

let db: Database

beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.close())

const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db.owner)).rows

describe('schema catalog: every tenant table stays isolated and distributable by tenant_id', () => {
  it('every table is either global by design or has tenant_id', async () => {
    const tables = await rows<{ table_name: string; has_tenant: boolean }>(sql`
      select t.table_name,
             exists (select 1 from information_schema.columns c
                      where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'tenant_id') as has_tenant
        from information_schema.tables t
       where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`)
    const stray = tables
      .filter((t) => !t.has_tenant && !GLOBAL_TABLES.includes(t.table_name))
      .map((t) => t.table_name)
    expect(stray).toEqual([])
    expect(tables.filter((t) => t.has_tenant).length).toBeGreaterThanOrEqual(12)
  })

  it('every tenant table has RLS enabled and forced, with a policy', async () => {
    const bad = await rows<{ relname: string }>(sql`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
         and c.relname::text <> all (${GLOBAL_TABLES}::text[])
         and (not c.relrowsecurity or not c.relforcerowsecurity
              or not exists (select 1 from pg_policy p where p.polrelid = c.oid))`)
    expect(bad.map((r) => r.relname)).toEqual([])
  })

  it('every primary key, unique key and foreign key of a tenant table includes tenant_id', async () => {
    const bad = await rows<{ relname: string; conname: string }>(sql`
      select c.relname, k.conname from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and k.contype in ('p', 'u', 'f')
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
         and c.relname::text <> all (${GLOBAL_TABLES}::text[])
         and not exists (select 1 from pg_attribute a
                          where a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum = any (k.conkey))
         and not (k.contype = 'f' and k.confrelid in (select oid from pg_class where relname in ('tenants', 'accounts')))`)
    expect(bad).toEqual([])
  })

  it('unique indexes of tenant tables include tenant_id too', async () => {
    const bad = await rows<{ indexrelid: string }>(sql`
      select i.indexrelid::regclass::text as indexrelid from pg_index i
        join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and i.indisunique
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
         and c.relname::text <> all (${GLOBAL_TABLES}::text[])
         and not exists (select 1 from pg_attribute a
                          where a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum = any (i.indkey))`)
    expect(bad).toEqual([])
  })

  it('the app role is not the owner, not superuser, not BYPASSRLS', async () => {
    const [role] = await rows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`,
    )
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false })
    const owned = await rows<{ n: string }>(sql`
      select count(*) as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = ${APP_ROLE}`)
    expect(Number(owned[0]!.n)).toBe(0)
  })
})

describe('row level security at run time', () => {
  const tenantA = uuidv7()
  const tenantB = uuidv7()

  beforeAll(async () => {
    await db.owner
      .insertInto('tenants')
      .values([
        { id: tenantA, code: `rls-a-${tenantA.slice(-6)}`, name: 'A' },
        { id: tenantB, code: `rls-b-${tenantB.slice(-6)}`, name: 'B' },
      ])
      .execute()
    await withTenant(db, tenantA, (tx: any) =>
      tx
        .insertInto('org_units')
        .values({ tenant_id: tenantA, id: uuidv7(), kind: 'group', name: 'A 集团' })
        .execute(),
    )
  })

  it('a transaction of tenant A sees its rows; tenant B and no tenant see none', async () => {
    const count = (tenant: string | null) =>
      tenant
        ? withTenant(db, tenant, (tx: any) => tx.selectFrom('org_units').selectAll().execute())
        : withoutTenant(db, (tx: any) => tx.selectFrom('org_units').selectAll().execute())
    expect(await count(tenantA)).toHaveLength(1)
    expect(await count(tenantB)).toHaveLength(0)
    expect(await count(null)).toHaveLength(0)
  })

  it('tenant B cannot write a row for tenant A', async () => {
    await expect(
      withTenant(db, tenantB, (tx: any) =>
        tx
          .insertInto('org_units')
          .values({ tenant_id: tenantA, id: uuidv7(), kind: 'group', name: 'x' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/)
  })

  it('the app role cannot change or delete audit records', async () => {
    await withTenant(db, tenantA, (tx: any) =>
      tx
        .insertInto('audit_log')
        .values({
          tenant_id: tenantA,
          id: uuidv7(),
          actor_kind: 'system',
          action: 'test',
          entity_type: 'test',
        })
        .execute(),
    )
    await expect(withTenant(db, tenantA, (tx: any) => tx.deleteFrom('audit_log').execute())).rejects.toThrow(
      /permission denied/,
    )
    await expect(
      withTenant(db, tenantA, (tx: any) => tx.updateTable('audit_log').set({ action: 'forged' }).execute()),
    ).rejects.toThrow(/permission denied/)
  })

  it('the app role cannot create tenants', async () => {
    await expect(
      withoutTenant(db, (tx: any) =>
        tx.insertInto('tenants').values({ id: uuidv7(), code: 'evil', name: 'x' }).execute(),
      ),
    ).rejects.toThrow(/permission denied/)
  })
})
