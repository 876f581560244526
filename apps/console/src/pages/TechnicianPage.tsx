import { EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons'
import type { TicketStatus, TicketSummary } from '@meihao/contracts'
import { Button, Card, Empty, Flex, Segmented, Spin, Typography, theme } from 'antd'
import { Link, useSearchParams } from 'react-router-dom'
import { listTickets, type TicketQuery } from '../api/tickets'
import { ErrorAlert } from '../components/ErrorAlert'
import { LoadMore } from '../components/LoadMore'
import { PriorityTag, SlaTag, TicketStatusTag } from '../components/tickets/TicketTags'
import { useCursorList } from '../hooks/useCursorList'
import { useI18n } from '../i18n/I18nProvider'

/** The width of a phone: the page is used on site, one-handed. */
export const PHONE_WIDTH = 480

const VIEWS = ['mine', 'pool', 'done'] as const
type View = (typeof VIEWS)[number]
const isView = (v: string | null): v is View => v !== null && (VIEWS as readonly string[]).includes(v)

const OPEN: TicketStatus[] = ['assigned', 'in_progress', 'on_hold', 'quoted']
const DONE: TicketStatus[] = ['resolved', 'verified', 'closed']
const VIEW_QUERY: Record<View, TicketQuery> = {
  mine: { mine: true, status: OPEN },
  pool: { pool: true },
  done: { mine: true, status: DONE },
}

const URGENCY: Record<string, number> = { breached: 0, warning: 1, running: 2, paused: 3 }
/** The most pressing first: breached, then warning, then by due time. */
const byUrgency = (a: TicketSummary, b: TicketSummary) =>
  (URGENCY[a.slaState ?? ''] ?? 4) - (URGENCY[b.slaState ?? ''] ?? 4) ||
  (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9')

/** 我的任务: a technician's phone screen — my open tasks, the pool to take from, and what I finished. */
export function TechnicianPage() {
  const { t } = useI18n()
  const { token } = theme.useToken()
  const [params, setParams] = useSearchParams()
  const viewParam = params.get('view')
  const view: View = isView(viewParam) ? viewParam : 'mine'
  const tasks = useCursorList((cursor) => listTickets({ ...VIEW_QUERY[view], cursor }), [view])
  const items = view === 'done' ? tasks.items : [...tasks.items].sort(byUrgency)

  return (
    <div style={{ maxWidth: PHONE_WIDTH, margin: '0 auto' }} data-testid="technician-page">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('menu.tasks')}
        </Typography.Title>
        <Button
          size="large"
          icon={<ReloadOutlined />}
          onClick={tasks.reload}
          aria-label={t('desk.refresh')}
          data-testid="task-refresh"
        />
      </Flex>
      <Segmented<View>
        block
        size="large"
        value={view}
        onChange={(next) => setParams(next === 'mine' ? {} : { view: next }, { replace: true })}
        options={VIEWS.map((v) => ({
          value: v,
          label: <span data-testid={`task-view-${v}`}>{t(`task.view.${v}`)}</span>,
        }))}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
      <Spin spinning={tasks.loading}>
        {items.length === 0 && !tasks.loading ? (
          <Empty description={t(`task.empty.${view}`)} style={{ padding: 32 }} />
        ) : null}
        <Flex vertical gap={10} data-testid="task-list">
          {items.map((ticket) => (
            <Link
              key={ticket.id}
              to={`/tasks/${ticket.id}`}
              data-testid={`task-card-${ticket.number}`}
              style={{ color: 'inherit' }}
            >
              <Card
                size="small"
                hoverable
                style={{
                  borderInlineStart: `4px solid ${
                    ticket.slaState === 'breached'
                      ? token.colorError
                      : ticket.slaState === 'warning'
                        ? token.colorWarning
                        : token.colorPrimaryBorder
                  }`,
                }}
                styles={{ body: { padding: 14 } }}
              >
                <Flex justify="space-between" align="start" gap={8}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {ticket.title}
                  </Typography.Text>
                  <TicketStatusTag status={ticket.status} />
                </Flex>
                <Flex align="center" gap={6} style={{ margin: '6px 0', fontSize: 15 }}>
                  <EnvironmentOutlined />
                  <span>
                    {ticket.communityName} · {ticket.location || '—'}
                  </span>
                </Flex>
                <Flex gap={6} wrap align="center">
                  <PriorityTag priority={ticket.priority} />
                  <SlaTag state={ticket.slaState} dueAt={ticket.dueAt} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {ticket.number} · {ticket.categoryName}
                  </Typography.Text>
                </Flex>
              </Card>
            </Link>
          ))}
        </Flex>
      </Spin>
      <LoadMore
        hasMore={tasks.hasMore}
        loading={tasks.loadingMore}
        onClick={tasks.loadMore}
        testId="task-load-more"
      />
    </div>
  )
}
