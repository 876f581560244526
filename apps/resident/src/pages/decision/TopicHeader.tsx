import { Tag } from 'antd-mobile'
import type { DecisionTopic } from '../../api/types'
import { type MessageKey, useT } from '../../i18n'
import { isMatterItem } from './format'

function itemKey(item: number): MessageKey | null {
  return isMatterItem(item) ? `decision.item.${item}` : null
}

/** A topic as announced: number, title, its 278 item and tier, and what it is about. */
export function TopicHeader({ topic, titleId }: { topic: DecisionTopic; titleId?: string }) {
  const t = useT()
  const item = itemKey(topic.item)
  return (
    <div className="mh-topic-head">
      <h3 className="mh-topic-title" id={titleId}>
        <span className="mh-topic-seq">{t('decision.topicSeq', { seq: topic.seq })}</span>
        {topic.title}
      </h3>
      <div className="mh-topic-tags">
        <Tag color={topic.tier === 'major' ? 'warning' : 'primary'} fill="outline" round>
          {t(`decision.tier.${topic.tier}`)}
        </Tag>
        {item && (
          <span className="mh-topic-item">
            {t('decision.itemLabel', { item: topic.item, name: t(item) })}
          </span>
        )}
      </div>
      {topic.electionGroup && (
        <p className="mh-topic-election">
          {t('decision.election', { group: topic.electionGroup, seats: topic.seats ?? 1 })}
        </p>
      )}
      {topic.description && <p className="mh-topic-description">{topic.description}</p>}
    </div>
  )
}
