/**
 * The demo's fees: 物业服务费 by building area and 车位管理费 per space for 翠湖苑, three months billed by
 * real billing runs, and payments through the ledger — most households paid the two earlier months (online,
 * by bank or at the counter in a closed shift), some are behind (so arrears have ages and reasons), a few
 * prepaid, and the demo owner 王海燕 still owes this month, ready to pay in the resident app's sandbox.
 */
import { sql, type Transaction } from 'kysely'
import { addMonths } from '../modules/billing/fee-math'
import { applyPayment } from '../modules/billing/payment-service'
import { openRun, runChunkIn } from '../modules/billing/run-service'
import type { BillingTables } from '../modules/billing/tables'
import { uuidv7 } from '../platform/ids'
import { demoLogin } from './logins'
import { SeededRandom } from './random'

type Tx = Transaction<BillingTables>

/** 'YYYY-MM' of `now` in the community's time zone. */
const monthIn = (now: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7)

export async function seedDemoBilling(
  tx: Tx,
  tenantId: string,
  communityId: string,
  timeZone: string,
  now = new Date(),
) {
  const current = monthIn(now, timeZone)
  const months = [addMonths(current, -2), addMonths(current, -1), current]
  const items = [
    { code: 'WYF', name: '物业服务费', kind: 'area', rate: '28000', sort: 1 },
    { code: 'CWF', name: '车位管理费', kind: 'per_space', rate: '800000', sort: 2 },
  ]
  for (const item of items) {
    const id = uuidv7()
    await tx
      .insertInto('fee_items')
      .values({
        tenant_id: tenantId,
        id,
        community_id: communityId,
        code: item.code,
        name: item.name,
        kind: item.kind,
        cycle: 'monthly',
        area_basis: 'building',
        sort: item.sort,
        late_fee: null,
      })
      .execute()
    await tx
      .insertInto('fee_standards')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        fee_item_id: id,
        effective_from: `${addMonths(current, -12)}-01`,
        rate_e4: item.rate,
        rounding: 'half_up',
        vacancy: null,
      })
      .execute()
  }
  await tx
    .insertInto('billing_settings')
    .values({
      tenant_id: tenantId,
      community_id: communityId,
      settings: JSON.stringify({ prepaidMaxMonths: 12, dueDays: 30 }),
    })
    .execute()
  for (const period of months) {
    const { run } = await openRun(tx, tenantId, { communityId, period, cycle: 'monthly' }, null)
    while ((await runChunkIn(tx, tenantId, run.id, 5000)) === 'progressed');
  }
  await seedPayments(tx, tenantId, communityId, months, now)
}

async function seedPayments(tx: Tx, tenantId: string, communityId: string, months: string[], now: Date) {
  const finance = demoLogin('finance')
  const { rows: users } = await sql<{ id: string }>`
    select id from users where tenant_id = ${tenantId} and name = ${finance.name} limit 1`.execute(tx)
  const cashierId = users[0]?.id ?? null
  const shiftId = uuidv7()
  if (cashierId)
    await tx
      .insertInto('cashier_shifts')
      .values({
        tenant_id: tenantId,
        id: shiftId,
        community_id: communityId,
        cashier_id: cashierId,
        opened_at: new Date(now.getTime() - 30 * 3_600_000),
        closed_at: new Date(now.getTime() - 22 * 3_600_000),
      })
      .execute()
  const owner = demoLogin('owner')
  // Per unit: what it owes for the two earlier months, and whether it is the demo owner's.
  const { rows } = await sql<{ unit_id: string; owes: string; demo: boolean }>`
    select b.unit_id, sum(b.amount_fen) as owes,
           bool_or(exists (select 1 from unit_ownerships o join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
                            where o.tenant_id = b.tenant_id and o.unit_id = b.unit_id and p.name = ${owner.name})) as demo
      from bills b
     where b.tenant_id = ${tenantId} and b.community_id = ${communityId} and b.payer = 'owner'
       and b.period_start < ${`${months[2]}-01`}::date
     group by b.unit_id order by b.unit_id`.execute(tx)
  const random = new SeededRandom(20261127)
  const channels = ['wechatpay', 'alipay', 'bank', 'cash', 'pos'] as const
  const behind: string[] = []
  for (const row of rows) {
    const draw = random.next()
    // About one household in nine is behind; the demo owner has paid up to last month.
    if (!row.demo && draw < 0.11) {
      behind.push(row.unit_id)
      continue
    }
    const channel = channels[Math.floor(random.next() * channels.length)]!
    const counter = channel === 'cash' || channel === 'pos'
    await applyPayment(tx, tenantId, {
      unitId: row.unit_id,
      communityId,
      channel: counter && !cashierId ? 'bank' : channel,
      // A few prepay half a year of service fees beyond what they owe; never the demo owner, who must
      // still owe this month (unit ids are random, so any unit may draw a prepayer's number).
      amountFen: Number(row.owes) + (!row.demo && draw > 0.97 ? 6 * Math.round(Number(row.owes) / 2) : 0),
      enforceCap: false,
      shiftId: counter && cashierId ? shiftId : null,
      cashierId: counter ? cashierId : null,
      providerTradeNo:
        counter || channel === 'bank' ? null : `DEMO${row.unit_id.replaceAll('-', '').slice(0, 24)}`,
      actorId: counter ? cashierId : null,
    })
  }
  // Why some households are behind, as the staff tagged it.
  const reasons = [
    'service_dissatisfaction',
    'unreachable',
    'financial_hardship',
    'vacancy',
    'developer_dispute',
  ]
  for (const [index, unitId] of behind.slice(0, 25).entries())
    await tx
      .insertInto('arrears_tags')
      .values({
        tenant_id: tenantId,
        unit_id: unitId,
        reason: reasons[index % reasons.length]!,
        note: null,
        tagged_by: cashierId,
      })
      .execute()
}
