import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import {
  TICKET_KINDS,
  TICKET_STATUSES,
  type TicketKind,
  type TicketStatus,
  type TicketSummary,
} from '@meihao/contracts'
import { App, Button, Card, Flex, Input, Select, Table, type TableColumnsType, Tabs, Typography } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { listTickets, type TicketQuery } from '../api/tickets'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { LoadMore } from '../components/LoadMore'
import { CategorySelect } from '../components/tickets/CategorySelect'
import { TicketFormDrawer } from '../components/tickets/TicketFormDrawer'
import { EscalationTag, PriorityTag, SlaTag, TicketStatusTag } from '../components/tickets/TicketTags'
import { useCursorList } from '../hooks/useCursorList'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import type { MessageKey } from '../i18n/translate'
import { useSession } from '../session/SessionProvider'

/** The quick tabs of the board: each a fixed part of the query. */
const TABS = [
  'all',
  'submitted',
  'active',
  'on_hold',
  'resolved',
  'overdue',
  'flagged',
  'mine',
  'pool',
] as const
type Tab = (typeof TABS)[number]
const TAB_QUERY: Record<Tab, Pick<TicketQuery, 'status' | 'overdue' | 'flagged' | 'mine' | 'pool'>> = {
  all: {},
  submitted: { status: ['submitted'] },
  active: { status: ['accepted', 'assigned', 'in_progress', 'quoted'] },
  on_hold: { status: ['on_hold'] },
  resolved: { status: ['resolved'] },
  overdue: { overdue: true },
  flagged: { flagged: true },
  mine: { mine: true },
  pool: { pool: true },
}

const isTab = (v: string | null): v is Tab => v !== null && (TABS as readonly string[]).includes(v)
const isKind = (v: string | null): v is TicketKind =>
  v !== null && (TICKET_KINDS as readonly string[]).includes(v)
const isStatus = (v: string): v is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(v)

/**
 * 服务台: every request of the communities in scope, by quick tab (待受理, 处理中, 已超时, …) and filters kept
 * in the address, SLA state coloured; 登记工单 for requests taken by phone, at the desk or on patrol.
 */
export function ServiceDeskPage() {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const [creating, setCreating] = useState(false)

  const communityId = params.get('community')
  const tabParam = params.get('tab')
  const tab: Tab = isTab(tabParam) ? tabParam : 'all'
  const kindParam = params.get('kind')
  const kind = isKind(kindParam) ? kindParam : null
  const categoryId = params.get('category')
  const q = params.get('q') ?? ''
  const statuses = params.getAll('status').filter(isStatus)
  const [search, setSearch] = useState(q)

  const query: TicketQuery = {
    communityId,
    kind,
    categoryId,
    q: q || null,
    ...TAB_QUERY[tab],
    ...(tab === 'all' && statuses.length > 0 ? { status: statuses } : {}),
  }
  const key = JSON.stringify(query)
  const tickets = useCursorList((cursor) => listTickets({ ...query, cursor }), [key])

  const update = (changes: Record<string, string | string[] | null>) => {
    const merged = new URLSearchParams(params)
    for (const [name, value] of Object.entries(changes)) {
      merged.delete(name)
      for (const v of Array.isArray(value) ? value : value ? [value] : []) merged.append(name, v)
    }
    setParams(merged, { replace: true })
  }

  const tabs = TABS.filter(
    (k) =>
      (k !== 'mine' || can('tickets.handle')) &&
      (k !== 'pool' || can('tickets.dispatch') || can('tickets.handle')),
  )
  const tabLabel: Record<Tab, MessageKey> = {
    all: 'desk.tab.all',
    submitted: 'desk.tab.submitted',
    active: 'desk.tab.active',
    on_hold: 'desk.tab.on_hold',
    resolved: 'desk.tab.resolved',
    overdue: 'desk.tab.overdue',
    flagged: 'desk.tab.flagged',
    mine: 'desk.tab.mine',
    pool: 'desk.tab.pool',
  }

  const columns: TableColumnsType<TicketSummary> = [
    {
      title: t('ticket.number'),
      dataIndex: 'number',
      render: (_, r) => (
        <Link to={`/tickets/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="ticket-link">
          {r.number}
        </Link>
      ),
    },
    {
      title: t('ticket.title'),
      dataIndex: 'title',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text ellipsis style={{ maxWidth: 260 }}>
            {r.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`ticketKind.${r.kind}`)} · {t(`ticketChannel.${r.channel}`)}
            {r.flagged ? ` · ${t('ticket.flagged')}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('ticket.location'),
      key: 'location',
      render: (_, r) => (
        <Flex vertical>
          <span>{r.location || '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.communityName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('ticket.category'), dataIndex: 'categoryName' },
    {
      title: t('ticket.priority'),
      dataIndex: 'priority',
      render: (_, r) => <PriorityTag priority={r.priority} />,
    },
    {
      title: t('ticket.status'),
      dataIndex: 'status',
      render: (_, r) => <TicketStatusTag status={r.status} />,
    },
    {
      title: t('ticket.assignee'),
      dataIndex: 'assigneeName',
      render: (_, r) =>
        r.assigneeName ?? <Typography.Text type="secondary">{t('ticket.unassigned')}</Typography.Text>,
    },
    { title: t('ticket.sla'), key: 'sla', render: (_, r) => <SlaTag state={r.slaState} dueAt={r.dueAt} /> },
    {
      title: t('ticket.escalation'),
      dataIndex: 'escalationLevel',
      render: (_, r) => <EscalationTag level={r.escalationLevel} />,
    },
    {
      title: t('ticket.createdAt'),
      dataIndex: 'createdAt',
      render: (_, r) => formatDateTime(lang, r.createdAt),
    },
  ]

  return (
    <Card
      title={t('menu.tickets')}
      data-testid="service-desk-page"
      extra={
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={tickets.reload} data-testid="ticket-refresh">
            {t('desk.refresh')}
          </Button>
          {can('tickets.create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="ticket-create"
            >
              {t('ticket.create')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(next) => update({ tab: next === 'all' ? null : next, status: null })}
        items={tabs.map((k) => ({
          key: k,
          label: <span data-testid={`ticket-tab-${k}`}>{t(tabLabel[k])}</span>,
        }))}
        data-testid="ticket-tabs"
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="ticket-filter-community"
          style={{ width: 240 }}
        />
        {tab === 'all' ? (
          <Select<TicketStatus[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            value={statuses}
            onChange={(value) => update({ status: value })}
            placeholder={t('desk.allStatuses')}
            options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`ticketStatus.${s}`) }))}
            style={{ width: 220 }}
            data-testid="ticket-filter-status"
          />
        ) : null}
        <Select<TicketKind>
          allowClear
          value={kind ?? undefined}
          onChange={(value?: TicketKind) => update({ kind: value ?? null, category: null })}
          placeholder={t('desk.allKinds')}
          options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKind.${k}`) }))}
          style={{ width: 140 }}
          data-testid="ticket-filter-kind"
        />
        <CategorySelect
          kind={kind}
          value={categoryId}
          onChange={(id) => update({ category: id })}
          placeholder={t('desk.allCategories')}
          testId="ticket-filter-category"
          style={{ width: 180 }}
        />
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() || null })}
          placeholder={t('desk.searchPlaceholder')}
          maxLength={50}
          style={{ width: 260 }}
          data-testid="ticket-filter-search"
        />
      </Flex>
      <ErrorAlert error={tickets.error} onRetry={tickets.reload} />
      <div data-testid="ticket-table">
        <Table<TicketSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tickets.items}
          loading={tickets.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('desk.empty') }}
          onRow={(r) =>
            ({
              'data-testid': `ticket-row-${r.number}`,
              'data-status': r.status,
              style: { cursor: 'pointer' },
              onClick: () => navigate(`/tickets/${r.id}`),
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </div>
      <LoadMore
        hasMore={tickets.hasMore}
        loading={tickets.loadingMore}
        onClick={tickets.loadMore}
        testId="ticket-load-more"
      />
      <TicketFormDrawer
        open={creating}
        communityId={communityId}
        onClose={() => setCreating(false)}
        onCreated={(ticket) => {
          setCreating(false)
          message.success(t('ticket.created', { number: ticket.number }))
          navigate(`/tickets/${ticket.id}`)
        }}
      />
    </Card>
  )
}
