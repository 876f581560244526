import type {
  Assignee,
  InboxItem,
  Page,
  SlaPolicy,
  SlaPolicyInput,
  Ticket,
  TicketActionInput,
  TicketActionType,
  TicketCategory,
  TicketCategoryInput,
  TicketInput,
  TicketKind,
  TicketReport,
  TicketSettings,
  TicketSettingsInput,
  TicketStatus,
  TicketSummary,
} from '@meihao/contracts'
import { api } from './client'

export const TICKET_PAGE_SIZE = 50

/** The filters of the ticket board; every one optional. */
export interface TicketQuery {
  communityId?: string | null
  status?: readonly TicketStatus[]
  kind?: TicketKind | null
  categoryId?: string | null
  /** Only tickets with a breached running clock. */
  overdue?: boolean
  /** Only tickets assigned to the caller. */
  mine?: boolean
  /** Only accepted tickets waiting in the pool for a technician. */
  pool?: boolean
  /** Only tickets flagged for quality review. */
  flagged?: boolean
  q?: string | null
  cursor?: string | null
  limit?: number
}

/** The action input of one type (assign → {type, assigneeId, note?}). */
export type ActionInputOf<A extends TicketActionType> = Extract<TicketActionInput, { type: A }>

/** A photo event or ticket photo, by its id (sha256): same-origin, so the session cookie comes along. */
export const ticketPhotoUrl = (ticketId: string, photo: string) =>
  `/api/v1/tickets/${encodeURIComponent(ticketId)}/photos/${encodeURIComponent(photo)}`

const path = (id: string) => `/api/v1/tickets/${encodeURIComponent(id)}`

export const listTickets = ({ overdue, mine, pool, flagged, status, ...rest }: TicketQuery) =>
  api.get<Page<TicketSummary>>('/api/v1/tickets', {
    limit: TICKET_PAGE_SIZE,
    ...rest,
    status: status ?? [],
    // The server reads "true"; leaving a false flag out keeps the address short.
    overdue: overdue || undefined,
    mine: mine || undefined,
    pool: pool || undefined,
    flagged: flagged || undefined,
  })

/**
 * 登记工单 (phone, walk-in, patrol). The Idempotency-Key makes a retried submission (a timeout, a double
 * click) create the ticket once; the server answers the first ticket again.
 */
export const createTicket = (input: TicketInput, idempotencyKey: string) =>
  api.post<Ticket>('/api/v1/tickets', input, undefined, { 'Idempotency-Key': idempotencyKey })

export const getTicket = (id: string) => api.get<Ticket>(path(id))

export const runTicketAction = (id: string, input: TicketActionInput) =>
  api.post<Ticket>(`${path(id)}/actions`, input)

/** The technicians who may take tickets in that community, with how many they have open. */
export const listAssignees = (communityId: string) =>
  api.get<Assignee[]>('/api/v1/tickets/assignees', { communityId })

export const listCategories = () => api.get<TicketCategory[]>('/api/v1/ticket-categories')

export const createCategory = (input: TicketCategoryInput) =>
  api.post<TicketCategory>('/api/v1/ticket-categories', input)

export const updateCategory = (id: string, input: Partial<TicketCategoryInput>) =>
  api.patch<TicketCategory>(`/api/v1/ticket-categories/${encodeURIComponent(id)}`, input)

let sharedCategories: { at: number; promise: Promise<TicketCategory[]> } | null = null

/** listCategories shared by the pickers of one screen for a minute. */
export function cachedCategories(): Promise<TicketCategory[]> {
  const now = Date.now()
  if (!sharedCategories || now - sharedCategories.at > 60_000) {
    const promise = listCategories()
    promise.catch(() => {
      if (sharedCategories?.promise === promise) sharedCategories = null
    })
    sharedCategories = { at: now, promise }
  }
  return sharedCategories.promise
}

/** After an edit of the tree, the next picker asks again. */
export function forgetCategories() {
  sharedCategories = null
}

export const listSlaPolicies = (communityId?: string | null) =>
  api.get<SlaPolicy[]>('/api/v1/sla-policies', { communityId })

/** Creates or replaces the policy of that community × category × priority. */
export const saveSlaPolicy = (input: SlaPolicyInput) => api.post<SlaPolicy>('/api/v1/sla-policies', input)

export const deleteSlaPolicy = (id: string) =>
  api.delete<{ ok: true }>(`/api/v1/sla-policies/${encodeURIComponent(id)}`)

const settingsPath = (communityId: string) =>
  `/api/v1/communities/${encodeURIComponent(communityId)}/ticket-settings`

export const getTicketSettings = (communityId: string) => api.get<TicketSettings>(settingsPath(communityId))

export const saveTicketSettings = (communityId: string, settings: TicketSettingsInput) =>
  api.put<TicketSettings>(settingsPath(communityId), settings)

export const getTicketReport = (communityId: string, month?: string) =>
  api.get<TicketReport>('/api/v1/ticket-reports', { communityId, month })

export const listInbox = () => api.get<InboxItem[]>('/api/v1/inbox')

export const inboxUnreadCount = () => api.get<{ count: number }>('/api/v1/inbox/unread-count')

export const markInboxRead = (id: string) =>
  api.post<{ ok: true }>(`/api/v1/inbox/${encodeURIComponent(id)}/read`)
