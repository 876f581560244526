import type { Disclosure, FundStatementContent, RevenueStatementContent } from '@meihao/contracts'
import { Alert, Card, Descriptions, Flex, Statistic, Table, type TableColumnsType, Typography } from 'antd'
import { disclosureAttachmentUrl } from '../../api/disclosure'
import { formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { Money } from '../billing/BillingTags'
import { AllocationText } from './CityRuleText'
import { ApprovalText, TopUpTag } from './DisclosureTags'
import { type FeeStandardsContent, generatedContent } from './disclosureValues'

type FeeLine = FeeStandardsContent['items'][number]
type ProjectLine = FundStatementContent['projects'][number]
type UnitLine = FundStatementContent['units'][number]
type EntryLine = RevenueStatementContent['entries'][number]

/** A translated enum value when the catalog knows it; the raw code otherwise (a newer server). */
function useLabel() {
  const { t } = useI18n()
  return (prefix: string, value: string | null | undefined) => {
    if (!value) return '—'
    const key = `${prefix}.${value}` as Parameters<typeof t>[0]
    const text = t(key)
    return text === key ? value : text
  }
}

/** 收费项目及标准: each active fee item with the standard in force when it was published. */
function FeeStandardsView({ content }: { content: FeeStandardsContent }) {
  const { t } = useI18n()
  const label = useLabel()
  const columns: TableColumnsType<FeeLine> = [
    { title: t('fee.name'), dataIndex: 'name' },
    {
      title: t('fee.code'),
      dataIndex: 'code',
      render: (_, l) => <Typography.Text code>{l.code}</Typography.Text>,
    },
    { title: t('fee.kind'), dataIndex: 'kind', render: (_, l) => label('feeKind', l.kind) },
    { title: t('fee.cycle'), dataIndex: 'cycle', render: (_, l) => label('billingCycle', l.cycle) },
    {
      title: t('fee.areaBasis'),
      dataIndex: 'areaBasis',
      render: (_, l) => (l.kind === 'area' || l.kind === 'shared' ? label('areaBasis', l.areaBasis) : '—'),
    },
    {
      title: t('fee.rate'),
      dataIndex: 'rate',
      render: (_, l) =>
        l.rate === null ? (
          <Typography.Text type="secondary">{t('fee.noStandard')}</Typography.Text>
        ) : (
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>
            ¥{l.rate} <Typography.Text type="secondary">{label('rateUnitShort', l.kind)}</Typography.Text>
          </span>
        ),
    },
    { title: t('fee.effectiveFrom'), dataIndex: 'effectiveFrom', render: (_, l) => l.effectiveFrom ?? '—' },
    {
      title: t('fee.lateFee'),
      dataIndex: 'lateFee',
      render: (_, l) =>
        l.lateFee ? t('fee.lateFeeOn', { rate: l.lateFee.dailyRateBp }) : t('fee.lateFeeOff'),
    },
  ]
  return (
    <Table<FeeLine>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={content.items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('fee.empty') }}
      data-testid="generated-fee-standards"
    />
  )
}

/** 专项维修资金收支情况: totals of the period, its settled projects, and every unit's sub-account by code. */
function FundStatementView({ content }: { content: FundStatementContent }) {
  const { t } = useI18n()
  const projectColumns: TableColumnsType<ProjectLine> = [
    { title: t('fund.projectTitle'), dataIndex: 'title' },
    {
      title: t('fund.approval'),
      dataIndex: 'emergencyCategory',
      render: (_, p) => <ApprovalText emergencyCategory={p.emergencyCategory} />,
    },
    { title: t('fund.settledOn'), dataIndex: 'settledOn' },
    {
      title: t('fund.cost'),
      dataIndex: 'costFen',
      align: 'right',
      render: (_, p) => <Money fen={p.costFen} />,
    },
    { title: t('fund.units'), dataIndex: 'units', align: 'right' },
    {
      title: t('fund.fromFund'),
      dataIndex: 'fromFundFen',
      align: 'right',
      render: (_, p) => <Money fen={p.fromFundFen} />,
    },
    {
      title: t('fund.shortfall'),
      dataIndex: 'shortfallFen',
      align: 'right',
      render: (_, p) => <Money fen={p.shortfallFen} />,
    },
  ]
  const unitColumns: TableColumnsType<UnitLine> = [
    { title: t('fund.unitCode'), dataIndex: 'code' },
    {
      title: t('fund.firstDeposit'),
      dataIndex: 'firstDepositFen',
      align: 'right',
      render: (_, u) => <Money fen={u.firstDepositFen} />,
    },
    {
      title: t('fund.balance'),
      dataIndex: 'balanceFen',
      align: 'right',
      render: (_, u) => <Money fen={u.balanceFen} />,
    },
    {
      title: t('fund.topUp'),
      dataIndex: 'needsTopUp',
      render: (_, u) => <TopUpTag needsTopUp={u.needsTopUp} />,
    },
  ]
  const figures: [string, number][] = [
    [t('fund.opening'), content.openingFen],
    [t('fundEntryKind.first_deposit'), content.firstDepositFen],
    [t('fundEntryKind.deposit'), content.depositFen],
    [t('fundEntryKind.gain'), content.gainFen],
    [t('fundEntryKind.public_revenue'), content.publicRevenueFen],
    [t('fund.spent'), content.spentFen],
    [t('fund.closing'), content.closingFen],
  ]
  return (
    <Flex vertical gap={16} data-testid="generated-fund-statement">
      <Flex wrap gap={32}>
        {figures.map(([title, fen]) => (
          <Statistic key={title} title={title} value={formatFen(fen)} />
        ))}
        <Statistic title={t('fund.firstDepositsTotal')} value={formatFen(content.firstDepositsTotalFen)} />
      </Flex>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('fund.statementProjects')}
      </Typography.Title>
      <Table<ProjectLine>
        rowKey={(p) => `${p.title}-${p.settledOn}`}
        size="small"
        columns={projectColumns}
        dataSource={content.projects}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('fund.noProjectsInPeriod') }}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('fund.statementUnits')}
      </Typography.Title>
      <Table<UnitLine>
        rowKey="code"
        size="small"
        columns={unitColumns}
        dataSource={content.units}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  )
}

/** 公共收益收支情况 of a quarter: income by source, costs, net, the share to the fund, every entry. */
function RevenueStatementView({ item, content }: { item: Disclosure; content: RevenueStatementContent }) {
  const { t } = useI18n()
  const label = useLabel()
  const files = new Map(item.attachments.map((a) => [a.sha256, a]))
  const columns: TableColumnsType<EntryLine> = [
    { title: t('revenue.date'), dataIndex: 'date' },
    { title: t('revenue.kind'), dataIndex: 'kind', render: (_, e) => label('revenueKind', e.kind) },
    { title: t('revenue.source'), dataIndex: 'source', render: (_, e) => label('revenueSource', e.source) },
    { title: t('revenue.summary'), dataIndex: 'summary' },
    {
      title: t('revenue.amount'),
      dataIndex: 'signedFen',
      align: 'right',
      render: (_, e) => <Money fen={e.signedFen} />,
    },
    {
      title: t('revenue.evidence'),
      dataIndex: 'evidence',
      render: (_, e) =>
        e.evidence.length === 0 ? (
          '—'
        ) : (
          <Flex vertical gap={2}>
            {e.evidence.map((sha) => (
              <Typography.Link
                key={sha}
                href={disclosureAttachmentUrl(item.id, sha)}
                target="_blank"
                rel="noreferrer"
                data-testid="attachment-link"
              >
                {files.get(sha)?.fileName ?? sha.slice(0, 12)}
              </Typography.Link>
            ))}
          </Flex>
        ),
    },
  ]
  const bySource = Object.entries(content.bySource)
  return (
    <Flex vertical gap={16} data-testid="generated-revenue-statement">
      <Flex wrap gap={32}>
        {(
          [
            ['opening', t('revenue.opening'), content.openingFen],
            ['income', t('revenue.income'), content.incomeFen],
            ['cost', t('revenue.cost'), content.costFen],
            ['net', t('revenue.net'), content.netFen],
            ['to-fund', t('revenue.toFund'), content.toFundFen],
            ['use', t('revenue.use'), content.useFen],
            ['closing', t('revenue.closing'), content.closingFen],
          ] as const
        ).map(([key, title, fen]) => (
          <Statistic
            key={key}
            title={title}
            value={formatFen(fen)}
            data-testid={`statement-${key}`}
            data-fen={fen}
          />
        ))}
      </Flex>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('quarter.rule')}>
          <AllocationText rule={content.rule} />
        </Descriptions.Item>
        <Descriptions.Item label={t('quarter.minToFund')}>
          {formatFen(content.minToFundFen)}
        </Descriptions.Item>
        {bySource.map(([source, fen]) => (
          <Descriptions.Item key={source} label={label('revenueSource', source)}>
            {formatFen(fen)}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Table<EntryLine>
        rowKey={(e) => `${e.date}-${e.kind}-${e.signedFen}-${e.summary}`}
        size="small"
        columns={columns}
        dataSource={content.entries}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('revenue.empty') }}
      />
    </Flex>
  )
}

/** The figures of a generated item as tables; a notice when its content is not in a known shape. */
export function GeneratedContent({ item }: { item: Disclosure }) {
  const { t } = useI18n()
  if (item.content === null) return null
  const parsed = generatedContent(item.type, item.content)
  return (
    <Card size="small" title={t('disclosure.generatedContent')} data-testid="disclosure-generated">
      {parsed === null ? (
        <Alert type="warning" showIcon title={t('disclosure.unknownContent')} />
      ) : parsed.type === 'fee_standards' ? (
        <FeeStandardsView content={parsed.content} />
      ) : parsed.type === 'fund_statement' ? (
        <FundStatementView content={parsed.content} />
      ) : (
        <RevenueStatementView item={item} content={parsed.content} />
      )}
    </Card>
  )
}
