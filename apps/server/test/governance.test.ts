/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTally } from '../src/cli/tally-command'
import { withTenant } from '../src/platform/db/tenancy'
import { ApiClient, startTestApp, type TestApp } from './support/app'
import {
  type Company,
  createCompany,
  createSmallEstate,
  nextPhone,
  PASSWORD,
  type SmallEstate,
} from './support/fixtures'

/**
 * A whole decision through the API: notice rules, the frozen roll with the counting rules, online
 * ballots with one-time codes, a paper ballot, replacement, the tally, the export re-tallied offline,
 * and the hash chain under tampering.
 */
let app: TestApp
let company: Company
let estate: SmallEstate
const owners: Record<'zhang' | 'li', ApiClient> = {} as never
let decisionId: string
let topicIds: string[]
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]).toString('base64')
const scan = { fileName: 'ballot.png', contentType: 'image/png', dataBase64: PNG }
const signedNow = () => new Date().toISOString()

const days = (n: number) => new Date(Date.now() + n * 86_400_000)
const dateOnly = (d: Date) => d.toISOString().slice(0, 10)

/** A signed-in owner login linked to a party (a new one unless `partyId` names it). */
async function owner(
  name: string,
  phone: string,
  partyId?: string,
): Promise<{ client: ApiClient; partyId: string }> {
  const api = company.admin
  const user = await api.post('/api/v1/iam/users', {
    name,
    phone,
    password: PASSWORD,
    roles: [{ roleId: company.roleIds.owner }],
  })
  expect(user.status).toBe(201)
  const party = partyId ? { body: { id: partyId } } : await api.post('/api/v1/parties', { name, phone })
  const account = await app.db.owner
    .selectFrom('accounts')
    .select('id')
    .where('phone_hash', '=', app.deps.pii.lookupHash('phone', phone))
    .executeTakeFirstOrThrow()
  await app.db.owner
    .updateTable('parties')
    .set({ account_id: account.id })
    .where('id', '=', party.body.id)
    .execute()
  const client = new ApiClient(app.server)
  expect((await client.login(phone, PASSWORD, company.code)).status).toBe(200)
  return { client, partyId: party.body.id }
}

const voterOfUnit = async (code: string) =>
  (
    await app.db.owner
      .selectFrom('decision_roll_units')
      .select('voter_key')
      .where('decision_id', '=', decisionId)
      .where('unit_code', '=', code)
      .executeTakeFirst()
  )?.voter_key

/** Moves the decision's clock: tests cannot wait 15 days for a notice period. */
const backdate = (set: Record<string, Date>) =>
  app.db.owner.updateTable('decisions').set(set).where('id', '=', decisionId).execute()

beforeAll(async () => {
  // Codes come back in the API response (as for the demo company), so the test can type them.
  app = await startTestApp({ MEIHAO_SMS_DRIVER: 'demo' })
  company = await createCompany(app, 'gov-a')
  estate = await createSmallEstate(company)
  const api = company.admin
  const [, u1102, u2101, u2102] = estate.unitIds
  // 张三 owns 1-101 (fixture, linked below); 李四 owns 1-102 and 2-101 (one head, both areas);
  // 王五 and 赵六 co-own 2-102 (one head together). Heads 3, area 4 × 72.10.
  owners.zhang = (await owner('张三', estate.ownerPhone, estate.ownerPartyId)).client
  const li = await owner('李四', nextPhone())
  owners.li = li.client
  for (const unit of [u1102, u2101])
    await api.post(`/api/v1/units/${unit}/ownerships`, { partyId: li.partyId, startDate: '2015-01-01' })
  for (const name of ['王五', '赵六']) {
    const p = await api.post('/api/v1/parties', { name })
    await api.post(`/api/v1/units/${u2102}/ownerships`, { partyId: p.body.id, startDate: '2016-03-01' })
  }
})
afterAll(() => app.close())

describe('convening: topics, notice period, roll', () => {
  it('refuses a notice that comes fewer than the notice days before voting opens', async () => {
    const res = await company.admin.post('/api/v1/decisions', {
      communityId: estate.communityId,
      title: '续聘物业',
      recordDate: dateOnly(days(-1)),
      votingStartsAt: days(10).toISOString(),
      votingEndsAt: days(20).toISOString(),
      topics: [{ title: '续聘美好物业', item: 4 }],
    })
    expect(res.status).toBe(201)
    const notice = await company.admin.post(`/api/v1/decisions/${res.body.id}/notice`)
    expect(notice.status).toBe(422)
    expect(notice.body.error.code).toBe('GOVERNANCE_NOTICE_TOO_SHORT')
    expect(notice.body.error.message).toContain('15')
  })

  it('takes 从众 from the community setting, whatever the convener sends', async () => {
    const input = {
      communityId: estate.communityId,
      title: '从众测试',
      recordDate: dateOnly(days(-1)),
      votingStartsAt: days(16).toISOString(),
      votingEndsAt: days(30).toISOString(),
    }
    expect(
      (await company.admin.post('/api/v1/decisions', { ...input, followMajority: true })).body.followMajority,
    ).toBe(false)
    await company.admin.patch(`/api/v1/communities/${estate.communityId}`, { voteFollowMajority: true })
    try {
      expect((await company.admin.post('/api/v1/decisions', input)).body.followMajority).toBe(true)
    } finally {
      await company.admin.patch(`/api/v1/communities/${estate.communityId}`, { voteFollowMajority: false })
    }
  })

  it('refuses a notice period below 15 days (7 for a temporary meeting) and a window over 60 days', async () => {
    const input = {
      communityId: estate.communityId,
      title: '期限测试',
      recordDate: dateOnly(days(-1)),
      votingStartsAt: days(16).toISOString(),
      votingEndsAt: days(30).toISOString(),
    }
    const short = await company.admin.post('/api/v1/decisions', { ...input, noticeMinDays: 10 })
    expect(short.body.error.code).toBe('GOVERNANCE_NOTICE_DAYS_TOO_FEW')
    expect(short.body.error.message).toContain('15')
    expect(
      (await company.admin.post('/api/v1/decisions', { ...input, noticeMinDays: 7, temporary: true })).status,
    ).toBe(201)
    expect(
      (await company.admin.post('/api/v1/decisions', { ...input, noticeMinDays: 6, temporary: true })).status,
    ).toBe(422)
    const long = await company.admin.post('/api/v1/decisions', {
      ...input,
      votingEndsAt: days(77).toISOString(),
    })
    expect(long.body.error.code).toBe('GOVERNANCE_WINDOW_INVALID')
  })

  it('creates a decision whose topics carry the tier of their item of 278', async () => {
    const res = await company.admin.post('/api/v1/decisions', {
      communityId: estate.communityId,
      title: '2026 年第一次业主大会',
      recordDate: dateOnly(days(-1)),
      votingStartsAt: days(16).toISOString(),
      votingEndsAt: days(30).toISOString(),
      topics: [
        { title: '续聘美好物业', item: 4 },
        { title: '筹集维修资金', item: 6 },
      ],
    })
    expect(res.status).toBe(201)
    decisionId = res.body.id
    topicIds = res.body.topics.map((t: any) => t.id)
    expect(res.body.topics.map((t: any) => t.tier)).toEqual(['ordinary', 'major'])
    expect(res.body.status).toBe('draft')
  })

  it('publishes the notice, then refuses new topics', async () => {
    const notice = await company.admin.post(`/api/v1/decisions/${decisionId}/notice`)
    expect(notice.status).toBe(200)
    expect(notice.body.status).toBe('noticed')
    const late = await company.admin.post(`/api/v1/decisions/${decisionId}/topics`, {
      title: '临时动议',
      item: 9,
    })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('GOVERNANCE_TOPICS_LOCKED')
  })

  it('freezes the roll with the counting rules: multi-unit owner and co-owners are one head each', async () => {
    const res = await company.admin.post(`/api/v1/decisions/${decisionId}/roll`)
    expect(res.status).toBe(200)
    expect(res.body.roll).toMatchObject({ heads: 3, area: '288.40', units: 4 })
    expect(res.body.roll.hash).toMatch(/^[0-9a-f]{64}$/)
    const again = await company.admin.post(`/api/v1/decisions/${decisionId}/roll`)
    expect(again.status).toBe(409)
  })

  it('will not open before the window, nor with a topic newer than the notice', async () => {
    const early = await company.admin.post(`/api/v1/decisions/${decisionId}/open`)
    expect(early.body.error.code).toBe('GOVERNANCE_NOT_IN_WINDOW')
    await backdate({ noticed_at: days(-20), voting_starts_at: days(-1) })
    await app.db.owner
      .updateTable('decision_topics')
      .set({ created_at: days(-10) })
      .where('id', '=', topicIds[1]!)
      .execute()
    const sneaked = await company.admin.post(`/api/v1/decisions/${decisionId}/open`)
    expect(sneaked.body.error.code).toBe('GOVERNANCE_TOPIC_AFTER_NOTICE')
    await app.db.owner
      .updateTable('decision_topics')
      .set({ created_at: days(-21) })
      .where('decision_id', '=', decisionId)
      .execute()
    const open = await company.admin.post(`/api/v1/decisions/${decisionId}/open`)
    expect(open.status).toBe(200)
    expect(open.body.status).toBe('open')
  })
})

describe('the roll at the record date', () => {
  it('keeps undelivered buyers out of the developer block, and a same-day transfer with the buyer only', async () => {
    const api = company.admin
    const other = await createSmallEstate(company, 'c2')
    const [u101, u102, u201, u202] = other.unitIds as [string, string, string, string]
    const record = dateOnly(days(-2))
    // 1-101 is sold but delivered only next year: its buyer (孙) does not vote for it, the developer does.
    await api.patch(`/api/v1/units/${u101}`, { deliveryDate: dateOnly(days(365)) })
    const sun = await api.post('/api/v1/parties', { name: '孙' })
    for (const unit of [u101, u102])
      await api.post(`/api/v1/units/${unit}/ownerships`, { partyId: sun.body.id, startDate: '2015-01-01' })
    // 2-101 changes hands on the record date itself: 周 sells, 吴 buys.
    const zhou = await api.post('/api/v1/parties', { name: '周' })
    const wu = await api.post('/api/v1/parties', { name: '吴' })
    const sale = await api.post(`/api/v1/units/${u201}/ownerships`, {
      partyId: zhou.body.id,
      startDate: '2015-01-01',
    })
    await api.post(`/api/v1/ownerships/${sale.body.id}/end`, { endDate: record })
    await api.post(`/api/v1/units/${u201}/ownerships`, { partyId: wu.body.id, startDate: record })
    await api.post(`/api/v1/units/${u202}/ownerships`, { partyId: zhou.body.id, startDate: '2015-01-01' })
    const decision = await api.post('/api/v1/decisions', {
      communityId: other.communityId,
      title: '名册测试',
      recordDate: record,
      votingStartsAt: days(16).toISOString(),
      votingEndsAt: days(30).toISOString(),
      topics: [{ title: '议题', item: 4 }],
    })
    await api.post(`/api/v1/decisions/${decision.body.id}/notice`)
    const frozen = await api.post(`/api/v1/decisions/${decision.body.id}/roll`)
    // Heads: the developer (1-101), 孙 (1-102), 吴 (2-101), 周 (2-102): four, none merged.
    expect(frozen.body.roll).toMatchObject({ heads: 4, units: 4, area: '288.40' })
    const roll = await app.db.owner
      .selectFrom('decision_roll_units')
      .select(['unit_code', 'developer_held', 'voter_key'])
      .where('decision_id', '=', decision.body.id)
      .orderBy('unit_code')
      .execute()
    expect(roll.map((r) => r.developer_held)).toEqual([true, false, false, false])
    expect(new Set(roll.map((r) => r.voter_key)).size).toBe(4)
    const members = await app.db.owner
      .selectFrom('decision_roll_members')
      .select('party_id')
      .where('decision_id', '=', decision.body.id)
      .execute()
    expect(members.map((m) => m.party_id).sort()).toEqual([sun.body.id, wu.body.id, zhou.body.id].sort())
  })

  it('cannot be frozen before the record date is over', async () => {
    const api = company.admin
    const decision = await api.post('/api/v1/decisions', {
      communityId: estate.communityId,
      title: '今日登记',
      // Today in the community's time zone, not UTC's.
      recordDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
      votingStartsAt: days(16).toISOString(),
      votingEndsAt: days(30).toISOString(),
      topics: [{ title: '议题', item: 4 }],
    })
    await api.post(`/api/v1/decisions/${decision.body.id}/notice`)
    const frozen = await api.post(`/api/v1/decisions/${decision.body.id}/roll`)
    expect(frozen.body.error.code).toBe('GOVERNANCE_RECORD_DATE_AHEAD')
  })
})

describe('voting', () => {
  const receipts: string[] = []

  it('an owner votes with a one-time code; a wrong or reused code is refused', async () => {
    const mine = await owners.zhang.get(`/api/v1/my/decisions/${decisionId}`)
    expect(mine.body.myVoter).toEqual({ heads: 1, area: '72.10', units: ['1-101'] })
    const code = await owners.zhang.post(`/api/v1/my/decisions/${decisionId}/code`)
    expect(code.status).toBe(200)
    expect(code.body.sentTo).toMatch(/^\d{3}\*{4}\d{4}$/)
    const wrong = String((Number(code.body.demoCode) + 1) % 1_000_000).padStart(6, '0')
    const choices = { [topicIds[0]!]: 'agree', [topicIds[1]!]: 'oppose' }
    const bad = await owners.zhang.post(`/api/v1/my/decisions/${decisionId}/ballots`, {
      choices,
      code: wrong,
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.code).toBe('GOVERNANCE_CODE_INVALID')
    const ok = await owners.zhang.post(`/api/v1/my/decisions/${decisionId}/ballots`, {
      choices,
      code: code.body.demoCode,
    })
    expect(ok.status).toBe(201)
    expect(ok.body.seq).toBe(1)
    receipts.push(ok.body.hash)
    const replay = await owners.zhang.post(`/api/v1/my/decisions/${decisionId}/ballots`, {
      choices,
      code: code.body.demoCode,
    })
    expect(replay.status).toBe(422)
    // One message in the outbox, sealed: the code is readable only through the PII key.
    const sms = await app.db.owner.selectFrom('sms_messages').selectAll().execute()
    expect(sms).toHaveLength(1)
    expect(JSON.stringify(sms)).not.toContain(code.body.demoCode)
    expect(app.deps.pii.decrypt(sms[0]!.body_enc)).toContain(code.body.demoCode)
  })

  it('a later ballot of the same voter replaces the earlier one; both stay in the chain', async () => {
    const code = await owners.zhang.post(`/api/v1/my/decisions/${decisionId}/code`)
    const ok = await owners.zhang.post(`/api/v1/my/decisions/${decisionId}/ballots`, {
      choices: { [topicIds[0]!]: 'agree', [topicIds[1]!]: 'agree' },
      code: code.body.demoCode,
    })
    expect(ok.status).toBe(201)
    expect(ok.body.prevHash).toBe(receipts[0])
    receipts.push(ok.body.hash)
    const code2 = await owners.li.post(`/api/v1/my/decisions/${decisionId}/code`)
    const li = await owners.li.post(`/api/v1/my/decisions/${decisionId}/ballots`, {
      choices: { [topicIds[0]!]: 'agree', [topicIds[1]!]: 'agree' },
      code: code2.body.demoCode,
    })
    expect(li.status).toBe(201)
    const mine = await owners.li.get(`/api/v1/my/decisions/${decisionId}`)
    expect(mine.body.myVoter).toEqual({ heads: 1, area: '144.20', units: ['1-102', '2-101'] })
  })

  it('limits codes per owner: five an hour, and ten wrong codes lock online voting', async () => {
    const li = await app.db.owner
      .selectFrom('decision_roll_members')
      .select('party_id')
      .where('decision_id', '=', decisionId)
      .where('voter_key', '=', (await voterOfUnit('1-102'))!)
      .executeTakeFirstOrThrow()
    const codeRow = (attempts: number, minutesAgo: number) => ({
      tenant_id: company.tenantId,
      id: crypto.randomUUID(),
      decision_id: decisionId,
      party_id: li.party_id,
      code_hash: 'x',
      expires_at: new Date(),
      attempts,
      created_at: new Date(Date.now() - minutesAgo * 60_000),
    })
    await app.db.owner
      .insertInto('vote_codes')
      .values([1, 2, 3, 4].map((m) => codeRow(0, m)))
      .execute()
    const tooMany = await owners.li.post(`/api/v1/my/decisions/${decisionId}/code`)
    expect(tooMany.status).toBe(429)
    expect(tooMany.body.error.code).toBe('GOVERNANCE_CODE_TOO_MANY')
    await app.db.owner.insertInto('vote_codes').values(codeRow(10, 120)).execute()
    const locked = await owners.li.post(`/api/v1/my/decisions/${decisionId}/ballots`, {
      choices: { [topicIds[0]!]: 'agree' },
      code: '000000',
    })
    expect(locked.status).toBe(403)
    expect(locked.body.error.code).toBe('GOVERNANCE_CODE_LOCKED')
  })

  it('a retried paper ballot with the same Idempotency-Key is entered once and answered alike', async () => {
    const body = {
      signedAt: signedNow(),
      unitId: estate.unitIds[3],
      choices: { [topicIds[0]!]: 'oppose', [topicIds[1]!]: 'abstain' },
      scan,
    }
    const url = `/api/v1/decisions/${decisionId}/paper-ballots`
    const key = { 'idempotency-key': `paper-2-102-${decisionId.slice(-8)}` }
    const before = (await company.admin.get(`/api/v1/decisions/${decisionId}`)).body.ballotCount
    const first = await company.admin.request('POST', url, body, key)
    const retry = await company.admin.request('POST', url, body, key)
    expect(first.status).toBe(201)
    expect(retry.status).toBe(201)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect((await company.admin.get(`/api/v1/decisions/${decisionId}`)).body.ballotCount).toBe(before + 1)
    const other = await company.admin.request('POST', url, { ...body, signedAt: signedNow() }, key)
    expect(other.body.error.code).toBe('COMMON_IDEMPOTENCY_KEY_REUSED')
    const bad = await company.admin.request('POST', url, body, { 'idempotency-key': 'x' })
    expect(bad.body.error.code).toBe('COMMON_IDEMPOTENCY_KEY_INVALID')
    // A failed first request leaves the key free: the retry runs.
    const refusedKey = { 'idempotency-key': `paper-refused-${decisionId.slice(-8)}` }
    const refused = await company.admin.request('POST', url, { ...body, unitId: decisionId }, refusedKey)
    expect(refused.status).toBe(422)
    expect((await company.admin.request('POST', url, body, refusedKey)).status).toBe(201)
  })

  it('staff find the units of the frozen roll by code', async () => {
    const res = await company.admin.get(`/api/v1/decisions/${decisionId}/roll-units?q=2-`)
    expect(res.body.map((u: any) => u.code)).toEqual(['2-101', '2-102'])
    expect(res.body[1]).toMatchObject({ unitId: estate.unitIds[3], area: '72.10', developerHeld: false })
  })

  it('staff enter a paper ballot with its scan; a proxy is capped', async () => {
    const unit2102 = estate.unitIds[3]!
    const paper = await company.admin.post(`/api/v1/decisions/${decisionId}/paper-ballots`, {
      signedAt: signedNow(),
      unitId: unit2102,
      choices: { [topicIds[0]!]: 'oppose', [topicIds[1]!]: 'abstain' },
      scan,
    })
    expect(paper.status).toBe(201)
    expect(paper.body.channel).toBe('paper')
    const notPng = await company.admin.post(`/api/v1/decisions/${decisionId}/paper-ballots`, {
      signedAt: signedNow(),
      unitId: unit2102,
      choices: { [topicIds[0]!]: 'oppose' },
      scan: { ...scan, contentType: 'application/pdf' },
    })
    expect(notPng.body.error.code).toBe('COMMON_FILE_TYPE_MISMATCH')
    await app.db.owner.updateTable('decisions').set({ proxy_cap: 1 }).where('id', '=', decisionId).execute()
    const proxy = { name: '钱七', idNumber: '110101199001011234', authorization: scan }
    const first = await company.admin.post(`/api/v1/decisions/${decisionId}/paper-ballots`, {
      signedAt: signedNow(),
      unitId: unit2102,
      choices: { [topicIds[0]!]: 'oppose', [topicIds[1]!]: 'abstain' },
      scan,
      proxy,
    })
    expect(first.status).toBe(201)
    expect(first.body.channel).toBe('proxy')
    const second = await company.admin.post(`/api/v1/decisions/${decisionId}/paper-ballots`, {
      signedAt: signedNow(),
      unitId: estate.unitIds[0],
      choices: { [topicIds[0]!]: 'oppose' },
      scan,
      proxy,
    })
    expect(second.status).toBe(422)
    expect(second.body.error.code).toBe('GOVERNANCE_PROXY_CAP')
  })

  it('live turnout shows heads and area but no choices while the vote is secret', async () => {
    const res = await company.admin.get(`/api/v1/decisions/${decisionId}/turnout`)
    expect(res.status).toBe(200)
    expect(res.body.total).toEqual({ heads: 3, area: '288.40' })
    expect(res.body.participating).toEqual({ heads: 3, area: '288.40' })
    expect(res.body.topics[0].agree).toBeNull()
  })

  it('the receipt is found in the chain, and the chain verifies', async () => {
    const check = await owners.zhang.get(`/api/v1/my/decisions/${decisionId}/receipts/${receipts[0]}`)
    expect(check.body).toMatchObject({ included: true, seq: 1, chainValid: true })
    const missing = await owners.zhang.get(`/api/v1/my/decisions/${decisionId}/receipts/${'0'.repeat(64)}`)
    expect(missing.body.included).toBe(false)
    const verify = await company.admin.get(`/api/v1/decisions/${decisionId}/verify`)
    expect(verify.body).toMatchObject({ valid: true, events: 7, problem: null })
  })

  it('the app role can neither change nor delete a ballot event', async () => {
    await expect(
      withTenant(app.db, company.tenantId, (tx: any) =>
        tx
          .updateTable('ballot_events')
          .set({ choices: '{}' })
          .where('decision_id', '=', decisionId)
          .execute(),
      ),
    ).rejects.toThrow(/permission denied/)
    await expect(
      withTenant(app.db, company.tenantId, (tx: any) =>
        tx.deleteFrom('ballot_events').where('decision_id', '=', decisionId).execute(),
      ),
    ).rejects.toThrow(/permission denied/)
  })
})

describe('closing, result and export', () => {
  it('closes only after the window, then tallies by area and heads', async () => {
    const early = await company.admin.post(`/api/v1/decisions/${decisionId}/close`)
    expect(early.body.error.code).toBe('GOVERNANCE_WINDOW_NOT_OVER')
    await backdate({ voting_ends_at: new Date(Date.now() - 1000) })
    // Until the count, paper ballots signed inside the window may still be keyed in; later ones may not.
    const paper = (signedAt: string) =>
      company.admin.post(`/api/v1/decisions/${decisionId}/paper-ballots`, {
        signedAt,
        unitId: estate.unitIds[0],
        choices: { [topicIds[0]!]: 'oppose', [topicIds[1]!]: 'oppose' },
        scan,
      })
    expect((await paper(signedNow())).body.error.code).toBe('GOVERNANCE_NOT_IN_WINDOW')
    // 张三 signed this one half a day ago, before voting online: the later online ballot still counts.
    expect((await paper(days(-0.5).toISOString())).status).toBe(201)
    const code = await owners.li.post(`/api/v1/my/decisions/${decisionId}/code`)
    expect(code.body.error.code).toBe('GOVERNANCE_NOT_IN_WINDOW')
    const closed = await company.admin.post(`/api/v1/decisions/${decisionId}/close`)
    expect(closed.status).toBe(200)
    const result = await company.admin.get(`/api/v1/decisions/${decisionId}/result`)
    const [renew, fund] = result.body.topics
    // 张三 and 李四 agree on both (2 heads, 216.30 m²); 2-102 opposes topic 1 and abstains on topic 2.
    expect(renew).toMatchObject({
      participating: { heads: 3, area: '288.40' },
      agree: { heads: 2, area: '216.30' },
      oppose: { heads: 1, area: '72.10' },
      quorumMet: true,
      passed: true,
    })
    // Major: 2 of 3 heads is below 3/4, so it fails although the area (75%) reaches it.
    expect(fund).toMatchObject({ agree: { heads: 2, area: '216.30' }, abstain: { heads: 1 }, passed: false })
    expect(result.body.followMajority).toBeNull()
    const owner = await owners.zhang.get(`/api/v1/my/decisions/${decisionId}`)
    expect(owner.body.result.topics[0].passed).toBe(true)
  })

  it('the export re-tallies offline to the published result and carries no personal data', async () => {
    const exported = await owners.li.get(`/api/v1/my/decisions/${decisionId}/export`)
    expect(exported.status).toBe(200)
    const text = JSON.stringify(exported.body)
    // No names, phones or ID numbers — and no unit codes: choices are public per voter, units are not.
    for (const secret of [
      '张三',
      '李四',
      '王五',
      estate.ownerPhone,
      '110101199001011234',
      '钱七',
      '1-101',
      '2-102',
    ]) {
      expect(text).not.toContain(secret)
    }
    const file = join(mkdtempSync(join(tmpdir(), 'meihao-tally-')), 'export.json')
    writeFileSync(file, text)
    const offline = runTally(file, {})
    expect(offline.exitCode).toBe(0)
    const retallied = JSON.parse(offline.stdout)
    const published = exported.body.result.topics
    retallied.topics.forEach((t: any, i: number) => {
      expect(t.passed).toBe(published[i].passed)
      expect([t.agreeHeads, t.agreeArea, t.participatingArea]).toEqual([
        published[i].agree.heads,
        published[i].agree.area,
        published[i].participating.area,
      ])
    })
  })

  it('tampering with a ballot row in the database is detected and named', async () => {
    const events = () =>
      app.db.owner
        .selectFrom('ballot_events')
        .selectAll()
        .where('decision_id', '=', decisionId)
        .orderBy('seq')
    const original = await events().execute()
    // Change one choice.
    await app.db.owner
      .updateTable('ballot_events')
      .set({ choices: JSON.stringify({ [topicIds[0]!]: 'oppose' }) as any })
      .where('decision_id', '=', decisionId)
      .where('seq', '=', 2)
      .execute()
    let verify = await company.admin.get(`/api/v1/decisions/${decisionId}/verify`)
    expect(verify.body).toMatchObject({ valid: false, problem: { seq: 2, reason: 'hash_mismatch' } })
    // No count while the chain is broken: closing again (status put back in the database) is refused.
    await app.db.owner.updateTable('decisions').set({ status: 'open' }).where('id', '=', decisionId).execute()
    const recount = await company.admin.post(`/api/v1/decisions/${decisionId}/close`)
    expect(recount.status).toBe(409)
    expect(recount.body.error).toMatchObject({ code: 'GOVERNANCE_INTEGRITY_BROKEN', details: { seq: 2 } })
    await app.db.owner
      .updateTable('decisions')
      .set({ status: 'closed' })
      .where('id', '=', decisionId)
      .execute()
    await app.db.owner
      .updateTable('ballot_events')
      .set({ choices: JSON.stringify(original[1]!.choices) as any })
      .where('decision_id', '=', decisionId)
      .where('seq', '=', 2)
      .execute()
    verify = await company.admin.get(`/api/v1/decisions/${decisionId}/verify`)
    expect(verify.body.valid).toBe(true)
    // Delete one.
    await app.db.owner
      .deleteFrom('ballot_events')
      .where('decision_id', '=', decisionId)
      .where('seq', '=', 3)
      .execute()
    verify = await company.admin.get(`/api/v1/decisions/${decisionId}/verify`)
    expect(verify.body).toMatchObject({ valid: false, problem: { seq: 4, reason: 'sequence_gap' } })
    await app.db.owner.insertInto('ballot_events').values(original[2]!).execute()
    // Delete the last one: the chain alone still links, but the decision recorded one more.
    const last = original.at(-1)!
    await app.db.owner
      .deleteFrom('ballot_events')
      .where('decision_id', '=', decisionId)
      .where('seq', '=', last.seq)
      .execute()
    verify = await company.admin.get(`/api/v1/decisions/${decisionId}/verify`)
    expect(verify.body).toMatchObject({ valid: false, problem: { seq: last.seq, reason: 'sequence_gap' } })
    await app.db.owner.insertInto('ballot_events').values(last).execute()
    expect((await company.admin.get(`/api/v1/decisions/${decisionId}/verify`)).body.valid).toBe(true)
    // Insert a forged one at the end.
    await app.db.owner
      .insertInto('ballot_events')
      .values({
        ...last,
        seq: last.seq + 1,
        id: '01a00000-0000-7000-8000-000000000001',
        prev_hash: last.hash,
        hash: 'f'.repeat(64),
      })
      .execute()
    verify = await company.admin.get(`/api/v1/decisions/${decisionId}/verify`)
    expect(verify.body).toMatchObject({
      valid: false,
      problem: { seq: last.seq + 1, reason: 'hash_mismatch' },
    })
  })

  it('another company cannot see the decision, and an owner off the roll cannot vote', async () => {
    const other = await createCompany(app, 'gov-b')
    expect((await other.admin.get(`/api/v1/decisions/${decisionId}`)).status).toBe(404)
    const stranger = await owner('孙八', nextPhone())
    expect((await stranger.client.get(`/api/v1/my/decisions/${decisionId}`)).status).toBe(404)
  })
})
