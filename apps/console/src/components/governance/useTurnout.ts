import type { Decision, Turnout } from '@meihao/contracts'
import { useEffect, useState } from 'react'
import { getTurnout } from '../../api/governance'
import { type AsyncState, useAsync } from '../../hooks/useAsync'

export const TURNOUT_REFRESH_MS = 10_000

/**
 * Turnout of a decision once its roll is frozen, refreshed every 10 s while voting is open.
 * `updatedAt` is when the shown figures arrived.
 */
export function useTurnout(decision: Decision | undefined): AsyncState<Turnout> & {
  live: boolean
  updatedAt: Date | null
} {
  const id = decision?.id ?? ''
  const frozen = Boolean(decision?.roll)
  const live = decision?.status === 'open'
  const state = useAsync(() => getTurnout(id), [id, decision?.status], frozen)
  const { reload, data } = state
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null)

  useEffect(() => {
    if (!live) return
    const timer = setInterval(reload, TURNOUT_REFRESH_MS)
    return () => clearInterval(timer)
  }, [live, reload])

  useEffect(() => setUpdatedAt(data ? new Date() : null), [data])

  return { ...state, live, updatedAt }
}
