import { ArrowRightOutlined } from '@ant-design/icons'
import type { Ticket, TicketEventView } from '@meihao/contracts'
import { SLA_CLOCKS, TICKET_CHANNELS, TICKET_STATUSES } from '@meihao/contracts'
import { Flex, Rate, Space, Tag, Timeline, Typography } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { formatDateTime, formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { TicketPhotos } from './TicketPhotos'
import { TicketStatusTag } from './TicketTags'

const EVENT_COLOR: Partial<Record<TicketEventView['kind'], string>> = {
  create: 'blue',
  sla_warning: 'orange',
  sla_breach: 'red',
  escalate: 'red',
  resolve: 'green',
  verify: 'green',
  cancel: 'gray',
  cancel_duplicate: 'gray',
  reject_fix: 'red',
  reopen: 'red',
}

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null)
const int = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null)
const isStatus = (value: unknown): value is (typeof TICKET_STATUSES)[number] =>
  typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value)
const isClock = (value: unknown): value is (typeof SLA_CLOCKS)[number] =>
  typeof value === 'string' && (SLA_CLOCKS as readonly string[]).includes(value)
const ORG_LEVELS = ['project', 'city', 'group'] as const
const isOrgLevel = (value: unknown): value is (typeof ORG_LEVELS)[number] =>
  typeof value === 'string' && (ORG_LEVELS as readonly string[]).includes(value)

const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []
const isChannel = (value: unknown): value is (typeof TICKET_CHANNELS)[number] =>
  typeof value === 'string' && (TICKET_CHANNELS as readonly string[]).includes(value)

/** The details an event carries beside its note, the known ones in words (ids stay out of sight). */
function EventDetails({
  details,
  names,
}: {
  details: TicketEventView['details']
  names: ReadonlyMap<string, string>
}) {
  const { t, lang } = useI18n()
  const parts: ReactNode[] = []
  const nameOf = (key: string, nameKey: string) => {
    const id = str(details[key])
    return str(details[nameKey]) ?? (id ? (names.get(id) ?? null) : null)
  }
  if (isChannel(details.channel)) parts.push(<Tag key="channel">{t(`ticketChannel.${details.channel}`)}</Tag>)
  const reason = str(details.reason)
  if (reason) parts.push(<span key="reason">{t('timeline.reason', { reason })}</span>)
  const assignee = nameOf('assigneeId', 'assigneeName')
  if (assignee) parts.push(<span key="assignee">{t('timeline.assignee', { name: assignee })}</span>)
  const previous = nameOf('previousAssigneeId', 'previousAssigneeName')
  if (previous) parts.push(<span key="previous">{t('timeline.previousAssignee', { name: previous })}</span>)
  const amount = int(details.amountFen)
  if (amount !== null)
    parts.push(<span key="amount">{t('timeline.amount', { amount: formatFen(amount) })}</span>)
  for (const key of ['rating', 'satisfaction'] as const) {
    const score = int(details[key])
    if (score !== null)
      parts.push(
        <Space key={key} size={4}>
          {t(key === 'rating' ? 'ticket.rating' : 'ticket.satisfaction')}
          <Rate disabled value={score} style={{ fontSize: 12 }} />
        </Space>,
      )
  }
  const comment = str(details.comment)
  if (comment) parts.push(<span key="comment">{t('timeline.comment', { comment })}</span>)
  if (isClock(details.clock)) parts.push(<Tag key="clock">{t(`slaClock.${details.clock}`)}</Tag>)
  const level = int(details.level)
  if (level !== null) {
    parts.push(
      <Tag key="level" color={level >= 2 ? 'red' : 'orange'}>
        {t('ticket.escalationLevel', { level })}
      </Tag>,
    )
  }
  if (isOrgLevel(details.orgLevel)) parts.push(<span key="org">{t(`orgLevel.${details.orgLevel}`)}</span>)
  const orgUnit = str(details.orgUnit)
  if (orgUnit) parts.push(<span key="orgUnit">{orgUnit}</span>)
  const notified = strings(details.notified)
  if (notified.length > 0)
    parts.push(
      <span key="notified">
        {t('timeline.notified', { name: notified.join(t('common.listSeparator')) })}
      </span>,
    )
  const dueAt = str(details.dueAt)
  if (dueAt && (details.clock !== undefined || details.level !== undefined))
    parts.push(<span key="due">{t('sla.dueAt', { time: formatDateTime(lang, dueAt) })}</span>)
  if (isStatus(details.heldFrom))
    parts.push(
      <Space key="held" size={4}>
        {t('timeline.heldFrom')}
        <TicketStatusTag status={details.heldFrom} testId="timeline-held-from" />
      </Space>,
    )
  const duplicateOf = str(details.duplicateOf)
  if (duplicateOf)
    parts.push(
      <Link key="dup" to={`/tickets/${duplicateOf}`}>
        {str(details.duplicateOfNumber)
          ? t('timeline.duplicateOfNumber', { number: String(details.duplicateOfNumber) })
          : t('timeline.duplicateOf')}
      </Link>,
    )
  if (parts.length === 0) return null
  return (
    <Flex wrap gap={8} align="center">
      {parts}
    </Flex>
  )
}

/** The ticket's history: who did what when, from which status to which, why, with the photos taken. */
export function TicketTimeline({
  ticket,
  compact = false,
  names: known,
}: {
  ticket: Ticket
  compact?: boolean
  /** Names of staff by id (the community's technicians), for assignments the events name by id. */
  names?: ReadonlyMap<string, string>
}) {
  const { t, lang } = useI18n()
  const names = new Map(known)
  if (ticket.assigneeId && ticket.assigneeName) names.set(ticket.assigneeId, ticket.assigneeName)
  const events = [...ticket.events].sort((a, b) => b.seq - a.seq)
  return (
    <Timeline
      data-testid="ticket-timeline"
      items={events.map((e) => ({
        key: e.seq,
        color: EVENT_COLOR[e.kind] ?? 'blue',
        content: (
          <Flex vertical gap={4} data-testid="timeline-event" data-kind={e.kind}>
            <Flex wrap gap={8} align="center">
              <Typography.Text strong>{t(`ticketEvent.${e.kind}`)}</Typography.Text>
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                <Space size={4}>
                  <TicketStatusTag status={e.fromStatus} testId="timeline-from" />
                  <ArrowRightOutlined style={{ fontSize: 10 }} />
                  <TicketStatusTag status={e.toStatus} testId="timeline-to" />
                </Space>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('timeline.by', {
                  time: formatDateTime(lang, e.at),
                  actor: e.actorName
                    ? t('common.nameWithNote', { name: e.actorName, note: t(`ticketRole.${e.actorRole}`) })
                    : t(`ticketRole.${e.actorRole}`),
                })}
              </Typography.Text>
            </Flex>
            {e.note ? (
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="timeline-note">
                {e.note}
              </Typography.Text>
            ) : null}
            <EventDetails details={e.details} names={names} />
            <TicketPhotos
              ticketId={ticket.id}
              photos={e.photos}
              size={compact ? 56 : 64}
              testId="timeline-photos"
            />
          </Flex>
        ),
      }))}
    />
  )
}
