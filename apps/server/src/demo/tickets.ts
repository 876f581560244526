/**
 * The demo's service requests: the company's categories, an SLA policy for lifts, 翠湖苑's settings,
 * three months of finished requests (so the monthly report has figures) and a few open ones — one of
 * them long overdue, which the SLA sweep escalates as soon as a worker starts.
 */
import { TICKET_KINDS, type TicketKind } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { recomputeMonth } from '../modules/tickets/rollup'
import { defaultTargets } from '../modules/tickets/sla-defaults'
import type { TicketTables } from '../modules/tickets/tables'
import { uuidv7 } from '../platform/ids'
import { demoLogin } from './logins'
import { SeededRandom } from './random'

type Tx = Transaction<TicketTables>
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export const DEMO_CATEGORIES = [
  { code: 'plumbing', name: '水电', kinds: ['repair_home', 'repair_common', 'hazard'] },
  { code: 'doors', name: '门窗', kinds: ['repair_home', 'repair_common'] },
  { code: 'lift', name: '电梯', kinds: ['repair_common', 'hazard', 'complaint'] },
  { code: 'lighting', name: '公共照明', kinds: ['repair_common'] },
  { code: 'cleaning', name: '环境卫生', kinds: ['repair_common', 'complaint', 'suggestion'] },
  { code: 'noise', name: '噪音', kinds: ['complaint'] },
  { code: 'parking', name: '停车', kinds: ['complaint', 'inquiry', 'suggestion'] },
  { code: 'service', name: '服务态度', kinds: ['complaint', 'praise', 'suggestion', 'inquiry'] },
  { code: 'safety', name: '安全隐患', kinds: ['hazard'] },
] as const

const TITLES: Record<string, string[]> = {
  plumbing: ['卫生间下水堵塞', '厨房水管漏水', '跳闸后无法合闸', '热水器不出热水'],
  doors: ['入户门锁芯卡住', '阳台推拉门脱轨', '单元门禁门关不上'],
  lift: ['电梯按钮失灵', '电梯运行异响', '电梯困人'],
  lighting: ['地库照明不亮', '楼道感应灯不亮', '路灯损坏'],
  cleaning: ['垃圾未及时清运', '绿化带有积水', '楼道堆放杂物'],
  noise: ['夜间装修噪音', '广场舞音量过大'],
  parking: ['车位被占用', '地库道闸不抬杆', '访客停车怎么收费'],
  service: ['感谢保安帮忙搬运', '客服电话无人接听', '建议增加快递柜'],
  safety: ['消防通道被占用', '外墙瓷砖松动'],
}
const SPOTS = ['3号楼电梯厅', '地下车库B区', '南门岗亭', '5号楼楼道', '中心花园', '8号楼屋面']
/** How often each kind comes up: in-home repairs most. */
const KIND_WEIGHTS: Record<TicketKind, number> = {
  repair_home: 3,
  repair_common: 2,
  complaint: 1,
  inquiry: 1,
  suggestion: 1,
  praise: 1,
  hazard: 1,
}
const KINDS_WEIGHTED = TICKET_KINDS.flatMap((kind) => Array<TicketKind>(KIND_WEIGHTS[kind]).fill(kind))

interface DemoPeople {
  desk: string
  technician: string
  owner: string
  ownerUnit: string | null
}

async function demoPeople(tx: Tx, tenantId: string): Promise<DemoPeople> {
  const idOf = async (name: string) => {
    const { rows } = await sql<{ id: string }>`
      select id from users where tenant_id = ${tenantId} and name = ${name} limit 1`.execute(tx)
    return rows[0]!.id
  }
  const owner = await idOf(demoLogin('owner').name)
  const { rows } = await sql<{ unit_id: string }>`
    select o.unit_id from unit_ownerships o
      join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
      join users u on u.tenant_id = p.tenant_id and u.account_id = p.account_id
     where o.tenant_id = ${tenantId} and u.id = ${owner} and o.end_date is null
     order by o.unit_id limit 1`.execute(tx)
  return {
    desk: await idOf(demoLogin('service_desk').name),
    technician: await idOf(demoLogin('technician').name),
    owner,
    ownerUnit: rows[0]?.unit_id ?? null,
  }
}

export async function seedDemoTickets(
  tx: Tx,
  tenantId: string,
  communityId: string,
  timeZone: string,
  now = new Date(),
) {
  const categoryIds = new Map<string, string>()
  for (const [sort, c] of DEMO_CATEGORIES.entries()) {
    const id = uuidv7()
    categoryIds.set(c.code, id)
    await tx
      .insertInto('ticket_categories')
      .values({
        tenant_id: tenantId,
        id,
        parent_id: null,
        code: c.code,
        name: c.name,
        kinds: [...c.kinds],
        sort,
      })
      .execute()
  }
  // Lifts: people may be trapped. Tighter than the defaults for emergencies.
  await tx
    .insertInto('sla_policies')
    .values({
      tenant_id: tenantId,
      id: uuidv7(),
      community_id: null,
      category_id: categoryIds.get('lift')!,
      priority: 'emergency',
      response_minutes: 5,
      arrival_minutes: 30,
      resolution_minutes: 240,
      clock_mode: 'calendar',
    })
    .execute()
  await tx
    .insertInto('ticket_settings')
    .values({
      tenant_id: tenantId,
      community_id: communityId,
      settings: JSON.stringify({ reopenOnLowRating: true }),
    })
    .execute()

  const people = await demoPeople(tx, tenantId)
  const { rows: unitRows } = await sql<{ id: string; building_id: string }>`
    select id, building_id from units where tenant_id = ${tenantId} and community_id = ${communityId}
     order by code limit 400`.execute(tx)
  const random = new SeededRandom(20_141_108)
  let serial = 0
  const insert = async (spec: TicketSpec) => {
    serial += 1
    await insertTicket(tx, tenantId, communityId, timeZone, categoryIds, people, spec, serial)
  }
  // Finished requests of the last three months.
  for (let i = 0; i < 240; i++) {
    const kind = random.pick(KINDS_WEIGHTED)
    const code = random.pick(
      DEMO_CATEGORIES.filter((c) => (c.kinds as readonly string[]).includes(kind)),
    ).code
    const unit = random.pick(unitRows)
    await insert({
      kind,
      category: code,
      title: random.pick(TITLES[code]!),
      priority: random.chance(0.08) ? 'emergency' : random.chance(0.2) ? 'high' : 'normal',
      createdAt: new Date(now.getTime() - random.int(2, 88) * DAY - random.int(0, 12 * 60) * MINUTE),
      unitId: kind === 'repair_home' ? unit.id : null,
      buildingId: unit.building_id,
      spot: kind === 'repair_home' ? null : random.pick(SPOTS),
      channel: random.pick(['app', 'app', 'phone', 'walk_in', 'patrol'] as const),
      responseMin: random.int(3, random.chance(0.1) ? 120 : 50),
      arrivalMin: random.int(20, random.chance(0.1) ? 2000 : 600),
      resolutionMin: random.int(40, random.chance(0.12) ? 3000 : 1300),
      rating: random.chance(0.7) ? random.pick([5, 5, 5, 4, 4, 3, 2]) : null,
      reopened: random.chance(0.05),
      finished: true,
    })
  }
  // Open now: the demo owner's leak waiting at the desk, one with the technician, one long overdue.
  if (people.ownerUnit) {
    await insert({
      kind: 'repair_home',
      category: 'plumbing',
      title: '卫生间下水堵塞',
      priority: 'normal',
      createdAt: new Date(now.getTime() - 25 * MINUTE),
      unitId: people.ownerUnit,
      buildingId: null,
      spot: null,
      channel: 'app',
      requester: people.owner,
      finished: false,
      stage: 'submitted',
    })
  }
  await insert({
    kind: 'repair_common',
    category: 'lighting',
    title: '地库照明不亮',
    priority: 'normal',
    createdAt: new Date(now.getTime() - 3 * HOUR),
    unitId: null,
    buildingId: null,
    spot: '地下车库B区',
    channel: 'patrol',
    finished: false,
    stage: 'assigned',
  })
  await insert({
    kind: 'complaint',
    category: 'noise',
    title: '夜间装修噪音',
    priority: 'high',
    createdAt: new Date(now.getTime() - 30 * HOUR),
    unitId: null,
    buildingId: null,
    spot: '5号楼楼道',
    channel: 'phone',
    finished: false,
    stage: 'submitted',
  })
  const { rows: months } = await sql<{ month: string }>`
    select distinct date_trunc('month', created_at at time zone ${timeZone})::date::text as month
      from tickets where tenant_id = ${tenantId} and community_id = ${communityId}`.execute(tx)
  for (const { month } of months) await recomputeMonth(tx, tenantId, communityId, month, timeZone)
  await sql`delete from ticket_rollup_dirty where tenant_id = ${tenantId}`.execute(tx)
}

interface TicketSpec {
  kind: TicketKind
  category: string
  title: string
  priority: 'emergency' | 'high' | 'normal'
  createdAt: Date
  unitId: string | null
  buildingId: string | null
  spot: string | null
  channel: 'app' | 'phone' | 'walk_in' | 'patrol'
  requester?: string
  finished: boolean
  stage?: 'submitted' | 'assigned'
  responseMin?: number
  arrivalMin?: number
  resolutionMin?: number
  rating?: number | null
  reopened?: boolean
}

/** One ticket with a timeline consistent with its state (finished ones: accepted → … → closed). */
async function insertTicket(
  tx: Tx,
  tenantId: string,
  communityId: string,
  timeZone: string,
  categoryIds: Map<string, string>,
  people: DemoPeople,
  spec: TicketSpec,
  serial: number,
) {
  const id = uuidv7(spec.createdAt.getTime())
  const targets = defaultTargets(spec.kind, spec.priority, 2)
  const onSite = targets.arrivalMinutes !== null
  const t0 = spec.createdAt.getTime()
  const at = (min: number | undefined) => (min === undefined ? null : new Date(t0 + min * MINUTE))
  const responded = spec.finished ? at(spec.responseMin) : spec.stage === 'assigned' ? at(4) : null
  const arrived = spec.finished && onSite ? at(Math.max(spec.arrivalMin!, spec.responseMin! + 5)) : null
  const resolvedMin = spec.finished ? Math.max(spec.resolutionMin!, (spec.arrivalMin ?? 0) + 10) : undefined
  const resolved = at(resolvedMin)
  const closed = spec.finished ? at(resolvedMin! + 60 * 6) : null
  const status = spec.finished ? 'closed' : spec.stage === 'assigned' ? 'assigned' : 'submitted'
  const assignee = spec.finished || spec.stage === 'assigned' ? people.technician : null
  const ms = (d: Date | null) => (d ? String(d.getTime() - t0) : null)
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(spec.createdAt)
    .replaceAll('-', '')
  await tx
    .insertInto('tickets')
    .values({
      tenant_id: tenantId,
      id,
      number: `GD${day}${String(serial).padStart(6, '0')}`,
      community_id: communityId,
      building_id: spec.buildingId,
      unit_id: spec.unitId,
      spot: spec.spot,
      kind: spec.kind,
      category_id: categoryIds.get(spec.category)!,
      priority: spec.priority,
      channel: spec.channel,
      title: spec.title,
      description: '',
      photos: [],
      preferred_from: null,
      preferred_to: null,
      contact_name_enc: null,
      contact_phone_enc: null,
      requester_user_id: spec.requester ?? null,
      status,
      assignee_id: assignee,
      held_from: null,
      quote_fen: null,
      flagged: spec.reopened === true,
      response_minutes: targets.responseMinutes,
      arrival_minutes: targets.arrivalMinutes,
      resolution_minutes: targets.resolutionMinutes,
      clock_mode: targets.clockMode,
      responded_at: responded,
      arrived_at: arrived,
      resolved_at: resolved,
      last_resolved_at: resolved,
      response_ms: ms(responded),
      arrival_ms: ms(arrived),
      resolution_ms: ms(resolved),
      pauses: '[]',
      // Open ones are checked by the SLA sweep at once: the overdue complaint escalates on first start.
      next_check_at: spec.finished ? null : spec.createdAt,
      sla_state: null,
      reopen_count: spec.reopened ? 1 : 0,
      rating: spec.rating ?? null,
      rating_comment: null,
      follow_up_score: null,
      duplicate_of: null,
      closed_at: closed,
      cancelled_at: null,
      created_by: null,
      created_at: spec.createdAt,
      updated_at: closed ?? responded ?? spec.createdAt,
      version: 0,
    })
    .execute()
  const events: {
    at: Date
    kind: string
    role: string
    actor: string | null
    from: string | null
    to: string
    details?: object
  }[] = [
    {
      at: spec.createdAt,
      kind: 'create',
      role: spec.requester ? 'requester' : 'desk',
      actor: spec.requester ?? people.desk,
      from: null,
      to: 'submitted',
    },
  ]
  if (responded) {
    events.push({
      at: responded,
      kind: 'accept',
      role: 'desk',
      actor: people.desk,
      from: 'submitted',
      to: 'accepted',
    })
    events.push({
      at: responded,
      kind: 'assign',
      role: 'desk',
      actor: people.desk,
      from: 'accepted',
      to: 'assigned',
      details: { assigneeId: people.technician },
    })
  }
  if (spec.finished) {
    if (arrived)
      events.push({
        at: arrived,
        kind: 'start',
        role: 'technician',
        actor: people.technician,
        from: 'assigned',
        to: 'in_progress',
      })
    else
      events.push({
        at: new Date(resolved!.getTime() - MINUTE),
        kind: 'start',
        role: 'technician',
        actor: people.technician,
        from: 'assigned',
        to: 'in_progress',
      })
    events.push({
      at: resolved!,
      kind: 'resolve',
      role: 'technician',
      actor: people.technician,
      from: 'in_progress',
      to: 'resolved',
    })
    events.push({
      at: new Date(resolved!.getTime() + HOUR),
      kind: 'verify',
      role: 'desk',
      actor: people.desk,
      from: 'resolved',
      to: 'verified',
    })
    events.push(
      spec.rating
        ? {
            at: closed!,
            kind: 'rate',
            role: 'requester',
            actor: null,
            from: 'verified',
            to: 'closed',
            details: { rating: spec.rating },
          }
        : {
            at: closed!,
            kind: 'follow_up',
            role: 'desk',
            actor: people.desk,
            from: 'verified',
            to: 'closed',
          },
    )
  }
  await tx
    .insertInto('ticket_events')
    .values(
      events.map((e, i) => ({
        tenant_id: tenantId,
        ticket_id: id,
        seq: i + 1,
        at: e.at,
        kind: e.kind,
        actor_role: e.role,
        actor_id: e.actor,
        from_status: e.from,
        to_status: e.to,
        note: null,
        photos: [],
        details: JSON.stringify(e.details ?? {}),
      })),
    )
    .execute()
  await tx
    .updateTable('tickets')
    .set({ version: events.length })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute()
}
