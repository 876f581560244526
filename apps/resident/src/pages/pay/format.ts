import type { Bill, BillStatus, OnlineProvider, PaymentChannel } from '../../api/types'
import { getLanguage, t } from '../../i18n'
import { periodEnds } from './rules'

export * from './rules'

/** "2025-04", or "2025-04 至 2025-06" for a bill of several months. */
export function periodLabel(bill: Pick<Bill, 'periodStart' | 'periodEnd'>): string {
  const [from, to] = periodEnds(bill)
  return to === undefined ? from : t('pay.period.range', { from, to })
}

export const channelLabel = (channel: PaymentChannel) => t(`pay.channel.${channel}`)
export const providerLabel = (provider: OnlineProvider) => t(`pay.provider.${provider}`)

export const BILL_STATUS_TONE: Record<BillStatus, string> = {
  open: 'warning',
  paid: 'success',
  void: 'default',
}

export const ONLINE_PROVIDERS: readonly OnlineProvider[] = ['wechatpay', 'alipay']

/** A moment from the server (ISO) with its date and time, in the reader's language. */
export function formatMoment(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(getLanguage(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date)
}
