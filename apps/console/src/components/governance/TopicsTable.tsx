import { DeleteOutlined } from '@ant-design/icons'
import type { Topic } from '@meihao/contracts'
import { Button, Popconfirm, Table, type TableColumnsType, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { matterLabel } from './matters'
import { TierTag } from './TierTag'

/** The 议题 of a decision with their matter and tier; removable while the decision is a draft. */
export function TopicsTable({
  topics,
  onRemove,
  removing,
}: {
  topics: Topic[]
  onRemove?: (topic: Topic) => void
  removing?: string | null
}) {
  const { t } = useI18n()
  const candidates = new Map<string, number>()
  for (const topic of topics)
    if (topic.electionGroup)
      candidates.set(topic.electionGroup, (candidates.get(topic.electionGroup) ?? 0) + 1)
  const columns: TableColumnsType<Topic> = [
    { title: t('topic.seq'), dataIndex: 'seq', width: 64 },
    {
      title: t('topic.title'),
      dataIndex: 'title',
      render: (_, topic) => (
        <>
          <div>{topic.title}</div>
          {topic.description ? (
            <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
              {topic.description}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: t('topic.item'), dataIndex: 'item', render: (item: number) => matterLabel(t, item) },
    { title: t('topic.tier'), dataIndex: 'tier', render: (_, topic) => <TierTag tier={topic.tier} /> },
    {
      title: t('topic.election'),
      dataIndex: 'electionGroup',
      render: (_, topic) =>
        topic.electionGroup
          ? t('topic.electionText', {
              group: topic.electionGroup,
              seats: topic.seats ?? 1,
              candidates: candidates.get(topic.electionGroup) ?? 1,
            })
          : '—',
    },
    ...(onRemove
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, topic: Topic) => (
              <Popconfirm
                title={t('topic.removeConfirm', { title: topic.title })}
                okText={t('common.remove')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, 'data-testid': 'topic-remove-confirm' }}
                onConfirm={() => onRemove(topic)}
              >
                <Button
                  type="link"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  loading={removing === topic.id}
                  data-testid={`topic-remove-${topic.seq}`}
                >
                  {t('common.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ]
  return (
    <div data-testid="topic-table">
      <Table<Topic>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={topics}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('decision.noTopics') }}
        onRow={(topic) => ({ 'data-testid': `topic-row-${topic.seq}` }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  )
}
