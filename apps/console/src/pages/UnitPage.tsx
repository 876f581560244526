import { Card, Descriptions, type DescriptionsProps, Space, Tag, Typography } from 'antd'
import { Link, useParams } from 'react-router-dom'
import { getUnit, type Occupancy, type Ownership } from '../api/estate'
import { AreaText } from '../components/AreaText'
import { BackLink, DetailPage } from '../components/DetailPage'
import { PartyHistoryTable } from '../components/estate/PartyHistoryTable'
import { useAsync } from '../hooks/useAsync'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

export function UnitPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const { id = '' } = useParams()
  const unit = useAsync(() => getUnit(id), [id])
  const u = unit.data

  const back = u ? `/estate?community=${u.communityId}&building=${u.buildingId}` : '/estate'
  const facts: DescriptionsProps['items'] = u
    ? [
        { key: 'code', label: t('unit.code'), children: u.code },
        { key: 'community', label: t('unit.community'), children: u.communityName },
        { key: 'building', label: t('unit.building'), children: u.buildingCode },
        { key: 'floor', label: t('unit.floor'), children: u.floor ?? '—' },
        { key: 'buildingArea', label: t('unit.buildingArea'), children: <AreaText value={u.buildingArea} /> },
        {
          key: 'exclusiveArea',
          label: t('unit.exclusiveArea'),
          children: (
            <Space size={8}>
              <AreaText value={u.exclusiveArea} />
              <Tag data-testid="exclusive-area-source">{t(`areaSource.${u.exclusiveAreaSource}`)}</Tag>
            </Space>
          ),
        },
        { key: 'use', label: t('unit.use'), children: t(`unitUse.${u.use}`) },
        { key: 'deliveryDate', label: t('unit.deliveryDate'), children: u.deliveryDate ?? '—' },
        {
          key: 'sold',
          label: t('unit.sold'),
          children: u.sold ? <Tag color="blue">{t('unit.soldYes')}</Tag> : <Tag>{t('unit.soldNo')}</Tag>,
        },
      ]
    : []

  return (
    <DetailPage
      testId="unit-page"
      section={{ to: '/estate', label: t('menu.estate') }}
      record={unit}
      crumbs={(u) => [
        { title: <Link to={`/estate?community=${u.communityId}`}>{u.communityName}</Link> },
        { title: <Link to={back}>{u.buildingCode}</Link> },
        { title: u.code },
      ]}
    >
      {(u) => (
        <>
          <Card
            title={
              <Space>
                <BackLink to={back} />
                <span data-testid="unit-title">{t('unit.title', { code: u.code })}</span>
              </Space>
            }
          >
            <Descriptions
              items={facts}
              column={{ xs: 1, sm: 2, lg: 3 }}
              size="small"
              data-testid="unit-facts"
            />
          </Card>
          <Card title={t('unit.ownerships')}>
            <PartyHistoryTable<Ownership> rows={u.ownerships} testId="owner-table" rowTestId="owner-row" />
          </Card>
          <Card title={t('unit.occupancies')}>
            <PartyHistoryTable<Occupancy>
              rows={u.occupancies}
              testId="occupant-table"
              rowTestId="occupant-row"
              extraColumns={[{ title: t('party.relation'), render: (r) => t(`relation.${r.relation}`) }]}
            />
          </Card>
          {can('pii.reveal') ? (
            <Typography.Text type="secondary">{t('pii.revealAudited')}</Typography.Text>
          ) : null}
        </>
      )}
    </DetailPage>
  )
}
