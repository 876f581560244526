import { Button, ErrorBlock, Selector, Skeleton, Switch } from 'antd-mobile'
import { useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import { ApiError, errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { MyTicketRequest, MyUnit, Ticket, TicketCategory, TicketKind } from '../../api/types'
import { TestIdInput } from '../../components/TestIdInput'
import { TestIdTextArea } from '../../components/TestIdTextArea'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import {
  KIND_ICON,
  KIND_TONE,
  newIdempotencyKey,
  SPOT_KINDS,
  URGENT_KINDS,
  VISIT_KINDS,
  type VisitChoice,
  visitWindow,
} from './format'
import { PhotoPicker } from './PhotoPicker'
import { MAX_PHOTOS, type PreparedPhoto, toUpload } from './photos'
import { VisitTimeField } from './VisitTimeField'

type UnitsState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; units: MyUnit[] }

/** Mirrors the contracts (MyTicketInput). */
const TITLE_MAX = 100
const DESCRIPTION_MAX = 2000
const SPOT_MAX = 100

function useMyUnits() {
  const [units, setUnits] = useState<UnitsState>({ status: 'loading' })
  const load = async () => {
    setUnits({ status: 'loading' })
    try {
      setUnits({ status: 'ready', units: await endpoints.fetchMyUnits() })
    } catch (error) {
      setUnits({ status: 'failed', message: errorMessage(error) })
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once when the form opens
  useEffect(() => {
    void load()
  }, [])
  return { units, reload: load }
}

interface TicketFormProps {
  kind: TicketKind
  category: TicketCategory
  onChangeMatter(): void
  onCreated(ticket: Ticket): void
}

/**
 * Tap 3 of 一键报修: everything is filled in already (title from the category and kind, the first unit,
 * "as soon as possible"), so 提交 is the only tap needed; details and photos are optional.
 */
export function TicketForm({ kind, category, onChangeMatter, onCreated }: TicketFormProps) {
  const t = useT()
  const { units, reload: reloadUnits } = useMyUnits()
  const kindName = t(`tickets.kind.${kind}`)
  const [title, setTitle] = useState(() =>
    t('tickets.new.defaultTitle', { category: category.name, kind: kindName }),
  )
  const [description, setDescription] = useState('')
  const [spot, setSpot] = useState('')
  const [photos, setPhotos] = useState<PreparedPhoto[]>([])
  const [photosBusy, setPhotosBusy] = useState(false)
  const [unitId, setUnitId] = useState<string | null>(null)
  const [urgent, setUrgent] = useState(false)
  const [visit, setVisit] = useState<{ choice: VisitChoice; from: string; to: string } | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<{ message: string; submitted?: boolean } | null>(null)
  // One key for this form: tapping 提交 again (or retrying after a lost answer) cannot make a second ticket.
  const idempotencyKey = useRef(newIdempotencyKey())
  const ids = useId()

  const Icon = KIND_ICON[kind]
  const askSpot = SPOT_KINDS.includes(kind)
  const askVisit = VISIT_KINDS.includes(kind)
  const askUrgent = URGENT_KINDS.includes(kind)
  const unitList = units.status === 'ready' ? units.units : []
  const chosenUnit = unitList.find((u) => u.id === unitId) ?? unitList[0] ?? null
  const canSubmit = chosenUnit !== null && !photosBusy && !submitting

  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setError(null)
      set(value)
    }

  const submit = async () => {
    if (!chosenUnit || submitting) return
    const trimmedTitle = title.trim()
    if (!trimmedTitle) {
      setError({ message: t('tickets.field.titleRequired') })
      return
    }
    const visitAt = askVisit ? visit : null
    const body: MyTicketRequest = {
      kind,
      categoryId: category.id,
      priority: askUrgent && urgent ? 'emergency' : 'normal',
      title: trimmedTitle,
      description: description.trim(),
      unitId: chosenUnit.id,
      photos: photos.map(toUpload),
    }
    if (askSpot && spot.trim()) body.spot = spot.trim()
    if (visitAt) {
      body.preferredFrom = visitAt.from
      body.preferredTo = visitAt.to
    }
    setSubmitting(true)
    setError(null)
    try {
      const ticket = await endpoints.createMyTicket(body, idempotencyKey.current)
      onCreated(ticket)
    } catch (e) {
      // The key was used by an earlier attempt with other content that did go through.
      if (e instanceof ApiError && e.code === 'COMMON_IDEMPOTENCY_KEY_REUSED')
        setError({ message: t('tickets.alreadySubmitted'), submitted: true })
      else setError({ message: errorMessage(e) })
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <form
      className="mh-ticket-form"
      data-testid={TEST_IDS.ticketForm}
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <div className={`mh-card mh-matter mh-tone-${KIND_TONE[kind]}`}>
        <span className="mh-icon-badge">
          <Icon />
        </span>
        <span className="mh-matter-text">
          <span className="mh-matter-label">{t('tickets.field.matter')}</span>
          <span className="mh-matter-value">
            {kindName} · {category.name}
          </span>
        </span>
        <Button size="small" fill="none" color="primary" onClick={onChangeMatter} disabled={submitting}>
          {t('tickets.field.change')}
        </Button>
      </div>
      <p className="mh-form-hint">{t('tickets.new.formHint')}</p>

      <div className="mh-card mh-fields">
        <div className="mh-field">
          <label className="mh-field-label" htmlFor={`${ids}-title`}>
            {t('tickets.field.title')}
          </label>
          <TestIdInput
            id={`${ids}-title`}
            testId={TEST_IDS.ticketTitleInput}
            value={title}
            onChange={edit(setTitle)}
            maxLength={TITLE_MAX}
            clearable
            placeholder={t('tickets.field.titlePlaceholder')}
            disabled={submitting}
          />
        </div>
        <div className="mh-field">
          <label className="mh-field-label" htmlFor={`${ids}-description`}>
            {t('tickets.field.description')}
          </label>
          <TestIdTextArea
            id={`${ids}-description`}
            testId={TEST_IDS.ticketDescription}
            value={description}
            onChange={edit(setDescription)}
            maxLength={DESCRIPTION_MAX}
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('tickets.field.descriptionPlaceholder')}
            disabled={submitting}
          />
        </div>
        {askSpot && (
          <div className="mh-field">
            <label className="mh-field-label" htmlFor={`${ids}-spot`}>
              {t('tickets.field.spot')}
            </label>
            <TestIdInput
              id={`${ids}-spot`}
              testId={TEST_IDS.ticketSpot}
              value={spot}
              onChange={edit(setSpot)}
              maxLength={SPOT_MAX}
              clearable
              placeholder={t('tickets.field.spotPlaceholder')}
              disabled={submitting}
            />
          </div>
        )}
        <div className="mh-field">
          <span className="mh-field-label">
            {t('tickets.field.photos')}
            <span className="mh-field-hint">{t('tickets.field.photosHint', { max: MAX_PHOTOS })}</span>
          </span>
          <PhotoPicker
            photos={photos}
            onChange={(update) => {
              setError(null)
              setPhotos(update)
            }}
            onBusy={setPhotosBusy}
            disabled={submitting}
          />
        </div>
        <div className="mh-field" data-testid={TEST_IDS.ticketUnit} data-unit-id={chosenUnit?.id}>
          <span className="mh-field-label">{t('tickets.field.unit')}</span>
          {units.status === 'loading' && <Skeleton.Paragraph lineCount={1} animated />}
          {units.status === 'failed' && (
            <div className="mh-inline-error">
              {t('tickets.field.unitsFailed', { message: units.message })}{' '}
              <Button size="mini" fill="none" color="primary" onClick={() => void reloadUnits()}>
                {t('common.retry')}
              </Button>
            </div>
          )}
          {units.status === 'ready' && unitList.length === 0 && (
            <div className="mh-inline-error">{t('tickets.field.unitNone')}</div>
          )}
          {units.status === 'ready' && unitList.length === 1 && chosenUnit && (
            <span className="mh-field-value">
              {t('tickets.field.unitValue', {
                community: chosenUnit.communityName,
                unit: chosenUnit.code,
              })}
            </span>
          )}
          {units.status === 'ready' && unitList.length > 1 && (
            <Selector<string>
              className="mh-unit-selector"
              columns={1}
              value={chosenUnit ? [chosenUnit.id] : []}
              disabled={submitting}
              onChange={([next]) => {
                if (next) edit(setUnitId)(next)
              }}
              options={unitList.map((u) => ({
                value: u.id,
                label: t('tickets.field.unitValue', {
                  community: u.communityName,
                  unit: u.code,
                }),
              }))}
            />
          )}
        </div>
        {askUrgent && (
          <div className="mh-field mh-field-inline">
            <span className="mh-field-label">
              {t('tickets.field.urgent')}
              <span className="mh-field-hint">{t('tickets.field.urgentHint')}</span>
            </span>
            <Switch
              checked={urgent}
              onChange={edit(setUrgent)}
              disabled={submitting}
              aria-label={t('tickets.field.urgent')}
              data-testid={TEST_IDS.ticketUrgent}
            />
          </div>
        )}
        {askVisit && (
          <div className="mh-field mh-field-list">
            <VisitTimeField
              value={visit?.choice ?? null}
              onChange={(choice) => edit(setVisit)(choice && { choice, ...visitWindow(choice) })}
              disabled={submitting}
            />
          </div>
        )}
      </div>

      <div className="mh-submit-bar">
        {error && (
          <div className="mh-form-error" role="alert" data-testid={TEST_IDS.ticketFormError}>
            {error.message}
            {error.submitted && (
              <>
                {' '}
                <Link to="/tickets" replace>
                  {t('tickets.mine')}
                </Link>
              </>
            )}
          </div>
        )}
        <Button
          block
          type="submit"
          size="large"
          shape="rounded"
          color="primary"
          loading={submitting || photosBusy}
          disabled={!canSubmit}
          data-testid={TEST_IDS.ticketSubmit}
        >
          {t('tickets.submit')}
        </Button>
      </div>
    </form>
  )
}

export function UnknownCategory({ onChooseAgain }: { onChooseAgain(): void }) {
  const t = useT()
  return (
    <ErrorBlock status="default" className="mh-block" description={t('tickets.new.categoryGone')}>
      <Button color="primary" fill="outline" shape="rounded" onClick={onChooseAgain}>
        {t('tickets.new.chooseAgain')}
      </Button>
    </ErrorBlock>
  )
}
