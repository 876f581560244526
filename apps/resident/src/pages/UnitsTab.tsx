import { Button, ErrorBlock, NavBar, PullToRefresh, Skeleton, Tag } from 'antd-mobile'
import { useState } from 'react'
import type { MyUnit, UnitRelation } from '../api/types'
import { BuildingIcon } from '../components/icons'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { useHomeOutlet } from './HomeLayout'

const RELATION_TONE: Record<UnitRelation, string> = {
  owner: 'primary',
  family: 'success',
  tenant: 'warning',
  other: 'default',
}

function UnitCard({ unit }: { unit: MyUnit }) {
  const t = useT()
  return (
    <li className="mh-unit" data-testid={TEST_IDS.myUnitItem} data-unit-id={unit.id}>
      <div className="mh-unit-head">
        <span className="mh-unit-icon">
          <BuildingIcon />
        </span>
        <div className="mh-unit-title">
          <div className="mh-unit-community">{unit.communityName}</div>
          <div className="mh-unit-address">
            <span>{t('units.building', { building: unit.buildingCode })}</span>
            <span>{t('units.unit', { unit: unit.code })}</span>
          </div>
        </div>
        <Tag color={RELATION_TONE[unit.relation]} fill="outline" round className="mh-unit-relation">
          {t(`units.relation.${unit.relation}`)}
        </Tag>
      </div>
      <div className="mh-unit-foot">
        <span className="mh-unit-label">{t('units.buildingArea')}</span>
        {/* Areas are exact decimal strings from the server: shown as they are, never parsed. */}
        <span className="mh-unit-area">{t('units.areaValue', { area: unit.buildingArea })}</span>
      </div>
    </li>
  )
}

export function UnitsTab() {
  const t = useT()
  const { units, reloadUnits } = useHomeOutlet()
  const [retrying, setRetrying] = useState(false)

  const retry = async () => {
    setRetrying(true)
    await reloadUnits()
    setRetrying(false)
  }

  return (
    <div className="mh-page">
      <NavBar className="mh-navbar" backIcon={false}>
        {t('units.title')}
      </NavBar>
      <PullToRefresh
        onRefresh={reloadUnits}
        pullingText={t('units.pullToRefresh')}
        canReleaseText={t('units.releaseToRefresh')}
        refreshingText={t('units.refreshing')}
        completeText={t('units.refreshed')}
      >
        <div className="mh-page-body">
          {units.status === 'loading' && (
            <div className="mh-card mh-unit-skeleton">
              <Skeleton.Title animated />
              <Skeleton.Paragraph lineCount={2} animated />
            </div>
          )}
          {units.status === 'failed' && (
            <ErrorBlock
              status="default"
              className="mh-block"
              data-testid={TEST_IDS.myUnitsError}
              title={t('units.errorTitle')}
              description={units.message}
            >
              <Button color="primary" fill="outline" shape="rounded" loading={retrying} onClick={retry}>
                {t('units.retry')}
              </Button>
            </ErrorBlock>
          )}
          {units.status === 'ready' && units.units.length === 0 && (
            <ErrorBlock
              status="empty"
              className="mh-block"
              data-testid={TEST_IDS.myUnitsEmpty}
              title={t('units.emptyTitle')}
              description={t('units.emptyDescription')}
            />
          )}
          {units.status === 'ready' && units.units.length > 0 && (
            <ul className="mh-units" data-testid={TEST_IDS.myUnitsList}>
              {units.units.map((unit) => (
                <UnitCard key={unit.id} unit={unit} />
              ))}
            </ul>
          )}
        </div>
      </PullToRefresh>
    </div>
  )
}
