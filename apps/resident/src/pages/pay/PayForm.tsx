import { Button } from 'antd-mobile'
import { useId, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { MyAccount, OnlineProvider } from '../../api/types'
import { TestIdInput } from '../../components/TestIdInput'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { BillInfo } from './BillInfo'
import { formatFen, newIdempotencyKey, parseYuan, periodLabel, sumFen } from './format'
import { ProviderSheet } from './ProviderSheet'
import { rememberPayUnit } from './unitMemory'

/** Mirrors parseYuan: eleven digits of 元 and two decimals. */
const PREPAY_MAX_LENGTH = 14

/**
 * A unit's open bills to tick (all ticked at first), an optional prepayment in 元, and 去缴费: the sheet of
 * providers makes the order and the order page takes it from there.
 */
export function PayForm({ account }: { account: MyAccount }) {
  const t = useT()
  const navigate = useNavigate()
  const ids = useId()
  // What the owner unticked: bills that appear on a refresh are ticked like the first ones.
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(() => new Set())
  const [prepay, setPrepay] = useState('')
  const [sheet, setSheet] = useState(false)
  const [busy, setBusy] = useState<OnlineProvider | null>(null)
  const [error, setError] = useState<string | null>(null)

  const bills = account.openBills
  const chosen = bills.filter((bill) => !unticked.has(bill.id))
  const prepayFen = parseYuan(prepay)
  const totalFen = sumFen(chosen.map((bill) => bill.openFen)) + (prepayFen ?? 0)
  const canPay = prepayFen !== null && totalFen > 0 && busy === null
  const allTicked = chosen.length === bills.length

  const toggle = (id: string) => {
    setError(null)
    setUnticked((old) => {
      const next = new Set(old)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }
  const toggleAll = () => {
    setError(null)
    setUnticked(allTicked ? new Set(bills.map((bill) => bill.id)) : new Set())
  }

  const pay = async (provider: OnlineProvider) => {
    if (!canPay || prepayFen === null) return
    setBusy(provider)
    setError(null)
    try {
      // A fresh key per tap: a request retried on the way gets the first answer, not a second order.
      const order = await endpoints.createPaymentOrder(
        {
          unitId: account.unitId,
          provider,
          billIds: chosen.map((bill) => bill.id),
          ...(prepayFen > 0 ? { prepayFen } : {}),
        },
        newIdempotencyKey(),
      )
      rememberPayUnit(account.unitId)
      // Live: on to the provider's page, which sends the owner back to the order page when done.
      if (order.payUrl) window.location.assign(order.payUrl)
      else navigate(`/pay/orders/${encodeURIComponent(order.id)}`)
    } catch (e) {
      setError(errorMessage(e))
      setBusy(null)
    }
  }

  return (
    <>
      {bills.length === 0 ? (
        <section className="mh-card mh-pay-none" data-testid={TEST_IDS.payBillsEmpty}>
          <span className="mh-pay-none-title">{t('pay.billsNoneTitle')}</span>
          <span className="mh-pay-none-text">{t('pay.billsNoneDescription')}</span>
        </section>
      ) : (
        <section aria-labelledby={`${ids}-bills`}>
          <div className="mh-pay-list-head">
            <h2 id={`${ids}-bills`} className="mh-section-title">
              {t('pay.openBills', { count: bills.length })}
            </h2>
            <button type="button" className="mh-link-button" onClick={toggleAll}>
              {allTicked ? t('pay.selectNone') : t('pay.selectAll')}
            </button>
          </div>
          <ul className="mh-pay-bills">
            {bills.map((bill) => {
              const ticked = !unticked.has(bill.id)
              return (
                <li key={bill.id}>
                  <label
                    className={`mh-row-card mh-pay-bill${ticked ? ' mh-pay-bill-on' : ''}`}
                    data-testid={TEST_IDS.payBillRow}
                    data-bill-id={bill.id}
                    data-selected={ticked}
                  >
                    <input
                      type="checkbox"
                      className="mh-check-input"
                      checked={ticked}
                      onChange={() => toggle(bill.id)}
                      aria-label={t('pay.bill.select', { item: bill.feeItemName, period: periodLabel(bill) })}
                    />
                    <span className="mh-check" aria-hidden="true" />
                    <BillInfo bill={bill} />
                  </label>
                </li>
              )
            })}
          </ul>
        </section>
      )}

      <section className="mh-card mh-fields mh-prepay">
        <div className="mh-field">
          <label className="mh-field-label" htmlFor={`${ids}-prepay`}>
            {t('pay.prepay')}
            <span className="mh-field-hint">{t('pay.prepayHint')}</span>
          </label>
          <div className="mh-prepay-input">
            <span className="mh-prepay-currency" aria-hidden="true">
              ¥
            </span>
            <TestIdInput
              id={`${ids}-prepay`}
              testId={TEST_IDS.payPrepayInput}
              value={prepay}
              onChange={(value) => {
                setError(null)
                setPrepay(value)
              }}
              inputMode="decimal"
              maxLength={PREPAY_MAX_LENGTH}
              clearable
              placeholder={t('pay.prepayPlaceholder')}
              disabled={busy !== null}
            />
          </div>
          {prepayFen === null && (
            <div className="mh-inline-error" role="alert">
              {t('pay.prepayInvalid')}
            </div>
          )}
          {prepayFen !== null && prepayFen > 0 && bills.length > 0 && chosen.length === 0 && (
            <p className="mh-field-hint">{t('pay.prepayToBills')}</p>
          )}
        </div>
      </section>

      <div className="mh-pay-bar">
        {error && !sheet && (
          <div className="mh-form-error" role="alert" data-testid={TEST_IDS.payError}>
            {error}
          </div>
        )}
        <div className="mh-pay-bar-row">
          <span className="mh-pay-bar-total">
            <span className="mh-pay-bar-label">
              {t('pay.total')}{' '}
              <strong
                className={totalFen > 0 ? 'mh-pay-bar-due' : undefined}
                data-testid={TEST_IDS.payAmount}
                data-fen={totalFen}
              >
                {formatFen(totalFen)}
              </strong>
            </span>
            <span className="mh-pay-bar-hint">
              {totalFen === 0
                ? t('pay.nothingSelected')
                : prepayFen
                  ? t('pay.selectedWithPrepay', { count: chosen.length, amount: formatFen(prepayFen) })
                  : t('pay.selectedCount', { count: chosen.length })}
            </span>
          </span>
          <Button
            color="primary"
            shape="rounded"
            size="large"
            className="mh-pay-submit"
            disabled={!canPay}
            onClick={() => {
              setError(null)
              setSheet(true)
            }}
            data-testid={TEST_IDS.paySubmit}
          >
            {t('pay.submit')}
          </Button>
        </div>
      </div>

      <ProviderSheet
        visible={sheet}
        amountFen={totalFen}
        busy={busy}
        error={error}
        onChoose={(provider) => void pay(provider)}
        onClose={() => setSheet(false)}
      />
    </>
  )
}
