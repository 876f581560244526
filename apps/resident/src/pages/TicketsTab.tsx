import { Button, InfiniteScroll } from 'antd-mobile'
import { useEffect } from 'react'
import { useNavigate } from 'react-router-dom'
import type { TicketKind, TicketSummary } from '../api/types'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useRetry } from '../hooks/useRetry'
import { useT } from '../i18n'
import { useMe } from '../session'
import { TEST_IDS } from '../testids'
import { formatWhen } from './ticket/format'
import { KindTiles } from './ticket/KindTiles'
import { PriorityTag, TicketStatusTag } from './ticket/StatusTag'
import { useMyTickets } from './ticket/useMyTickets'
import { loadTicketCategories } from './ticket/useTicketCategories'

function TicketRow({ ticket }: { ticket: TicketSummary }) {
  const t = useT()
  const navigate = useNavigate()
  return (
    <li
      data-testid={`${TEST_IDS.myTicket}-${ticket.number}`}
      data-ticket-id={ticket.id}
      data-status={ticket.status}
    >
      <button
        type="button"
        className="mh-row-card mh-ticket-row"
        onClick={() => navigate(`/tickets/${ticket.id}`)}
      >
        <span className="mh-ticket-row-head">
          <TicketStatusTag status={ticket.status} />
          <PriorityTag priority={ticket.priority} />
          <span className="mh-ticket-row-kind">
            {t(`tickets.kind.${ticket.kind}`)} · {ticket.categoryName}
          </span>
        </span>
        <span className="mh-ticket-row-title">{ticket.title}</span>
        {ticket.location && <span className="mh-ticket-row-meta">{ticket.location}</span>}
        <span className="mh-ticket-row-foot">
          <span className="mh-ticket-number">{ticket.number}</span>
          <span>
            {ticket.rating !== null
              ? t('tickets.rated', { rating: ticket.rating })
              : t('tickets.submittedAt', { time: formatWhen(ticket.createdAt) })}
          </span>
        </span>
      </button>
    </li>
  )
}

/** The 报修 tab: 一键报修 (tap 1 of 3) on top, 我的报修 below, more loaded as the owner scrolls. */
export function TicketsTab() {
  const t = useT()
  const navigate = useNavigate()
  const contextId = useMe().context.id
  const { state, reload, loadMore } = useMyTickets(contextId)
  const { retrying, retry } = useRetry(reload)

  // The categories are needed one tap later: fetch them now so that step shows at once.
  useEffect(() => {
    if (contextId) loadTicketCategories(contextId).catch(() => undefined)
  }, [contextId])

  const choose = (kind: TicketKind) => navigate(`/tickets/new?kind=${kind}`)

  return (
    <PageShell title={t('tickets.title')} onRefresh={reload}>
      <section className="mh-card mh-quick" aria-labelledby="mh-quick-title">
        <h2 id="mh-quick-title" className="mh-section-title">
          {t('tickets.quick')}
        </h2>
        <p className="mh-quick-hint">{t('tickets.quickHint')}</p>
        <KindTiles onChoose={choose} />
      </section>

      <h2 className="mh-section-title mh-list-title">{t('tickets.mine')}</h2>
      <LoadStatus
        state={state}
        lines={2}
        errorTestId={TEST_IDS.myTicketsError}
        errorTitle={t('tickets.mineErrorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
      {state.status === 'ready' && state.items.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.myTicketsEmpty}
          title={t('tickets.mineEmptyTitle')}
          description={t('tickets.mineEmptyDescription')}
        />
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          <ul className="mh-ticket-rows" data-testid={TEST_IDS.myTicketsList}>
            {state.items.map((ticket) => (
              <TicketRow key={ticket.id} ticket={ticket} />
            ))}
          </ul>
          <InfiniteScroll loadMore={loadMore} hasMore={state.nextCursor !== null}>
            {(hasMore, failed, retryMore) =>
              !hasMore ? (
                <span className="mh-infinite-text">{t('tickets.noMore')}</span>
              ) : failed ? (
                <span className="mh-infinite-text">
                  {t('tickets.loadMoreFailed')}
                  <Button size="mini" fill="none" color="primary" onClick={retryMore}>
                    {t('common.retry')}
                  </Button>
                </span>
              ) : (
                <span className="mh-infinite-text">{t('tickets.loadingMore')}</span>
              )
            }
          </InfiniteScroll>
        </>
      )}
    </PageShell>
  )
}
