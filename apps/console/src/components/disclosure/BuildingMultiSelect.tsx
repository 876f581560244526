import { Select } from 'antd'
import { listBuildings } from '../../api/estate'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'

/** Picks any number of the community's buildings (the ones a project benefits). */
export function BuildingMultiSelect({
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
  const buildings = useAsync(() => listBuildings(communityId), [communityId])
  return (
    <Select<string[]>
      mode="multiple"
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value ?? []}
      onChange={(ids) => onChange?.(ids)}
      loading={buildings.loading}
      status={buildings.error ? 'error' : undefined}
      placeholder={buildings.error ? t('common.loadFailed') : t('fund.pickBuildings')}
      notFoundContent={buildings.loading ? t('common.loading') : t('settingsDisclosure.noBuildings')}
      options={(buildings.data ?? []).map((b) => ({
        value: b.id,
        label: b.name && b.name !== b.code ? `${b.code} · ${b.name}` : b.code,
      }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  )
}
