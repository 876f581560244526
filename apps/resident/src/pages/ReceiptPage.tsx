import { NoticeBar } from 'antd-mobile'
import { useParams } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { BillingReceipt, BillingReceiptLine } from '../api/types'
import { ReceiptIcon } from '../components/icons'
import { LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useById } from '../hooks/useById'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { channelLabel, formatFen, formatMoment, periodLabel } from './pay/format'

function LineName({ line }: { line: BillingReceiptLine }) {
  const t = useT()
  if (line.kind === 'prepaid') return <>{line.feeItemName || t('receiptDetail.prepaidLine')}</>
  return (
    <>
      {line.feeItemName}
      {line.periodStart && line.periodEnd && (
        <span className="mh-receipt-line-period">
          {periodLabel({ periodStart: line.periodStart, periodEnd: line.periodEnd })}
        </span>
      )}
    </>
  )
}

function ReceiptBody({ receipt }: { receipt: BillingReceipt }) {
  const t = useT()
  const isVoid = receipt.status === 'void'
  const facts = [
    { label: t('receiptDetail.community'), value: receipt.communityName },
    { label: t('receiptDetail.unit'), value: receipt.unitCode },
    ...(receipt.payerName ? [{ label: t('receiptDetail.payer'), value: receipt.payerName }] : []),
    { label: t('receiptDetail.channel'), value: channelLabel(receipt.channel) },
    { label: t('receiptDetail.issuedAt'), value: formatMoment(receipt.issuedAt) },
  ]
  return (
    <>
      {isVoid && (
        <NoticeBar
          className="mh-notice mh-notice-void"
          color="alert"
          wrap
          data-testid={TEST_IDS.receiptVoid}
          content={
            <>
              {receipt.voidedAt
                ? t('receiptDetail.voided', { time: formatMoment(receipt.voidedAt) })
                : t('receipts.void')}
              {receipt.voidReason && (
                <>
                  <br />
                  {t('receiptDetail.voidReason', { reason: receipt.voidReason })}
                </>
              )}
            </>
          }
        />
      )}
      <section className={`mh-card mh-receipt${isVoid ? ' mh-receipt-void' : ''}`}>
        <div className="mh-receipt-head">
          <span className="mh-icon-badge mh-icon-badge-small">
            <ReceiptIcon />
          </span>
          <span className="mh-receipt-head-text">
            <span className="mh-receipt-head-label">{t('receiptDetail.number')}</span>
            <span className="mh-receipt-head-number" data-testid={TEST_IDS.receiptDetailNumber}>
              {receipt.number}
            </span>
          </span>
          {isVoid && <span className="mh-receipt-stamp">{t('receipts.void')}</span>}
        </div>
        <dl className="mh-ticket-facts">
          {facts.map(({ label, value }) => (
            <div key={label} className="mh-ticket-fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <h2 className="mh-subtitle mh-receipt-lines-title">{t('receiptDetail.lines')}</h2>
        <ul className="mh-receipt-lines">
          {receipt.lines.map((line, index) => (
            // Lines have no id; their order is the receipt's own and never changes.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="mh-receipt-line">
              <span className="mh-receipt-line-name">
                <LineName line={line} />
              </span>
              <span className="mh-receipt-line-fen">{formatFen(line.fen)}</span>
            </li>
          ))}
        </ul>
        <div className="mh-receipt-total">
          <span>{t('receiptDetail.total')}</span>
          <strong data-testid={TEST_IDS.receiptDetailTotal} data-fen={receipt.amountFen}>
            {formatFen(receipt.amountFen)}
          </strong>
        </div>
      </section>
      <a
        className="mh-export"
        href={endpoints.myReceiptPdfUrl(receipt.id)}
        target="_blank"
        rel="noopener"
        download={`receipt-${receipt.number}.pdf`}
        data-testid={TEST_IDS.receiptPdf}
      >
        {t('receiptDetail.download')}
      </a>
    </>
  )
}

/** /pay/receipts/:id — a receipt: its lines, total, masked payer, channel and date, and its PDF. */
export function ReceiptPage() {
  const t = useT()
  const { id = '' } = useParams()
  const { state, reload } = useById(id, endpoints.fetchMyReceipt)
  const back = useBack('/pay/receipts')

  return (
    <PageShell title={t('receiptDetail.title')} onBack={back} onRefresh={reload}>
      <LoadStatus
        state={state}
        lines={5}
        errorTestId={TEST_IDS.receiptDetailError}
        errorTitle={t('receiptDetail.errorTitle')}
        onRetry={() => void reload()}
      />
      {state.status === 'ready' && <ReceiptBody receipt={state.value} />}
    </PageShell>
  )
}
