import { Tag } from 'antd-mobile'
import type { BallotReceipt } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatDateTime } from './format'
import { HashText } from './HashText'
import { ReceiptVerify } from './ReceiptVerify'

function ReceiptBody({ receipt }: { receipt: BallotReceipt }) {
  const t = useT()
  return (
    <>
      <p className="mh-receipt-meta">
        {t('receipt.meta', {
          seq: receipt.seq,
          time: formatDateTime(receipt.castAt),
          channel: t(`receipt.channel.${receipt.channel}`),
        })}
      </p>
      <HashText value={receipt.hash} label={t('receipt.hash')} testId={TEST_IDS.receiptHash} />
      <ReceiptVerify decisionId={receipt.decisionId} hash={receipt.hash} />
    </>
  )
}

/** The receipt of the ballot just cast: what to keep, and the button to check it. */
export function ReceiptCard({ receipt }: { receipt: BallotReceipt }) {
  const t = useT()
  return (
    <section
      className="mh-card mh-receipt mh-receipt-new"
      aria-labelledby="mh-receipt-title"
      data-testid={TEST_IDS.voteReceipt}
    >
      <h2 id="mh-receipt-title" className="mh-section-title">
        <span className="mh-ok">✓</span> {t('receipt.title')}
      </h2>
      <p className="mh-muted">{t('receipt.intro')}</p>
      <ReceiptBody receipt={receipt} />
    </section>
  )
}

/** Every ballot counted for me (mine online, or on paper / by proxy), oldest first; the last one counts. */
export function ReceiptList({ receipts, exclude }: { receipts: BallotReceipt[]; exclude?: string }) {
  const t = useT()
  const shown = receipts.filter((r) => r.hash !== exclude)
  if (shown.length === 0) return null
  const latest = receipts.at(-1)?.hash
  return (
    <section className="mh-card mh-receipt" aria-labelledby="mh-receipts-title">
      <h2 id="mh-receipts-title" className="mh-section-title">
        {t('receipt.history')}
      </h2>
      <p className="mh-muted">{t('receipt.historyHint')}</p>
      <ul className="mh-receipts">
        {shown.map((receipt) => (
          <li
            key={receipt.hash}
            className="mh-receipt-item"
            data-testid={TEST_IDS.myReceiptItem}
            data-seq={receipt.seq}
          >
            {receipt.hash === latest && (
              <Tag color="success" fill="outline" round className="mh-receipt-latest">
                {t('receipt.latest')}
              </Tag>
            )}
            <ReceiptBody receipt={receipt} />
          </li>
        ))}
      </ul>
    </section>
  )
}
