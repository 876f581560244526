import { Button } from 'antd-mobile'
import { useState } from 'react'
import { TestIdTextArea } from '../../components/TestIdTextArea'
import { useAction } from '../../hooks/useAction'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { StarRating } from './StarRating'

const COMMENT_MAX = 500

/** 评价: 1–5 stars and an optional comment. A low rating may reopen the request (a community setting). */
export function RateCard({ onRate }: { onRate(rating: number, comment: string): Promise<void> }) {
  const t = useT()
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const { busy, error, setError, run } = useAction()

  const submit = () => run(() => onRate(rating, comment.trim()))

  return (
    <section className="mh-card mh-rate" aria-labelledby="mh-rate-title" data-testid={TEST_IDS.ticketRate}>
      <h2 id="mh-rate-title" className="mh-section-title">
        {t('ticket.rate.title')}
      </h2>
      <p className="mh-muted">{t('ticket.rate.hint')}</p>
      <div className="mh-rate-stars">
        <StarRating
          value={rating}
          disabled={busy}
          onChange={(n) => {
            setError(null)
            setRating(n)
          }}
        />
        <span className="mh-rate-level" aria-live="polite">
          {rating >= 1 && rating <= 5
            ? t(`ticket.rate.level.${rating as 1 | 2 | 3 | 4 | 5}`)
            : t('ticket.rate.choose')}
        </span>
      </div>
      <TestIdTextArea
        testId={TEST_IDS.ticketRateComment}
        className="mh-boxed-textarea"
        value={comment}
        onChange={setComment}
        maxLength={COMMENT_MAX}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('ticket.rate.comment')}
        disabled={busy}
      />
      {error && (
        <div className="mh-form-error mh-card-error" role="alert">
          {error}
        </div>
      )}
      <Button
        block
        shape="rounded"
        color="primary"
        loading={busy}
        disabled={rating < 1}
        onClick={submit}
        data-testid={TEST_IDS.ticketRateSubmit}
      >
        {t('ticket.rate.submit')}
      </Button>
    </section>
  )
}
