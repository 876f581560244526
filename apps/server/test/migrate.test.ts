import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Database, openDatabase } from '../src/platform/db/database'
import { migrate, readMigrations } from '../src/platform/db/migrate'

/**
 * 0009 carries amendments that were once written into the landed 0005/0006: it must upgrade a database
 * made from the original texts, and a database made from the amended texts must still start.
 */
let db: Database
const files = readMigrations()
const before0009 = files.filter((f) => f.name < '0009')

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' })
  await migrate(db, before0009)
})
afterAll(() => db.close())

const columns = async (table: string) =>
  (
    await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = ${table}`.execute(db.owner)
  ).rows.map((r) => r.column_name)

it('upgrades a database made from the original 0005 and 0006', async () => {
  expect(await columns('sms_messages')).toContain('body')
  const tenant = '01900000-0000-7000-8000-000000000001'
  await sql`insert into tenants (id, code, name) values (${tenant}, 'old', '旧公司')`.execute(db.owner)
  await sql`select set_config('app.tenant_id', ${tenant}, false)`.execute(db.owner)
  await sql`insert into sms_messages (tenant_id, id, phone_enc, phone_masked, template, body)
            values (${tenant}, ${tenant}, 'x', '138****0000', 'vote_code', '验证码 123456')`.execute(db.owner)
  expect(await migrate(db, files)).toEqual([
    '0009_governance_amendments.sql',
    '0010_billing.sql',
    '0011_billing_parallel_runs_late_fees.sql',
    '0012_disclosure.sql',
    '0013_disclosure_as_published.sql',
    '0014_system_roles_per_tenant.sql',
    '0015_ticket_satisfaction_follow_up.sql',
  ])
  expect(await columns('sms_messages')).not.toContain('body')
  expect(await columns('ballot_events')).toContain('effective_at')
  expect(await columns('decision_roll_units')).toContain('label')
  expect(await columns('tenants')).toContain('is_demo')
  // The plain-text one-time code is gone with its column.
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from sms_messages`.execute(db.owner)
  expect(rows[0]?.n).toBe(0)
})

it('accepts the amended texts of 0005 and 0006, and still refuses any other change', async () => {
  const setChecksum = (name: string, checksum: string) =>
    sql`update schema_migrations set checksum = ${checksum} where name = ${name}`.execute(db.owner)
  await setChecksum('0005_governance.sql', '841bd7923763dcf94e30b0e5e17e2acf2c420b296098dbcee031ba4ccefbc35b')
  await setChecksum(
    '0006_community_vote_rules.sql',
    'dea281865a26cf8bae0016939725679a1931951aa054e26250ad2bfb0d96c434',
  )
  expect(await migrate(db, files)).toEqual([])
  await setChecksum('0005_governance.sql', '0'.repeat(64))
  await expect(migrate(db, files)).rejects.toThrow(/0005_governance.sql changed after it was applied/)
})
