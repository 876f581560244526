import type { BillingRun, PaymentChannel, Receipt } from '@meihao/contracts'
import { Tag } from 'antd'
import type { BillStatus, RefundStatus } from '../../api/billing'
import { formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'

const BILL_COLOR: Record<BillStatus, string> = { open: 'orange', paid: 'green', void: 'default' }
const RUN_COLOR: Record<BillingRun['status'], string> = {
  running: 'processing',
  completed: 'green',
  failed: 'red',
}
const REFUND_COLOR: Record<RefundStatus, string> = { requested: 'gold', approved: 'green', rejected: 'red' }
const RECEIPT_COLOR: Record<Receipt['status'], string> = { issued: 'blue', void: 'default' }

export function BillStatusTag({ status }: { status: BillStatus }) {
  const { t } = useI18n()
  return (
    <Tag color={BILL_COLOR[status]} data-testid="bill-status" data-status={status}>
      {t(`billStatus.${status}`)}
    </Tag>
  )
}

export function RunStatusTag({ status }: { status: BillingRun['status'] }) {
  const { t } = useI18n()
  return (
    <Tag color={RUN_COLOR[status]} data-testid="run-status" data-status={status}>
      {t(`runStatus.${status}`)}
    </Tag>
  )
}

export function RefundStatusTag({ status }: { status: RefundStatus }) {
  const { t } = useI18n()
  return (
    <Tag color={REFUND_COLOR[status]} data-testid="refund-status" data-status={status}>
      {t(`refundStatus.${status}`)}
    </Tag>
  )
}

export function ReceiptStatusTag({ status }: { status: Receipt['status'] }) {
  const { t } = useI18n()
  return (
    <Tag color={RECEIPT_COLOR[status]} data-testid="receipt-status" data-status={status}>
      {t(`receiptStatus.${status}`)}
    </Tag>
  )
}

export function ChannelText({ channel }: { channel: PaymentChannel }) {
  const { t } = useI18n()
  return <span data-channel={channel}>{t(`payChannel.${channel}`)}</span>
}

/** An amount of fen, right-aligned figures. */
export function Money({
  fen,
  testId,
  strong,
}: {
  fen: number | null | undefined
  testId?: string
  strong?: boolean
}) {
  return (
    <span
      data-testid={testId}
      data-fen={fen ?? undefined}
      style={{
        fontVariantNumeric: 'tabular-nums',
        fontWeight: strong ? 600 : undefined,
        whiteSpace: 'nowrap',
      }}
    >
      {formatFen(fen)}
    </span>
  )
}
