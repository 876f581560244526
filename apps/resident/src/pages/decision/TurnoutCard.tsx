import type { Count, DecisionTopic, Turnout } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatTime, hundredths, percent } from './format'
import type { TurnoutState } from './useTurnout'

interface Measure {
  label: string
  value: string
  share: number
  reached: boolean
}

/** One measure (heads or area) as a bar, with the two-thirds line drawn across it. */
function TurnoutBar({ label, value, share, reached }: Measure) {
  const t = useT()
  return (
    <div className="mh-turnout-row">
      <div className="mh-turnout-label">
        <span>{label}</span>
        <span className="mh-turnout-value">
          {value} · {t('turnout.percent', { percent: share.toFixed(2) })}
        </span>
      </div>
      {/* The numbers above say it all for screen readers; the bar is for the eye. */}
      <div className={`mh-bar${reached ? ' mh-bar-reached' : ''}`} aria-hidden="true">
        <span className="mh-bar-fill" style={{ width: `${Math.min(share, 100)}%` }} />
        <span className="mh-bar-line" />
      </div>
    </div>
  )
}

/** Heads and area against the total; "reached" is exact (integers and hundredths), never a float. */
function measures(participating: Count, total: Count) {
  const [partArea, totalArea] = [hundredths(participating.area), hundredths(total.area)]
  return {
    heads: {
      share: percent(BigInt(participating.heads), BigInt(total.heads)),
      reached: 3 * participating.heads >= 2 * total.heads,
    },
    area: { share: percent(partArea, totalArea), reached: 3n * partArea >= 2n * totalArea },
  }
}

function TurnoutBars({ turnout }: { turnout: Turnout }) {
  const t = useT()
  const { participating, total } = turnout
  const { heads, area } = measures(participating, total)
  const reached = heads.reached && area.reached
  return (
    <>
      <TurnoutBar
        label={t('turnout.heads')}
        value={t('turnout.headsValue', { part: participating.heads, total: total.heads })}
        {...heads}
      />
      <TurnoutBar
        label={t('turnout.area')}
        value={t('turnout.areaValue', { part: participating.area, total: total.area })}
        {...area}
      />
      <p className="mh-turnout-legend">
        <span className="mh-bar-legend" aria-hidden="true" />
        {t('turnout.line')}
        <strong className={reached ? 'mh-ok' : 'mh-pending'}>
          {t(reached ? 'turnout.reached' : 'turnout.notReached')}
        </strong>
      </p>
    </>
  )
}

/** Per-topic choices, only when the meeting does not keep them secret until the close. */
function TopicChoices({ topics, turnout }: { topics: DecisionTopic[]; turnout: Turnout }) {
  const t = useT()
  const rows = turnout.topics.flatMap(({ topicId, agree, oppose, abstain }) => {
    const topic = topics.find((tp) => tp.id === topicId)
    return topic && agree && oppose && abstain ? [{ topic, agree, oppose, abstain }] : []
  })
  if (rows.length === 0) return <p className="mh-muted">{t('turnout.secret')}</p>
  return (
    <ul className="mh-turnout-topics">
      {rows.map(({ topic, agree, oppose, abstain }) => (
        <li key={topic.id}>
          <span className="mh-topic-seq">{t('decision.topicSeq', { seq: topic.seq })}</span>
          {t('turnout.topicChoices', { agree: agree.heads, oppose: oppose.heads, abstain: abstain.heads })}
        </li>
      ))}
    </ul>
  )
}

/** Live turnout while voting is open: who took part so far against the 2/3 both measures need. */
export function TurnoutCard({ state, topics }: { state: TurnoutState; topics: DecisionTopic[] }) {
  const t = useT()
  const { turnout, error, updatedAt } = state
  return (
    <section
      className="mh-card mh-turnout"
      aria-labelledby="mh-turnout-title"
      data-testid={TEST_IDS.decisionTurnout}
    >
      <h2 id="mh-turnout-title" className="mh-section-title">
        {t('turnout.title')}
      </h2>
      {turnout && <TurnoutBars turnout={turnout} />}
      {turnout && <TopicChoices topics={topics} turnout={turnout} />}
      {!turnout && !error && <p className="mh-muted">{t('app.loading')}</p>}
      {error && <p className="mh-inline-error">{error}</p>}
      {updatedAt && (
        <p className="mh-fine-print">{t('turnout.updatedAt', { time: formatTime(updatedAt) })}</p>
      )}
    </section>
  )
}
