import type { Command } from 'commander'
import { openAndMigrate } from '../app'
import { startJobQueue } from '../app-jobs'
import { createLogger } from '../platform/logger'
import { configOrExit } from './config'
import { onShutdown } from './shutdown'

export function registerWorkerCommand(program: Command) {
  program
    .command('worker')
    .description('Run the job workers only (scheduled jobs, timers, notifications), without the API')
    .action(async () => {
      const config = configOrExit()
      const log = createLogger(config)
      const db = await openAndMigrate(config)
      const jobs = await startJobQueue(config, db, log, { forceWorkers: true })
      onShutdown(log, async () => {
        await jobs.stop()
        await db.close()
      })
      log.info({}, 'workers running')
    })
}
