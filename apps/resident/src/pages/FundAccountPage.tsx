import { NoticeBar } from 'antd-mobile'
import { Link, useParams } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { FundAccountDetail } from '../api/types'
import { ShieldIcon } from '../components/icons'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useT } from '../i18n'
import { useMe } from '../session'
import { TEST_IDS } from '../testids'
import { barPermille, formatDay, formatFen, fundEntryKindLabel, signedFenText } from './disclosure/format'
import { useLoaded } from './pay/useLoaded'

/** Since when the balance is low and, where the city sets a term (上海), by when and to what to top up. */
function topUpTermText(t: ReturnType<typeof useT>, topUp: NonNullable<FundAccountDetail['topUp']>): string {
  const since = t('fund.topUpSince', { since: formatDay(topUp.since) })
  const { term } = topUp
  if (term === null) return since
  return `${since}${t('fund.topUpTerm', {
    decideBy: formatDay(term.decideBy),
    percent: term.percent,
    target: formatFen(term.targetFen),
    missing: formatFen(term.missingFen),
  })}`
}

/** The balance against the first deposit, with the 30% line marked: how far it is from needing a top-up. */
function Gauge({ account }: { account: FundAccountDetail }) {
  if (account.firstDepositFen <= 0) return null
  const filled = barPermille(account.balanceFen, account.firstDepositFen)
  const line = barPermille(account.topUpLineFen, account.firstDepositFen)
  return (
    <div className="mh-fund-gauge" aria-hidden="true">
      <span
        className={`mh-fund-gauge-fill${account.needsTopUp ? ' mh-fund-gauge-low' : ''}`}
        style={{ width: `${filled / 10}%` }}
      />
      <span className="mh-fund-gauge-line" style={{ left: `${line / 10}%` }} />
    </div>
  )
}

function AccountCard({ account }: { account: FundAccountDetail }) {
  const t = useT()
  const figures = [
    {
      key: 'first',
      label: t('fund.firstDeposit'),
      fen: account.firstDepositFen,
      testId: TEST_IDS.fundAccountFirstDeposit,
    },
    {
      key: 'line',
      label: t('fund.topUpLine'),
      fen: account.topUpLineFen,
      testId: TEST_IDS.fundAccountTopUpLine,
    },
    { key: 'deposited', label: t('fund.deposited'), fen: account.depositedFen },
    { key: 'gains', label: t('fund.gains'), fen: account.gainsFen },
    { key: 'spent', label: t('fund.spent'), fen: account.spentFen },
  ]
  return (
    <section className="mh-card mh-dis-section mh-fund-account">
      <div className="mh-account-unit">
        <span
          className={`mh-icon-badge mh-icon-badge-small ${account.needsTopUp ? 'mh-tone-red' : 'mh-tone-blue'}`}
        >
          <ShieldIcon />
        </span>
        <span className="mh-account-unit-text">{t('fund.unit', { unit: account.unitCode })}</span>
      </div>
      <div className="mh-dis-big">
        <span className="mh-dis-big-label">{t('fund.balance')}</span>
        <span
          className={`mh-dis-big-fen${account.needsTopUp ? ' mh-dis-warn' : ''}`}
          data-testid={TEST_IDS.fundAccountBalance}
          data-fen={account.balanceFen}
          data-needs-top-up={account.needsTopUp}
        >
          {formatFen(account.balanceFen)}
        </span>
      </div>
      <Gauge account={account} />
      <dl className="mh-dis-figures">
        {figures.map(({ key, label, fen, testId }) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-testid={testId} data-fen={fen}>
              {formatFen(fen)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mh-dis-muted">
        {t('fundAccount.area', { building: account.buildingArea, exclusive: account.exclusiveArea })}
      </p>
    </section>
  )
}

function Movements({ account }: { account: FundAccountDetail }) {
  const t = useT()
  return (
    <section aria-labelledby="mh-fund-moves">
      <h2 id="mh-fund-moves" className="mh-dis-list-title">
        {t('fundAccount.entries')}
      </h2>
      {account.entries.length === 0 ? (
        <p className="mh-card mh-dis-section mh-dis-muted">{t('fundAccount.entriesEmpty')}</p>
      ) : (
        <ul className="mh-card mh-dis-rows mh-dis-rows-card">
          {account.entries.map((entry) => (
            <li
              key={entry.id}
              className="mh-dis-row"
              data-testid={TEST_IDS.fundAccountEntry}
              data-kind={entry.kind}
              data-fen={entry.amountFen}
            >
              <span className="mh-dis-row-main">
                <span className="mh-dis-row-title">{fundEntryKindLabel(entry.kind)}</span>
                {entry.projectId && entry.projectTitle ? (
                  <Link
                    className="mh-dis-inline-link"
                    to={`/disclosures/fund/projects/${encodeURIComponent(entry.projectId)}?community=${encodeURIComponent(account.communityId)}`}
                  >
                    {entry.projectTitle}
                  </Link>
                ) : (
                  entry.memo && <span className="mh-dis-row-summary">{entry.memo}</span>
                )}
                <span className="mh-dis-row-meta">
                  {formatDay(entry.occurredOn)} ·{' '}
                  {t('fundAccount.balanceAfter', { amount: formatFen(entry.balanceAfterFen) })}
                </span>
              </span>
              <span className={`mh-dis-fen${entry.amountFen < 0 ? ' mh-dis-fen-out' : ''}`}>
                {signedFenText(entry.amountFen)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/**
 * /disclosures/fund/accounts/:unitId — the sub-account (分户账) of a unit I own: balance, first deposit and
 * the 30% line, a clear notice when it has fallen below, and every movement.
 */
export function FundAccountPage() {
  const t = useT()
  const { unitId = '' } = useParams()
  const contextId = useMe().context.id
  const { state, reload } = useLoaded(endpoints.fetchMyFundAccounts, `${contextId}/${unitId}`)
  const account = state.status === 'ready' ? (state.value.find((a) => a.unitId === unitId) ?? null) : null
  const back = useBack(
    account ? `/disclosures/fund?community=${encodeURIComponent(account.communityId)}` : '/disclosures/fund',
  )

  return (
    <PageShell title={t('fundAccount.title')} onBack={back} onRefresh={reload}>
      <LoadStatus
        state={state}
        lines={4}
        errorTestId={TEST_IDS.fundAccountError}
        errorTitle={t('fundAccount.errorTitle')}
        onRetry={() => void reload()}
      />
      {state.status === 'ready' && !account && (
        <EmptyBlock
          testId={TEST_IDS.fundAccountError}
          title={t('fundAccount.notFoundTitle')}
          description={t('fundAccount.notFoundDescription')}
        />
      )}
      {account && (
        <>
          {account.needsTopUp && (
            <NoticeBar
              className="mh-notice mh-notice-void"
              color="alert"
              wrap
              data-testid={TEST_IDS.fundAccountTopUp}
              content={`${t('fund.topUpNotice', {
                balance: formatFen(account.balanceFen),
                line: formatFen(account.topUpLineFen),
                first: formatFen(account.firstDepositFen),
              })}${account.topUp ? topUpTermText(t, account.topUp) : ''}`}
            />
          )}
          <AccountCard account={account} />
          <Movements account={account} />
        </>
      )}
    </PageShell>
  )
}
