import type { MyAccount } from '../../api/types'
import { WalletIcon } from '../../components/icons'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatFen } from './format'

/** A unit's account: what is owed in all, the prepaid balance and the deposit held. */
export function AccountCard({ account }: { account: MyAccount }) {
  const t = useT()
  return (
    <section className="mh-card mh-account" aria-label={account.unitCode}>
      <div className="mh-account-unit">
        <span className="mh-icon-badge mh-icon-badge-small mh-tone-blue">
          <WalletIcon />
        </span>
        <span className="mh-account-unit-text">
          {t('pay.unitValue', { community: account.communityName, unit: account.unitCode })}
        </span>
      </div>
      <div className="mh-account-total">
        <span className="mh-account-label">{t('pay.openTotal')}</span>
        <span
          className={`mh-account-open${account.openFen > 0 ? ' mh-account-owing' : ''}`}
          data-testid={TEST_IDS.payOpenTotal}
          data-unit-id={account.unitId}
          data-fen={account.openFen}
        >
          {formatFen(account.openFen)}
        </span>
      </div>
      <dl className="mh-account-balances">
        <div>
          <dt>{t('pay.prepaid')}</dt>
          <dd data-testid={TEST_IDS.payPrepaid} data-fen={account.prepaidFen}>
            {formatFen(account.prepaidFen)}
          </dd>
        </div>
        <div>
          <dt>{t('pay.deposit')}</dt>
          <dd data-testid={TEST_IDS.payDeposit} data-fen={account.depositFen}>
            {formatFen(account.depositFen)}
          </dd>
        </div>
      </dl>
    </section>
  )
}
