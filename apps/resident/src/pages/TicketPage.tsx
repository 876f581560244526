import { Button, Dialog, NoticeBar, Toast } from 'antd-mobile'
import { useState } from 'react'
import { useLocation, useParams } from 'react-router-dom'
import { errorMessage } from '../api/client'
import * as endpoints from '../api/endpoints'
import type { MyTicketAction, Ticket } from '../api/types'
import { LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useById } from '../hooks/useById'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { formatFen, isActiveStatus, statusLabel } from './ticket/format'
import { toUpload } from './ticket/photos'
import { QuoteCard } from './ticket/QuoteCard'
import { RateCard } from './ticket/RateCard'
import { ReasonSheet, type ReasonSheetProps } from './ticket/ReasonSheet'
import { StarRating } from './ticket/StarRating'
import { TicketSummaryCard } from './ticket/TicketSummaryCard'
import { Timeline } from './ticket/Timeline'

type Sheet = 'reopen' | 'cancel' | 'decline_quote'

/** The request and what I can do about it now (the server's `allowedActions`). */
function TicketBody({ ticket, onUpdated }: { ticket: Ticket; onUpdated(ticket: Ticket): void }) {
  const t = useT()
  const [sheet, setSheet] = useState<Sheet | null>(null)
  const [quoteBusy, setQuoteBusy] = useState(false)
  const allowed = new Set(ticket.allowedActions)
  const active = isActiveStatus(ticket.status)

  /** Sends an action; the answer is the request as it is now. Errors go to the caller to show. */
  const act = async (action: MyTicketAction) => {
    const next = await endpoints.actOnMyTicket(ticket.id, action)
    onUpdated(next)
    return next
  }

  const rate = async (rating: number, comment: string) => {
    const next = await act(comment ? { type: 'rate', rating, comment } : { type: 'rate', rating })
    // A low rating reopens the request where the community says so: the answer's status tells.
    const reopened = next.reopenCount > ticket.reopenCount || isActiveStatus(next.status)
    Toast.show({
      icon: reopened ? undefined : 'success',
      content: reopened
        ? t('ticket.rate.reopened', { status: statusLabel(next.status) })
        : t('ticket.rate.thanks'),
    })
  }

  const acceptQuote = async () => {
    if (ticket.quoteFen === null) return
    const confirmed = await Dialog.confirm({
      content: t('ticket.quote.acceptConfirm', { amount: formatFen(ticket.quoteFen) }),
      confirmText: t('ticket.quote.accept'),
      cancelText: t('ticket.notNow'),
    })
    if (!confirmed) return
    setQuoteBusy(true)
    try {
      await act({ type: 'accept_quote' })
      Toast.show({ icon: 'success', content: t('ticket.quote.accepted') })
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) })
    } finally {
      setQuoteBusy(false)
    }
  }

  const sheets: Record<Sheet, ReasonSheetProps> = {
    reopen: {
      title: t('ticket.reopen.title'),
      hint: t('ticket.reopen.hint'),
      placeholder: t('ticket.reopen.placeholder'),
      confirmText: t('ticket.reopen.submit'),
      required: true,
      withPhotos: true,
      onConfirm: async (reason, photos) => {
        const next = await act({ type: 'reopen', reason, photos: photos.map(toUpload) })
        setSheet(null)
        Toast.show({
          icon: 'success',
          content: t('ticket.reopen.done', { status: statusLabel(next.status) }),
        })
      },
      onClose: () => setSheet(null),
    },
    cancel: {
      title: t('ticket.cancel.title'),
      hint: t('ticket.cancel.hint'),
      placeholder: t('ticket.cancel.placeholder'),
      confirmText: t('ticket.cancel.submit'),
      danger: true,
      required: true,
      onConfirm: async (reason) => {
        await act({ type: 'cancel', reason })
        setSheet(null)
        Toast.show({ icon: 'success', content: t('ticket.cancel.done') })
      },
      onClose: () => setSheet(null),
    },
    decline_quote: {
      title: t('ticket.quote.decline'),
      hint: t('ticket.quote.declineHint'),
      placeholder: t('ticket.quote.declinePlaceholder'),
      confirmText: t('ticket.quote.declineSubmit'),
      danger: true,
      required: false,
      onConfirm: async (reason) => {
        await act(reason ? { type: 'decline_quote', reason } : { type: 'decline_quote' })
        setSheet(null)
        Toast.show({ icon: 'success', content: t('ticket.quote.declined') })
      },
      onClose: () => setSheet(null),
    },
  }

  const showQuote = allowed.has('accept_quote') || allowed.has('decline_quote')

  return (
    <>
      <TicketSummaryCard ticket={ticket} />
      {ticket.status === 'on_hold' && (
        <NoticeBar className="mh-notice" color="alert" wrap content={t('ticket.onHold')} />
      )}
      {active && ticket.status !== 'on_hold' && ticket.reopenCount > 0 && (
        <NoticeBar
          className="mh-notice"
          color="alert"
          wrap
          content={t('ticket.reopened', { count: ticket.reopenCount })}
        />
      )}
      {showQuote && (
        <QuoteCard
          ticket={ticket}
          busy={quoteBusy}
          onAccept={() => void acceptQuote()}
          onDecline={() => setSheet('decline_quote')}
        />
      )}
      {allowed.has('rate') && <RateCard key={`rate-${ticket.reopenCount}`} onRate={rate} />}
      {ticket.rating !== null && !allowed.has('rate') && (
        <section
          className="mh-card mh-my-rating"
          data-testid={TEST_IDS.ticketMyRating}
          data-rating={ticket.rating}
        >
          <h2 className="mh-section-title">{t('ticket.myRating')}</h2>
          <div className="mh-rate-stars">
            <StarRating value={ticket.rating} size="small" />
            {ticket.rating >= 1 && ticket.rating <= 5 && (
              <span className="mh-rate-level">
                {t(`ticket.rate.level.${ticket.rating as 1 | 2 | 3 | 4 | 5}`)}
              </span>
            )}
          </div>
          {ticket.ratingComment && <p className="mh-muted">{ticket.ratingComment}</p>}
        </section>
      )}
      {(allowed.has('reopen') || allowed.has('cancel')) && (
        <div className="mh-ticket-actions">
          {allowed.has('reopen') && (
            <Button
              block
              shape="rounded"
              color="primary"
              fill="outline"
              onClick={() => setSheet('reopen')}
              data-testid={TEST_IDS.ticketReopen}
            >
              {t('ticket.reopen')}
            </Button>
          )}
          {allowed.has('cancel') && (
            <Button
              block
              shape="rounded"
              className="mh-danger-outline"
              onClick={() => setSheet('cancel')}
              data-testid={TEST_IDS.ticketCancel}
            >
              {t('ticket.cancel')}
            </Button>
          )}
        </div>
      )}
      <Timeline ticket={ticket} />
      {(['reopen', 'cancel', 'decline_quote'] as const).map((key) => (
        <ReasonSheet key={key} visible={sheet === key} {...sheets[key]} />
      ))}
    </>
  )
}

/** /tickets/:id — one of my requests: where it stands, its timeline, and rate / reopen / cancel / quote. */
export function TicketPage() {
  const t = useT()
  const location = useLocation()
  const { id = '' } = useParams()
  const { state, reload, show } = useById(id, endpoints.fetchMyTicket)
  const justCreated = (location.state as { created?: unknown } | null)?.created === true

  // Back to the list; after a new request, not back into its (spent) form.
  const back = useBack('/tickets', justCreated)

  return (
    <PageShell title={t('ticket.pageTitle')} className="mh-ticket-page" onBack={back} onRefresh={reload}>
      <LoadStatus
        state={state}
        lines={4}
        errorTestId={TEST_IDS.ticketError}
        errorTitle={t('ticket.errorTitle')}
        onRetry={() => void reload()}
      />
      {state.status === 'ready' && <TicketBody key={state.value.id} ticket={state.value} onUpdated={show} />}
    </PageShell>
  )
}
