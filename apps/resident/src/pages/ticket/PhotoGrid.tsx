import { ImageViewer } from 'antd-mobile'
import * as endpoints from '../../api/endpoints'
import { useT } from '../../i18n'

/** Photos of a request or of one of its events; a tap opens them full screen. */
export function PhotoGrid({ ticketId, photos }: { ticketId: string; photos: string[] }) {
  const t = useT()
  if (photos.length === 0) return null
  const urls = photos.map((photo) => endpoints.myTicketPhotoUrl(ticketId, photo))
  return (
    <div className="mh-photos mh-photos-view">
      {urls.map((url, index) => (
        <button
          key={url}
          type="button"
          className="mh-photo"
          onClick={() => ImageViewer.Multi.show({ images: urls, defaultIndex: index })}
        >
          <img src={url} alt={t('ticket.photo', { n: index + 1 })} loading="lazy" />
        </button>
      ))}
    </div>
  )
}
