import type { Ticket, TicketActionType } from '@meihao/contracts'
import { Button, Space } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import { DANGEROUS_ACTIONS, sortActions } from './ticketValues'

/**
 * The buttons of what the caller may do now (the server's allowedActions), in the order of the work: the
 * first step forward is the primary one, the dangerous ones are red and last.
 */
export function TicketActionBar({
  ticket,
  onAction,
}: {
  ticket: Ticket
  onAction: (action: TicketActionType) => void
}) {
  const { t } = useI18n()
  const actions = sortActions(ticket.allowedActions).filter(
    // Merging needs a candidate; the hints say which.
    (a) => a !== 'cancel_duplicate' || ticket.duplicates.length > 0,
  )
  if (actions.length === 0) return null
  const primary = actions.find((a) => !DANGEROUS_ACTIONS.has(a))
  return (
    <Space wrap data-testid="ticket-actions">
      {actions.map((action) => (
        <Button
          key={action}
          type={action === primary ? 'primary' : 'default'}
          danger={DANGEROUS_ACTIONS.has(action)}
          onClick={() => onAction(action)}
          data-testid={`ticket-action-${action}`}
        >
          {t(`ticketAction.${action}`)}
        </Button>
      ))}
    </Space>
  )
}
