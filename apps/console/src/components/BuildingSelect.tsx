import { Select } from 'antd'
import { listBuildings } from '../api/estate'
import { useAsync } from '../hooks/useAsync'
import { useI18n } from '../i18n/I18nProvider'

/** Picks a building of one community. A value not in the list (unknown community) stays shown. */
export function BuildingSelect({
  communityId,
  value,
  onChange,
  testId,
}: {
  communityId: string | null
  value?: string | null
  onChange?: (id: string | null) => void
  testId?: string
}) {
  const { t } = useI18n()
  const buildings = useAsync(() => listBuildings(communityId!), [communityId], communityId !== null)
  const options = (buildings.data ?? []).map((b) => ({
    value: b.id,
    label: b.name && b.name !== b.code ? `${b.code} · ${b.name}` : b.code,
  }))
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: t('iam.assignedBuilding') })
  }
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value ?? undefined}
      onChange={(id?: string) => onChange?.(id ?? null)}
      loading={buildings.loading}
      status={buildings.error ? 'error' : undefined}
      placeholder={communityId ? t('estate.pickBuilding') : t('estate.pickCommunityFirst')}
      options={options}
      style={{ minWidth: 160 }}
      data-testid={testId}
    />
  )
}
