import { useEffect } from 'react'
import { useSearchParams } from 'react-router-dom'
import { cachedCommunities } from '../../api/estate'

/**
 * The filters of a billing page, kept in the address (`?community=…&period=…`) so a reload or a shared
 * link shows the same; `update` replaces the given ones (null removes one).
 */
export function useBillingParams() {
  const [params, setParams] = useSearchParams()
  const update = (changes: Record<string, string | null | undefined>) => {
    const merged = new URLSearchParams(params)
    for (const [name, value] of Object.entries(changes)) {
      if (value) merged.set(name, value)
      else merged.delete(name)
    }
    setParams(merged, { replace: true })
  }
  return { params, communityId: params.get('community'), update }
}

/**
 * Picks the community for the caller who can see only one (most cashiers and accountants): the page opens
 * on it instead of asking. Nothing happens when one is chosen already or there are several.
 */
export function useOnlyCommunity(communityId: string | null, choose: (id: string) => void) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per page, while nothing is chosen
  useEffect(() => {
    if (communityId) return
    let live = true
    cachedCommunities().then(
      (all) => {
        if (live && all.length === 1 && all[0]) choose(all[0].id)
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [communityId])
}
