import { useI18n } from '../../i18n/I18nProvider'
import { AreaText } from '../AreaText'

/** One side of a count as the server sent it: heads, and area in m² (never recomputed here). */
export function CountText({ count }: { count: { heads: number; area: string } | null }) {
  const { t } = useI18n()
  if (!count) return <span>—</span>
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {t('roll.headsValue', { count: count.heads })} · <AreaText value={count.area} />
    </span>
  )
}
