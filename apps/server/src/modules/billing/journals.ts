import type { JournalLine } from './ledger'

/**
 * The journal of a batch of new bills: Dr 1122 receivable per bill (tied to it, so each bill's open amount
 * is known), Cr 6001 revenue per fee item (one line per item: a run's journal stays about one line a bill).
 */
export function billIssuedLines(
  bills: readonly { id: string; unitId: string; feeItemId: string; amountFen: number }[],
): JournalLine[] {
  const revenue = new Map<string, number>()
  const lines: JournalLine[] = bills.map((b) => {
    revenue.set(b.feeItemId, (revenue.get(b.feeItemId) ?? 0) + b.amountFen)
    return { account: '1122', subKey: b.unitId, debitFen: b.amountFen, creditFen: 0, billId: b.id }
  })
  for (const [feeItemId, fen] of revenue)
    lines.push({ account: '6001', subKey: feeItemId, debitFen: 0, creditFen: fen })
  return lines
}
