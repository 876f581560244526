import { useCallback, useState } from 'react'
import { errorMessage } from '../api/client'

/** The busy flag and error message of something the owner does (rate, vote), in one place. */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  /** Runs `fn`: busy meanwhile, the error cleared first and set from what it throws. */
  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await fn()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, setError, run }
}
