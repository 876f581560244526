import type { TopicResult } from '@meihao/contracts'
import { Col, Row, Space, Table, type TableColumnsType, Typography } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import type { MessageKey } from '../../i18n/translate'
import { AreaText } from '../AreaText'
import { ChoiceBars } from './ChoiceBars'
import { OutcomeTags } from './OutcomeTags'

type Side = 'total' | 'participating' | 'agree' | 'oppose' | 'abstain'
const ROWS: readonly { side: Side; label: MessageKey }[] = [
  { side: 'total', label: 'result.total' },
  { side: 'participating', label: 'turnout.participating' },
  { side: 'agree', label: 'choice.agree' },
  { side: 'oppose', label: 'choice.oppose' },
  { side: 'abstain', label: 'choice.abstain' },
]

/** One topic's figures as published (heads and area for each side), its outcome, and bars of the choices. */
export function TopicResultView({
  result,
  testId,
  narrow = false,
}: {
  result: TopicResult
  testId: string
  /** Beside another result: the two bar charts go one under the other. */
  narrow?: boolean
}) {
  const { t } = useI18n()
  const columns: TableColumnsType<(typeof ROWS)[number]> = [
    { title: t('result.row'), dataIndex: 'label', render: (label: MessageKey) => t(label) },
    {
      title: t('result.heads'),
      key: 'heads',
      align: 'right',
      render: (_, row) => <span data-testid={`${testId}-${row.side}-heads`}>{result[row.side].heads}</span>,
    },
    {
      title: t('result.area'),
      key: 'area',
      align: 'right',
      render: (_, row) => (
        <span data-testid={`${testId}-${row.side}-area`}>
          <AreaText value={result[row.side].area} />
        </span>
      ),
    },
  ]
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid={testId}>
      <OutcomeTags result={result} testId={`${testId}-outcome`} />
      <Table
        rowKey="side"
        size="small"
        columns={columns}
        dataSource={[...ROWS]}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Row gutter={[16, 8]}>
        <Col xs={24} lg={narrow ? 24 : 12}>
          <ChoiceBars result={result} by="heads" />
        </Col>
        <Col xs={24} lg={narrow ? 24 : 12}>
          <ChoiceBars result={result} by="area" />
        </Col>
      </Row>
      <Typography.Text type="secondary">{t(`tier.${result.tier}Rule`)}</Typography.Text>
    </Space>
  )
}
