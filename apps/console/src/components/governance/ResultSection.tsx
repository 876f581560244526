import type { Decision } from '@meihao/contracts'
import { Alert, Card, Col, Descriptions, Divider, Row, Skeleton, Space, Typography } from 'antd'
import { getResult } from '../../api/governance'
import { useAsync } from '../../hooks/useAsync'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { ElectedList } from './ElectedList'
import { TierTag } from './TierTag'
import { TopicResultView } from './TopicResultView'

/**
 * 表决结果 of a closed decision: per topic the strict 民法典 278 count, always, and beside it the 从众
 * variant when the community's rules count non-voters with the majority.
 */
export function ResultSection({ decision }: { decision: Decision }) {
  const { t, lang } = useI18n()
  const result = useAsync(() => getResult(decision.id), [decision.id])
  const r = result.data
  const follow = new Map((r?.followMajority ?? []).map((x) => [x.topicId, x]))
  const byTopic = new Map((r?.topics ?? []).map((x) => [x.topicId, x]))

  return (
    <Card title={t('result.title')} data-testid="decision-result">
      <ErrorAlert error={result.error} onRetry={result.reload} />
      {result.loading && !r ? <Skeleton active /> : null}
      {r ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'closedAt', label: t('result.closedAt'), children: formatDateTime(lang, r.closedAt) },
              { key: 'events', label: t('result.ballotEvents'), children: r.ballotEvents },
              {
                key: 'roll',
                label: t('roll.hash'),
                children: (
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {r.rollHash}
                  </Typography.Text>
                ),
              },
            ]}
          />
          {r.followMajority ? <Alert type="info" showIcon title={t('result.followMajorityNote')} /> : null}
          {decision.topics.map((topic) => {
            const strict = byTopic.get(topic.id)
            const variant = follow.get(topic.id)
            if (!strict) return null
            return (
              <Card
                key={topic.id}
                type="inner"
                size="small"
                data-testid={`decision-result-topic-${topic.seq}`}
                title={
                  <Space size={8} wrap>
                    <span>{t('turnout.topicName', { seq: topic.seq, title: topic.title })}</span>
                    <TierTag tier={topic.tier} />
                  </Space>
                }
              >
                <Row gutter={[24, 16]}>
                  <Col xs={24} xl={variant ? 12 : 24}>
                    <Divider titlePlacement="start" style={{ marginTop: 0 }}>
                      {t('result.strict')}
                    </Divider>
                    <TopicResultView
                      result={strict}
                      testId={`decision-result-strict-${topic.seq}`}
                      narrow={Boolean(variant)}
                    />
                  </Col>
                  {variant ? (
                    <Col xs={24} xl={12}>
                      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
                        {t('result.followMajority')}
                      </Divider>
                      <TopicResultView
                        result={variant}
                        testId={`decision-result-follow-${topic.seq}`}
                        narrow
                      />
                    </Col>
                  ) : null}
                </Row>
              </Card>
            )
          })}
          <ElectedList groups={r.elected} topics={decision.topics} />
        </Space>
      ) : null}
    </Card>
  )
}
