import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { TicketSummary } from '../../api/types'

const PAGE_SIZE = 20

export type MyTicketsState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; items: TicketSummary[]; nextCursor: string | null }

/**
 * 我的报修, newest first, a page at a time by cursor. `reload` starts over (pull to refresh);
 * `loadMore` appends the next page and throws on failure, so InfiniteScroll can offer a retry.
 */
export function useMyTickets(contextId: string | null | undefined) {
  const [state, setState] = useState<MyTicketsState>({ status: 'loading' })
  // Answers for an older reload (or another company) are dropped.
  const generation = useRef(0)
  const stateRef = useRef(state)
  stateRef.current = state

  const reload = useCallback(async () => {
    const mine = ++generation.current
    try {
      const page = await endpoints.fetchMyTickets(null, PAGE_SIZE)
      if (mine === generation.current)
        setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor })
    } catch (error) {
      if (mine === generation.current) setState({ status: 'failed', message: errorMessage(error) })
    }
  }, [])

  const loadMore = useCallback(async () => {
    const current = stateRef.current
    if (current.status !== 'ready' || current.nextCursor === null) return
    const mine = generation.current
    const page = await endpoints.fetchMyTickets(current.nextCursor, PAGE_SIZE)
    if (mine !== generation.current) return
    setState((s) => {
      if (s.status !== 'ready') return s
      const seen = new Set(s.items.map((item) => item.id))
      return {
        status: 'ready',
        items: [...s.items, ...page.items.filter((item) => !seen.has(item.id))],
        nextCursor: page.nextCursor,
      }
    })
  }, [])

  useEffect(() => {
    setState({ status: 'loading' })
    if (contextId) void reload()
  }, [reload, contextId])

  return { state, reload, loadMore }
}
