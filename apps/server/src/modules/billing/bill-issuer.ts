import { sql, type Transaction } from 'kysely'
import { uuidv7 } from '../../platform/ids'
import { type BillDraft, dueOn, firstDayOf } from './bill-drafts'
import { billIssuedLines } from './journals'
import { insertJournals } from './ledger-store'
import type { BillingTables } from './tables'

type Tx = Transaction<BillingTables>

export interface IssuedBill {
  id: string
  unitId: string
  feeItemId: string
  amountFen: number
}

/** A draft whose standard may be absent (one-off, shared and metered charges are priced when issued). */
export type DraftToIssue = Omit<BillDraft, 'standardId'> & { standardId: string | null }

/**
 * Issues bills and posts their journal in the caller's transaction: the bills (unique per unit × item ×
 * period start: an existing one is skipped, never changed) and one bill_issued journal under `journalKey`
 * for those actually written (Dr 1122 per bill, Cr 6001 per item). Runs, one-off, shared and metered
 * charges all bill through here.
 */
export async function issueBills(
  tx: Tx,
  tenantId: string,
  input: {
    communityId: string
    drafts: readonly DraftToIssue[]
    dueDays: number
    runId: string | null
    journalKey: string
    actorId: string | null
    memo: string
  },
): Promise<IssuedBill[]> {
  const { drafts } = input
  if (drafts.length === 0) return []
  const { rows } = await sql<{ id: string; unit_id: string; fee_item_id: string; amount_fen: string }>`
    insert into bills (tenant_id, id, community_id, unit_id, fee_item_id, period_start, period_end, payer,
                       amount_fen, due_on, standard_id, basis, run_id)
    select ${tenantId}, v.id, ${input.communityId}, v.unit_id, v.fee_item_id, v.period_start, v.period_end,
           v.payer, v.amount_fen, v.due_on, v.standard_id, v.basis, ${input.runId}
      from unnest(${drafts.map(() => uuidv7())}::uuid[], ${drafts.map((d) => d.unitId)}::uuid[],
                  ${drafts.map((d) => d.feeItemId)}::uuid[], ${drafts.map((d) => firstDayOf(d.periodStart))}::date[],
                  ${drafts.map((d) => firstDayOf(d.periodEnd))}::date[], ${drafts.map((d) => d.payer)}::text[],
                  ${drafts.map((d) => d.amountFen)}::bigint[],
                  ${drafts.map((d) => dueOn(d.periodStart, input.dueDays))}::date[],
                  ${drafts.map((d) => d.standardId)}::uuid[], ${drafts.map((d) => d.basis)}::text[])
           as v(id, unit_id, fee_item_id, period_start, period_end, payer, amount_fen, due_on, standard_id, basis)
    on conflict (tenant_id, unit_id, fee_item_id, period_start) do nothing
    returning id, unit_id, fee_item_id, amount_fen`.execute(tx)
  const issued = rows.map(
    (r): IssuedBill => ({
      id: r.id,
      unitId: r.unit_id,
      feeItemId: r.fee_item_id,
      amountFen: Number(r.amount_fen),
    }),
  )
  if (issued.length > 0)
    await insertJournals(tx, tenantId, [
      {
        id: uuidv7(),
        journal: { key: input.journalKey, kind: 'bill_issued', lines: billIssuedLines(issued) },
        communityId: input.communityId,
        unitId: null,
        actorId: input.actorId,
        memo: input.memo,
      },
    ])
  return issued
}
