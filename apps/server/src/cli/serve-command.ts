import type { Command } from 'commander'
import { createDeps, createHttpServer, openAndMigrate } from '../app'
import { configOrExit } from './config'

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('Run the API, the web apps and (unless MEIHAO_WORKERS=off) the job workers')
    .action(async () => {
      const config = configOrExit()
      const db = await openAndMigrate(config)
      const deps = createDeps(config, db)
      const server = await createHttpServer(deps)
      let stopping = false
      const stop = async (signal: string) => {
        if (stopping) return
        stopping = true
        server.log.info({ signal }, 'shutting down')
        // Stop taking requests, let running ones finish, then release the database.
        await server.close()
        await db.close()
        process.exit(0)
      }
      process.on('SIGTERM', () => void stop('SIGTERM'))
      process.on('SIGINT', () => void stop('SIGINT'))
      await server.listen({ host: config.HOST, port: config.PORT })
      console.log(
        `Meihao is running: console http://localhost:${config.PORT}/console  resident app http://localhost:${config.PORT}/`,
      )
    })
}
