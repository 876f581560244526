import { Tag } from 'antd-mobile'
import { decisionExportUrl } from '../../api/endpoints'
import type { Choice, DecisionResult, DecisionTopic, MyDecision, TopicResult } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatDateTime, type Outcome, outcomeOf } from './format'
import { HashText } from './HashText'
import { TopicHeader } from './TopicHeader'

const OUTCOME_TONE: Record<Outcome, string> = { passed: 'success', failed: 'danger', noQuorum: 'warning' }
const SIDES: readonly Choice[] = ['agree', 'oppose', 'abstain']

function OutcomeTag({ outcome }: { outcome: Outcome }) {
  const t = useT()
  return (
    <Tag color={OUTCOME_TONE[outcome]} round className="mh-outcome">
      {t(`result.outcome.${outcome}`)}
    </Tag>
  )
}

/** Agree / oppose / abstain in heads and area, then who took part against the roll. */
function CountTable({ result }: { result: TopicResult }) {
  const t = useT()
  return (
    <table className="mh-count-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="mh-visually-hidden">{t('result.choice')}</span>
          </th>
          <th scope="col">{t('result.heads')}</th>
          <th scope="col">{t('result.area')}</th>
        </tr>
      </thead>
      <tbody>
        {SIDES.map((side) => (
          <tr key={side} className={`mh-count-${side}`}>
            <th scope="row">{t(`vote.choice.${side}`)}</th>
            <td>{result[side].heads}</td>
            <td>{result[side].area}</td>
          </tr>
        ))}
        <tr className="mh-count-participating">
          <th scope="row">{t('result.participating')}</th>
          <td>{t('result.ofTotal', { part: result.participating.heads, total: result.total.heads })}</td>
          <td>{t('result.ofTotal', { part: result.participating.area, total: result.total.area })}</td>
        </tr>
      </tbody>
    </table>
  )
}

interface ResultTopicProps {
  topic: DecisionTopic
  strict: TopicResult
  majority: TopicResult | undefined
  elected: boolean
}

function ResultTopic({ topic, strict, majority, elected }: ResultTopicProps) {
  const t = useT()
  const outcome = outcomeOf(strict)
  return (
    <li
      className="mh-result-topic"
      data-testid={TEST_IDS.resultTopic}
      data-seq={topic.seq}
      data-outcome={outcome}
    >
      <TopicHeader topic={topic} />
      <div className="mh-result-verdicts">
        <span className="mh-result-verdict">
          <span className="mh-result-basis">{t('result.strict')}</span>
          <OutcomeTag outcome={outcome} />
        </span>
        {majority && (
          <span className="mh-result-verdict">
            <span className="mh-result-basis">{t('result.followMajority')}</span>
            <OutcomeTag outcome={outcomeOf(majority)} />
          </span>
        )}
        {elected && (
          <Tag color="primary" round>
            {t('result.elected')}
          </Tag>
        )}
      </div>
      <CountTable result={strict} />
    </li>
  )
}

/** After the close: each topic's count and outcome, the chain head, and the package to re-tally. */
export function ResultSection({ decision, result }: { decision: MyDecision; result: DecisionResult }) {
  const t = useT()
  const topics = [...decision.topics].sort((a, b) => a.seq - b.seq)
  const elected = new Set(result.elected.flatMap((group) => group.topicIds))
  return (
    <section
      className="mh-card mh-result"
      aria-labelledby="mh-result-title"
      data-testid={TEST_IDS.decisionResult}
    >
      <h2 id="mh-result-title" className="mh-section-title">
        {t('result.title')}
      </h2>
      <p className="mh-muted">
        {t('result.closedAt', { time: formatDateTime(result.closedAt), count: result.ballotEvents })}
      </p>
      {result.followMajority && <p className="mh-result-note">{t('result.followMajorityHint')}</p>}
      <ol className="mh-result-topics">
        {topics.map((topic) => {
          const strict = result.topics.find((r) => r.topicId === topic.id)
          if (!strict) return null
          return (
            <ResultTopic
              key={topic.id}
              topic={topic}
              strict={strict}
              majority={result.followMajority?.find((r) => r.topicId === topic.id)}
              elected={elected.has(topic.id)}
            />
          )
        })}
      </ol>
      {result.chainHead && <HashText value={result.chainHead} label={t('result.chainHead')} />}
      <a
        className="mh-export"
        href={decisionExportUrl(decision.id)}
        download={`decision-${decision.id}.json`}
        data-testid={TEST_IDS.decisionExport}
      >
        {t('result.export')}
      </a>
      <p className="mh-fine-print">{t('result.exportHint')}</p>
    </section>
  )
}
