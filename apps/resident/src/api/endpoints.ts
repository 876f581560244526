import { api } from './client'
import type {
  BallotReceipt,
  ChangePasswordRequest,
  LoginRequest,
  Me,
  Membership,
  MyDecision,
  MyTicketAction,
  MyTicketRequest,
  MyUnit,
  Ok,
  OnlineBallotRequest,
  OtpSent,
  ReceiptCheck,
  Ticket,
  TicketCategory,
  TicketPage,
  Turnout,
} from './types'

export const login = (body: LoginRequest) => api.post<Ok>('/api/v1/auth/login', body)
export const logout = () => api.post<Ok>('/api/v1/auth/logout')
export const fetchMe = () => api.get<Me>('/api/v1/auth/me')
export const changePassword = (body: ChangePasswordRequest) => api.post<Ok>('/api/v1/auth/password', body)
export const switchContext = (target: Pick<Membership, 'kind' | 'id'>) =>
  api.post<Ok>('/api/v1/auth/switch', target)
export const fetchMyUnits = () => api.get<MyUnit[]>('/api/v1/me/units')

const decisionPath = (id: string) => `/api/v1/my/decisions/${encodeURIComponent(id)}`
export const fetchMyDecisions = () => api.get<MyDecision[]>('/api/v1/my/decisions')
export const fetchMyDecision = (id: string) => api.get<MyDecision>(decisionPath(id))
export const requestVoteCode = (id: string) => api.post<OtpSent>(`${decisionPath(id)}/code`)
export const castBallot = (id: string, body: OnlineBallotRequest) =>
  api.post<BallotReceipt>(`${decisionPath(id)}/ballots`, body)
export const fetchTurnout = (id: string) => api.get<Turnout>(`${decisionPath(id)}/turnout`)
export const checkReceipt = (id: string, hash: string) =>
  api.get<ReceiptCheck>(`${decisionPath(id)}/receipts/${encodeURIComponent(hash)}`)
/** Not fetched by the app: the href of a download link (same origin, so the session cookie goes along). */
export const decisionExportUrl = (id: string) => `${decisionPath(id)}/export`

const ticketPath = (id: string) => `/api/v1/my/tickets/${encodeURIComponent(id)}`
export const fetchTicketCategories = () => api.get<TicketCategory[]>('/api/v1/my/ticket-categories')
/** `idempotencyKey` is made once per form: a retried submit gets the first answer, not a second ticket. */
export const createMyTicket = (body: MyTicketRequest, idempotencyKey: string) =>
  api.post<Ticket>('/api/v1/my/tickets', body, { headers: { 'Idempotency-Key': idempotencyKey } })
export const fetchMyTickets = (cursor: string | null, limit: number) => {
  const query = new URLSearchParams({ limit: String(limit) })
  if (cursor) query.set('cursor', cursor)
  return api.get<TicketPage>(`/api/v1/my/tickets?${query}`)
}
export const fetchMyTicket = (id: string) => api.get<Ticket>(ticketPath(id))
export const actOnMyTicket = (id: string, action: MyTicketAction) =>
  api.post<Ticket>(`${ticketPath(id)}/actions`, action)
/** Not fetched by the app: the src of an <img> (same origin, so the session cookie goes along). */
export const myTicketPhotoUrl = (id: string, photo: string) =>
  `${ticketPath(id)}/photos/${encodeURIComponent(photo)}`
