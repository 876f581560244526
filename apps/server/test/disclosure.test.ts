/* biome-ignore-all lint/suspicious/noExplicitAny: API bodies are checked field by field */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDate } from '../src/modules/disclosure/community-rules'
import { addDays } from '../src/modules/disclosure/completeness'
import { quarterDates, quarterOf } from '../src/modules/disclosure/fund-math'
import { uuidv7 } from '../src/platform/ids'
import { ApiClient, startTestApp, type TestApp } from './support/app'
import {
  type Company,
  createCompany,
  createSmallEstate,
  type SmallEstate,
  signInOwner,
} from './support/fixtures'

/**
 * The disclosure region through the API (Shanghai community, four units of 89.37 m² built / 72.10 m²
 * exclusive): the fund's first deposits by rate table, the public-revenue ledger with evidence, a quarter
 * closed under Shanghai's "more than 50% to the fund" rule with its statement published, fund projects
 * (emergency, owners' decision of item 五, refusals), apportionment with shortfalls and top-up flags,
 * manual disclosures with versions, completeness, the owners' view, the public page without personal
 * data, and the billing ledger agreeing with every figure.
 */
let app: TestApp
let company: Company
let estate: SmallEstate
let owner: ApiClient
let other: Company
/** The decided project of building 1, settled in 'fund projects'. */
let projectId: string

const db = () => app.db.owner
const api = () => company.admin
const PDF = Buffer.from('%PDF-1.4 invoice 2026').toString('base64')
const pdf = (name: string) => ({ fileName: name, contentType: 'application/pdf', dataBase64: PDF })

const today = localDate(new Date(), 'Asia/Shanghai')
const lastQuarter = quarterOf(addDays(quarterDates(quarterOf(today)).from, -1))
const lastQuarterDates = quarterDates(lastQuarter)
const inLastQuarter = addDays(lastQuarterDates.from, 10)

async function closedDecision(item: number, passed: boolean, communityId = estate.communityId) {
  const decisionId = uuidv7()
  const topicId = uuidv7()
  await db()
    .insertInto('decisions' as never)
    .values({
      tenant_id: company.tenantId,
      id: decisionId,
      community_id: communityId,
      title: `议题 ${item} 表决`,
      record_date: '2026-01-01',
      voting_starts_at: new Date('2026-02-01T00:00:00Z'),
      voting_ends_at: new Date('2026-02-20T00:00:00Z'),
      status: 'closed',
      closed_at: new Date('2026-02-21T00:00:00Z'),
      result: JSON.stringify({ topics: [{ topicId, passed }] }),
    } as never)
    .execute()
  await db()
    .insertInto('decision_topics' as never)
    .values({
      tenant_id: company.tenantId,
      id: topicId,
      decision_id: decisionId,
      seq: 1,
      title: item === 5 ? '使用维修资金更换水泵' : '其他事项',
      item,
      tier: [6, 7, 8].includes(item) ? 'major' : 'ordinary',
    } as never)
    .execute()
  return { decisionId, topicId }
}

async function ledgerFigures() {
  const { rows } = await sql<{ account: string; sub_key: string; balance: string }>`
    select account, sub_key, sum(credit_fen - debit_fen)::text as balance from ledger_lines
     where tenant_id = ${company.tenantId} and account in ('2241-PR', '2241-MF') group by account, sub_key`.execute(
    db(),
  )
  const unbalanced = await sql<{ n: number }>`
    select count(*)::int as n from (select journal_id from ledger_lines group by journal_id
                                     having sum(debit_fen) <> sum(credit_fen)) j`.execute(db())
  return {
    publicRevenue: Number(rows.find((r) => r.account === '2241-PR')?.balance ?? 0),
    fund: new Map(rows.filter((r) => r.account === '2241-MF').map((r) => [r.sub_key, Number(r.balance)])),
    unbalanced: unbalanced.rows[0]!.n,
  }
}

beforeAll(async () => {
  app = await startTestApp()
  company = await createCompany(app, 'dc')
  estate = await createSmallEstate(company, 'dc1')
  owner = await signInOwner(app, company, estate)
  other = await createCompany(app, 'dx')
  // 2-102 is unsold: the developer pays its deposits and shares.
  await db().updateTable('units').set({ sold: false }).where('id', '=', estate.unitIds[3]!).execute()
}, 120_000)
afterAll(() => app?.close())

describe('settings', () => {
  it("take the city's rules from the community's division code, and a rate table set by the company", async () => {
    const before = await api().get(`/api/v1/disclosure-settings/${estate.communityId}`)
    expect(before.status).toBe(200)
    expect(before.body).toMatchObject({
      cityRule: 'shanghai',
      cityRuleIsDefault: true,
      allocation: 'more_than_half',
      publicPath: null,
    })
    const unknown = await api().request('PUT', `/api/v1/disclosure-settings/${estate.communityId}`, {
      fundRates: [{ code: 'lift', name: '有电梯', fenPerM2: 12_000 }],
      buildingRates: { [estate.buildingIds[0]!]: 'nolift' },
    })
    expect(unknown.status).toBe(422)
    expect(unknown.body.error.code).toBe('DISCLOSURE_RATE_UNKNOWN')
    const put = await api().request('PUT', `/api/v1/disclosure-settings/${estate.communityId}`, {
      fundRates: [
        { code: 'lift', name: '有电梯', fenPerM2: 12_000 },
        { code: 'nolift', name: '无电梯', fenPerM2: 8_000 },
      ],
      buildingRates: { [estate.buildingIds[0]!]: 'lift', [estate.buildingIds[1]!]: 'lift' },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body.fundRates).toHaveLength(2)
    expect(put.body.cityRuleIsDefault).toBe(true)
  })
})

describe('the maintenance fund', () => {
  it('takes first deposits by building area × rate, once per unit, posted to 2241-MF per unit', async () => {
    const res = await api().post('/api/v1/fund/first-deposits', {
      communityId: estate.communityId,
      occurredOn: '2026-01-05',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    // 89.37 m² × 120.00 元 = 10,724.40 元 per unit.
    expect(res.body).toMatchObject({ units: 4, totalFen: 4 * 1_072_440 })
    const again = await api().post('/api/v1/fund/first-deposits', {
      communityId: estate.communityId,
      unitIds: [estate.unitIds[0]],
      occurredOn: '2026-01-05',
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('DISCLOSURE_FIRST_DEPOSIT_TAKEN')
    const nothingLeft = await api().post('/api/v1/fund/first-deposits', {
      communityId: estate.communityId,
      occurredOn: '2026-01-05',
    })
    expect(nothingLeft.body).toMatchObject({ units: 0, totalFen: 0, journalId: null })
    const summary = await api().get(`/api/v1/fund?communityId=${estate.communityId}`)
    expect(summary.body).toMatchObject({
      units: 4,
      unitsWithAccount: 4,
      firstDepositsFen: 4_289_760,
      balanceFen: 4_289_760,
      topUpUnits: 0,
      emergencyRoomFen: null,
    })
    const ledger = await ledgerFigures()
    for (const unitId of estate.unitIds) expect(ledger.fund.get(unitId)).toBe(1_072_440)
  })

  it('refuses a date in the future and money for another company’s community', async () => {
    const future = await api().post('/api/v1/fund/gains', {
      communityId: estate.communityId,
      amountFen: 100,
      occurredOn: addDays(today, 2),
      memo: '利息',
    })
    expect(future.status).toBe(422)
    expect(future.body.error.code).toBe('DISCLOSURE_DATE_IN_FUTURE')
    const foreign = await other.admin.post('/api/v1/fund/gains', {
      communityId: estate.communityId,
      amountFen: 100,
      occurredOn: today,
      memo: '利息',
    })
    expect(foreign.status).toBe(404)
    expect((await other.admin.get(`/api/v1/fund?communityId=${estate.communityId}`)).status).toBe(404)
    expect((await other.admin.get(`/api/v1/fund/accounts/${estate.unitIds[0]}`)).status).toBe(404)
  })

  it('allocates gains by building area, the fen left over by largest remainder', async () => {
    const res = await api().post('/api/v1/fund/gains', {
      communityId: estate.communityId,
      amountFen: 1_003,
      occurredOn: '2026-03-21',
      memo: '一季度利息',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const accounts = await api().get(`/api/v1/fund/accounts?communityId=${estate.communityId}`)
    const gains = accounts.body.items.map((a: any) => [a.unitCode, a.gainsFen])
    // Equal areas: 250 each and 3 fen left, to the three lowest codes.
    expect(gains).toEqual([
      ['1-101', 251],
      ['1-102', 251],
      ['2-101', 251],
      ['2-102', 250],
    ])
  })
})

describe('public revenue', () => {
  it('records income and a cost with evidence; a cost without evidence or with a phone number is refused', async () => {
    const income = await api().post('/api/v1/public-revenue/income', {
      communityId: estate.communityId,
      source: 'lift_ads',
      amountFen: 10_000_000,
      occurredOn: inLastQuarter,
      counterparty: '某某传媒有限公司',
      contractRef: 'HT-2026-001',
      summary: '电梯广告位租金',
      evidence: [pdf('contract.pdf')],
    })
    expect(income.status, JSON.stringify(income.body)).toBe(201)
    expect(income.body).toMatchObject({ kind: 'income', signedFen: 10_000_000, balanceFen: 10_000_000 })
    const noEvidence = await api().post('/api/v1/public-revenue/costs', {
      communityId: estate.communityId,
      amountFen: 2_000_000,
      occurredOn: inLastQuarter,
      summary: '广告位维护',
      evidence: [],
    })
    expect(noEvidence.status).toBe(400)
    const withPhone = await api().post('/api/v1/public-revenue/costs', {
      communityId: estate.communityId,
      amountFen: 2_000_000,
      occurredOn: inLastQuarter,
      summary: '付给联系人 13912345678 的维护费',
      evidence: [pdf('invoice.pdf')],
    })
    expect(withPhone.status).toBe(422)
    expect(withPhone.body.error.code).toBe('DISCLOSURE_PERSONAL_DATA')
    const cost = await api().post('/api/v1/public-revenue/costs', {
      communityId: estate.communityId,
      amountFen: 2_000_000,
      occurredOn: inLastQuarter,
      summary: '广告位维护及电费',
      evidence: [pdf('invoice.pdf')],
    })
    expect(cost.status, JSON.stringify(cost.body)).toBe(201)
    expect(cost.body).toMatchObject({ signedFen: -2_000_000, balanceFen: 8_000_000 })
    const evidence = `/public-revenue/${cost.body.id}/evidence/${cost.body.evidence[0].sha256}`
    expect((await api().get(`/api/v1${evidence}`)).status).toBe(200)
    expect(String((await owner.get(`/api/v1/my${evidence}`)).body)).toContain('%PDF')
    expect((await other.admin.get(`/api/v1${evidence}`)).status).toBe(404)
    const tooMuch = await api().post('/api/v1/public-revenue/costs', {
      communityId: estate.communityId,
      amountFen: 8_000_001,
      occurredOn: inLastQuarter,
      summary: '超额成本',
      evidence: [pdf('invoice.pdf')],
    })
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body.error.code).toBe('DISCLOSURE_BALANCE_SHORT')
  })

  it('reverses a mistaken income entry once, with a new entry', async () => {
    const wrong = await api().post('/api/v1/public-revenue/income', {
      communityId: estate.communityId,
      source: 'parking',
      amountFen: 50_000,
      occurredOn: today,
      summary: '重复录入的停车收入',
    })
    expect(wrong.status).toBe(201)
    const reversed = await api().post(`/api/v1/public-revenue/${wrong.body.id}/reverse`, {
      note: '重复录入，冲销',
    })
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(200)
    expect(reversed.body).toMatchObject({ reversesId: wrong.body.id, signedFen: -50_000 })
    const twice = await api().post(`/api/v1/public-revenue/${wrong.body.id}/reverse`, { note: '再次冲销' })
    expect(twice.status).toBe(409)
    const ledger = await api().get(`/api/v1/public-revenue?communityId=${estate.communityId}`)
    expect(ledger.body.balanceFen).toBe(8_000_000)
    expect(ledger.body.entries.find((e: any) => e.id === wrong.body.id).reversedBy).toBe(reversed.body.id)
  })

  it('closes the last quarter under the Shanghai rule: more than half of the net goes to the fund', async () => {
    const open = await api().post('/api/v1/public-revenue/quarters', {
      communityId: estate.communityId,
      quarter: quarterOf(today),
    })
    expect(open.status).toBe(409)
    expect(open.body.error.code).toBe('DISCLOSURE_QUARTER_OPEN')
    const preview = await api().get(
      `/api/v1/public-revenue/quarters?communityId=${estate.communityId}&quarter=${lastQuarter}`,
    )
    expect(preview.body).toMatchObject({
      incomeFen: 10_000_000,
      costFen: 2_000_000,
      netFen: 8_000_000,
      rule: 'more_than_half',
      minToFundFen: 4_000_001,
      closed: false,
    })
    const tooLow = await api().post('/api/v1/public-revenue/quarters', {
      communityId: estate.communityId,
      quarter: lastQuarter,
      toFundFen: 4_000_000,
    })
    expect(tooLow.status).toBe(422)
    expect(tooLow.body.error.code).toBe('DISCLOSURE_TO_FUND_TOO_LOW')
    const fundBefore = await api().get(`/api/v1/fund?communityId=${estate.communityId}`)
    const closed = await api().post('/api/v1/public-revenue/quarters', {
      communityId: estate.communityId,
      quarter: lastQuarter,
      toFundFen: null,
    })
    expect(closed.status, JSON.stringify(closed.body)).toBe(200)
    expect(closed.body).toMatchObject({ closed: true, balanceFen: 3_999_999 })
    const fundAfter = await api().get(`/api/v1/fund?communityId=${estate.communityId}`)
    expect(fundAfter.body.balanceFen - fundBefore.body.balanceFen).toBe(4_000_001)
    const statement = await api().get(`/api/v1/disclosures/${closed.body.disclosureId}`)
    expect(statement.body).toMatchObject({
      type: 'public_revenue_statement',
      status: 'published',
      periodFrom: lastQuarterDates.from,
      periodTo: lastQuarterDates.to,
    })
    expect(statement.body.content).toMatchObject({
      incomeFen: 10_000_000,
      costFen: 2_000_000,
      toFundFen: 4_000_001,
    })
    expect(statement.body.attachments.length).toBeGreaterThan(0)
    const again = await api().post('/api/v1/public-revenue/quarters', {
      communityId: estate.communityId,
      quarter: lastQuarter,
    })
    expect(again.status).toBe(409)
    const late = await api().post('/api/v1/public-revenue/income', {
      communityId: estate.communityId,
      source: 'venue_rental',
      amountFen: 100,
      occurredOn: inLastQuarter,
      summary: '迟到的场地租金',
    })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('DISCLOSURE_QUARTER_CLOSED')
  })

  it("spends only under a passed owners' decision of the right item", async () => {
    const refused = await closedDecision(9, false)
    const res = await api().post('/api/v1/public-revenue/uses', {
      communityId: estate.communityId,
      amountFen: 100_000,
      occurredOn: today,
      summary: '添置健身器材',
      ...refused,
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('DISCLOSURE_DECISION_NOT_APPROVING')
    const passed = await closedDecision(9, true)
    const ok = await api().post('/api/v1/public-revenue/uses', {
      communityId: estate.communityId,
      amountFen: 100_000,
      occurredOn: today,
      summary: '添置健身器材',
      ...passed,
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body.balanceFen).toBe(3_899_999)
  })
})

describe('fund projects', () => {
  it('refuse a decision that did not approve fund use (item 五 passed)', async () => {
    const wrongItem = await closedDecision(4, true)
    const res = await api().post('/api/v1/fund/projects', {
      communityId: estate.communityId,
      title: '更换水泵',
      buildingIds: [estate.buildingIds[0]],
      costFen: 100_000,
      ...wrongItem,
    })
    expect(res.status).toBe(409)
    const neither = await api().post('/api/v1/fund/projects', {
      communityId: estate.communityId,
      title: '更换水泵',
      buildingIds: [estate.buildingIds[0]],
      costFen: 100_000,
    })
    expect(neither.status).toBe(400)
  })

  it('apportion a decided project by exclusive area, settle it, flag top-ups and tell the owners', async () => {
    const decision = await closedDecision(5, true)
    const balances = (await api().get(`/api/v1/fund/accounts?communityId=${estate.communityId}`)).body.items
    const balance1 = balances.find((a: any) => a.unitCode === '1-101').balanceFen as number
    // Building 1 (two units of 72.10 m²) shares a cost that leaves 1-101 just below 30% of 10,724.40.
    const line = 321_732
    const costFen = 2 * (balance1 - line + 1)
    const res = await api().post('/api/v1/fund/projects', {
      communityId: estate.communityId,
      title: '1号楼更换水泵',
      buildingIds: [estate.buildingIds[0]],
      costFen,
      ...decision,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    projectId = res.body.project.id
    expect(res.body).toMatchObject({
      units: 2,
      totalAreaHundredths: '14420',
      shortfallFen: 0,
      fromFundFen: costFen,
    })
    expect(res.body.lines.map((l: any) => l.shareFen)).toEqual([costFen / 2, costFen / 2])
    expect(res.body.lines[0]).toMatchObject({ balanceAfterFen: line - 1, needsTopUp: true })
    const settled = await api().post(`/api/v1/fund/projects/${projectId}/settle`)
    expect(settled.status, JSON.stringify(settled.body)).toBe(200)
    expect(settled.body.project.status).toBe('settled')
    expect(settled.body.lines.reduce((s: number, l: any) => s + l.shareFen, 0)).toBe(costFen)
    const twice = await api().post(`/api/v1/fund/projects/${projectId}/settle`)
    expect(twice.status).toBe(409)
    // 上海: the owners decide on topping up within 90 days, or top up to 50% of 10,724.40 = 5,362.20.
    const low = await api().get(`/api/v1/fund/accounts/${estate.unitIds[0]}`)
    expect(low.body.topUp).toEqual({
      since: today,
      term: {
        decideBy: addDays(today, 90),
        percent: 50,
        targetFen: 536_220,
        missingFen: 536_220 - (line - 1),
      },
    })
    const fine = await api().get(`/api/v1/fund/accounts/${estate.unitIds[2]}`)
    expect(fine.body.topUp).toBeNull()
    const flagged = await api().get(`/api/v1/fund/accounts?communityId=${estate.communityId}&topUpOnly=true`)
    expect(flagged.body.items.map((a: any) => a.unitCode)).toEqual(['1-101', '1-102'])
    const every = await api().get(`/api/v1/fund/accounts?communityId=${estate.communityId}&topUpOnly=false`)
    expect(every.body.items).toHaveLength(4)
    const notBoolean = await api().get(
      `/api/v1/fund/accounts?communityId=${estate.communityId}&topUpOnly=yes`,
    )
    expect(notBoolean.status).toBe(400)
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from owner_messages where kind = 'fund_top_up' and unit_id = ${estate.unitIds[0]}`.execute(
      db(),
    )
    expect(rows[0]!.n).toBe(1)
  })

  it('stand one at a time on a decided topic, and keep phone numbers out of what owners read', async () => {
    const decision = await closedDecision(5, true)
    const plan = (title: string, description = '') =>
      api().post('/api/v1/fund/projects', {
        communityId: estate.communityId,
        title,
        description,
        buildingIds: [estate.buildingIds[1]],
        costFen: 300_000,
        ...decision,
      })
    const withPhone = await plan('2号楼单元门禁更换', '联系人 王五 13912345678')
    expect(withPhone.status).toBe(422)
    expect(withPhone.body.error.code).toBe('DISCLOSURE_PERSONAL_DATA')
    const first = await plan('2号楼单元门禁更换')
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const again = await plan('2号楼单元门禁更换（重复立项）')
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('DISCLOSURE_DECISION_ALREADY_USED')
    expect(again.body.error.message).toContain('2号楼单元门禁更换')
    expect((await api().post(`/api/v1/fund/projects/${first.body.project.id}/cancel`)).status).toBe(200)
    const replanned = await plan('2号楼单元门禁更换（重新立项）')
    expect(replanned.status, JSON.stringify(replanned.body)).toBe(201)
    expect((await api().post(`/api/v1/fund/projects/${replanned.body.project.id}/cancel`)).status).toBe(200)
  })

  it('record a shortfall when a share is more than the balance; the developer pays for unsold units', async () => {
    const res = await api().post('/api/v1/fund/projects', {
      communityId: estate.communityId,
      title: '2号楼屋面渗漏抢修',
      buildingIds: [estate.buildingIds[1]],
      costFen: 5_000_001,
      emergencyCategory: 'roof_leak',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ developerUnits: 1, developerFen: 2_500_000 })
    expect(res.body.lines.map((l: any) => [l.unitCode, l.shareFen])).toEqual([
      ['2-101', 2_500_001],
      ['2-102', 2_500_000],
    ])
    const settled = await api().post(`/api/v1/fund/projects/${res.body.project.id}/settle`)
    expect(settled.status).toBe(200)
    for (const l of settled.body.lines) {
      expect(l.fromFundFen + l.shortfallFen).toBe(l.shareFen)
      expect(l.balanceAfterFen).toBe(0)
      expect(l.shortfallFen).toBeGreaterThan(0)
    }
    const empty = await api().post('/api/v1/fund/projects', {
      communityId: estate.communityId,
      title: '2号楼外墙',
      buildingIds: [estate.buildingIds[1]],
      costFen: 100,
      emergencyCategory: 'facade_falling',
    })
    const refused = await api().post(`/api/v1/fund/projects/${empty.body.project.id}/settle`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('DISCLOSURE_FUND_EMPTY')
    expect((await api().post(`/api/v1/fund/projects/${empty.body.project.id}/cancel`)).body.status).toBe(
      'cancelled',
    )
  })

  it("are in the fund's statement for the period, with every unit by code and no names", async () => {
    const open = await api().post('/api/v1/fund/statements', {
      communityId: estate.communityId,
      periodFrom: '2026-01-01',
      periodTo: today,
    })
    expect(open.status).toBe(409)
    expect(open.body.error.code).toBe('DISCLOSURE_PERIOD_OPEN')
    const periodTo = addDays(today, -1)
    const res = await api().post('/api/v1/fund/statements', {
      communityId: estate.communityId,
      periodFrom: '2026-01-01',
      periodTo,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const content = res.body.content
    const summary = (await api().get(`/api/v1/fund?communityId=${estate.communityId}`)).body
    // Deposits and gains are dated earlier in 2026; the fund received the quarter's public revenue on the
    // day of the close (today), and the settlements are today too: both after the period.
    expect(content.openingFen).toBe(0)
    expect(content.firstDepositFen).toBe(4_289_760)
    expect(content.gainFen).toBe(1_003)
    expect(content.publicRevenueFen).toBe(0)
    expect(content.closingFen).toBe(4_289_760 + 1_003)
    expect(content.spentFen).toBe(0)
    expect(summary.balanceFen).toBe(content.closingFen + 4_000_001 - summary.spentFen)
    // What the owners were shown stays true: nothing more is dated within the published period.
    const late = await api().post('/api/v1/fund/gains', {
      communityId: estate.communityId,
      amountFen: 500,
      occurredOn: periodTo,
      memo: '迟到的利息',
    })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('DISCLOSURE_FUND_PERIOD_PUBLISHED')
    expect(late.body.error.message).toContain(periodTo)
    expect((await api().get(`/api/v1/fund?communityId=${estate.communityId}`)).body).toEqual(summary)
    expect(content.units.map((u: any) => u.code)).toEqual(['1-101', '1-102', '2-101', '2-102'])
    expect(JSON.stringify(content)).not.toContain('张三')
    const again = await api().post('/api/v1/fund/statements', {
      communityId: estate.communityId,
      periodFrom: '2026-01-01',
      periodTo,
    })
    expect(again.body).toMatchObject({ version: 2, seriesId: res.body.id })
    // A statement that covers today's settlements lists the projects with their apportionment totals.
    const withProjects = await app.db.owner.transaction().execute(async (tx) => {
      const { rulesOfCommunity } = await import('../src/modules/disclosure/community-rules')
      const { fundStatementContent } = await import('../src/modules/disclosure/fund-statement')
      const rules = await rulesOfCommunity(tx as never, company.tenantId, estate.communityId)
      return fundStatementContent(tx as never, company.tenantId, rules, '2026-01-01', today)
    })
    expect(withProjects.projects.map((p: any) => p.title)).toEqual(['1号楼更换水泵', '2号楼屋面渗漏抢修'])
    expect(withProjects.publicRevenueFen).toBe(4_000_001)
    expect(withProjects.spentFen).toBe(summary.spentFen)
    expect(withProjects.closingFen).toBe(summary.balanceFen)
    for (const p of withProjects.projects) expect(p.fromFundFen + p.shortfallFen).toBe(p.costFen)
  })

  it('get their statement at the cadence without anyone asking, once (上海: every half-year)', async () => {
    const { publishDueFundStatements } = await import('../src/modules/disclosure/fund-statement')
    const { periodStartOf, requiredPeriodEnd } = await import('../src/modules/disclosure/completeness')
    const to = requiredPeriodEnd(today, 6, 0, '2000-01-01')!
    const from = periodStartOf(to, 6)
    // Registered today, the community owes no statement yet; delivered in 2014, it owes the last half-year's.
    expect(await publishDueFundStatements(app.db)).toBe(0)
    await db()
      .updateTable('communities')
      .set({ delivery_date: '2014-06-01' })
      .where('id', '=', estate.communityId)
      .execute()
    expect(await publishDueFundStatements(app.db)).toBe(1)
    expect(await publishDueFundStatements(app.db)).toBe(0)
    const list = await api().get(`/api/v1/disclosures?communityId=${estate.communityId}&type=fund_statement`)
    const due = list.body.find((d: any) => d.periodFrom === from && d.periodTo === to)
    expect(due, JSON.stringify(list.body)).toMatchObject({
      status: 'published',
      sourceRef: `fund:${from}:${to}`,
    })
    // The other company has no fund: nothing of theirs is written.
    const foreign = await other.admin.get(
      `/api/v1/disclosures?communityId=${estate.communityId}&type=fund_statement`,
    )
    expect(foreign.status).toBe(404)
  })

  it('keep the billing ledger equal to the sub-accounts and the public-revenue balance', async () => {
    const ledger = await ledgerFigures()
    expect(ledger.unbalanced).toBe(0)
    const accounts = (await api().get(`/api/v1/fund/accounts?communityId=${estate.communityId}`)).body.items
    for (const a of accounts) expect(ledger.fund.get(a.unitId), a.unitCode).toBe(a.balanceFen)
    const revenue = await api().get(`/api/v1/public-revenue?communityId=${estate.communityId}`)
    expect(ledger.publicRevenue).toBe(revenue.body.balanceFen)
    const { rows } = await sql<{ ok: boolean }>`
      select bool_and(balance_fen = (select coalesce(sum(amount_fen), 0) from fund_entries e
                                      where e.tenant_id = a.tenant_id and e.unit_id = a.unit_id)) as ok
        from fund_unit_accounts a`.execute(db())
    expect(rows[0]!.ok).toBe(true)
  })
})

describe('disclosures', () => {
  let itemId: string
  it('are drafted, published once, and corrected as a new version that keeps the old one', async () => {
    const phone = await api().post('/api/v1/disclosures', {
      communityId: estate.communityId,
      type: 'service_items',
      title: '服务事项',
      body: '业主张三 110101198001011234 反映',
    })
    expect(phone.status).toBe(422)
    const generated = await api().post('/api/v1/disclosures', {
      communityId: estate.communityId,
      type: 'fee_standards',
      title: '手工收费标准',
    })
    expect(generated.status).toBe(400)
    // A periodic report stays up at least the city's 30 days; the company may choose longer.
    const report = (minDisplayDays: number) =>
      api().post('/api/v1/disclosures', {
        communityId: estate.communityId,
        type: 'performance_report',
        title: '物业服务合同履行情况',
        minDisplayDays,
      })
    const tooShort = await report(29)
    expect(tooShort.status).toBe(422)
    expect(tooShort.body.error).toMatchObject({ code: 'DISCLOSURE_DISPLAY_TOO_SHORT' })
    expect(tooShort.body.error.message).toContain('30')
    const longer = await report(60)
    expect(longer.status, JSON.stringify(longer.body)).toBe(201)
    expect(longer.body.minDisplayDays).toBe(60)
    // A draft saved with less (before the rule, or under another city) is published for the minimum.
    await db()
      .updateTable('disclosure_items' as never)
      .set({ min_display_days: 3 } as never)
      .where('id' as never, '=', longer.body.id as never)
      .execute()
    const period = { periodFrom: '2025-01-01', periodTo: '2025-12-31' }
    expect((await api().patch(`/api/v1/disclosures/${longer.body.id}`, period)).status).toBe(200)
    const up = await api().post(`/api/v1/disclosures/${longer.body.id}/publish`)
    expect(up.body).toMatchObject({
      status: 'published',
      minDisplayDays: 30,
      displayUntil: addDays(today, 30),
    })
    const draft = await api().post('/api/v1/disclosures', {
      communityId: estate.communityId,
      type: 'service_items',
      title: '物业服务事项',
      body: '保洁、绿化、秩序维护、共用设施设备维修养护',
      attachments: [pdf('service.pdf')],
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    itemId = draft.body.id
    expect((await owner.get(`/api/v1/my/disclosures/${itemId}`)).status).toBe(404)
    const published = await api().post(`/api/v1/disclosures/${itemId}/publish`)
    expect(published.body).toMatchObject({ status: 'published', minDisplayDays: 5 })
    expect(published.body.displayUntil).toBe(addDays(today, 5))
    expect((await api().post(`/api/v1/disclosures/${itemId}/publish`)).status).toBe(409)
    expect((await api().patch(`/api/v1/disclosures/${itemId}`, { title: '改' })).status).toBe(409)
    const corrected = await api().post(`/api/v1/disclosures/${itemId}/correct`, {
      body: '保洁、绿化、秩序维护、共用设施设备维修养护、装修管理',
      note: '漏列装修管理',
    })
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200)
    expect(corrected.body).toMatchObject({ version: 2, seriesId: itemId, correctionNote: '漏列装修管理' })
    expect(corrected.body.history).toEqual([expect.objectContaining({ id: itemId, version: 1 })])
    const old = await owner.get(`/api/v1/my/disclosures/${itemId}`)
    expect(old.body.status, JSON.stringify(old.body)).toBe('superseded')
    const file = await owner.get(
      `/api/v1/my/disclosures/${corrected.body.id}/attachments/${corrected.body.attachments[0].sha256}`,
    )
    expect(file.status).toBe(200)
    expect(String(file.body)).toContain('%PDF')
    // The database keeps a published version as it was, whoever writes.
    for (const change of [sql`body = 'x'`, sql`min_display_days = 1`, sql`correction_note = null`])
      await expect(
        sql`update disclosure_items set ${change} where id = ${corrected.body.id}`.execute(db()),
      ).rejects.toThrow(/immutable/)
  })

  it('tell the owners in the app when an item is published', async () => {
    const messages = await owner.get('/api/v1/me/messages')
    expect(messages.status).toBe(200)
    const texts = messages.body.items.map((m: any) => m.text)
    expect(texts.some((t: string) => t.includes('物业服务事项'))).toBe(true)
  })

  it('publish the fee standards from billing and see when billing has changed them', async () => {
    const item = await api().post('/api/v1/billing/fee-items', {
      communityId: estate.communityId,
      code: 'WYF',
      name: '物业服务费',
      kind: 'area',
    })
    await api().post(`/api/v1/billing/fee-items/${item.body.id}/standards`, {
      effectiveFrom: '2025-01',
      rate: '2.80',
    })
    const fees = await api().post('/api/v1/disclosure-fee-standards', { communityId: estate.communityId })
    expect(fees.status, JSON.stringify(fees.body)).toBe(200)
    expect(fees.body.content.items).toEqual([
      expect.objectContaining({ code: 'WYF', rate: '2.80', effectiveFrom: '2025-01' }),
    ])
    let completeness = await api().get(`/api/v1/disclosure-completeness?communityId=${estate.communityId}`)
    const line = () => completeness.body.lines.find((l: any) => l.type === 'fee_standards')
    expect(line().status).toBe('ok')
    await api().post(`/api/v1/billing/fee-items/${item.body.id}/standards`, {
      effectiveFrom: '2025-06',
      rate: '3.20',
    })
    completeness = await api().get(`/api/v1/disclosure-completeness?communityId=${estate.communityId}`)
    expect(line().status).toBe('overdue')
    expect(completeness.body.lines.find((l: any) => l.type === 'service_items').status).toBe('ok')
    expect(completeness.body.lines.find((l: any) => l.type === 'quality_standards').status).toBe('missing')
    // Three closed decisions (made above) were never published: the decisions line is overdue.
    const decisions = completeness.body.lines.find((l: any) => l.type === 'assembly_decision')
    expect(decisions.status).toBe('overdue')
    expect(decisions.missingEvents.length).toBeGreaterThan(0)
    expect(completeness.body.scorePercent).toBeLessThan(100)
  })
})

describe('owners', () => {
  it('see their own sub-account, the ledger and the published items, not the staff routes', async () => {
    const mine = await owner.get('/api/v1/my/fund/accounts')
    expect(mine.status).toBe(200)
    expect(mine.body.map((a: any) => a.unitCode)).toEqual(['1-101'])
    expect(mine.body[0]).toMatchObject({ needsTopUp: true, firstDepositFen: 1_072_440 })
    expect(mine.body[0].entries.map((e: any) => e.kind)).toEqual([
      'spend',
      'public_revenue',
      'gain',
      'first_deposit',
    ])
    const list = await owner.get(`/api/v1/my/disclosures?communityId=${estate.communityId}`)
    expect(list.body.every((d: any) => d.status === 'published')).toBe(true)
    expect(list.body.map((d: any) => d.type)).toContain('public_revenue_statement')
    const ledger = (await owner.get(`/api/v1/my/public-revenue?communityId=${estate.communityId}`)).body
    expect(ledger.balanceFen).toBe(3_899_999)
    // Owners read every entry, but not who the company contracted with (it may be a private person).
    expect(ledger.entries.map((e: any) => e.counterparty)).toEqual(ledger.entries.map(() => ''))
    const staffLedger = await api().get(`/api/v1/public-revenue?communityId=${estate.communityId}`)
    expect(staffLedger.body.entries.map((e: any) => e.counterparty)).toContain('某某传媒有限公司')
    expect((await owner.get(`/api/v1/fund?communityId=${estate.communityId}`)).status).toBe(403)
    expect((await owner.get(`/api/v1/disclosures?communityId=${estate.communityId}`)).status).toBe(403)
  })

  it('keep the balance with the unit when it is sold: the new owner sees it, the old one no longer', async () => {
    const before = (await owner.get('/api/v1/my/fund/accounts')).body[0].balanceFen
    await db()
      .updateTable('unit_ownerships' as never)
      .set({ end_date: '2020-01-01' } as never)
      .where('unit_id' as never, '=', estate.unitIds[0] as never)
      .execute()
    expect((await owner.get('/api/v1/my/fund/accounts')).body).toEqual([])
    const staffView = await api().get(`/api/v1/fund/accounts/${estate.unitIds[0]}`)
    expect(staffView.body.balanceFen).toBe(before)
    await db()
      .updateTable('unit_ownerships' as never)
      .set({ end_date: null } as never)
      .where('unit_id' as never, '=', estate.unitIds[0] as never)
      .execute()
  })
})

describe('the notice-board page', () => {
  it('is off until the company enables it, shows no personal data, and goes away when turned off', async () => {
    const people = await api().post('/api/v1/disclosures', {
      communityId: estate.communityId,
      type: 'responsible_people',
      title: '项目负责人',
      body: '项目经理 李四 13800138000',
    })
    expect(people.status, JSON.stringify(people.body)).toBe(201)
    // Staff phones are the company's choice on this item; an ID number never is.
    const withId = await api().post('/api/v1/disclosures', {
      communityId: estate.communityId,
      type: 'responsible_people',
      title: '项目负责人 李四 13800138000',
      body: '身份证 11010119800101123X',
    })
    expect(withId.status).toBe(422)
    expect(withId.body.error).toMatchObject({
      code: 'DISCLOSURE_PERSONAL_DATA',
      details: { kind: 'id_number' },
    })
    await api().post(`/api/v1/disclosures/${people.body.id}/publish`)
    const on = await api().request('PUT', `/api/v1/disclosure-settings/${estate.communityId}`, {
      publicPage: true,
    })
    expect(on.body.publicPath).toMatch(/^\/public\//)
    const [, , tenantId, token] = on.body.publicPath.split('/')
    expect(tenantId).toBe(company.tenantId)
    const anonymous = new ApiClient(app.server)
    const page = await anonymous.get(`/api/v1/public/disclosures/${tenantId}/${token}`)
    expect(page.status, JSON.stringify(page.body)).toBe(200)
    expect(page.body.communityName).toBe('dc1 花园')
    expect(page.body.items.map((i: any) => i.type)).toContain('public_revenue_statement')
    expect(page.body.items.map((i: any) => i.type)).not.toContain('responsible_people')
    const text = JSON.stringify(page.body)
    for (const personal of [
      '张三',
      '李四',
      estate.ownerPhone,
      '13800138000',
      '11010119800101123X',
      '某某传媒',
    ])
      expect(text, personal).not.toContain(personal)
    // No mobile number anywhere once ids and file hashes (random hex) are left out.
    const withoutIds = text.replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64}/g,
      '',
    )
    expect(withoutIds).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
    // The statement's evidence (contracts, invoices) is for the owners who sign in, not the notice board.
    const statement = page.body.items.find((i: any) => i.type === 'public_revenue_statement')
    expect(statement.attachments).toEqual([])
    expect(statement.content.entries.flatMap((e: any) => e.evidence)).toEqual([])
    expect(statement.content.incomeFen).toBeGreaterThan(0)
    const evidence = (await owner.get(`/api/v1/my/disclosures/${statement.id}`)).body.attachments
    expect(evidence.length).toBeGreaterThan(0)
    const ownersCopy = await owner.get(
      `/api/v1/my/disclosures/${statement.id}/attachments/${evidence[0].sha256}`,
    )
    expect(ownersCopy.status).toBe(200)
    const file = await anonymous.get(
      `/api/v1/public/disclosures/${tenantId}/${token}/items/${statement.id}/attachments/${evidence[0].sha256}`,
    )
    expect(file.status).toBe(404)
    // The fund statement's figures are public; each unit's balance is for the owners who sign in.
    const fund = page.body.items.find((i: any) => i.type === 'fund_statement')
    expect(fund.content).toMatchObject({ units: [], unitsWithheld: true })
    expect(fund.content.closingFen).toBeGreaterThan(0)
    const ownersFund = (await owner.get(`/api/v1/my/disclosures/${fund.id}`)).body.content
    expect(ownersFund.units.length).toBe(4)
    expect(ownersFund.unitsWithheld).toBeUndefined()
    const wrongToken = await anonymous.get(`/api/v1/public/disclosures/${tenantId}/${'x'.repeat(32)}`)
    expect(wrongToken.status).toBe(404)
    await api().request('PUT', `/api/v1/disclosure-settings/${estate.communityId}`, { publicPage: false })
    expect((await anonymous.get(`/api/v1/public/disclosures/${tenantId}/${token}`)).status).toBe(404)
  })
})

describe('public revenue quarters close in order', () => {
  const before = (quarter: string) => quarterOf(addDays(quarterDates(quarter).from, -1))
  const twoBack = before(lastQuarter)
  const threeBack = before(twoBack)
  let communityId: string
  const income = (occurredOn: string, amountFen: number) =>
    api().post('/api/v1/public-revenue/income', {
      communityId,
      source: 'billboard_ads',
      amountFen,
      occurredOn,
      summary: '道闸广告位租金',
    })
  const close = (quarter: string) => api().post('/api/v1/public-revenue/quarters', { communityId, quarter })

  beforeAll(async () => {
    communityId = (await createSmallEstate(company, 'dc2')).communityId
  }, 60_000)

  it('records an income retried with the same Idempotency-Key once', async () => {
    const body = {
      communityId,
      source: 'telecom_rent',
      amountFen: 123_456,
      occurredOn: today,
      summary: '基站场地租金（重试）',
    }
    const key = { 'idempotency-key': `pr-${uuidv7()}` }
    const a = await api().request('POST', '/api/v1/public-revenue/income', body, key)
    const b = await api().request('POST', '/api/v1/public-revenue/income', body, key)
    expect(a.status, JSON.stringify(a.body)).toBe(201)
    expect(b.status).toBe(201)
    expect(b.body.id).toBe(a.body.id)
    expect(b.headers['idempotent-replayed']).toBe('true')
    const ledger = await api().get(`/api/v1/public-revenue?communityId=${communityId}`)
    expect(ledger.body.entries.filter((e: any) => e.summary === body.summary)).toHaveLength(1)
  })

  it('closes an earlier quarter holding entries first, then refuses anything dated on or before it', async () => {
    expect((await income(addDays(quarterDates(twoBack).from, 5), 100_000)).status).toBe(201)
    expect((await income(inLastQuarter, 200_000)).status).toBe(201)
    const skipped = await close(lastQuarter)
    expect(skipped.status).toBe(409)
    expect(skipped.body.error.code).toBe('DISCLOSURE_EARLIER_QUARTER_OPEN')
    expect(skipped.body.error.message).toContain(twoBack)
    const first = await close(twoBack)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ netFen: 100_000, minToFundFen: 50_001 })

    // An empty quarter before the books' close cannot be closed, nor written into.
    const older = await close(threeBack)
    expect(older.status).toBe(409)
    expect(older.body.error.code).toBe('DISCLOSURE_QUARTER_AFTER_CLOSED')
    const backdated = await income(addDays(quarterDates(threeBack).to, -1), 100)
    expect(backdated.status).toBe(409)
    expect(backdated.body.error.code).toBe('DISCLOSURE_QUARTER_CLOSED')
    expect(backdated.body.error.message).toContain(twoBack)

    const last = await close(lastQuarter)
    expect(last.status, JSON.stringify(last.body)).toBe(200)
    const statement = await api().get(`/api/v1/disclosures/${last.body.disclosureId}`)
    // The quarter opens with what the earlier close left: 1,000.00 less the 500.01 sent to the fund.
    expect(statement.body.content).toMatchObject({
      openingFen: 49_999,
      incomeFen: 200_000,
      toFundFen: 100_001,
    })
  })
})

describe('public revenue balance over time', () => {
  const twoBack = quarterOf(addDays(lastQuarterDates.from, -1))
  const a = quarterDates(twoBack)
  const b = lastQuarterDates
  let communityId: string
  const post = (kind: 'income' | 'costs', occurredOn: string, amountFen: number) =>
    api().post(`/api/v1/public-revenue/${kind}`, {
      communityId,
      ...(kind === 'income' ? { source: 'venue_rental' } : { evidence: [pdf('保洁发票.pdf')] }),
      amountFen,
      occurredOn,
      summary: kind === 'income' ? '会所场地租金' : '场地保洁费',
    })

  beforeAll(async () => {
    communityId = (await createSmallEstate(company, 'dc3')).communityId
  }, 60_000)

  it('refuses an outflow that a later day could not cover or that spends what an open quarter owes the fund', async () => {
    expect((await post('income', addDays(a.from, 5), 100_000)).status).toBe(201)
    // Shanghai: the first quarter owes the fund 500.01 of its 1,000.00 when it closes; only 499.99 may go.
    const tooMuch = await post('costs', addDays(b.from, 2), 90_000)
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body.error.code).toBe('DISCLOSURE_BALANCE_SHORT')
    expect(tooMuch.body.error.message).toContain('499.99')
    expect((await post('costs', addDays(b.from, 2), 40_000)).status).toBe(201)
    expect((await post('income', addDays(b.from, 20), 500_000)).status).toBe(201)
    // 5,600.00 today, but after the cost of the second quarter's third day only 99.99 were free.
    const backdated = await post('costs', addDays(b.from, 1), 20_000)
    expect(backdated.status).toBe(409)
    expect(backdated.body.error.message).toContain('99.99')
    expect((await post('costs', addDays(b.from, 1), 9_999)).status).toBe(201)

    // Owners decide to spend the rest: the second quarter's net 4,500.01 owes 2,250.01, so 2,749.99 is free.
    const decided = await closedDecision(9, true, communityId)
    const use = (amountFen: number) =>
      api().post('/api/v1/public-revenue/uses', {
        communityId,
        amountFen,
        occurredOn: today,
        summary: '更新儿童游乐设施',
        ...decided,
      })
    const overspent = await use(275_000)
    expect(overspent.status).toBe(409)
    expect(overspent.body.error.message).toContain('2749.99')
    const spent = await use(274_999)
    expect(spent.status, JSON.stringify(spent.body)).toBe(201)
    expect(spent.body.balanceFen).toBe(50_001 + 225_001)

    // Both quarters still close, each moving exactly its share; nothing more is there.
    const preview = await api().get(
      `/api/v1/public-revenue/quarters?communityId=${communityId}&quarter=${twoBack}`,
    )
    expect(preview.body).toMatchObject({ netFen: 100_000, minToFundFen: 50_001, balanceFen: 50_001 })
    const close = (quarter: string, toFundFen: number | null = null) =>
      api().post('/api/v1/public-revenue/quarters', { communityId, quarter, toFundFen })
    const beyond = await close(twoBack, 50_002)
    expect(beyond.status).toBe(409)
    expect(beyond.body.error.code).toBe('DISCLOSURE_BALANCE_SHORT')
    const first = await close(twoBack)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const second = await close(lastQuarter)
    expect(second.status, JSON.stringify(second.body)).toBe(200)
    expect(second.body).toMatchObject({ netFen: 450_001, minToFundFen: 225_001 })
    const stored = await db()
      .selectFrom('public_revenue_quarters' as never)
      .select(['quarter', 'balance_fen'] as never)
      .where('community_id' as never, '=', communityId as never)
      .orderBy('quarter' as never)
      .execute()
    // Each quarter's closing balance, not today's: 1,000.00 − 500.01; then 499.99 + 4,500.01 − 2,250.01.
    expect(stored.map((r) => Number((r as { balance_fen: string }).balance_fen))).toEqual([49_999, 274_999])
    const ledger = await api().get(`/api/v1/public-revenue?communityId=${communityId}`)
    expect(ledger.body.balanceFen).toBe(0)
    const days = new Map<string, number>()
    for (const e of [...ledger.body.entries].reverse()) days.set(e.occurredOn, e.balanceFen)
    expect(Math.min(...days.values())).toBeGreaterThanOrEqual(0)
  })
})

describe('a settled project', () => {
  it('reads as it was settled after the sub-accounts move on', async () => {
    const before = (await api().get(`/api/v1/fund/projects/${projectId}`)).body
    const settledLine = before.lines.find((l: any) => l.unitCode === '1-101')
    expect(settledLine).toMatchObject({ balanceAfterFen: 321_731, needsTopUp: true })
    const topUp = await api().post('/api/v1/fund/deposits', {
      unitId: estate.unitIds[0],
      amountFen: 800_000,
      occurredOn: today,
      memo: '续筹专项维修资金',
    })
    expect(topUp.status, JSON.stringify(topUp.body)).toBe(200)
    expect(topUp.body).toMatchObject({ needsTopUp: false })
    const after = (await api().get(`/api/v1/fund/projects/${projectId}`)).body
    expect(after.lines).toEqual(before.lines)
    expect(after.topUpUnits).toBe(before.topUpUnits)
  })
})

describe('emergency spending under a city cap (湖州: 10% of the first deposits)', () => {
  let huzhou: SmallEstate

  beforeAll(async () => {
    huzhou = await createSmallEstate(company, 'dc4')
    const put = await api().request('PUT', `/api/v1/disclosure-settings/${huzhou.communityId}`, {
      cityRule: 'huzhou',
      fundRates: [{ code: 'lift', name: '有电梯', fenPerM2: 12_000 }],
      buildingRates: Object.fromEntries(huzhou.buildingIds.map((id) => [id, 'lift'])),
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body).toMatchObject({ cityRule: 'huzhou', cityRuleIsDefault: false })
    const deposits = await api().post('/api/v1/fund/first-deposits', {
      communityId: huzhou.communityId,
      occurredOn: '2026-01-05',
    })
    expect(deposits.body.totalFen).toBe(4_289_760)
  }, 60_000)

  const emergency = (costFen: number) =>
    api().post('/api/v1/fund/projects', {
      communityId: huzhou.communityId,
      title: '1号楼消防水泵抢修',
      buildingIds: [huzhou.buildingIds[0]],
      costFen,
      emergencyCategory: 'fire_system',
    })

  it('counts planned and settled emergencies against the cap to the fen; a cancelled one frees its room', async () => {
    const room = async () =>
      (await api().get(`/api/v1/fund?communityId=${huzhou.communityId}`)).body.emergencyRoomFen as number
    // 10% of 42,897.60 is 4,289.76.
    expect(await room()).toBe(428_976)
    const over = await emergency(428_977)
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('DISCLOSURE_EMERGENCY_CAP')
    expect(over.body.error.message).toContain('4289.76')
    const first = await emergency(300_000)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(await room()).toBe(128_976)
    expect((await api().post(`/api/v1/fund/projects/${first.body.project.id}/settle`)).status).toBe(200)
    expect((await emergency(128_977)).status).toBe(409)
    const rest = await emergency(128_976)
    expect(rest.status, JSON.stringify(rest.body)).toBe(201)
    expect(await room()).toBe(0)
    expect((await emergency(1)).body.error.code).toBe('DISCLOSURE_EMERGENCY_CAP')
    expect((await api().post(`/api/v1/fund/projects/${rest.body.project.id}/cancel`)).status).toBe(200)
    expect(await room()).toBe(128_976)
    // What the owners decide (278 item 五) is not an emergency and has no such cap.
    const decided = await api().post('/api/v1/fund/projects', {
      communityId: huzhou.communityId,
      title: '2号楼屋面整体翻修',
      buildingIds: [huzhou.buildingIds[1]],
      costFen: 1_000_000,
      ...(await closedDecision(5, true, huzhou.communityId)),
    })
    expect(decided.status, JSON.stringify(decided.body)).toBe(201)
  })
})

describe('public revenue kept back for the fund, by city', () => {
  const income = (communityId: string, occurredOn: string, amountFen: number) =>
    api().post('/api/v1/public-revenue/income', {
      communityId,
      source: 'venue_rental',
      amountFen,
      occurredOn,
      summary: '会所场地租金',
    })
  const use = async (communityId: string, amountFen: number) =>
    api().post('/api/v1/public-revenue/uses', {
      communityId,
      amountFen,
      occurredOn: today,
      summary: '更换小区健身器材',
      ...(await closedDecision(9, true, communityId)),
    })
  const withRule = async (code: string, cityRule: string) => {
    const { communityId } = await createSmallEstate(company, code)
    const put = await api().request('PUT', `/api/v1/disclosure-settings/${communityId}`, { cityRule })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    return communityId
  }

  it('北京 keeps half of an open quarter back, though today’s fund owes nothing, since spending could change that', async () => {
    const communityId = await withRule('dc5', 'beijing')
    expect((await income(communityId, today, 100_000)).status).toBe(201)
    const preview = await api().get(
      `/api/v1/public-revenue/quarters?communityId=${communityId}&quarter=${quarterOf(today)}`,
    )
    // No first deposits: the fund is not below 30% of them, so the close as of today would move nothing.
    expect(preview.body).toMatchObject({ netFen: 100_000, minToFundFen: 0 })
    const tooMuch = await use(communityId, 50_001)
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body.error.message).toContain('500.00')
    expect((await use(communityId, 50_000)).status).toBe(201)
  })

  it('a city rule that would leave an open quarter short cannot be switched on', async () => {
    const communityId = await withRule('dc6', 'national')
    expect((await income(communityId, today, 100_000)).status).toBe(201)
    expect((await use(communityId, 100_000)).status).toBe(201)
    const shanghai = await api().request('PUT', `/api/v1/disclosure-settings/${communityId}`, {
      cityRule: 'shanghai',
    })
    expect(shanghai.status).toBe(409)
    expect(shanghai.body.error.code).toBe('DISCLOSURE_RULE_CHANGE_UNCOVERED')
    const settings = await api().get(`/api/v1/disclosure-settings/${communityId}`)
    expect(settings.body.cityRule).toBe('national')
  })

  it('reverses a wrong income of an ended quarter that is not closed inside that quarter, freeing its share', async () => {
    const { communityId } = await createSmallEstate(company, 'dc7')
    const right = await income(communityId, inLastQuarter, 200_000)
    const wrong = await income(communityId, addDays(inLastQuarter, 1), 100_000)
    expect([right.status, wrong.status]).toEqual([201, 201])
    const reversed = await api().post(`/api/v1/public-revenue/${wrong.body.id}/reverse`, {
      note: '误录，冲销',
    })
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(200)
    expect(reversed.body).toMatchObject({ occurredOn: wrong.body.occurredOn, signedFen: -100_000 })
    const closed = await api().post('/api/v1/public-revenue/quarters', { communityId, quarter: lastQuarter })
    expect(closed.status, JSON.stringify(closed.body)).toBe(200)
    // 上海: more than half of the true net 2,000.00.
    expect(closed.body).toMatchObject({ netFen: 200_000, minToFundFen: 100_001, balanceFen: 99_999 })
  })
})
