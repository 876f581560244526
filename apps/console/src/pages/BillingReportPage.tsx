import type { CollectionReport } from '@meihao/contracts'
import { Card, Empty, Flex, Select, Skeleton, Table, type TableColumnsType, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import type { CollectionMonth } from '../api/billing'
import { getCollectionReport } from '../api/billing'
import { Money } from '../components/billing/BillingTags'
import { monthsOf, ratioBp, recentYears, sumFen } from '../components/billing/billingValues'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { useAsync } from '../hooks/useAsync'
import { formatBp } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'

/** A month of the table: the server's figures, or none for a month it has nothing for. */
type MonthRow = { month: string; figures: CollectionMonth | null }

/** The year's totals: sums of money; 收缴率 of the sums, 清欠率 as of the last month (it is cumulative). */
function yearTotals(report: CollectionReport) {
  const months = report.months
  const billedFen = sumFen(months.map((m) => m.billedFen))
  const collectedFen = sumFen(months.map((m) => m.collectedFen))
  const recoveredFen = sumFen(months.map((m) => m.recoveredFen))
  const last = months.at(-1)
  return {
    billedFen,
    collectedFen,
    collectionBp: ratioBp(collectedFen, billedFen),
    priorArrearsFen: months[0]?.priorArrearsFen ?? 0,
    recoveredFen,
    recoveryBp: last?.recoveryBp ?? null,
  }
}

/**
 * 收缴报表: a community's year by month — billed, collected and 收缴率 for the month's bills; arrears from
 * earlier years, what was recovered of them and 清欠率 (cumulative within the year).
 */
export function BillingReportPage() {
  const { t } = useI18n()
  const { params, communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const years = recentYears()
  const yearParam = Number(params.get('year'))
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : years[0]!
  const report = useAsync(
    () => getCollectionReport(communityId!, year),
    [communityId, year],
    communityId !== null,
  )
  const r = report.data

  const money = (pick: (m: CollectionMonth) => number) => (_: unknown, row: MonthRow) =>
    row.figures ? <Money fen={pick(row.figures)} /> : '—'
  const rate = (pick: (m: CollectionMonth) => number | null) => (_: unknown, row: MonthRow) =>
    row.figures ? formatBp(pick(row.figures)) : '—'
  const columns: TableColumnsType<MonthRow> = [
    { title: t('report.month'), dataIndex: 'month' },
    { title: t('collection.billed'), key: 'billed', align: 'right', render: money((m) => m.billedFen) },
    {
      title: t('collection.collected'),
      key: 'collected',
      align: 'right',
      render: money((m) => m.collectedFen),
    },
    {
      title: t('collection.collectionRate'),
      key: 'collectionBp',
      align: 'right',
      render: rate((m) => m.collectionBp),
    },
    {
      title: t('collection.priorArrears'),
      key: 'prior',
      align: 'right',
      render: money((m) => m.priorArrearsFen),
    },
    {
      title: t('collection.recovered'),
      key: 'recovered',
      align: 'right',
      render: money((m) => m.recoveredFen),
    },
    {
      title: t('collection.recoveryRate'),
      key: 'recoveryBp',
      align: 'right',
      render: rate((m) => m.recoveryBp),
    },
  ]

  const rows: MonthRow[] = r
    ? monthsOf(year).map((month) => ({ month, figures: r.months.find((m) => m.month === month) ?? null }))
    : []
  const total = r ? yearTotals(r) : null
  return (
    <Card title={t('menu.billingReport')} data-testid="billing-report-page">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="collection-community"
          style={{ width: 280 }}
        />
        <Select<number>
          value={year}
          onChange={(value) => update({ year: String(value) })}
          options={years.map((y) => ({ value: y, label: t('collection.year', { year: y }) }))}
          style={{ width: 120 }}
          data-testid="collection-year"
        />
        <Typography.Text type="secondary">{t('collection.hint')}</Typography.Text>
      </Flex>
      {communityId === null ? <Empty description={t('billing.pickCommunity')} /> : null}
      <ErrorAlert error={report.error} onRetry={report.reload} />
      {report.loading && !r ? <Skeleton active /> : null}
      {r && total ? (
        <Table<MonthRow>
          rowKey="month"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="collection-table"
          onRow={(row) => ({ 'data-testid': `collection-row-${row.month}` }) as HTMLAttributes<HTMLElement>}
          summary={() => (
            <Table.Summary.Row data-testid="collection-total">
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('collection.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Money fen={total.billedFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Money fen={total.collectedFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <Typography.Text strong data-testid="collection-total-rate">
                  {formatBp(total.collectionBp)}
                </Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <Money fen={total.priorArrearsFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                <Money fen={total.recoveredFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                <Typography.Text strong>{formatBp(total.recoveryBp)}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      ) : null}
    </Card>
  )
}
