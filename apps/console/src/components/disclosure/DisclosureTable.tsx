import type { Disclosure } from '@meihao/contracts'
import { Button, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { DisclosureStatusTag } from './DisclosureTags'

/** The period an item covers: "2026-01-01 ~ 2026-03-31", one end, or a dash. */
export function PeriodText({ from, to }: { from: string | null; to: string | null }) {
  if (!from && !to) return <span>—</span>
  return <span style={{ whiteSpace: 'nowrap' }}>{`${from ?? '…'} ~ ${to ?? '…'}`}</span>
}

/** A correction replaces a published item typed by a person; generated ones are generated again. */
export const mayCorrect = (item: Disclosure) => item.status === 'published' && item.content === null

/**
 * The disclosures of a community: drafts, what is up, and superseded versions (kept readable). Each row
 * opens the item; holders of disclosure.manage edit or publish drafts and correct published items.
 */
export function DisclosureTable({
  items,
  loading,
  manage,
  publishing,
  onEdit,
  onPublish,
  onCorrect,
}: {
  items: Disclosure[]
  loading: boolean
  manage: boolean
  /** The id of the draft being published, for its spinner. */
  publishing: string | null
  onEdit: (item: Disclosure) => void
  onPublish: (item: Disclosure) => void
  onCorrect: (item: Disclosure) => void
}) {
  const { t, lang } = useI18n()
  const columns: TableColumnsType<Disclosure> = [
    {
      title: t('disclosure.title'),
      dataIndex: 'title',
      render: (_, d) => (
        <Link to={`/disclosure/items/${d.id}`} data-testid="disclosure-link">
          {d.title}
        </Link>
      ),
    },
    { title: t('disclosure.type'), dataIndex: 'type', render: (_, d) => t(`disclosureType.${d.type}`) },
    {
      title: t('disclosure.status'),
      dataIndex: 'status',
      render: (_, d) => <DisclosureStatusTag status={d.status} />,
    },
    {
      title: t('disclosure.version'),
      dataIndex: 'version',
      align: 'right',
      render: (_, d) => t('disclosure.versionNo', { version: d.version }),
    },
    {
      title: t('disclosure.period'),
      key: 'period',
      render: (_, d) => <PeriodText from={d.periodFrom} to={d.periodTo} />,
    },
    {
      title: t('disclosure.publishedAt'),
      dataIndex: 'publishedAt',
      render: (_, d) => (d.publishedAt ? formatDateTime(lang, d.publishedAt) : '—'),
    },
    {
      title: t('disclosure.displayUntil'),
      dataIndex: 'displayUntil',
      render: (_, d) => d.displayUntil ?? '—',
    },
    {
      title: t('disclosure.correctionNote'),
      dataIndex: 'correctionNote',
      render: (_, d) =>
        d.correctionNote ? (
          <Typography.Text
            type="secondary"
            ellipsis={{ tooltip: d.correctionNote }}
            style={{ maxWidth: 200 }}
          >
            {d.correctionNote}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d: Disclosure) => (
              <Space size={0} wrap>
                {d.status === 'draft' ? (
                  <>
                    <Button type="link" size="small" onClick={() => onEdit(d)} data-testid="disclosure-edit">
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('disclosure.publishConfirm', { title: d.title })}
                      description={t('disclosure.publishConfirmHint')}
                      okText={t('disclosure.publish')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ 'data-testid': 'disclosure-publish-confirm' }}
                      onConfirm={() => onPublish(d)}
                    >
                      <Button
                        type="link"
                        size="small"
                        loading={publishing === d.id}
                        data-testid="disclosure-publish"
                      >
                        {t('disclosure.publish')}
                      </Button>
                    </Popconfirm>
                  </>
                ) : null}
                {mayCorrect(d) ? (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => onCorrect(d)}
                    data-testid="disclosure-correct"
                  >
                    {t('disclosure.correct')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
  ]
  return (
    <div data-testid="disclosure-list">
      <Table<Disclosure>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('disclosure.empty') }}
        onRow={(d) =>
          ({
            'data-testid': 'disclosure-row',
            'data-id': d.id,
            'data-type': d.type,
            'data-status': d.status,
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </div>
  )
}
