import type { Unit } from '@meihao/contracts'
import { Select } from 'antd'
import { useEffect, useState } from 'react'
import { listUnits } from '../../api/estate'
import { useTypeahead } from '../../hooks/useTypeahead'
import { useI18n } from '../../i18n/I18nProvider'

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
  const [chosen, setChosen] = useState<Unit | null>(null)
  const typeahead = useTypeahead(
    async (q) => (await listUnits({ communityId: communityId!, q, limit: LIMIT })).items,
  )
  const { items: units, loading, failure } = typeahead

  // Another community: earlier answers belong to the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new community only
  useEffect(() => {
    typeahead.reset()
    setChosen(null)
  }, [communityId])

  const search = (q: string) => typeahead.search(q, communityId !== null)

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
