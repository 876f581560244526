import type { Community } from '@meihao/contracts'
import { Card } from 'antd'
import type { CursorList } from '../../hooks/useCursorList'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { LoadMore } from '../LoadMore'
import { PickList } from '../PickList'

export function CommunityPanel({
  list,
  selectedId,
  onSelect,
}: {
  list: CursorList<Community>
  selectedId: string | null
  onSelect: (community: Community) => void
}) {
  const { t } = useI18n()
  return (
    <Card title={t('estate.communities')} size="small" data-testid="community-panel">
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <PickList
        testId="community-list"
        itemTestId="community-item"
        loading={list.loading}
        emptyText={t('estate.noCommunities')}
        selectedKey={selectedId}
        onSelect={(id) => {
          const found = list.items.find((c) => c.id === id)
          if (found) onSelect(found)
        }}
        items={list.items.map((c) => ({
          key: c.id,
          title: c.name,
          description: t('estate.communityCounts', { buildings: c.buildingCount, units: c.unitCount }),
        }))}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </Card>
  )
}
