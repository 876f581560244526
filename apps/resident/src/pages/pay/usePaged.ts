import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api/client'

export type PagedState<T> =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; items: T[]; nextCursor: string | null }

/**
 * A list read a page at a time by cursor (my bills, my messages), started over when `key` changes (the
 * company, a filter). `reload` starts over (pull to refresh); `loadMore` appends the next page and throws
 * on failure, so InfiniteScroll can offer a retry; `update` replaces one item (a message marked read).
 */
export function usePaged<T extends { id: string }>(
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
  key: string | null,
) {
  const [state, setState] = useState<PagedState<T>>({ status: 'loading' })
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  // Answers for an older reload (another filter, another company) are dropped.
  const generation = useRef(0)
  const stateRef = useRef(state)
  stateRef.current = state

  const reload = useCallback(async () => {
    const mine = ++generation.current
    try {
      const page = await fetchRef.current(null)
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
    const page = await fetchRef.current(current.nextCursor)
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

  const update = useCallback((item: T) => {
    setState((s) =>
      s.status === 'ready' ? { ...s, items: s.items.map((old) => (old.id === item.id ? item : old)) } : s,
    )
  }, [])

  useEffect(() => {
    setState({ status: 'loading' })
    if (key !== null) void reload()
  }, [reload, key])

  return { state, reload, loadMore, update }
}
