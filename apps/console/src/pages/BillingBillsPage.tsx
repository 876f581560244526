import { ReloadOutlined } from '@ant-design/icons'
import { BILL_STATUSES, type Bill } from '@meihao/contracts'
import { Button, Card, Flex, Input, Select, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { type BillQuery, type BillStatus, listBills } from '../api/billing'
import { BillStatusTag, Money } from '../components/billing/BillingTags'
import { isMonth } from '../components/billing/billingValues'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { LoadMore } from '../components/LoadMore'
import { UnitSearchSelect } from '../components/tickets/UnitSearchSelect'
import { useCursorList } from '../hooks/useCursorList'
import { useI18n } from '../i18n/I18nProvider'

const isStatus = (v: string | null): v is BillStatus =>
  v !== null && (BILL_STATUSES as readonly string[]).includes(v)

/** The period a bill covers: one month, or first ~ last. */
export const billPeriod = (b: Pick<Bill, 'periodStart' | 'periodEnd'>) =>
  b.periodStart === b.periodEnd ? b.periodStart : `${b.periodStart} ~ ${b.periodEnd}`

/** 账单: every bill in scope, newest period first, by community, period, status and unit; more on demand. */
export function BillingBillsPage() {
  const { t } = useI18n()
  const { params, communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const periodParam = params.get('period')
  const period = isMonth(periodParam) ? periodParam : null
  const statusParam = params.get('status')
  const status = isStatus(statusParam) ? statusParam : null
  const unitId = params.get('unit')
  // The unit's label while it stays chosen (the address keeps only its id).
  const [unitLabel, setUnitLabel] = useState<string | null>(null)

  const query: BillQuery = { communityId, period, status, unitId }
  const key = JSON.stringify(query)
  const bills = useCursorList((cursor) => listBills({ ...query, cursor }), [key])

  const columns: TableColumnsType<Bill> = [
    { title: t('bill.unit'), dataIndex: 'unitCode' },
    { title: t('bill.item'), dataIndex: 'feeItemName' },
    { title: t('bill.period'), key: 'period', render: (_, b) => billPeriod(b) },
    { title: t('bill.payer'), dataIndex: 'payer', render: (_, b) => t(`payer.${b.payer}`) },
    {
      title: t('bill.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (_, b) => <Money fen={b.amountFen} />,
    },
    {
      title: t('bill.paid'),
      dataIndex: 'paidFen',
      align: 'right',
      render: (_, b) => <Money fen={b.paidFen} />,
    },
    {
      title: t('bill.open'),
      dataIndex: 'openFen',
      align: 'right',
      render: (_, b) => <Money fen={b.openFen} strong />,
    },
    { title: t('bill.status'), dataIndex: 'status', render: (_, b) => <BillStatusTag status={b.status} /> },
    { title: t('bill.dueOn'), dataIndex: 'dueOn' },
    {
      title: t('bill.basis'),
      dataIndex: 'basis',
      render: (_, b) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: b.basis }} style={{ maxWidth: 260 }}>
          {b.basis}
        </Typography.Text>
      ),
    },
  ]

  return (
    <Card
      title={t('menu.billingBills')}
      data-testid="billing-bills-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={bills.reload} data-testid="bills-refresh">
          {t('desk.refresh')}
        </Button>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id, unit: null })}
          testId="bills-filter-community"
          style={{ width: 240 }}
        />
        <Input
          type="month"
          value={period ?? ''}
          onChange={(e) => update({ period: isMonth(e.target.value) ? e.target.value : null })}
          style={{ width: 170 }}
          aria-label={t('bill.period')}
          data-testid="bills-filter-period"
        />
        <Select<BillStatus>
          allowClear
          value={status ?? undefined}
          onChange={(value?: BillStatus) => update({ status: value ?? null })}
          placeholder={t('bill.allStatuses')}
          options={BILL_STATUSES.map((s) => ({ value: s, label: t(`billStatus.${s}`) }))}
          style={{ width: 140 }}
          data-testid="bills-filter-status"
        />
        <div style={{ width: 280 }}>
          <UnitSearchSelect
            communityId={communityId}
            value={unitId && unitLabel ? unitId : null}
            onChange={(unit) => {
              setUnitLabel(unit ? unit.code : null)
              update({ unit: unit?.id ?? null })
            }}
            testId="bills-filter-unit"
          />
        </div>
        {unitId && !unitLabel ? (
          <Tag closable onClose={() => update({ unit: null })} data-testid="bills-filter-unit-tag">
            {t('bill.unitFiltered', { unit: bills.items[0]?.unitCode ?? '…' })}
          </Tag>
        ) : null}
      </Flex>
      <ErrorAlert error={bills.error} onRetry={bills.reload} />
      <Table<Bill>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={bills.items}
        loading={bills.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('bill.empty') }}
        data-testid="bills-table"
        onRow={(b) =>
          ({
            'data-testid': 'bill-row',
            'data-bill-id': b.id,
            'data-status': b.status,
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <LoadMore
        hasMore={bills.hasMore}
        loading={bills.loadingMore}
        onClick={bills.loadMore}
        testId="bills-load-more"
      />
    </Card>
  )
}
