import { ArrowLeftOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons'
import type { Ticket, TicketActionType } from '@meihao/contracts'
import { Button, Card, Collapse, Flex, Skeleton, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { getTicket } from '../api/tickets'
import { ErrorAlert } from '../components/ErrorAlert'
import { TicketActionModal } from '../components/tickets/TicketActionModal'
import { TicketPhotos } from '../components/tickets/TicketPhotos'
import { PriorityTag, TicketStatusTag } from '../components/tickets/TicketTags'
import { TicketTimeline } from '../components/tickets/TicketTimeline'
import {
  DANGEROUS_ACTIONS,
  formatDue,
  SLA_COLOR,
  TECHNICIAN_ACTIONS,
} from '../components/tickets/ticketValues'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import type { MessageKey } from '../i18n/translate'
import { PHONE_WIDTH } from './TechnicianPage'

/** On site the words are the work's, not the desk's: 接单 rather than 抢单, 完成 rather than 办结. */
const LABELS: Partial<Record<TicketActionType, MessageKey>> = {
  grab: 'task.action.grab',
  start: 'task.action.start',
  resolve: 'task.action.resolve',
  hold: 'task.action.hold',
}

/** A task on the technician's phone: where, what, due when, and big buttons for the next step. */
export function TechnicianTicketPage() {
  const { t, lang } = useI18n()
  const { id = '' } = useParams()
  const ticket = useAsync(() => getTicket(id), [id])
  const [action, setAction] = useState<TicketActionType | null>(null)
  const tk = ticket.data
  const actions = tk ? TECHNICIAN_ACTIONS.filter((a) => tk.allowedActions.includes(a)) : []

  const done = (next: Ticket) => {
    ticket.setData(() => next)
    setAction(null)
  }

  return (
    <div style={{ maxWidth: PHONE_WIDTH, margin: '0 auto' }} data-testid="task-page">
      <Link
        to="/tasks"
        style={{ display: 'inline-block', padding: '8px 0', fontSize: 16 }}
        data-testid="task-back"
      >
        <ArrowLeftOutlined /> {t('menu.tasks')}
      </Link>
      <ErrorAlert error={ticket.error} onRetry={ticket.reload} />
      {ticket.loading && !tk ? <Skeleton active /> : null}
      {tk ? (
        <Flex vertical gap={12}>
          <Card size="small" styles={{ body: { padding: 16 } }}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text type="secondary">{tk.number}</Typography.Text>
              <TicketStatusTag status={tk.status} />
            </Flex>
            <Typography.Title level={4} style={{ margin: '8px 0' }} data-testid="task-title">
              {tk.title}
            </Typography.Title>
            <Flex align="center" gap={6} style={{ fontSize: 16, marginBottom: 8 }}>
              <EnvironmentOutlined />
              <span data-testid="task-location">
                {tk.communityName} · {tk.location || '—'}
              </span>
            </Flex>
            <Flex gap={6} wrap>
              <PriorityTag priority={tk.priority} />
              <Tag>{tk.categoryName}</Tag>
              {tk.clocks
                .filter((c) => c.stoppedAt === null)
                .map((c) => (
                  <Tag key={c.clock} color={SLA_COLOR[c.state]} data-testid={`task-clock-${c.clock}`}>
                    {t('task.clockDue', { clock: t(`slaClock.${c.clock}`), due: formatDue(lang, c.dueAt) })}
                  </Tag>
                ))}
            </Flex>
          </Card>

          <Flex vertical gap={10} data-testid="task-actions">
            {actions.map((a, i) => (
              <Button
                key={a}
                block
                size="large"
                type={i === 0 && !DANGEROUS_ACTIONS.has(a) ? 'primary' : 'default'}
                danger={DANGEROUS_ACTIONS.has(a)}
                style={{ height: 56, fontSize: 18 }}
                onClick={() => setAction(a)}
                data-testid={`task-action-${a}`}
              >
                {t(LABELS[a] ?? `ticketAction.${a}`)}
              </Button>
            ))}
          </Flex>

          <Card size="small" title={t('ticket.details')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>
              {tk.description || (
                <Typography.Text type="secondary">{t('ticket.noDescription')}</Typography.Text>
              )}
            </Typography.Paragraph>
            {tk.contactName || tk.contactPhone ? (
              <Flex align="center" gap={6} style={{ marginBottom: 8 }}>
                <PhoneOutlined />
                <span>
                  {tk.contactName ?? ''} {tk.contactPhone ?? ''}
                </span>
              </Flex>
            ) : null}
            {tk.preferredFrom || tk.preferredTo ? (
              <Typography.Paragraph type="secondary">
                {t('task.preferred', {
                  start: formatDateTime(lang, tk.preferredFrom),
                  end: formatDateTime(lang, tk.preferredTo),
                })}
              </Typography.Paragraph>
            ) : null}
            <TicketPhotos ticketId={tk.id} photos={tk.photos} size={88} />
          </Card>

          <Collapse
            size="small"
            items={[
              {
                key: 'timeline',
                label: t('ticket.timelineCount', { count: tk.events.length }),
                children: <TicketTimeline ticket={tk} compact />,
              },
            ]}
          />

          <TicketActionModal
            ticket={tk}
            action={action}
            onClose={() => setAction(null)}
            onDone={done}
            testIdPrefix="task-action"
            phone
            labels={LABELS}
          />
        </Flex>
      ) : null}
    </div>
  )
}
