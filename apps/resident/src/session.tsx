import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { ApiError, errorMessage, setUnauthenticatedHandler } from './api/client'
import * as endpoints from './api/endpoints'
import type { Me, Membership } from './api/types'

export type SessionState =
  | { status: 'loading' }
  /** `signedOut`: the caller chose to leave (no return path); otherwise not signed in or expired. */
  | { status: 'anonymous'; signedOut?: boolean }
  | { status: 'failed'; message: string }
  | { status: 'ready'; me: Me }

interface Session {
  state: SessionState
  /** Reloads the caller (after a password change or a company switch). */
  refresh(): Promise<void>
  signIn(phone: string, password: string): Promise<void>
  signOut(): Promise<void>
  switchTo(membership: Membership): Promise<void>
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })

  const refresh = useCallback(async () => {
    try {
      const me = await endpoints.fetchMe()
      setState({ status: 'ready', me })
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'anonymous' })
      else setState({ status: 'failed', message: errorMessage(error) })
    }
  }, [])

  useEffect(() => {
    void refresh()
    setUnauthenticatedHandler(() => setState({ status: 'anonymous' }))
    return () => setUnauthenticatedHandler(null)
  }, [refresh])

  const signIn = useCallback(async (phone: string, password: string) => {
    await endpoints.login({ phone, password })
    const me = await endpoints.fetchMe()
    setState({ status: 'ready', me })
  }, [])

  const signOut = useCallback(async () => {
    try {
      await endpoints.logout()
    } catch (error) {
      // An expired session is signed out already; anything else is worth telling.
      if (!(error instanceof ApiError && error.status === 401)) throw error
    }
    setState({ status: 'anonymous', signedOut: true })
  }, [])

  const switchTo = useCallback(
    async (membership: Membership) => {
      await endpoints.switchContext({ kind: membership.kind, id: membership.id })
      await refresh()
    },
    [refresh],
  )

  const value = useMemo(
    () => ({ state, refresh, signIn, signOut, switchTo }),
    [state, refresh, signIn, signOut, switchTo],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionProvider')
  return session
}

/** The signed-in caller; only for pages rendered behind the sign-in gate. */
export function useMe(): Me {
  const { state } = useSession()
  if (state.status !== 'ready') throw new Error('useMe without a session')
  return state.me
}
