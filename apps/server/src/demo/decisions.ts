import { tierOfItem } from '@meihao/contracts'
import type { Transaction } from 'kysely'
import { type ChainEvent, eventHash } from '../modules/governance/chain'
import type { DecisionRow } from '../modules/governance/repository'
import { loadTopics } from '../modules/governance/repository'
import { computeResult } from '../modules/governance/results'
import { freezeRollIn } from '../modules/governance/roll-service'
import type { GovernanceTables } from '../modules/governance/tables'
import { uuidv7 } from '../platform/ids'

type Tx = Transaction<GovernanceTables>
const DAY = 86_400_000
const CHOICES = ['agree', 'agree', 'agree', 'oppose', 'abstain'] as const

interface DemoDecision {
  title: string
  description: string
  topics: { title: string; item: number }[]
  /** Days relative to the seed: record date, notice, voting start and end. */
  recordDay: number
  noticeDay: number
  startDay: number
  endDay: number
  /** Share of voters (in percent) who voted, for a decision already closed. */
  turnoutPercent?: number
}

/** A vote already decided, with its result published, and one open now for the demo owners. */
const DEMO_DECISIONS: DemoDecision[] = [
  {
    title: '2025 年业主大会：续聘物业与电梯更新',
    description: '书面征求意见与线上表决同时进行，按专有部分面积和人数双过半（重大事项四分之三）计票。',
    topics: [
      { title: '续聘美好物业服务有限公司为翠湖苑物业服务人（2026–2028）', item: 4 },
      { title: '使用专项维修资金更换 3、5 号楼电梯（预算 126.8 万元）', item: 5 },
      { title: '将地面 40 个临时车位改为固定车位对外出租，收益归全体业主', item: 8 },
    ],
    recordDay: -70,
    noticeDay: -60,
    startDay: -40,
    endDay: -10,
    turnoutPercent: 76,
  },
  {
    title: '2026 年第一次业主大会（线上表决）',
    description: '线上表决：业主登录“美好”业主端，经短信验证码确认后投票；也可向业委会提交签名的纸质表决票。',
    topics: [
      { title: '修改《翠湖苑管理规约》第十二条（宠物管理）', item: 2 },
      { title: '使用专项维修资金修缮 1–4 号楼屋面防水（预算 48.6 万元）', item: 5 },
      { title: '在小区南门广场设置快递柜并收取场地使用费，收益归全体业主', item: 8 },
    ],
    recordDay: -5,
    noticeDay: -20,
    startDay: -2,
    endDay: 28,
  },
]

const at = (now: Date, days: number) => new Date(now.getTime() + days * DAY)
const dateOf = (d: Date) => d.toISOString().slice(0, 10)

/** The demo's two decisions of 翠湖苑, written as the services would have left them. */
export async function seedDemoDecisions(
  tx: Tx,
  tenantId: string,
  communityId: string,
  createdBy: string | null,
) {
  const now = new Date()
  for (const plan of DEMO_DECISIONS) {
    const d = await insertNoticed(tx, tenantId, communityId, createdBy, plan, now)
    const frozen = await freezeRollIn(tx, tenantId, d)
    const opened = { ...frozen, status: 'open' as const, opened_at: at(now, plan.startDay) }
    if (plan.turnoutPercent === undefined) {
      await tx
        .updateTable('decisions')
        .set({ status: 'open', opened_at: opened.opened_at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', d.id)
        .execute()
      continue
    }
    await castDemoBallots(tx, tenantId, opened, plan.turnoutPercent, at(now, plan.startDay))
    const closedAt = at(now, plan.endDay)
    const withChain = await tx
      .selectFrom('decisions')
      .select(['ballot_count', 'chain_head'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow()
    const result = await computeResult(
      tx,
      tenantId,
      { ...opened, ...withChain },
      await loadTopics(tx, tenantId, d.id),
      closedAt,
    )
    await tx
      .updateTable('decisions')
      .set({
        status: 'closed',
        opened_at: opened.opened_at,
        closed_at: closedAt,
        result: JSON.stringify(result),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', d.id)
      .execute()
  }
}

async function insertNoticed(
  tx: Tx,
  tenantId: string,
  communityId: string,
  createdBy: string | null,
  plan: DemoDecision,
  now: Date,
): Promise<DecisionRow> {
  const id = uuidv7()
  const noticedAt = at(now, plan.noticeDay)
  const row = {
    tenant_id: tenantId,
    id,
    community_id: communityId,
    title: plan.title,
    description: plan.description,
    convener: 'committee' as const,
    meeting_form: 'online' as const,
    temporary: false,
    notice_min_days: 15,
    record_date: dateOf(at(now, plan.recordDay)),
    voting_starts_at: at(now, plan.startDay),
    voting_ends_at: at(now, plan.endDay),
    secret_until_close: true,
    follow_majority: false,
    proxy_cap: 3,
    publish_within_days: 3,
    status: 'noticed' as const,
    noticed_at: noticedAt,
    created_by: createdBy,
  }
  const inserted = await tx.insertInto('decisions').values(row).returningAll().executeTakeFirstOrThrow()
  await tx
    .insertInto('decision_topics')
    .values(
      plan.topics.map((t, i) => ({
        tenant_id: tenantId,
        id: uuidv7(),
        decision_id: id,
        seq: i + 1,
        title: t.title,
        description: '',
        item: t.item,
        tier: tierOfItem(t.item),
        election_group: null,
        seats: null,
        created_at: at(now, plan.noticeDay - 1),
      })),
    )
    .execute()
  return { ...inserted, community_name: '翠湖苑', time_zone: 'Asia/Shanghai' }
}

/** Online ballots of `percent` of the voters, one event each, chained as the ballot service chains them. */
async function castDemoBallots(tx: Tx, tenantId: string, d: DecisionRow, percent: number, from: Date) {
  const topics = await loadTopics(tx, tenantId, d.id)
  const members = await tx
    .selectFrom('decision_roll_members')
    .select(['voter_key', 'pseudonym', 'party_id'])
    .where('tenant_id', '=', tenantId)
    .where('decision_id', '=', d.id)
    .orderBy('pseudonym')
    .execute()
  const firstMember = new Map<string, (typeof members)[number]>()
  for (const m of members) if (!firstMember.has(m.voter_key)) firstMember.set(m.voter_key, m)
  const voting = [...firstMember.values()].filter((_, i) => (i * 37) % 100 < percent)
  let prevHash = d.roll_hash!
  const rows = voting.map((m, i) => {
    const choices = Object.fromEntries(
      topics.map((t, k) => [t.id, CHOICES[(i * 7 + k * 3) % CHOICES.length]!]),
    )
    const event: ChainEvent = {
      decisionId: d.id,
      seq: i + 1,
      voter: m.voter_key,
      castBy: m.pseudonym,
      channel: 'online',
      choices,
      castAt: new Date(from.getTime() + i * 60_000).toISOString(),
      effectiveAt: new Date(from.getTime() + i * 60_000).toISOString(),
      evidence: [],
    }
    const hash = eventHash(prevHash, event)
    const row = {
      tenant_id: tenantId,
      decision_id: d.id,
      seq: event.seq,
      id: uuidv7(),
      voter_key: m.voter_key,
      cast_by: m.pseudonym,
      channel: 'online' as const,
      choices: JSON.stringify(choices) as unknown as Record<string, 'agree'>,
      cast_at: new Date(event.castAt),
      effective_at: new Date(event.effectiveAt),
      scan_ref: null,
      proxy_hash: null,
      proxy_name: null,
      authorization_ref: null,
      entered_by: null,
      party_id: m.party_id,
      prev_hash: prevHash,
      hash,
    }
    prevHash = hash
    return row
  })
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('ballot_events')
      .values(rows.slice(i, i + 500))
      .execute()
  await tx
    .updateTable('decisions')
    .set({ ballot_count: rows.length, chain_head: rows.at(-1)?.hash ?? null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', d.id)
    .execute()
}
