import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import { createDeps, openAndMigrate } from '../app'
import { executeRun, openRun, RUN_WORKERS } from '../modules/billing/run-service'
import type { BillingTables } from '../modules/billing/tables'
import { communityIdByCode } from '../modules/estate/import/import-service'
import { withTenant } from '../platform/db/tenancy'
import { configOrExit } from './config'
import { tenantIdByCode } from './import-command'

/**
 * `meihao billing run`: the billing run of one community and period, as the console starts it, with a
 * progress bar. Safe to repeat and to interrupt: it resumes at the last finished chunk and never bills a
 * unit twice for the same item and period.
 */
export function registerBillingCommand(program: Command) {
  const billing = program.command('billing').description('Fees: billing runs')
  billing
    .command('run')
    .description('Bill a community for a period (resumes an interrupted run; creates only missing bills)')
    .requiredOption('--tenant <tenantCode>', 'company (tenant) code')
    .requiredOption('--community <code>', 'community code')
    .requiredOption('--period <YYYY-MM>', 'first month of the period')
    .option('--cycle <cycle>', 'monthly, quarterly or yearly', 'monthly')
    .option('--no-progress', 'print one line per chunk instead of a progress bar')
    .option('--chunk-units <n>', 'units per transaction (smaller: shorter locks, more commits)', '2000')
    .option('--workers <n>', 'executors side by side, each on its own connection', String(RUN_WORKERS))
    .action(
      async (options: {
        tenant: string
        community: string
        period: string
        cycle: string
        progress: boolean
        chunkUnits: string
        workers: string
      }) => {
        const chunkUnits = Number(options.chunkUnits)
        if (!Number.isInteger(chunkUnits) || chunkUnits < 1 || chunkUnits > 50_000)
          throw new Error('--chunk-units must be a whole number from 1 to 50000')
        const workers = Number(options.workers)
        if (!Number.isInteger(workers) || workers < 1 || workers > 8)
          throw new Error('--workers must be a whole number from 1 to 8')
        if (!['monthly', 'quarterly', 'yearly'].includes(options.cycle))
          throw new Error(`--cycle must be monthly, quarterly or yearly, not ${options.cycle}`)
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.period)) throw new Error('--period must be YYYY-MM')
        const config = configOrExit()
        const db = await openAndMigrate(config)
        const bar = options.progress
          ? new cliProgress.SingleBar(
              { format: '计费 billing [{bar}] {percentage}% | {value}/{total} units | {bills} bills' },
              cliProgress.Presets.shades_classic,
            )
          : null
        try {
          const deps = createDeps(config, db)
          const tenantId = await tenantIdByCode(db, options.tenant)
          const communityId = await communityIdByCode(deps, tenantId, options.community)
          const input = {
            communityId,
            period: options.period,
            cycle: options.cycle as 'monthly' | 'quarterly' | 'yearly',
          }
          const { run } = await withTenant<BillingTables, Awaited<ReturnType<typeof openRun>>>(
            db,
            tenantId,
            (tx) => openRun(tx, tenantId, input, null, { takeOver: true }),
          )
          bar?.start(run.unitsTotal, run.unitsDone, { bills: run.billsCreated })
          const started = performance.now()
          const outcome = await executeRun(
            db,
            tenantId,
            run.id,
            (progress) => {
              if (bar) bar.update(progress.unitsDone, { bills: progress.billsCreated })
              else
                console.log(
                  `${progress.unitsDone}/${progress.unitsTotal} units, ${progress.billsCreated} bills`,
                )
            },
            chunkUnits,
            workers,
          )
          bar?.stop()
          const seconds = ((performance.now() - started) / 1000).toFixed(1)
          console.log(
            outcome === 'busy'
              ? 'Another process is executing this run; it was left to it.'
              : `Run ${run.id} completed in ${seconds} s`,
          )
        } finally {
          bar?.stop()
          await db.close()
        }
      },
    )
}
