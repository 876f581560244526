import { NavBar, PullToRefresh } from 'antd-mobile'
import type { ReactNode } from 'react'
import { useT } from '../i18n'

interface PageShellProps {
  title: ReactNode
  /** Extra class of the page, next to `mh-page`. */
  className?: string
  /** A page opened from somewhere has a back arrow; a tab has none. */
  onBack?: () => void
  /** Something at the right end of the nav bar (a tab's messages button). */
  right?: ReactNode
  onRefresh: () => Promise<unknown>
  children: ReactNode
}

/** A screen of the app: its nav bar, then a body the owner pulls down to refresh. */
export function PageShell({ title, className, onBack, right, onRefresh, children }: PageShellProps) {
  const t = useT()
  return (
    <div className={className ? `mh-page ${className}` : 'mh-page'}>
      {onBack ? (
        <NavBar className="mh-navbar" back={t('common.back')} onBack={onBack} right={right}>
          {title}
        </NavBar>
      ) : (
        <NavBar className="mh-navbar" backIcon={false} right={right}>
          {title}
        </NavBar>
      )}
      <PullToRefresh
        onRefresh={onRefresh}
        pullingText={t('common.pullToRefresh')}
        canReleaseText={t('common.releaseToRefresh')}
        refreshingText={t('common.refreshing')}
        completeText={t('common.refreshed')}
      >
        <div className="mh-page-body">{children}</div>
      </PullToRefresh>
    </div>
  )
}
