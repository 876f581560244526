import { MinusCircleOutlined, PlusCircleOutlined, ReloadOutlined, ShoppingOutlined } from '@ant-design/icons'
import type { RevenueEntry } from '@meihao/contracts'
import { App, Button, Card, Empty, Flex, Typography } from 'antd'
import { useState } from 'react'
import { getRevenueLedger } from '../api/disclosure'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { QuarterPanel } from '../components/disclosure/QuarterPanel'
import { RevenueCostDrawer } from '../components/disclosure/RevenueCostDrawer'
import { RevenueIncomeDrawer } from '../components/disclosure/RevenueIncomeDrawer'
import { RevenueLedgerTable } from '../components/disclosure/RevenueLedgerTable'
import { RevenueTotals } from '../components/disclosure/RevenueTotals'
import { RevenueUseDrawer } from '../components/disclosure/RevenueUseDrawer'
import { ReverseEntryModal } from '../components/disclosure/ReverseEntryModal'
import { ErrorAlert } from '../components/ErrorAlert'
import { useAsync } from '../hooks/useAsync'
import { formatFen } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

type Form = 'income' | 'cost' | 'use'

/**
 * 公共收益 (民法典 282): income from common parts less reasonable costs belongs to the owners. The ledger with
 * its running balance, entries recorded and reversed by holders of disclosure.finance, and the quarterly
 * close that sends the city's share to the maintenance fund and publishes the statement.
 */
export function PublicRevenuePage() {
  const { t } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const { communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const ledger = useAsync(() => getRevenueLedger(communityId!), [communityId], communityId !== null)
  const [form, setForm] = useState<Form | null>(null)
  const [reversing, setReversing] = useState<RevenueEntry | null>(null)
  // Bumped by every entry written here, so the quarter's preview counts it.
  const [revision, setRevision] = useState(0)
  const finance = can('disclosure.finance')

  const recorded = (entry: RevenueEntry) => {
    setForm(null)
    message.success(
      t('revenue.recorded', { kind: t(`revenueKind.${entry.kind}`), amount: formatFen(entry.amountFen) }),
    )
    ledger.reload()
    setRevision((r) => r + 1)
  }

  return (
    <Card
      title={t('menu.disclosureRevenue')}
      data-testid="revenue-page"
      extra={
        finance && communityId ? (
          <Flex gap={8} wrap>
            <Button
              type="primary"
              icon={<PlusCircleOutlined />}
              onClick={() => setForm('income')}
              data-testid="revenue-income-open"
            >
              {t('revenue.recordIncome')}
            </Button>
            <Button
              icon={<MinusCircleOutlined />}
              onClick={() => setForm('cost')}
              data-testid="revenue-cost-open"
            >
              {t('revenue.recordCost')}
            </Button>
            <Button icon={<ShoppingOutlined />} onClick={() => setForm('use')} data-testid="revenue-use-open">
              {t('revenue.recordUse')}
            </Button>
          </Flex>
        ) : null
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="revenue-community"
          style={{ width: 280 }}
        />
        <Typography.Text type="secondary">{t('revenue.pageHint')}</Typography.Text>
      </Flex>
      {communityId === null ? <Empty description={t('billing.pickCommunity')} /> : null}
      {communityId ? (
        <Flex vertical gap={16}>
          <ErrorAlert error={ledger.error} onRetry={ledger.reload} />
          {ledger.data ? <RevenueTotals ledger={ledger.data} /> : null}
          <Card
            size="small"
            title={t('revenue.ledgerTitle')}
            extra={
              <Button
                type="text"
                icon={<ReloadOutlined />}
                onClick={ledger.reload}
                aria-label={t('desk.refresh')}
                data-testid="revenue-reload"
              />
            }
          >
            <RevenueLedgerTable
              ledger={ledger.data}
              loading={ledger.loading}
              finance={finance}
              onReverse={setReversing}
            />
          </Card>
          <QuarterPanel
            key={communityId}
            communityId={communityId}
            revision={revision}
            quarters={ledger.data?.quarters ?? []}
            finance={finance}
            onClosed={() => ledger.reload()}
          />
          <RevenueIncomeDrawer
            open={form === 'income'}
            communityId={communityId}
            onClose={() => setForm(null)}
            onRecorded={recorded}
          />
          <RevenueCostDrawer
            open={form === 'cost'}
            communityId={communityId}
            onClose={() => setForm(null)}
            onRecorded={recorded}
          />
          <RevenueUseDrawer
            open={form === 'use'}
            communityId={communityId}
            onClose={() => setForm(null)}
            onRecorded={recorded}
          />
          <ReverseEntryModal
            entry={reversing}
            onClose={() => setReversing(null)}
            onReversed={() => {
              setReversing(null)
              message.success(t('revenue.reversedMessage'))
              ledger.reload()
              setRevision((r) => r + 1)
            }}
          />
        </Flex>
      ) : null}
    </Card>
  )
}
