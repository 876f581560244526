import { useState } from 'react'

/** A retry button's spinner: `retrying` while `reload` runs. */
export function useRetry(reload: () => Promise<void>) {
  const [retrying, setRetrying] = useState(false)
  const retry = async () => {
    setRetrying(true)
    await reload()
    setRetrying(false)
  }
  return { retrying, retry }
}
