import type { Unit } from '@meihao/contracts'
import { Select } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api/client'
import { listUnits } from '../../api/estate'
import { useI18n } from '../../i18n/I18nProvider'

const SEARCH_DELAY_MS = 300
const LIMIT = 20

/** Finds a unit of the community by its number, an owner's name or full phone, searching as one types. */
export function UnitSearchSelect({
  communityId,
  value,
  onChange,
  testId,
}: {
  communityId: string | null
  value?: string | null
  onChange?: (unit: Unit | null) => void
  testId?: string
}) {
  const { t } = useI18n()
  const [units, setUnits] = useState<Unit[]>([])
  const [chosen, setChosen] = useState<Unit | null>(null)
  const [loading, setLoading] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const run = useRef(0)

  // Another community: earlier answers belong to the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new community only
  useEffect(() => {
    run.current++
    setUnits([])
    setChosen(null)
  }, [communityId])
  useEffect(() => () => clearTimeout(timer.current), [])

  const search = (q: string) => {
    clearTimeout(timer.current)
    if (!communityId) return
    timer.current = setTimeout(async () => {
      const id = ++run.current
      setLoading(true)
      setFailure(null)
      try {
        const page = await listUnits({ communityId, q: q.trim() || undefined, limit: LIMIT })
        if (id === run.current) setUnits(page.items)
      } catch (e) {
        if (id === run.current) setFailure(errorMessage(e))
      } finally {
        if (id === run.current) setLoading(false)
      }
    }, SEARCH_DELAY_MS)
  }

  const unitLabel = (u: Unit) => {
    const name = `${u.buildingCode} · ${u.code}`
    return u.ownerNames.length > 0
      ? t('common.nameWithNote', { name, note: u.ownerNames.join(t('common.listSeparator')) })
      : name
  }
  const options = chosen && !units.some((u) => u.id === chosen.id) ? [chosen, ...units] : units
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      disabled={!communityId}
      value={value ?? undefined}
      onChange={(id?: string) => {
        const unit = options.find((u) => u.id === id) ?? null
        setChosen(unit)
        onChange?.(unit)
      }}
      onOpenChange={(open) => {
        if (open && units.length === 0) search('')
      }}
      loading={loading}
      status={failure ? 'error' : undefined}
      placeholder={failure ?? (communityId ? t('ticket.unitPlaceholder') : t('estate.pickCommunityFirst'))}
      notFoundContent={loading ? t('common.loading') : t('estate.noUnits')}
      options={options.map((u) => ({ value: u.id, label: unitLabel(u) }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  )
}
