import { Button, InfiniteScroll } from 'antd-mobile'
import { useT } from '../../i18n'

/** The foot of a paged list: the next page loads as it scrolls into view, with a retry if it fails. */
export function LoadMore({ hasMore, loadMore }: { hasMore: boolean; loadMore(): Promise<void> }) {
  const t = useT()
  return (
    <InfiniteScroll loadMore={loadMore} hasMore={hasMore}>
      {(more, failed, retry) =>
        !more ? (
          <span className="mh-infinite-text">{t('common.noMore')}</span>
        ) : failed ? (
          <span className="mh-infinite-text">
            {t('common.loadMoreFailed')}
            <Button size="mini" fill="none" color="primary" onClick={retry}>
              {t('common.retry')}
            </Button>
          </span>
        ) : (
          <span className="mh-infinite-text">{t('common.loadingMore')}</span>
        )
      }
    </InfiniteScroll>
  )
}
