import { api } from './client'
import type {
  BallotReceipt,
  ChangePasswordRequest,
  LoginRequest,
  Me,
  Membership,
  MyDecision,
  MyUnit,
  Ok,
  OnlineBallotRequest,
  OtpSent,
  ReceiptCheck,
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
