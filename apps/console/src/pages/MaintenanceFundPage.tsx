import {
  BankOutlined,
  FileDoneOutlined,
  NotificationOutlined,
  PercentageOutlined,
  PlusCircleOutlined,
} from '@ant-design/icons'
import type { FundAccount } from '@meihao/contracts'
import { App, Button, Card, Empty, Flex, Popconfirm, Tabs, Typography } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { type FundBatchResult, getFundSummary, sendTopUpNotices } from '../api/disclosure'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { DepositDrawer } from '../components/disclosure/DepositDrawer'
import { FirstDepositDrawer } from '../components/disclosure/FirstDepositDrawer'
import { FundAccountsTab } from '../components/disclosure/FundAccountsTab'
import { FundProjectsTab } from '../components/disclosure/FundProjectsTab'
import { FundStatementModal } from '../components/disclosure/FundStatementModal'
import { GainDrawer } from '../components/disclosure/GainDrawer'
import { ErrorAlert } from '../components/ErrorAlert'
import { useAction } from '../hooks/useAction'
import { useAsync } from '../hooks/useAsync'
import { formatFen } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

const TABS = ['accounts', 'projects'] as const
type Tab = (typeof TABS)[number]
const isTab = (v: string | null): v is Tab => v !== null && (TABS as readonly string[]).includes(v)

type Dialog = 'first-deposits' | 'gain' | 'deposit' | 'statement'

/**
 * 专项维修资金: the community's fund, every unit's sub-account (分户账) and the spending projects. Money is
 * recorded by disclosure.finance (first deposits, gains, further deposits, settling projects); notices,
 * projects and the published statement are for disclosure.manage.
 */
export function MaintenanceFundPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { params, communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const tabParam = params.get('tab')
  const tab: Tab = isTab(tabParam) ? tabParam : 'accounts'
  // Bumped whenever money moves, so the accounts and an open account are asked again (the summary too).
  const [revision, setRevision] = useState(0)
  const summary = useAsync(() => getFundSummary(communityId!), [communityId], communityId !== null)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [depositFor, setDepositFor] = useState<FundAccount | null>(null)
  const notices = useAction()
  const finance = can('disclosure.finance')
  const manage = can('disclosure.manage')

  const moved = () => {
    setRevision((r) => r + 1)
    summary.reload()
  }
  const batchDone = (result: FundBatchResult) => {
    setDialog(null)
    message.success(t('fund.batchDone', { units: result.units, total: formatFen(result.totalFen) }))
    moved()
  }
  const sendNotices = () =>
    notices.run(async () => {
      const sent = await sendTopUpNotices(communityId!)
      message.success(t('fund.noticesSent', { units: sent.units, messages: sent.messages }))
    })

  const actions =
    communityId && (finance || manage) ? (
      <Flex gap={8} wrap>
        {finance ? (
          <>
            <Button
              type="primary"
              icon={<BankOutlined />}
              onClick={() => setDialog('first-deposits')}
              data-testid="fund-first-deposits-open"
            >
              {t('fund.firstDeposits')}
            </Button>
            <Button
              icon={<PlusCircleOutlined />}
              onClick={() => {
                setDepositFor(null)
                setDialog('deposit')
              }}
              data-testid="fund-deposit-open"
            >
              {t('fund.deposit')}
            </Button>
            <Button
              icon={<PercentageOutlined />}
              onClick={() => setDialog('gain')}
              data-testid="fund-gain-open"
            >
              {t('fund.allocateGain')}
            </Button>
          </>
        ) : null}
        {manage ? (
          <>
            <Popconfirm
              title={t('fund.noticesConfirm')}
              description={t('fund.noticesConfirmHint', { units: summary.data?.topUpUnits ?? 0 })}
              okText={t('fund.sendNotices')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'fund-top-up-notices-confirm' }}
              onConfirm={() => sendNotices()}
            >
              <Button
                icon={<NotificationOutlined />}
                loading={notices.busy}
                data-testid="fund-top-up-notices"
              >
                {t('fund.sendNotices')}
              </Button>
            </Popconfirm>
            <Button
              icon={<FileDoneOutlined />}
              onClick={() => setDialog('statement')}
              data-testid="fund-statement-open"
            >
              {t('fund.publishStatement')}
            </Button>
          </>
        ) : null}
      </Flex>
    ) : null

  return (
    <Card title={t('menu.disclosureFund')} data-testid="fund-page" extra={actions}>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="fund-community"
          style={{ width: 280 }}
        />
        <Typography.Text type="secondary">{t('fund.pageHint')}</Typography.Text>
      </Flex>
      <ErrorAlert error={notices.error} />
      {communityId === null ? (
        <Empty description={t('billing.pickCommunity')} />
      ) : (
        <>
          <Tabs
            activeKey={tab}
            onChange={(next) => update({ tab: next === 'accounts' ? null : next })}
            destroyOnHidden
            items={[
              {
                key: 'accounts',
                label: <span data-testid="fund-tab-accounts">{t('fund.tabAccounts')}</span>,
                children: (
                  <FundAccountsTab
                    communityId={communityId}
                    summary={summary}
                    revision={revision}
                    finance={finance}
                    onDeposit={(account) => {
                      setDepositFor(account)
                      setDialog('deposit')
                    }}
                  />
                ),
              },
              {
                key: 'projects',
                label: <span data-testid="fund-tab-projects">{t('fund.tabProjects')}</span>,
                children: (
                  <FundProjectsTab
                    communityId={communityId}
                    manage={manage}
                    finance={finance}
                    onMoneyMoved={moved}
                  />
                ),
              },
            ]}
          />
          <FirstDepositDrawer
            open={dialog === 'first-deposits'}
            communityId={communityId}
            onClose={() => setDialog(null)}
            onDone={batchDone}
          />
          <GainDrawer
            open={dialog === 'gain'}
            communityId={communityId}
            onClose={() => setDialog(null)}
            onDone={batchDone}
          />
          <DepositDrawer
            open={dialog === 'deposit'}
            communityId={communityId}
            account={depositFor}
            onClose={() => setDialog(null)}
            onDone={(detail) => {
              setDialog(null)
              message.success(
                t('fund.depositDone', { unit: detail.unitCode, balance: formatFen(detail.balanceFen) }),
              )
              moved()
            }}
          />
          <FundStatementModal
            open={dialog === 'statement'}
            communityId={communityId}
            onClose={() => setDialog(null)}
            onPublished={(item) => {
              setDialog(null)
              message.success(t('fund.statementPublished'))
              navigate(`/disclosure/items/${item.id}`)
            }}
          />
        </>
      )}
    </Card>
  )
}
