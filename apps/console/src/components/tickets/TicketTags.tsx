import type { ClockStateName, TicketPriority, TicketStatus } from '@meihao/contracts'
import { Tag, Tooltip } from 'antd'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { formatDue, PRIORITY_COLOR, SLA_COLOR, STATUS_COLOR } from './ticketValues'

export function TicketStatusTag({
  status,
  testId = 'ticket-status',
}: {
  status: TicketStatus
  testId?: string
}) {
  const { t } = useI18n()
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {t(`ticketStatus.${status}`)}
    </Tag>
  )
}

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useI18n()
  return (
    <Tag color={PRIORITY_COLOR[priority]} data-testid="ticket-priority" data-priority={priority}>
      {t(`ticketPriority.${priority}`)}
    </Tag>
  )
}

/** The worst running clock of a ticket, coloured (warning orange, breached red), with its due time. */
export function SlaTag({ state, dueAt }: { state: ClockStateName | null; dueAt: string | null }) {
  const { t, lang } = useI18n()
  if (!state) return <span>—</span>
  const running = state === 'running' || state === 'warning' || state === 'breached'
  const tag = (
    <Tag color={SLA_COLOR[state]} data-testid="ticket-sla" data-sla={state}>
      {running && dueAt
        ? t('sla.stateDue', { state: t(`slaState.${state}`), due: formatDue(lang, dueAt) })
        : t(`slaState.${state}`)}
    </Tag>
  )
  return dueAt ? <Tooltip title={t('sla.dueAt', { time: formatDateTime(lang, dueAt) })}>{tag}</Tooltip> : tag
}

/** 升级 level: nothing at 0, then L1 (project) orange and higher red. */
export function EscalationTag({ level }: { level: number }) {
  const { t } = useI18n()
  if (level <= 0) return <span>—</span>
  return (
    <Tag color={level >= 2 ? 'red' : 'orange'} data-testid="ticket-escalation" data-level={level}>
      {t('ticket.escalationLevel', { level })}
    </Tag>
  )
}
