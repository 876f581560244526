import type { RollUnitItem } from '@meihao/contracts'
import { Select } from 'antd'
import { useState } from 'react'
import { searchRollUnits } from '../../api/governance'
import { useTypeahead } from '../../hooks/useTypeahead'
import { useI18n } from '../../i18n/I18nProvider'

const LIMIT = 20

/**
 * Picks a unit of the decision's frozen roll by its code prefix, searching as one types: a paper ballot
 * counts for the voter the roll gives that unit, and the roll is all a committee clerk needs to see.
 */
export function RollUnitSelect({
  decisionId,
  value,
  onChange,
  testId,
}: {
  decisionId: string
  value?: string | null
  onChange?: (unitId: string | null) => void
  testId?: string
}) {
  const { t } = useI18n()
  const {
    items: units,
    loading,
    failure,
    search,
  } = useTypeahead((q) => searchRollUnits(decisionId, { q, limit: LIMIT }))
  // The chosen unit stays an option while later searches bring other units.
  const [chosen, setChosen] = useState<RollUnitItem | null>(null)

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value ?? undefined}
      onChange={(id?: string) => {
        setChosen(units.find((u) => u.unitId === id) ?? null)
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
        value: u.unitId,
        label: t('common.nameWithNote', { name: u.code, note: `${u.area} m²` }),
      }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  )
}

const withChosen = (units: RollUnitItem[], chosen: RollUnitItem | null) =>
  chosen && !units.some((u) => u.unitId === chosen.unitId) ? [chosen, ...units] : units
