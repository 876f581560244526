import { useCallback, useEffect, useState } from 'react'
import * as endpoints from '../../api/endpoints'

/** Counted up to this many; more shows as "99+". */
export const UNREAD_COUNTED = 99

/** How many of my messages are unread (null until known; a failure just shows no badge). */
export function useUnreadMessages(contextId: string | null | undefined) {
  const [unread, setUnread] = useState<{ count: number; more: boolean } | null>(null)

  const reload = useCallback(async () => {
    try {
      const page = await endpoints.fetchMyMessages(null, UNREAD_COUNTED, true)
      setUnread({ count: page.items.length, more: page.nextCursor !== null })
    } catch {
      setUnread(null)
    }
  }, [])

  useEffect(() => {
    if (contextId) void reload()
  }, [reload, contextId])

  return { unread, reload }
}
