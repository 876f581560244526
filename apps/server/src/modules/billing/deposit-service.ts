import type { Deposit, DepositInput } from '@meihao/contracts'
import { writeAudit } from '../../platform/audit'
import { conflict, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { unitInScope } from '../estate/published'
import { type Input, requireItem } from './charges-common'
import { ensureShift } from './counter-service'
import { depositBalance, depositCollected } from './ledger'
import { lockUnitAccount, postUnitJournal, unitSlice } from './ledger-store'
import { issueReceipt } from './receipt-service'
import type { BillingTables } from './tables'

// ── deposits ────────────────────────────────────────────────────────────────────────────────────────

/**
 * A deposit taken at the counter (装修押金…): Dr cash/bank/POS clearing / Cr 2241 deposits held for the
 * unit, never revenue; a payment with purpose 'deposit' in the cashier's shift and its receipt with one
 * deposit line. The unit's deposit balance follows the ledger. Voiding the receipt reverses it like any
 * payment (journal key payment:<id>); refunds go through the four-eyes refund flow.
 */
export const collectDeposit = (ctx: RequestContext, input: Input<typeof DepositInput>) =>
  inTenant<BillingTables, Deposit>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const unit = await unitInScope(tx, actor, tenantId, input.unitId, 'billing.collect')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    if (!actor.userId) throw conflict('BILLING_CASHIER_REQUIRED')
    const item = await requireItem(tx, tenantId, unit.communityId, input.feeItemId, 'deposit')
    const shiftId = await ensureShift(tx, tenantId, actor.userId, unit.communityId)
    const balances = await lockUnitAccount(tx, tenantId, unit.id, unit.communityId)
    const paymentId = uuidv7()
    const posted = await postUnitJournal(
      tx,
      tenantId,
      unitSlice(unit.id, [], balances),
      depositCollected({
        key: `payment:${paymentId}`,
        unit: unit.id,
        channel: input.channel,
        amountFen: input.amountFen,
      }),
      {
        communityId: unit.communityId,
        unitId: unit.id,
        actorId: actor.userId,
        memo: `${input.channel} deposit ${item.name}`,
      },
    )
    await tx
      .insertInto('payments')
      .values({
        tenant_id: tenantId,
        id: paymentId,
        community_id: unit.communityId,
        unit_id: unit.id,
        channel: input.channel,
        purpose: 'deposit',
        amount_fen: String(input.amountFen),
        prepaid_fen: '0',
        allocations: '[]',
        journal_id: posted.journalId,
        shift_id: shiftId,
        cashier_id: actor.userId,
        note: input.note ?? null,
      })
      .execute()
    const receipt = await issueReceipt(tx, tenantId, {
      paymentId,
      communityId: unit.communityId,
      unitId: unit.id,
      channel: input.channel,
      amountFen: input.amountFen,
      allocations: [],
      prepaidFen: 0,
      extraLines: [
        { kind: 'deposit', feeItemName: item.name, periodStart: null, periodEnd: null, fen: input.amountFen },
      ],
    })
    await writeAudit(tx, ctx, tenantId, {
      action: 'deposit.collect',
      entityType: 'payment',
      entityId: paymentId,
      after: {
        unitId: unit.id,
        feeItemId: item.id,
        channel: input.channel,
        amountFen: input.amountFen,
        receipt: receipt.number,
      },
    })
    const payment = await tx
      .selectFrom('payments')
      .select('received_at')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow()
    return {
      paymentId,
      communityId: unit.communityId,
      unitId: unit.id,
      unitCode: unit.code,
      feeItemId: item.id,
      feeItemName: item.name,
      channel: input.channel,
      amountFen: input.amountFen,
      depositFen: depositBalance(posted.state, unit.id),
      receiptId: receipt.id,
      receiptNumber: receipt.number,
      shiftId,
      receivedAt: payment.received_at.toISOString(),
    }
  })
