import { Tag } from 'antd-mobile'
import type { TicketPriority, TicketStatus } from '../../api/types'
import { useT } from '../../i18n'
import { STATUS_TONE } from './format'

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const t = useT()
  return (
    <Tag color={STATUS_TONE[status]} round data-status={status}>
      {t(`tickets.status.${status}`)}
    </Tag>
  )
}

/** Only what stands out: emergency and high. */
export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const t = useT()
  if (priority !== 'emergency' && priority !== 'high') return null
  return (
    <Tag color="danger" fill="outline" round>
      {t(`tickets.priority.${priority}`)}
    </Tag>
  )
}
