import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { TicketCategory } from '../../api/types'

export type CategoriesState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; categories: TicketCategory[] }

/** One load per company the session is in: the tab starts it, so the category step shows at once. */
const cache = new Map<string, Promise<TicketCategory[]>>()

export function loadTicketCategories(contextId: string): Promise<TicketCategory[]> {
  let pending = cache.get(contextId)
  if (!pending) {
    pending = endpoints.fetchTicketCategories()
    cache.set(contextId, pending)
    // A failure is not kept: the next visit (or retry) asks again.
    pending.catch(() => cache.delete(contextId))
  }
  return pending
}

export function useTicketCategories(contextId: string) {
  const [state, setState] = useState<CategoriesState>({ status: 'loading' })

  const load = useCallback(async () => {
    try {
      const categories = await loadTicketCategories(contextId)
      setState({ status: 'ready', categories })
    } catch (error) {
      setState({ status: 'failed', message: errorMessage(error) })
    }
  }, [contextId])

  useEffect(() => {
    setState({ status: 'loading' })
    void load()
  }, [load])

  const retry = useCallback(async () => {
    cache.delete(contextId)
    setState({ status: 'loading' })
    await load()
  }, [contextId, load])

  return { state, retry }
}
