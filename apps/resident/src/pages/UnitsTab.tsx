import { Tag } from 'antd-mobile'
import type { MyUnit, UnitRelation } from '../api/types'
import { BuildingIcon } from '../components/icons'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useRetry } from '../hooks/useRetry'
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
        <span className="mh-icon-badge">
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
  const { retrying, retry } = useRetry(reloadUnits)

  return (
    <PageShell title={t('units.title')} onRefresh={reloadUnits}>
      <LoadStatus
        state={units}
        lines={2}
        errorTestId={TEST_IDS.myUnitsError}
        errorTitle={t('units.errorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
      {units.status === 'ready' && units.units.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.myUnitsEmpty}
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
    </PageShell>
  )
}
