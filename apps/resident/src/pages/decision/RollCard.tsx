import type { MyDecision } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { HashText } from './HashText'

/** The frozen roll (its size and hash) and where I stand on it. */
export function RollCard({ decision }: { decision: MyDecision }) {
  const t = useT()
  const { roll, myVoter } = decision
  return (
    <section className="mh-card mh-roll" aria-labelledby="mh-roll-title">
      <h2 id="mh-roll-title" className="mh-section-title">
        {t('decision.roll')}
      </h2>
      {roll ? (
        <>
          <p className="mh-roll-summary">
            {t('decision.rollSummary', { heads: roll.heads, units: roll.units, area: roll.area })}
          </p>
          <HashText value={roll.hash} label={t('decision.rollHash')} testId={TEST_IDS.decisionRollHash} />
        </>
      ) : (
        <p className="mh-muted">{t('decision.rollPending')}</p>
      )}
      {myVoter && (
        <div className="mh-my-voter" data-testid={TEST_IDS.decisionMyVoter}>
          <div className="mh-my-voter-label">{t('decision.myVoter')}</div>
          <div className="mh-my-voter-value">{t('decision.myVoterValue', { area: myVoter.area })}</div>
          {myVoter.units.length > 0 && (
            <div className="mh-my-voter-units">
              {t('decision.myUnits', { units: myVoter.units.join(t('decision.unitSeparator')) })}
            </div>
          )}
        </div>
      )}
    </section>
  )
}
