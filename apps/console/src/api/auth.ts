import type { Me } from '@meihao/contracts'
import { api, fetchMe } from './client'

export type Membership = Me['memberships'][number]

export { fetchMe }

export const login = (phone: string, password: string) =>
  api.post<{ ok: true }>('/api/v1/auth/login', { phone, password })

export const logout = () => api.post<{ ok: true }>('/api/v1/auth/logout')

export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<{ ok: true }>('/api/v1/auth/password', { currentPassword, newPassword })

export const switchContext = (target: Pick<Membership, 'kind' | 'id'>) =>
  api.post<{ ok: true }>('/api/v1/auth/switch', { kind: target.kind, id: target.id })
