import type { Command } from 'commander'
import { createDeps, createHttpServer, openAndMigrate } from '../app'
import { startJobQueue } from '../app-jobs'
import { shouldSeedDemo } from '../demo/seed'
import { configOrExit } from './config'
import { runDemoSeed } from './seed-command'
import { onShutdown } from './shutdown'

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('Run the API, the web apps and (unless MEIHAO_WORKERS=off) the job workers')
    .action(async () => {
      const config = configOrExit()
      const db = await openAndMigrate(config)
      const deps = createDeps(config, db)
      if (await shouldSeedDemo(config, db)) await runDemoSeed(deps)
      const server = await createHttpServer(deps)
      const jobs = await startJobQueue(config, db, server.log)
      // Stop taking requests and let running ones finish, then let running jobs finish, then close.
      onShutdown(server.log, async () => {
        await server.close()
        await jobs.stop()
        await db.close()
      })
      await server.listen({ host: config.HOST, port: config.PORT })
      console.log(
        `Meihao is running: console http://localhost:${config.PORT}/console  resident app http://localhost:${config.PORT}/`,
      )
    })
}
