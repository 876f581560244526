import { z } from 'zod'
import { Id, PageQuery } from './common'

/** 报修（户内 / 公区）、投诉、咨询、建议、表扬、隐患. */
export const TICKET_KINDS = [
  'repair_home',
  'repair_common',
  'complaint',
  'inquiry',
  'suggestion',
  'praise',
  'hazard',
] as const
export const TicketKind = z.enum(TICKET_KINDS)
export type TicketKind = z.infer<typeof TicketKind>

export const TICKET_PRIORITIES = ['emergency', 'high', 'normal', 'low'] as const
export const TicketPriority = z.enum(TICKET_PRIORITIES)
export type TicketPriority = z.infer<typeof TicketPriority>

/** 业主App、电话、来访、自助终端、巡检、开放接口. */
export const TICKET_CHANNELS = ['app', 'phone', 'walk_in', 'kiosk', 'patrol', 'api'] as const
export const TicketChannel = z.enum(TICKET_CHANNELS)
export type TicketChannel = z.infer<typeof TicketChannel>

export const TICKET_STATUSES = [
  'submitted',
  'accepted',
  'assigned',
  'in_progress',
  'on_hold',
  'quoted',
  'resolved',
  'verified',
  'closed',
  'cancelled',
] as const
export const TicketStatus = z.enum(TICKET_STATUSES)
export type TicketStatus = z.infer<typeof TicketStatus>

export const TICKET_ACTIONS = [
  'accept',
  'assign',
  'grab',
  'transfer',
  'return_to_pool',
  'start',
  'hold',
  'resume',
  'quote',
  'accept_quote',
  'decline_quote',
  'resolve',
  'reject_fix',
  'verify',
  'follow_up',
  'rate',
  'reopen',
  'cancel',
  'cancel_duplicate',
] as const
export const TicketActionType = z.enum(TICKET_ACTIONS)
export type TicketActionType = z.infer<typeof TicketActionType>

/** Timeline entries that are not transitions: creation, SLA warnings and breaches, escalations, notes. */
export const TICKET_EVENT_KINDS = [
  ...TICKET_ACTIONS,
  'create',
  'sla_warning',
  'sla_breach',
  'escalate',
] as const
export const TicketEventKind = z.enum(TICKET_EVENT_KINDS)

export const SLA_CLOCKS = ['response', 'arrival', 'resolution'] as const
export const SlaClockName = z.enum(SLA_CLOCKS)
export type SlaClockName = z.infer<typeof SlaClockName>
export const ClockStateName = z.enum(['running', 'paused', 'warning', 'breached', 'met', 'met_late'])
export type ClockStateName = z.infer<typeof ClockStateName>

/** A photo as the server takes it: JPEG or PNG, base64, at most 5 MB. */
export const PhotoInput = z.object({
  fileName: z.string().trim().min(1).max(200),
  contentType: z.enum(['image/jpeg', 'image/png']),
  dataBase64: z.string().min(1).max(7_000_000),
})
export type PhotoInput = z.infer<typeof PhotoInput>
const Photos = z.array(PhotoInput).max(6).default([])

const Note = z.string().trim().max(2000)
const Reason = z.string().trim().min(1).max(500)

const TicketFields = {
  kind: TicketKind,
  categoryId: Id,
  priority: TicketPriority.default('normal'),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  /** A common-area spot (公区位置) in words, e.g. "3栋 1单元 电梯厅"; used for duplicate hints. */
  spot: z.string().trim().min(1).max(100).nullable().optional(),
  preferredFrom: z.iso.datetime({ offset: true }).nullable().optional(),
  preferredTo: z.iso.datetime({ offset: true }).nullable().optional(),
  photos: Photos,
}

/** Staff entry (phone, walk-in, patrol), kiosks and integrations. */
export const TicketInput = z.object({
  ...TicketFields,
  communityId: Id,
  buildingId: Id.nullable().optional(),
  unitId: Id.nullable().optional(),
  channel: z.enum(['phone', 'walk_in', 'kiosk', 'patrol', 'api']),
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, 'validation.phone')
    .nullable()
    .optional(),
})
export type TicketInput = z.input<typeof TicketInput>

/** An owner's own report from the resident app: the unit must be theirs (or a common area of its community). */
export const MyTicketInput = z.object({
  ...TicketFields,
  unitId: Id,
})
export type MyTicketInput = z.input<typeof MyTicketInput>

export const TicketActionInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), note: Note.optional() }),
  z.object({ type: z.literal('assign'), assigneeId: Id, note: Note.optional() }),
  z.object({ type: z.literal('grab'), note: Note.optional() }),
  z.object({ type: z.literal('transfer'), assigneeId: Id, reason: Reason.optional(), note: Note.optional() }),
  z.object({ type: z.literal('return_to_pool'), reason: Reason.optional(), note: Note.optional() }),
  z.object({ type: z.literal('start'), note: Note.optional(), photos: Photos }),
  z.object({ type: z.literal('hold'), reason: Reason, note: Note.optional() }),
  z.object({ type: z.literal('resume'), note: Note.optional() }),
  z.object({
    type: z.literal('quote'),
    amountFen: z.number().int().min(1).max(100_000_000),
    note: Note.optional(),
  }),
  z.object({ type: z.literal('accept_quote'), note: Note.optional() }),
  z.object({ type: z.literal('decline_quote'), reason: Reason.optional(), note: Note.optional() }),
  z.object({ type: z.literal('resolve'), note: Note.min(1), photos: Photos }),
  z.object({ type: z.literal('reject_fix'), reason: Reason, note: Note.optional(), photos: Photos }),
  z.object({ type: z.literal('verify'), note: Note.optional(), photos: Photos }),
  z.object({
    type: z.literal('follow_up'),
    satisfaction: z.number().int().min(1).max(5).optional(),
    note: Note.optional(),
  }),
  z.object({
    type: z.literal('rate'),
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().max(500).optional(),
  }),
  z.object({ type: z.literal('reopen'), reason: Reason, assigneeId: Id.optional(), photos: Photos }),
  z.object({ type: z.literal('cancel'), reason: Reason }),
  z.object({ type: z.literal('cancel_duplicate'), duplicateOf: Id, note: Note.optional() }),
])
export type TicketActionInput = z.input<typeof TicketActionInput>

export const SlaClock = z.object({
  clock: SlaClockName,
  targetMinutes: z.number().int(),
  elapsedMinutes: z.number().int(),
  remainingMinutes: z.number().int(),
  state: ClockStateName,
  dueAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
})
export type SlaClock = z.infer<typeof SlaClock>

export const TicketSummary = z.object({
  id: Id,
  number: z.string(),
  communityId: Id,
  communityName: z.string(),
  kind: TicketKind,
  categoryId: Id,
  categoryName: z.string(),
  priority: TicketPriority,
  channel: TicketChannel,
  status: TicketStatus,
  title: z.string(),
  /** Unit code or common-area spot. */
  location: z.string(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Worst state of the running clocks: what the board colours by. */
  slaState: ClockStateName.nullable(),
  /** The earliest due time of a running clock. */
  dueAt: z.string().nullable(),
  escalationLevel: z.number().int(),
  flagged: z.boolean(),
  rating: z.number().int().nullable(),
})
export type TicketSummary = z.infer<typeof TicketSummary>

export const TicketEventView = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: TicketEventKind,
  actorName: z.string().nullable(),
  actorRole: z.enum(['requester', 'desk', 'manager', 'technician', 'system']),
  fromStatus: TicketStatus.nullable(),
  toStatus: TicketStatus.nullable(),
  note: z.string().nullable(),
  /** Photo ids (sha256); fetch them at /api/v1/tickets/:id/photos/:photo. */
  photos: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
})
export type TicketEventView = z.infer<typeof TicketEventView>

export const DuplicateHint = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  status: TicketStatus,
  createdAt: z.string(),
})
export type DuplicateHint = z.infer<typeof DuplicateHint>

export const Ticket = TicketSummary.extend({
  description: z.string(),
  spot: z.string().nullable(),
  unitId: Id.nullable(),
  buildingId: Id.nullable(),
  unitCode: z.string().nullable(),
  preferredFrom: z.string().nullable(),
  preferredTo: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked (138****1234) unless the caller may reveal personal data. */
  contactPhone: z.string().nullable(),
  photos: z.array(z.string()),
  quoteFen: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  reopenCount: z.number().int(),
  duplicateOf: Id.nullable(),
  heldFrom: TicketStatus.nullable(),
  clocks: z.array(SlaClock),
  events: z.array(TicketEventView),
  /** What the caller may do now: the buttons to show. */
  allowedActions: z.array(TicketActionType),
  duplicates: z.array(DuplicateHint),
})
export type Ticket = z.infer<typeof Ticket>

export const TicketListQuery = PageQuery.extend({
  communityId: Id.optional(),
  status: z
    .union([TicketStatus, z.array(TicketStatus)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  kind: TicketKind.optional(),
  categoryId: Id.optional(),
  /** Only tickets with a breached running clock. */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Only tickets assigned to me. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Only tickets flagged for quality review (reopened, or closed on a dissatisfied score). */
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Only unassigned tickets waiting in the pool. */
  pool: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(50).optional(),
})
export type TicketListQuery = z.input<typeof TicketListQuery>

export const TicketCategory = z.object({
  id: Id,
  parentId: Id.nullable(),
  code: z.string(),
  name: z.string(),
  /** The kinds this category is offered for. */
  kinds: z.array(TicketKind),
  active: z.boolean(),
  sort: z.number().int(),
})
export type TicketCategory = z.infer<typeof TicketCategory>

export const TicketCategoryInput = z.object({
  parentId: Id.nullable().default(null),
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'validation.code'),
  name: z.string().trim().min(1).max(50),
  kinds: z.array(TicketKind).min(1).max(TICKET_KINDS.length),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(0),
})
export type TicketCategoryInput = z.input<typeof TicketCategoryInput>

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 60)
export const SlaPolicyInput = z.object({
  /** null: the company default for every community. */
  communityId: Id.nullable().default(null),
  /** null: every category. */
  categoryId: Id.nullable().default(null),
  priority: TicketPriority,
  responseMinutes: Minutes,
  /** null: no on-site promise (consultations, suggestions). */
  arrivalMinutes: Minutes.nullable().default(null),
  resolutionMinutes: Minutes,
  clockMode: z.enum(['calendar', 'business']).default('calendar'),
})
export type SlaPolicyInput = z.input<typeof SlaPolicyInput>
export const SlaPolicy = SlaPolicyInput.extend({
  id: Id,
  communityId: Id.nullable(),
  categoryId: Id.nullable(),
  arrivalMinutes: z.number().int().nullable(),
  clockMode: z.enum(['calendar', 'business']),
})
export type SlaPolicy = z.infer<typeof SlaPolicy>

/** Who is told at each level when a clock breaches, counted from the breach. */
export const EscalationStep = z.object({
  level: z.number().int().min(1).max(5),
  afterMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30),
  /** The org unit above the community to notify: its project, its city company, or the group. */
  orgLevel: z.enum(['project', 'city', 'group']),
})
export type EscalationStep = z.infer<typeof EscalationStep>

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'validation.time')
export const TicketSettings = z.object({
  /** Business hours for policies measured in business time. */
  businessDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5, 6, 7]),
  businessStart: HHMM.default('08:30'),
  businessEnd: HHMM.default('17:30'),
  holidays: z.array(z.iso.date()).max(400).default([]),
  workdays: z.array(z.iso.date()).max(400).default([]),
  /** Warn when this share of a target (in percent) is used. */
  warningPercent: z.number().int().min(1).max(99).default(80),
  /** A rating of 1–2 reopens the ticket (true) or closes it flagged for the manager (false). */
  reopenOnLowRating: z.boolean().default(true),
  /** Assign new tickets round-robin to the community's technicians. */
  autoDispatch: z.boolean().default(false),
  /** Same spot and category within this many hours is offered for merging. */
  duplicateWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  escalation: z
    .array(EscalationStep)
    .max(5)
    .default([
      { level: 1, afterMinutes: 0, orgLevel: 'project' },
      { level: 2, afterMinutes: 120, orgLevel: 'city' },
      { level: 3, afterMinutes: 480, orgLevel: 'group' },
    ]),
})
export type TicketSettings = z.infer<typeof TicketSettings>
export type TicketSettingsInput = z.input<typeof TicketSettings>

export const Assignee = z.object({
  id: Id,
  name: z.string(),
  /** Tickets assigned and not yet resolved. */
  openTickets: z.number().int(),
})
export type Assignee = z.infer<typeof Assignee>

export const InboxItem = z.object({
  id: Id,
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  ticketId: Id.nullable(),
  readAt: z.string().nullable(),
})
export type InboxItem = z.infer<typeof InboxItem>

export const ReportQuery = z.object({
  communityId: Id,
  /** Omitted: the current month in the community's time zone. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.month')
    .optional(),
})
export type ReportQuery = z.infer<typeof ReportQuery>

/** Timeliness of one clock: of the tickets whose clock stopped (or breached), how many on time. */
export const Timeliness = z.object({
  measured: z.number().int(),
  onTime: z.number().int(),
  /** Per mille, rounded down; null when nothing was measured. */
  ratePermille: z.number().int().nullable(),
  avgMinutes: z.number().int().nullable(),
  p90Minutes: z.number().int().nullable(),
})
export type Timeliness = z.infer<typeof Timeliness>

export const ReportRow = z.object({
  created: z.number().int(),
  closed: z.number().int(),
  cancelled: z.number().int(),
  response: Timeliness,
  arrival: Timeliness,
  resolution: Timeliness,
  ratings: z.number().int(),
  /** Sum of ratings; the average is ratingSum / ratings. */
  ratingSum: z.number().int(),
  /** Ratings of 4 or 5. */
  satisfied: z.number().int(),
  reopened: z.number().int(),
})
export type ReportRow = z.infer<typeof ReportRow>

export const TicketReport = z.object({
  communityId: Id,
  communityName: z.string(),
  month: z.string(),
  households: z.number().int(),
  total: ReportRow,
  byKind: z.array(ReportRow.extend({ kind: TicketKind })),
  byCategory: z.array(ReportRow.extend({ categoryId: Id, categoryName: z.string() })),
  /** Complaints per 1,000 households, to two decimals, as a string (exact). */
  complaintsPerThousand: z.string(),
  /** When the rollup row was last computed. */
  computedAt: z.string().nullable(),
})
export type TicketReport = z.infer<typeof TicketReport>
