import { Tag } from 'antd-mobile'
import { useNavigate } from 'react-router-dom'
import type { MyDecision } from '../api/types'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useRetry } from '../hooks/useRetry'
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
        className={`mh-row-card mh-decision-item${awaiting ? ' mh-decision-item-awaiting' : ''}`}
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
  const { retrying, retry } = useRetry(reloadDecisions)
  const now = Date.now()

  return (
    <PageShell title={t('decisions.title')} onRefresh={reloadDecisions}>
      <p className="mh-decisions-intro">{t('decisions.intro')}</p>
      <LoadStatus
        state={decisions}
        lines={2}
        errorTestId={TEST_IDS.decisionsError}
        errorTitle={t('decisions.errorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
      {decisions.status === 'ready' && decisions.decisions.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.decisionsEmpty}
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
    </PageShell>
  )
}
