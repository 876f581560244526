import type { Command } from 'commander'
import { openConfiguredDatabase } from '../app'
import { migrate } from '../platform/db/migrate'
import { configOrExit } from './config'

export function registerMigrateCommand(program: Command) {
  program
    .command('migrate')
    .description('Apply pending database migrations (as the schema owner) and exit')
    .action(async () => {
      const config = configOrExit()
      const db = await openConfiguredDatabase(config)
      try {
        const applied = await migrate(db)
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date')
      } finally {
        await db.close()
      }
    })
}
