import type { Completeness } from '@meihao/contracts'
import { Card, Flex, Progress, Space, Table, type TableColumnsType, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import type { CompletenessLine } from '../../api/disclosure'
import type { AsyncState } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { CityRuleText } from './CityRuleText'
import { CompletenessTag } from './DisclosureTags'

/** How often an item must be renewed, in words. */
export function CadenceText({ cadence }: { cadence: CompletenessLine['cadence'] }) {
  const { t } = useI18n()
  if (cadence.kind === 'continuous') return <>{t('cadence.continuous')}</>
  if (cadence.kind === 'periodic') return <>{t('cadence.periodic', { months: cadence.months })}</>
  return <>{t('cadence.event', { days: cadence.withinDays })}</>
}

/**
 * 公示完整度: one line per required item under the city's cadences — ok, pending (within its grace),
 * overdue, missing or not yet due — with the date it is due by and the decisions not yet published. The
 * score counts the lines that are ok of all that are due; regulators read the same figure.
 */
export function CompletenessPanel({ completeness }: { completeness: AsyncState<Completeness> }) {
  const { t } = useI18n()
  const data = completeness.data
  const columns: TableColumnsType<CompletenessLine> = [
    { title: t('disclosure.type'), dataIndex: 'type', render: (_, l) => t(`disclosureType.${l.type}`) },
    {
      title: t('completeness.status'),
      dataIndex: 'status',
      render: (_, l) => <CompletenessTag status={l.status} />,
    },
    {
      title: t('completeness.cadence'),
      key: 'cadence',
      render: (_, l) => <CadenceText cadence={l.cadence} />,
    },
    {
      title: t('completeness.lastPeriodTo'),
      dataIndex: 'lastPeriodTo',
      render: (_, l) => l.lastPeriodTo ?? '—',
    },
    {
      title: t('completeness.requiredThrough'),
      dataIndex: 'requiredThrough',
      render: (_, l) => l.requiredThrough ?? '—',
    },
    { title: t('completeness.dueBy'), dataIndex: 'dueBy', render: (_, l) => l.dueBy ?? '—' },
    {
      title: t('completeness.missingEvents'),
      key: 'missing',
      render: (_, l) =>
        l.missingEvents.length === 0 ? (
          '—'
        ) : (
          <Flex vertical gap={2} data-testid="completeness-missing-events">
            {l.missingEvents.map((e) => (
              <Typography.Text key={e.ref} type="danger">
                {t('completeness.missingEvent', { title: e.title, dueBy: e.dueBy })}
              </Typography.Text>
            ))}
          </Flex>
        ),
    },
  ]
  const score = data?.scorePercent ?? 0
  return (
    <Card
      size="small"
      title={t('completeness.title')}
      data-testid="completeness-panel"
      extra={
        data ? (
          <Typography.Text type="secondary">
            {t('completeness.asOf', { date: data.asOf })} · <CityRuleText rule={data.cityRule} />
          </Typography.Text>
        ) : null
      }
    >
      <ErrorAlert error={completeness.error} onRetry={completeness.reload} />
      <Flex gap={24} align="flex-start" wrap>
        <Space orientation="vertical" align="center" style={{ minWidth: 140 }}>
          <Progress
            type="circle"
            size={112}
            percent={score}
            status={score >= 100 ? 'success' : score < 60 ? 'exception' : 'normal'}
            format={(p) => `${p ?? 0}%`}
            data-testid="completeness-score"
            data-score={data?.scorePercent}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            {t('completeness.scoreHint')}
          </Typography.Text>
        </Space>
        <Table<CompletenessLine>
          rowKey="type"
          size="small"
          columns={columns}
          dataSource={data?.lines ?? []}
          loading={completeness.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          style={{ flex: 1, minWidth: 0 }}
          data-testid="completeness-table"
          onRow={(l) =>
            ({
              'data-testid': `completeness-row-${l.type}`,
              'data-status': l.status,
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </Flex>
    </Card>
  )
}
