import type { ReportRow, Timeliness } from '@meihao/contracts'
import {
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Progress,
  Row,
  Skeleton,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
  theme,
} from 'antd'
import { useSearchParams } from 'react-router-dom'
import { getTicketReport } from '../api/tickets'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { averageText, barPercent, permilleOf, permilleText } from '../components/tickets/reportMath'
import { formatDuration } from '../components/tickets/ticketValues'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

type GroupRow = ReportRow & { key: string; label: string }

/** 服务报表: one community's month — volume, timeliness of the three clocks, satisfaction, reopenings. */
export function TicketReportPage() {
  const { t, lang } = useI18n()
  const { token } = theme.useToken()
  const [params, setParams] = useSearchParams()
  const communityId = params.get('community')
  const monthParam = params.get('month')
  // Without a month in the address the server answers for the community's current month, in its time
  // zone rather than this computer's.
  const asked = monthParam && MONTH.test(monthParam) ? monthParam : undefined
  const report = useAsync(
    () => getTicketReport(communityId!, asked),
    [communityId, asked],
    communityId !== null,
  )
  const r = report.data
  const month = asked ?? r?.month ?? ''

  const update = (key: string, value: string | null) => {
    const merged = new URLSearchParams(params)
    if (value) merged.set(key, value)
    else merged.delete(key)
    setParams(merged, { replace: true })
  }

  const minutes = (value: number | null) => (value === null ? '—' : formatDuration(t, value))
  const timeliness = (name: 'response' | 'arrival' | 'resolution', value: Timeliness) => (
    <Card size="small" data-testid={`report-timeliness-${name}`}>
      <Statistic
        title={t('report.timeliness', { clock: t(`slaClock.${name}`) })}
        value={permilleText(value.ratePermille)}
      />
      <Progress
        percent={barPercent(value.ratePermille)}
        showInfo={false}
        strokeColor={
          value.ratePermille === null
            ? token.colorTextQuaternary
            : value.ratePermille >= 900
              ? token.colorSuccess
              : value.ratePermille >= 750
                ? token.colorWarning
                : token.colorError
        }
      />
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {t('report.timelinessDetail', {
          onTime: value.onTime,
          measured: value.measured,
          avg: minutes(value.avgMinutes),
          p90: minutes(value.p90Minutes),
        })}
      </Typography.Text>
    </Card>
  )

  const maxCreated = r
    ? Math.max(1, ...r.byKind.map((k) => k.created), ...r.byCategory.map((c) => c.created))
    : 1
  const columns: TableColumnsType<GroupRow> = [
    { title: t('report.group'), dataIndex: 'label', fixed: 'left' },
    {
      title: t('report.created'),
      dataIndex: 'created',
      align: 'right',
      render: (_, row) => (
        <Flex align="center" gap={8} justify="flex-end">
          <Progress
            percent={Math.floor((row.created * 100) / maxCreated)}
            showInfo={false}
            size="small"
            style={{ width: 80, margin: 0 }}
          />
          <span style={{ minWidth: 32, fontVariantNumeric: 'tabular-nums' }}>{row.created}</span>
        </Flex>
      ),
    },
    { title: t('report.closed'), dataIndex: 'closed', align: 'right' },
    { title: t('report.cancelled'), dataIndex: 'cancelled', align: 'right' },
    ...(['response', 'arrival', 'resolution'] as const).map((clock) => ({
      title: t('report.timeliness', { clock: t(`slaClock.${clock}`) }),
      key: clock,
      align: 'right' as const,
      render: (_: unknown, row: GroupRow) => permilleText(row[clock].ratePermille),
    })),
    {
      title: t('report.satisfaction'),
      key: 'satisfaction',
      align: 'right',
      render: (_, row) => permilleText(permilleOf(row.satisfied, row.ratings)),
    },
    {
      title: t('report.averageRating'),
      key: 'average',
      align: 'right',
      render: (_, row) => averageText(row.ratingSum, row.ratings),
    },
    { title: t('report.reopened'), dataIndex: 'reopened', align: 'right' },
  ]

  const total = r?.total
  return (
    <Card title={t('menu.ticketReport')} data-testid="ticket-report-page">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update('community', id)}
          testId="report-community"
          style={{ width: 280 }}
        />
        <Input
          type="month"
          value={month}
          onChange={(e) => update('month', MONTH.test(e.target.value) ? e.target.value : null)}
          style={{ width: 180 }}
          aria-label={t('report.month')}
          data-testid="report-month"
        />
        {r?.computedAt ? (
          <Typography.Text type="secondary">
            {t('report.computedAt', { time: formatDateTime(lang, r.computedAt) })}
          </Typography.Text>
        ) : null}
      </Flex>
      {communityId === null ? <Empty description={t('report.pickCommunity')} /> : null}
      <ErrorAlert error={report.error} onRetry={report.reload} />
      {report.loading && !r ? <Skeleton active /> : null}
      {r && total ? (
        <Flex vertical gap={16} data-testid="report-body">
          <Row gutter={[12, 12]}>
            {[
              { key: 'created', title: t('report.created'), value: total.created },
              { key: 'closed', title: t('report.closed'), value: total.closed },
              {
                key: 'satisfaction',
                title: t('report.satisfaction'),
                value: permilleText(permilleOf(total.satisfied, total.ratings)),
                note: t('report.satisfactionDetail', { satisfied: total.satisfied, ratings: total.ratings }),
              },
              {
                key: 'rating',
                title: t('report.averageRating'),
                value: averageText(total.ratingSum, total.ratings),
                note: t('report.ratingsCount', { ratings: total.ratings }),
              },
              {
                key: 'reopen',
                title: t('report.reopenRate'),
                value: permilleText(permilleOf(total.reopened, total.closed)),
                note: t('report.reopenDetail', { reopened: total.reopened, closed: total.closed }),
              },
              {
                key: 'complaints',
                title: t('report.complaintsPerThousand'),
                value: r.complaintsPerThousand,
                note: t('report.households', { households: r.households }),
              },
            ].map((card) => (
              <Col key={card.key} xs={12} md={8} xl={4}>
                <Card size="small" data-testid={`report-card-${card.key}`}>
                  <Statistic title={card.title} value={card.value} />
                  {card.note ? (
                    <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                      {card.note}
                    </Typography.Text>
                  ) : null}
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              {timeliness('response', total.response)}
            </Col>
            <Col xs={24} md={8}>
              {timeliness('arrival', total.arrival)}
            </Col>
            <Col xs={24} md={8}>
              {timeliness('resolution', total.resolution)}
            </Col>
          </Row>
          <Card size="small" title={t('report.byKind')}>
            <Table<GroupRow>
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={columns}
              data-testid="report-by-kind"
              dataSource={r.byKind.map((k) => ({ ...k, key: k.kind, label: t(`ticketKind.${k.kind}`) }))}
              locale={{ emptyText: t('common.none') }}
            />
          </Card>
          <Card size="small" title={t('report.byCategory')}>
            <Table<GroupRow>
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={columns}
              data-testid="report-by-category"
              dataSource={r.byCategory.map((c) => ({ ...c, key: c.categoryId, label: c.categoryName }))}
              locale={{ emptyText: t('common.none') }}
            />
          </Card>
        </Flex>
      ) : null}
    </Card>
  )
}
