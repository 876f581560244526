import { ReloadOutlined } from '@ant-design/icons'
import type { CashierShift } from '@meihao/contracts'
import { Button, Card, Empty, Flex, Table, type TableColumnsType, Tag } from 'antd'
import type { HTMLAttributes } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { listShifts } from '../api/billing'
import { Money } from '../components/billing/BillingTags'
import { totalsByChannel } from '../components/billing/ShiftReport'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime, formatFen } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'

/** 班次: a community's cashier shifts, newest first, each with its totals; a row opens the shift's report. */
export function BillingShiftsPage() {
  const { t, lang } = useI18n()
  const navigate = useNavigate()
  const { communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const shifts = useAsync(() => listShifts(communityId!), [communityId], communityId !== null)

  const columns: TableColumnsType<CashierShift> = [
    {
      title: t('shift.openedAt'),
      dataIndex: 'openedAt',
      render: (_, s) => (
        <Link to={`/billing/shifts/${s.id}`} onClick={(e) => e.stopPropagation()} data-testid="shift-link">
          {formatDateTime(lang, s.openedAt)}
        </Link>
      ),
    },
    {
      title: t('shift.closedAt'),
      dataIndex: 'closedAt',
      render: (_, s) =>
        s.closedAt ? formatDateTime(lang, s.closedAt) : <Tag color="processing">{t('shift.open')}</Tag>,
    },
    { title: t('shift.cashier'), dataIndex: 'cashierName' },
    { title: t('shift.payments'), dataIndex: 'payments', align: 'right' },
    { title: t('shift.voided'), dataIndex: 'voided', align: 'right' },
    {
      title: t('shift.byChannel'),
      key: 'byChannel',
      render: (_, s) => (
        <Flex gap={4} wrap>
          {totalsByChannel(s)
            .filter((x) => x.count > 0)
            .map((x) => (
              <Tag key={x.channel}>
                {t('shift.channelTotal', { channel: t(`payChannel.${x.channel}`), amount: formatFen(x.fen) })}
              </Tag>
            ))}
        </Flex>
      ),
    },
    {
      title: t('shift.total'),
      dataIndex: 'totalFen',
      align: 'right',
      render: (_, s) => <Money fen={s.totalFen} strong />,
    },
  ]

  return (
    <Card
      title={t('menu.billingShifts')}
      data-testid="billing-shifts-page"
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={shifts.reload}
          disabled={!communityId}
          data-testid="shifts-refresh"
        >
          {t('desk.refresh')}
        </Button>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="shifts-filter-community"
          style={{ width: 280 }}
        />
      </Flex>
      {communityId === null ? <Empty description={t('billing.pickCommunity')} /> : null}
      <ErrorAlert error={shifts.error} onRetry={shifts.reload} />
      {communityId ? (
        <Table<CashierShift>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={shifts.data ?? []}
          loading={shifts.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('shift.empty') }}
          data-testid="shifts-table"
          onRow={(s) =>
            ({
              'data-testid': 'shift-row',
              'data-shift-id': s.id,
              style: { cursor: 'pointer' },
              onClick: () => navigate(`/billing/shifts/${s.id}`),
            }) as HTMLAttributes<HTMLElement>
          }
        />
      ) : null}
    </Card>
  )
}
