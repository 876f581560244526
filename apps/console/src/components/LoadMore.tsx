import { Button } from 'antd'
import { useI18n } from '../i18n/I18nProvider'

export function LoadMore({
  hasMore,
  loading,
  onClick,
  testId,
}: {
  hasMore: boolean
  loading: boolean
  onClick: () => void
  testId?: string
}) {
  const { t } = useI18n()
  if (!hasMore) return null
  return (
    <div style={{ textAlign: 'center', marginTop: 12 }}>
      <Button onClick={onClick} loading={loading} data-testid={testId}>
        {t('common.loadMore')}
      </Button>
    </div>
  )
}
