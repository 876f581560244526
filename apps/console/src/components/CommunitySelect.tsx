import { Select } from 'antd'
import { cachedCommunities } from '../api/estate'
import { useAsync } from '../hooks/useAsync'
import { useI18n } from '../i18n/I18nProvider'

/** A tab that works on one community at a time, which its page keeps (in the URL). */
export interface CommunityScopeProps {
  communityId: string | null
  onCommunityChange: (id: string | null) => void
}

/** Picks one community the caller can see (all pages of the list, searchable by name or code). */
export function CommunitySelect({
  value,
  onChange,
  testId,
  style,
}: {
  value?: string | null
  onChange?: (id: string | null) => void
  testId?: string
  style?: React.CSSProperties
}) {
  const { t } = useI18n()
  const communities = useAsync(cachedCommunities, [])
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value ?? undefined}
      onChange={(id?: string) => onChange?.(id ?? null)}
      loading={communities.loading}
      status={communities.error ? 'error' : undefined}
      placeholder={communities.error ? t('common.loadFailed') : t('estate.pickCommunity')}
      options={(communities.data ?? []).map((c) => ({
        value: c.id,
        label: t('common.nameWithNote', { name: c.name, note: c.code }),
      }))}
      notFoundContent={communities.loading ? t('common.loading') : t('common.none')}
      style={{ minWidth: 240, ...style }}
      data-testid={testId}
    />
  )
}
