import { Button } from 'antd-mobile'
import type { Ticket } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatFen } from './format'

/** A paid in-home repair waiting for my decision: the amount, the technician's note, accept or decline. */
export function QuoteCard({
  ticket,
  busy,
  onAccept,
  onDecline,
}: {
  ticket: Ticket
  busy: boolean
  onAccept(): void
  onDecline(): void
}) {
  const t = useT()
  const canAccept = ticket.allowedActions.includes('accept_quote')
  const canDecline = ticket.allowedActions.includes('decline_quote')
  const note = [...ticket.events].sort((a, b) => b.seq - a.seq).find((e) => e.kind === 'quote')?.note
  return (
    <section className="mh-card mh-quote" aria-labelledby="mh-quote-title" data-testid={TEST_IDS.ticketQuote}>
      <h2 id="mh-quote-title" className="mh-section-title">
        {t('ticket.quote.title')}
      </h2>
      <div className="mh-quote-amount">
        <span className="mh-quote-label">{t('ticket.quote.amount')}</span>
        <span
          className="mh-quote-value"
          data-testid={TEST_IDS.ticketQuoteAmount}
          data-fen={ticket.quoteFen ?? ''}
        >
          {ticket.quoteFen === null ? '—' : formatFen(ticket.quoteFen)}
        </span>
      </div>
      {note && <p className="mh-quote-note">{note}</p>}
      <p className="mh-muted">{t('ticket.quote.hint')}</p>
      <div className="mh-quote-actions">
        {canDecline && (
          <Button
            block
            shape="rounded"
            disabled={busy}
            onClick={onDecline}
            data-testid={TEST_IDS.ticketDeclineQuote}
          >
            {t('ticket.quote.decline')}
          </Button>
        )}
        {canAccept && (
          <Button
            block
            shape="rounded"
            color="primary"
            loading={busy}
            onClick={onAccept}
            data-testid={TEST_IDS.ticketAcceptQuote}
          >
            {t('ticket.quote.accept')}
          </Button>
        )}
      </div>
    </section>
  )
}
