import type { RevenueEntry, RevenueLedger } from '@meihao/contracts'
import { Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import { disclosureAttachmentUrl } from '../../api/disclosure'
import { formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { Money } from '../billing/BillingTags'
import { AttachmentLinks } from './AttachmentLinks'
import { RevenueKindTag } from './DisclosureTags'
import { quarterOfDate } from './disclosureValues'

/** Only income, costs and uses that are neither reversals nor reversed may be reversed. */
export const mayReverse = (e: RevenueEntry) => e.kind !== 'to_fund' && !e.reversesId && !e.reversedBy

/**
 * The public-revenue ledger, newest first: each entry with its signed amount and the running balance after
 * it. An entry's evidence opens once its quarter is closed (the files become the published statement's);
 * before that only the names show.
 */
export function RevenueLedgerTable({
  ledger,
  loading,
  finance,
  onReverse,
}: {
  ledger: RevenueLedger | undefined
  loading: boolean
  finance: boolean
  onReverse: (entry: RevenueEntry) => void
}) {
  const { t } = useI18n()
  const statementOf = new Map(
    (ledger?.quarters ?? []).flatMap((q) => (q.disclosureId ? [[q.quarter, q.disclosureId] as const] : [])),
  )
  const columns: TableColumnsType<RevenueEntry> = [
    {
      title: t('revenue.date'),
      dataIndex: 'occurredOn',
      render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{e.occurredOn}</span>,
    },
    {
      title: t('revenue.kind'),
      dataIndex: 'kind',
      render: (_, e) => <RevenueKindTag kind={e.kind} reversal={e.reversesId !== null} />,
    },
    {
      title: t('revenue.source'),
      dataIndex: 'source',
      render: (_, e) => (e.source ? t(`revenueSource.${e.source}`) : '—'),
    },
    {
      title: t('revenue.summary'),
      dataIndex: 'summary',
      render: (_, e) => (
        <Flex vertical style={{ maxWidth: 320 }}>
          <Typography.Text>{e.summary}</Typography.Text>
          {e.counterparty || e.contractRef ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[e.counterparty, e.contractRef].filter(Boolean).join(' · ')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('revenue.amount'),
      dataIndex: 'signedFen',
      align: 'right',
      render: (_, e) => (
        <Typography.Text type={e.signedFen < 0 ? 'danger' : 'success'}>
          <Money fen={e.signedFen} testId="revenue-entry-amount" />
        </Typography.Text>
      ),
    },
    {
      title: t('revenue.runningBalance'),
      dataIndex: 'balanceFen',
      align: 'right',
      render: (_, e) => <Money fen={e.balanceFen} />,
    },
    {
      title: t('revenue.evidence'),
      dataIndex: 'evidence',
      render: (_, e) => {
        const statement = statementOf.get(quarterOfDate(e.occurredOn))
        const links = (
          <AttachmentLinks
            compact
            files={e.evidence}
            urlOf={statement ? (sha) => disclosureAttachmentUrl(statement, sha) : null}
          />
        )
        return statement || e.evidence.length === 0 ? (
          links
        ) : (
          <Tooltip title={t('revenue.evidenceAfterClose')}>{links}</Tooltip>
        )
      },
    },
    {
      title: t('revenue.state'),
      key: 'state',
      render: (_, e) =>
        e.reversedBy ? (
          <Tag data-testid="revenue-entry-reversed">{t('revenue.reversed')}</Tag>
        ) : e.quarter ? (
          <Tag color="blue">{e.quarter}</Tag>
        ) : null,
    },
    ...(finance
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, e: RevenueEntry) =>
              mayReverse(e) ? (
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() => onReverse(e)}
                  data-testid="revenue-reverse"
                >
                  {t('revenue.reverse')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ]
  return (
    <div data-testid="revenue-ledger">
      <Table<RevenueEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={ledger?.entries ?? []}
        loading={loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('revenue.empty') }}
        onRow={(e) =>
          ({
            'data-testid': 'revenue-row',
            'data-kind': e.kind,
            'data-fen': e.signedFen,
            'data-reversed': e.reversedBy ? 'true' : 'false',
            title: e.reversesId
              ? t('revenue.reversalRow', { amount: formatFen(Math.abs(e.signedFen)) })
              : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </div>
  )
}
