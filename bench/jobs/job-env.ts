import { createDeps, openConfiguredDatabase } from '../../apps/server/src/app'
import { loadConfig } from '../../apps/server/src/platform/config'
import type { Deps } from '../../apps/server/src/platform/deps'

/** What every job reports: rows written, wall time of the write, and the process's memory. */
export interface JobResult {
  rows: number
  seconds: number
  /** RSS once the database is open, before the measured work. */
  startRssBytes: number
  /** The process's peak RSS (getrusage maxrss). */
  peakRssBytes: number
}

/** The server's own configuration path, on the database named by DATABASE_URL or MEIHAO_DATA_DIR. */
export async function openJobDeps(): Promise<Deps> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    MEIHAO_WORKERS: 'off',
  })
  return createDeps(config, await openConfiguredDatabase(config))
}

/** Times `work` (which returns the rows it wrote) and measures memory around it. */
export async function timed(work: () => Promise<number>): Promise<JobResult> {
  const startRssBytes = process.memoryUsage().rss
  const started = performance.now()
  const rows = await work()
  const seconds = (performance.now() - started) / 1000
  return { rows, seconds, startRssBytes, peakRssBytes: process.resourceUsage().maxRSS * 1024 }
}
