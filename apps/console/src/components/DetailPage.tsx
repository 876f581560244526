import { ArrowLeftOutlined } from '@ant-design/icons'
import { Breadcrumb, type BreadcrumbProps, Skeleton, Space } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import type { AsyncState } from '../hooks/useAsync'
import { useI18n } from '../i18n/I18nProvider'
import { ErrorAlert } from './ErrorAlert'

/**
 * The frame of one record's page: breadcrumbs from the list it belongs to, the load error with a retry, a
 * skeleton until the first answer, then `children` once the record is there.
 */
export function DetailPage<T>({
  testId,
  section,
  record,
  crumbs,
  children,
}: {
  testId: string
  /** The first crumb: the list of such records. */
  section: { to: string; label: ReactNode }
  record: Pick<AsyncState<T>, 'data' | 'error' | 'loading' | 'reload'>
  /** The crumbs after the section, once the record is loaded. */
  crumbs: (data: T) => NonNullable<BreadcrumbProps['items']>
  children: (data: T) => ReactNode
}) {
  const data = record.data
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid={testId}>
      <Breadcrumb
        items={[
          { title: <Link to={section.to}>{section.label}</Link> },
          ...(data !== undefined ? crumbs(data) : []),
        ]}
      />
      <ErrorAlert error={record.error} onRetry={record.reload} />
      {record.loading && data === undefined ? <Skeleton active /> : null}
      {data !== undefined ? children(data) : null}
    </Space>
  )
}

/** The arrow in a record's title, back to the list it came from. */
export function BackLink({ to }: { to: string }) {
  const { t } = useI18n()
  return (
    <Link to={to} aria-label={t('common.back')}>
      <ArrowLeftOutlined />
    </Link>
  )
}
