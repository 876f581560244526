import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../api/client'

const SEARCH_DELAY_MS = 300

/**
 * Search as one types: `search(q)` asks `find` a moment after the last keystroke; answers of older searches
 * (and of before `reset`) are dropped. `failure` is the last search's error message.
 */
export function useTypeahead<T>(find: (q: string | undefined) => Promise<T[]>) {
  const [items, setItems] = useState<T[]>([])
  const [loading, setLoading] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const run = useRef(0)

  useEffect(() => () => clearTimeout(timer.current), [])

  /** A search for `q`; none (only the pending one called off) when `enabled` is false. */
  const search = (q: string, enabled = true) => {
    clearTimeout(timer.current)
    if (!enabled) return
    timer.current = setTimeout(async () => {
      const id = ++run.current
      setLoading(true)
      setFailure(null)
      try {
        const found = await find(q.trim() || undefined)
        if (id === run.current) setItems(found)
      } catch (e) {
        if (id === run.current) setFailure(errorMessage(e))
      } finally {
        if (id === run.current) setLoading(false)
      }
    }, SEARCH_DELAY_MS)
  }

  /** Forgets the items; a search still running answers to no one. */
  const reset = () => {
    run.current++
    setItems([])
  }

  return { items, loading, failure, search, reset }
}
