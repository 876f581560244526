import type { DecisionTopic } from '../../api/types'
import { useT } from '../../i18n'
import { TopicHeader } from './TopicHeader'

/** The announced topics, read only (before the vote opens, after it ends, or for owners not on the roll). */
export function TopicList({ topics }: { topics: DecisionTopic[] }) {
  const t = useT()
  const sorted = [...topics].sort((a, b) => a.seq - b.seq)
  return (
    <section className="mh-card mh-topics" aria-labelledby="mh-topics-title">
      <h2 id="mh-topics-title" className="mh-section-title">
        {t('decision.topics', { count: topics.length })}
      </h2>
      <ol className="mh-vote-topics">
        {sorted.map((topic) => (
          <li key={topic.id} className="mh-vote-topic">
            <TopicHeader topic={topic} />
          </li>
        ))}
      </ol>
    </section>
  )
}
