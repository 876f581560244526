import type { PublicFundSummary } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatFen } from './format'

/** A community's maintenance fund in figures (the owner's page adds the room left for emergencies). */
export function FundTotals({
  fund,
  emergencyRoomFen = null,
  title,
  testId,
}: {
  fund: PublicFundSummary
  emergencyRoomFen?: number | null
  title: string
  testId: string
}) {
  const t = useT()
  const figures = [
    { key: 'firstDeposits', label: t('fund.summary.firstDeposits'), fen: fund.firstDepositsFen },
    { key: 'deposited', label: t('fund.summary.deposited'), fen: fund.depositedFen },
    { key: 'gains', label: t('fund.summary.gains'), fen: fund.gainsFen },
    { key: 'spent', label: t('fund.summary.spent'), fen: fund.spentFen },
    ...(fund.emergencySpentFen > 0
      ? [{ key: 'emergency', label: t('fund.summary.emergencySpent'), fen: fund.emergencySpentFen }]
      : []),
    ...(emergencyRoomFen !== null
      ? [{ key: 'room', label: t('fund.summary.emergencyRoom'), fen: emergencyRoomFen }]
      : []),
  ]
  return (
    <section className="mh-card mh-dis-section" data-testid={testId}>
      <h2 className="mh-section-title">{title}</h2>
      <div className="mh-dis-big">
        <span className="mh-dis-big-label">{t('fund.summary.balance')}</span>
        <span className="mh-dis-big-fen" data-testid={TEST_IDS.fundBalance} data-fen={fund.balanceFen}>
          {formatFen(fund.balanceFen)}
        </span>
      </div>
      <dl className="mh-dis-figures">
        {figures.map(({ key, label, fen }) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-fen={fen}>{formatFen(fen)}</dd>
          </div>
        ))}
      </dl>
      <p className="mh-dis-muted">
        {t('fund.summary.accounts', { with: fund.unitsWithAccount, units: fund.units })}
        {fund.topUpUnits > 0 && (
          <span className="mh-dis-warn"> · {t('fund.summary.topUpUnits', { count: fund.topUpUnits })}</span>
        )}
      </p>
    </section>
  )
}
