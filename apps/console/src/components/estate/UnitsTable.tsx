import type { Unit } from '@meihao/contracts'
import { Table, type TableColumnsType, Tag } from 'antd'
import type { HTMLAttributes } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { useI18n } from '../../i18n/I18nProvider'
import { AreaText } from '../AreaText'

export function UnitsTable({ units, loading }: { units: Unit[]; loading: boolean }) {
  const { t } = useI18n()
  const navigate = useNavigate()
  const columns: TableColumnsType<Unit> = [
    {
      title: t('unit.code'),
      dataIndex: 'code',
      render: (_, u) => (
        <Link to={`/units/${u.id}`} onClick={(e) => e.stopPropagation()} data-testid="unit-link">
          {u.code}
        </Link>
      ),
    },
    { title: t('unit.building'), dataIndex: 'buildingCode' },
    { title: t('unit.floor'), dataIndex: 'floor', render: (floor: number | null) => floor ?? '—' },
    {
      title: t('unit.buildingArea'),
      dataIndex: 'buildingArea',
      align: 'right',
      render: (area: string) => <AreaText value={area} />,
    },
    {
      title: t('unit.exclusiveArea'),
      dataIndex: 'exclusiveArea',
      align: 'right',
      render: (area: string, u) => (
        <span>
          <AreaText value={area} />{' '}
          <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
            {t(`areaSource.${u.exclusiveAreaSource}`)}
          </Tag>
        </span>
      ),
    },
    { title: t('unit.use'), dataIndex: 'use', render: (_, u) => t(`unitUse.${u.use}`) },
    {
      title: t('unit.owners'),
      dataIndex: 'ownerNames',
      render: (names: string[]) => (names.length > 0 ? names.join('、') : '—'),
    },
    {
      title: t('unit.sold'),
      dataIndex: 'sold',
      render: (sold: boolean) =>
        sold ? <Tag color="blue">{t('unit.soldYes')}</Tag> : <Tag>{t('unit.soldNo')}</Tag>,
    },
  ]
  return (
    <div data-testid="unit-table">
      <Table<Unit>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={units}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('estate.noUnits') }}
        onRow={(u) =>
          ({
            'data-testid': 'unit-row',
            style: { cursor: 'pointer' },
            onClick: () => navigate(`/units/${u.id}`),
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </div>
  )
}
