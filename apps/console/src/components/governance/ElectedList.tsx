import type { Topic } from '@meihao/contracts'
import { Descriptions, Space, Tag, Typography } from 'antd'
import type { ElectedGroup } from '../../api/governance'
import { useI18n } from '../../i18n/I18nProvider'

/** 当选: per election group, the candidates elected in order (most agreeing heads, then area). */
export function ElectedList({ groups, topics }: { groups: ElectedGroup[]; topics: Topic[] }) {
  const { t } = useI18n()
  if (groups.length === 0) return null
  const byId = new Map(topics.map((topic) => [topic.id, topic]))
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      title={t('result.elected')}
      data-testid="decision-elected"
      items={groups.map((g) => ({
        key: g.group,
        label: t('topic.electionText', {
          group: g.group,
          seats: g.seats,
          candidates: topics.filter((topic) => topic.electionGroup === g.group).length,
        }),
        children:
          g.topicIds.length === 0 ? (
            <Typography.Text type="secondary">{t('result.noneElected')}</Typography.Text>
          ) : (
            <Space size={4} wrap>
              {g.topicIds.map((id, i) => (
                <Tag key={id} color="green" data-testid="decision-elected-candidate">
                  {t('result.electedRank', { rank: i + 1, title: byId.get(id)?.title ?? id })}
                </Tag>
              ))}
              {g.topicIds.length < g.seats ? (
                <Typography.Text type="warning">
                  {t('result.seatsUnfilled', { elected: g.topicIds.length, seats: g.seats })}
                </Typography.Text>
              ) : null}
            </Space>
          ),
      }))}
    />
  )
}
