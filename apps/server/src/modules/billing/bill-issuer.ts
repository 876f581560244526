import { sql, type Transaction } from 'kysely'
import { plainArray, textArray } from '../../platform/db/pg-arrays'
import { uuidv7 } from '../../platform/ids'
import { type BillDraft, dueOn, firstDayOf } from './bill-drafts'
import { billIssuedLines } from './journals'
import { insertJournals } from './ledger-store'
import type { BillingTables } from './tables'

type Tx = Transaction<BillingTables>

/** One computation per distinct argument (a run's 4,000 bills share one or two periods). */
function memoized<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>()
  return (key) => {
    let value = cache.get(key)
    if (value === undefined) {
      value = compute(key)
      cache.set(key, value)
    }
    return value
  }
}

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
  const ids = drafts.map(() => uuidv7())
  const dueOnOf = memoized((periodStart: string) => dueOn(periodStart, input.dueDays))
  // Only ids come back (a bill already there is skipped): the rest of a new bill is its draft's.
  const { rows } = await sql<{ id: string }>`
    insert into bills (tenant_id, id, community_id, unit_id, fee_item_id, period_start, period_end, payer,
                       amount_fen, due_on, standard_id, basis, run_id)
    select ${tenantId}, v.id, ${input.communityId}, v.unit_id, v.fee_item_id, v.period_start, v.period_end,
           v.payer, v.amount_fen, v.due_on, v.standard_id, v.basis, ${input.runId}
      from unnest(${plainArray(ids)}::uuid[], ${plainArray(drafts.map((d) => d.unitId))}::uuid[],
                  ${plainArray(drafts.map((d) => d.feeItemId))}::uuid[],
                  ${plainArray(drafts.map((d) => firstDayOf(d.periodStart)))}::date[],
                  ${plainArray(drafts.map((d) => firstDayOf(d.periodEnd)))}::date[],
                  ${plainArray(drafts.map((d) => d.payer))}::text[],
                  ${plainArray(drafts.map((d) => d.amountFen))}::bigint[],
                  ${plainArray(drafts.map((d) => dueOnOf(d.periodStart)))}::date[],
                  ${plainArray(drafts.map((d) => d.standardId))}::uuid[], ${textArray(drafts.map((d) => d.basis))}::text[])
           as v(id, unit_id, fee_item_id, period_start, period_end, payer, amount_fen, due_on, standard_id, basis)
    on conflict (tenant_id, unit_id, fee_item_id, period_start) do nothing
    returning id`.execute(tx)
  const draftById = new Map(ids.map((id, index) => [id, drafts[index]!]))
  const issued = rows.map((r): IssuedBill => {
    const draft = draftById.get(r.id)!
    return { id: r.id, unitId: draft.unitId, feeItemId: draft.feeItemId, amountFen: draft.amountFen }
  })
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
