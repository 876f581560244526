import type { Unit } from '@meihao/contracts'
import { Select } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api/client'
import { listUnits } from '../../api/estate'
import { useI18n } from '../../i18n/I18nProvider'

const SEARCH_DELAY_MS = 300
const LIMIT = 20

/** Picks a unit of the community by its code (or owner), searching the estate records as one types. */
export function UnitSearchSelect({
  communityId,
  value,
  onChange,
  testId,
}: {
  communityId: string
  value?: string | null
  onChange?: (unitId: string | null) => void
  testId?: string
}) {
  const { t } = useI18n()
  const [units, setUnits] = useState<Unit[]>([])
  // The chosen unit stays an option while later searches bring other units.
  const [chosen, setChosen] = useState<Unit | null>(null)
  const [loading, setLoading] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const run = useRef(0)

  const search = (q: string) => {
    clearTimeout(timer.current)
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

  useEffect(() => () => clearTimeout(timer.current), [])

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value ?? undefined}
      onChange={(id?: string) => {
        setChosen(units.find((u) => u.id === id) ?? null)
        onChange?.(id ?? null)
      }}
      onOpenChange={(open) => {
        if (open && units.length === 0) search('')
      }}
      loading={loading}
      status={failure ? 'error' : undefined}
      placeholder={failure ?? t('ballot.unitPlaceholder')}
      notFoundContent={loading ? t('common.loading') : t('estate.noUnits')}
      options={withChosen(units, value ? chosen : null).map((u) => ({
        value: u.id,
        label:
          u.ownerNames.length > 0
            ? t('common.nameWithNote', { name: u.code, note: u.ownerNames.join('、') })
            : u.code,
      }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  )
}

const withChosen = (units: Unit[], chosen: Unit | null) =>
  chosen && !units.some((u) => u.id === chosen.id) ? [chosen, ...units] : units
