import { useCallback, useState } from 'react'

export interface ActionState {
  /** True while the action runs (for the button's spinner). */
  busy: boolean
  /** What the last run threw, for an ErrorAlert; cleared when a run starts. */
  error: unknown
  setError: (error: unknown) => void
  /** Runs `fn` once: its value, or undefined when it threw (the error is kept in `error`). */
  run: <T>(fn: () => Promise<T>) => Promise<T | undefined>
}

/** The busy flag and error of a user action (save, verify, download), in one place. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const run = useCallback(async <T>(fn: () => Promise<T>) => {
    setBusy(true)
    setError(null)
    try {
      return await fn()
    } catch (e) {
      setError(e)
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, setError, run }
}
