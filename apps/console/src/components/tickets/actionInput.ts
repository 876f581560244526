import type { PhotoInput, Ticket, TicketActionInput, TicketActionType } from '@meihao/contracts'
import { yuanToFen } from '../../i18n/format'

type Need = 'required' | 'optional'

/** What one action asks for in its dialog: exactly the fields the contract takes. */
export interface ActionFields {
  note?: Need
  reason?: Need
  assignee?: boolean
  amount?: boolean
  photos?: boolean
  satisfaction?: boolean
  rating?: boolean
  comment?: boolean
  duplicate?: boolean
}

export const ACTION_FIELDS: Record<TicketActionType, ActionFields> = {
  accept: { note: 'optional' },
  assign: { assignee: true, note: 'optional' },
  grab: { note: 'optional' },
  transfer: { assignee: true, reason: 'optional' },
  return_to_pool: { reason: 'optional' },
  start: { note: 'optional', photos: true },
  hold: { reason: 'required', note: 'optional' },
  resume: { note: 'optional' },
  quote: { amount: true, note: 'optional' },
  accept_quote: { note: 'optional' },
  decline_quote: { reason: 'optional' },
  resolve: { note: 'required', photos: true },
  reject_fix: { reason: 'required', photos: true },
  verify: { note: 'optional', photos: true },
  follow_up: { satisfaction: true, note: 'optional' },
  rate: { rating: true, comment: true },
  reopen: { reason: 'required', photos: true },
  cancel: { reason: 'required' },
  cancel_duplicate: { duplicate: true, note: 'optional' },
}

export interface ActionValues {
  note?: string
  reason?: string
  assigneeId?: string
  /** Yuan as typed; read into integer fen. */
  amount?: string
  photos?: PhotoInput[]
  satisfaction?: number
  rating?: number
  comment?: string
  duplicateOf?: string
}

const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined)

/** The dialog's values as the action the server takes (the form has checked the required ones). */
export function toActionInput(type: TicketActionType, v: ActionValues): TicketActionInput {
  const note = text(v.note)
  const reason = text(v.reason)
  const photos = v.photos ?? []
  switch (type) {
    case 'accept':
    case 'grab':
    case 'resume':
    case 'accept_quote':
      return { type, note }
    case 'assign':
      return { type, assigneeId: v.assigneeId ?? '', note }
    case 'transfer':
      return { type, assigneeId: v.assigneeId ?? '', reason }
    case 'return_to_pool':
    case 'decline_quote':
      return { type, reason }
    case 'start':
    case 'verify':
      return { type, note, photos }
    case 'hold':
      return { type, reason: reason ?? '', note }
    case 'quote':
      return { type, amountFen: yuanToFen(v.amount) ?? 0, note }
    case 'resolve':
      return { type, note: note ?? '', photos }
    case 'reject_fix':
      return { type, reason: reason ?? '', photos }
    case 'follow_up':
      return { type, satisfaction: v.satisfaction || undefined, note }
    case 'rate':
      return { type, rating: v.rating ?? 0, comment: text(v.comment) }
    case 'reopen':
      return { type, reason: reason ?? '', photos }
    case 'cancel':
      return { type, reason: reason ?? '' }
    case 'cancel_duplicate':
      return { type, duplicateOf: v.duplicateOf ?? '', note }
  }
}

/** The largest quote the server takes: 1,000,000 yuan. */
export const MAX_QUOTE_FEN = 100_000_000

/** Whether the ticket offers this action now (the server's allowedActions decide the buttons). */
export const offers = (ticket: Pick<Ticket, 'allowedActions'>, type: TicketActionType) =>
  ticket.allowedActions.includes(type)
