import { Button, ErrorBlock, Skeleton } from 'antd-mobile'
import { useT } from '../i18n'

/** Anything loaded for a screen: loading, failed with a message, or ready (with what was loaded). */
type Loadable = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready' }

/**
 * Until `state` is ready: a grey card of `lines` while it loads, or what went wrong with a retry (its
 * spinner while `retrying`). Nothing once it is ready.
 */
export function LoadStatus({
  state,
  lines,
  errorTestId,
  errorTitle,
  retrying,
  onRetry,
}: {
  state: Loadable
  lines: number
  errorTestId: string
  errorTitle: string
  retrying?: boolean
  onRetry(): void
}) {
  const t = useT()
  if (state.status === 'loading')
    return (
      <div className="mh-card mh-unit-skeleton">
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={lines} animated />
      </div>
    )
  if (state.status === 'failed')
    return (
      <ErrorBlock
        status="default"
        className="mh-block"
        data-testid={errorTestId}
        title={errorTitle}
        description={state.message}
      >
        <Button color="primary" fill="outline" shape="rounded" loading={retrying} onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </ErrorBlock>
    )
  return null
}

/** An empty list, said in words. */
export function EmptyBlock({
  testId,
  title,
  description,
}: {
  testId: string
  title: string
  description: string
}) {
  return (
    <ErrorBlock
      status="empty"
      className="mh-block"
      data-testid={testId}
      title={title}
      description={description}
    />
  )
}
