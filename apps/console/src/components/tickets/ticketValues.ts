import type {
  ClockStateName,
  TicketActionType,
  TicketKind,
  TicketPriority,
  TicketStatus,
} from '@meihao/contracts'
import type { MessageKey, Params } from '../../i18n/translate'

type T = (key: MessageKey, params?: Params) => string

export const STATUS_COLOR: Record<TicketStatus, string> = {
  submitted: 'gold',
  accepted: 'cyan',
  assigned: 'blue',
  in_progress: 'processing',
  on_hold: 'purple',
  quoted: 'geekblue',
  resolved: 'lime',
  verified: 'green',
  closed: 'default',
  cancelled: 'default',
}

export const PRIORITY_COLOR: Record<TicketPriority, string> = {
  emergency: 'red',
  high: 'orange',
  normal: 'blue',
  low: 'default',
}

export const SLA_COLOR: Record<ClockStateName, string> = {
  running: 'processing',
  paused: 'default',
  warning: 'orange',
  breached: 'red',
  met: 'green',
  met_late: 'volcano',
}

/** How a request reaches the staff who register it in the console: a call, a visit, or their own patrol. */
export const STAFF_CHANNELS = ['phone', 'walk_in', 'patrol'] as const
export type StaffChannel = (typeof STAFF_CHANNELS)[number]

/** Kinds that happen at a unit rather than a common area, for the form's first guess of the location. */
export const HOME_KINDS: readonly TicketKind[] = ['repair_home']

/**
 * The order buttons appear in: the step that moves the ticket forward first, the side steps after, the
 * dangerous ones last.
 */
export const ACTION_ORDER: readonly TicketActionType[] = [
  'accept',
  'grab',
  'assign',
  'start',
  'resume',
  'resolve',
  'verify',
  'follow_up',
  'accept_quote',
  'rate',
  'quote',
  'transfer',
  'hold',
  'reopen',
  'return_to_pool',
  'reject_fix',
  'decline_quote',
  'cancel_duplicate',
  'cancel',
]

/** Actions that undo work or end a ticket: a red button and a warning in their dialog. */
export const DANGEROUS_ACTIONS: ReadonlySet<TicketActionType> = new Set([
  'return_to_pool',
  'reject_fix',
  'decline_quote',
  'reopen',
  'cancel',
  'cancel_duplicate',
])

/** The actions of the technician's phone screen, in the order of the work. */
export const TECHNICIAN_ACTIONS: readonly TicketActionType[] = [
  'grab',
  'start',
  'resolve',
  'quote',
  'hold',
  'resume',
  'return_to_pool',
]

export const sortActions = (actions: readonly TicketActionType[]) =>
  ACTION_ORDER.filter((a) => actions.includes(a))

/** The statuses in which nobody works on a ticket any more. */
export const FINISHED: ReadonlySet<TicketStatus> = new Set(['verified', 'closed', 'cancelled'])

/** Minutes as words: "45 分钟", "2 小时 5 分", "3 天 4 小时". */
export function formatDuration(t: T, minutes: number): string {
  const m = Math.abs(Math.trunc(minutes))
  if (m < 60) return t('duration.minutes', { m })
  if (m < 24 * 60) {
    const h = Math.floor(m / 60)
    return m % 60 === 0 ? t('duration.hours', { h }) : t('duration.hoursMinutes', { h, m: m % 60 })
  }
  const d = Math.floor(m / (24 * 60))
  const h = Math.floor((m % (24 * 60)) / 60)
  return h === 0 ? t('duration.days', { d }) : t('duration.daysHours', { d, h })
}

/** A short time for due dates: today "14:30", otherwise "5月3日 14:30" in the reader's language. */
export function formatDue(lang: string, iso: string | null | undefined, now = new Date()): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const sameDay = date.toDateString() === now.toDateString()
  return new Intl.DateTimeFormat(
    lang,
    sameDay ? { timeStyle: 'short' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  ).format(date)
}
