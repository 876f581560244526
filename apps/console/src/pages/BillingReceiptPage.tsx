import { EyeOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons'
import type { Receipt } from '@meihao/contracts'
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd'
import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { getReceipt, receiptPdfUrl } from '../api/billing'
import { Money, ReceiptStatusTag } from '../components/billing/BillingTags'
import { printReceipt } from '../components/billing/openInNewTab'
import { VoidReceiptModal } from '../components/billing/VoidReceiptModal'
import { BackLink, DetailPage } from '../components/DetailPage'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

type ReceiptLine = Receipt['lines'][number]

const linePeriod = (l: ReceiptLine) =>
  !l.periodStart
    ? '—'
    : l.periodStart === l.periodEnd || !l.periodEnd
      ? l.periodStart
      : `${l.periodStart} ~ ${l.periodEnd}`

/** One receipt: what was paid for, how, by whom (masked); print it, or void it with a reason. */
export function BillingReceiptPage() {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const { id = '' } = useParams()
  const receipt = useAsync(() => getReceipt(id), [id])
  const [voiding, setVoiding] = useState<Receipt | null>(null)
  const [preview, setPreview] = useState(false)

  const columns: TableColumnsType<ReceiptLine> = [
    { title: t('receipt.lineKind'), dataIndex: 'kind', render: (_, l) => t(`receiptLine.${l.kind}`) },
    { title: t('bill.item'), dataIndex: 'feeItemName' },
    { title: t('bill.period'), key: 'period', render: (_, l) => linePeriod(l) },
    { title: t('receipt.amount'), dataIndex: 'fen', align: 'right', render: (_, l) => <Money fen={l.fen} /> },
  ]

  const back = receipt.data ? `/billing/receipts?community=${receipt.data.communityId}` : '/billing/receipts'
  return (
    <DetailPage
      testId="billing-receipt-page"
      section={{ to: '/billing/receipts', label: t('menu.billingReceipts') }}
      record={receipt}
      crumbs={(r) => [{ title: <Link to={back}>{r.communityName}</Link> }, { title: r.number }]}
    >
      {(r) => (
        <Card
          title={
            <Space wrap>
              <BackLink to={back} />
              <span data-testid="billing-receipt-number">{r.number}</span>
              <ReceiptStatusTag status={r.status} />
            </Space>
          }
          extra={
            <Space wrap>
              <Button
                icon={<EyeOutlined />}
                onClick={() => setPreview((p) => !p)}
                data-testid="receipt-preview"
              >
                {preview ? t('receipt.hidePreview') : t('receipt.preview')}
              </Button>
              <Button
                type="primary"
                icon={<PrinterOutlined />}
                onClick={() => printReceipt(r.id)}
                data-testid="billing-receipt-print"
              >
                {t('receipt.print')}
              </Button>
              {can('billing.collect') && r.status === 'issued' ? (
                <Button
                  danger
                  icon={<StopOutlined />}
                  onClick={() => setVoiding(r)}
                  data-testid="receipt-void"
                >
                  {t('receipt.void')}
                </Button>
              ) : null}
            </Space>
          }
        >
          <Flex vertical gap={16}>
            {r.status === 'void' ? (
              <Alert
                type="warning"
                showIcon
                title={t('receipt.voidedAt', { time: formatDateTime(lang, r.voidedAt) })}
                description={r.voidReason ? t('receipt.voidReasonText', { reason: r.voidReason }) : undefined}
                data-testid="receipt-void-info"
              />
            ) : null}
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('unit.community')}>{r.communityName}</Descriptions.Item>
              <Descriptions.Item label={t('bill.unit')}>{r.unitCode}</Descriptions.Item>
              <Descriptions.Item label={t('receipt.payer')}>{r.payerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('counter.channel')}>
                {t(`payChannel.${r.channel}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('receipt.amount')}>
                <Money fen={r.amountFen} strong testId="receipt-amount" />
              </Descriptions.Item>
              <Descriptions.Item label={t('receipt.issuedAt')}>
                {formatDateTime(lang, r.issuedAt)}
              </Descriptions.Item>
            </Descriptions>
            <Table<ReceiptLine>
              rowKey={(l) => `${l.kind}-${l.feeItemName}-${l.periodStart ?? ''}`}
              size="small"
              columns={columns}
              dataSource={r.lines}
              pagination={false}
              data-testid="receipt-lines"
            />
            {preview ? (
              <iframe
                title={t('receipt.previewTitle', { number: r.number })}
                src={receiptPdfUrl(r.id)}
                style={{ width: '100%', height: 640, border: 'none' }}
                data-testid="receipt-pdf"
              />
            ) : null}
            <Typography.Text type="secondary">{t('receipt.printHint')}</Typography.Text>
          </Flex>
          <VoidReceiptModal
            receipt={voiding}
            onClose={() => setVoiding(null)}
            onVoided={(voided) => {
              setVoiding(null)
              receipt.setData(() => voided)
            }}
          />
        </Card>
      )}
    </DetailPage>
  )
}
