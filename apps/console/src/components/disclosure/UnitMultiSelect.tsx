import type { Unit } from '@meihao/contracts'
import { Select } from 'antd'
import { useState } from 'react'
import { listUnits } from '../../api/estate'
import { useTypeahead } from '../../hooks/useTypeahead'
import { useI18n } from '../../i18n/I18nProvider'

const LIMIT = 20

/** Picks any number of the community's units, found by number or owner as one types. */
export function UnitMultiSelect({
  communityId,
  value,
  onChange,
  testId,
}: {
  communityId: string
  value?: string[]
  onChange?: (ids: string[]) => void
  testId?: string
}) {
  const { t } = useI18n()
  // The units chosen so far, so their labels stay when a later search no longer finds them.
  const [chosen, setChosen] = useState<Map<string, Unit>>(new Map())
  const typeahead = useTypeahead(async (q) => (await listUnits({ communityId, q, limit: LIMIT })).items)
  const { items, loading, failure } = typeahead
  const label = (u: Unit) => `${u.buildingCode} · ${u.code}`
  const options = [...chosen.values(), ...items.filter((u) => !chosen.has(u.id))].map((u) => ({
    value: u.id,
    label: label(u),
  }))
  return (
    <Select<string[]>
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: (q) => typeahead.search(q) }}
      allowClear
      value={value ?? []}
      onChange={(ids) => {
        const known = new Map([...chosen, ...items.map((u) => [u.id, u] as const)])
        setChosen(new Map(ids.flatMap((id) => (known.has(id) ? [[id, known.get(id)!] as const] : []))))
        onChange?.(ids)
      }}
      onOpenChange={(open) => {
        if (open && items.length === 0) typeahead.search('')
      }}
      loading={loading}
      status={failure ? 'error' : undefined}
      placeholder={failure ?? t('fund.pickUnits')}
      notFoundContent={loading ? t('common.loading') : t('estate.noUnits')}
      options={options}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  )
}
