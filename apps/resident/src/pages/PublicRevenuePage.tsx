import { Button, Tag } from 'antd-mobile'
import { useState } from 'react'
import * as endpoints from '../api/endpoints'
import type { RevenueEntry, RevenueLedger } from '../api/types'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useRetry } from '../hooks/useRetry'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { CommunityBar } from './disclosure/CommunityBar'
import { formatDay, formatFen, revenueKindLabel, signedFenText, sourceLabel } from './disclosure/format'
import { QuarterChart } from './disclosure/QuarterChart'
import { communityQuery, useChosenCommunity } from './disclosure/useCommunities'
import { useLoaded } from './pay/useLoaded'

function Balance({ ledger }: { ledger: RevenueLedger }) {
  const t = useT()
  const totals = [
    { key: 'income', label: t('revenue.totals.income'), fen: ledger.incomeFen },
    { key: 'cost', label: t('revenue.totals.cost'), fen: ledger.costFen },
    { key: 'toFund', label: t('revenue.totals.toFund'), fen: ledger.toFundFen },
    { key: 'use', label: t('revenue.totals.use'), fen: ledger.useFen },
  ]
  return (
    <section className="mh-card mh-dis-section">
      <div className="mh-dis-big">
        <span className="mh-dis-big-label">{t('revenue.balance')}</span>
        <span className="mh-dis-big-fen" data-testid={TEST_IDS.revenueBalance} data-fen={ledger.balanceFen}>
          {formatFen(ledger.balanceFen)}
        </span>
      </div>
      <dl className="mh-dis-figures">
        {totals.map(({ key, label, fen }) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-fen={fen}>{formatFen(fen)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

const KIND_TONE: Record<RevenueEntry['kind'], string> = {
  income: 'success',
  cost: 'warning',
  to_fund: 'primary',
  use: 'default',
}

/**
 * One entry as the owners may read it: when, what kind, from which source, how much, why, on what evidence.
 * Evidence files open from the entry itself, before and after its quarter is closed.
 */
function Entry({ entry }: { entry: RevenueEntry }) {
  const t = useT()
  return (
    <li
      className="mh-card mh-rev-entry"
      data-testid={TEST_IDS.revenueEntry}
      data-entry-id={entry.id}
      data-kind={entry.kind}
      data-signed-fen={entry.signedFen}
    >
      <span className="mh-rev-entry-head">
        <Tag color={KIND_TONE[entry.kind]} fill="outline" round>
          {revenueKindLabel(entry.kind)}
        </Tag>
        {entry.source && <span className="mh-rev-entry-source">{sourceLabel(entry.source)}</span>}
        {entry.reversesId && (
          <Tag color="danger" round>
            {t('revenue.reversal')}
          </Tag>
        )}
        {entry.reversedBy && (
          <Tag color="default" round>
            {t('revenue.reversed')}
          </Tag>
        )}
        <span className="mh-rev-entry-date">{formatDay(entry.occurredOn)}</span>
      </span>
      <span className="mh-rev-entry-body">
        <span className="mh-rev-entry-summary">{entry.summary}</span>
        <span className={`mh-dis-fen${entry.signedFen < 0 ? ' mh-dis-fen-out' : ''}`}>
          {signedFenText(entry.signedFen)}
        </span>
      </span>
      <span className="mh-rev-entry-meta">
        {entry.contractRef && <span>{t('revenue.contractRef', { ref: entry.contractRef })}</span>}
        <span>{t('revenue.balanceAfter', { amount: formatFen(entry.balanceFen) })}</span>
      </span>
      {entry.evidence.length > 0 && (
        <span className="mh-rev-entry-meta">
          {t('revenue.evidence')}
          {entry.evidence.map((file) => (
            <a
              key={file.sha256}
              className="mh-dis-evidence"
              href={endpoints.myRevenueEvidenceUrl(entry.id, file.sha256)}
              target="_blank"
              rel="noopener"
            >
              {file.fileName}
            </a>
          ))}
        </span>
      )}
    </li>
  )
}

/** Entries shown at first, and added per tap: a ledger of years runs long on a phone. */
const ENTRIES_STEP = 50

function Entries({ ledger }: { ledger: RevenueLedger }) {
  const t = useT()
  const [shown, setShown] = useState(ENTRIES_STEP)
  if (ledger.entries.length === 0)
    return (
      <EmptyBlock
        testId={TEST_IDS.revenueEmpty}
        title={t('revenue.emptyTitle')}
        description={t('revenue.emptyDescription')}
      />
    )
  return (
    <section aria-labelledby="mh-rev-entries">
      <h2 id="mh-rev-entries" className="mh-dis-list-title">
        {t('revenue.entries')}
        <span className="mh-dis-muted">{t('revenue.entriesCount', { count: ledger.entries.length })}</span>
      </h2>
      <ul className="mh-rev-entries" data-testid={TEST_IDS.revenueEntries}>
        {ledger.entries.slice(0, shown).map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
      </ul>
      {shown < ledger.entries.length && (
        <Button block fill="none" color="primary" onClick={() => setShown((n) => n + ENTRIES_STEP)}>
          {t('revenue.showMore', { count: ledger.entries.length - shown })}
        </Button>
      )}
    </section>
  )
}

/**
 * /disclosures/public-revenue — 公共收益 of my community: the balance, income and cost per quarter, and
 * every entry with its evidence.
 */
export function PublicRevenuePage() {
  const t = useT()
  const communities = useChosenCommunity()
  const { chosen } = communities
  const back = useBack(`/disclosures${communityQuery(chosen)}`)
  const { state, reload } = useLoaded(
    () => (chosen ? endpoints.fetchMyPublicRevenue(chosen.id) : Promise.reject(new Error('no community'))),
    chosen?.id,
  )
  const { retrying, retry } = useRetry(reload)

  return (
    <PageShell
      title={t('revenue.title')}
      onBack={back}
      onRefresh={() => Promise.all([communities.reload(), reload()])}
    >
      <p className="mh-decisions-intro">{t('revenue.intro')}</p>
      <CommunityBar {...communities} />
      {chosen && (
        <>
          <LoadStatus
            state={state}
            lines={4}
            errorTestId={TEST_IDS.revenueError}
            errorTitle={t('revenue.errorTitle')}
            retrying={retrying}
            onRetry={retry}
          />
          {state.status === 'ready' && (
            <>
              <Balance ledger={state.value} />
              <QuarterChart quarters={state.value.quarters} statementPath={(id) => `/disclosures/${id}`} />
              <Entries ledger={state.value} />
            </>
          )}
        </>
      )}
    </PageShell>
  )
}
