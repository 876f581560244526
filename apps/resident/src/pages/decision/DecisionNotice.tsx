import type { MyDecision } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatDate, formatDateTime } from './format'
import { StatusTag } from './StatusTag'

/** The meeting notice: what is decided, by whom, on which roll date and in which window. */
export function DecisionNotice({ decision }: { decision: MyDecision }) {
  const t = useT()
  return (
    <section className="mh-card mh-decision-notice">
      <div className="mh-decision-head">
        <StatusTag status={decision.status} testId={TEST_IDS.decisionStatus} />
        <span className="mh-decision-community">{decision.communityName}</span>
      </div>
      <h1 className="mh-decision-title" data-testid={TEST_IDS.decisionTitle}>
        {decision.title}
      </h1>
      {decision.description && <p className="mh-decision-description">{decision.description}</p>}
      <dl className="mh-facts">
        <dt>{t('decision.window')}</dt>
        <dd>
          {t('decision.windowValue', {
            start: formatDateTime(decision.votingStartsAt),
            end: formatDateTime(decision.votingEndsAt),
          })}
        </dd>
        <dt>{t('decision.recordDate')}</dt>
        <dd>
          {formatDate(decision.recordDate)}
          <span className="mh-facts-hint">{t('decision.recordDateHint')}</span>
        </dd>
      </dl>
      {decision.secretUntilClose && (decision.status === 'noticed' || decision.status === 'open') && (
        <p className="mh-decision-secret">{t('decision.secret')}</p>
      )}
    </section>
  )
}

/** How ballots are counted under 民法典 278, in plain words. */
export function CountingRules() {
  const t = useT()
  return (
    <section className="mh-card mh-rules" aria-labelledby="mh-rules-title">
      <h2 id="mh-rules-title" className="mh-section-title">
        {t('decision.rules.title')}
      </h2>
      <ul className="mh-rules-list">
        <li>{t('decision.rules.basis')}</li>
        <li>{t('decision.rules.quorum')}</li>
        <li>{t('decision.rules.ordinary')}</li>
        <li>{t('decision.rules.major')}</li>
        <li>{t('decision.rules.abstain')}</li>
      </ul>
    </section>
  )
}
