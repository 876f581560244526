import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import type { Ticket } from '../../api/types'

export type TicketState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; ticket: Ticket }

/** One of my requests; `reload` keeps the page on screen while it refreshes, `show` takes an action's answer. */
export function useTicket(id: string) {
  const [state, setState] = useState<TicketState>({ status: 'loading' })
  const current = useRef(id)
  current.current = id

  const reload = useCallback(async () => {
    try {
      const ticket = await endpoints.fetchMyTicket(id)
      if (current.current === id) setState({ status: 'ready', ticket })
    } catch (error) {
      if (current.current === id) setState({ status: 'failed', message: errorMessage(error) })
    }
  }, [id])

  useEffect(() => {
    setState({ status: 'loading' })
    void reload()
  }, [reload])

  const show = useCallback((ticket: Ticket) => {
    if (ticket.id === current.current) setState({ status: 'ready', ticket })
  }, [])

  return { state, reload, show }
}
