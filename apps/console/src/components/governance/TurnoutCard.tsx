import { SyncOutlined } from '@ant-design/icons'
import type { Topic, Turnout } from '@meihao/contracts'
import { Button, Card, Col, Row, Skeleton, Space, Table, type TableColumnsType, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import type { TopicTurnout } from '../../api/governance'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { CountText } from './CountText'
import { areaHundredths, percentOf, reachesTwoThirds, TWO_THIRDS_PERCENT } from './counting'
import { ThresholdBar } from './ThresholdBar'

/** 参与表决情况: heads and area that took part against the 2/3 lines, overall and per topic. */
export function TurnoutCard({
  turnout,
  topics,
  loading,
  error,
  live,
  updatedAt,
  onRefresh,
}: {
  turnout: Turnout | undefined
  topics: Topic[]
  loading: boolean
  error: unknown
  live: boolean
  updatedAt: Date | null
  onRefresh: () => void
}) {
  const { t, lang } = useI18n()
  const topicById = new Map(topics.map((topic) => [topic.id, topic]))
  const secret = (c: TopicTurnout['agree']) => (c ? <CountText count={c} /> : t('turnout.secret'))

  // While a secret vote is open the server sends no choices: show only who took part.
  const secretNow = (turnout?.topics ?? []).every((row) => row.agree === null)
  const columns: TableColumnsType<TopicTurnout> = [
    {
      title: t('topic.title'),
      dataIndex: 'topicId',
      render: (id: string) => {
        const topic = topicById.get(id)
        return topic ? t('turnout.topicName', { seq: topic.seq, title: topic.title }) : id
      },
    },
    {
      title: t('turnout.participating'),
      dataIndex: 'participating',
      render: (_, row) => <CountText count={row.participating} />,
    },
    ...(secretNow
      ? []
      : [
          {
            title: t('choice.agree'),
            key: 'agree',
            render: (_: unknown, row: TopicTurnout) => secret(row.agree),
          },
          {
            title: t('choice.oppose'),
            key: 'oppose',
            render: (_: unknown, row: TopicTurnout) => secret(row.oppose),
          },
          {
            title: t('choice.abstain'),
            key: 'abstain',
            render: (_: unknown, row: TopicTurnout) => secret(row.abstain),
          },
        ]),
  ]

  const bars = (data: Turnout) => {
    const partArea = areaHundredths(data.participating.area)
    const totalArea = areaHundredths(data.total.area)
    return (
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <ThresholdBar
            label={t('turnout.heads')}
            text={t('turnout.ofHeads', { part: data.participating.heads, total: data.total.heads })}
            percent={percentOf(data.participating.heads, data.total.heads)}
            line={TWO_THIRDS_PERCENT}
            met={reachesTwoThirds(data.participating.heads, data.total.heads)}
            testId="turnout-heads"
          />
        </Col>
        <Col xs={24} md={12}>
          <ThresholdBar
            label={t('turnout.area')}
            text={t('turnout.ofArea', { part: data.participating.area, total: data.total.area })}
            percent={percentOf(partArea, totalArea)}
            line={TWO_THIRDS_PERCENT}
            met={reachesTwoThirds(partArea, totalArea)}
            testId="turnout-area"
          />
        </Col>
      </Row>
    )
  }

  return (
    <Card
      size="small"
      title={t('turnout.title')}
      data-testid="turnout-card"
      extra={
        <Space size={8}>
          {updatedAt ? (
            <Typography.Text type="secondary">
              {live
                ? t('turnout.liveUpdatedAt', { time: formatDateTime(lang, updatedAt.toISOString()) })
                : t('turnout.updatedAt', { time: formatDateTime(lang, updatedAt.toISOString()) })}
            </Typography.Text>
          ) : null}
          <Button
            size="small"
            icon={<SyncOutlined spin={loading && live} />}
            onClick={onRefresh}
            aria-label={t('turnout.refresh')}
            data-testid="turnout-refresh"
          />
        </Space>
      }
    >
      <ErrorAlert error={error} onRetry={onRefresh} />
      {turnout ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {bars(turnout)}
          <Typography.Text type="secondary">{t('turnout.lineHint')}</Typography.Text>
          {secretNow && turnout.topics.length > 0 ? (
            <Typography.Text type="secondary" data-testid="turnout-secret">
              {t('turnout.secretNote')}
            </Typography.Text>
          ) : null}
          <div data-testid="turnout-topics">
            <Table<TopicTurnout>
              rowKey="topicId"
              size="small"
              columns={columns}
              dataSource={turnout.topics}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(row) =>
                ({
                  'data-testid': `turnout-topic-${topicById.get(row.topicId)?.seq ?? ''}`,
                }) as HTMLAttributes<HTMLElement>
              }
            />
          </div>
        </Space>
      ) : loading ? (
        <Skeleton active />
      ) : null}
    </Card>
  )
}
