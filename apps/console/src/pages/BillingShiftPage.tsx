import type { Payment } from '@meihao/contracts'
import { Card, Space, Table, type TableColumnsType, Tag } from 'antd'
import { Link, useParams } from 'react-router-dom'
import { getShift, listPayments } from '../api/billing'
import { Money } from '../components/billing/BillingTags'
import { ShiftReport } from '../components/billing/ShiftReport'
import { BackLink, DetailPage } from '../components/DetailPage'
import { ErrorAlert } from '../components/ErrorAlert'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'

/** 班次报表: one shift's totals by channel, payments and voided receipts, with every payment taken in it. */
export function BillingShiftPage() {
  const { t, lang } = useI18n()
  const { id = '' } = useParams()
  const shift = useAsync(() => getShift(id), [id])
  const payments = useAsync(() => listPayments({ shiftId: id, limit: 200 }), [id])

  const columns: TableColumnsType<Payment> = [
    {
      title: t('payment.receivedAt'),
      dataIndex: 'receivedAt',
      render: (_, p) => formatDateTime(lang, p.receivedAt),
    },
    {
      title: t('receipt.number'),
      dataIndex: 'receiptNumber',
      render: (_, p) => <Link to={`/billing/receipts/${p.receiptId}`}>{p.receiptNumber}</Link>,
    },
    { title: t('bill.unit'), dataIndex: 'unitCode' },
    { title: t('counter.channel'), dataIndex: 'channel', render: (_, p) => t(`payChannel.${p.channel}`) },
    {
      title: t('receipt.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (_, p) => <Money fen={p.amountFen} />,
    },
    {
      title: t('payment.prepaid'),
      dataIndex: 'prepaidFen',
      align: 'right',
      render: (_, p) => (p.prepaidFen > 0 ? <Money fen={p.prepaidFen} /> : '—'),
    },
  ]

  const back = shift.data ? `/billing/shifts?community=${shift.data.communityId}` : '/billing/shifts'
  return (
    <DetailPage
      testId="billing-shift-page"
      section={{ to: '/billing/shifts', label: t('menu.billingShifts') }}
      record={shift}
      crumbs={(s) => [
        { title: t('shift.title', { name: s.cashierName, time: formatDateTime(lang, s.openedAt) }) },
      ]}
    >
      {(s) => (
        <>
          <Card
            title={
              <Space wrap>
                <BackLink to={back} />
                {t('shift.title', { name: s.cashierName, time: formatDateTime(lang, s.openedAt) })}
                {s.closedAt ? (
                  <Tag>{t('shift.closed')}</Tag>
                ) : (
                  <Tag color="processing">{t('shift.open')}</Tag>
                )}
              </Space>
            }
          >
            <ShiftReport shift={s} />
          </Card>
          <Card size="small" title={t('shift.paymentList')}>
            <ErrorAlert error={payments.error} onRetry={payments.reload} />
            <Table<Payment>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={payments.data ?? []}
              loading={payments.loading}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('shift.noPayments') }}
              data-testid="shift-payments"
            />
          </Card>
        </>
      )}
    </DetailPage>
  )
}
