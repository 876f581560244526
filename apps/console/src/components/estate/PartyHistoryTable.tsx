import type { PartyRef } from '@meihao/contracts'
import { Table, type TableColumnsType, Tag } from 'antd'
import type { HTMLAttributes, ReactNode } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { MaskedValue } from '../MaskedValue'

export interface PartyPeriod {
  id: string
  party: PartyRef
  startDate: string
  endDate: string | null
}

/** Current rows first, then ended ones (greyed), each group newest first. Dates compare as ISO text. */
function ordered<T extends PartyPeriod>(rows: T[]): T[] {
  return [...rows].sort((a, b) => {
    const ended = Number(a.endDate !== null) - Number(b.endDate !== null)
    return ended !== 0 ? ended : b.startDate.localeCompare(a.startDate)
  })
}

/** Owners or occupants of a unit over time, with masked phone and ID numbers. */
export function PartyHistoryTable<T extends PartyPeriod>({
  rows,
  testId,
  rowTestId,
  extraColumns = [],
}: {
  rows: T[]
  testId: string
  rowTestId: string
  extraColumns?: { title: string; render: (row: T) => ReactNode }[]
}) {
  const { t } = useI18n()
  const columns: TableColumnsType<T> = [
    {
      title: t('party.name'),
      key: 'name',
      render: (_, r) => (
        <span>
          {r.party.name}
          {r.party.kind !== 'person' ? (
            <Tag variant="filled" style={{ marginInlineStart: 8 }}>
              {t(`partyKind.${r.party.kind}`)}
            </Tag>
          ) : null}
        </span>
      ),
    },
    ...extraColumns.map((c, i) => ({
      key: `extra-${i}`,
      title: c.title,
      render: (_: unknown, r: T) => c.render(r),
    })),
    {
      title: t('party.phone'),
      key: 'phone',
      render: (_, r) => <MaskedValue partyId={r.party.id} field="phone" masked={r.party.phoneMasked} />,
    },
    {
      title: t('party.idNumber'),
      key: 'idNumber',
      render: (_, r) => <MaskedValue partyId={r.party.id} field="idNumber" masked={r.party.idNumberMasked} />,
    },
    { title: t('party.startDate'), dataIndex: 'startDate' },
    { title: t('party.endDate'), dataIndex: 'endDate', render: (d: string | null) => d ?? '—' },
    {
      title: t('party.status'),
      key: 'status',
      render: (_, r) =>
        r.endDate === null ? <Tag color="green">{t('party.current')}</Tag> : <Tag>{t('party.ended')}</Tag>,
    },
  ]
  return (
    <div data-testid={testId}>
      <Table<T>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={ordered(rows)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('common.none') }}
        onRow={(r) =>
          ({
            'data-testid': rowTestId,
            'data-ended': r.endDate !== null ? 'true' : 'false',
            style: r.endDate !== null ? { opacity: 0.5 } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </div>
  )
}
