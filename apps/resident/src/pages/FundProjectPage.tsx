import { Tag } from 'antd-mobile'
import { useParams } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { Apportionment } from '../api/types'
import { LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useT } from '../i18n'
import { useMe } from '../session'
import { TEST_IDS } from '../testids'
import { formatDateTime } from './decision/format'
import { emergencyLabel, formatFen, hundredthsText } from './disclosure/format'
import { useChosenCommunity } from './disclosure/useCommunities'
import { useLoaded } from './pay/useLoaded'

function ProjectHead({ apportionment }: { apportionment: Apportionment }) {
  const t = useT()
  const { project } = apportionment
  const facts = [
    { label: t('fundProject.cost'), value: formatFen(project.costFen) },
    { label: t('fundProject.rate'), value: t('fundProject.rateValue', { rate: apportionment.fenPerM2 }) },
    {
      label: t('fundProject.area'),
      value: t('fundProject.areaValue', { area: hundredthsText(apportionment.totalAreaHundredths) }),
    },
    { label: t('fundProject.units'), value: String(apportionment.units) },
    { label: t('fundProject.fromFund'), value: formatFen(apportionment.fromFundFen) },
    ...(apportionment.shortfallUnits > 0
      ? [
          {
            label: t('fundProject.shortfall'),
            value: t('fundProject.shortfallUnits', {
              count: apportionment.shortfallUnits,
              amount: formatFen(apportionment.shortfallFen),
            }),
          },
        ]
      : []),
    ...(apportionment.developerUnits > 0
      ? [
          {
            label: t('fundProject.developer'),
            value: t('fundProject.developerUnits', {
              count: apportionment.developerUnits,
              amount: formatFen(apportionment.developerFen),
            }),
          },
        ]
      : []),
    ...(apportionment.topUpUnits > 0
      ? [
          {
            label: t('fundProject.topUpUnits'),
            value: t('fundProject.topUpUnitsValue', { count: apportionment.topUpUnits }),
          },
        ]
      : []),
    ...(project.settledAt
      ? [{ label: t('fundProject.settledAt'), value: formatDateTime(project.settledAt) }]
      : []),
    {
      label: t('fundProject.approval'),
      value: project.emergencyCategory
        ? `${t('fund.emergency')} · ${emergencyLabel(project.emergencyCategory)}`
        : t('fund.decided'),
    },
  ]
  return (
    <section className="mh-card mh-dis-head">
      <span className="mh-dis-item-tags">
        <Tag color={project.emergencyCategory ? 'danger' : 'primary'} fill="outline" round>
          {project.emergencyCategory ? t('fund.emergency') : t('fund.decided')}
        </Tag>
      </span>
      <h1 className="mh-dis-title" data-testid={TEST_IDS.fundProjectTitle}>
        {project.title}
      </h1>
      {project.description && <p className="mh-dis-body mh-dis-description">{project.description}</p>}
      <dl className="mh-ticket-facts">
        {facts.map(({ label, value }) => (
          <div key={label} className="mh-ticket-fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

/** Each benefiting unit's share by exclusive area: what its sub-account paid and what it has left. */
function ShareTable({ apportionment, mine }: { apportionment: Apportionment; mine: ReadonlySet<string> }) {
  const t = useT()
  return (
    <section className="mh-card mh-dis-section">
      <h2 className="mh-subtitle">{t('fundProject.lines')}</h2>
      <table className="mh-dis-table">
        <thead>
          <tr>
            <th scope="col">{t('fundProject.col.unit')}</th>
            <th scope="col">{t('fundProject.col.area')}</th>
            <th scope="col">{t('fundProject.col.share')}</th>
            <th scope="col">{t('fundProject.col.balanceAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {apportionment.lines.map((line) => {
            const isMine = mine.has(line.unitId)
            return (
              <tr
                key={line.unitId}
                className={isMine ? 'mh-dis-table-mine' : line.needsTopUp ? 'mh-dis-table-warn' : undefined}
                data-testid={TEST_IDS.fundShareLine}
                data-unit-id={line.unitId}
                data-mine={isMine}
                data-share-fen={line.shareFen}
              >
                <th scope="row">
                  {line.unitCode}
                  {isMine && <span className="mh-dis-mine">{t('fundProject.mine')}</span>}
                  {line.developerHeld && (
                    <span className="mh-dis-tagline">{t('fundProject.developerHeld')}</span>
                  )}
                </th>
                <td>{line.exclusiveArea}</td>
                <td>
                  {formatFen(line.shareFen)}
                  {line.shortfallFen > 0 && (
                    <span className="mh-dis-tagline mh-dis-warn">
                      {t('fundProject.shortfallOf', { amount: formatFen(line.shortfallFen) })}
                    </span>
                  )}
                </td>
                <td>
                  {formatFen(line.balanceAfterFen)}
                  {line.needsTopUp && (
                    <span className="mh-dis-tagline mh-dis-warn">{t('fund.needsTopUp')}</span>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

/** /disclosures/fund/projects/:id — a settled repair paid from the fund, and how its cost was shared. */
export function FundProjectPage() {
  const t = useT()
  const { id = '' } = useParams()
  const contextId = useMe().context.id
  const communities = useChosenCommunity()
  const { state, reload } = useLoaded(() => endpoints.fetchMyFundProject(id), `${contextId}/${id}`)
  const back = useBack(
    state.status === 'ready'
      ? `/disclosures/fund?community=${encodeURIComponent(state.value.project.communityId)}`
      : '/disclosures/fund',
  )
  const mine = new Set(communities.state.status === 'ready' ? communities.state.value.unitIds : [])

  return (
    <PageShell title={t('fundProject.title')} onBack={back} onRefresh={reload}>
      <LoadStatus
        state={state}
        lines={5}
        errorTestId={TEST_IDS.fundProjectError}
        errorTitle={t('fundProject.errorTitle')}
        onRetry={() => void reload()}
      />
      {state.status === 'ready' && (
        <>
          <ProjectHead apportionment={state.value} />
          <ShareTable apportionment={state.value} mine={mine} />
        </>
      )}
    </PageShell>
  )
}
