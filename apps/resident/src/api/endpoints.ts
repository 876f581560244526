import { api } from './client'
import type { ChangePasswordRequest, LoginRequest, Me, Membership, MyUnit, Ok } from './types'

export const login = (body: LoginRequest) => api.post<Ok>('/api/v1/auth/login', body)
export const logout = () => api.post<Ok>('/api/v1/auth/logout')
export const fetchMe = () => api.get<Me>('/api/v1/auth/me')
export const changePassword = (body: ChangePasswordRequest) => api.post<Ok>('/api/v1/auth/password', body)
export const switchContext = (target: Pick<Membership, 'kind' | 'id'>) =>
  api.post<Ok>('/api/v1/auth/switch', target)
export const fetchMyUnits = () => api.get<MyUnit[]>('/api/v1/me/units')
