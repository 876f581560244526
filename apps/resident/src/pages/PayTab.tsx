import { Badge } from 'antd-mobile'
import { useState } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { MyAccount } from '../api/types'
import { BellIcon, BillsIcon, ReceiptIcon } from '../components/icons'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useRetry } from '../hooks/useRetry'
import { useT } from '../i18n'
import { useMe } from '../session'
import { TEST_IDS } from '../testids'
import { AccountCard } from './pay/AccountCard'
import { formatFen } from './pay/format'
import { PayForm } from './pay/PayForm'
import { rememberedPayUnit, rememberPayUnit } from './pay/unitMemory'
import { useLoaded } from './pay/useLoaded'
import { UNREAD_COUNTED, useUnreadMessages } from './pay/useUnreadMessages'

function MessagesButton({ unread }: { unread: { count: number; more: boolean } | null }) {
  const t = useT()
  const navigate = useNavigate()
  const count = unread?.count ?? 0
  const shown = unread?.more ? `${UNREAD_COUNTED}+` : String(count)
  return (
    <button
      type="button"
      className="mh-nav-icon"
      onClick={() => navigate('/messages')}
      aria-label={count > 0 ? t('pay.messagesUnread', { count: shown }) : t('pay.messages')}
      data-testid={TEST_IDS.payLinkMessages}
    >
      <Badge content={count > 0 ? shown : null} style={{ '--right': '-4px', '--top': '4px' }}>
        <BellIcon />
      </Badge>
    </button>
  )
}

/** Several units: one chip each, with what it owes; the chosen one's bills show below. */
function UnitSwitch({
  accounts,
  chosen,
  onChoose,
}: {
  accounts: MyAccount[]
  chosen: MyAccount
  onChoose(unitId: string): void
}) {
  const t = useT()
  return (
    <fieldset className="mh-unit-chips">
      <legend className="mh-visually-hidden">{t('pay.chooseUnit')}</legend>
      {accounts.map((account) => (
        <button
          key={account.unitId}
          type="button"
          className={`mh-unit-chip${account.unitId === chosen.unitId ? ' mh-unit-chip-on' : ''}`}
          aria-pressed={account.unitId === chosen.unitId}
          onClick={() => onChoose(account.unitId)}
          data-testid={`${TEST_IDS.payUnit}-${account.unitCode}`}
          data-unit-id={account.unitId}
        >
          <span className="mh-unit-chip-code">{account.unitCode}</span>
          <span className={`mh-unit-chip-due${account.openFen > 0 ? ' mh-unit-chip-owing' : ''}`}>
            {account.openFen > 0
              ? t('pay.unitOwing', { amount: formatFen(account.openFen) })
              : t('pay.unitSettled')}
          </span>
        </button>
      ))}
    </fieldset>
  )
}

function PayLinks() {
  const t = useT()
  const navigate = useNavigate()
  const links = [
    {
      to: '/pay/receipts',
      title: t('pay.links.receipts'),
      hint: t('pay.links.receiptsHint'),
      Icon: ReceiptIcon,
      testId: TEST_IDS.payLinkReceipts,
    },
    {
      to: '/pay/bills',
      title: t('pay.links.bills'),
      hint: t('pay.links.billsHint'),
      Icon: BillsIcon,
      testId: TEST_IDS.payLinkBills,
    },
  ]
  return (
    <nav className="mh-pay-links">
      {links.map(({ to, title, hint, Icon, testId }) => (
        <button
          key={to}
          type="button"
          className="mh-pay-link"
          onClick={() => navigate(to)}
          data-testid={testId}
        >
          <span className="mh-icon-badge mh-icon-badge-small">
            <Icon />
          </span>
          <span className="mh-pay-link-text">
            <span className="mh-pay-link-title">{title}</span>
            <span className="mh-pay-link-hint">{hint}</span>
          </span>
        </button>
      ))}
    </nav>
  )
}

/**
 * The 缴费 tab: per unit what is owed, the prepaid balance and the deposit; the open bills to tick and
 * 去缴费; links to 缴费记录 and 全部账单; 消息 in the nav bar. A reminder's 去缴费 opens it on its unit.
 */
export function PayTab() {
  const t = useT()
  const location = useLocation()
  const contextId = useMe().context.id
  const { state, reload } = useLoaded(endpoints.fetchMyBilling, contextId)
  const { retrying, retry } = useRetry(reload)
  const { unread, reload: reloadUnread } = useUnreadMessages(contextId)
  const [unitId, setUnitId] = useState<string | null>(() => {
    const wanted = (location.state as { unitId?: unknown } | null)?.unitId
    return typeof wanted === 'string' ? wanted : rememberedPayUnit()
  })
  const choose = (id: string) => {
    rememberPayUnit(id)
    setUnitId(id)
  }

  const accounts = state.status === 'ready' ? state.value : []
  const chosen =
    accounts.find((a) => a.unitId === unitId) ?? accounts.find((a) => a.openFen > 0) ?? accounts[0] ?? null

  return (
    <PageShell
      title={t('pay.title')}
      className="mh-pay-page"
      right={<MessagesButton unread={unread} />}
      onRefresh={() => Promise.all([reload(), reloadUnread()])}
    >
      <PayLinks />
      <LoadStatus
        state={state}
        lines={3}
        errorTestId={TEST_IDS.payAccountsError}
        errorTitle={t('pay.accountsErrorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
      {state.status === 'ready' && accounts.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.payAccountsEmpty}
          title={t('pay.accountsEmptyTitle')}
          description={t('pay.accountsEmptyDescription')}
        />
      )}
      {chosen && (
        <>
          {accounts.length > 1 && <UnitSwitch accounts={accounts} chosen={chosen} onChoose={choose} />}
          <AccountCard account={chosen} />
          <PayForm key={chosen.unitId} account={chosen} />
        </>
      )}
    </PageShell>
  )
}
