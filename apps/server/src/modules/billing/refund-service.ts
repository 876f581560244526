import type { Refund, RefundDecisionInput, RefundInput } from '@meihao/contracts'
import { type SqlBool, sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import { writeAudit } from '../../platform/audit'
import { AppError, conflict, invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { translate } from '../../platform/i18n/catalog'
import { uuidv7 } from '../../platform/ids'
import { inScope, unitInScope } from '../estate/published'
import { userNames } from '../iam/published'
import { markCollectionDirty } from './collection-rollup'
import { readableRefusal, refusalReason } from './finance-messages'
import { depositRefunded, type Journal, overchargeRefunded, prepaidRefunded } from './ledger'
import { fenToYuan } from './ledger-report'
import { billsById, lockUnitAccount, postUnitJournal, unitSlice } from './ledger-store'
import type { BillingTables } from './tables'

/**
 * Refunds with four eyes (billing.md "Collecting": 纠纷解释 2–3): one person asks (billing.refund), another
 * decides (billing.approve). Asking posts nothing; approval posts the journal (prepaid, deposit, or a credit
 * note on an overcharged bill with the paid part paid back) under the unit's lock, keyed `refund:<id>`, so
 * the refund is paid once however often the approval is retried. The balance is checked when asking, to
 * answer early, but the guard is post() at approval: the balance may have moved in between.
 */

type Tx = Transaction<BillingTables>
type RefundRow = BillingTables['refunds']

type ListedRow = {
  id: string
  community_id: string
  unit_id: string
  unit_code: string
  kind: RefundRow['kind']
  bill_id: string | null
  amount_fen: string
  channel: RefundRow['channel']
  reason: string
  status: 'requested' | 'approved' | 'rejected'
  requested_by: string
  decided_by: string | null
  requested_at: Date
  decided_at: Date | null
}

const SELECT = sql`
  select r.id, r.community_id, r.unit_id, u.code as unit_code, r.kind, r.bill_id, r.amount_fen, r.channel,
         r.reason, r.status, r.requested_by, r.decided_by, r.requested_at, r.decided_at
    from refunds r join units u on u.tenant_id = r.tenant_id and u.id = r.unit_id`

async function refundsOf(tx: Tx, tenantId: string, rows: readonly ListedRow[]): Promise<Refund[]> {
  const names = await userNames(
    tx,
    tenantId,
    rows.flatMap((r) => [r.requested_by, r.decided_by]),
  )
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    kind: r.kind,
    billId: r.bill_id,
    amountFen: Number(r.amount_fen),
    channel: r.channel,
    reason: r.reason,
    status: r.status,
    requestedBy: names.get(r.requested_by) ?? '',
    decidedBy: r.decided_by === null ? null : (names.get(r.decided_by) ?? ''),
    requestedAt: r.requested_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  }))
}

async function refundById(tx: Tx, tenantId: string, id: string): Promise<Refund> {
  const { rows } = await sql<ListedRow>`${SELECT} where r.tenant_id = ${tenantId} and r.id = ${id}`.execute(
    tx,
  )
  const [refund] = await refundsOf(tx, tenantId, rows)
  if (!refund) throw notFound('BILLING_REFUND_NOT_FOUND')
  return refund
}

/** The signed-in person acting: refunds are asked for and decided by people, whose ids the four-eyes rule compares. */
function personOf(ctx: RequestContext): string {
  const userId = actorOf(ctx).userId
  if (!userId) throw new AppError(403, 'BILLING_REFUND_USER_REQUIRED')
  return userId
}

async function billOfUnit(tx: Tx, tenantId: string, billId: string, unitId: string) {
  const bill = await tx
    .selectFrom('bills')
    .select(['amount_fen', 'credited_fen', 'unit_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', billId)
    .executeTakeFirst()
  if (!bill || bill.unit_id !== unitId) throw notFound('BILLING_REFUND_BILL_NOT_FOUND')
  return bill
}

/** What the refund may take at most right now: the unit's prepaid or deposit balance, or the bill's charge. */
async function refundableFen(
  tx: Tx,
  tenantId: string,
  input: { kind: RefundRow['kind']; unitId: string; billId: string | null },
): Promise<number> {
  if (input.kind === 'overcharge') {
    const bill = await billOfUnit(tx, tenantId, input.billId!, input.unitId)
    return Number(bill.amount_fen) - Number(bill.credited_fen)
  }
  const account = await tx
    .selectFrom('unit_accounts')
    .select(['prepaid_fen', 'deposit_fen'])
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', input.unitId)
    .executeTakeFirst()
  return Number((input.kind === 'prepaid' ? account?.prepaid_fen : account?.deposit_fen) ?? 0)
}

const EXCEEDS = {
  prepaid: 'BILLING_REFUND_EXCEEDS_PREPAID',
  deposit: 'BILLING_REFUND_EXCEEDS_DEPOSIT',
  overcharge: 'BILLING_REFUND_EXCEEDS_CHARGE',
} as const

const exceeds = (kind: RefundRow['kind'], amountFen: number, balanceFen: number) =>
  conflict(
    EXCEEDS[kind],
    { amount: fenToYuan(amountFen), balance: fenToYuan(balanceFen) },
    { amountFen, balanceFen },
  )

export const requestRefund = (ctx: RequestContext, input: z.output<typeof RefundInput>) =>
  inTenant<BillingTables, Refund>(ctx, async (tx, tenantId) => {
    const userId = personOf(ctx)
    const unit = await unitInScope(tx, actorOf(ctx), tenantId, input.unitId, 'billing.refund')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    if (input.kind === 'overcharge' && !input.billId) throw invalid('BILLING_REFUND_BILL_REQUIRED')
    if (input.kind !== 'overcharge' && input.billId) throw invalid('BILLING_REFUND_BILL_NOT_ALLOWED')
    const billId = input.kind === 'overcharge' ? input.billId! : null
    const available = await refundableFen(tx, tenantId, { kind: input.kind, unitId: unit.id, billId })
    if (input.amountFen > available) throw exceeds(input.kind, input.amountFen, available)
    const id = uuidv7()
    const row = {
      id,
      community_id: unit.communityId,
      unit_id: unit.id,
      kind: input.kind,
      bill_id: billId,
      amount_fen: String(input.amountFen),
      channel: input.channel,
      reason: input.reason,
      requested_by: userId,
    }
    await tx
      .insertInto('refunds')
      .values({ tenant_id: tenantId, ...row })
      .execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'refund.request',
      entityType: 'refund',
      entityId: id,
      after: { ...row, availableFen: available },
    })
    return refundById(tx, tenantId, id)
  })

export const decideRefund = (ctx: RequestContext, id: string, input: z.output<typeof RefundDecisionInput>) =>
  inTenant<BillingTables, Refund>(ctx, async (tx, tenantId) => {
    const userId = personOf(ctx)
    const found = await tx
      .selectFrom('refunds')
      .select(['unit_id', 'community_id'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!found || !(await unitInScope(tx, actorOf(ctx), tenantId, found.unit_id, 'billing.approve')))
      throw notFound('BILLING_REFUND_NOT_FOUND')
    // The unit's lock first, as every money movement of the unit takes it, then the request itself: two
    // deciders of one request queue here, and the second sees the first's decision.
    const balances = await lockUnitAccount(tx, tenantId, found.unit_id, found.community_id)
    const before = await tx
      .selectFrom('refunds')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (before.status !== 'requested')
      throw conflict(
        'BILLING_REFUND_ALREADY_DECIDED',
        { status: translate(ctx.lang, `BILLING_REFUND_STATUS_${before.status.toUpperCase()}`) },
        { status: before.status },
      )
    // Four eyes: the database refuses it too (CHECK decided_by <> requested_by); this says it in words.
    if (before.requested_by === userId) throw new AppError(403, 'BILLING_REFUND_SAME_PERSON')

    let journalId: string | null = null
    if (input.approve) {
      const amountFen = Number(before.amount_fen)
      const key = `refund:${id}`
      const money = { key, unit: before.unit_id, channel: before.channel, amountFen, approvedBy: userId }
      const bills = before.bill_id ? await billsById(tx, tenantId, [before.bill_id]) : []
      const slice = unitSlice(before.unit_id, bills, balances)
      let journal: Journal
      if (before.kind === 'prepaid') journal = prepaidRefunded(money)
      else if (before.kind === 'deposit') journal = depositRefunded(money)
      else {
        if (bills.length !== 1) throw notFound('BILLING_REFUND_BILL_NOT_FOUND')
        journal = overchargeRefunded(slice, {
          key,
          billId: before.bill_id!,
          amountFen,
          channel: before.channel,
          approvedBy: userId,
        })
      }
      try {
        const posted = await postUnitJournal(tx, tenantId, slice, journal, {
          communityId: before.community_id,
          unitId: before.unit_id,
          actorId: userId,
          approvedBy: userId,
          memo: before.reason,
        })
        journalId = posted.journalId
      } catch (error) {
        // More than there is now (the balance moved since the request): the request stays open, nothing moves.
        if (refusalReason(error) === 'overdrawn') {
          const available =
            before.kind === 'prepaid'
              ? balances.prepaidFen
              : before.kind === 'deposit'
                ? balances.depositFen
                : bills.reduce((sum, b) => sum + b.amountFen - b.creditedFen, 0)
          throw exceeds(before.kind, amountFen, available)
        }
        throw readableRefusal(error, ctx.lang)
      }
      for (const bill of bills)
        await markCollectionDirty(tx, tenantId, before.community_id, Number(bill.period.slice(0, 4)))
    }
    const decided = await tx
      .updateTable('refunds')
      .set({
        status: input.approve ? 'approved' : 'rejected',
        decided_by: userId,
        decided_at: new Date(),
        decision_note: input.note ?? null,
        journal_id: journalId,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await writeAudit(tx, ctx, tenantId, {
      action: input.approve ? 'refund.approve' : 'refund.reject',
      entityType: 'refund',
      entityId: id,
      before: { status: before.status, amount_fen: before.amount_fen, kind: before.kind },
      after: {
        status: decided.status,
        decided_by: decided.decided_by,
        decision_note: decided.decision_note,
        journal_id: decided.journal_id,
      },
    })
    return refundById(tx, tenantId, id)
  })

export interface RefundListFilter {
  communityId?: string | undefined
  status?: 'requested' | 'approved' | 'rejected' | undefined
  limit: number
}

/** Refunds of units in the caller's billing.read reach, newest first; a community out of reach is 404. */
export const listRefunds = (ctx: RequestContext, filter: RefundListFilter) =>
  inTenant<BillingTables, Refund[]>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    if (filter.communityId) {
      const { rows } = await sql<{ id: string }>`
        select c.id from communities c
         where c.tenant_id = ${tenantId} and c.id = ${filter.communityId}
           and ${inScope(actor, 'billing.read', { community: 'c.id' })}`.execute(tx)
      if (rows.length === 0) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
    }
    const conditions = [
      sql<SqlBool>`r.tenant_id = ${tenantId}`,
      inScope(actor, 'billing.read', {
        community: 'r.community_id',
        building: 'u.building_id',
        unit: 'r.unit_id',
      }),
    ]
    if (filter.communityId) conditions.push(sql<SqlBool>`r.community_id = ${filter.communityId}`)
    if (filter.status) conditions.push(sql<SqlBool>`r.status = ${filter.status}`)
    const { rows } = await sql<ListedRow>`${SELECT}
      where ${sql.join(conditions, sql` and `)}
      order by r.requested_at desc, r.id desc
      limit ${filter.limit}`.execute(tx)
    return refundsOf(tx, tenantId, rows)
  })
