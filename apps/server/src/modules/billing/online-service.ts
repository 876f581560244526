import type { PaymentOrder, PaymentOrderInput } from '@meihao/contracts'
import type { Transaction } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../../platform/db/database'
import { withoutTenant, withTenant } from '../../platform/db/tenancy'
import { conflict, invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { unitInScope } from '../estate/published'
import { settingsOf } from './fee-config-service'
import { prepaymentRoom } from './fee-math'
import { lockUnitAccount, openBillsOfUnit } from './ledger-store'
import type { PaymentProviders } from './payment-providers'
import { applyPayment, monthlyChargeOf } from './payment-service'
import type { PaymentProvider, PaymentVerification } from './providers/payment-notification'
import { formatYuan } from './receipt-pdf'
import type { BillingTables } from './tables'

/**
 * Online payment: the owner makes an order (the bills it pays, the amount fixed now), pays it with the
 * provider, and the provider's notification applies it. Notifications are redelivered for about a day and
 * may arrive together: the order row is locked while one is applied and the provider's trade number is
 * unique among payments, so each trade is applied exactly once; every delivery is logged.
 */

type Tx = Transaction<BillingTables>

type OrderRow = Omit<BillingTables['payment_orders'], 'status' | 'created_at'> & {
  status: 'pending' | 'paid'
  created_at: Date
}
const orderOf = (r: OrderRow, sandbox: boolean, receiptId: string | null): PaymentOrder => ({
  id: r.id,
  outTradeNo: r.out_trade_no,
  unitId: r.unit_id,
  provider: r.provider,
  amountFen: Number(r.amount_fen),
  status: r.status,
  sandbox,
  paymentId: r.payment_id,
  receiptId,
  payUrl: null,
})

/** Our order number as the providers accept it: letters and digits, at most 32 characters. */
const outTradeNoOf = (id: string) => `MH${id.replaceAll('-', '').slice(0, 30)}`

/**
 * The owner's order, committed first; then, live, the provider's page to pay it (WeChat Pay places the
 * order with a signed call, Alipay's is a signed URL). A provider that refuses leaves a pending order
 * nobody paid: the owner may try again.
 */
export async function createOrder(
  ctx: RequestContext,
  providers: PaymentProviders,
  input: z.output<typeof PaymentOrderInput>,
  payerIp: string,
): Promise<PaymentOrder> {
  providers.assertReady(input.provider)
  const { order, unitCode } = await insertOrder(ctx, providers, input)
  const payUrl = await providers.launch({
    tenantId: ctx.actor!.tenantId!,
    orderId: order.id,
    provider: order.provider,
    outTradeNo: order.outTradeNo,
    amountFen: order.amountFen,
    description: `物业缴费 ${unitCode}`,
    payerIp,
  })
  return { ...order, payUrl }
}

const insertOrder = (
  ctx: RequestContext,
  providers: PaymentProviders,
  input: z.output<typeof PaymentOrderInput>,
) =>
  inTenant<BillingTables, { order: PaymentOrder; unitCode: string }>(ctx, async (tx, tenantId) => {
    const unit = await unitInScope(tx, actorOf(ctx), tenantId, input.unitId, 'resident.self')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    const balances = await lockUnitAccount(tx, tenantId, unit.id, unit.communityId)
    // The developer's bills (months before delivery, unsold periods) are not the owner's to pay.
    const open = (await openBillsOfUnit(tx, tenantId, unit.id)).filter((b) => b.payer === 'owner')
    const chosen = input.billIds ? open.filter((b) => input.billIds!.includes(b.id)) : open
    if (input.billIds && chosen.length !== new Set(input.billIds).size)
      throw conflict('BILLING_BILL_NOT_OPEN')
    const billsFen = chosen.reduce((sum, b) => sum + b.amountFen - b.paidFen - b.creditedFen, 0)
    if (input.prepayFen > 0) {
      const room = prepaymentRoom({
        monthlyFen: await monthlyChargeOf(tx, tenantId, unit.id),
        maxMonthsAhead: (await settingsOf(tx, tenantId, unit.communityId)).prepaidMaxMonths,
        balanceFen: balances.prepaidFen,
      })
      if (input.prepayFen > room)
        throw conflict(
          'BILLING_PREPAYMENT_CAP',
          { excess: formatYuan(input.prepayFen - room) },
          { excessFen: input.prepayFen - room },
        )
    }
    const amountFen = billsFen + input.prepayFen
    if (amountFen <= 0) throw invalid('BILLING_NOTHING_TO_PAY')
    const id = uuidv7()
    const row = await tx
      .insertInto('payment_orders')
      .values({
        tenant_id: tenantId,
        id,
        out_trade_no: outTradeNoOf(id),
        community_id: unit.communityId,
        unit_id: unit.id,
        provider: input.provider,
        bill_ids: chosen.map((b) => b.id),
        amount_fen: String(amountFen),
        created_by: ctx.actor?.accountId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return {
      order: orderOf(row as unknown as OrderRow, providers.mode === 'sandbox', null),
      unitCode: unit.code,
    }
  })

async function requireOwnOrder(ctx: RequestContext, tx: Tx, tenantId: string, id: string) {
  const row = (await tx
    .selectFrom('payment_orders')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()) as OrderRow | undefined
  const unit = row && (await unitInScope(tx, actorOf(ctx), tenantId, row.unit_id, 'resident.self'))
  if (!row || !unit) throw notFound('BILLING_ORDER_NOT_FOUND')
  return row
}

async function receiptIdOf(tx: Tx, tenantId: string, paymentId: string | null) {
  if (!paymentId) return null
  const row = await tx
    .selectFrom('receipts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('payment_id', '=', paymentId)
    .executeTakeFirst()
  return row?.id ?? null
}

export const getOrder = (ctx: RequestContext, providers: PaymentProviders, id: string) =>
  inTenant<BillingTables, PaymentOrder>(ctx, async (tx, tenantId) => {
    const row = await requireOwnOrder(ctx, tx, tenantId, id)
    return orderOf(row, providers.mode === 'sandbox', await receiptIdOf(tx, tenantId, row.payment_id))
  })

export type NotifyOutcome = { outcome: 'applied' | 'duplicate' } | { outcome: 'refused'; code: string }

/**
 * Applies one verified (or refused) notification in the tenant its URL names. Whatever happens, the
 * delivery is logged; a refusal changes nothing else.
 */
export async function handleNotification(
  db: Database,
  tenantId: string,
  provider: PaymentProvider,
  verification: PaymentVerification,
): Promise<NotifyOutcome> {
  const log = (tx: Tx, outcome: 'applied' | 'duplicate' | 'refused', code: string | null) =>
    tx
      .insertInto('payment_notifications')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        provider,
        notification_id: verification.ok ? verification.payment.notificationId : null,
        provider_trade_no: verification.ok ? verification.payment.providerTradeNo : null,
        out_trade_no: verification.ok ? verification.payment.outTradeNo : null,
        amount_fen: verification.ok ? String(verification.payment.amountFen) : null,
        outcome,
        code,
      })
      .execute()
  // The URL names the company; one that does not exist has nothing to log into.
  const tenant = await withoutTenant<{ tenants: { id: string } }, unknown>(db, (tx) =>
    tx.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst(),
  )
  if (!tenant) return { outcome: 'refused', code: 'BILLING_ORDER_NOT_FOUND' }
  if (!verification.ok) {
    await withTenant<BillingTables, unknown>(db, tenantId, (tx) => log(tx, 'refused', verification.code))
    return { outcome: 'refused', code: verification.code }
  }
  const payment = verification.payment
  return withTenant<BillingTables, NotifyOutcome>(db, tenantId, async (tx) => {
    const order = (await tx
      .selectFrom('payment_orders')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('out_trade_no', '=', payment.outTradeNo)
      .where('provider', '=', provider)
      .forUpdate()
      .executeTakeFirst()) as OrderRow | undefined
    const refuse = async (code: string): Promise<NotifyOutcome> => {
      await log(tx, 'refused', code)
      return { outcome: 'refused', code }
    }
    if (!order) return refuse('BILLING_ORDER_NOT_FOUND')
    if (Number(order.amount_fen) !== payment.amountFen) return refuse('PAYMENT_AMOUNT_MISMATCH')
    const seen = await tx
      .selectFrom('payments')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('channel', '=', provider)
      .where('provider_trade_no', '=', payment.providerTradeNo)
      .executeTakeFirst()
    if (seen) {
      await log(tx, 'duplicate', null)
      return { outcome: 'duplicate' }
    }
    // A second, different trade for an already paid order is still money received: it is applied too.
    const applied = await applyPayment(tx, tenantId, {
      unitId: order.unit_id,
      communityId: order.community_id,
      channel: provider,
      amountFen: payment.amountFen,
      chosenBillIds: order.bill_ids ?? undefined,
      enforceCap: false,
      orderId: order.id,
      providerTradeNo: payment.providerTradeNo,
      actorId: null,
    })
    if (order.status === 'pending')
      await tx
        .updateTable('payment_orders')
        .set({ status: 'paid', payment_id: applied.paymentId, paid_at: new Date(payment.paidAt) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', order.id)
        .execute()
    await log(tx, 'applied', null)
    return { outcome: 'applied' }
  })
}

/**
 * Sandbox only: the owner "pays" the order. The sandbox signs a notification exactly as the provider
 * would, and it goes through the same verification and the same handler as a real one.
 */
export async function payInSandbox(ctx: RequestContext, providers: PaymentProviders, id: string) {
  const sandbox = providers.sandbox
  if (!sandbox) throw notFound('BILLING_ORDER_NOT_FOUND')
  const order = await inTenant<BillingTables, OrderRow>(ctx, (tx, tenantId) =>
    requireOwnOrder(ctx, tx, tenantId, id),
  )
  const tradeNo = `SANDBOX${order.id.replaceAll('-', '').slice(0, 24)}`
  const paid = {
    outTradeNo: order.out_trade_no,
    amountFen: Number(order.amount_fen),
    providerTradeNo: tradeNo,
  }
  const verification =
    order.provider === 'wechatpay'
      ? (() => {
          const signed = sandbox.wechatpay.signNotification(paid)
          return providers.verifyWechatPay(signed.headers, signed.body)
        })()
      : providers.verifyAlipay(sandbox.alipay.signNotification(paid))
  const outcome = await handleNotification(ctx.db, order.tenant_id, order.provider, verification)
  if (outcome.outcome === 'refused') throw conflict('BILLING_SANDBOX_REFUSED', { code: outcome.code })
  return getOrder(ctx, providers, id)
}
