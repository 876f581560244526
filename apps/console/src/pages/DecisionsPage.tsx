import { PlusOutlined } from '@ant-design/icons'
import type { Decision, DecisionStatus } from '@meihao/contracts'
import { App, Button, Card, Flex, Select, Table, type TableColumnsType, Typography } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { listDecisions } from '../api/governance'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { DecisionFormDrawer } from '../components/governance/DecisionFormDrawer'
import { DecisionStatusTag } from '../components/governance/DecisionStatusTag'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

const STATUSES: readonly DecisionStatus[] = ['draft', 'noticed', 'open', 'closed', 'cancelled']
const isStatus = (value: string | null): value is DecisionStatus =>
  value !== null && (STATUSES as readonly string[]).includes(value)

/**
 * 业主共同决定: the decisions of the communities in scope, filtered by community and status (kept in the
 * address, ?community=…&status=…), and 发起表决 for those who may run them.
 */
export function DecisionsPage() {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const communityId = params.get('community')
  const statusParam = params.get('status')
  const status = isStatus(statusParam) ? statusParam : null
  const [creating, setCreating] = useState(false)
  const decisions = useAsync(() => listDecisions({ communityId, status }), [communityId, status])

  const update = (key: 'community' | 'status', value: string | null) => {
    const merged = new URLSearchParams(params)
    if (value) merged.set(key, value)
    else merged.delete(key)
    setParams(merged, { replace: true })
  }

  const columns: TableColumnsType<Decision> = [
    {
      title: t('decision.name'),
      dataIndex: 'title',
      render: (_, d) => (
        <Link to={`/decisions/${d.id}`} onClick={(e) => e.stopPropagation()} data-testid="decision-link">
          {d.title}
        </Link>
      ),
    },
    { title: t('decision.community'), dataIndex: 'communityName' },
    {
      title: t('decision.status'),
      dataIndex: 'status',
      render: (_, d) => <DecisionStatusTag status={d.status} />,
    },
    {
      title: t('decision.topicCount'),
      key: 'topics',
      align: 'right',
      render: (_, d) => d.topics.length,
    },
    { title: t('decision.recordDate'), dataIndex: 'recordDate' },
    {
      title: t('decision.votingWindow'),
      key: 'window',
      render: (_, d) =>
        t('decision.windowRange', {
          start: formatDateTime(lang, d.votingStartsAt),
          end: formatDateTime(lang, d.votingEndsAt),
        }),
    },
    { title: t('decision.ballotCount'), dataIndex: 'ballotCount', align: 'right' },
  ]

  return (
    <Card
      title={t('menu.decisions')}
      data-testid="decisions-page"
      extra={
        can('governance.manage') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="decision-create"
          >
            {t('decision.create')}
          </Button>
        ) : null
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update('community', id)}
          testId="decision-filter-community"
          style={{ width: 280 }}
        />
        <Select<DecisionStatus>
          allowClear
          value={status ?? undefined}
          onChange={(value?: DecisionStatus) => update('status', value ?? null)}
          placeholder={t('decision.allStatuses')}
          options={STATUSES.map((s) => ({ value: s, label: t(`decisionStatus.${s}`) }))}
          style={{ width: 160 }}
          data-testid="decision-filter-status"
        />
        <Typography.Text type="secondary">{t('decision.listHint')}</Typography.Text>
      </Flex>
      <ErrorAlert error={decisions.error} onRetry={decisions.reload} />
      <div data-testid="decision-table">
        <Table<Decision>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={decisions.data ?? []}
          loading={decisions.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('decision.listEmpty') }}
          onRow={(d) =>
            ({
              'data-testid': 'decision-row',
              style: { cursor: 'pointer' },
              onClick: () => navigate(`/decisions/${d.id}`),
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </div>
      <DecisionFormDrawer
        open={creating}
        communityId={communityId}
        onClose={() => setCreating(false)}
        onCreated={(d) => {
          setCreating(false)
          message.success(t('decision.created'))
          navigate(`/decisions/${d.id}`)
        }}
      />
    </Card>
  )
}
