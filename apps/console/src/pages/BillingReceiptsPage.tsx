import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons'
import type { Receipt } from '@meihao/contracts'
import { Button, Card, Empty, Flex, Space, Table, type TableColumnsType, Typography } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { listReceipts, RECEIPT_LIST_LIMIT } from '../api/billing'
import { Money, ReceiptStatusTag } from '../components/billing/BillingTags'
import { printReceipt } from '../components/billing/openInNewTab'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { VoidReceiptModal } from '../components/billing/VoidReceiptModal'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { UnitSearchSelect } from '../components/tickets/UnitSearchSelect'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

/** 收据: the receipts of a community (or one unit), newest first; print, or void one issued by mistake. */
export function BillingReceiptsPage() {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const navigate = useNavigate()
  const { communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const [unitId, setUnitId] = useState<string | null>(null)
  const receipts = useAsync(
    () => listReceipts({ communityId, unitId }),
    [communityId, unitId],
    communityId !== null,
  )
  const [voiding, setVoiding] = useState<Receipt | null>(null)
  const mayVoid = can('billing.collect')

  const columns: TableColumnsType<Receipt> = [
    {
      title: t('receipt.number'),
      dataIndex: 'number',
      render: (_, r) => (
        <Link
          to={`/billing/receipts/${r.id}`}
          onClick={(e) => e.stopPropagation()}
          data-testid="receipt-link"
        >
          {r.number}
        </Link>
      ),
    },
    { title: t('bill.unit'), dataIndex: 'unitCode' },
    { title: t('receipt.payer'), dataIndex: 'payerName', render: (_, r) => r.payerName ?? '—' },
    { title: t('counter.channel'), dataIndex: 'channel', render: (_, r) => t(`payChannel.${r.channel}`) },
    {
      title: t('receipt.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (_, r) => <Money fen={r.amountFen} />,
    },
    {
      title: t('receipt.status'),
      dataIndex: 'status',
      render: (_, r) => <ReceiptStatusTag status={r.status} />,
    },
    {
      title: t('receipt.issuedAt'),
      dataIndex: 'issuedAt',
      render: (_, r) => formatDateTime(lang, r.issuedAt),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<PrinterOutlined />}
            onClick={(e) => {
              e.stopPropagation()
              printReceipt(r.id)
            }}
            data-testid="receipt-print"
          >
            {t('receipt.print')}
          </Button>
          {mayVoid && r.status === 'issued' ? (
            <Button
              type="link"
              size="small"
              danger
              onClick={(e) => {
                e.stopPropagation()
                setVoiding(r)
              }}
              data-testid="receipt-void"
            >
              {t('receipt.void')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ]

  const rows = receipts.data ?? []
  return (
    <Card
      title={t('menu.billingReceipts')}
      data-testid="billing-receipts-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={receipts.reload} data-testid="receipts-refresh">
          {t('desk.refresh')}
        </Button>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => {
            setUnitId(null)
            update({ community: id })
          }}
          testId="receipts-filter-community"
          style={{ width: 240 }}
        />
        <div style={{ width: 280 }}>
          <UnitSearchSelect
            communityId={communityId}
            value={unitId}
            onChange={(unit) => setUnitId(unit?.id ?? null)}
            testId="receipts-filter-unit"
          />
        </div>
        {rows.length >= RECEIPT_LIST_LIMIT ? (
          <Typography.Text type="secondary">
            {t('receipt.limitHint', { limit: RECEIPT_LIST_LIMIT })}
          </Typography.Text>
        ) : null}
      </Flex>
      {communityId === null ? <Empty description={t('billing.pickCommunity')} /> : null}
      <ErrorAlert error={receipts.error} onRetry={receipts.reload} />
      {communityId ? (
        <Table<Receipt>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={receipts.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('receipt.empty') }}
          data-testid="receipts-table"
          onRow={(r) =>
            ({
              'data-testid': `receipt-row-${r.number}`,
              'data-status': r.status,
              style: { cursor: 'pointer' },
              onClick: () => navigate(`/billing/receipts/${r.id}`),
            }) as HTMLAttributes<HTMLElement>
          }
        />
      ) : null}
      <VoidReceiptModal
        receipt={voiding}
        onClose={() => setVoiding(null)}
        onVoided={(voided) => {
          setVoiding(null)
          receipts.setData((previous) => previous?.map((r) => (r.id === voided.id ? voided : r)))
        }}
      />
    </Card>
  )
}
