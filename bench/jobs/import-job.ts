/**
 * The estate import service, called directly (no HTTP) as the system caller, on the sheet BENCH_SHEET
 * for community BENCH_COMMUNITY_ID. Reports a JobResult.
 */
import { basename } from 'node:path'
import { importUnits } from '../../apps/server/src/modules/estate/import/import-service'
import { finish, reportFailure, requiredEnv } from '../lib/report'
import { openJobDeps, timed } from './job-env'

await reportFailure(async () => {
  const tenantId = requiredEnv('BENCH_TENANT_ID')
  const communityId = requiredEnv('BENCH_COMMUNITY_ID')
  const path = requiredEnv('BENCH_SHEET')
  const deps = await openJobDeps()
  const result = await timed(async () => {
    const outcome = await importUnits(
      deps,
      { kind: 'system', tenantId, lang: 'zh-CN' },
      { communityId, dryRun: false, path, fileName: basename(path) },
    )
    if (outcome.errors.length > 0)
      throw new Error(`import refused rows: ${JSON.stringify(outcome.errors.slice(0, 3))}`)
    return outcome.created
  })
  await deps.db.close()
  finish(result)
})
