import { Tag } from 'antd-mobile'
import type { Bill } from '../../api/types'
import { useT } from '../../i18n'
import { BILL_STATUS_TONE, dateOnly, formatFen, isOverdue, periodLabel } from './format'

/**
 * What a bill says, for the owner to check: the fee item and months, the amount, what is paid and what is
 * still open, when it falls due, and how the amount was worked out ("89.37 m² × 2.80 元 × 1 月").
 */
export function BillInfo({ bill, showStatus = false }: { bill: Bill; showStatus?: boolean }) {
  const t = useT()
  const overdue = bill.status === 'open' && isOverdue(bill)
  return (
    <span className="mh-bill">
      <span className="mh-bill-head">
        <span className="mh-bill-item">{bill.feeItemName}</span>
        <span className={`mh-bill-fen${bill.openFen > 0 ? ' mh-bill-fen-open' : ''}`}>
          {formatFen(bill.openFen > 0 ? bill.openFen : bill.amountFen)}
        </span>
      </span>
      <span className="mh-bill-meta">
        <span className="mh-bill-period">{periodLabel(bill)}</span>
        {showStatus && (
          <Tag color={BILL_STATUS_TONE[bill.status]} round data-status={bill.status}>
            {t(`pay.bill.status.${bill.status}`)}
          </Tag>
        )}
        {overdue && (
          <Tag color="danger" fill="outline" round>
            {t('pay.bill.overdue')}
          </Tag>
        )}
      </span>
      {bill.basis && <span className="mh-bill-basis">{bill.basis}</span>}
      <span className="mh-bill-amounts">
        <span>{t('pay.bill.amount', { amount: formatFen(bill.amountFen) })}</span>
        <span>{t('pay.bill.paid', { amount: formatFen(bill.paidFen) })}</span>
        {bill.openFen > 0 && <span>{t('pay.bill.open', { amount: formatFen(bill.openFen) })}</span>}
      </span>
      <span className={`mh-bill-due${overdue ? ' mh-bill-due-over' : ''}`}>
        {t('pay.bill.due', { date: dateOnly(bill.dueOn) })}
      </span>
    </span>
  )
}
