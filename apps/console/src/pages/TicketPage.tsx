import { ReloadOutlined } from '@ant-design/icons'
import type { Ticket, TicketActionType } from '@meihao/contracts'
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Rate,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { getTicket, listAssignees } from '../api/tickets'
import { BackLink, DetailPage } from '../components/DetailPage'
import { SlaClocks } from '../components/tickets/SlaClocks'
import { TicketActionBar } from '../components/tickets/TicketActionBar'
import { TicketActionModal } from '../components/tickets/TicketActionModal'
import { TicketPhotos } from '../components/tickets/TicketPhotos'
import { EscalationTag, PriorityTag, TicketStatusTag } from '../components/tickets/TicketTags'
import { TicketTimeline } from '../components/tickets/TicketTimeline'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime, formatFen } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

/** The clocks move on their own; a quiet reload keeps them (and others' actions) current. */
const REFRESH_MS = 60_000

/**
 * One request: status and SLA clocks, what was reported and where, merge hints for likely duplicates, the
 * full timeline, and the buttons of what the caller may do now (each with a small dialog).
 */
export function TicketPage() {
  const { t, lang } = useI18n()
  const { id = '' } = useParams()
  const ticket = useAsync(() => getTicket(id), [id])
  const [action, setAction] = useState<TicketActionType | null>(null)
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null)
  const tk = ticket.data
  const { can } = useSession()
  // Assignment events name technicians by id; dispatchers may list the community's technicians.
  const crewCommunity = can('tickets.dispatch') ? (tk?.communityId ?? null) : null
  const crew = useAsync(() => listAssignees(crewCommunity!), [crewCommunity], crewCommunity !== null)
  const names = new Map((crew.data ?? []).map((a) => [a.id, a.name]))

  const { reload } = ticket
  useEffect(() => {
    const timer = setInterval(() => {
      if (!document.hidden) reload()
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])

  const open = (next: TicketActionType, duplicate: string | null = null) => {
    setDuplicateOf(duplicate)
    setAction(next)
  }
  const done = (next: Ticket) => {
    ticket.setData(() => next)
    setAction(null)
  }

  const back = tk ? `/tickets?community=${tk.communityId}` : '/tickets'
  return (
    <DetailPage
      testId="ticket-page"
      section={{ to: '/tickets', label: t('menu.tickets') }}
      record={ticket}
      crumbs={(tk) => [{ title: <Link to={back}>{tk.communityName}</Link> }, { title: tk.number }]}
    >
      {(tk) => (
        <>
          <Card
            title={
              <Space wrap>
                <BackLink to={back} />
                <Typography.Text type="secondary" data-testid="ticket-number">
                  {tk.number}
                </Typography.Text>
                <span data-testid="ticket-title">{tk.title}</span>
                <TicketStatusTag status={tk.status} />
                <PriorityTag priority={tk.priority} />
                {tk.escalationLevel > 0 ? <EscalationTag level={tk.escalationLevel} /> : null}
                {tk.flagged ? <Tag color="magenta">{t('ticket.flagged')}</Tag> : null}
              </Space>
            }
            extra={
              <Button
                type="text"
                icon={<ReloadOutlined />}
                onClick={ticket.reload}
                loading={ticket.loading}
                aria-label={t('desk.refresh')}
                data-testid="ticket-reload"
              />
            }
          >
            <TicketActionBar ticket={tk} onAction={(a) => open(a)} />
            {tk.allowedActions.length === 0 ? (
              <Typography.Text type="secondary" data-testid="ticket-no-actions">
                {t('ticket.noActions')}
              </Typography.Text>
            ) : null}
          </Card>

          {tk.duplicates.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="ticket-duplicates"
              title={t('ticket.duplicatesTitle')}
              description={
                <Flex vertical gap={4}>
                  {tk.duplicates.map((d) => (
                    <Flex key={d.id} gap={8} align="center" wrap data-testid="ticket-duplicate">
                      <Link to={`/tickets/${d.id}`}>{d.number}</Link>
                      <span>{d.title}</span>
                      <TicketStatusTag status={d.status} testId="duplicate-status" />
                      <Typography.Text type="secondary">{formatDateTime(lang, d.createdAt)}</Typography.Text>
                      {tk.allowedActions.includes('cancel_duplicate') ? (
                        <Button
                          size="small"
                          danger
                          onClick={() => open('cancel_duplicate', d.id)}
                          data-testid={`ticket-merge-${d.number}`}
                        >
                          {t('ticket.merge')}
                        </Button>
                      ) : null}
                    </Flex>
                  ))}
                </Flex>
              }
            />
          ) : null}

          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <TicketFacts ticket={tk} />
                <Card size="small" title={t('ticket.timeline')}>
                  <TicketTimeline ticket={tk} names={names} />
                </Card>
              </Space>
            </Col>
            <Col xs={24} xl={8}>
              <SlaClocks clocks={tk.clocks} />
            </Col>
          </Row>

          <TicketActionModal
            ticket={tk}
            action={action}
            duplicateOf={duplicateOf}
            onClose={() => setAction(null)}
            onDone={done}
          />
        </>
      )}
    </DetailPage>
  )
}

function TicketFacts({ ticket: tk }: { ticket: Ticket }) {
  const { t, lang } = useI18n()
  const preferred =
    tk.preferredFrom || tk.preferredTo
      ? t('decision.windowRange', {
          start: formatDateTime(lang, tk.preferredFrom),
          end: formatDateTime(lang, tk.preferredTo),
        })
      : '—'
  const items: DescriptionsProps['items'] = [
    { key: 'community', label: t('ticket.community'), children: tk.communityName },
    {
      key: 'location',
      label: t('ticket.location'),
      children: tk.unitId ? (
        <Link to={`/units/${tk.unitId}`}>{tk.unitCode ?? tk.location}</Link>
      ) : (
        (tk.spot ?? (tk.location || '—'))
      ),
    },
    { key: 'kind', label: t('ticket.kind'), children: t(`ticketKind.${tk.kind}`) },
    { key: 'category', label: t('ticket.category'), children: tk.categoryName },
    { key: 'channel', label: t('ticket.channel'), children: t(`ticketChannel.${tk.channel}`) },
    { key: 'createdAt', label: t('ticket.createdAt'), children: formatDateTime(lang, tk.createdAt) },
    { key: 'contactName', label: t('ticket.contactName'), children: tk.contactName ?? '—' },
    {
      key: 'contactPhone',
      label: t('ticket.contactPhone'),
      children: (
        <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="ticket-contact-phone">
          {tk.contactPhone ?? '—'}
        </Typography.Text>
      ),
    },
    { key: 'preferred', label: t('ticket.preferredTime'), children: preferred },
    {
      key: 'assignee',
      label: t('ticket.assignee'),
      children: <span data-testid="ticket-assignee">{tk.assigneeName ?? t('ticket.unassigned')}</span>,
    },
  ]
  if (tk.quoteFen !== null)
    items.push({ key: 'quote', label: t('ticket.quote'), children: formatFen(tk.quoteFen) })
  if (tk.heldFrom) {
    items.push({
      key: 'heldFrom',
      label: t('timeline.heldFrom'),
      children: <TicketStatusTag status={tk.heldFrom} testId="ticket-held-from" />,
    })
  }
  if (tk.rating !== null) {
    items.push({
      key: 'rating',
      label: t('ticket.rating'),
      children: (
        <Space>
          <Rate disabled value={tk.rating} style={{ fontSize: 14 }} />
          {tk.ratingComment ? <span>{tk.ratingComment}</span> : null}
        </Space>
      ),
    })
  }
  if (tk.reopenCount > 0)
    items.push({ key: 'reopen', label: t('ticket.reopenCount'), children: tk.reopenCount })
  if (tk.duplicateOf)
    items.push({
      key: 'duplicateOf',
      label: t('ticket.duplicateOf'),
      children: <Link to={`/tickets/${tk.duplicateOf}`}>{t('timeline.duplicateOf')}</Link>,
    })

  return (
    <Card size="small" title={t('ticket.details')} data-testid="ticket-facts">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}
        data-testid="ticket-description"
      >
        {tk.description || <Typography.Text type="secondary">{t('ticket.noDescription')}</Typography.Text>}
      </Typography.Paragraph>
      <TicketPhotos ticketId={tk.id} photos={tk.photos} size={96} />
    </Card>
  )
}
