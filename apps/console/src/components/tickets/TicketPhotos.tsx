import { Image, Space } from 'antd'
import { ticketPhotoUrl } from '../../api/tickets'
import { useI18n } from '../../i18n/I18nProvider'

/** Thumbnails of a ticket's photos (or one event's), opening a preview; the cookie session fetches them. */
export function TicketPhotos({
  ticketId,
  photos,
  size = 72,
  testId = 'ticket-photos',
}: {
  ticketId: string
  photos: readonly string[]
  size?: number
  testId?: string
}) {
  const { t } = useI18n()
  if (photos.length === 0) return null
  return (
    <Image.PreviewGroup>
      <Space wrap size={8} data-testid={testId}>
        {photos.map((photo, i) => (
          <Image
            key={photo}
            src={ticketPhotoUrl(ticketId, photo)}
            alt={t('ticket.photoAlt', { n: i + 1 })}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            data-testid="ticket-photo"
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  )
}
