import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPiiCipher, newPiiKey } from '../apps/server/src/platform/crypto/pii'
import type { JobResult } from './jobs/job-env'
import { runChild } from './lib/child'
import { databaseEnv, ENGINE_NAMES, ENGINES, type ScratchDatabase, withScratch } from './lib/databases'
import { step } from './lib/progress'
import { seedCompany } from './lib/seed'
import { writeUnitSheet } from './lib/sheet'
import { fmtInt, fmtMb, fmtPercent, type ResultRow } from './lib/table'

export interface ImportPlan {
  units: number
}

export const IMPORT_PLAN: ImportPlan = { units: 100_000 }
export const IMPORT_QUICK_PLAN: ImportPlan = { units: 5_000 }

const MIN_SHARE_OF_CEILING = 0.3

/** The sheet of units only (the judged figure) and the same units with one owner each (for information). */
const VARIANTS = [
  { key: 'units', withOwners: false, label: 'units only', judged: true },
  { key: 'owners', withOwners: true, label: 'units + 1 owner each', judged: false },
] as const
type Variant = (typeof VARIANTS)[number]

/** One job in its own process on a fresh database holding the company, community and buildings. */
async function runJob(
  kind: ScratchDatabase['kind'],
  plan: ImportPlan,
  script: string,
  env: Record<string, string>,
) {
  return withScratch(kind, async (scratch) => {
    const piiKey = newPiiKey()
    const db = await scratch.open()
    const company = await seedCompany(db, createPiiCipher(piiKey), plan.units).finally(() => db.close())
    return runChild<JobResult>(script, {
      ...databaseEnv(scratch),
      ...env,
      MEIHAO_PII_KEY: piiKey,
      BENCH_TENANT_ID: company.tenantId,
      BENCH_COMMUNITY_ID: company.communityId,
    })
  })
}

function rowsOf(
  kind: ScratchDatabase['kind'],
  variant: Variant,
  plan: ImportPlan,
  job: JobResult,
  ceiling: JobResult,
) {
  if (job.rows !== plan.units || ceiling.rows !== plan.units) {
    throw new Error(`import wrote ${job.rows} and the ceiling ${ceiling.rows} of ${plan.units} units`)
  }
  const rate = job.rows / job.seconds
  const ceilingRate = ceiling.rows / ceiling.seconds
  const share = rate / ceilingRate
  const name = `import ${fmtInt(plan.units)} ${variant.label} · ${ENGINE_NAMES[kind]}`
  const rows: ResultRow[] = [
    {
      figure: `${name} · rows/s`,
      value: `${fmtInt(rate)} (${job.seconds.toFixed(1)} s)`,
      ceiling: `${fmtInt(ceilingRate)} (${ceiling.seconds.toFixed(1)} s, unnest × 5,000)`,
      ratio: fmtPercent(share),
      target: variant.judged ? `≥ ${fmtPercent(MIN_SHARE_OF_CEILING)} of ceiling` : 'info',
      pass: variant.judged ? share >= MIN_SHARE_OF_CEILING : undefined,
    },
    {
      figure: `${name} · peak RSS`,
      value: `${fmtMb(job.peakRssBytes)} (${fmtMb(job.startRssBytes)} before import)`,
      ceiling: `${fmtMb(ceiling.peakRssBytes)} (raw job, rows held in memory)`,
      ratio: '—',
      target: 'info',
    },
  ]
  return rows
}

/** The import service against a raw batched INSERT of the same rows, on each engine. */
export async function importFigures(plan: ImportPlan): Promise<ResultRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'meihao-bench-sheets-'))
  try {
    const rows: ResultRow[] = []
    for (const variant of VARIANTS) {
      const sheet = join(dir, `${variant.key}.xlsx`)
      step(`import: writing ${plan.units} rows (${variant.label}) to .xlsx`)
      await writeUnitSheet(sheet, plan.units, variant.withOwners)
      for (const kind of ENGINES) {
        const owners = { BENCH_ROWS: String(plan.units), BENCH_OWNERS: variant.withOwners ? '1' : '0' }
        step(`import · ${ENGINE_NAMES[kind]} · ${variant.label}: raw INSERT, then the import service`)
        const ceiling = await runJob(kind, plan, 'jobs/raw-insert-job.ts', owners)
        const job = await runJob(kind, plan, 'jobs/import-job.ts', { BENCH_SHEET: sheet })
        rows.push(...rowsOf(kind, variant, plan, job, ceiling))
      }
    }
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
