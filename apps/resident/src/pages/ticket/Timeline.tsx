import { Steps, Tag } from 'antd-mobile'
import type { Ticket, TicketEvent } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { actorLabel, formatFen, formatWhen, STATUS_TONE } from './format'
import { PhotoGrid } from './PhotoGrid'

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null)
const whole = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null)

/** The structured part of an event in words: reason, rating, comment, quoted amount. */
function EventDetails({ event }: { event: TicketEvent }) {
  const t = useT()
  const d = event.details
  const lines: string[] = []
  const reason = text(d.reason)
  const rating = whole(d.rating)
  const satisfaction = whole(d.satisfaction)
  const comment = text(d.comment)
  const amount = whole(d.amountFen)
  if (reason) lines.push(t('ticket.event.reason', { reason }))
  if (rating !== null) lines.push(t('ticket.event.rating', { rating }))
  if (satisfaction !== null) lines.push(t('ticket.event.satisfaction', { rating: satisfaction }))
  if (comment) lines.push(t('ticket.event.comment', { comment }))
  if (amount !== null) lines.push(t('ticket.event.amount', { amount: formatFen(amount) }))
  if (lines.length === 0) return null
  return (
    <>
      {lines.map((line) => (
        <span key={line} className="mh-event-line">
          {line}
        </span>
      ))}
    </>
  )
}

/** 处理进度: every step of the request, newest first — when, who, what, why and the photos taken. */
export function Timeline({ ticket }: { ticket: Ticket }) {
  const t = useT()
  const events = [...ticket.events].sort((a, b) => b.seq - a.seq)
  return (
    <section className="mh-card mh-timeline" aria-labelledby="mh-timeline-title">
      <h2 id="mh-timeline-title" className="mh-section-title">
        {t('ticket.timeline')}
      </h2>
      <Steps direction="vertical" data-testid={TEST_IDS.ticketTimeline}>
        {events.map((event, index) => (
          <Steps.Step
            key={event.seq}
            status={index === 0 ? 'process' : event.kind === 'sla_breach' ? 'error' : 'finish'}
            data-testid={TEST_IDS.ticketEvent}
            data-kind={event.kind}
            title={
              <span className="mh-event-title">
                <span className="mh-event-kind">{t(`ticket.event.${event.kind}`)}</span>
                <span className="mh-event-actor">{actorLabel(event)}</span>
              </span>
            }
            description={
              <span className="mh-event-body">
                <time className="mh-event-time" dateTime={event.at}>
                  {formatWhen(event.at)}
                </time>
                {event.toStatus && event.toStatus !== event.fromStatus && (
                  <span className="mh-event-status">
                    <Tag color={STATUS_TONE[event.toStatus]} fill="outline">
                      {t(`tickets.status.${event.toStatus}`)}
                    </Tag>
                  </span>
                )}
                <EventDetails event={event} />
                {event.note && <span className="mh-event-note">{event.note}</span>}
                {/* The photos of the report itself are shown at the top of the page. */}
                {event.kind !== 'create' && <PhotoGrid ticketId={ticket.id} photos={event.photos} />}
              </span>
            }
          />
        ))}
      </Steps>
    </section>
  )
}
