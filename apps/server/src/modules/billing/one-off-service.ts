import type {
  Bill,
  OneOffChargeInput,
  TicketChargeBillingInput,
  TicketChargeBillingResult,
} from '@meihao/contracts'
import { sql } from 'kysely'
import { writeAudit } from '../../platform/audit'
import { conflict, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { unitInScope } from '../estate/published'
import type { DraftToIssue } from './bill-issuer'
import { billById } from './bills-service'
import {
  type Input,
  issueCharges,
  oneMonth,
  payerOf,
  requireItem,
  timeZoneOf,
  unitPayerFacts,
} from './charges-common'
import { currentMonthIn, groupTicketCharges } from './charges-math'
import { requireCommunity } from './fee-config-service'
import { addMonths } from './fee-math'
import type { BillingTables } from './tables'

// ── one-off charges ─────────────────────────────────────────────────────────────────────────────────

/** A one-off item charged to one unit for a month: one bill (a unit has at most one per item and month). */
export const chargeOneOff = (ctx: RequestContext, input: Input<typeof OneOffChargeInput>) =>
  inTenant<BillingTables, Bill>(ctx, async (tx, tenantId) => {
    const unit = await unitInScope(tx, actorOf(ctx), tenantId, input.unitId, 'billing.collect')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    const item = await requireItem(tx, tenantId, unit.communityId, input.feeItemId, 'one_off')
    const period = input.period ?? currentMonthIn(await timeZoneOf(tx, tenantId, unit.communityId))
    const facts = (await unitPayerFacts(tx, tenantId, [unit.id])).get(unit.id)!
    const journalKey = `one_off:${unit.id}:${item.id}:${period}`
    const exists = await tx
      .selectFrom('bills')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('unit_id', '=', unit.id)
      .where('fee_item_id', '=', item.id)
      .where('period_start', '=', `${period}-01`)
      .executeTakeFirst()
    if (exists) throw conflict('BILLING_CHARGE_EXISTS', { name: item.name, month: period })
    const [bill] = await issueCharges(tx, tenantId, {
      communityId: unit.communityId,
      drafts: [
        {
          unitId: unit.id,
          feeItemId: item.id,
          ...oneMonth(period),
          payer: payerOf(facts, period),
          partyId: null,
          amountFen: input.amountFen,
          standardId: null,
          basis: input.note,
        },
      ],
      journalKey,
      actorId: actorOf(ctx).userId,
      memo: `one-off ${period}`,
    })
    if (!bill) throw conflict('BILLING_CHARGE_EXISTS', { name: item.name, month: period })
    await writeAudit(tx, ctx, tenantId, {
      action: 'charge.create',
      entityType: 'bill',
      entityId: bill.id,
      after: { unitId: unit.id, feeItemId: item.id, period, amountFen: input.amountFen, note: input.note },
    })
    return billById(tx, tenantId, bill.id)
  })

// ── paid repairs (ticket charges) ───────────────────────────────────────────────────────────────────

/**
 * Consumes a community's unconsumed ticket charges made up to the end of `period` (community time zone)
 * into one-off bills of that month: one bill per unit, the sum of its charges, the tickets named in the
 * basis; consumed_at is set in the same transaction, so a second run bills none of them again. A unit that
 * already has a bill of the item for the month keeps its charges for a later month (bills are unique per
 * unit × item × month); charges without a unit are left alone.
 */
export const billTicketCharges = (ctx: RequestContext, input: Input<typeof TicketChargeBillingInput>) =>
  inTenant<BillingTables, TicketChargeBillingResult>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.run')
    const item = await requireItem(tx, tenantId, input.communityId, input.feeItemId, 'one_off')
    const timeZone = await timeZoneOf(tx, tenantId, input.communityId)
    const period = input.period ?? currentMonthIn(timeZone)
    const end = `${addMonths(period, 1)}-01`
    // Locked: a concurrent run waits, then finds them consumed.
    const { rows } = await sql<{ id: string; unit_id: string | null; amount_fen: string; number: string }>`
      select c.id, c.unit_id, c.amount_fen, t.number from ticket_charges c
        join tickets t on t.tenant_id = c.tenant_id and t.id = c.ticket_id
       where c.tenant_id = ${tenantId} and c.community_id = ${input.communityId} and c.consumed_at is null
         and c.created_at < (${end}::date::timestamp at time zone ${timeZone})
       order by c.created_at, c.id
       for update of c`.execute(tx)
    const unitIds = [...new Set(rows.flatMap((r) => (r.unit_id ? [r.unit_id] : [])))]
    const { rows: billed } = unitIds.length
      ? await sql<{ unit_id: string }>`
          select unit_id from bills
           where tenant_id = ${tenantId} and fee_item_id = ${item.id} and period_start = ${`${period}-01`}::date
             and unit_id = any(${unitIds}::uuid[])`.execute(tx)
      : { rows: [] }
    const taken = new Set(billed.map((b) => b.unit_id))
    const { groups, deferred, withoutUnit } = groupTicketCharges(
      rows.map((r) => ({
        id: r.id,
        unitId: r.unit_id,
        amountFen: Number(r.amount_fen),
        ticketNumber: r.number,
      })),
      (unitId) => taken.has(unitId),
    )
    const result: TicketChargeBillingResult = {
      period,
      charges: 0,
      bills: 0,
      totalFen: 0,
      deferred,
      withoutUnit,
    }
    if (groups.length === 0) return result
    const facts = await unitPayerFacts(
      tx,
      tenantId,
      groups.map((g) => g.unitId),
    )
    const issued = await issueCharges(tx, tenantId, {
      communityId: input.communityId,
      drafts: groups.map(
        (g): DraftToIssue => ({
          unitId: g.unitId,
          feeItemId: item.id,
          ...oneMonth(period),
          payer: payerOf(facts.get(g.unitId)!, period),
          partyId: null,
          amountFen: g.amountFen,
          standardId: null,
          basis: g.basis,
        }),
      ),
      // A charge is consumed once: the first one billed names the batch for good.
      journalKey: `tickets:${item.id}:${period}:${groups[0]!.chargeIds[0]}`,
      actorId: actorOf(ctx).userId,
      memo: `ticket charges ${period}`,
    })
    // A one-off charge of the same item and month slipped in meanwhile: nothing is billed, run again.
    if (issued.length !== groups.length)
      throw conflict('BILLING_CHARGE_EXISTS', { name: item.name, month: period })
    const consumed = groups.flatMap((g) => g.chargeIds)
    await sql`update ticket_charges set consumed_at = now()
               where tenant_id = ${tenantId} and id = any(${consumed}::uuid[])`.execute(tx)
    result.charges = consumed.length
    result.bills = issued.length
    result.totalFen = issued.reduce((sum, b) => sum + b.amountFen, 0)
    await writeAudit(tx, ctx, tenantId, {
      action: 'ticket_charge.bill',
      entityType: 'community',
      entityId: input.communityId,
      after: { feeItemId: item.id, ...result },
    })
    return result
  })
