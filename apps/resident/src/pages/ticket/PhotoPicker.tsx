import { DotLoading, Toast } from 'antd-mobile'
import { type ChangeEvent, useId, useState } from 'react'
import { CameraIcon, CloseIcon } from '../../components/icons'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { MAX_PHOTOS, type PreparedPhoto, preparePhoto } from './photos'

interface PhotoPickerProps {
  photos: PreparedPhoto[]
  /** Given an update of the current list (photos are prepared asynchronously, the list may change meanwhile). */
  onChange(update: (photos: PreparedPhoto[]) => PreparedPhoto[]): void
  /** Told while chosen photos are being prepared, so the form can wait before submitting. */
  onBusy?(busy: boolean): void
  disabled?: boolean
}

/**
 * Thumbnails and a camera tile. The tile is a <label> for a hidden <input type=file capture> — on a phone
 * it opens the rear camera; tests set files on the input (`ticket-photo-input`).
 */
export function PhotoPicker({ photos, onChange, onBusy, disabled = false }: PhotoPickerProps) {
  const t = useT()
  const inputId = useId()
  const [busy, setBusy] = useState(false)
  const room = MAX_PHOTOS - photos.length

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const files = Array.from(input.files ?? [])
    input.value = '' // the same photo can be chosen again after removing it
    if (files.length === 0) return
    if (files.length > room) Toast.show({ content: t('tickets.field.photoTooMany', { max: MAX_PHOTOS }) })
    setBusy(true)
    onBusy?.(true)
    const added: PreparedPhoto[] = []
    for (const file of files.slice(0, Math.max(0, room))) {
      try {
        added.push(await preparePhoto(file))
      } catch {
        Toast.show({ icon: 'fail', content: t('tickets.field.photoFailed', { name: file.name }) })
      }
    }
    setBusy(false)
    onBusy?.(false)
    if (added.length > 0) onChange((current) => [...current, ...added].slice(0, MAX_PHOTOS))
  }

  return (
    <div className="mh-photos">
      {photos.map((photo, index) => (
        <div key={photo.id} className="mh-photo" data-testid={TEST_IDS.ticketPhoto}>
          <img src={photo.preview} alt={t('tickets.field.photo', { n: index + 1 })} />
          {!disabled && (
            <button
              type="button"
              className="mh-photo-remove"
              aria-label={t('tickets.field.removePhoto', { n: index + 1 })}
              onClick={() => onChange((current) => current.filter((p) => p.id !== photo.id))}
            >
              <CloseIcon />
            </button>
          )}
        </div>
      ))}
      {room > 0 && (
        <label
          htmlFor={inputId}
          className={`mh-photo mh-photo-add${disabled || busy ? ' mh-photo-add-disabled' : ''}`}
        >
          {busy ? (
            <>
              <DotLoading color="primary" />
              <span className="mh-visually-hidden">{t('tickets.field.photoProcessing')}</span>
            </>
          ) : (
            <>
              <CameraIcon className="mh-photo-add-icon" />
              <span>{t('tickets.field.addPhoto')}</span>
            </>
          )}
          <input
            id={inputId}
            className="mh-visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            disabled={disabled || busy}
            onChange={(event) => void choose(event)}
            data-testid={TEST_IDS.ticketPhotoInput}
          />
        </label>
      )}
    </div>
  )
}
