import type { SharedCharge, SharedChargeInput } from '@meihao/contracts'
import { sql } from 'kysely'
import { writeAudit } from '../../platform/audit'
import { conflict, invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { communityOfBuilding } from '../estate/published'
import type { DraftToIssue } from './bill-issuer'
import {
  communityUnits,
  type Input,
  issueCharges,
  oneMonth,
  payerOf,
  requireItem,
  type Tx,
} from './charges-common'
import { sharedBasis, sharedSplit } from './charges-math'
import { requireCommunity } from './fee-config-service'
import type { BillingTables } from './tables'

// ── shared utilities (公摊) ──────────────────────────────────────────────────────────────────────────

interface SharedPlan {
  charge: SharedCharge
  drafts: DraftToIssue[]
}

async function planShared(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  input: Input<typeof SharedChargeInput>,
): Promise<SharedPlan> {
  await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.run')
  const item = await requireItem(tx, tenantId, input.communityId, input.feeItemId, 'shared')
  let units = await communityUnits(tx, tenantId, input.communityId, input.period)
  if (input.buildingId) {
    const building = await communityOfBuilding(tx, tenantId, input.buildingId)
    if (building?.communityId !== input.communityId) throw notFound('ESTATE_BUILDING_NOT_FOUND')
    const { rows } = await sql<{ id: string }>`
      select id from units where tenant_id = ${tenantId} and building_id = ${input.buildingId}`.execute(tx)
    const inBuilding = new Set(rows.map((r) => r.id))
    units = units.filter((u) => inBuilding.has(u.id))
  }
  if (units.length === 0) throw invalid('BILLING_SHARED_NO_UNITS')
  const sharing = units.map((u) => ({
    id: u.id,
    code: u.code,
    areaHundredths: item.area_basis === 'exclusive' ? u.exclusiveAreaHundredths : u.buildingAreaHundredths,
  }))
  if (input.basis === 'area' && sharing.every((u) => u.areaHundredths === 0n))
    throw invalid('BILLING_SHARED_NO_AREA')
  const split = sharedSplit(input.totalFen, sharing, input.basis)
  const byId = new Map(units.map((u) => [u.id, u]))
  const shares = split.shares.map((s) => ({
    unitId: s.id,
    unitCode: s.code,
    weight: s.weight,
    payer: payerOf(byId.get(s.id)!, input.period),
    fen: s.fen,
  }))
  const { rows: existing } = await sql<{ n: number }>`
    select count(*)::int as n from bills
     where tenant_id = ${tenantId} and fee_item_id = ${item.id} and period_start = ${`${input.period}-01`}::date
       and unit_id = any(${units.map((u) => u.id)}::uuid[])`.execute(tx)
  const drafts = shares
    .filter((s) => s.fen > 0)
    .map(
      (s): DraftToIssue => ({
        unitId: s.unitId,
        feeItemId: item.id,
        ...oneMonth(input.period),
        payer: s.payer,
        partyId: null,
        amountFen: s.fen,
        standardId: null,
        basis: sharedBasis(input.totalFen, s, split.weightTotal, input.basis),
      }),
    )
  return {
    charge: {
      communityId: input.communityId,
      feeItemId: item.id,
      period: input.period,
      basis: input.basis,
      totalFen: input.totalFen,
      weightTotal: split.weightTotal,
      shares,
      existingBills: existing[0]?.n ?? 0,
      bills: 0,
    },
    drafts,
  }
}

/** What a shared cost's split would bill: every unit's share, summing to the total exactly. Writes nothing. */
export const previewShared = (ctx: RequestContext, input: Input<typeof SharedChargeInput>) =>
  inTenant<BillingTables, SharedCharge>(
    ctx,
    async (tx, tenantId) => (await planShared(ctx, tx, tenantId, input)).charge,
  )

/**
 * Bills a shared cost: one bill per unit with a share above 0 fen, summing to the total. Refused when any
 * of the units already has a bill of the item for the month (a cost is split once; a building's units may
 * share their own cost with `buildingId`).
 */
export const billShared = (ctx: RequestContext, input: Input<typeof SharedChargeInput>) =>
  inTenant<BillingTables, SharedCharge>(ctx, async (tx, tenantId) => {
    const { charge, drafts } = await planShared(ctx, tx, tenantId, input)
    if (charge.existingBills > 0)
      throw conflict('BILLING_SHARED_ALREADY_BILLED', { month: input.period, count: charge.existingBills })
    const issued = await issueCharges(tx, tenantId, {
      communityId: input.communityId,
      drafts,
      journalKey: `shared:${charge.feeItemId}:${input.period}:${input.buildingId ?? 'community'}`,
      actorId: actorOf(ctx).userId,
      memo: `shared ${input.period} ${input.basis}`,
    })
    // A concurrent split took some of these units' month: all of this one goes back.
    if (issued.length !== drafts.length)
      throw conflict('BILLING_SHARED_ALREADY_BILLED', {
        month: input.period,
        count: drafts.length - issued.length,
      })
    await writeAudit(tx, ctx, tenantId, {
      action: 'shared_charge.bill',
      entityType: 'community',
      entityId: input.communityId,
      after: {
        feeItemId: charge.feeItemId,
        period: input.period,
        basis: input.basis,
        buildingId: input.buildingId ?? null,
        totalFen: input.totalFen,
        bills: issued.length,
      },
    })
    return { ...charge, bills: issued.length }
  })
