import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import pg from 'pg'

export interface Machine {
  cpu: string
  cores: number
  ramGb: string
  node: string
  postgres: string
  pglite: string
  date: string
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadAtStart: string
}

export const loadAverage = () => loadavg()[0]!.toFixed(2)

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('model name'))
  return line?.split(':')[1]?.trim() ?? cpus()[0]?.model ?? 'unknown'
}

/** The installed PGlite package's version (its exports hide package.json, so walk up from its entry). */
function pgliteVersion(): string {
  const require = createRequire(new URL('../../apps/server/package.json', import.meta.url))
  let dir = dirname(require.resolve('@electric-sql/pglite'))
  while (dir !== dirname(dir)) {
    const file = join(dir, 'package.json')
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version
    }
    dir = dirname(dir)
  }
  return 'unknown'
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version')
    return rows[0]?.server_version ?? 'unknown'
  } finally {
    await client.end()
  }
}

export async function describeMachine(postgresUrl: string): Promise<Machine> {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    ramGb: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    postgres: await postgresVersion(postgresUrl),
    pglite: pgliteVersion(),
    date: new Date().toISOString(),
    loadAtStart: loadAverage(),
  }
}

export const machineLine = (m: Machine) =>
  `${m.cpu} · ${m.cores} cores · ${m.ramGb} GB RAM · Node ${m.node} · PostgreSQL ${m.postgres} · PGlite ${m.pglite}`
