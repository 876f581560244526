import { Button, Toast } from 'antd-mobile'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { errorMessage } from '../api/client'
import * as endpoints from '../api/endpoints'
import type { OwnerMessage } from '../api/types'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useRetry } from '../hooks/useRetry'
import { useT } from '../i18n'
import { useMe } from '../session'
import { TEST_IDS } from '../testids'
import { formatMoment } from './pay/format'
import { LoadMore } from './pay/LoadMore'
import { usePaged } from './pay/usePaged'

const PAGE_SIZE = 20
const fetchPage = (cursor: string | null) => endpoints.fetchMyMessages(cursor, PAGE_SIZE)

function MessageRow({
  message,
  open,
  onOpen,
}: {
  message: OwnerMessage
  open: boolean
  onOpen(message: OwnerMessage): void
}) {
  const t = useT()
  const navigate = useNavigate()
  const unread = message.readAt === null
  const payable = message.kind === 'dunning' && message.unitId !== null
  const disclosureId = message.kind === 'disclosure' ? message.params.disclosureId : undefined
  const fundUnitId = message.kind === 'fund_top_up' ? message.unitId : null
  return (
    <li
      className={`mh-card mh-message${unread ? ' mh-message-unread' : ''}`}
      data-testid={TEST_IDS.messageItem}
      data-message-id={message.id}
      data-read={!unread}
    >
      <button type="button" className="mh-message-main" aria-expanded={open} onClick={() => onOpen(message)}>
        <span className="mh-message-head">
          {unread && <span className="mh-unread-dot" role="img" aria-label={t('messages.unread')} />}
          <span className="mh-message-kind">
            {message.kind === 'dunning' || message.kind === 'disclosure' || message.kind === 'fund_top_up'
              ? t(`messages.kind.${message.kind}`)
              : t('messages.kind.other')}
          </span>
          {message.unitCode && (
            <span className="mh-message-unit">{t('messages.unit', { unit: message.unitCode })}</span>
          )}
          <span className="mh-message-time">{formatMoment(message.createdAt)}</span>
        </span>
        <span className={`mh-message-text${open ? '' : ' mh-message-text-clamped'}`}>{message.text}</span>
      </button>
      {open && payable && (
        <div className="mh-message-actions">
          <Button
            size="small"
            shape="rounded"
            color="primary"
            onClick={() => navigate('/pay', { state: { unitId: message.unitId } })}
          >
            {t('messages.pay')}
          </Button>
        </div>
      )}
      {open && typeof disclosureId === 'string' && (
        <div className="mh-message-actions">
          <Button
            size="small"
            shape="rounded"
            color="primary"
            fill="outline"
            onClick={() => navigate(`/disclosures/${encodeURIComponent(disclosureId)}`)}
          >
            {t('messages.viewDisclosure')}
          </Button>
        </div>
      )}
      {open && fundUnitId !== null && (
        <div className="mh-message-actions">
          <Button
            size="small"
            shape="rounded"
            color="primary"
            fill="outline"
            onClick={() => navigate(`/disclosures/fund/accounts/${encodeURIComponent(fundUnitId)}`)}
          >
            {t('messages.viewFund')}
          </Button>
        </div>
      )}
    </li>
  )
}

/** /messages — my messages (payment reminders), newest first; opening one marks it read. */
export function MessagesPage() {
  const t = useT()
  const contextId = useMe().context.id
  const { state, reload, loadMore, update } = usePaged<OwnerMessage>(fetchPage, contextId ?? null)
  const { retrying, retry } = useRetry(reload)
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set())
  const back = useBack('/pay')

  const openMessage = async (message: OwnerMessage) => {
    setOpened((old) => {
      const next = new Set(old)
      if (next.has(message.id)) next.delete(message.id)
      else next.add(message.id)
      return next
    })
    if (message.readAt !== null) return
    // Shown read at once; the server's answer carries the time it was first read.
    update({ ...message, readAt: new Date().toISOString() })
    try {
      update(await endpoints.markMyMessageRead(message.id))
    } catch (error) {
      update(message)
      Toast.show({ icon: 'fail', content: t('messages.readFailed', { message: errorMessage(error) }) })
    }
  }

  const unread = state.status === 'ready' ? state.items.filter((m) => m.readAt === null).length : 0

  return (
    <PageShell title={t('messages.title')} onBack={back} onRefresh={reload}>
      <LoadStatus
        state={state}
        lines={2}
        errorTestId={TEST_IDS.messagesError}
        errorTitle={t('messages.errorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
      {state.status === 'ready' && state.items.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.messagesEmpty}
          title={t('messages.emptyTitle')}
          description={t('messages.emptyDescription')}
        />
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          <ul className="mh-messages" data-testid={TEST_IDS.messagesList} data-unread={unread}>
            {state.items.map((message) => (
              <MessageRow
                key={message.id}
                message={message}
                open={opened.has(message.id)}
                onOpen={(m) => void openMessage(m)}
              />
            ))}
          </ul>
          <LoadMore hasMore={state.nextCursor !== null} loadMore={loadMore} />
        </>
      )}
    </PageShell>
  )
}
