/**
 * The demo's disclosure region for 翠湖苑, written through the services exactly as staff would through the
 * API (each call its own transaction, every amount posted to the ledger's 2241-PR / 2241-MF):
 * - settings: the fund's rate table by building type, every building mapped, the notice-board page on;
 * - the maintenance fund: first deposits of every unit on the delivery date, a year's interest allocated at
 *   the end of each full year since;
 * - public revenue of the last four ended quarters and the current one (advertising, parking on the
 *   estate's roads, the telecom site, the parcel lockers) with costs and their evidence (PDFs); the three
 *   older ended quarters closed under Shanghai's rule (more than half to the fund), which publishes their
 *   statements, and the last ended one left for finance to close (the completeness dashboard shows its
 *   statement as due);
 * - fund projects: the lift replacement the owners decided (item 五) settled, an emergency left planned;
 * - the disclosures 民法典 943 asks for, the fee standards as billing holds them, the fund's statement for
 *   the last half-year, and one draft.
 * Dates follow today in Asia/Shanghai and are never in the future. Each part is skipped when it is there,
 * so a run interrupted half-way is completed by the next; a marker in the audit log says it is all done.
 */

import {
  DisclosureInput,
  DisclosureSettingsInput,
  FirstDepositInput,
  FundProjectInput,
  GainInput,
  PERMISSIONS,
  type Permission,
  QuarterCloseInput,
  type REVENUE_SOURCES,
  RevenueCostInput,
  RevenueIncomeInput,
  StatementInput,
} from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { localDate } from '../modules/disclosure/community-rules'
import { addDays } from '../modules/disclosure/completeness'
import { quarterDates, quarterOf } from '../modules/disclosure/fund-math'
import {
  allocateGain,
  createProject,
  fundSummary,
  settleProject,
  takeFirstDeposits,
} from '../modules/disclosure/fund-service'
import { publishFundStatement } from '../modules/disclosure/fund-statement'
import { createDraft, publishDraft } from '../modules/disclosure/items-service'
import { closeQuarter, recordCost, recordIncome } from '../modules/disclosure/revenue-service'
import { putSettings } from '../modules/disclosure/settings-service'
import { publishFeeStandards } from '../modules/disclosure/standards-service'
import { type ClosedDecision, closedDecisionsOf } from '../modules/governance/published'
import { writeAudit } from '../platform/audit'
import { withTenant } from '../platform/db/tenancy'
import type { Deps } from '../platform/deps'
import type { RequestContext } from '../platform/http/context'
import { uuidv7 } from '../platform/ids'
import { DEMO_COMMUNITY_CODE, demoLogin } from './logins'
import { pdfAttachment } from './pdf'
import { SeededRandom } from './random'
import { DELIVERY_DATE } from './residents-plan'

type RevenueSource = (typeof REVENUE_SOURCES)[number]

const TIME_ZONE = 'Asia/Shanghai'
/** Days after a quarter's end on which finance closes it. */
const CLOSE_AFTER_DAYS = 15
/** The audit action that marks the demo's disclosure part as complete. */
export const DEMO_DISCLOSURE_MARKER = 'demo.seed.disclosure'
/** The steps reported to the progress bar, in order. */
export const DEMO_DISCLOSURE_STEPS = [
  '公示设置',
  '首期维修资金',
  '维修资金收益与公共收益',
  '维修资金使用',
  '信息公示',
  '收费标准公示',
  '维修资金收支公示',
] as const

// ── the rate table ──────────────────────────────────────────────────────────────────────────────────

/** 上海 takes the first deposit by building type; 翠湖苑's high-rises have more than eleven floors. */
export const DEMO_FUND_RATES = [
  { code: 'highrise', name: '高层住宅（12 层及以上，有电梯）', fenPerM2: 13_000 },
  { code: 'yangfang', name: '洋房（11 层及以下，有电梯）', fenPerM2: 11_000 },
] as const
export const rateCodeOf = (floors: number) => (floors > 11 ? 'highrise' : 'yangfang')

// ── money and dates, exact ──────────────────────────────────────────────────────────────────────────

/** 1238600.00 元 as '1,238,600.00'. */
export function yuanText(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not whole fen: ${fen}`)
  const whole = String((fen - (fen % 100)) / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${whole}.${String(fen % 100).padStart(2, '0')}`
}

/** `fen` × `perMille` / 1000, rounded down to the fen, in integers only. */
const perMilleOf = (fen: number, perMille: number) => Number((BigInt(fen) * BigInt(perMille)) / 1000n)

const monthEnd = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)
const previousQuarter = (quarter: string) => quarterOf(addDays(quarterDates(quarter).from, -1))

/**
 * The fund's yearly interest rate in basis points: 定期 deposits of the fund, falling with China's deposit
 * rates (a modest 1.50% in 2015, 0.85% in 2025).
 */
export function interestBasisPoints(year: number): number {
  const table: Record<number, number> = {
    2015: 150,
    2016: 135,
    2017: 135,
    2018: 135,
    2019: 135,
    2020: 130,
    2021: 130,
    2022: 125,
    2023: 115,
    2024: 100,
    2025: 85,
  }
  return table[year] ?? (year < 2015 ? 150 : 80)
}
const percentText = (basisPoints: number) =>
  `${(basisPoints - (basisPoints % 100)) / 100}.${String(basisPoints % 100).padStart(2, '0')}%`

/** The years whose interest is allocated: every full calendar year after delivery that has ended. */
export function gainYears(today: string): number[] {
  const years: number[] = []
  for (let y = Number(DELIVERY_DATE.slice(0, 4)) + 1; `${y}-12-31` < today; y++) years.push(y)
  return years
}

/** The last half-year that has ended by `today`: what the fund's statement covers. */
export function lastHalfYear(today: string): { periodFrom: string; periodTo: string } {
  const year = Number(today.slice(0, 4))
  return today.slice(5) > '06-30'
    ? { periodFrom: `${year}-01-01`, periodTo: `${year}-06-30` }
    : { periodFrom: `${year - 1}-07-01`, periodTo: `${year - 1}-12-31` }
}

// ── public revenue ──────────────────────────────────────────────────────────────────────────────────

export interface PlannedEvidence {
  fileName: string
  title: string
  lines: string[]
}

export interface PlannedRevenueEntry {
  kind: 'income' | 'cost'
  source: RevenueSource | null
  amountFen: number
  occurredOn: string
  counterparty: string
  contractRef: string
  /** Unique over the ledger: how a later run tells the entry is already there. */
  summary: string
  evidence: PlannedEvidence | null
}

export interface PlannedQuarter {
  quarter: string
  from: string
  to: string
  /** Ended by today. */
  ended: boolean
  /** Closed with its statement published: every ended quarter but the last, which finance closes next. */
  close: boolean
  entries: PlannedRevenueEntry[]
}

/** Lifts carrying advertising frames: two per high-rise entrance (14), one per 洋房 entrance (12). */
const LIFTS = 40
const OWNERS_ACCOUNT = '翠湖苑全体业主公共收益专户（美好物业服务有限公司代管）'

/**
 * The public revenue of the last four quarters that have ended and of the current one, as the books
 * would hold it: quarterly advertising, site and telecom rents, the road parking takings of every month,
 * and the costs of earning them (the parking system's upkeep, the attendants, the taxes), each with its
 * voucher. Only what happened by `today` is planned; amounts are whole fen, the same on every run.
 */
export function planPublicRevenue(today: string): PlannedQuarter[] {
  const current = quarterOf(today)
  const quarters = [current]
  while (quarters.length < 5) quarters.unshift(previousQuarter(quarters[0]!))
  return quarters.map((quarter, index) => {
    const { from, to } = quarterDates(quarter)
    const year = Number(quarter.slice(0, 4))
    const q = Number(quarter.slice(6))
    const label = `${year} 年第 ${q} 季度`
    const random = new SeededRandom(year * 10 + q)
    const income = (
      source: RevenueSource,
      amountFen: number,
      occurredOn: string,
      counterparty: string,
      contractRef: string,
      summary: string,
    ): PlannedRevenueEntry => ({
      kind: 'income',
      source,
      amountFen,
      occurredOn,
      counterparty,
      contractRef,
      summary,
      evidence: null,
    })
    const entries: PlannedRevenueEntry[] = [
      income(
        'telecom_rent',
        600_000,
        addDays(from, 9),
        '上海申联通信设施有限公司',
        'CHY-JZ-2022-01',
        `${label} 7 号楼、10 号楼屋面通信基站场地租金`,
      ),
      income(
        'lift_ads',
        LIFTS * Math.max(45_000, 60_000 + 3_000 * (year - 2025)),
        from,
        '上海悦框楼宇传媒有限公司',
        'CHY-GG-2024-03',
        `${label}电梯轿厢广告位使用费（${LIFTS} 部电梯，按季预付）`,
      ),
      income(
        'billboard_ads',
        360_000,
        addDays(from, 19),
        '上海行迹户外广告有限公司',
        'CHY-GG-2025-07',
        `${label}南、北门道闸广告牌使用费（2 块）`,
      ),
      income(
        'venue_rental',
        120_000,
        addDays(from, 24),
        '上海邻格智能快递柜有限公司',
        'CHY-CD-2024-02',
        `${label}北门及 8 号楼旁智能快递柜场地使用费（3 组）`,
      ),
    ]
    for (let i = 0; i < 3; i++) {
      const month = (q - 1) * 3 + i + 1
      entries.push(
        income(
          'parking',
          random.int(16_500, 22_800) * 100,
          monthEnd(year, month),
          '',
          '',
          `${year} 年 ${month} 月小区公共道路临时停车收费（道闸系统月结）`,
        ),
      )
    }
    const happened = entries.filter((e) => e.occurredOn <= today)
    const incomeFen = happened.reduce((sum, e) => sum + e.amountFen, 0)
    let voucher = 0
    const cost = (
      amountFen: number,
      occurredOn: string,
      counterparty: string,
      summary: string,
      document: string,
    ): PlannedRevenueEntry => {
      voucher += 1
      const number = `CHY-PR-${year}Q${q}-${String(voucher).padStart(2, '0')}`
      return {
        kind: 'cost',
        source: null,
        amountFen,
        occurredOn,
        counterparty,
        contractRef: '',
        summary,
        evidence: {
          fileName: `${number}.pdf`,
          title: `翠湖苑公共收益支出凭证 · ${document}`,
          lines: [
            `凭证编号：${number}`,
            `日期：${occurredOn}`,
            `摘要：${summary}`,
            `收款单位：${counterparty}`,
            `付款账户：${OWNERS_ACCOUNT}`,
            `金额：人民币 ${yuanText(amountFen)} 元`,
            '经办：美好物业服务有限公司翠湖苑项目部    复核：翠湖苑业主委员会',
            '（本凭证为演示数据，仅供系统演示使用）',
          ],
        },
      }
    }
    const costs = [
      cost(
        240_000,
        addDays(from, 20),
        '上海通畅智能停车设备有限公司',
        `${label}道闸及临时停车收费系统维保费`,
        '维保发票',
      ),
      cost(
        900_000,
        addDays(to, -2),
        '上海安泰人力资源服务有限公司',
        `${label}临时停车秩序维护及收费人员劳务费（2 人）`,
        '劳务费发票',
      ),
      cost(
        perMilleOf(incomeFen, 56),
        to,
        '国家税务总局上海市浦东新区税务局',
        `${label}公共收益增值税及附加（按收入的 5.6% 计缴）`,
        '完税凭证',
      ),
    ]
    return {
      quarter,
      from,
      to,
      ended: to < today,
      close: index < quarters.length - 2,
      entries: [...happened, ...costs.filter((c) => c.occurredOn <= today && c.amountFen > 0)].sort((a, b) =>
        a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0,
      ),
    }
  })
}

// ── the manual disclosures ──────────────────────────────────────────────────────────────────────────

export interface PlannedItem {
  type:
    | 'service_items'
    | 'responsible_people'
    | 'quality_standards'
    | 'handover_inspection'
    | 'performance_report'
    | 'audit'
    | 'assembly_decision'
    | 'notice'
  title: string
  body: string
  periodFrom: string | null
  periodTo: string | null
  decisionId: string | null
  evidence: PlannedEvidence | null
  publish: boolean
}

const line = (...parts: string[]) => parts.join('\n')

/** What the company publishes by hand (民法典 943, 上海 第51条), and one notice still being drafted. */
export function planItems(today: string, decision: ClosedDecision | undefined): PlannedItem[] {
  const lastYear = Number(today.slice(0, 4)) - 1
  const item = (p: Partial<PlannedItem> & Pick<PlannedItem, 'type' | 'title' | 'body'>): PlannedItem => ({
    periodFrom: null,
    periodTo: null,
    decisionId: null,
    evidence: null,
    publish: true,
    ...p,
  })
  const manager = demoLogin('project_manager')
  const desk = demoLogin('service_desk')
  const technician = demoLogin('technician')
  const finance = demoLogin('finance')
  const admin = demoLogin('company_admin')
  const items: PlannedItem[] = [
    item({
      type: 'service_items',
      title: '翠湖苑物业服务事项',
      body: line(
        '依据《翠湖苑前期物业服务合同》及 2025 年业主大会续聘决定，美好物业服务有限公司在翠湖苑提供以下服务：',
        '一、房屋共用部位的日常维修、养护和管理（屋面、外墙、楼梯间、地下车库等）；',
        '二、共用设施设备的运行、维护和管理：电梯 40 部、二次供水泵房 4 处、消防系统、安防监控、道闸及照明；',
        '三、公共区域清洁卫生、生活垃圾分类驳运及化粪池清掏；',
        '四、公共绿化养护（绿地约 6.8 万平方米）；',
        '五、秩序维护：出入口 24 小时值守、每 2 小时巡逻一次，车辆停放管理；',
        '六、装饰装修管理、房屋使用安全宣传；',
        '七、客户服务：报修、投诉、咨询受理（客服中心 8:00–20:00，24 小时报修热线 021-5888 6688），',
        '    亦可在“美好”业主端在线报修、缴费、查看公示；',
        '八、物业服务档案与业主共有资金（公共收益、专项维修资金）账目的管理和公示。',
      ),
    }),
    item({
      type: 'quality_standards',
      title: '翠湖苑物业服务质量标准（上海市住宅物业服务二级）',
      body: line(
        '翠湖苑执行《上海市住宅物业服务分等收费标准》二级服务标准，主要指标如下：',
        '· 客服：报修 15 分钟内响应，一般维修 30 分钟内到场、24 小时内完成；投诉 2 个工作日内回复；',
        '· 电梯：每 15 日维护保养一次，年度检验合格率 100%，困人 15 分钟内到场救援；',
        '· 二次供水：水箱每半年清洗消毒一次，水质检测报告在本栏公示；',
        '· 清洁：楼道每日清扫一次、每周拖洗一次；公共道路每日清扫两次；垃圾日产日清；',
        '· 绿化：草坪高度不超过 8 厘米，乔灌木每年修剪两次，病虫害及时防治；',
        '· 秩序维护：出入口 24 小时值守，外来车辆登记，监控 24 小时录像、保存 30 日以上；',
        '· 消防：消防设施每月检查、每年检测，消防通道保持畅通。',
      ),
    }),
    item({
      type: 'responsible_people',
      title: '翠湖苑物业服务负责人员',
      body: line(
        `项目经理：${manager.name}（电话 ${manager.phone}）——项目全面管理、服务质量与投诉处理`,
        `客服主管：${desk.name}（电话 ${desk.phone}）——报修受理、业主沟通、公示维护`,
        `工程主管：${technician.name}（电话 ${technician.phone}）——共用设施设备运行维护、维修资金项目现场管理`,
        `财务负责人：${finance.name}（电话 ${finance.phone}）——物业费、公共收益及维修资金账目`,
        `公司分管负责人：${admin.name}（电话 ${admin.phone}）——监督检查、重大事项协调`,
        '监督电话：浦东新区物业服务热线 021-12345（政务服务热线）',
      ),
    }),
    item({
      type: 'handover_inspection',
      title: '翠湖苑物业承接查验结果及协议',
      body: line(
        '2014 年 9 月 15 日至 26 日，美好物业服务有限公司会同上海翠湖房地产开发有限公司，按《物业承接查验办法》对翠湖苑',
        '共用部位、共用设施设备进行了现场查验并办理资料移交，查验结果如下：',
        '· 竣工验收资料、设备技术资料、物业用房（建筑面积 1,180.00 平方米）已全部移交；',
        '· 查验共用部位 20 栋、共用设施设备 11 类，发现问题 37 项（地下车库渗水 12 处、外墙空鼓 9 处、',
        '  消防喷淋漏水 6 处、其他 10 项），已由建设单位在保修期内全部整改并复验合格；',
        '· 双方于 2014 年 9 月 26 日签订《物业承接查验协议》，协议及查验记录附后。',
      ),
      evidence: {
        fileName: '翠湖苑物业承接查验协议.pdf',
        title: '翠湖苑物业承接查验协议（摘要）',
        lines: [
          '甲方（建设单位）：上海翠湖房地产开发有限公司',
          '乙方（物业服务企业）：美好物业服务有限公司',
          '查验时间：2014 年 9 月 15 日至 9 月 26 日',
          '查验范围：1–20 号楼共用部位、共用设施设备及相关资料',
          '发现问题 37 项，整改期限 60 日，复验合格后归档',
          '（本文件为演示数据，仅供系统演示使用）',
        ],
      },
    }),
    item({
      type: 'performance_report',
      title: `翠湖苑 ${lastYear} 年度物业服务合同履行情况报告`,
      periodFrom: `${lastYear}-01-01`,
      periodTo: `${lastYear}-12-31`,
      body: line(
        `${lastYear} 年度，美好物业服务有限公司按合同约定履行翠湖苑物业服务，主要情况如下：`,
        '一、客户服务：受理报修 2,316 件，按时完成率 97.8%；投诉 41 件，全部在 2 个工作日内回复；',
        '二、设施设备：电梯年检 40 部全部合格；二次供水水箱清洗 2 次，水质检测合格；消防设施年度检测合格；',
        '三、环境：垃圾分类“四分类”达标，绿化补种 1,200 平方米；',
        '四、秩序：全年未发生刑事案件，消防演练 2 次；',
        '五、收费：物业服务费收缴率 93.6%，未达 95% 的目标，欠费原因及催缴情况已向业委会报告；',
        '六、共有资金：公共收益按季公示并按规定转入专项维修资金，维修资金账目每半年公示；',
        '七、业主满意度测评（第三方，抽样 326 户）：总体满意度 88.4 分。',
        '下一年度将重点改进地库照明与车辆停放秩序。',
      ),
    }),
    item({
      type: 'audit',
      title: `翠湖苑 ${lastYear} 年度公共收益及专项维修资金审计报告`,
      periodFrom: `${lastYear}-01-01`,
      periodTo: `${lastYear}-12-31`,
      body: line(
        `受翠湖苑业主委员会委托，上海申衡会计师事务所对翠湖苑 ${lastYear} 年度公共收益收支及专项维修资金账目进行了审计。`,
        '审计意见：公共收益收支真实、完整，成本均有合同及发票支持，按规定比例转入专项维修资金；',
        '专项维修资金分户账与银行对账单一致。审计报告全文附后，公示期 30 日。',
      ),
      evidence: {
        fileName: `翠湖苑${lastYear}年度审计报告.pdf`,
        title: `翠湖苑 ${lastYear} 年度公共收益及专项维修资金审计报告`,
        lines: [
          '委托方：翠湖苑业主委员会',
          '审计机构：上海申衡会计师事务所（特殊普通合伙）',
          `审计期间：${lastYear} 年 1 月 1 日至 ${lastYear} 年 12 月 31 日`,
          '审计意见：标准无保留意见',
          '（本报告为演示数据，仅供系统演示使用）',
        ],
      },
    }),
    item({
      type: 'notice',
      title: '关于二次供水水箱清洗期间临时停水的通知（草稿）',
      body: line(
        '各位业主、住户：',
        '为保障饮用水卫生，本项目将对 1–20 号楼二次供水水箱进行清洗消毒，届时相关楼栋将临时停水约 6 小时。',
        '具体时间另行通知，请提前做好储水准备。给您带来的不便，敬请谅解。',
        '美好物业翠湖苑项目部',
      ),
      publish: false,
    }),
  ]
  if (decision)
    items.push(
      item({
        type: 'assembly_decision',
        title: `${decision.title} 表决结果公告`,
        decisionId: decision.id,
        body: line(
          `翠湖苑业主大会“${decision.title}”表决已于 ${localDate(decision.closedAt, TIME_ZONE)} 结束，经业主委员会计票、监票，结果如下：`,
          ...decision.topics.map((t) => `第 ${t.seq} 项：${t.title} —— ${t.passed ? '通过' : '未通过'}`),
          '计票明细及表决票可在“美好”业主端查阅核对。',
        ),
      }),
    )
  return items
}

// ── seeding ─────────────────────────────────────────────────────────────────────────────────────────

/** A staff member of the demo company acting through the services with every staff permission. */
function staffContext(deps: Deps, tenantId: string, user: DemoUser): RequestContext {
  const permissions = PERMISSIONS.filter(
    (p): p is Permission => !['resident.self', 'committee.read', 'authority.supervise'].includes(p),
  )
  return {
    db: deps.db,
    requestId: `seed-${uuidv7()}`,
    lang: 'zh-CN',
    ip: '127.0.0.1',
    actor: {
      kind: 'user',
      accountId: user.accountId,
      userId: user.id,
      apiKeyId: null,
      tenantId,
      authorityId: null,
      permissions: new Set(permissions),
      grants: [{ permissions, scope: 'company', targetId: null }],
      csrfToken: null,
      sessionId: null,
      mustChangePassword: false,
    },
  }
}

interface DemoUser {
  id: string | null
  accountId: string | null
}

/** What is there already: each part of the seed looks here first, so a second run adds only what is missing. */
interface DisclosureState {
  communityId: string
  buildings: { id: string; code: string; floors: number }[]
  manager: DemoUser
  finance: DemoUser
  settingsDone: boolean
  unitsWithoutDeposit: number
  gainDates: Set<string>
  revenueSummaries: Set<string>
  closedQuarters: Set<string>
  projects: Map<string, { id: string; status: string }>
  items: { id: string; type: string; title: string; status: string; sourceRef: string | null }[]
  decision: ClosedDecision | undefined
}

async function loadState(deps: Deps, tenantId: string): Promise<DisclosureState> {
  // biome-ignore lint/suspicious/noExplicitAny: reads across the estate, iam and disclosure tables
  return withTenant<any, DisclosureState>(deps.db, tenantId, async (tx) => {
    const { rows: communities } = await sql<{ id: string }>`
      select id from communities where tenant_id = ${tenantId} and code = ${DEMO_COMMUNITY_CODE}`.execute(tx)
    const communityId = communities[0]!.id
    const { rows: buildings } = await sql<{ id: string; code: string; floors: number }>`
      select id, code, floors from buildings where tenant_id = ${tenantId} and community_id = ${communityId}
       order by code`.execute(tx)
    const { rows: users } = await sql<{ id: string; account_id: string | null; name: string }>`
      select id, account_id, name from users where tenant_id = ${tenantId}`.execute(tx)
    const userNamed = (name: string): DemoUser => {
      const u = users.find((r) => r.name === name)
      return { id: u?.id ?? null, accountId: u?.account_id ?? null }
    }
    const { rows: settings } = await sql<{
      settings: { fundRates?: unknown[]; buildingRates?: object }
      public_token: string | null
    }>`
      select settings, public_token from disclosure_settings
       where tenant_id = ${tenantId} and community_id = ${communityId}`.execute(tx)
    const stored = settings[0]
    const { rows: undeposited } = await sql<{ n: string }>`
      select count(*) as n from units u
       where u.tenant_id = ${tenantId} and u.community_id = ${communityId}
         and not exists (select 1 from fund_unit_accounts a
                          where a.tenant_id = u.tenant_id and a.unit_id = u.id and a.first_deposit_fen > 0)`.execute(
      tx,
    )
    const { rows: gains } = await sql<{ occurred_on: string }>`
      select distinct occurred_on from fund_entries
       where tenant_id = ${tenantId} and community_id = ${communityId} and kind = 'gain'`.execute(tx)
    const { rows: entries } = await sql<{ summary: string }>`
      select summary from public_revenue_entries
       where tenant_id = ${tenantId} and community_id = ${communityId} and kind in ('income', 'cost')`.execute(
      tx,
    )
    const { rows: quarters } = await sql<{ quarter: string }>`
      select quarter from public_revenue_quarters
       where tenant_id = ${tenantId} and community_id = ${communityId}`.execute(tx)
    const { rows: projects } = await sql<{ id: string; title: string; status: string }>`
      select id, title, status from fund_projects
       where tenant_id = ${tenantId} and community_id = ${communityId} and status <> 'cancelled'`.execute(tx)
    const { rows: items } = await sql<{
      id: string
      type: string
      title: string
      status: string
      source_ref: string | null
    }>`
      select id, type, title, status, source_ref from disclosure_items
       where tenant_id = ${tenantId} and community_id = ${communityId} and status <> 'superseded'`.execute(tx)
    const decisions = await closedDecisionsOf(tx, tenantId, communityId)
    return {
      communityId,
      buildings,
      manager: userNamed(demoLogin('project_manager').name),
      finance: userNamed(demoLogin('finance').name),
      settingsDone:
        stored !== undefined &&
        stored.public_token !== null &&
        (stored.settings.fundRates?.length ?? 0) > 0 &&
        buildings.every((b) => b.id in (stored.settings.buildingRates ?? {})),
      unitsWithoutDeposit: Number(undeposited[0]!.n),
      gainDates: new Set(gains.map((g) => g.occurred_on)),
      revenueSummaries: new Set(entries.map((e) => e.summary)),
      closedQuarters: new Set(quarters.map((q) => q.quarter)),
      projects: new Map(projects.map((p) => [p.title, { id: p.id, status: p.status }])),
      items: items.map((i) => ({ ...i, sourceRef: i.source_ref })),
      // The demo's one closed decision: the owners' assembly that decided the lift replacement.
      decision: decisions.find((d) => d.topics.some((t) => t.item === 5)) ?? decisions[0],
    }
  })
}

/**
 * Whether the demo's disclosure part needs no (more) seeding: it was marked done, or the company has set
 * the community's disclosure up itself (a settings row without the demo's rate table: the first thing the
 * seed writes is that table, so an interrupted seed always leaves it, and the company's own is left alone).
 */
export async function demoDisclosureDone(
  // biome-ignore lint/suspicious/noExplicitAny: the caller's transaction, set to the tenant, whatever its tables
  tx: Transaction<any>,
  tenantId: string,
  communityId: string,
): Promise<boolean> {
  const { rows } = await sql<{ marked: boolean; rates: string[] | null }>`
    select exists (select 1 from audit_log where tenant_id = ${tenantId} and entity_type = 'community'
                     and entity_id = ${communityId} and action = ${DEMO_DISCLOSURE_MARKER}) as marked,
           (select array(select jsonb_array_elements(settings->'fundRates')->>'code') from disclosure_settings
             where tenant_id = ${tenantId} and community_id = ${communityId}) as rates`.execute(tx)
  const { marked, rates } = rows[0]!
  return marked || (rates !== null && !rates.includes(DEMO_FUND_RATES[0].code))
}

export interface DemoDisclosureResult {
  /** False when every part was there already (nothing was written). */
  written: boolean
  elapsedMs: number
}

/**
 * Seeds 翠湖苑's disclosure region (see the top of this file) through the services, each part only when it
 * is missing. Runs after the estate's transaction has committed: the services open their own.
 */
export async function seedDemoDisclosure(
  deps: Deps,
  tenantId: string,
  options: { progress?: (step: string) => void; now?: Date } = {},
): Promise<DemoDisclosureResult> {
  const started = performance.now()
  const today = localDate(options.now ?? new Date(), TIME_ZONE)
  const state = await loadState(deps, tenantId)
  const { communityId } = state
  const manager = staffContext(deps, tenantId, state.manager)
  const finance = staffContext(deps, tenantId, state.finance)
  const step = (index: number) => options.progress?.(DEMO_DISCLOSURE_STEPS[index]!)
  let writes = 0

  // Settings: the rate table, every building mapped, the notice-board page on.
  step(0)
  if (!state.settingsDone) {
    await putSettings(
      manager,
      communityId,
      DisclosureSettingsInput.parse({
        fundRates: DEMO_FUND_RATES,
        buildingRates: Object.fromEntries(state.buildings.map((b) => [b.id, rateCodeOf(b.floors)])),
        publicPage: true,
      }),
    )
    writes++
  }

  // First deposits of every unit, paid in before the keys were handed over.
  step(1)
  if (state.unitsWithoutDeposit > 0) {
    await takeFirstDeposits(
      finance,
      FirstDepositInput.parse({ communityId, unitIds: [], occurredOn: DELIVERY_DATE }),
    )
    writes++
  }

  // Interest and public revenue in the order they happened: entries, then the quarter's close, then a
  // year's interest (on the balance the close left).
  step(2)
  const events: { on: string; order: number; run: () => Promise<unknown> }[] = []
  for (const year of gainYears(today)) {
    const on = `${year}-12-31`
    if (state.gainDates.has(on)) continue
    const basisPoints = interestBasisPoints(year)
    events.push({
      on,
      order: 2,
      run: async () => {
        const { balanceFen } = await fundSummary(finance, communityId, 'staff')
        const amountFen = Number((BigInt(balanceFen) * BigInt(basisPoints)) / 10_000n)
        if (amountFen === 0) return
        await allocateGain(
          finance,
          GainInput.parse({
            communityId,
            amountFen,
            occurredOn: on,
            memo: `${year} 年度专项维修资金存款利息分配（年利率 ${percentText(basisPoints)}）`,
          }),
        )
      },
    })
  }
  // Nothing is dated on or before a closed quarter (finance may have closed one since an interrupted run).
  const closedThrough = [...state.closedQuarters].sort().pop() ?? ''
  for (const quarter of planPublicRevenue(today)) {
    if (quarter.quarter <= closedThrough) continue
    for (const entry of quarter.entries) {
      if (state.revenueSummaries.has(entry.summary)) continue
      events.push({
        on: entry.occurredOn,
        order: 0,
        run: () => recordRevenue(deps, finance, communityId, entry),
      })
    }
    // Finance closes a quarter a fortnight after it ends; the fund receives the share that day.
    const closedOn = addDays(quarter.to, CLOSE_AFTER_DAYS)
    if (quarter.close && !state.closedQuarters.has(quarter.quarter))
      events.push({
        on: closedOn,
        order: 1,
        run: () =>
          closeQuarter(
            finance,
            QuarterCloseInput.parse({ communityId, quarter: quarter.quarter, toFundFen: null }),
            new Date(`${closedOn}T10:00:00+08:00`),
          ),
      })
  }
  events.sort((a, b) => (a.on === b.on ? a.order - b.order : a.on < b.on ? -1 : 1))
  for (const event of events) await event.run()
  writes += events.length

  // Fund projects: what the owners decided, settled; an emergency, planned.
  step(3)
  writes += await seedProjects(manager, finance, state)

  // The disclosures typed by staff, then the ones the system writes from its own figures.
  step(4)
  for (const planned of planItems(today, state.decision)) {
    const existing = state.items.find((i) => i.type === planned.type && i.title === planned.title)
    if (existing && (existing.status === 'published' || !planned.publish)) continue
    const id =
      existing?.id ??
      (
        await createDraft(
          manager,
          deps,
          DisclosureInput.parse({
            communityId,
            type: planned.type,
            title: planned.title,
            body: planned.body,
            periodFrom: planned.periodFrom,
            periodTo: planned.periodTo,
            decisionId: planned.decisionId,
            attachments: planned.evidence
              ? [pdfAttachment(planned.evidence.fileName, planned.evidence.title, planned.evidence.lines)]
              : [],
          }),
        )
      ).id
    if (planned.publish) await publishDraft(manager, id)
    writes++
  }
  step(5)
  if (!state.items.some((i) => i.sourceRef === 'fee_standards' && i.status === 'published')) {
    await publishFeeStandards(manager, communityId)
    writes++
  }
  step(6)
  const half = lastHalfYear(today)
  const statementRef = `fund:${half.periodFrom}:${half.periodTo}`
  if (!state.items.some((i) => i.sourceRef === statementRef && i.status === 'published')) {
    await publishFundStatement(manager, StatementInput.parse({ communityId, ...half }))
    writes++
  }

  const elapsedMs = Math.round(performance.now() - started)
  await withTenant(deps.db, tenantId, (tx) =>
    writeAudit(tx, { actor: null, requestId: `seed-${uuidv7()}` }, tenantId, {
      action: DEMO_DISCLOSURE_MARKER,
      entityType: 'community',
      entityId: communityId,
      after: { asOf: today, writes, elapsedMs },
    }),
  )
  return { written: writes > 0, elapsedMs }
}

function recordRevenue(deps: Deps, ctx: RequestContext, communityId: string, entry: PlannedRevenueEntry) {
  const common = {
    communityId,
    amountFen: entry.amountFen,
    occurredOn: entry.occurredOn,
    counterparty: entry.counterparty,
    summary: entry.summary,
  }
  if (entry.kind === 'income')
    return recordIncome(
      ctx,
      deps,
      RevenueIncomeInput.parse({ ...common, source: entry.source, contractRef: entry.contractRef }),
    )
  const evidence = entry.evidence!
  return recordCost(
    ctx,
    deps,
    RevenueCostInput.parse({
      ...common,
      evidence: [pdfAttachment(evidence.fileName, evidence.title, evidence.lines)],
    }),
  )
}

/** The topic of 278 item 五 the demo's closed decision put to the owners: replacing the lifts of 3 and 5. */
const LIFT_BUILDINGS = ['3', '5']

async function seedProjects(manager: RequestContext, finance: RequestContext, state: DisclosureState) {
  const { communityId } = state
  const buildingId = (code: string) => state.buildings.find((b) => b.code === code)!.id
  const topic = state.decision?.topics.find((t) => t.item === 5)
  const decided = state.decision && topic?.passed
  const projects = [
    decided
      ? {
          settle: true,
          input: {
            title: '3、5 号楼电梯更换工程',
            description: `依据“${state.decision!.title}”第 ${topic!.seq} 项表决结果实施：更换 3 号楼 4 部、5 号楼 2 部电梯（含拆除、土建配合及监督检验）。合同价 1,238,600.00 元（预算 126.8 万元），经业主委员会审核、区房管部门备案后由专户银行划付；费用按专有部分面积分摊至 3、5 号楼各户。`,
            buildingIds: LIFT_BUILDINGS.map(buildingId),
            costFen: 123_860_000,
            emergencyCategory: null,
            decisionId: state.decision!.id,
            topicId: topic!.id,
          },
        }
      : {
          settle: true,
          input: {
            title: '6 号楼 1 单元电梯曳引机紧急更换',
            description:
              '6 号楼 1 单元 2 号电梯曳引机轴承损坏，经特种设备检验机构检验责令停止使用。按《上海市住宅物业管理规定》第七十三条紧急使用程序，经业主委员会确认后更换，合同价 186,000.00 元，按专有部分面积分摊至 6 号楼各户。',
            buildingIds: [buildingId('6')],
            costFen: 18_600_000,
            emergencyCategory: 'lift_stopped' as const,
            decisionId: null,
            topicId: null,
          },
        },
    {
      settle: false,
      input: {
        title: '8 号楼生活供水泵组紧急更换',
        description:
          '8 号楼二次供水 2 号泵电机烧毁，备用泵单台运行，高区供水压力不足。按《上海市住宅物业管理规定》第七十三条紧急使用程序，拟更换变频供水泵组一套，预算 68,500.00 元，按专有部分面积分摊至 8 号楼各户；分摊预览已报业主委员会确认。',
        buildingIds: [buildingId('8')],
        costFen: 6_850_000,
        emergencyCategory: 'water_supply' as const,
        decisionId: null,
        topicId: null,
      },
    },
  ]
  let writes = 0
  for (const { settle, input } of projects) {
    const existing = state.projects.get(input.title)
    if (existing && (existing.status === 'settled' || !settle)) continue
    const id =
      existing?.id ??
      (await createProject(manager, FundProjectInput.parse({ communityId, unitIds: [], ...input }))).project
        .id
    if (settle) await settleProject(finance, id)
    writes++
  }
  return writes
}
