import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { MyDecision, Turnout } from '../../api/types'

export type DecisionState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; decision: MyDecision }

/** One decision of my community; `reload` keeps the page on screen while it refreshes. */
export function useDecision(id: string) {
  const [state, setState] = useState<DecisionState>({ status: 'loading' })
  const current = useRef(id)
  current.current = id

  const reload = useCallback(async () => {
    try {
      const decision = await endpoints.fetchMyDecision(id)
      if (current.current === id) setState({ status: 'ready', decision })
    } catch (error) {
      if (current.current === id) setState({ status: 'failed', message: errorMessage(error) })
    }
  }, [id])

  useEffect(() => {
    setState({ status: 'loading' })
    void reload()
  }, [reload])

  return { state, reload }
}

/** How often live turnout refreshes while voting is open. */
const TURNOUT_REFRESH_MS = 30_000

export interface TurnoutState {
  turnout: Turnout | null
  error: string | null
  updatedAt: Date | null
}

/** Live turnout of an open decision, refreshed every half minute while the page is visible. */
export function useTurnout(id: string, live: boolean) {
  const [state, setState] = useState<TurnoutState>({ turnout: null, error: null, updatedAt: null })

  const reload = useCallback(async () => {
    try {
      const turnout = await endpoints.fetchTurnout(id)
      setState({ turnout, error: null, updatedAt: new Date() })
    } catch (error) {
      setState((s) => ({ ...s, error: errorMessage(error) }))
    }
  }, [id])

  useEffect(() => {
    if (!live) return
    void reload()
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload()
    }, TURNOUT_REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [live, reload])

  return { ...state, reload }
}
