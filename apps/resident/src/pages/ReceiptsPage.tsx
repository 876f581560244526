import { Tag } from 'antd-mobile'
import { useNavigate } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { BillingReceipt } from '../api/types'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useRetry } from '../hooks/useRetry'
import { useT } from '../i18n'
import { useMe } from '../session'
import { TEST_IDS } from '../testids'
import { channelLabel, formatFen, formatMoment } from './pay/format'
import { useLoaded } from './pay/useLoaded'

/** The server keeps no cursor for receipts: the latest this many are shown. */
const RECEIPTS_SHOWN = 100

const loadReceipts = () => endpoints.fetchMyReceipts(RECEIPTS_SHOWN)

function ReceiptRow({ receipt }: { receipt: BillingReceipt }) {
  const t = useT()
  const navigate = useNavigate()
  const isVoid = receipt.status === 'void'
  return (
    <li data-testid={TEST_IDS.receiptRow} data-receipt-id={receipt.id} data-status={receipt.status}>
      <button
        type="button"
        className={`mh-row-card mh-receipt-row${isVoid ? ' mh-receipt-row-void' : ''}`}
        onClick={() => navigate(`/pay/receipts/${encodeURIComponent(receipt.id)}`)}
      >
        <span className="mh-receipt-row-head">
          <span className="mh-receipt-number">{receipt.number}</span>
          {isVoid && (
            <Tag color="default" round>
              {t('receipts.void')}
            </Tag>
          )}
          <span className="mh-receipt-row-fen">{formatFen(receipt.amountFen)}</span>
        </span>
        <span className="mh-receipt-row-foot">
          <span>
            {channelLabel(receipt.channel)} · {receipt.unitCode}
          </span>
          <span>{formatMoment(receipt.issuedAt)}</span>
        </span>
      </button>
    </li>
  )
}

/** /pay/receipts — 缴费记录: my receipts, newest first, each opening its detail. */
export function ReceiptsPage() {
  const t = useT()
  const contextId = useMe().context.id
  const { state, reload } = useLoaded(loadReceipts, contextId)
  const { retrying, retry } = useRetry(reload)
  const back = useBack('/pay')

  return (
    <PageShell title={t('receipts.title')} onBack={back} onRefresh={reload}>
      <LoadStatus
        state={state}
        lines={2}
        errorTestId={TEST_IDS.receiptsError}
        errorTitle={t('receipts.errorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
      {state.status === 'ready' && state.value.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.receiptsEmpty}
          title={t('receipts.emptyTitle')}
          description={t('receipts.emptyDescription')}
        />
      )}
      {state.status === 'ready' && state.value.length > 0 && (
        <>
          <ul className="mh-receipt-rows" data-testid={TEST_IDS.receiptsList}>
            {state.value.map((receipt) => (
              <ReceiptRow key={receipt.id} receipt={receipt} />
            ))}
          </ul>
          {state.value.length >= RECEIPTS_SHOWN && (
            <p className="mh-list-note">{t('receipts.recent', { count: RECEIPTS_SHOWN })}</p>
          )}
        </>
      )}
    </PageShell>
  )
}
