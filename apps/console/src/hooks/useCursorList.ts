import type { Page } from '@meihao/contracts'
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react'

export interface CursorList<T> {
  items: T[]
  hasMore: boolean
  loading: boolean
  loadingMore: boolean
  error: unknown
  loadMore: () => void
  reload: () => void
  replace: (item: T, same: (a: T, b: T) => boolean) => void
}

/** A cursor-paginated list: the first page when deps change, further pages on loadMore. */
export function useCursorList<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  deps: DependencyList,
  enabled = true,
): CursorList<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [generation, setGeneration] = useState(0)
  const run = useRef(0)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's, generation forces a reload
  useEffect(() => {
    const id = ++run.current
    setItems([])
    setCursor(null)
    setError(null)
    setLoadingMore(false)
    if (!enabled) {
      setLoading(false)
      return
    }
    setLoading(true)
    fetchRef.current(null).then(
      (page) => {
        if (id !== run.current) return
        setItems(page.items)
        setCursor(page.nextCursor)
        setLoading(false)
      },
      (e: unknown) => {
        if (id !== run.current) return
        setError(e)
        setLoading(false)
      },
    )
  }, [...deps, enabled, generation])

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return
    const id = run.current
    setLoadingMore(true)
    setError(null)
    fetchRef.current(cursor).then(
      (page) => {
        if (id !== run.current) return
        setItems((previous) => [...previous, ...page.items])
        setCursor(page.nextCursor)
        setLoadingMore(false)
      },
      (e: unknown) => {
        if (id !== run.current) return
        setError(e)
        setLoadingMore(false)
      },
    )
  }, [cursor, loadingMore])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  const replace = useCallback(
    (item: T, same: (a: T, b: T) => boolean) =>
      setItems((previous) => {
        const index = previous.findIndex((x) => same(x, item))
        return index < 0 ? [item, ...previous] : previous.map((x, i) => (i === index ? item : x))
      }),
    [],
  )

  return { items, hasMore: cursor !== null, loading, loadingMore, error, loadMore, reload, replace }
}
