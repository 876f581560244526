import { Button, Popup } from 'antd-mobile'
import type { OnlineProvider } from '../../api/types'
import { ChatIcon, WalletIcon } from '../../components/icons'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { formatFen, ONLINE_PROVIDERS, providerLabel } from './format'

const PROVIDER_ICON = { wechatpay: ChatIcon, alipay: WalletIcon } as const

/** After 去缴费: the amount, and a big button per provider; a tap makes the order. */
export function ProviderSheet({
  visible,
  amountFen,
  busy,
  error,
  onChoose,
  onClose,
}: {
  visible: boolean
  amountFen: number
  /** The provider whose order is being made. */
  busy: OnlineProvider | null
  error: string | null
  onChoose(provider: OnlineProvider): void
  onClose(): void
}) {
  const t = useT()
  const close = () => {
    if (!busy) onClose()
  }
  return (
    <Popup visible={visible} onMaskClick={close} onClose={close} bodyClassName="mh-sheet">
      <div className="mh-sheet-body" role="dialog" aria-labelledby="mh-provider-title">
        <h2 id="mh-provider-title" className="mh-section-title">
          {t('pay.chooseProvider')}
        </h2>
        <p className="mh-provider-amount">
          <span>{t('pay.providerAmount')}</span>
          <strong>{formatFen(amountFen)}</strong>
        </p>
        <div className="mh-providers">
          {ONLINE_PROVIDERS.map((provider) => {
            const Icon = PROVIDER_ICON[provider]
            return (
              <button
                key={provider}
                type="button"
                className={`mh-provider mh-provider-${provider}`}
                disabled={busy !== null}
                aria-busy={busy === provider}
                onClick={() => onChoose(provider)}
                data-testid={`${TEST_IDS.payProvider}-${provider}`}
              >
                <span className="mh-provider-icon">
                  <Icon />
                </span>
                <span className="mh-provider-text">
                  <span className="mh-provider-name">{providerLabel(provider)}</span>
                  <span className="mh-provider-hint">{t(`pay.providerHint.${provider}`)}</span>
                </span>
                {busy === provider && <span className="mh-provider-busy">{t('app.loading')}</span>}
              </button>
            )
          })}
        </div>
        {error && (
          <div className="mh-form-error mh-card-error" role="alert">
            {error}
          </div>
        )}
        <Button block shape="rounded" onClick={close} disabled={busy !== null}>
          {t('common.cancel')}
        </Button>
      </div>
    </Popup>
  )
}
