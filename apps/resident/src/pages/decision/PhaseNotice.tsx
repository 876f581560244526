import { NoticeBar } from 'antd-mobile'
import type { MyDecision } from '../../api/types'
import { type MessageKey, useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatDateTime, windowPhase } from './format'

/** Why there is no ballot form: not open yet, counting after the deadline, or cancelled. */
function phaseKey(decision: MyDecision, now: number): MessageKey | null {
  if (decision.status === 'cancelled') return 'decision.cancelled'
  if (decision.status === 'closed') return decision.result ? null : 'decision.resultPending'
  const phase = windowPhase(decision, now)
  if (phase === 'before') return 'decision.waitOpen'
  if (phase === 'after') return 'decision.windowOver'
  return decision.status === 'open' ? null : 'decision.opening'
}

export function PhaseNotice({ decision, now }: { decision: MyDecision; now: number }) {
  const t = useT()
  const key = phaseKey(decision, now)
  if (!key) return null
  return (
    <NoticeBar
      className="mh-notice"
      color={decision.status === 'cancelled' ? 'alert' : 'info'}
      wrap
      content={t(key, { start: formatDateTime(decision.votingStartsAt) })}
    />
  )
}

/** The roll is frozen and I am not on it: say so where the ballot would be. */
export function NotOnRollNotice({ decision }: { decision: MyDecision }) {
  const t = useT()
  if (!decision.roll || decision.myVoter || decision.status === 'cancelled') return null
  return (
    <NoticeBar
      className="mh-notice mh-notice-warn"
      color="alert"
      wrap
      content={<span data-testid={TEST_IDS.decisionNotOnRoll}>{t('decision.notOnRoll')}</span>}
    />
  )
}
