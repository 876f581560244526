/**
 * The real Meihao HTTP server (all routes, auth, RLS, response contracts) on the database named by
 * DATABASE_URL or MEIHAO_DATA_DIR, on 127.0.0.1 at a free port. Reports `{ port }` to bench/run.ts.
 */
import { createDeps, createHttpServer, openConfiguredDatabase } from '../../apps/server/src/app'
import { loadConfig } from '../../apps/server/src/platform/config'
import { reportFailure, reportPort } from '../lib/report'

await reportFailure(async () => {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    MEIHAO_WORKERS: 'off',
  })
  const db = await openConfiguredDatabase(config)
  const server = await createHttpServer(createDeps(config, db), { webApps: false })
  await server.listen({ host: '127.0.0.1', port: 0 })
  process.once('SIGTERM', async () => {
    await server.close()
    await db.close()
    process.exit(0)
  })
  reportPort(server.server.address())
})
