import type { Ticket } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatWhen, KIND_ICON, KIND_TONE } from './format'
import { PhotoGrid } from './PhotoGrid'
import { PriorityTag } from './StatusTag'

/** The head of the request page: status, title, what and where, and what the owner reported. */
export function TicketSummaryCard({ ticket }: { ticket: Ticket }) {
  const t = useT()
  const Icon = KIND_ICON[ticket.kind]
  const location = ticket.spot ?? ticket.location
  const facts: { label: string; value: string; testId?: string }[] = [
    { label: t('ticket.number'), value: ticket.number, testId: TEST_IDS.ticketNumber },
    {
      label: t('ticket.kind'),
      value: t('ticket.kindValue', { kind: t(`tickets.kind.${ticket.kind}`), category: ticket.categoryName }),
    },
  ]
  if (location) facts.push({ label: t('ticket.location'), value: location })
  facts.push({ label: t('ticket.createdAt'), value: formatWhen(ticket.createdAt) })
  if (ticket.preferredFrom && ticket.preferredTo)
    facts.push({
      label: t('ticket.preferred'),
      value: t('ticket.preferredValue', {
        from: formatWhen(ticket.preferredFrom),
        to: formatWhen(ticket.preferredTo),
      }),
    })
  if (ticket.assigneeName) facts.push({ label: t('ticket.assignee'), value: ticket.assigneeName })

  return (
    <section className="mh-card mh-ticket-head">
      <div className={`mh-ticket-status mh-ticket-status-${ticket.status}`}>
        <span className={`mh-icon-badge mh-icon-badge-small mh-tone-${KIND_TONE[ticket.kind]}`}>
          <Icon />
        </span>
        <span
          className="mh-ticket-status-text"
          data-testid={TEST_IDS.ticketStatus}
          data-status={ticket.status}
        >
          {t(`tickets.status.${ticket.status}`)}
        </span>
        <PriorityTag priority={ticket.priority} />
      </div>
      <h1 className="mh-ticket-title" data-testid={TEST_IDS.ticketTitle}>
        {ticket.title}
      </h1>
      <dl className="mh-ticket-facts">
        {facts.map(({ label, value, testId }) => (
          <div key={label} className="mh-ticket-fact">
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      {ticket.description && (
        <div className="mh-ticket-description">
          <h2 className="mh-subtitle">{t('ticket.description')}</h2>
          <p>{ticket.description}</p>
        </div>
      )}
      {ticket.photos.length > 0 && (
        <div className="mh-ticket-photos">
          <h2 className="mh-subtitle">{t('ticket.photos')}</h2>
          <PhotoGrid ticketId={ticket.id} photos={ticket.photos} />
        </div>
      )}
    </section>
  )
}
