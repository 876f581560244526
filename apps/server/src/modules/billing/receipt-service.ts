import type { Allocation, PaymentChannel, Receipt } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { maskName } from '../../platform/crypto/mask'
import { conflict, notFound } from '../../platform/errors'
import { uuidv7 } from '../../platform/ids'
import { communityFacts } from '../estate/published'
import type { BillingTables } from './tables'

/**
 * Receipts (收据): numbered without gaps per community and year. The counter row moves in the payment's
 * own transaction, as its last write: a payment that rolls back takes its number with it, and concurrent
 * payments of a community queue only for the moment before they commit. A voided receipt keeps its number.
 */

type Tx = Transaction<BillingTables>

export interface ReceiptLineData {
  kind: 'bill' | 'prepaid' | 'deposit'
  feeItemName: string
  periodStart: string | null
  periodEnd: string | null
  fen: number
}

/** The year of `at` in the community's time zone. */
const yearIn = (at: Date, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(at))

export const receiptNumber = (year: number, seq: number) => `${year}-${String(seq).padStart(6, '0')}`

export async function issueReceipt(
  tx: Tx,
  tenantId: string,
  input: {
    paymentId: string
    communityId: string
    unitId: string
    channel: PaymentChannel
    amountFen: number
    allocations: readonly Allocation[]
    prepaidFen: number
    /** Lines beyond the bills and the prepaid part: a deposit held for the unit. */
    extraLines?: readonly ReceiptLineData[]
  },
): Promise<{ id: string; number: string }> {
  const facts = await communityFacts(tx, tenantId, input.communityId)
  if (!facts) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  const lines = [
    ...(await receiptLines(tx, tenantId, input.allocations, input.prepaidFen)),
    ...(input.extraLines ?? []),
  ]
  const payer = await payerName(tx, tenantId, input.unitId)
  const year = yearIn(new Date(), facts.timeZone)
  const { rows } = await sql<{ last_seq: number }>`
    insert into receipt_counters (tenant_id, community_id, year, last_seq)
    values (${tenantId}, ${input.communityId}, ${year}, 1)
    on conflict (tenant_id, community_id, year) do update set last_seq = receipt_counters.last_seq + 1
    returning last_seq`.execute(tx)
  const seq = rows[0]!.last_seq
  const id = uuidv7()
  const number = receiptNumber(year, seq)
  await tx
    .insertInto('receipts')
    .values({
      tenant_id: tenantId,
      id,
      community_id: input.communityId,
      year,
      seq,
      number,
      payment_id: input.paymentId,
      unit_id: input.unitId,
      payer_name: payer,
      channel: input.channel,
      amount_fen: String(input.amountFen),
      lines: JSON.stringify(lines),
    })
    .execute()
  return { id, number }
}

async function receiptLines(
  tx: Tx,
  tenantId: string,
  allocations: readonly Allocation[],
  prepaidFen: number,
): Promise<ReceiptLineData[]> {
  const ids = allocations.map((a) => a.billId)
  const { rows } = ids.length
    ? await sql<{ id: string; name: string; period_start: string; period_end: string }>`
        select b.id, i.name, to_char(b.period_start, 'YYYY-MM') as period_start,
               to_char(b.period_end, 'YYYY-MM') as period_end
          from bills b join fee_items i on i.tenant_id = b.tenant_id and i.id = b.fee_item_id
         where b.tenant_id = ${tenantId} and b.id = any(${ids}::uuid[])`.execute(tx)
    : { rows: [] }
  const byId = new Map(rows.map((r) => [r.id, r]))
  const lines: ReceiptLineData[] = allocations.map((a) => {
    const bill = byId.get(a.billId)!
    return {
      kind: 'bill',
      feeItemName: bill.name,
      periodStart: bill.period_start,
      periodEnd: bill.period_end,
      fen: a.fen,
    }
  })
  if (prepaidFen > 0)
    lines.push({ kind: 'prepaid', feeItemName: '', periodStart: null, periodEnd: null, fen: prepaidFen })
  return lines
}

/** The unit's first current owner, masked (张*): a receipt names its payer without exposing them. */
async function payerName(tx: Tx, tenantId: string, unitId: string): Promise<string | null> {
  const { rows } = await sql<{ name: string }>`
    select p.name from unit_ownerships o join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
     where o.tenant_id = ${tenantId} and o.unit_id = ${unitId} and o.start_date <= current_date
       and (o.end_date is null or o.end_date >= current_date)
     order by o.start_date, o.id limit 1`.execute(tx)
  return rows[0] ? maskName(rows[0].name) : null
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────────────

type ReceiptRow = {
  id: string
  number: string
  community_id: string
  community_name: string
  unit_id: string
  unit_code: string
  payer_name: string | null
  channel: PaymentChannel
  amount_fen: string
  lines: ReceiptLineData[]
  status: 'issued' | 'void'
  issued_at: Date
  voided_at: Date | null
  void_reason: string | null
  payment_id: string
  cashier_id: string | null
}

export const RECEIPT_SELECT = sql`
  select r.id, r.number, r.community_id, c.name as community_name, r.unit_id, u.code as unit_code, r.payer_name,
         r.channel, r.amount_fen, r.lines, r.status, r.issued_at, r.voided_at, r.void_reason, r.payment_id,
         p.cashier_id
    from receipts r
    join communities c on c.tenant_id = r.tenant_id and c.id = r.community_id
    join units u on u.tenant_id = r.tenant_id and u.id = r.unit_id
    join payments p on p.tenant_id = r.tenant_id and p.id = r.payment_id`

export const receiptOf = (r: ReceiptRow, prepaidLabel: string): Receipt => ({
  id: r.id,
  number: r.number,
  communityId: r.community_id,
  communityName: r.community_name,
  unitCode: r.unit_code,
  payerName: r.payer_name,
  channel: r.channel,
  amountFen: Number(r.amount_fen),
  lines: r.lines.map((l) => ({
    kind: l.kind,
    feeItemName: l.kind === 'prepaid' ? prepaidLabel : l.feeItemName,
    periodStart: l.periodStart,
    periodEnd: l.periodEnd,
    fen: l.fen,
  })),
  status: r.status,
  issuedAt: r.issued_at.toISOString(),
  voidedAt: r.voided_at?.toISOString() ?? null,
  voidReason: r.void_reason,
})

export async function receiptRow(tx: Tx, tenantId: string, id: string): Promise<ReceiptRow | undefined> {
  const { rows } =
    await sql<ReceiptRow>`${RECEIPT_SELECT} where r.tenant_id = ${tenantId} and r.id = ${id}`.execute(tx)
  return rows[0]
}

/** Marks a receipt void (its number stays taken). The payment's reversal is the caller's. */
export async function markVoid(tx: Tx, tenantId: string, id: string, reason: string, by: string | null) {
  const updated = await tx
    .updateTable('receipts')
    .set({ status: 'void', voided_at: new Date(), voided_by: by, void_reason: reason })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'issued')
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw conflict('BILLING_RECEIPT_ALREADY_VOID')
}

export type { ReceiptRow }
