import { Tag } from 'antd-mobile'
import { Link } from 'react-router-dom'
import type { RevenueQuarter } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { barPermille, chartQuarters, formatFen, quarterLabel } from './format'

/** Bars of the last eight quarters: income beside cost, as heights relative to the largest. */
function Bars({ quarters }: { quarters: readonly RevenueQuarter[] }) {
  const t = useT()
  const shown = chartQuarters(quarters)
  const maxFen = shown.reduce((max, q) => Math.max(max, q.incomeFen, q.costFen), 0)
  const height = (fen: number) => ({ height: `${barPermille(fen, maxFen) / 10}%` })
  return (
    <figure className="mh-bars-figure">
      <div className="mh-bars" role="img" aria-label={t('revenue.chartLabel')}>
        {shown.map((q) => (
          <div key={q.quarter} className="mh-bar-group">
            <div className="mh-bar-pair">
              <span
                className={`mh-bar mh-bar-income${q.incomeFen > 0 ? ' mh-bar-some' : ''}`}
                style={height(q.incomeFen)}
                title={`${t('revenue.legend.income')} ${formatFen(q.incomeFen)}`}
              />
              <span
                className={`mh-bar mh-bar-cost${q.costFen > 0 ? ' mh-bar-some' : ''}`}
                style={height(q.costFen)}
                title={`${t('revenue.legend.cost')} ${formatFen(q.costFen)}`}
              />
            </div>
            <span className="mh-bar-label">{quarterLabel(q.quarter, true)}</span>
          </div>
        ))}
      </div>
      <figcaption className="mh-bars-legend">
        <span className="mh-legend mh-legend-income">{t('revenue.legend.income')}</span>
        <span className="mh-legend mh-legend-cost">{t('revenue.legend.cost')}</span>
      </figcaption>
    </figure>
  )
}

/**
 * The public-revenue quarters: a chart of income and cost, then each quarter's figures (newest first)
 * with a link to its published statement once the quarter is closed (`statementPath`, when the page has one).
 */
export function QuarterChart({
  quarters,
  statementPath,
}: {
  quarters: readonly RevenueQuarter[]
  statementPath?: (disclosureId: string) => string
}) {
  const t = useT()
  return (
    <section className="mh-card mh-dis-section" data-testid={TEST_IDS.revenueChart}>
      <h2 className="mh-section-title">{t('revenue.chartTitle')}</h2>
      {quarters.length === 0 ? (
        <p className="mh-dis-muted">{t('revenue.noQuarters')}</p>
      ) : (
        <>
          <Bars quarters={quarters} />
          <ul className="mh-quarters">
            {quarters.map((q) => (
              <li
                key={q.quarter}
                className="mh-quarter"
                data-testid={TEST_IDS.revenueQuarter}
                data-quarter={q.quarter}
                data-income-fen={q.incomeFen}
                data-cost-fen={q.costFen}
                data-net-fen={q.netFen}
                data-to-fund-fen={q.toFundFen}
                data-closed={q.closed}
              >
                <span className="mh-quarter-head">
                  <span className="mh-quarter-name">{quarterLabel(q.quarter)}</span>
                  <Tag color={q.closed ? 'success' : 'default'} fill="outline" round>
                    {q.closed ? t('revenue.quarterClosed') : t('revenue.quarterOpen')}
                  </Tag>
                  {q.closed && q.disclosureId && statementPath && (
                    <Link
                      className="mh-quarter-link"
                      to={statementPath(q.disclosureId)}
                      data-testid={TEST_IDS.revenueStatementLink}
                    >
                      {t('revenue.viewStatement')}
                    </Link>
                  )}
                </span>
                <span className="mh-quarter-figures">
                  {t('revenue.quarterFigures', {
                    income: formatFen(q.incomeFen),
                    cost: formatFen(q.costFen),
                  })}
                </span>
                <span className="mh-quarter-net">
                  <strong>{t('revenue.quarterNet', { amount: formatFen(q.netFen) })}</strong>
                  {q.toFundFen > 0 && (
                    <span>{t('revenue.quarterToFund', { amount: formatFen(q.toFundFen) })}</span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
