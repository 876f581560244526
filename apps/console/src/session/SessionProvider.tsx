import type { Me, Permission } from '@meihao/contracts'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { fetchMe, logout as logoutCall } from '../api/auth'
import { ApiError, onUnauthenticated, setCsrfToken } from '../api/client'

export interface Session {
  /** undefined while the first /me is in flight, null when signed out. */
  me: Me | null | undefined
  /** An error other than "not signed in" met while loading /me. */
  error: unknown
  refresh: () => Promise<Me | null>
  logout: () => Promise<void>
  can: (permission: Permission) => boolean
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined)
  const [error, setError] = useState<unknown>(null)

  const refresh = useCallback(async () => {
    try {
      const next = await fetchMe()
      setMe(next)
      setError(null)
      return next
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setCsrfToken(null)
        setMe(null)
        setError(null)
        return null
      }
      setMe(null)
      setError(e)
      throw e
    }
  }, [])

  const logout = useCallback(async () => {
    try {
      await logoutCall()
    } finally {
      setCsrfToken(null)
      setMe(null)
    }
  }, [])

  useEffect(() => {
    onUnauthenticated(() => {
      setCsrfToken(null)
      setMe(null)
    })
    refresh().catch(() => undefined)
    return () => onUnauthenticated(null)
  }, [refresh])

  const value = useMemo<Session>(() => {
    const granted = new Set<Permission>(me?.permissions ?? [])
    return { me, error, refresh, logout, can: (p) => granted.has(p) }
  }, [me, error, refresh, logout])

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession outside SessionProvider')
  return value
}

/** The signed-in caller; only for components rendered behind RequireSession. */
export function useMe(): Me {
  const { me } = useSession()
  if (!me) throw new Error('useMe without a session')
  return me
}
