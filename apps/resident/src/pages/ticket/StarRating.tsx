import { useId } from 'react'
import { StarIcon } from '../../components/icons'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'

const STARS = [1, 2, 3, 4, 5] as const

/**
 * Five stars over native radios (keyboard and screen readers for free), large enough for a thumb; each
 * star's label carries the test id `ticket-rate-star-<n>`. Read-only when no `onChange` is given.
 */
export function StarRating({
  value,
  onChange,
  disabled = false,
  size = 'large',
}: {
  value: number
  onChange?(value: number): void
  disabled?: boolean
  size?: 'large' | 'small'
}) {
  const t = useT()
  const name = useId()
  if (!onChange)
    return (
      <span
        className={`mh-stars mh-stars-${size}`}
        role="img"
        aria-label={t('ticket.rate.star', { n: value })}
      >
        {STARS.map((n) => (
          <StarIcon key={n} className={n <= value ? 'mh-star-on' : 'mh-star-off'} />
        ))}
      </span>
    )
  return (
    <span className={`mh-stars mh-stars-${size}`} role="radiogroup" aria-label={t('ticket.rate.title')}>
      {STARS.map((n) => (
        <label
          key={n}
          className={`mh-star ${n <= value ? 'mh-star-on' : 'mh-star-off'}${disabled ? ' mh-star-disabled' : ''}`}
          data-testid={`${TEST_IDS.ticketRateStar}-${n}`}
          data-checked={value === n}
        >
          <input
            type="radio"
            className="mh-visually-hidden"
            name={name}
            value={n}
            checked={value === n}
            disabled={disabled}
            onChange={() => onChange(n)}
            aria-label={t('ticket.rate.star', { n })}
          />
          <StarIcon />
        </label>
      ))}
    </span>
  )
}
