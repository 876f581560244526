import type { Bill, MyAccount, Page } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { inScope, unitInScope } from '../estate/published'
import type { BillingTables } from './tables'

/** Reading bills and a unit's account, for staff (billing.read) and for owners (their own units). */

type Tx = Transaction<BillingTables>
type Audience = 'staff' | 'owner'
const permissionOf = (audience: Audience) => (audience === 'owner' ? 'resident.self' : 'billing.read')

type BillRow = {
  id: string
  community_id: string
  unit_id: string
  unit_code: string
  fee_item_id: string
  fee_item_name: string
  period_start: string
  period_end: string
  payer: 'owner' | 'developer'
  amount_fen: string
  paid_fen: string
  credited_fen: string
  due_on: string
  basis: string
}
const BILL_SELECT = sql`
  select b.id, b.community_id, b.unit_id, u.code as unit_code, b.fee_item_id, i.name as fee_item_name,
         to_char(b.period_start, 'YYYY-MM') as period_start, to_char(b.period_end, 'YYYY-MM') as period_end,
         b.payer, b.amount_fen, b.paid_fen, b.credited_fen, b.due_on, b.basis
    from bills b
    join units u on u.tenant_id = b.tenant_id and u.id = b.unit_id
    join fee_items i on i.tenant_id = b.tenant_id and i.id = b.fee_item_id`

const billOf = (r: BillRow): Bill => {
  const amountFen = Number(r.amount_fen)
  const paidFen = Number(r.paid_fen)
  const creditedFen = Number(r.credited_fen)
  const openFen = amountFen - paidFen - creditedFen
  return {
    id: r.id,
    communityId: r.community_id,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    feeItemId: r.fee_item_id,
    feeItemName: r.fee_item_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    payer: r.payer,
    amountFen: amountFen - creditedFen,
    paidFen,
    openFen,
    // Fully credited (cancelled by a credit note) is void; nothing open is paid.
    status: creditedFen === amountFen ? 'void' : openFen === 0 ? 'paid' : 'open',
    dueOn: r.due_on,
    basis: r.basis,
  }
}

/** One bill as the API shows it (the caller has checked access). */
export async function billById(tx: Tx, tenantId: string, id: string): Promise<Bill> {
  const { rows } =
    await sql<BillRow>`${BILL_SELECT} where b.tenant_id = ${tenantId} and b.id = ${id}`.execute(tx)
  if (!rows[0]) throw notFound('BILLING_BILL_NOT_OPEN')
  return billOf(rows[0])
}

const encodeCursor = (r: BillRow) => Buffer.from(`${r.period_start}|${r.id}`).toString('base64url')
function decodeCursor(cursor: string): { period: string; id: string } {
  const [period, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  if (!period || !/^\d{4}-\d{2}$/.test(period) || !id || !/^[0-9a-f-]{36}$/.test(id))
    throw invalid('COMMON_BAD_CURSOR')
  return { period, id }
}

export interface BillQuery {
  communityId?: string | undefined
  unitId?: string | undefined
  status?: Bill['status'] | undefined
  period?: string | undefined
  cursor?: string | undefined
  limit: number
}

/** Newest period first; a stable cursor over (period, id). */
export const listBills = (ctx: RequestContext, query: BillQuery, audience: Audience) =>
  inTenant<BillingTables, Page<Bill>>(ctx, async (tx, tenantId) => {
    const scope = inScope(actorOf(ctx), permissionOf(audience), {
      community: 'b.community_id',
      building: 'u.building_id',
      unit: 'b.unit_id',
    })
    const after = query.cursor ? decodeCursor(query.cursor) : null
    const status =
      query.status === 'open'
        ? sql`and b.paid_fen + b.credited_fen < b.amount_fen`
        : query.status === 'paid'
          ? sql`and b.paid_fen + b.credited_fen = b.amount_fen and b.credited_fen < b.amount_fen`
          : query.status === 'void'
            ? sql`and b.credited_fen = b.amount_fen`
            : sql``
    const { rows } = await sql<BillRow>`${BILL_SELECT}
      where b.tenant_id = ${tenantId} and ${scope} ${status}
        ${audience === 'owner' ? sql`and b.payer = 'owner'` : sql``}
        ${query.communityId ? sql`and b.community_id = ${query.communityId}` : sql``}
        ${query.unitId ? sql`and b.unit_id = ${query.unitId}` : sql``}
        ${query.period ? sql`and b.period_start = ${`${query.period}-01`}::date` : sql``}
        ${after ? sql`and (b.period_start, b.id) < (${`${after.period}-01`}::date, ${after.id}::uuid)` : sql``}
      order by b.period_start desc, b.id desc limit ${query.limit + 1}`.execute(tx)
    const more = rows.length > query.limit
    const items = rows.slice(0, query.limit)
    return { items: items.map(billOf), nextCursor: more ? encodeCursor(items.at(-1)!) : null }
  })

async function accountOf(tx: Tx, tenantId: string, unitId: string, audience: Audience): Promise<MyAccount> {
  const { rows: bills } = await sql<BillRow>`${BILL_SELECT}
    where b.tenant_id = ${tenantId} and b.unit_id = ${unitId} and b.paid_fen + b.credited_fen < b.amount_fen
      ${audience === 'owner' ? sql`and b.payer = 'owner'` : sql``}
    order by b.period_start, i.sort`.execute(tx)
  const { rows } = await sql<{
    code: string
    community: string
    prepaid: string | null
    deposit: string | null
  }>`
    select u.code, c.name as community, a.prepaid_fen as prepaid, a.deposit_fen as deposit
      from units u join communities c on c.tenant_id = u.tenant_id and c.id = u.community_id
      left join unit_accounts a on a.tenant_id = u.tenant_id and a.unit_id = u.id
     where u.tenant_id = ${tenantId} and u.id = ${unitId}`.execute(tx)
  const unit = rows[0]!
  const openBills = bills.map(billOf)
  return {
    unitId,
    unitCode: unit.code,
    communityName: unit.community,
    openFen: openBills.reduce((sum, b) => sum + b.openFen, 0),
    prepaidFen: Number(unit.prepaid ?? 0),
    depositFen: Number(unit.deposit ?? 0),
    openBills,
  }
}

export const unitAccount = (ctx: RequestContext, unitId: string, audience: Audience) =>
  inTenant<BillingTables, MyAccount>(ctx, async (tx, tenantId) => {
    const unit = await unitInScope(tx, actorOf(ctx), tenantId, unitId, permissionOf(audience))
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    return accountOf(tx, tenantId, unit.id, audience)
  })

/** Every unit the owner holds: what is owed, prepaid and on deposit. */
export const myAccounts = (ctx: RequestContext) =>
  inTenant<BillingTables, MyAccount[]>(ctx, async (tx, tenantId) => {
    const scope = inScope(actorOf(ctx), 'resident.self', {
      community: 'u.community_id',
      building: 'u.building_id',
      unit: 'u.id',
    })
    const { rows } = await sql<{ id: string }>`
      select u.id from units u where u.tenant_id = ${tenantId} and ${scope} order by u.code limit 20`.execute(
      tx,
    )
    return Promise.all(rows.map((r) => accountOf(tx, tenantId, r.id, 'owner')))
  })
