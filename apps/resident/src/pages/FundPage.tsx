import { Tag } from 'antd-mobile'
import { useNavigate } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { FundAccountDetail, FundProject } from '../api/types'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useRetry } from '../hooks/useRetry'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { CommunityBar } from './disclosure/CommunityBar'
import { FundTotals } from './disclosure/FundTotals'
import { emergencyLabel, formatFen, formatMomentDay } from './disclosure/format'
import { communityQuery, useChosenCommunity } from './disclosure/useCommunities'
import { type Loaded, useLoaded } from './pay/useLoaded'

/** A sub-account of mine, in short: the balance and whether it is below the top-up line. Tap for movements. */
function AccountRow({ account, query }: { account: FundAccountDetail; query: string }) {
  const t = useT()
  const navigate = useNavigate()
  return (
    <li
      data-testid={TEST_IDS.fundAccountItem}
      data-unit-id={account.unitId}
      data-fen={account.balanceFen}
      data-needs-top-up={account.needsTopUp}
    >
      <button
        type="button"
        className={`mh-row-card mh-fund-row${account.needsTopUp ? ' mh-fund-row-low' : ''}`}
        onClick={() => navigate(`/disclosures/fund/accounts/${encodeURIComponent(account.unitId)}${query}`)}
      >
        <span className="mh-fund-row-head">
          <span className="mh-fund-row-unit">{t('fund.unit', { unit: account.unitCode })}</span>
          {account.firstDepositFen === 0 ? (
            <Tag color="default" fill="outline" round>
              {t('fund.noFirstDeposit')}
            </Tag>
          ) : account.needsTopUp ? (
            <Tag color="danger" round>
              {t('fund.needsTopUp')}
            </Tag>
          ) : (
            <Tag color="success" fill="outline" round>
              {t('fund.healthy')}
            </Tag>
          )}
        </span>
        <span className="mh-fund-row-figures">
          <span className="mh-dis-big-label">{t('fund.balance')}</span>
          <span className={`mh-fund-row-balance${account.needsTopUp ? ' mh-dis-warn' : ''}`}>
            {formatFen(account.balanceFen)}
          </span>
        </span>
        <span className="mh-dis-row-meta">
          {t('fund.firstDeposit')} {formatFen(account.firstDepositFen)} · {t('fund.topUpLine')}{' '}
          {formatFen(account.topUpLineFen)}
        </span>
        <span className="mh-fund-row-more">{t('fund.viewAccount')}</span>
      </button>
    </li>
  )
}

function MyAccounts({
  state,
  communityId,
  query,
  onRetry,
}: {
  state: Loaded<FundAccountDetail[]>
  communityId: string
  query: string
  onRetry(): Promise<void>
}) {
  const t = useT()
  const { retrying, retry } = useRetry(onRetry)
  const mine = state.status === 'ready' ? state.value.filter((a) => a.communityId === communityId) : []
  return (
    <section aria-labelledby="mh-fund-mine">
      <h2 id="mh-fund-mine" className="mh-dis-list-title">
        {t('fund.myAccounts')}
      </h2>
      <LoadStatus
        state={state}
        lines={2}
        errorTestId={TEST_IDS.fundAccountsError}
        errorTitle={t('fund.accountsErrorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
      {state.status === 'ready' && mine.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.fundAccountsEmpty}
          title={t('fund.accountsEmptyTitle')}
          description={t('fund.accountsEmptyDescription')}
        />
      )}
      {mine.length > 0 && (
        <ul className="mh-dis-items" data-testid={TEST_IDS.fundAccounts}>
          {mine.map((account) => (
            <AccountRow key={account.unitId} account={account} query={query} />
          ))}
        </ul>
      )}
    </section>
  )
}

function Projects({
  state,
  query,
  onRetry,
}: {
  state: Loaded<FundProject[]>
  query: string
  onRetry(): Promise<void>
}) {
  const t = useT()
  const navigate = useNavigate()
  const { retrying, retry } = useRetry(onRetry)
  return (
    <section aria-labelledby="mh-fund-projects">
      <h2 id="mh-fund-projects" className="mh-dis-list-title">
        {t('fund.projects')}
      </h2>
      <LoadStatus
        state={state}
        lines={2}
        errorTestId={TEST_IDS.fundProjectsError}
        errorTitle={t('fund.projectsErrorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
      {state.status === 'ready' && state.value.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.fundProjectsEmpty}
          title={t('fund.projectsEmptyTitle')}
          description={t('fund.projectsEmptyDescription')}
        />
      )}
      {state.status === 'ready' && state.value.length > 0 && (
        <ul className="mh-dis-items" data-testid={TEST_IDS.fundProjects}>
          {state.value.map((project) => (
            <li key={project.id} data-testid={TEST_IDS.fundProject} data-project-id={project.id}>
              <button
                type="button"
                className="mh-row-card mh-dis-item"
                onClick={() =>
                  navigate(`/disclosures/fund/projects/${encodeURIComponent(project.id)}${query}`)
                }
              >
                <span className="mh-dis-item-tags">
                  <Tag color={project.emergencyCategory ? 'danger' : 'primary'} fill="outline" round>
                    {project.emergencyCategory ? t('fund.emergency') : t('fund.decided')}
                  </Tag>
                  {project.emergencyCategory && (
                    <span className="mh-dis-item-files">{emergencyLabel(project.emergencyCategory)}</span>
                  )}
                </span>
                <span className="mh-dis-item-title">{project.title}</span>
                <span className="mh-dis-item-meta">
                  <span>{t('fund.projectCost', { amount: formatFen(project.costFen) })}</span>
                  {project.settledAt && (
                    <span>{t('fund.projectSettled', { date: formatMomentDay(project.settledAt) })}</span>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/**
 * /disclosures/fund — 维修资金: my sub-accounts in this community (balance, the 30% line), the community's
 * fund in figures, and the settled projects with their apportionment.
 */
export function FundPage() {
  const t = useT()
  const communities = useChosenCommunity()
  const { chosen } = communities
  const query = communityQuery(chosen)
  const back = useBack(`/disclosures${query}`)
  const accounts = useLoaded(endpoints.fetchMyFundAccounts, chosen?.id)
  const summary = useLoaded(
    () => (chosen ? endpoints.fetchMyFund(chosen.id) : Promise.reject(new Error('no community'))),
    chosen?.id,
  )
  const projects = useLoaded(
    () => (chosen ? endpoints.fetchMyFundProjects(chosen.id) : Promise.resolve([])),
    chosen?.id,
  )
  const { retrying, retry } = useRetry(summary.reload)

  return (
    <PageShell
      title={t('fund.title')}
      onBack={back}
      onRefresh={() =>
        Promise.all([communities.reload(), accounts.reload(), summary.reload(), projects.reload()])
      }
    >
      <p className="mh-decisions-intro">{t('fund.intro')}</p>
      <CommunityBar {...communities} />
      {chosen && (
        <>
          <MyAccounts
            state={accounts.state}
            communityId={chosen.id}
            query={query}
            onRetry={accounts.reload}
          />
          <h2 className="mh-dis-list-title">{t('fund.community')}</h2>
          <LoadStatus
            state={summary.state}
            lines={3}
            errorTestId={TEST_IDS.fundError}
            errorTitle={t('fund.summaryErrorTitle')}
            retrying={retrying}
            onRetry={retry}
          />
          {summary.state.status === 'ready' && (
            <FundTotals
              fund={summary.state.value}
              emergencyRoomFen={summary.state.value.emergencyRoomFen}
              title={chosen.name}
              testId={TEST_IDS.fundSummary}
            />
          )}
          <Projects state={projects.state} query={query} onRetry={projects.reload} />
        </>
      )}
    </PageShell>
  )
}
