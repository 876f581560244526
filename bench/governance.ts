import { type BallotInput, type RollUnit, tally } from '../apps/server/src/modules/governance/tally'
import { hundredthsToArea } from '../apps/server/src/platform/area'
import { createPiiCipher, newPiiKey } from '../apps/server/src/platform/crypto/pii'
import { type Child, startChild } from './lib/child'
import { databaseEnv, type ScratchDatabase } from './lib/databases'
import { type LoadSample, runLoad, summarize } from './lib/load'
import { step } from './lib/progress'
import { BENCH_PASSWORD, seedEstate } from './lib/seed'
import { fmtInt, fmtMs, fmtPercent, type ResultRow } from './lib/table'

export interface GovernancePlan {
  /** The tally: units of the estate, voters who return a ballot, topics per ballot. */
  units: number
  voters: number
  topics: number
  tallyRuns: number
  /** Ballot entry over HTTP: units on the roll, connections, measured seconds per server. */
  submitUnits: number
  connections: number
  warmupSeconds: number
  seconds: number
  slices: number
  poolSize: number
}

export const GOVERNANCE_PLAN: GovernancePlan = {
  units: 20_000,
  voters: 15_000,
  topics: 5,
  tallyRuns: 5,
  submitUnits: 3_000,
  connections: 50,
  warmupSeconds: 2,
  seconds: 10,
  slices: 2,
  poolSize: 10,
}
export const GOVERNANCE_QUICK_PLAN: GovernancePlan = {
  ...GOVERNANCE_PLAN,
  units: 2_000,
  voters: 1_500,
  tallyRuns: 3,
  submitUnits: 500,
  seconds: 4,
}

const CHOICES = ['agree', 'oppose', 'abstain'] as const

/**
 * An estate shaped like the counting rules: 1% developer-held, 3% in the hands of 3-unit investors,
 * 1% co-owned, the rest one owner each. Areas 60.00–149.99 m².
 */
function planEstate(units: number): RollUnit[] {
  const developer = Math.floor(units * 0.01)
  const investors = developer + Math.floor(units * 0.03)
  const coOwned = investors + Math.floor(units * 0.01)
  return Array.from({ length: units }, (_, i) => ({
    unit: `U${i}`,
    areaHundredths: 6000n + BigInt((i * 3_797) % 9_000),
    owners:
      i < developer
        ? ['DEV']
        : i < investors
          ? [`M${Math.floor((i - developer) / 3)}`]
          : i < coOwned
            ? [`A${i}`, `B${i}`]
            : [`S${i}`],
    developerHeld: i < developer,
  }))
}

/** `voters` distinct persons vote on every topic; one in ten changes their mind once. */
function planBallots(units: RollUnit[], voters: number, topics: string[]): BallotInput[] {
  const persons = [...new Set(units.map((u) => u.owners[0]!))].slice(0, voters)
  const ballots: BallotInput[] = []
  persons.forEach((voter, i) => {
    for (const [t, topic] of topics.entries()) ballots.push({ voter, topic, choice: CHOICES[(i + t) % 3]! })
  })
  persons.forEach((voter, i) => {
    if (i % 10 === 0) for (const topic of topics) ballots.push({ voter, topic, choice: 'agree' })
  })
  return ballots
}

/**
 * The least a count can do: each ballot's voter and area looked up in a ready map (the roll already
 * grouped), the last choice per voter and topic kept, the areas summed. No grouping, no checks.
 */
function bareCount(units: RollUnit[], ballots: BallotInput[]) {
  const weight = new Map<string, bigint>()
  for (const u of units) weight.set(u.owners[0]!, (weight.get(u.owners[0]!) ?? 0n) + u.areaHundredths)
  const started = performance.now()
  const last = new Map<string, BallotInput>()
  for (const b of ballots) last.set(`${b.topic}|${b.voter}`, b)
  const sums = new Map<string, bigint>()
  for (const b of last.values()) {
    const key = `${b.topic}|${b.choice}`
    sums.set(key, (sums.get(key) ?? 0n) + weight.get(b.voter)!)
  }
  return { ms: performance.now() - started, sums }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export function tallyFigures(plan: GovernancePlan): ResultRow[] {
  step(
    `governance: tally of ${fmtInt(plan.units)} units, ${fmtInt(plan.voters)} ballots × ${plan.topics} topics`,
  )
  const units = planEstate(plan.units)
  const topics = Array.from({ length: plan.topics }, (_, i) => `t${i + 1}`)
  const ballots = planBallots(units, plan.voters, topics)
  const tierOf = (i: number): 'ordinary' | 'major' => (i % 2 === 0 ? 'ordinary' : 'major')
  const times: number[] = []
  const bareTimes: number[] = []
  let heads = 0
  let area = 0n
  for (let run = 0; run < plan.tallyRuns; run++) {
    const started = performance.now()
    const result = tally(
      units,
      topics.map((id, i) => ({ id, tier: tierOf(i) })),
      ballots,
    )
    times.push(performance.now() - started)
    heads = result.roll.totalHeads
    area = result.roll.totalAreaHundredths
    bareTimes.push(bareCount(units, ballots).ms)
  }
  const value = median(times)
  const ceiling = median(bareTimes)
  return [
    {
      figure: `tally · ${fmtInt(plan.units)} units (${fmtInt(heads)} heads, ${hundredthsToArea(area)} m²) · ${fmtInt(plan.voters)} ballots × ${plan.topics} topics`,
      value: `${fmtMs(value)} (median of ${plan.tallyRuns}; ${fmtInt(ballots.length)} choices)`,
      ceiling: `${fmtMs(ceiling)} (bare last-wins sum, roll pre-grouped, no checks)`,
      ratio: fmtPercent(ceiling / value),
      target: 'info',
    },
  ]
}

interface Target {
  name: string
  child: Child<{ port: number }>
  origin: string
  headers: Record<string, string>
  samples: LoadSample[]
}

async function signIn(origin: string, phone: string, tenantCode: string) {
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: BENCH_PASSWORD, tenantCode }),
  })
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0]
  if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status} ${await login.text()}`)
  const me = (await (await fetch(`${origin}/api/v1/auth/me`, { headers: { cookie } })).json()) as {
    csrfToken: string
  }
  return { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' }
}

async function call(
  origin: string,
  headers: Record<string, string>,
  method: string,
  path: string,
  body?: object,
) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers,
    // Fastify refuses an empty body under content-type JSON: actions without input send {}.
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  })
  const json = (await res.json()) as Record<string, unknown>
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64')

/** POST paper ballots through the real API against the bare serialised append, on one PostgreSQL database. */
export async function ballotFigures(scratch: ScratchDatabase, plan: GovernancePlan): Promise<ResultRow[]> {
  step(`governance · ballots: seeding ${fmtInt(plan.submitUnits)} units`)
  const piiKey = newPiiKey()
  const db = await scratch.open()
  const estate = await seedEstate(db, createPiiCipher(piiKey), plan.submitUnits)
  const env = {
    ...databaseEnv(scratch),
    MEIHAO_PII_KEY: piiKey,
    DATABASE_POOL_SIZE: String(plan.poolSize),
    BENCH_TENANT_ID: estate.tenantId,
  }
  const targets: Target[] = []
  try {
    const api = startChild<{ port: number }>('servers/api-server.ts', env)
    const apiOrigin = `http://127.0.0.1:${(await api.message).port}`
    targets.push({ name: 'api', child: api, origin: apiOrigin, headers: {}, samples: [] })
    const headers = await signIn(apiOrigin, estate.adminPhone, estate.tenantCode)
    targets[0]!.headers = headers
    const day = 86_400_000
    const decision = await call(apiOrigin, headers, 'POST', '/api/v1/decisions', {
      communityId: estate.communityId,
      title: '基准表决',
      recordDate: new Date(Date.now() - day).toISOString().slice(0, 10),
      votingStartsAt: new Date(Date.now() + 16 * day).toISOString(),
      votingEndsAt: new Date(Date.now() + 30 * day).toISOString(),
      topics: Array.from({ length: plan.topics }, (_, i) => ({ title: `议题${i + 1}`, item: 4 })),
    })
    const id = decision.id as string
    const topicIds = (decision.topics as { id: string }[]).map((t) => t.id)
    await call(apiOrigin, headers, 'POST', `/api/v1/decisions/${id}/notice`)
    await call(apiOrigin, headers, 'POST', `/api/v1/decisions/${id}/roll`)
    await db.owner
      .updateTable('decisions')
      .set({ noticed_at: new Date(Date.now() - 20 * day), voting_starts_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute()
    await db.owner
      .updateTable('decision_topics')
      .set({ created_at: new Date(Date.now() - 21 * day) })
      .execute()
    await call(apiOrigin, headers, 'POST', `/api/v1/decisions/${id}/open`)

    const bare = startChild<{ port: number }>('servers/bare-ballot-server.ts', env)
    targets.push({
      name: 'bare',
      child: bare,
      origin: `http://127.0.0.1:${(await bare.message).port}`,
      headers: { 'content-type': 'application/json' },
      samples: [],
    })
    const bodies = estate.unitIds.map((unitId, i) =>
      JSON.stringify({
        unitId,
        // Signed just now, inside the window that opened a moment ago.
        signedAt: new Date().toISOString(),
        choices: Object.fromEntries(topicIds.map((t, k) => [t, CHOICES[(i + k) % 3]])),
        scan: { fileName: 'ballot.png', contentType: 'image/png', dataBase64: PNG },
      }),
    )
    const path = `/api/v1/decisions/${id}/paper-ballots`
    const load = (t: Target, seconds: number) =>
      runLoad({
        origin: t.origin,
        paths: [path],
        headers: t.headers,
        connections: plan.connections,
        seconds,
        postBodies: bodies,
      })
    step(`governance · ballots: bare append and API, ${plan.slices} alternating runs each`)
    for (const t of targets) await load(t, plan.warmupSeconds)
    for (let slice = 0; slice < plan.slices; slice++) {
      for (const t of slice % 2 === 0 ? targets : [...targets].reverse()) {
        const sample = await load(t, plan.seconds / plan.slices)
        if (Object.keys(sample.failures).length > 0)
          throw new Error(`${t.name}: failures ${JSON.stringify(sample.failures)}`)
        t.samples.push(sample)
      }
    }
    // Both servers appended to one chain; it must still verify end to end.
    const verified = await call(apiOrigin, headers, 'GET', `/api/v1/decisions/${id}/verify`)
    if (verified.valid !== true) throw new Error(`chain broken after the run: ${JSON.stringify(verified)}`)
    const [apiResult, ceiling] = targets.map((t) => summarize(t.samples)) as [
      ReturnType<typeof summarize>,
      ReturnType<typeof summarize>,
    ]
    const name = `POST paper ballot · PostgreSQL · ${plan.connections} conn`
    return [
      {
        figure: `${name} · req/s`,
        value: `${fmtInt(apiResult.requestsPerSecond)} (${fmtInt(apiResult.requests)} ballots; chain of ${fmtInt(Number(verified.events))} verified)`,
        ceiling: `${fmtInt(ceiling.requestsPerSecond)} (bare locked append, same tables)`,
        ratio: fmtPercent(apiResult.requestsPerSecond / ceiling.requestsPerSecond),
        target: 'info',
      },
      {
        figure: `${name} · p50`,
        value: fmtMs(apiResult.p50Ms),
        ceiling: fmtMs(ceiling.p50Ms),
        ratio: `${(apiResult.p50Ms / ceiling.p50Ms).toFixed(1)}×`,
        target: 'info',
      },
      {
        figure: `${name} · p99`,
        value: fmtMs(apiResult.p99Ms),
        ceiling: fmtMs(ceiling.p99Ms),
        ratio: `${(apiResult.p99Ms / ceiling.p99Ms).toFixed(1)}×`,
        target: 'info',
      },
    ]
  } finally {
    for (const t of targets) await t.child.stop()
    await db.close()
  }
}
