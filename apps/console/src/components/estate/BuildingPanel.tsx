import { Card } from 'antd'
import { listBuildings } from '../../api/estate'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { PickList } from '../PickList'

export function BuildingPanel({
  communityId,
  selectedId,
  onSelect,
}: {
  communityId: string
  selectedId: string | null
  onSelect: (buildingId: string | null) => void
}) {
  const { t } = useI18n()
  const buildings = useAsync(() => listBuildings(communityId), [communityId])
  const all = { key: '', title: t('estate.allBuildings') }
  const items = (buildings.data ?? []).map((b) => ({
    key: b.id,
    title: b.name && b.name !== b.code ? `${b.code} · ${b.name}` : b.code,
    description:
      b.floors === null
        ? t('estate.buildingUnits', { units: b.unitCount })
        : t('estate.buildingFloorsUnits', { floors: b.floors, units: b.unitCount }),
  }))
  return (
    <Card title={t('estate.buildings')} size="small" data-testid="building-panel">
      <ErrorAlert error={buildings.error} onRetry={buildings.reload} />
      {buildings.data && buildings.data.length > 0 ? (
        <PickList
          testId="building-all"
          itemTestId="building-all-item"
          items={[all]}
          selectedKey={selectedId ?? ''}
          onSelect={() => onSelect(null)}
        />
      ) : null}
      <PickList
        testId="building-list"
        itemTestId="building-item"
        loading={buildings.loading}
        emptyText={t('estate.noBuildings')}
        selectedKey={selectedId}
        onSelect={onSelect}
        items={items}
      />
    </Card>
  )
}
