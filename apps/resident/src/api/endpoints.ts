import { api } from './client'
import type {
  Apportionment,
  BallotReceipt,
  BillingReceipt,
  BillPage,
  BillStatus,
  ChangePasswordRequest,
  Disclosure,
  DisclosureType,
  FundAccountDetail,
  FundProject,
  FundSummary,
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
  PublicCommunityPage,
  ReceiptCheck,
  RevenueLedger,
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

// ── disclosure (公示), public revenue (公共收益) and the maintenance fund (维修资金) ──
const inCommunity = (communityId: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({ communityId, ...extra })
const disclosurePath = (id: string) => `/api/v1/my/disclosures/${encodeURIComponent(id)}`
/** The published items of one of my communities, newest first; `type` narrows to one kind. */
export const fetchMyDisclosures = (communityId: string, type?: DisclosureType) =>
  api.get<Disclosure[]>(`/api/v1/my/disclosures?${inCommunity(communityId, type ? { type } : {})}`)
/** One item (a superseded version too), with the other versions of its series. */
export const fetchMyDisclosure = (id: string) => api.get<Disclosure>(disclosurePath(id))
/** Not fetched by the app: the href of an attachment (same origin, so the session cookie goes along). */
export const myRevenueEvidenceUrl = (entryId: string, sha256: string) =>
  `/api/v1/my/public-revenue/${encodeURIComponent(entryId)}/evidence/${encodeURIComponent(sha256)}`
export const myDisclosureAttachmentUrl = (id: string, sha256: string) =>
  `${disclosurePath(id)}/attachments/${encodeURIComponent(sha256)}`
export const fetchMyPublicRevenue = (communityId: string) =>
  api.get<RevenueLedger>(`/api/v1/my/public-revenue?${inCommunity(communityId)}`)
export const fetchMyFund = (communityId: string) =>
  api.get<FundSummary>(`/api/v1/my/fund?${inCommunity(communityId)}`)
/** The sub-accounts (分户账) of the units I own, with their movements, of every community. */
export const fetchMyFundAccounts = () => api.get<FundAccountDetail[]>('/api/v1/my/fund/accounts')
/** Settled projects only: what the fund has paid for. */
export const fetchMyFundProjects = (communityId: string) =>
  api.get<FundProject[]>(`/api/v1/my/fund/projects?${inCommunity(communityId)}`)
export const fetchMyFundProject = (id: string) =>
  api.get<Apportionment>(`/api/v1/my/fund/projects/${encodeURIComponent(id)}`)

// ── the public notice board: no session needed ──
const publicPath = (tenantId: string, token: string) =>
  `/api/v1/public/disclosures/${encodeURIComponent(tenantId)}/${encodeURIComponent(token)}`
export const fetchPublicBoard = (tenantId: string, token: string) =>
  api.get<PublicCommunityPage>(publicPath(tenantId, token))
export const publicAttachmentUrl = (tenantId: string, token: string, id: string, sha256: string) =>
  `${publicPath(tenantId, token)}/items/${encodeURIComponent(id)}/attachments/${encodeURIComponent(sha256)}`
