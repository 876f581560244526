import { Button, Tag } from 'antd-mobile'
import { useState } from 'react'
import type { Disclosure } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import {
  allocationLabel,
  areaBasisLabel,
  bpText,
  cycleLabel,
  emergencyLabel,
  type FeeStandardLine,
  type FundStatement,
  feeKindLabel,
  feeStandardsOf,
  formatDay,
  formatFen,
  fundStatementOf,
  quarterLabel,
  type RevenueStatement,
  rateText,
  revenueKindLabel,
  revenueStatementOf,
  signedFenText,
  sourceLabel,
} from './format'

/** Label and amount pairs, two to a row. */
function Figures({ rows }: { rows: { key: string; label: string; fen: number; strong?: boolean }[] }) {
  return (
    <dl className="mh-dis-figures">
      {rows.map(({ key, label, fen, strong }) => (
        <div key={key} className={strong ? 'mh-dis-figure-strong' : undefined}>
          <dt>{label}</dt>
          <dd data-fen={fen}>{formatFen(fen)}</dd>
        </div>
      ))}
    </dl>
  )
}

function FeeStandards({ lines }: { lines: FeeStandardLine[] }) {
  const t = useT()
  return (
    <section className="mh-card mh-dis-section" data-testid={TEST_IDS.disclosureFeeStandards}>
      <h2 className="mh-section-title">{t('disclosure.fee.title')}</h2>
      {lines.length === 0 ? (
        <p className="mh-dis-muted">{t('disclosure.fee.empty')}</p>
      ) : (
        <ul className="mh-fee-lines">
          {lines.map((line) => {
            const basis = line.kind === 'area' || line.kind === 'shared' ? areaBasisLabel(line.areaBasis) : ''
            return (
              <li
                key={line.code || line.name}
                className="mh-fee-line"
                data-testid={TEST_IDS.feeStandardRow}
                data-code={line.code}
                data-rate={line.rate ?? ''}
              >
                <span className="mh-fee-line-head">
                  <span className="mh-fee-line-name">{line.name}</span>
                  <span className="mh-fee-line-rate">
                    {line.rate !== null ? rateText(line.rate, line.kind) : t('disclosure.fee.noStandard')}
                  </span>
                </span>
                <span className="mh-fee-line-meta">
                  {[feeKindLabel(line.kind), basis, cycleLabel(line.cycle)].filter(Boolean).join(' · ')}
                  {line.effectiveFrom &&
                    ` · ${t('disclosure.fee.effectiveFrom', { month: line.effectiveFrom })}`}
                </span>
                {line.lateFee && (
                  <span className="mh-fee-line-late">
                    {t('disclosure.fee.lateFee', {
                      rate: bpText(line.lateFee.dailyRateBp),
                      grace: line.lateFee.graceDays,
                    })}
                    {line.lateFee.capBp !== null &&
                      t('disclosure.fee.lateFeeCap', { cap: bpText(line.lateFee.capBp) })}
                  </span>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

function RevenueStatementView({
  statement,
  item,
  href,
}: {
  statement: RevenueStatement
  item: Disclosure
  href(sha256: string): string
}) {
  const t = useT()
  const files = new Map(item.attachments.map((a) => [a.sha256, a]))
  return (
    <section
      className="mh-card mh-dis-section"
      data-testid={TEST_IDS.disclosureRevenueStatement}
      data-quarter={statement.quarter}
      data-income-fen={statement.incomeFen}
      data-cost-fen={statement.costFen}
      data-net-fen={statement.netFen}
      data-to-fund-fen={statement.toFundFen}
    >
      <h2 className="mh-section-title">
        {t('disclosure.revenue.title', { quarter: quarterLabel(statement.quarter) })}
      </h2>
      {statement.from && statement.to && (
        <p className="mh-dis-muted">
          {t('disclosure.revenue.period', { from: formatDay(statement.from), to: formatDay(statement.to) })}
        </p>
      )}
      <Figures
        rows={[
          { key: 'income', label: t('disclosure.revenue.income'), fen: statement.incomeFen },
          { key: 'cost', label: t('disclosure.revenue.cost'), fen: statement.costFen },
          { key: 'net', label: t('disclosure.revenue.net'), fen: statement.netFen, strong: true },
          { key: 'toFund', label: t('disclosure.revenue.toFund'), fen: statement.toFundFen, strong: true },
          { key: 'minToFund', label: t('disclosure.revenue.minToFund'), fen: statement.minToFundFen },
          { key: 'use', label: t('disclosure.revenue.use'), fen: statement.useFen },
          { key: 'opening', label: t('disclosure.revenue.opening'), fen: statement.openingFen },
          { key: 'closing', label: t('disclosure.revenue.closing'), fen: statement.closingFen },
        ]}
      />
      {statement.rule && (
        <p className="mh-dis-muted">
          {t('disclosure.revenue.rule', { rule: allocationLabel(statement.rule) })}
        </p>
      )}
      {statement.bySource.length > 0 && (
        <>
          <h3 className="mh-subtitle mh-dis-subhead">{t('disclosure.revenue.bySource')}</h3>
          <ul className="mh-dis-rows">
            {statement.bySource.map(({ source, fen }) => (
              <li key={source} className="mh-dis-row">
                <span>{sourceLabel(source)}</span>
                <span className="mh-dis-fen">{formatFen(fen)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="mh-subtitle mh-dis-subhead">{t('disclosure.revenue.entries')}</h3>
      {statement.entries.length === 0 ? (
        <p className="mh-dis-muted">{t('disclosure.revenue.noEntries')}</p>
      ) : (
        <ul className="mh-dis-rows">
          {statement.entries.map((entry, index) => (
            // Entries of a published statement never change; their order is the statement's own.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="mh-dis-row mh-dis-row-entry">
              <span className="mh-dis-row-main">
                <span className="mh-dis-row-title">
                  <Tag color={entry.signedFen >= 0 ? 'success' : 'warning'} fill="outline" round>
                    {isRevenueKind(entry.kind) ? revenueKindLabel(entry.kind) : entry.kind}
                  </Tag>{' '}
                  {entry.source && sourceLabel(entry.source)}
                </span>
                <span className="mh-dis-row-summary">{entry.summary}</span>
                <span className="mh-dis-row-meta">
                  {formatDay(entry.date)}
                  {entry.evidence.map((sha, n) => (
                    <a key={sha} className="mh-dis-evidence" href={href(sha)} target="_blank" rel="noopener">
                      {files.get(sha)?.fileName ?? `${t('revenue.evidence')} ${n + 1}`}
                    </a>
                  ))}
                </span>
              </span>
              <span className={`mh-dis-fen${entry.signedFen < 0 ? ' mh-dis-fen-out' : ''}`}>
                {signedFenText(entry.signedFen)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

const REVENUE_KINDS = ['income', 'cost', 'to_fund', 'use'] as const
const isRevenueKind = (kind: string): kind is (typeof REVENUE_KINDS)[number] =>
  (REVENUE_KINDS as readonly string[]).includes(kind)

/** Shown before the whole table is asked for: a statement lists every unit of the community. */
const UNITS_FIRST = 20

function FundStatementView({ statement }: { statement: FundStatement }) {
  const t = useT()
  const [allUnits, setAllUnits] = useState(false)
  const units = allUnits ? statement.units : statement.units.slice(0, UNITS_FIRST)
  return (
    <section
      className="mh-card mh-dis-section"
      data-testid={TEST_IDS.disclosureFundStatement}
      data-opening-fen={statement.openingFen}
      data-closing-fen={statement.closingFen}
    >
      <h2 className="mh-section-title">{t('disclosure.fund.title')}</h2>
      {statement.from && statement.to && (
        <p className="mh-dis-muted">
          {t('disclosure.revenue.period', { from: formatDay(statement.from), to: formatDay(statement.to) })}
        </p>
      )}
      <Figures
        rows={[
          { key: 'opening', label: t('disclosure.fund.opening'), fen: statement.openingFen },
          { key: 'first', label: t('disclosure.fund.firstDeposit'), fen: statement.firstDepositFen },
          { key: 'deposit', label: t('disclosure.fund.deposit'), fen: statement.depositFen },
          { key: 'gain', label: t('disclosure.fund.gain'), fen: statement.gainFen },
          { key: 'revenue', label: t('disclosure.fund.publicRevenue'), fen: statement.publicRevenueFen },
          { key: 'spent', label: t('disclosure.fund.spent'), fen: statement.spentFen },
          { key: 'closing', label: t('disclosure.fund.closing'), fen: statement.closingFen, strong: true },
          {
            key: 'firstTotal',
            label: t('disclosure.fund.firstDepositsTotal'),
            fen: statement.firstDepositsTotalFen,
          },
        ]}
      />
      <h3 className="mh-subtitle mh-dis-subhead">{t('disclosure.fund.projects')}</h3>
      {statement.projects.length === 0 ? (
        <p className="mh-dis-muted">{t('disclosure.fund.noProjects')}</p>
      ) : (
        <ul className="mh-dis-rows">
          {statement.projects.map((p, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a published statement's projects never change
            <li key={index} className="mh-dis-row">
              <span className="mh-dis-row-main">
                <span className="mh-dis-row-title">
                  {p.title}{' '}
                  <Tag color={p.emergencyCategory ? 'danger' : 'primary'} fill="outline" round>
                    {p.emergencyCategory ? emergencyLabel(p.emergencyCategory) : t('fund.decided')}
                  </Tag>
                </span>
                <span className="mh-dis-row-meta">
                  {t('disclosure.fund.projectMeta', { date: formatDay(p.settledOn), units: p.units })}
                </span>
                <span className="mh-dis-row-meta">
                  {t('disclosure.fund.projectFromFund', { amount: formatFen(p.fromFundFen) })}
                  {p.shortfallFen > 0 &&
                    ` · ${t('disclosure.fund.projectShortfall', { amount: formatFen(p.shortfallFen) })}`}
                </span>
              </span>
              <span className="mh-dis-fen">{formatFen(p.costFen)}</span>
            </li>
          ))}
        </ul>
      )}
      {statement.unitsWithheld && (
        <p className="mh-muted" data-testid={TEST_IDS.fundStatementUnitsWithheld}>
          {t('disclosure.fund.unitsWithheld')}
        </p>
      )}
      {statement.units.length > 0 && (
        <>
          <h3 className="mh-subtitle mh-dis-subhead">{t('disclosure.fund.units')}</h3>
          <table className="mh-dis-table">
            <thead>
              <tr>
                <th scope="col">{t('disclosure.fund.unitCode')}</th>
                <th scope="col">{t('disclosure.fund.unitFirst')}</th>
                <th scope="col">{t('disclosure.fund.unitBalance')}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr
                  key={u.code}
                  data-testid={TEST_IDS.fundStatementUnit}
                  data-needs-top-up={u.needsTopUp}
                  className={u.needsTopUp ? 'mh-dis-table-warn' : undefined}
                >
                  <th scope="row">{u.code}</th>
                  <td>{formatFen(u.firstDepositFen)}</td>
                  <td>
                    {formatFen(u.balanceFen)}
                    {u.needsTopUp && <span className="mh-dis-warn"> {t('disclosure.fund.topUp')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!allUnits && statement.units.length > UNITS_FIRST && (
            <Button block fill="none" color="primary" onClick={() => setAllUnits(true)}>
              {t('disclosure.fund.showAll', { count: statement.units.length })}
            </Button>
          )}
        </>
      )}
    </section>
  )
}

/**
 * What the system generated for an item from its own figures, readable: the fee table, a quarter's
 * public revenue, the fund's statement. Content of another shape is left out (the body still shows).
 */
export function GeneratedContent({ item, href }: { item: Disclosure; href(sha256: string): string }) {
  if (item.content === null) return null
  if (item.type === 'fee_standards') {
    const lines = feeStandardsOf(item.content)
    return lines ? <FeeStandards lines={lines} /> : null
  }
  if (item.type === 'public_revenue_statement') {
    const statement = revenueStatementOf(item.content)
    return statement ? <RevenueStatementView statement={statement} item={item} href={href} /> : null
  }
  if (item.type === 'fund_statement') {
    const statement = fundStatementOf(item.content)
    return statement ? <FundStatementView statement={statement} /> : null
  }
  return null
}
