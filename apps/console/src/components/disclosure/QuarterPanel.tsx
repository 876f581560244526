import { CalculatorOutlined, LockOutlined } from '@ant-design/icons'
import type { QuarterPreview } from '@meihao/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { Link } from 'react-router-dom'
import { closeQuarter, previewQuarter, type RevenueQuarter } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { formatFen, yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { Money } from '../billing/BillingTags'
import { today } from '../billing/billingValues'
import { ErrorAlert } from '../ErrorAlert'
import { useIdempotencyKey } from '../tickets/idempotency'
import { AllocationText } from './CityRuleText'
import { fenToYuanText, quarterBefore, recentQuarters } from './disclosureValues'

/** The figures of a quarter: income by source, costs, net, and the least the city's rule sends to the fund. */
function PreviewFigures({ preview }: { preview: QuarterPreview }) {
  const { t } = useI18n()
  return (
    <Flex
      vertical
      gap={12}
      data-testid="quarter-preview-result"
      data-quarter={preview.quarter}
      data-closed={preview.closed}
    >
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('revenue.income')}
            value={formatFen(preview.incomeFen)}
            data-testid="quarter-income"
            data-fen={preview.incomeFen}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('revenue.cost')}
            value={formatFen(preview.costFen)}
            data-testid="quarter-cost"
            data-fen={preview.costFen}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('revenue.net')}
            value={formatFen(preview.netFen)}
            data-testid="quarter-net"
            data-fen={preview.netFen}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('quarter.minToFund')}
            value={formatFen(preview.minToFundFen)}
            data-testid="quarter-min-to-fund"
            data-fen={preview.minToFundFen}
          />
        </Col>
      </Row>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('quarter.range')}>{`${preview.from} ~ ${preview.to}`}</Descriptions.Item>
        <Descriptions.Item label={t('quarter.rule')}>
          <AllocationText rule={preview.rule} />
        </Descriptions.Item>
        <Descriptions.Item label={t('quarter.available')}>{formatFen(preview.balanceFen)}</Descriptions.Item>
        <Descriptions.Item label={t('quarter.fundBalance')}>
          {t('quarter.fundOfFirst', {
            balance: formatFen(preview.fundBalanceFen),
            first: formatFen(preview.fundFirstDepositsFen),
          })}
        </Descriptions.Item>
        {preview.bySource.map((s) => (
          <Descriptions.Item key={s.source} label={t(`revenueSource.${s.source}`)}>
            {formatFen(s.fen)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Flex>
  )
}

/** Closed and open quarters of the ledger, each closed one with its published statement. */
function QuartersTable({ quarters }: { quarters: RevenueQuarter[] }) {
  const { t } = useI18n()
  return (
    <Table<RevenueQuarter>
      rowKey="quarter"
      size="small"
      dataSource={quarters}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('quarter.none') }}
      data-testid="revenue-quarters"
      onRow={(q) =>
        ({
          'data-testid': `revenue-quarter-${q.quarter}`,
          'data-closed': q.closed,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        { title: t('quarter.quarter'), dataIndex: 'quarter' },
        {
          title: t('revenue.income'),
          dataIndex: 'incomeFen',
          align: 'right',
          render: (_, q) => <Money fen={q.incomeFen} />,
        },
        {
          title: t('revenue.cost'),
          dataIndex: 'costFen',
          align: 'right',
          render: (_, q) => <Money fen={q.costFen} />,
        },
        {
          title: t('revenue.net'),
          dataIndex: 'netFen',
          align: 'right',
          render: (_, q) => <Money fen={q.netFen} />,
        },
        {
          title: t('revenue.toFund'),
          dataIndex: 'toFundFen',
          align: 'right',
          render: (_, q) => <Money fen={q.toFundFen} />,
        },
        {
          title: t('quarter.state'),
          dataIndex: 'closed',
          render: (_, q) =>
            q.closed ? <Tag color="green">{t('quarter.closed')}</Tag> : <Tag>{t('quarter.open')}</Tag>,
        },
        {
          title: t('quarter.statement'),
          dataIndex: 'disclosureId',
          render: (_, q) =>
            q.disclosureId ? (
              <Link to={`/disclosure/items/${q.disclosureId}`}>{t('quarter.viewStatement')}</Link>
            ) : (
              '—'
            ),
        },
      ]}
    />
  )
}

/**
 * 季度结账: pick a quarter, see its figures and the least share the city's rule sends to the maintenance
 * fund, then close it — the share moves to every unit's sub-account and the quarterly statement is
 * published. A quarter can be closed once it has ended, and only once.
 */
export function QuarterPanel({
  communityId,
  revision,
  quarters,
  finance,
  onClosed,
}: {
  communityId: string
  /** Changes when an entry is written on the page: the preview is asked again. */
  revision: number
  quarters: RevenueQuarter[]
  finance: boolean
  onClosed: (preview: QuarterPreview) => void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const now = new Date()
  const [quarter, setQuarter] = useState(() => quarterBefore(new Date(), 1))
  const [toFund, setToFund] = useState('')
  const preview = useAsync(() => previewQuarter(communityId, quarter), [communityId, quarter, revision])
  const closing = useAction()
  const idempotency = useIdempotencyKey()
  const p = preview.data
  const ended = p ? p.to < today() : false
  const toFundFen = toFund.trim() ? yuanToFen(toFund) : null
  const toFundInvalid =
    toFund.trim() !== '' && (toFundFen === null || (p !== undefined && toFundFen < p.minToFundFen))

  const options = [...new Set([...recentQuarters(now, 8), ...quarters.map((q) => q.quarter)])]
    .sort()
    .reverse()
    .map((q) => ({ value: q, label: <span data-testid={`quarter-option-${q}`}>{q}</span> }))

  const close = () =>
    closing.run(async () => {
      const input = { communityId, quarter, toFundFen }
      const result = await closeQuarter(input, idempotency.keyFor(input))
      idempotency.reset()
      preview.setData(() => result)
      setToFund('')
      message.success(t('quarter.closedMessage', { quarter: result.quarter }))
      onClosed(result)
    })

  return (
    <Card size="small" title={t('quarter.title')} data-testid="quarter-panel">
      <Flex vertical gap={12}>
        <Flex gap={12} wrap align="center">
          <Select
            virtual={false}
            value={quarter}
            onChange={(q: string) => {
              setQuarter(q)
              closing.setError(null)
            }}
            options={options}
            style={{ width: 160 }}
            data-testid="quarter-select"
          />
          <Button
            icon={<CalculatorOutlined />}
            onClick={preview.reload}
            loading={preview.loading}
            data-testid="quarter-preview"
          >
            {t('quarter.preview')}
          </Button>
          {p?.closed ? (
            <Tag color="green" data-testid="quarter-closed">
              {t('quarter.closed')}
            </Tag>
          ) : null}
          {p?.disclosureId ? (
            <Link to={`/disclosure/items/${p.disclosureId}`} data-testid="quarter-statement-link">
              {t('quarter.viewStatement')}
            </Link>
          ) : null}
        </Flex>
        <ErrorAlert error={preview.error} onRetry={preview.reload} />
        {p ? <PreviewFigures preview={p} /> : null}
        {p && finance && !p.closed ? (
          <Flex vertical gap={8}>
            {!ended ? <Alert type="info" showIcon title={t('quarter.notEnded', { to: p.to })} /> : null}
            <Flex gap={12} wrap align="flex-start">
              <Flex vertical gap={4} style={{ minWidth: 260 }}>
                <Typography.Text>{t('quarter.toFund')}</Typography.Text>
                <Input
                  prefix="¥"
                  inputMode="decimal"
                  value={toFund}
                  onChange={(e) => setToFund(e.target.value)}
                  placeholder={fenToYuanText(p.minToFundFen)}
                  status={toFundInvalid ? 'error' : undefined}
                  data-testid="quarter-to-fund"
                />
                <Typography.Text type={toFundInvalid ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {toFundInvalid
                    ? t('quarter.toFundTooLow', { min: formatFen(p.minToFundFen) })
                    : t('quarter.toFundHint')}
                </Typography.Text>
              </Flex>
              <Popconfirm
                title={t('quarter.closeConfirm', { quarter })}
                description={t('quarter.closeConfirmHint', {
                  amount: formatFen(toFundFen ?? p.minToFundFen),
                })}
                okText={t('quarter.close')}
                cancelText={t('common.cancel')}
                okButtonProps={{ 'data-testid': 'quarter-close-confirm' }}
                onConfirm={() => close()}
                disabled={!ended || toFundInvalid}
              >
                <Button
                  type="primary"
                  icon={<LockOutlined />}
                  disabled={!ended || toFundInvalid}
                  loading={closing.busy}
                  data-testid="quarter-close"
                  style={{ marginTop: 26 }}
                >
                  {t('quarter.close')}
                </Button>
              </Popconfirm>
            </Flex>
          </Flex>
        ) : null}
        <ErrorAlert error={closing.error} />
        <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
          {t('quarter.history')}
        </Typography.Title>
        <QuartersTable quarters={quarters} />
      </Flex>
    </Card>
  )
}
