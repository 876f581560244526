import { Button, Popup } from 'antd-mobile'
import { useId, useState } from 'react'
import { errorMessage } from '../../api/client'
import { TestIdTextArea } from '../../components/TestIdTextArea'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { PhotoPicker } from './PhotoPicker'
import type { PreparedPhoto } from './photos'

/** Mirrors the contracts: a reason is 1–500 characters. */
const REASON_MAX = 500

export interface ReasonSheetProps {
  title: string
  hint: string
  placeholder: string
  confirmText: string
  /** The confirm button turns red for what cannot be undone (cancel, decline). */
  danger?: boolean
  /** A reason must be given (reopen, cancel); otherwise it is optional (decline a quote). */
  required: boolean
  /** Offer photos too (reopen: show what is still broken). */
  withPhotos?: boolean
  onConfirm(reason: string, photos: PreparedPhoto[]): Promise<void>
  onClose(): void
}

/** A bottom sheet that asks why, and confirms: reopen, cancel, decline a quote. */
export function ReasonSheet(props: ReasonSheetProps & { visible: boolean }) {
  const { visible, onClose } = props
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} destroyOnClose bodyClassName="mh-sheet">
      {visible && <ReasonSheetBody {...props} />}
    </Popup>
  )
}

function ReasonSheetBody({
  title,
  hint,
  placeholder,
  confirmText,
  danger = false,
  required,
  withPhotos = false,
  onConfirm,
  onClose,
}: ReasonSheetProps) {
  const t = useT()
  const [reason, setReason] = useState('')
  const [photos, setPhotos] = useState<PreparedPhoto[]>([])
  const [photosBusy, setPhotosBusy] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const missing = required && reason.trim() === ''
  const reasonId = useId()

  const confirm = async () => {
    if (missing) {
      setError(t('ticket.reasonRequired'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      await onConfirm(reason.trim(), photos)
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }

  return (
    <div className="mh-sheet-body" role="dialog" aria-labelledby="mh-sheet-title">
      <h2 id="mh-sheet-title" className="mh-section-title">
        {title}
      </h2>
      <p className="mh-muted">{hint}</p>
      <div className="mh-field mh-sheet-field">
        <label className="mh-field-label" htmlFor={reasonId}>
          {t('ticket.reason')}
        </label>
        <TestIdTextArea
          id={reasonId}
          testId={TEST_IDS.ticketReasonInput}
          className="mh-boxed-textarea"
          value={reason}
          onChange={(value) => {
            setError(null)
            setReason(value)
          }}
          maxLength={REASON_MAX}
          autoSize={{ minRows: 3, maxRows: 6 }}
          placeholder={placeholder}
          disabled={busy}
        />
      </div>
      {withPhotos && (
        <PhotoPicker photos={photos} onChange={setPhotos} onBusy={setPhotosBusy} disabled={busy} />
      )}
      {error && (
        <div className="mh-form-error mh-card-error" role="alert">
          {error}
        </div>
      )}
      <div className="mh-sheet-actions">
        <Button block shape="rounded" onClick={onClose} disabled={busy}>
          {t('ticket.notNow')}
        </Button>
        <Button
          block
          shape="rounded"
          color={danger ? 'danger' : 'primary'}
          loading={busy || photosBusy}
          disabled={missing || photosBusy}
          onClick={confirm}
          data-testid={TEST_IDS.ticketReasonSubmit}
        >
          {confirmText}
        </Button>
      </div>
    </div>
  )
}
