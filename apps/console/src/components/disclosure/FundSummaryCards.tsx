import type { FundSummary } from '@meihao/contracts'
import { Card, Col, Row, Statistic } from 'antd'
import { formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'

/** The community's fund in figures: accounts opened, money in and out, the balance, units to top up. */
export function FundSummaryCards({ summary }: { summary: FundSummary }) {
  const { t } = useI18n()
  const money: { key: string; title: string; fen: number }[] = [
    { key: 'balance', title: t('fund.balance'), fen: summary.balanceFen },
    { key: 'first-deposits', title: t('fund.firstDepositsDue'), fen: summary.firstDepositsFen },
    { key: 'deposited', title: t('fund.deposited'), fen: summary.depositedFen },
    { key: 'gains', title: t('fund.gains'), fen: summary.gainsFen },
    { key: 'spent', title: t('fund.spent'), fen: summary.spentFen },
    { key: 'emergency-spent', title: t('fund.emergencySpent'), fen: summary.emergencySpentFen },
  ]
  return (
    <Card size="small" data-testid="fund-summary">
      <Row gutter={[12, 16]}>
        <Col xs={12} md={6} lg={4}>
          <Statistic
            title={t('fund.accounts')}
            value={t('fund.accountsOf', { with: summary.unitsWithAccount, units: summary.units })}
            data-testid="fund-summary-accounts"
          />
        </Col>
        {money.map((m) => (
          <Col key={m.key} xs={12} md={6} lg={4}>
            <Statistic
              title={m.title}
              value={formatFen(m.fen)}
              styles={m.key === 'balance' ? { content: { fontWeight: 600 } } : undefined}
              data-testid={`fund-summary-${m.key}`}
              data-fen={m.fen}
            />
          </Col>
        ))}
        <Col xs={12} md={6} lg={4}>
          <Statistic
            title={t('fund.topUpUnits')}
            value={summary.topUpUnits}
            styles={summary.topUpUnits > 0 ? { content: { color: '#cf1322' } } : undefined}
            data-testid="fund-summary-top-up"
          />
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Statistic
            title={t('fund.emergencyRoom')}
            value={summary.emergencyRoomFen === null ? t('fund.noCap') : formatFen(summary.emergencyRoomFen)}
            data-testid="fund-summary-emergency-room"
          />
        </Col>
      </Row>
    </Card>
  )
}
