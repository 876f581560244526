import { cpSync } from 'node:fs'
import { createPiiCipher, newPiiKey } from '../apps/server/src/platform/crypto/pii'
import { type Child, startChild } from './lib/child'
import { databaseEnv, ENGINE_NAMES, type ScratchDatabase } from './lib/databases'
import { type LoadResult, type LoadSample, runLoad, summarize } from './lib/load'
import { step } from './lib/progress'
import { BENCH_PASSWORD, type SeededEstate, seedEstate } from './lib/seed'
import { fmtInt, fmtMs, fmtPercent, type ResultRow } from './lib/table'

export interface HttpPlan {
  units: number
  connections: number
  warmupSeconds: number
  /** Measured seconds per server, cut into `slices` runs that alternate between the two servers. */
  seconds: number
  slices: number
  poolSize: number
}

export const HTTP_PLAN: HttpPlan = {
  units: 3_000,
  connections: 50,
  warmupSeconds: 3,
  seconds: 10,
  slices: 4,
  poolSize: 10,
}
export const HTTP_QUICK_PLAN: HttpPlan = { ...HTTP_PLAN, units: 500, warmupSeconds: 1, seconds: 4, slices: 2 }

const MIN_SHARE_OF_CEILING = 0.5
const MAX_P99_MS = 20

interface Target {
  name: string
  child: Child<{ port: number }>
  origin: string
  headers: Record<string, string>
  samples: LoadSample[]
}

/** Starts a server script in its own process and checks it answers the first path with 200. */
async function startTarget(
  script: string,
  env: Record<string, string>,
  probePath: string,
  signIn?: (origin: string) => Promise<Record<string, string>>,
): Promise<Target> {
  const child = startChild<{ port: number }>(script, env)
  try {
    const origin = `http://127.0.0.1:${(await child.message).port}`
    const headers = signIn ? await signIn(origin) : {}
    const probe = await fetch(`${origin}${probePath}`, { headers })
    if (probe.status !== 200)
      throw new Error(`${script}: GET ${probePath} answered ${probe.status} ${await probe.text()}`)
    return { name: script, child, origin, headers, samples: [] }
  } catch (error) {
    await child.stop()
    throw error
  }
}

/** Signs the company administrator in through the API, as a browser would; returns the cookie header. */
function signInAs(estate: SeededEstate) {
  return async (origin: string) => {
    const res = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phone: estate.adminPhone,
        password: BENCH_PASSWORD,
        tenantCode: estate.tenantCode,
      }),
    })
    const cookie = res.headers.getSetCookie()[0]?.split(';')[0]
    if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`)
    return { cookie }
  }
}

/**
 * Warms both servers up, then alternates short runs between them (A B B A …) so that whatever else the
 * machine is doing weighs on both alike.
 */
async function measureAlternating(targets: readonly Target[], plan: HttpPlan, paths: readonly string[]) {
  const load = (t: Target, seconds: number) =>
    runLoad({ origin: t.origin, paths, headers: t.headers, connections: plan.connections, seconds })
  for (const t of targets) await load(t, plan.warmupSeconds)
  const sliceSeconds = plan.seconds / plan.slices
  for (let slice = 0; slice < plan.slices; slice++) {
    const order = slice % 2 === 0 ? targets : [...targets].reverse()
    for (const t of order) {
      const sample = await load(t, sliceSeconds)
      if (Object.keys(sample.failures).length > 0) {
        throw new Error(
          `${t.name}: ${sample.latenciesMs.length} answered 2xx, failures ${JSON.stringify(sample.failures)}`,
        )
      }
      t.samples.push(sample)
    }
  }
  return targets.map((t) => summarize(t.samples))
}

/** GET /api/v1/units/:id on the real server against the bare route, on one seeded database. */
export async function httpFigures(scratch: ScratchDatabase, plan: HttpPlan): Promise<ResultRow[]> {
  step(`http · ${ENGINE_NAMES[scratch.kind]}: seeding ${plan.units} units`)
  const piiKey = newPiiKey()
  const db = await scratch.open()
  const estate = await seedEstate(db, createPiiCipher(piiKey), plan.units).finally(() => db.close())
  const env = {
    ...databaseEnv(scratch),
    MEIHAO_PII_KEY: piiKey,
    DATABASE_POOL_SIZE: String(plan.poolSize),
    BENCH_TENANT_ID: estate.tenantId,
  }
  // PGlite data belongs to one process: the bare server gets its own copy of the seeded directory.
  const bareEnv: Record<string, string> = { ...env }
  if (scratch.kind === 'pglite') {
    bareEnv.MEIHAO_DATA_DIR = `${scratch.location}-bare`
    cpSync(scratch.location, bareEnv.MEIHAO_DATA_DIR, { recursive: true })
  }
  const paths = estate.unitIds.map((id) => `/api/v1/units/${id}`)
  const targets: Target[] = []
  try {
    targets.push(await startTarget('servers/bare-server.ts', bareEnv, paths[0]!))
    targets.push(await startTarget('servers/api-server.ts', env, paths[0]!, signInAs(estate)))
    step(`http · ${ENGINE_NAMES[scratch.kind]}: bare route and API, ${plan.slices} alternating runs each`)
    const [ceiling, api] = await measureAlternating(targets, plan, paths)
    return rowsOf(scratch.kind, plan, api!, ceiling!)
  } finally {
    for (const t of targets) await t.child.stop()
  }
}

function rowsOf(
  kind: ScratchDatabase['kind'],
  plan: HttpPlan,
  api: LoadResult,
  ceiling: LoadResult,
): ResultRow[] {
  const judged = kind === 'postgres'
  const name = `GET /api/v1/units/:id · ${ENGINE_NAMES[kind]} · ${plan.connections} conn`
  const share = api.requestsPerSecond / ceiling.requestsPerSecond
  const info = kind === 'pglite' ? 'info (one connection)' : '—'
  const times = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : '—')
  return [
    {
      figure: `${name} · req/s`,
      value: `${fmtInt(api.requestsPerSecond)} (${fmtInt(api.requests)} req)`,
      ceiling: `${fmtInt(ceiling.requestsPerSecond)} (bare route, same SELECT)`,
      ratio: fmtPercent(share),
      target: judged ? `≥ ${fmtPercent(MIN_SHARE_OF_CEILING)} of ceiling` : info,
      pass: judged ? share >= MIN_SHARE_OF_CEILING : undefined,
    },
    {
      figure: `${name} · p50`,
      value: fmtMs(api.p50Ms),
      ceiling: fmtMs(ceiling.p50Ms),
      ratio: times(api.p50Ms, ceiling.p50Ms),
      target: info,
    },
    {
      figure: `${name} · p99`,
      value: fmtMs(api.p99Ms),
      ceiling: fmtMs(ceiling.p99Ms),
      ratio: times(api.p99Ms, ceiling.p99Ms),
      target: judged ? `< ${MAX_P99_MS} ms` : info,
      pass: judged ? api.p99Ms < MAX_P99_MS : undefined,
    },
  ]
}
