import type { ComponentType, SVGProps } from 'react'
import type { TicketActorRole, TicketEvent, TicketKind, TicketStatus } from '../../api/types'
import {
  BoltIcon,
  BuildingIcon,
  BulbIcon,
  CarIcon,
  ComplaintIcon,
  DoorIcon,
  DropIcon,
  ElevatorIcon,
  HomeRepairIcon,
  LeafIcon,
  NoticeIcon,
  QuestionIcon,
  TagIcon,
  ThumbUpIcon,
  WarningIcon,
} from '../../components/icons'
import { getLanguage, type MessageKey, t } from '../../i18n'
import type { VisitSlotKey } from './rules'

export {
  categoriesFor,
  formatFen,
  newIdempotencyKey,
  VISIT_DAYS,
  VISIT_SLOTS,
  type VisitChoice,
  type VisitSlotKey,
  visitDays,
  visitSlotsOn,
  visitWindow,
} from './rules'

type IconType = ComponentType<SVGProps<SVGSVGElement>>

/** The three big tiles of 一键报修, then the smaller row. */
export const PRIMARY_KINDS = ['repair_home', 'repair_common', 'complaint'] as const satisfies TicketKind[]
export const SECONDARY_KINDS = ['inquiry', 'suggestion', 'praise', 'hazard'] as const satisfies TicketKind[]

export const KIND_ICON: Record<TicketKind, IconType> = {
  repair_home: HomeRepairIcon,
  repair_common: BuildingIcon,
  complaint: ComplaintIcon,
  inquiry: QuestionIcon,
  suggestion: BulbIcon,
  praise: ThumbUpIcon,
  hazard: WarningIcon,
}

/** A kind the app knows: KIND_ICON has one entry per kind of the contracts (the type sees to that). */
export function isTicketKind(value: string | null): value is TicketKind {
  return value !== null && Object.hasOwn(KIND_ICON, value)
}

export const KIND_TONE: Record<TicketKind, string> = {
  repair_home: 'orange',
  repair_common: 'blue',
  complaint: 'red',
  inquiry: 'green',
  suggestion: 'purple',
  praise: 'green',
  hazard: 'red',
}

/** Kinds about a place outside the home: the form asks where (位置). */
export const SPOT_KINDS: readonly TicketKind[] = ['repair_common', 'hazard']
/** Kinds where someone comes to the home: the form offers a preferred visit time. */
export const VISIT_KINDS: readonly TicketKind[] = ['repair_home']
/** Kinds that can be an emergency (leaks, power cuts, people stuck in a lift). */
export const URGENT_KINDS: readonly TicketKind[] = ['repair_home', 'repair_common', 'hazard']

/** An icon for a category, guessed from its code; categories are company data, so most fall back. */
export function categoryIcon(code: string): IconType {
  const c = code.toLowerCase()
  if (/plumb|water|pipe|drain/.test(c)) return DropIcon
  if (/elec|power|light|lamp/.test(c)) return BoltIcon
  if (/door|window|lock/.test(c)) return DoorIcon
  if (/elevator|lift/.test(c)) return ElevatorIcon
  if (/clean|sanit|environ|green|garbage|waste/.test(c)) return LeafIcon
  if (/park|car|vehicle/.test(c)) return CarIcon
  if (/noise|sound/.test(c)) return NoticeIcon
  if (/safe|fire|hazard/.test(c)) return WarningIcon
  return TagIcon
}

export const STATUS_TONE: Record<TicketStatus, string> = {
  submitted: 'warning',
  accepted: 'primary',
  assigned: 'primary',
  in_progress: 'primary',
  on_hold: 'default',
  quoted: 'danger',
  resolved: 'success',
  verified: 'success',
  closed: 'default',
  cancelled: 'default',
}

/** Statuses after the work: done (and perhaps rated), or called off. */
const FINISHED_STATUSES: readonly TicketStatus[] = ['resolved', 'verified', 'closed', 'cancelled']
/** Whether the request is still being worked on. */
export const isActiveStatus = (status: TicketStatus) => !FINISHED_STATUSES.includes(status)

export const statusLabel = (status: TicketStatus) => t(`tickets.status.${status}`)
export const kindLabel = (kind: TicketKind) => t(`tickets.kind.${kind}`)

/** Who did it: "我" for the requester, otherwise the role with the person's name when known. */
export function actorLabel(event: Pick<TicketEvent, 'actorRole' | 'actorName'>): string {
  const role = t(`ticket.actor.${event.actorRole satisfies TicketActorRole}`)
  if (event.actorRole === 'requester' || event.actorRole === 'system' || !event.actorName) return role
  return t('ticket.actorNamed', { role, name: event.actorName })
}

/** A moment from the server (ISO), short: 6月1日 09:00 this year, with the year otherwise. */
export function formatWhen(iso: string, now = new Date()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const sameYear = date.getFullYear() === now.getFullYear()
  return new Intl.DateTimeFormat(getLanguage(), {
    year: sameYear ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date)
}

export function visitDayLabel(day: number, now = new Date()): string {
  if (day === 0) return t('tickets.visit.today')
  if (day === 1) return t('tickets.visit.tomorrow')
  if (day === 2) return t('tickets.visit.dayAfter')
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + day)
  return new Intl.DateTimeFormat(getLanguage(), { month: 'short', day: 'numeric', weekday: 'short' }).format(
    date,
  )
}

const SLOT_LABEL: Record<VisitSlotKey, MessageKey> = {
  morning: 'tickets.visit.morning',
  afternoon: 'tickets.visit.afternoon',
  evening: 'tickets.visit.evening',
}
export const visitSlotLabel = (slot: VisitSlotKey) => t(SLOT_LABEL[slot])
