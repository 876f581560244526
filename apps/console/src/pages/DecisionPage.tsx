import { PlusOutlined } from '@ant-design/icons'
import type { Decision, Topic } from '@meihao/contracts'
import { App, Button, Card, Col, Row, Space, Typography } from 'antd'
import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { getDecision, removeTopic } from '../api/governance'
import { BackLink, DetailPage } from '../components/DetailPage'
import { ErrorAlert } from '../components/ErrorAlert'
import { DecisionFacts } from '../components/governance/DecisionFacts'
import { DecisionStatusTag } from '../components/governance/DecisionStatusTag'
import { DecisionSteps } from '../components/governance/DecisionSteps'
import { IntegrityCard } from '../components/governance/IntegrityCard'
import { LifecycleActions } from '../components/governance/LifecycleActions'
import { PaperBallotForm } from '../components/governance/PaperBallotForm'
import { ResultSection } from '../components/governance/ResultSection'
import { RollCard } from '../components/governance/RollCard'
import { TopicFormModal } from '../components/governance/TopicFormModal'
import { TopicsTable } from '../components/governance/TopicsTable'
import { TurnoutCard } from '../components/governance/TurnoutCard'
import { useTurnout } from '../components/governance/useTurnout'
import { useAsync } from '../hooks/useAsync'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

/**
 * One 业主共同决定: its lifecycle (notice → roll → voting → result), topics, voter roll, live turnout,
 * paper-ballot entry while voting is open, the published result, and the ballot chain.
 */
export function DecisionPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const { id = '' } = useParams()
  const decision = useAsync(() => getDecision(id), [id])
  const d = decision.data
  const turnout = useTurnout(d)
  const manage = can('governance.manage')
  const [actionError, setActionError] = useState<unknown>(null)
  const [addingTopic, setAddingTopic] = useState(false)
  const [removing, setRemoving] = useState<string | null>(null)

  const replace = (next: Decision) => decision.setData(() => next)

  const remove = async (topic: Topic) => {
    setRemoving(topic.id)
    setActionError(null)
    try {
      replace(await removeTopic(id, topic.id))
      message.success(t('topic.removed'))
    } catch (e) {
      setActionError(e)
    } finally {
      setRemoving(null)
    }
  }

  const back = d ? `/decisions?community=${d.communityId}` : '/decisions'
  const editable = manage && d?.status === 'draft'

  return (
    <DetailPage
      testId="decision-page"
      section={{ to: '/decisions', label: t('menu.decisions') }}
      record={decision}
      crumbs={(d) => [{ title: <Link to={back}>{d.communityName}</Link> }, { title: d.title }]}
    >
      {(d) => (
        <>
          <Card
            title={
              <Space wrap>
                <BackLink to={back} />
                <span data-testid="decision-title">{d.title}</span>
                <DecisionStatusTag status={d.status} />
              </Space>
            }
            extra={
              manage ? <LifecycleActions decision={d} onDone={replace} onError={setActionError} /> : null
            }
          >
            <DecisionSteps decision={d} />
            <ErrorAlert error={actionError} />
            {d.description ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Typography.Paragraph>
            ) : null}
            <DecisionFacts decision={d} />
          </Card>

          <Card
            size="small"
            title={t('decision.topics')}
            extra={
              editable ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setAddingTopic(true)}
                  data-testid="decision-add-topic"
                >
                  {t('decision.addTopic')}
                </Button>
              ) : d.status !== 'draft' ? (
                <Typography.Text type="secondary">{t('topic.lockedHint')}</Typography.Text>
              ) : null
            }
          >
            <TopicsTable topics={d.topics} onRemove={editable ? remove : undefined} removing={removing} />
          </Card>

          {d.status !== 'draft' && d.status !== 'cancelled' ? (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={d.roll ? 8 : 24}>
                <RollCard decision={d} />
              </Col>
              {d.roll ? (
                <Col xs={24} xl={16}>
                  <TurnoutCard
                    turnout={turnout.data}
                    topics={d.topics}
                    loading={turnout.loading}
                    error={turnout.error}
                    live={turnout.live}
                    updatedAt={turnout.updatedAt}
                    onRefresh={turnout.reload}
                  />
                </Col>
              ) : null}
            </Row>
          ) : null}

          {manage && d.status === 'open' ? (
            <PaperBallotForm
              decision={d}
              onEntered={() => {
                turnout.reload()
                decision.reload()
              }}
            />
          ) : null}

          {d.status === 'closed' ? <ResultSection decision={d} /> : null}

          {d.roll ? <IntegrityCard decision={d} /> : null}

          <TopicFormModal
            decisionId={d.id}
            open={addingTopic}
            onClose={() => setAddingTopic(false)}
            onSaved={(next) => {
              replace(next)
              setAddingTopic(false)
              message.success(t('topic.added'))
            }}
          />
        </>
      )}
    </DetailPage>
  )
}
