import type { Command } from 'commander'
import { sql } from 'kysely'
import { openAndMigrate } from '../app'
import { rebuildRollups, refreshAllDirty } from '../modules/tickets/rollup'
import { sweepSla } from '../modules/tickets/sla-service'
import { configOrExit } from './config'

/** Operations on service requests: SLA sweep and report rollups, for cron-less setups and repairs. */
export function registerTicketsCommand(program: Command) {
  const tickets = program.command('tickets').description('Service requests: SLA checks and report rollups')
  tickets
    .command('sweep')
    .description(
      'Raise the SLA warnings, breaches and escalations due now (what the worker does every minute)',
    )
    .action(async () => {
      const db = await openAndMigrate(configOrExit())
      try {
        console.log(`Raised ${await sweepSla(db)} SLA alert(s)`)
      } finally {
        await db.close()
      }
    })
  tickets
    .command('rollup')
    .description('Refresh the monthly report figures of changed months, or rebuild them all')
    .option('--rebuild', 'recompute every month of every community from the tickets')
    .option('--tenant <code>', 'only this company (with --rebuild)')
    .action(async (options: { rebuild?: boolean; tenant?: string }) => {
      const db = await openAndMigrate(configOrExit())
      try {
        if (!options.rebuild) {
          console.log(`Refreshed ${await refreshAllDirty(db)} community-month(s)`)
          return
        }
        const { rows } = await sql<{ id: string; code: string }>`
          select id, code from tenants order by code`.execute(db.owner)
        const tenants = rows.filter((t) => !options.tenant || t.code === options.tenant)
        if (options.tenant && tenants.length === 0) throw new Error(`No company with code ${options.tenant}`)
        for (const tenant of tenants) {
          const started = performance.now()
          const months = await rebuildRollups(db, tenant.id)
          console.log(
            `${tenant.code}: rebuilt ${months} community-month(s) in ${Math.round(performance.now() - started)} ms`,
          )
        }
      } finally {
        await db.close()
      }
    })
}
