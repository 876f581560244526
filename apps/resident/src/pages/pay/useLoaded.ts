import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api/client'

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; value: T }

/**
 * Something loaded for a screen (my accounts, my receipts), loaded again when `key` (the company the session
 * is in) changes. `reload` keeps what is shown while it refreshes; answers of an older load are dropped.
 */
export function useLoaded<T>(load: () => Promise<T>, key: string | null | undefined) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' })
  const loadRef = useRef(load)
  loadRef.current = load
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++generation.current
    try {
      const value = await loadRef.current()
      if (mine === generation.current) setState({ status: 'ready', value })
    } catch (error) {
      if (mine === generation.current) setState({ status: 'failed', message: errorMessage(error) })
    }
  }, [])

  useEffect(() => {
    setState({ status: 'loading' })
    if (key) void reload()
  }, [reload, key])

  return { state, reload }
}
