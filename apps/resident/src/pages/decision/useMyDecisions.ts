import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { MyDecision } from '../../api/types'

export type DecisionsState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; decisions: MyDecision[] }

/** The decisions of my communities, loaded again when the session enters another company. */
export function useMyDecisions(contextId: string | null | undefined) {
  const [decisions, setDecisions] = useState<DecisionsState>({ status: 'loading' })

  const reloadDecisions = useCallback(async () => {
    try {
      setDecisions({ status: 'ready', decisions: await endpoints.fetchMyDecisions() })
    } catch (error) {
      setDecisions({ status: 'failed', message: errorMessage(error) })
    }
  }, [])

  useEffect(() => {
    setDecisions({ status: 'loading' })
    if (contextId) void reloadDecisions()
  }, [reloadDecisions, contextId])

  return { decisions, reloadDecisions }
}
