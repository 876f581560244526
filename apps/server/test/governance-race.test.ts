/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app'
import { type Company, createCompany } from './support/fixtures'

/**
 * Many ballots at once: every submission gets its own place in one unbroken chain, and the tally
 * counts exactly one ballot per voter and topic — the last one in the chain.
 */
// The suite's size; the full size runs with RACE_VOTERS=2000 RACE_SUBMISSIONS=10000.
const VOTERS = Number(process.env.RACE_VOTERS ?? 200)
const SUBMISSIONS = Number(process.env.RACE_SUBMISSIONS ?? 1_000)
const CONCURRENCY = 50
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7]).toString('base64')
const CHOICES = ['agree', 'oppose', 'abstain'] as const

let app: TestApp
let company: Company

beforeAll(async () => {
  app = await startTestApp()
  company = await createCompany(app, 'gov-race')
})
afterAll(() => app.close())

/** A community of VOTERS units, each with its own owner, written straight into the tables. */
async function seedCommunity(): Promise<{ communityId: string; unitIds: string[] }> {
  const api = company.admin
  const community = await api.post('/api/v1/communities', {
    code: 'race',
    name: '并发花园',
    divisionCode: '310115',
  })
  const building = await api.post(`/api/v1/communities/${community.body.id}/buildings`, {
    code: '1',
    name: '1号楼',
  })
  const t = company.tenantId
  await sql`select set_config('app.tenant_id', ${t}, false)`.execute(app.db.owner)
  const { rows } = await sql<{ id: string }>`
    with u as (
      insert into units (tenant_id, id, community_id, building_id, code, building_area, exclusive_area)
      select ${t}, gen_random_uuid(), ${community.body.id}, ${building.body.id}, '1-' || n, 100.00, ((80 + n % 7) || '.25')::numeric
        from generate_series(1, ${VOTERS}::int) n
      returning id, code),
    p as (
      insert into parties (tenant_id, id, kind, name)
      select ${t}, gen_random_uuid(), 'person', '业主' || u.code from u
      returning id, name),
    o as (
      insert into unit_ownerships (tenant_id, id, unit_id, party_id, start_date)
      select ${t}, gen_random_uuid(), u.id, p.id, '2015-01-01' from u join p on p.name = '业主' || u.code
      returning unit_id)
    select unit_id as id from o`.execute(app.db.owner)
  await sql`select set_config('app.tenant_id', '', false)`.execute(app.db.owner)
  return { communityId: community.body.id, unitIds: rows.map((r) => r.id) }
}

it(`${SUBMISSIONS} paper ballots for ${VOTERS} voters, ${CONCURRENCY} at a time: one chain, one counted ballot each`, async () => {
  const { communityId, unitIds } = await seedCommunity()
  const api = company.admin
  const now = Date.now()
  const decision = await api.post('/api/v1/decisions', {
    communityId,
    title: '并发表决',
    recordDate: new Date(now - 86_400_000).toISOString().slice(0, 10),
    votingStartsAt: new Date(now + 16 * 86_400_000).toISOString(),
    votingEndsAt: new Date(now + 30 * 86_400_000).toISOString(),
    topics: [
      { title: '议题一', item: 4 },
      { title: '议题二', item: 7 },
    ],
  })
  const id = decision.body.id as string
  const [t1, t2] = decision.body.topics.map((t: any) => t.id) as [string, string]
  expect((await api.post(`/api/v1/decisions/${id}/notice`)).status).toBe(200)
  expect((await api.post(`/api/v1/decisions/${id}/roll`)).body.roll.heads).toBe(VOTERS)
  await app.db.owner
    .updateTable('decisions')
    .set({ noticed_at: new Date(now - 20 * 86_400_000), voting_starts_at: new Date(now - 1000) })
    .where('id', '=', id)
    .execute()
  await app.db.owner
    .updateTable('decision_topics')
    .set({ created_at: new Date(now - 21 * 86_400_000) })
    .execute()
  expect((await api.post(`/api/v1/decisions/${id}/open`)).status).toBe(200)

  // Each submission: a voter (round robin) and pseudo-random choices, fixed by its index.
  const submissions = Array.from({ length: SUBMISSIONS }, (_, i) => ({
    unitId: unitIds[i % VOTERS]!,
    choices: { [t1]: CHOICES[(i * 7) % 3]!, [t2]: CHOICES[(i * 11 + 1) % 3]! },
  }))
  let next = 0
  const statuses: number[] = []
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < submissions.length) {
        const s = submissions[next++]!
        const res = await api.post(`/api/v1/decisions/${id}/paper-ballots`, {
          ...s,
          signedAt: new Date().toISOString(),
          scan: { fileName: 'b.png', contentType: 'image/png', dataBase64: PNG },
        })
        statuses.push(res.status)
      }
    }),
  )
  expect(statuses.filter((s) => s !== 201)).toEqual([])

  const verify = await api.get(`/api/v1/decisions/${id}/verify`)
  expect(verify.body).toMatchObject({ valid: true, events: SUBMISSIONS, problem: null })

  // What the tally must count: each voter's last event in chain order.
  const events = await app.db.owner
    .selectFrom('ballot_events')
    .select(['seq', 'voter_key', 'choices'])
    .where('decision_id', '=', id)
    .orderBy('seq')
    .execute()
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: SUBMISSIONS }, (_, i) => i + 1))
  const last = new Map(events.map((e) => [e.voter_key, e.choices]))
  expect(last.size).toBe(VOTERS)
  const expected = (topic: string, choice: string) =>
    [...last.values()].filter((c) => c[topic] === choice).length

  await app.db.owner
    .updateTable('decisions')
    .set({ voting_ends_at: new Date(Date.now() - 1) })
    .where('id', '=', id)
    .execute()
  expect((await api.post(`/api/v1/decisions/${id}/close`)).status).toBe(200)
  const result = (await api.get(`/api/v1/decisions/${id}/result`)).body
  for (const [i, topic] of [t1, t2].entries()) {
    const r = result.topics[i]
    expect(r.participating.heads).toBe(VOTERS)
    expect([r.agree.heads, r.oppose.heads, r.abstain.heads]).toEqual([
      expected(topic, 'agree'),
      expected(topic, 'oppose'),
      expected(topic, 'abstain'),
    ])
  }
}, 1_800_000)
