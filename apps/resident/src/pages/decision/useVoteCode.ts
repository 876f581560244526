import { useCallback, useEffect, useState } from 'react'
import * as endpoints from '../../api/endpoints'
import type { OtpSent } from '../../api/types'

/** Seconds before another code may be asked for (the server allows five a minute). */
const RESEND_SECONDS = 60

/** Asking for the one-time code that confirms a ballot, with a resend countdown. */
export function useVoteCode(decisionId: string) {
  const [sent, setSent] = useState<OtpSent | null>(null)
  const [sending, setSending] = useState(false)
  const [wait, setWait] = useState(0)

  useEffect(() => {
    if (wait <= 0) return
    const timer = window.setTimeout(() => setWait((s) => s - 1), 1000)
    return () => window.clearTimeout(timer)
  }, [wait])

  /** Throws the API error for the caller to show. */
  const request = useCallback(async () => {
    setSending(true)
    try {
      setSent(await endpoints.requestVoteCode(decisionId))
      setWait(RESEND_SECONDS)
    } finally {
      setSending(false)
    }
  }, [decisionId])

  const reset = useCallback(() => {
    setSent(null)
    setWait(0)
  }, [])

  return { sent, sending, wait, request, reset }
}
