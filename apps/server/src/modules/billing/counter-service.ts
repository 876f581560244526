import type { CashierShift, CounterPaymentInput, Payment, PaymentChannel, Receipt } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import { writeAudit } from '../../platform/audit'
import { conflict, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { translate } from '../../platform/i18n/catalog'
import { uuidv7 } from '../../platform/ids'
import { inScope, unitInScope } from '../estate/published'
import { userNames } from '../iam/published'
import { requireCommunity } from './fee-config-service'
import { reversalOf } from './ledger'
import { billsById, journalsByKey, lockUnitAccount, postUnitJournal, unitSlice } from './ledger-store'
import { applyPayment } from './payment-service'
import { markVoid, RECEIPT_SELECT, type ReceiptRow, receiptOf, receiptRow } from './receipt-service'
import type { BillingTables } from './tables'

/**
 * The counter (收费台): a cashier's shift, payments in cash, by POS card or bank transfer, receipts and
 * their voiding. A payment opens the cashier's shift in that community when none is open.
 */

type Tx = Transaction<BillingTables>

const prepaidLabel = (ctx: RequestContext) => translate(ctx.lang, 'BILLING_PREPAID_LINE')

// ── shifts ──────────────────────────────────────────────────────────────────────────────────────────

async function openShiftOf(tx: Tx, tenantId: string, cashierId: string) {
  return tx
    .selectFrom('cashier_shifts')
    .select(['id', 'community_id'])
    .where('tenant_id', '=', tenantId)
    .where('cashier_id', '=', cashierId)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
}

/** The cashier's open shift in this community, opened now if there is none. */
export async function ensureShift(
  tx: Tx,
  tenantId: string,
  cashierId: string,
  communityId: string,
): Promise<string> {
  const open = await openShiftOf(tx, tenantId, cashierId)
  if (open && open.community_id !== communityId) throw conflict('BILLING_SHIFT_OTHER_COMMUNITY')
  if (open) return open.id
  const id = uuidv7()
  await tx
    .insertInto('cashier_shifts')
    .values({ tenant_id: tenantId, id, community_id: communityId, cashier_id: cashierId })
    .execute()
  return id
}

type ShiftRow = {
  id: string
  community_id: string
  cashier_id: string
  opened_at: Date
  closed_at: Date | null
}

async function shiftReport(tx: Tx, tenantId: string, shift: ShiftRow): Promise<CashierShift> {
  const { rows } = await sql<{ channel: PaymentChannel; n: string; fen: string; voided: string }>`
    select p.channel, count(*) filter (where r.status = 'issued') as n,
           coalesce(sum(p.amount_fen) filter (where r.status = 'issued'), 0) as fen,
           count(*) filter (where r.status = 'void') as voided
      from payments p join receipts r on r.tenant_id = p.tenant_id and r.payment_id = p.id
     where p.tenant_id = ${tenantId}
       and (p.shift_id = ${shift.id}
            -- Online payments of the community received while the shift was open are reported beside the
            -- counter's (the handover reconciles both), each channel on its own line.
            or (p.shift_id is null and p.community_id = ${shift.community_id}
                and p.channel in ('wechatpay', 'alipay') and p.received_at >= ${shift.opened_at}
                and p.received_at < coalesce(${shift.closed_at}::timestamptz, now())))
     group by p.channel order by p.channel`.execute(tx)
  const names = await userNames(tx, tenantId, [shift.cashier_id])
  const totals = rows.map((r) => ({ channel: r.channel, count: Number(r.n), fen: Number(r.fen) }))
  return {
    id: shift.id,
    communityId: shift.community_id,
    cashierId: shift.cashier_id,
    cashierName: names.get(shift.cashier_id) ?? '',
    openedAt: shift.opened_at.toISOString(),
    closedAt: shift.closed_at?.toISOString() ?? null,
    totals,
    totalFen: totals.reduce((s, x) => s + x.fen, 0),
    payments: totals.reduce((s, x) => s + x.count, 0),
    voided: rows.reduce((s, r) => s + Number(r.voided), 0),
  }
}

const SHIFT_COLUMNS = ['id', 'community_id', 'cashier_id', 'opened_at', 'closed_at'] as const

export const currentShift = (ctx: RequestContext) =>
  inTenant<BillingTables, CashierShift | null>(ctx, async (tx, tenantId) => {
    const cashierId = actorOf(ctx).userId
    if (!cashierId) return null
    const row = await tx
      .selectFrom('cashier_shifts')
      .select(SHIFT_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('cashier_id', '=', cashierId)
      .where('closed_at', 'is', null)
      .executeTakeFirst()
    return row ? shiftReport(tx, tenantId, row) : null
  })

export const openShift = (ctx: RequestContext, communityId: string) =>
  inTenant<BillingTables, CashierShift>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, communityId, 'billing.collect')
    const cashierId = actorOf(ctx).userId
    if (!cashierId) throw conflict('BILLING_CASHIER_REQUIRED')
    const id = await ensureShift(tx, tenantId, cashierId, communityId)
    return shiftById(tx, ctx, tenantId, id)
  })

async function shiftById(tx: Tx, ctx: RequestContext, tenantId: string, id: string) {
  const row = await tx
    .selectFrom('cashier_shifts')
    .select(SHIFT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where(inScope(actorOf(ctx), 'billing.read', { community: 'community_id' }))
    .executeTakeFirst()
  if (!row) throw notFound('BILLING_SHIFT_NOT_FOUND')
  return shiftReport(tx, tenantId, row)
}

export const getShift = (ctx: RequestContext, id: string) =>
  inTenant<BillingTables, CashierShift>(ctx, (tx, tenantId) => shiftById(tx, ctx, tenantId, id))

/** Closes the caller's own shift; its totals are final from then on. */
export const closeShift = (ctx: RequestContext, id: string) =>
  inTenant<BillingTables, CashierShift>(ctx, async (tx, tenantId) => {
    const closed = await tx
      .updateTable('cashier_shifts')
      .set({ closed_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('cashier_id', '=', actorOf(ctx).userId ?? '00000000-0000-0000-0000-000000000000')
      .where('closed_at', 'is', null)
      .executeTakeFirst()
    if (Number(closed.numUpdatedRows) !== 1) throw notFound('BILLING_SHIFT_NOT_FOUND')
    const report = await shiftById(tx, ctx, tenantId, id)
    await writeAudit(tx, ctx, tenantId, {
      action: 'cashier_shift.close',
      entityType: 'cashier_shift',
      entityId: id,
      after: report,
    })
    return report
  })

export const listShifts = (ctx: RequestContext, communityId: string) =>
  inTenant<BillingTables, CashierShift[]>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, communityId, 'billing.read')
    const rows = await tx
      .selectFrom('cashier_shifts')
      .select(SHIFT_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', communityId)
      .orderBy('opened_at', 'desc')
      .limit(100)
      .execute()
    return Promise.all(rows.map((r) => shiftReport(tx, tenantId, r)))
  })

// ── payments ────────────────────────────────────────────────────────────────────────────────────────

type PaymentRow = {
  id: string
  community_id: string
  unit_id: string
  unit_code: string
  channel: PaymentChannel
  amount_fen: string
  allocations: { billId: string; fen: number }[]
  prepaid_fen: string
  receipt_id: string
  receipt_number: string
  received_at: Date
  cashier_id: string | null
  shift_id: string | null
  provider_trade_no: string | null
}
const PAYMENT_SELECT = sql`
  select p.id, p.community_id, p.unit_id, u.code as unit_code, p.channel, p.amount_fen, p.allocations,
         p.prepaid_fen, r.id as receipt_id, r.number as receipt_number, p.received_at, p.cashier_id, p.shift_id,
         p.provider_trade_no
    from payments p
    join units u on u.tenant_id = p.tenant_id and u.id = p.unit_id
    join receipts r on r.tenant_id = p.tenant_id and r.payment_id = p.id`

async function paymentsOf(tx: Tx, tenantId: string, rows: PaymentRow[]): Promise<Payment[]> {
  const names = await userNames(
    tx,
    tenantId,
    rows.map((r) => r.cashier_id),
  )
  return rows.map((r) => ({
    id: r.id,
    communityId: r.community_id,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    channel: r.channel,
    amountFen: Number(r.amount_fen),
    allocations: r.allocations,
    prepaidFen: Number(r.prepaid_fen),
    receiptId: r.receipt_id,
    receiptNumber: r.receipt_number,
    receivedAt: r.received_at.toISOString(),
    cashierName: r.cashier_id ? (names.get(r.cashier_id) ?? null) : null,
    shiftId: r.shift_id,
    providerTradeNo: r.provider_trade_no,
  }))
}

/** A payment at the counter: allocated, posted, receipted and counted in the cashier's shift. */
export const takeCounterPayment = (ctx: RequestContext, input: z.output<typeof CounterPaymentInput>) =>
  inTenant<BillingTables, Payment>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const unit = await unitInScope(tx, actor, tenantId, input.unitId, 'billing.collect')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    if (!actor.userId) throw conflict('BILLING_CASHIER_REQUIRED')
    const shiftId = await ensureShift(tx, tenantId, actor.userId, unit.communityId)
    const applied = await applyPayment(tx, tenantId, {
      unitId: unit.id,
      communityId: unit.communityId,
      channel: input.channel,
      amountFen: input.amountFen,
      chosenBillIds: input.billIds,
      enforceCap: true,
      shiftId,
      cashierId: actor.userId,
      note: input.note ?? null,
      actorId: actor.userId,
    })
    await writeAudit(tx, ctx, tenantId, {
      action: 'payment.counter',
      entityType: 'payment',
      entityId: applied.paymentId,
      after: {
        unitId: unit.id,
        channel: input.channel,
        amountFen: input.amountFen,
        receipt: applied.receiptNumber,
      },
    })
    const { rows } =
      await sql<PaymentRow>`${PAYMENT_SELECT} where p.tenant_id = ${tenantId} and p.id = ${applied.paymentId}`.execute(
        tx,
      )
    return (await paymentsOf(tx, tenantId, rows))[0]!
  })

export const listPayments = (
  ctx: RequestContext,
  query: {
    communityId?: string | undefined
    unitId?: string | undefined
    shiftId?: string | undefined
    limit: number
  },
) =>
  inTenant<BillingTables, Payment[]>(ctx, async (tx, tenantId) => {
    const scope = inScope(actorOf(ctx), 'billing.read', { community: 'p.community_id', unit: 'p.unit_id' })
    const { rows } = await sql<PaymentRow>`${PAYMENT_SELECT}
      where p.tenant_id = ${tenantId} and ${scope}
        ${query.communityId ? sql`and p.community_id = ${query.communityId}` : sql``}
        ${query.unitId ? sql`and p.unit_id = ${query.unitId}` : sql``}
        ${query.shiftId ? sql`and p.shift_id = ${query.shiftId}` : sql``}
      order by p.received_at desc limit ${query.limit}`.execute(tx)
    return paymentsOf(tx, tenantId, rows)
  })

// ── receipts ────────────────────────────────────────────────────────────────────────────────────────

async function requireReceipt(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  id: string,
  audience: 'staff' | 'owner',
) {
  const row = await receiptRow(tx, tenantId, id)
  const unit =
    row &&
    (await unitInScope(
      tx,
      actorOf(ctx),
      tenantId,
      row.unit_id,
      audience === 'owner' ? 'resident.self' : 'billing.read',
    ))
  if (!row || !unit) throw notFound('BILLING_RECEIPT_NOT_FOUND')
  return row
}

export const getReceipt = (ctx: RequestContext, id: string, audience: 'staff' | 'owner') =>
  inTenant<BillingTables, Receipt>(ctx, async (tx, tenantId) =>
    receiptOf(await requireReceipt(ctx, tx, tenantId, id, audience), prepaidLabel(ctx)),
  )

/** What the receipt PDF needs beyond the receipt: the company and the cashier. */
export const receiptForPrint = (ctx: RequestContext, id: string, audience: 'staff' | 'owner') =>
  inTenant<
    BillingTables,
    { receipt: Receipt; row: ReceiptRow; companyName: string; cashierName: string | null; timeZone: string }
  >(ctx, async (tx, tenantId) => {
    const row = await requireReceipt(ctx, tx, tenantId, id, audience)
    const { rows } = await sql<{ name: string; time_zone: string }>`
        select t.name, c.time_zone from tenants t join communities c on c.tenant_id = t.id and c.id = ${row.community_id}
         where t.id = ${tenantId}`.execute(tx)
    const names = await userNames(tx, tenantId, [row.cashier_id])
    return {
      receipt: receiptOf(row, prepaidLabel(ctx)),
      row,
      companyName: rows[0]?.name ?? '',
      timeZone: rows[0]?.time_zone ?? 'Asia/Shanghai',
      cashierName: row.cashier_id ? (names.get(row.cashier_id) ?? null) : null,
    }
  })

export const listReceipts = (
  ctx: RequestContext,
  query: { communityId?: string | undefined; unitId?: string | undefined; limit: number },
  audience: 'staff' | 'owner',
) =>
  inTenant<BillingTables, Receipt[]>(ctx, async (tx, tenantId) => {
    const permission = audience === 'owner' ? 'resident.self' : 'billing.read'
    const scope = inScope(actorOf(ctx), permission, { community: 'r.community_id', unit: 'r.unit_id' })
    const { rows } = await sql<ReceiptRow>`${RECEIPT_SELECT}
      where r.tenant_id = ${tenantId} and ${scope}
        ${query.communityId ? sql`and r.community_id = ${query.communityId}` : sql``}
        ${query.unitId ? sql`and r.unit_id = ${query.unitId}` : sql``}
      order by r.issued_at desc limit ${query.limit}`.execute(tx)
    return rows.map((r) => receiptOf(r, prepaidLabel(ctx)))
  })

/**
 * Voids a receipt issued by mistake: the number stays taken and the receipt shows 作废; the payment's
 * journal is reversed, so its bills are open again and its prepaid part is taken back (refused when that
 * prepayment has since been spent: reverse the later movement first).
 */
export const voidReceipt = (ctx: RequestContext, id: string, reason: string) =>
  inTenant<BillingTables, Receipt>(ctx, async (tx, tenantId) => {
    const row = await requireReceipt(ctx, tx, tenantId, id, 'staff')
    const unit = await unitInScope(tx, actorOf(ctx), tenantId, row.unit_id, 'billing.collect')
    if (!unit) throw notFound('BILLING_RECEIPT_NOT_FOUND')
    if (row.status === 'void') throw conflict('BILLING_RECEIPT_ALREADY_VOID')
    const key = `payment:${row.payment_id}`
    const original = (await journalsByKey(tx, tenantId, [key])).get(key)
    if (!original) throw notFound('BILLING_RECEIPT_NOT_FOUND')
    const balances = await lockUnitAccount(tx, tenantId, row.unit_id, row.community_id)
    const billIds = original.lines.flatMap((l) => (l.billId ? [l.billId] : []))
    const slice = unitSlice(row.unit_id, await billsById(tx, tenantId, billIds), balances, [original])
    await postUnitJournal(tx, tenantId, slice, reversalOf(original, `reversal:${original.id}`), {
      communityId: row.community_id,
      unitId: row.unit_id,
      actorId: ctx.actor?.userId ?? null,
      memo: `void receipt ${row.number}: ${reason}`,
      reversesId: original.id,
    })
    await markVoid(tx, tenantId, id, reason, ctx.actor?.userId ?? null)
    await writeAudit(tx, ctx, tenantId, {
      action: 'receipt.void',
      entityType: 'receipt',
      entityId: id,
      after: { number: row.number, reason },
    })
    return receiptOf((await receiptRow(tx, tenantId, id))!, prepaidLabel(ctx))
  })
