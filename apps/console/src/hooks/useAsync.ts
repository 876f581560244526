import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react'

export interface AsyncState<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => void
  setData: (update: (previous: T | undefined) => T | undefined) => void
}

/** Runs `load` when deps change (and on reload); answers from stale runs are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList, enabled = true): AsyncState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(enabled)
  const [generation, setGeneration] = useState(0)
  const run = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const lastGeneration = useRef(generation)

  useEffect(() => {
    const id = ++run.current
    if (!enabled) {
      setLoading(false)
      return
    }
    // New inputs (not a reload): the old answer belongs to something else.
    if (lastGeneration.current === generation) setDataState(undefined)
    lastGeneration.current = generation
    setLoading(true)
    setError(null)
    loadRef.current().then(
      (value) => {
        if (id !== run.current) return
        setDataState(value)
        setLoading(false)
      },
      (e: unknown) => {
        if (id !== run.current) return
        setError(e)
        setLoading(false)
      },
    )
  }, [...deps, enabled, generation])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  const setData = useCallback(
    (update: (previous: T | undefined) => T | undefined) => setDataState(update),
    [],
  )
  return { data, error, loading, reload, setData }
}
