import type { RequestContext } from '../../platform/http/context'
import { translate } from '../../platform/i18n/catalog'
import { receiptForPrint } from './counter-service'
import { renderReceiptPdf } from './receipt-pdf'

/** A receipt as its printable PDF, in the caller's language, for staff or for its owner. */
export async function renderReceiptFor(ctx: RequestContext, id: string, audience: 'staff' | 'owner') {
  const { receipt, companyName, cashierName, timeZone } = await receiptForPrint(ctx, id, audience)
  const period = (start: string | null, end: string | null) =>
    start === null ? null : start === end ? start : `${start} – ${end}`
  const body = await renderReceiptPdf({
    companyName,
    communityName: receipt.communityName,
    number: receipt.number,
    issuedAt: new Date(receipt.issuedAt),
    timeZone,
    unitCode: receipt.unitCode,
    payerName: receipt.payerName,
    channelLabel: translate(ctx.lang, `BILLING_CHANNEL_${receipt.channel.toUpperCase()}`),
    lines: receipt.lines
      .filter((l) => l.kind !== 'prepaid')
      .map((l) => ({ label: l.feeItemName, period: period(l.periodStart, l.periodEnd), fen: l.fen })),
    prepaidFen: receipt.lines.filter((l) => l.kind === 'prepaid').reduce((sum, l) => sum + l.fen, 0),
    amountFen: receipt.amountFen,
    cashierName,
    voided: receipt.voidedAt ? { at: new Date(receipt.voidedAt), reason: receipt.voidReason ?? '' } : null,
    locale: ctx.lang,
  })
  return { number: receipt.number, body }
}
