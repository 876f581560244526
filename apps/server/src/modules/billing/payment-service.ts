import type { Allocation, PaymentChannel } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { conflict } from '../../platform/errors'
import { uuidv7 } from '../../platform/ids'
import { markCollectionDirty } from './collection-rollup'
import { settingsOf } from './fee-config-service'
import { paymentReceived } from './ledger'
import { lockUnitAccount, openBillsOfUnit, postUnitJournal, unitSlice } from './ledger-store'
import { formatYuan } from './receipt-pdf'
import { issueReceipt } from './receipt-service'
import type { BillingTables } from './tables'

/**
 * Applying a payment to a unit, whatever its channel: allocation (oldest first or the chosen bills), the
 * prepaid rest within the cap, the journal, the payment row and its receipt, all in the caller's
 * transaction under the unit's lock.
 */

type Tx = Transaction<BillingTables>

export interface PaymentToApply {
  unitId: string
  communityId: string
  channel: PaymentChannel
  amountFen: number
  /** Pay these bills first (those still open); absent: all open bills, oldest first. */
  chosenBillIds?: readonly string[] | undefined
  /**
   * Counter payments are held to the community's prepayment cap (money beyond it is refused at the
   * counter). Online money has already been taken by the provider: it is never refused, the cap was
   * checked when the order was made.
   */
  enforceCap: boolean
  shiftId?: string | null
  cashierId?: string | null
  orderId?: string | null
  providerTradeNo?: string | null
  note?: string | null
  actorId: string | null
}

export interface AppliedPayment {
  paymentId: string
  receiptId: string
  receiptNumber: string
  allocations: Allocation[]
  prepaidFen: number
}

/** The unit's regular monthly charge: its latest bill of each fee item, per month of that bill. */
export async function monthlyChargeOf(tx: Tx, tenantId: string, unitId: string): Promise<number> {
  const { rows } = await sql<{ fen: string | null }>`
    select sum(amount_fen / ((extract(year from age(period_end, period_start)) * 12
                              + extract(month from age(period_end, period_start)))::int + 1)) as fen
      from (select distinct on (fee_item_id) amount_fen, period_start, period_end from bills
             where tenant_id = ${tenantId} and unit_id = ${unitId} and payer = 'owner'
             order by fee_item_id, period_start desc) latest`.execute(tx)
  return Number(rows[0]?.fen ?? 0)
}

export async function applyPayment(tx: Tx, tenantId: string, input: PaymentToApply): Promise<AppliedPayment> {
  const balances = await lockUnitAccount(tx, tenantId, input.unitId, input.communityId)
  const bills = await openBillsOfUnit(tx, tenantId, input.unitId)
  const slice = unitSlice(input.unitId, bills, balances)
  const open = new Set(bills.map((b) => b.id))
  // Unless bills are chosen (the cashier may take the developer's), money pays the owner's own bills.
  const chosen =
    input.chosenBillIds?.filter((id) => open.has(id)) ??
    bills.filter((b) => b.payer === 'owner').map((b) => b.id)
  if (input.enforceCap && input.chosenBillIds && chosen.length !== input.chosenBillIds.length)
    throw conflict('BILLING_BILL_NOT_OPEN')
  const cap = input.enforceCap
    ? {
        monthlyFen: await monthlyChargeOf(tx, tenantId, input.unitId),
        maxMonthsAhead: (await settingsOf(tx, tenantId, input.communityId)).prepaidMaxMonths,
      }
    : { monthlyFen: input.amountFen + balances.prepaidFen, maxMonthsAhead: 1 }
  const paymentId = uuidv7()
  const plan = paymentReceived(slice, {
    key: `payment:${paymentId}`,
    unit: input.unitId,
    channel: input.channel,
    amountFen: input.amountFen,
    // An order that chose no bills is a prepayment: an empty choice pays no bill.
    chosenBillIds: chosen,
    prepaymentCap: cap,
  })
  if (!plan.ok)
    throw conflict(
      'BILLING_PREPAYMENT_CAP',
      { excess: formatYuan(plan.excessFen) },
      { excessFen: plan.excessFen },
    )
  const posted = await postUnitJournal(tx, tenantId, slice, plan.journal, {
    communityId: input.communityId,
    unitId: input.unitId,
    actorId: input.actorId,
    memo: `${input.channel} payment`,
  })
  await tx
    .insertInto('payments')
    .values({
      tenant_id: tenantId,
      id: paymentId,
      community_id: input.communityId,
      unit_id: input.unitId,
      channel: input.channel,
      amount_fen: String(input.amountFen),
      prepaid_fen: String(plan.prepaidFen),
      allocations: JSON.stringify(plan.allocations),
      journal_id: posted.journalId,
      shift_id: input.shiftId ?? null,
      cashier_id: input.cashierId ?? null,
      order_id: input.orderId ?? null,
      provider_trade_no: input.providerTradeNo ?? null,
      note: input.note ?? null,
    })
    .execute()
  const years = new Set(
    plan.allocations.map((a) => Number(bills.find((b) => b.id === a.billId)!.period.slice(0, 4))),
  )
  years.add(new Date().getUTCFullYear())
  for (const year of years) await markCollectionDirty(tx, tenantId, input.communityId, year)
  const receipt = await issueReceipt(tx, tenantId, {
    paymentId,
    communityId: input.communityId,
    unitId: input.unitId,
    channel: input.channel,
    amountFen: input.amountFen,
    allocations: plan.allocations,
    prepaidFen: plan.prepaidFen,
  })
  return {
    paymentId,
    receiptId: receipt.id,
    receiptNumber: receipt.number,
    allocations: plan.allocations,
    prepaidFen: plan.prepaidFen,
  }
}
