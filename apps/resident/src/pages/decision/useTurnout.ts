import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { Turnout } from '../../api/types'

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
