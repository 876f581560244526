import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { executeRun, openRun } from '../src/modules/billing/run-service'
import type { BillingTables } from '../src/modules/billing/tables'
import { withTenant } from '../src/platform/db/tenancy'
import { uuidv7 } from '../src/platform/ids'
import { startTestApp, TEST_PII_KEY, type TestApp } from './support/app'
import { testDatabaseKind } from './support/database'
import { type Company, createCompany } from './support/fixtures'
import { databaseUrlFor } from './support/postgres'

/**
 * `meihao billing run` killed (SIGKILL) at random points, at least 20 times, then run to the end: the
 * bills, and their journal lines, equal those of a clean run over an identical community, exactly.
 * The killed process is a real second process on the same PostgreSQL database (PGlite is one process's
 * embedded database, so this proof runs in the PostgreSQL project).
 */
const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..')
const UNITS = 3000
const CHUNK = 10
const KILLS = 20

let app: TestApp
let company: Company
const communities: Record<'crashed' | 'clean', string> = { crashed: '', clean: '' }

/** A community with the same units, owners and fee items as its twin (codes equal, ids not). */
async function seedCommunity(code: string): Promise<string> {
  const db = app.db.owner
  const tenant = company.tenantId
  const communityId = uuidv7()
  const buildingId = uuidv7()
  await sql`insert into communities (tenant_id, id, code, name, division_code, delivery_date)
            values (${tenant}, ${communityId}, ${code}, ${`${code} 小区`}, '310115', '2024-06-01')`.execute(
    db,
  )
  await sql`insert into buildings (tenant_id, id, community_id, code, name)
            values (${tenant}, ${buildingId}, ${communityId}, '1', '1号楼')`.execute(db)
  // Areas vary by unit; every 7th unit is unsold (developer pays), every 5th delivered in February 2025 (the quarter splits between developer and owner).
  await sql`
    insert into units (tenant_id, id, community_id, building_id, code, building_area, exclusive_area, delivery_date, sold)
    select ${tenant}, gen_random_uuid(), ${communityId}, ${buildingId}, 'U' || lpad(n::text, 5, '0'),
           (60 + (n * 37) % 9000 / 100.0)::numeric(12, 2), (50 + (n * 37) % 9000 / 100.0 * 0.8)::numeric(12, 2),
           case when n % 5 = 0 then date '2025-02-10' else null end, n % 7 <> 0
      from generate_series(1, ${UNITS}) n`.execute(db)
  const items = [
    { code: 'WYF', kind: 'area', rate: '28000', sort: 1 },
    { code: 'LJF', kind: 'fixed', rate: '150000', sort: 2 },
  ]
  for (const item of items) {
    const itemId = uuidv7()
    await sql`insert into fee_items (tenant_id, id, community_id, code, name, kind, cycle, sort)
              values (${tenant}, ${itemId}, ${communityId}, ${item.code}, ${item.code}, ${item.kind}, 'quarterly',
                      ${item.sort})`.execute(db)
    await sql`insert into fee_standards (tenant_id, id, fee_item_id, effective_from, rate_e4)
              values (${tenant}, ${uuidv7()}, ${itemId}, '2025-01-01', ${item.rate})`.execute(db)
  }
  return communityId
}

async function billSet(communityId: string) {
  const { rows } = await sql<{ row: string }>`
    select u.code || '|' || i.code || '|' || b.period_start || '|' || b.period_end || '|' || b.payer || '|' ||
           b.amount_fen || '|' || b.basis as row
      from bills b join units u on u.id = b.unit_id join fee_items i on i.id = b.fee_item_id
     where b.community_id = ${communityId} order by 1`.execute(app.db.owner)
  return rows.map((r) => r.row)
}

async function receivableLines(communityId: string) {
  const { rows } = await sql<{ n: string; fen: string; bills: string }>`
    select count(*) as n, sum(debit_fen) as fen, count(distinct bill_id) as bills from ledger_lines
     where community_id = ${communityId} and account = '1122'`.execute(app.db.owner)
  return rows[0]!
}

function startCli(databaseUrl: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'billing',
      'run',
      '--tenant',
      company.code,
      '--community',
      'crashed',
      '--period',
      '2025-01',
      '--cycle',
      'quarterly',
      '--no-progress',
      '--chunk-units',
      String(CHUNK),
    ],
    {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        MEIHAO_PII_KEY: TEST_PII_KEY,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
}

/** Runs the CLI until it has finished `chunks` chunks and a random moment more, then kills it. */
function killMidRun(databaseUrl: string, chunks: number, extraMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = startCli(databaseUrl)
    let seen = 0
    let stderr = ''
    child.stderr!.on('data', (d) => {
      stderr += String(d)
    })
    child.stdout!.on('data', (d) => {
      seen += String(d)
        .split('\n')
        .filter((l) => l.includes(' units, ')).length
      if (seen >= chunks) setTimeout(() => child.kill('SIGKILL'), extraMs)
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed')
      else if (code === 0) resolve('finished')
      else reject(new Error(`billing run exited ${code}: ${stderr}`))
    })
  })
}

const onPostgres = testDatabaseKind() === 'postgres'

describe.runIf(onPostgres)('a billing run killed at random points', () => {
  beforeAll(async () => {
    app = await startTestApp()
    company = await createCompany(app, 'crash')
    communities.crashed = await seedCommunity('crashed')
    communities.clean = await seedCommunity('clean')
  })
  afterAll(() => app?.close())

  it(`killed ${KILLS} times and re-run, bills exactly what a clean run bills`, async () => {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(app.db.owner)
    const databaseUrl = databaseUrlFor(rows[0]!.name)
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    let kills = 0
    for (let attempt = 0; attempt < KILLS * 3 && kills < KILLS; attempt++) {
      // Kill after 0–2 more chunks plus 0–60 ms: before, inside and between chunk transactions.
      const outcome = await killMidRun(databaseUrl, Math.floor(random() * 3), Math.floor(random() * 60))
      if (outcome === 'finished') break
      kills += 1
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS)
    // The last run goes to the end.
    expect(await killMidRun(databaseUrl, Number.POSITIVE_INFINITY, 0)).toBe('finished')

    // The twin, billed once, in this process, without interruption.
    const input = { communityId: communities.clean, period: '2025-01', cycle: 'quarterly' as const }
    const { run } = await withTenant<BillingTables, Awaited<ReturnType<typeof openRun>>>(
      app.db,
      company.tenantId,
      (tx) => openRun(tx, company.tenantId, input, null),
    )
    expect(await executeRun(app.db, company.tenantId, run.id, undefined, 500)).toBe('completed')

    const crashed = await billSet(communities.crashed)
    const clean = await billSet(communities.clean)
    // 2 items × 3,000 units, and a bill per payer where a unit's delivery splits the quarter.
    expect(clean.length).toBeGreaterThan(2 * UNITS)
    expect(crashed).toEqual(clean)
    const [crashedLedger, cleanLedger] = [
      await receivableLines(communities.crashed),
      await receivableLines(communities.clean),
    ]
    expect(crashedLedger).toEqual(cleanLedger)
    expect(Number(crashedLedger.n)).toBe(clean.length)
    expect(Number(crashedLedger.bills)).toBe(clean.length)
    const state = await sql<{ status: string; units_done: number }>`
      select status, units_done from billing_runs where community_id = ${communities.crashed}`.execute(
      app.db.owner,
    )
    expect(state.rows[0]).toEqual({ status: 'completed', units_done: UNITS })
  }, 600_000)
})

describe.runIf(!onPostgres)('a billing run killed at random points (PGlite)', () => {
  it('is proven in the PostgreSQL project: a killed second process needs a shared server database', () => {
    expect(onPostgres).toBe(false)
  })
})
