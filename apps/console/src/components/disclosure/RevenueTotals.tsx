import type { RevenueLedger } from '@meihao/contracts'
import { Card, Col, Row, Statistic } from 'antd'
import { formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'

/** The ledger in five figures: what the owners have now, and what came in and went out all told. */
export function RevenueTotals({ ledger }: { ledger: RevenueLedger }) {
  const { t } = useI18n()
  const figures: { key: string; title: string; fen: number }[] = [
    { key: 'balance', title: t('revenue.balance'), fen: ledger.balanceFen },
    { key: 'income', title: t('revenue.incomeTotal'), fen: ledger.incomeFen },
    { key: 'cost', title: t('revenue.costTotal'), fen: ledger.costFen },
    { key: 'to-fund', title: t('revenue.toFundTotal'), fen: ledger.toFundFen },
    { key: 'use', title: t('revenue.useTotal'), fen: ledger.useFen },
  ]
  return (
    <Card size="small" data-testid="revenue-totals">
      <Row gutter={[12, 12]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} md={8} lg={4}>
            <Statistic
              title={f.title}
              value={formatFen(f.fen)}
              styles={f.key === 'balance' ? { content: { fontWeight: 600 } } : undefined}
              data-testid={`revenue-total-${f.key}`}
              data-fen={f.fen}
            />
          </Col>
        ))}
      </Row>
    </Card>
  )
}
