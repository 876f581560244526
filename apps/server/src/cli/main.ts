import { Command } from 'commander'
import { registerBillingCommand } from './billing-command'
import { registerImportCommand } from './import-command'
import { registerMigrateCommand } from './migrate-command'
import { registerSeedCommand } from './seed-command'
import { registerServeCommand } from './serve-command'
import { registerTallyCommand } from './tally-command'
import { registerTicketsCommand } from './tickets-command'
import { registerUserCommand } from './user-command'
import { registerWorkerCommand } from './worker-command'

const program = new Command('meihao')
  .description('Meihao 美好 — smart property-management platform')
  .version('0.1.0')
registerServeCommand(program)
registerWorkerCommand(program)
registerMigrateCommand(program)
registerSeedCommand(program)
registerImportCommand(program)
registerUserCommand(program)
registerTallyCommand(program)
registerTicketsCommand(program)
registerBillingCommand(program)

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
