import { ReloadOutlined, SendOutlined } from '@ant-design/icons'
import type { Assignee, TicketSummary } from '@meihao/contracts'
import { App, Button, Card, Col, Empty, Flex, Row, Spin, Typography, theme } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { listAssignees, listTickets, runTicketAction } from '../api/tickets'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { LoadMore } from '../components/LoadMore'
import { byLoad, LoadTag } from '../components/tickets/AssigneePicker'
import { PriorityTag, SlaTag } from '../components/tickets/TicketTags'
import { useAction } from '../hooks/useAction'
import { useAsync } from '../hooks/useAsync'
import { useCursorList } from '../hooks/useCursorList'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'

/**
 * 派单: on the left the pool (accepted, nobody assigned yet), on the right the technicians of the chosen
 * ticket's community with how many tickets each has open; one click assigns.
 */
export function DispatchPage() {
  const { t, lang } = useI18n()
  const { token } = theme.useToken()
  const { message } = App.useApp()
  const [communityId, setCommunityId] = useState<string | null>(null)
  const [selected, setSelected] = useState<TicketSummary | null>(null)
  const pool = useCursorList((cursor) => listTickets({ pool: true, communityId, cursor }), [communityId])
  const crewCommunity = selected?.communityId ?? communityId
  const crew = useAsync(() => listAssignees(crewCommunity!), [crewCommunity], crewCommunity !== null)
  const assigning = useAction()
  const [busyId, setBusyId] = useState<string | null>(null)

  const assign = async (assignee: Assignee) => {
    if (!selected) return
    setBusyId(assignee.id)
    const ticket = await assigning.run(() =>
      runTicketAction(selected.id, { type: 'assign', assigneeId: assignee.id }),
    )
    setBusyId(null)
    if (!ticket) return
    message.success(t('dispatch.assigned', { number: ticket.number, name: assignee.name }))
    setSelected(null)
    pool.reload()
    crew.reload()
  }

  return (
    <Card
      title={t('menu.dispatch')}
      data-testid="dispatch-page"
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            pool.reload()
            crew.reload()
          }}
          data-testid="dispatch-refresh"
        >
          {t('desk.refresh')}
        </Button>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => {
            setCommunityId(id)
            setSelected(null)
          }}
          testId="dispatch-filter-community"
          style={{ width: 280 }}
        />
        <Typography.Text type="secondary">{t('dispatch.hint')}</Typography.Text>
      </Flex>
      <ErrorAlert error={assigning.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('dispatch.pool')} data-testid="dispatch-pool">
            <ErrorAlert error={pool.error} onRetry={pool.reload} />
            <Spin spinning={pool.loading}>
              {pool.items.length === 0 && !pool.loading ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.poolEmpty')} />
              ) : null}
              <Flex vertical gap={6} role="listbox">
                {pool.items.map((ticket) => {
                  const active = selected?.id === ticket.id
                  return (
                    <div
                      key={ticket.id}
                      role="option"
                      aria-selected={active}
                      tabIndex={0}
                      data-testid={`dispatch-ticket-${ticket.number}`}
                      onClick={() => setSelected(ticket)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault()
                          setSelected(ticket)
                        }
                      }}
                      style={{
                        cursor: 'pointer',
                        padding: '8px 12px',
                        borderRadius: token.borderRadius,
                        border: `1px solid ${active ? token.colorPrimary : token.colorBorderSecondary}`,
                        background: active ? token.controlItemBgActive : undefined,
                      }}
                    >
                      <Flex justify="space-between" gap={8} wrap>
                        <Flex gap={8} align="center" wrap>
                          <Typography.Text strong>{ticket.title}</Typography.Text>
                          <PriorityTag priority={ticket.priority} />
                          <SlaTag state={ticket.slaState} dueAt={ticket.dueAt} />
                        </Flex>
                        <Link to={`/tickets/${ticket.id}`} onClick={(e) => e.stopPropagation()}>
                          {ticket.number}
                        </Link>
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                        {t('dispatch.ticketLine', {
                          community: ticket.communityName,
                          location: ticket.location || '—',
                          category: ticket.categoryName,
                          time: formatDateTime(lang, ticket.createdAt),
                        })}
                      </Typography.Text>
                    </div>
                  )
                })}
              </Flex>
            </Spin>
            <LoadMore
              hasMore={pool.hasMore}
              loading={pool.loadingMore}
              onClick={pool.loadMore}
              testId="dispatch-load-more"
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={selected ? t('dispatch.crewFor', { number: selected.number }) : t('dispatch.crew')}
            data-testid="dispatch-assignees"
          >
            {crewCommunity === null ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.pickTicket')} />
            ) : (
              <Spin spinning={crew.loading}>
                <ErrorAlert error={crew.error} onRetry={crew.reload} />
                {!selected ? (
                  <Typography.Paragraph type="secondary">{t('dispatch.pickTicket')}</Typography.Paragraph>
                ) : null}
                {(crew.data ?? []).length === 0 && !crew.loading && !crew.error ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assignee.none')} />
                ) : null}
                <Flex vertical gap={6}>
                  {[...(crew.data ?? [])].sort(byLoad).map((a) => (
                    <Flex
                      key={a.id}
                      justify="space-between"
                      align="center"
                      gap={8}
                      data-testid="dispatch-assignee"
                      data-assignee-name={a.name}
                      style={{
                        padding: '8px 12px',
                        borderRadius: token.borderRadius,
                        border: `1px solid ${token.colorBorderSecondary}`,
                      }}
                    >
                      <Flex gap={8} align="center">
                        <Typography.Text strong>{a.name}</Typography.Text>
                        <LoadTag open={a.openTickets} />
                      </Flex>
                      <Button
                        type="primary"
                        size="small"
                        icon={<SendOutlined />}
                        disabled={!selected || (busyId !== null && busyId !== a.id)}
                        loading={busyId === a.id}
                        onClick={() => void assign(a)}
                        data-testid="dispatch-assign"
                      >
                        {t('dispatch.assign')}
                      </Button>
                    </Flex>
                  ))}
                </Flex>
              </Spin>
            )}
          </Card>
        </Col>
      </Row>
    </Card>
  )
}
