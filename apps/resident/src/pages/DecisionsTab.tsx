import { Button, ErrorBlock, NavBar, PullToRefresh, Skeleton, Tag } from 'antd-mobile'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import type { MyDecision } from '../api/types'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { awaitsMyVote, formatDateTime } from './decision/format'
import { StatusTag } from './decision/StatusTag'
import { useHomeOutlet } from './HomeLayout'

function DecisionItem({ decision, now }: { decision: MyDecision; now: number }) {
  const t = useT()
  const navigate = useNavigate()
  const awaiting = awaitsMyVote(decision, now)
  return (
    <li data-testid={TEST_IDS.decisionItem} data-decision-id={decision.id} data-status={decision.status}>
      <button
        type="button"
        className={`mh-decision-item${awaiting ? ' mh-decision-item-awaiting' : ''}`}
        onClick={() => navigate(`/decisions/${decision.id}`)}
      >
        <span className="mh-decision-item-tags">
          <StatusTag status={decision.status} />
          {awaiting && (
            <Tag color="danger" round>
              {t('decisions.toVote')}
            </Tag>
          )}
          {decision.myReceipts.length > 0 && (
            <Tag color="success" fill="outline" round>
              {t('decisions.voted')}
            </Tag>
          )}
        </span>
        <span className="mh-decision-item-title">{decision.title}</span>
        <span className="mh-decision-item-meta">
          {decision.communityName} · {t('decisions.topicCount', { count: decision.topics.length })}
        </span>
        <span className="mh-decision-item-window">
          {t('decisions.window', {
            start: formatDateTime(decision.votingStartsAt),
            end: formatDateTime(decision.votingEndsAt),
          })}
        </span>
      </button>
    </li>
  )
}

/** The 表决 tab: decisions of my communities, newest window first, those awaiting my vote marked. */
export function DecisionsTab() {
  const t = useT()
  const { decisions, reloadDecisions } = useHomeOutlet()
  const [retrying, setRetrying] = useState(false)
  const now = Date.now()

  const retry = async () => {
    setRetrying(true)
    await reloadDecisions()
    setRetrying(false)
  }

  return (
    <div className="mh-page">
      <NavBar className="mh-navbar" backIcon={false}>
        {t('decisions.title')}
      </NavBar>
      <PullToRefresh
        onRefresh={reloadDecisions}
        pullingText={t('common.pullToRefresh')}
        canReleaseText={t('common.releaseToRefresh')}
        refreshingText={t('common.refreshing')}
        completeText={t('common.refreshed')}
      >
        <div className="mh-page-body">
          <p className="mh-decisions-intro">{t('decisions.intro')}</p>
          {decisions.status === 'loading' && (
            <div className="mh-card mh-unit-skeleton">
              <Skeleton.Title animated />
              <Skeleton.Paragraph lineCount={2} animated />
            </div>
          )}
          {decisions.status === 'failed' && (
            <ErrorBlock
              status="default"
              className="mh-block"
              data-testid={TEST_IDS.decisionsError}
              title={t('decisions.errorTitle')}
              description={decisions.message}
            >
              <Button color="primary" fill="outline" shape="rounded" loading={retrying} onClick={retry}>
                {t('common.retry')}
              </Button>
            </ErrorBlock>
          )}
          {decisions.status === 'ready' && decisions.decisions.length === 0 && (
            <ErrorBlock
              status="empty"
              className="mh-block"
              data-testid={TEST_IDS.decisionsEmpty}
              title={t('decisions.emptyTitle')}
              description={t('decisions.emptyDescription')}
            />
          )}
          {decisions.status === 'ready' && decisions.decisions.length > 0 && (
            <ul className="mh-decisions" data-testid={TEST_IDS.decisionsList}>
              {decisions.decisions.map((decision) => (
                <DecisionItem key={decision.id} decision={decision} now={now} />
              ))}
            </ul>
          )}
        </div>
      </PullToRefresh>
    </div>
  )
}
