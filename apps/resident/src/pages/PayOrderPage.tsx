import { Button, NoticeBar, Result, Skeleton } from 'antd-mobile'
import { useEffect } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { PaymentOrder } from '../api/types'
import { CheckIcon } from '../components/icons'
import { LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useAction } from '../hooks/useAction'
import { useBack } from '../hooks/useBack'
import { useById } from '../hooks/useById'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { formatFen, providerLabel } from './pay/format'
import { rememberPayUnit } from './pay/unitMemory'

/** How often a pending order (or a paid one still without its receipt) is asked again. */
const POLL_MS = 2500

/** Calls `tick` every `ms` while `active`. `tick` must be stable (a reload). */
function usePolling(active: boolean, tick: () => Promise<unknown>, ms = POLL_MS) {
  useEffect(() => {
    if (!active) return
    const timer = window.setInterval(() => void tick(), ms)
    return () => window.clearInterval(timer)
  }, [active, tick, ms])
}

function OrderFacts({ order }: { order: PaymentOrder }) {
  const t = useT()
  return (
    <dl className="mh-ticket-facts mh-order-facts">
      <div className="mh-ticket-fact">
        <dt>{t('pay.order.provider')}</dt>
        <dd>{providerLabel(order.provider)}</dd>
      </div>
      <div className="mh-ticket-fact">
        <dt>{t('pay.order.number')}</dt>
        <dd className="mh-mono">{order.outTradeNo}</dd>
      </div>
    </dl>
  )
}

/**
 * The sandbox's stand-in for the WeChat Pay / Alipay cashier: the amount and 确认支付. The server signs a
 * notification as the provider would, so the payment goes through the same path as a real one.
 */
function SandboxCashier({ order, onPaid }: { order: PaymentOrder; onPaid(order: PaymentOrder): void }) {
  const t = useT()
  const back = useBack('/pay')
  const { busy, error, run } = useAction()
  const confirm = () =>
    run(async () => {
      onPaid(await endpoints.payInSandbox(order.id))
    })
  return (
    <section className="mh-card mh-cashier" data-testid={TEST_IDS.payOrder} data-status={order.status}>
      <span className="mh-cashier-badge">{t('pay.sandbox.badge')}</span>
      <span className="mh-cashier-label">{t('pay.sandbox.amount')}</span>
      <span className="mh-cashier-amount" data-fen={order.amountFen}>
        {formatFen(order.amountFen)}
      </span>
      <OrderFacts order={order} />
      <NoticeBar
        className="mh-notice mh-cashier-notice"
        wrap
        content={t('pay.sandbox.notice', { provider: providerLabel(order.provider) })}
      />
      {error && (
        <div className="mh-form-error mh-card-error" role="alert">
          {error}
        </div>
      )}
      <Button
        block
        size="large"
        shape="rounded"
        color="primary"
        loading={busy}
        onClick={() => void confirm()}
        data-testid={TEST_IDS.paySandboxConfirm}
      >
        {t('pay.sandbox.confirm')}
      </Button>
      <Button block fill="none" className="mh-secondary-action" disabled={busy} onClick={back}>
        {t('pay.sandbox.cancel')}
      </Button>
    </section>
  )
}

/** A real provider's payment: we wait for its notification, asking the server again every few seconds. */
function Waiting({ order, onCheck }: { order: PaymentOrder; onCheck(): Promise<void> }) {
  const t = useT()
  const { busy, run } = useAction()
  usePolling(true, onCheck)
  return (
    <section className="mh-card mh-cashier" data-testid={TEST_IDS.payOrder} data-status={order.status}>
      <span className="mh-cashier-label">{t('pay.waiting.title')}</span>
      <span className="mh-cashier-amount">{formatFen(order.amountFen)}</span>
      <OrderFacts order={order} />
      <p className="mh-muted">{t('pay.waiting.hint', { provider: providerLabel(order.provider) })}</p>
      <Button
        block
        shape="rounded"
        color="primary"
        fill="outline"
        className="mh-cashier-check"
        loading={busy}
        onClick={() => void run(onCheck)}
      >
        {t('pay.waiting.check')}
      </Button>
    </section>
  )
}

function ReceiptNumber({ receiptId }: { receiptId: string }) {
  const { state, reload } = useById(receiptId, endpoints.fetchMyReceipt)
  // The receipt is issued with the payment; should it not answer yet, ask again.
  usePolling(state.status === 'failed', reload)
  if (state.status !== 'ready') return <Skeleton.Paragraph lineCount={1} animated />
  return (
    <span className="mh-mono" data-testid={TEST_IDS.paySuccessReceipt} data-receipt-id={receiptId}>
      {state.value.number}
    </span>
  )
}

/** 缴费成功: the amount, the receipt number, 查看收据. */
function Paid({ order, onCheck }: { order: PaymentOrder; onCheck(): Promise<void> }) {
  const t = useT()
  const navigate = useNavigate()
  const receiptId = order.receiptId
  usePolling(receiptId === null, onCheck)
  return (
    <section className="mh-card mh-paid" data-testid={TEST_IDS.payOrder} data-status={order.status}>
      <Result
        className="mh-paid-result"
        status="success"
        icon={
          <span className="mh-paid-icon">
            <CheckIcon />
          </span>
        }
        title={<span data-testid={TEST_IDS.paySuccess}>{t('pay.success.title')}</span>}
        description={t('pay.success.amount', { amount: formatFen(order.amountFen) })}
      />
      <dl className="mh-ticket-facts mh-order-facts">
        <div className="mh-ticket-fact">
          <dt>{t('pay.success.receipt')}</dt>
          <dd>{receiptId ? <ReceiptNumber receiptId={receiptId} /> : t('pay.success.receiptPending')}</dd>
        </div>
        <div className="mh-ticket-fact">
          <dt>{t('pay.order.provider')}</dt>
          <dd>{providerLabel(order.provider)}</dd>
        </div>
        <div className="mh-ticket-fact">
          <dt>{t('pay.order.number')}</dt>
          <dd className="mh-mono">{order.outTradeNo}</dd>
        </div>
      </dl>
      <div className="mh-paid-actions">
        <Button
          block
          size="large"
          shape="rounded"
          color="primary"
          disabled={!receiptId}
          onClick={() => {
            if (receiptId) navigate(`/pay/receipts/${encodeURIComponent(receiptId)}`)
          }}
          data-testid={TEST_IDS.payViewReceipt}
        >
          {t('pay.success.viewReceipt')}
        </Button>
        <Button
          block
          size="large"
          shape="rounded"
          onClick={() => navigate('/pay', { replace: true, state: { unitId: order.unitId } })}
        >
          {t('pay.success.done')}
        </Button>
      </div>
    </section>
  )
}

/**
 * /pay/orders/:id — an order just made: the sandbox cashier (sandbox deployments), or waiting for the
 * provider's word; then 缴费成功 with the receipt.
 */
export function PayOrderPage() {
  const t = useT()
  const { id = '' } = useParams()
  const { state, reload, show } = useById(id, endpoints.fetchPaymentOrder)
  const order = state.status === 'ready' ? state.value : null
  const paid = order?.status === 'paid'
  const orderUnit = order?.unitId
  // The tab opens on this unit again, however the owner gets back to it.
  useEffect(() => {
    if (orderUnit) rememberPayUnit(orderUnit)
  }, [orderUnit])
  // Back to the tab (which loads the bills again); once paid, never back into a spent cashier.
  const back = useBack('/pay', paid)

  const title = paid
    ? t('pay.success.title')
    : order?.sandbox
      ? t('pay.sandbox.title')
      : order
        ? t('pay.waiting.title')
        : t('pay.order.title')

  return (
    <PageShell title={title} className="mh-pay-order-page" onBack={back} onRefresh={reload}>
      <LoadStatus
        state={state}
        lines={4}
        errorTestId={TEST_IDS.payOrderError}
        errorTitle={t('pay.order.errorTitle')}
        onRetry={() => void reload()}
      />
      {order && paid && <Paid order={order} onCheck={reload} />}
      {order && !paid && order.sandbox && <SandboxCashier order={order} onPaid={show} />}
      {order && !paid && !order.sandbox && <Waiting order={order} onCheck={reload} />}
    </PageShell>
  )
}
