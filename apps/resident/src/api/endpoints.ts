import { api } from './client'
import type {
  BallotReceipt,
  BillingReceipt,
  BillPage,
  BillStatus,
  ChangePasswordRequest,
  LoginRequest,
  Me,
  Membership,
  MyAccount,
  MyDecision,
  MyTicketAction,
  MyTicketRequest,
  MyUnit,
  Ok,
  OnlineBallotRequest,
  OtpSent,
  OwnerMessage,
  OwnerMessagePage,
  PaymentOrder,
  PaymentOrderRequest,
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

// ── billing (缴费) ──
export const fetchMyBilling = () => api.get<MyAccount[]>('/api/v1/me/billing')
export const fetchMyBills = (
  filter: { unitId?: string; status?: BillStatus },
  cursor: string | null,
  limit: number,
) => {
  const query = new URLSearchParams({ limit: String(limit) })
  if (filter.unitId) query.set('unitId', filter.unitId)
  if (filter.status) query.set('status', filter.status)
  if (cursor) query.set('cursor', cursor)
  return api.get<BillPage>(`/api/v1/me/bills?${query}`)
}
const orderPath = (id: string) => `/api/v1/me/payment-orders/${encodeURIComponent(id)}`
/** `idempotencyKey` is made per tap: a retried request gets the first answer, not a second order. */
export const createPaymentOrder = (body: PaymentOrderRequest, idempotencyKey: string) =>
  api.post<PaymentOrder>('/api/v1/me/payment-orders', body, {
    headers: { 'Idempotency-Key': idempotencyKey },
  })
export const fetchPaymentOrder = (id: string) => api.get<PaymentOrder>(orderPath(id))
/** Sandbox deployments only: stands in for the provider's cashier; answers the order, paid. */
export const payInSandbox = (id: string) => api.post<PaymentOrder>(`${orderPath(id)}/sandbox-pay`)
const billingReceiptPath = (id: string) => `/api/v1/me/receipts/${encodeURIComponent(id)}`
export const fetchMyReceipts = (limit: number, unitId?: string) => {
  const query = new URLSearchParams({ limit: String(limit) })
  if (unitId) query.set('unitId', unitId)
  return api.get<BillingReceipt[]>(`/api/v1/me/receipts?${query}`)
}
export const fetchMyReceipt = (id: string) => api.get<BillingReceipt>(billingReceiptPath(id))
/** Not fetched by the app: the href of the receipt's PDF (same origin, so the session cookie goes along). */
export const myReceiptPdfUrl = (id: string) => `${billingReceiptPath(id)}/pdf`
export const fetchMyMessages = (cursor: string | null, limit: number, unreadOnly = false) => {
  const query = new URLSearchParams({ limit: String(limit) })
  if (unreadOnly) query.set('unread', 'true')
  if (cursor) query.set('cursor', cursor)
  return api.get<OwnerMessagePage>(`/api/v1/me/messages?${query}`)
}
export const markMyMessageRead = (id: string) =>
  api.post<OwnerMessage>(`/api/v1/me/messages/${encodeURIComponent(id)}/read`)
