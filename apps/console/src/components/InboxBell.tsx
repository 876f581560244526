import { BellOutlined } from '@ant-design/icons'
import type { InboxItem } from '@meihao/contracts'
import { Badge, Button, Drawer, Dropdown, Empty, Flex, Grid, Spin, Typography, theme } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { inboxUnreadCount, listInbox, markInboxRead } from '../api/tickets'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { ErrorAlert } from './ErrorAlert'

const POLL_MS = 30_000
/** The dropdown shows the newest few; the rest wait for a later look. */
const SHOWN = 20

/**
 * 消息: SLA warnings, breaches, escalations and assignments for the signed-in staff member. The unread count
 * is asked every 30 s while the tab is visible; opening the bell lists the newest, and clicking one marks it
 * read and opens its ticket.
 */
export function InboxBell() {
  const { t, lang } = useI18n()
  const { token } = theme.useToken()
  const navigate = useNavigate()
  // A phone has no room for a dropdown beside the bell: the list opens as a full-width drawer.
  const narrow = Grid.useBreakpoint().md === false
  const [count, setCount] = useState(0)
  const [open, setOpen] = useState(false)
  const [items, setItems] = useState<InboxItem[] | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const poll = useCallback(async () => {
    try {
      setCount((await inboxUnreadCount()).count)
    } catch {
      // A missed poll is not worth a message; the next one tries again.
    }
  }, [])

  useEffect(() => {
    void poll()
    const timer = setInterval(() => {
      if (!document.hidden) void poll()
    }, POLL_MS)
    const onVisible = () => {
      if (!document.hidden) void poll()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [poll])

  const load = async () => {
    setLoading(true)
    setError(null)
    try {
      const list = await listInbox()
      setItems(list)
      setCount(list.filter((i) => i.readAt === null).length)
    } catch (e) {
      setError(e)
    } finally {
      setLoading(false)
    }
  }

  const choose = async (item: InboxItem) => {
    setOpen(false)
    if (item.readAt === null) {
      setItems(
        (list) =>
          list?.map((i) => (i.id === item.id ? { ...i, readAt: new Date().toISOString() } : i)) ?? null,
      )
      setCount((c) => Math.max(0, c - 1))
      markInboxRead(item.id).catch(() => void poll())
    }
    if (item.ticketId) navigate(`/tickets/${item.ticketId}`)
  }

  const list = (
    <>
      <ErrorAlert error={error} onRetry={() => void load()} />
      <Spin spinning={loading}>
        {items && items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
        ) : null}
        {(items ?? []).slice(0, SHOWN).map((item) => (
          <button
            key={item.id}
            type="button"
            data-testid="inbox-item"
            data-unread={item.readAt === null}
            onClick={() => void choose(item)}
            style={{
              display: 'block',
              width: '100%',
              textAlign: 'start',
              font: 'inherit',
              color: 'inherit',
              border: 'none',
              cursor: 'pointer',
              padding: '8px 10px',
              borderRadius: token.borderRadius,
              background: item.readAt === null ? token.colorPrimaryBg : 'transparent',
              marginBottom: 4,
            }}
          >
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong={item.readAt === null} ellipsis>
                {item.title}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                {formatDateTime(lang, item.at)}
              </Typography.Text>
            </Flex>
            {item.body ? (
              <Typography.Paragraph
                type="secondary"
                ellipsis={{ rows: 2 }}
                style={{ margin: 0, fontSize: 13 }}
              >
                {item.body}
              </Typography.Paragraph>
            ) : null}
          </button>
        ))}
      </Spin>
    </>
  )

  const panel = (
    <div
      data-testid="inbox-panel"
      style={{
        width: 360,
        maxHeight: 440,
        overflowY: 'auto',
        background: token.colorBgElevated,
        borderRadius: token.borderRadiusLG,
        boxShadow: token.boxShadowSecondary,
        padding: 8,
      }}
    >
      <Typography.Text strong style={{ display: 'block', padding: '4px 8px 8px' }}>
        {t('inbox.title')}
      </Typography.Text>
      {list}
    </div>
  )

  const toggle = (next: boolean) => {
    setOpen(next)
    if (next) void load()
  }
  const bell = (
    <Button
      type="text"
      aria-label={t('inbox.titleWithCount', { count })}
      data-testid="inbox-bell"
      data-unread={count}
      onClick={narrow ? () => toggle(true) : undefined}
    >
      <Badge count={count} size="small" overflowCount={99} data-testid="inbox-count">
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  )

  if (narrow) {
    return (
      <>
        {bell}
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="right"
          size="100%"
          title={t('inbox.title')}
          styles={{ body: { padding: 8 } }}
        >
          <div data-testid="inbox-panel">{list}</div>
        </Drawer>
      </>
    )
  }

  return (
    <Dropdown
      open={open}
      onOpenChange={toggle}
      trigger={['click']}
      placement="bottomRight"
      popupRender={() => panel}
    >
      {bell}
    </Dropdown>
  )
}
