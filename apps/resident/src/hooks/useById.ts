import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../api/client'

export type ByIdState<T> =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; value: T }

/**
 * One record by id (a request, a decision), loaded again when the id changes. `reload` keeps the page on
 * screen while it refreshes; `show` takes a newer copy (an action's answer). Answers for an id no longer
 * shown are dropped. `fetch` must be a stable function (an endpoint).
 */
export function useById<T extends { id: string }>(id: string, fetch: (id: string) => Promise<T>) {
  const [state, setState] = useState<ByIdState<T>>({ status: 'loading' })
  const current = useRef(id)
  current.current = id

  const reload = useCallback(async () => {
    try {
      const value = await fetch(id)
      if (current.current === id) setState({ status: 'ready', value })
    } catch (error) {
      if (current.current === id) setState({ status: 'failed', message: errorMessage(error) })
    }
  }, [id, fetch])

  useEffect(() => {
    setState({ status: 'loading' })
    void reload()
  }, [reload])

  const show = useCallback((value: T) => {
    if (value.id === current.current) setState({ status: 'ready', value })
  }, [])

  return { state, reload, show }
}
