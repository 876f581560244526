import type { LateFeeAssessment, LateFeeAssessmentInput, LateFeeLine } from '@meihao/contracts'
import { sql } from 'kysely'
import { writeAudit } from '../../platform/audit'
import { plainArray } from '../../platform/db/pg-arrays'
import { conflict, invalid } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { yuan } from './arrears-service'
import type { DraftToIssue } from './bill-issuer'
import { type Input, issueCharges, oneMonth, requireItem, type Tx, timeZoneOf } from './charges-common'
import { currentMonthIn } from './charges-math'
import { requireCommunity } from './fee-config-service'
import type { Month } from './fee-math'
import {
  accrueLateFees,
  type LateFeeAccrual,
  type LateFeeTermsOfItem,
  lastDayOf,
  type OverdueBill,
} from './late-fees'
import type { BillingTables } from './tables'

/**
 * Contractual late fees (违约金, billing.md; 民法典 585): for a month that has ended, every open owner bill
 * whose fee item's contract terms provide late fees accrues the month's late days on what is still open
 * (late-fees.ts); each unit gets one late-fee bill for the month, through issueCharges like any charge,
 * and each bill's accrual is recorded so the cap holds over all months. A month is assessed once per
 * late-fee item; the preview computes the same without writing.
 */
export const assessLateFees = (
  ctx: RequestContext,
  input: Input<typeof LateFeeAssessmentInput>,
  options: { commit: boolean },
) =>
  inTenant<BillingTables, LateFeeAssessment>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.run')
    const item = await requireItem(tx, tenantId, input.communityId, input.feeItemId, 'late_fee')
    const month = input.period
    const timeZone = await timeZoneOf(tx, tenantId, input.communityId)
    if (month >= currentMonthIn(timeZone)) throw invalid('BILLING_LATE_FEE_MONTH_OPEN', { month })
    // One assessment of an item at a time: a second waits here, then finds the month assessed.
    await sql`select id from fee_items where tenant_id = ${tenantId} and id = ${item.id} for update`.execute(
      tx,
    )
    const { rows: assessed } = await sql`
      select 1 from bills where tenant_id = ${tenantId} and community_id = ${input.communityId}
         and fee_item_id = ${item.id} and period_start = ${`${month}-01`}::date limit 1`.execute(tx)
    if (assessed.length > 0) throw conflict('BILLING_LATE_FEES_ASSESSED', { month })
    const overdue = await overdueBills(tx, tenantId, input.communityId, lastDayOf(month))
    const accruals = accrueLateFees(overdue.bills, month)
    const result: LateFeeAssessment = {
      period: month,
      asOf: lastDayOf(month),
      committed: options.commit,
      accruals: accruals.length,
      units: new Set(accruals.map((a) => a.unitId)).size,
      totalFen: accruals.reduce((sum, a) => sum + a.feeFen, 0),
      capped: accruals.filter((a) => a.capped).length,
      lines: accruals.slice(0, 500).map((a) => lineOf(a, overdue.facts.get(a.billId)!)),
    }
    if (!options.commit || accruals.length === 0) return result
    const byUnit = new Map<string, LateFeeAccrual[]>()
    for (const a of accruals) {
      const ofUnit = byUnit.get(a.unitId)
      if (ofUnit) ofUnit.push(a)
      else byUnit.set(a.unitId, [a])
    }
    const issued = await issueCharges(tx, tenantId, {
      communityId: input.communityId,
      drafts: [...byUnit].map(
        ([unitId, unitAccruals]): DraftToIssue => ({
          unitId,
          feeItemId: item.id,
          ...oneMonth(month),
          payer: 'owner',
          partyId: null,
          amountFen: unitAccruals.reduce((sum, a) => sum + a.feeFen, 0),
          standardId: null,
          basis: basisOf(unitAccruals, overdue.facts),
        }),
      ),
      journalKey: `late_fees:${item.id}:${month}`,
      actorId: actorOf(ctx).userId,
      memo: `late fees ${month}`,
    })
    const chargeOf = new Map(issued.map((b) => [b.unitId, b.id]))
    await sql`
      insert into late_fee_accruals (tenant_id, bill_id, period_start, days, principal_fen, fee_fen, capped, charge_bill_id)
      select ${tenantId}, v.bill_id, ${`${month}-01`}::date, v.days, v.principal_fen, v.fee_fen, v.capped, v.charge_bill_id
        from unnest(${plainArray(accruals.map((a) => a.billId))}::uuid[], ${plainArray(accruals.map((a) => a.days))}::int[],
                    ${plainArray(accruals.map((a) => a.principalFen))}::bigint[], ${plainArray(accruals.map((a) => a.feeFen))}::bigint[],
                    ${plainArray(accruals.map((a) => String(a.capped)))}::boolean[],
                    ${plainArray(accruals.map((a) => chargeOf.get(a.unitId)!))}::uuid[])
          as v(bill_id, days, principal_fen, fee_fen, capped, charge_bill_id)`.execute(tx)
    await writeAudit(tx, ctx, tenantId, {
      action: 'late_fee.assess',
      entityType: 'community',
      entityId: input.communityId,
      after: {
        feeItemId: item.id,
        period: month,
        accruals: result.accruals,
        units: result.units,
        totalFen: result.totalFen,
      },
    })
    return result
  })

interface BillFacts {
  unitCode: string
  feeItemName: string
  billPeriod: Month
  dueOn: string
  dailyRateBp: number
}

/** Open owner bills due before `asOf` whose item's contract provides late fees, with what accrued so far. */
async function overdueBills(tx: Tx, tenantId: string, communityId: string, asOf: string) {
  const { rows } = await sql<{
    id: string
    unit_id: string
    unit_code: string
    item_name: string
    period: string
    due_on: string
    amount_fen: string
    open_fen: string
    late_fee: LateFeeTermsOfItem
    accrued_fen: string
  }>`
    select b.id, b.unit_id, u.code as unit_code, i.name as item_name, to_char(b.period_start, 'YYYY-MM') as period,
           to_char(b.due_on, 'YYYY-MM-DD') as due_on, b.amount_fen, b.amount_fen - b.paid_fen - b.credited_fen as open_fen,
           i.late_fee,
           coalesce((select sum(a.fee_fen) from late_fee_accruals a
                      where a.tenant_id = b.tenant_id and a.bill_id = b.id), 0) as accrued_fen
      from bills b
      join fee_items i on i.tenant_id = b.tenant_id and i.id = b.fee_item_id
      join units u on u.tenant_id = b.tenant_id and u.id = b.unit_id
     where b.tenant_id = ${tenantId} and b.community_id = ${communityId} and b.payer = 'owner'
       and b.paid_fen + b.credited_fen < b.amount_fen and i.late_fee is not null and b.due_on < ${asOf}::date
     order by u.code, b.period_start, i.sort, b.id`.execute(tx)
  const facts = new Map<string, BillFacts>()
  const bills = rows.map((r): OverdueBill => {
    facts.set(r.id, {
      unitCode: r.unit_code,
      feeItemName: r.item_name,
      billPeriod: r.period,
      dueOn: r.due_on,
      dailyRateBp: r.late_fee.dailyRateBp,
    })
    return {
      billId: r.id,
      unitId: r.unit_id,
      dueOn: r.due_on,
      amountFen: Number(r.amount_fen),
      openFen: Number(r.open_fen),
      terms: {
        dailyRateBp: r.late_fee.dailyRateBp,
        graceDays: r.late_fee.graceDays ?? 0,
        capBp: r.late_fee.capBp,
      },
      accruedFen: Number(r.accrued_fen),
    }
  })
  return { bills, facts }
}

const lineOf = (a: LateFeeAccrual, facts: BillFacts): LateFeeLine => ({
  billId: a.billId,
  unitId: a.unitId,
  unitCode: facts.unitCode,
  feeItemName: facts.feeItemName,
  billPeriod: facts.billPeriod,
  dueOn: facts.dueOn,
  days: a.days,
  principalFen: a.principalFen,
  feeFen: a.feeFen,
  capped: a.capped,
})

/** The bill's basis: contractual, reducible, and each overdue bill's figures (the owner can check them). */
function basisOf(accruals: readonly LateFeeAccrual[], facts: ReadonlyMap<string, BillFacts>): string {
  const parts = accruals.map((a) => {
    const f = facts.get(a.billId)!
    const cap = a.capped ? '（已达合同上限）' : ''
    return `${f.feeItemName} ${f.billPeriod} 未缴 ${yuan(a.principalFen)} 元 × 每日万分之${f.dailyRateBp} × ${a.days} 天 = ${yuan(a.feeFen)} 元${cap}`
  })
  return `合同约定违约金（可依法请求调减）：${parts.join('；')}`
}
