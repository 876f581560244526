import { useCallback, useEffect, useRef, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { errorMessage } from '../../api/client'
import * as endpoints from '../../api/endpoints'
import { useMe } from '../../session'
import type { Loaded } from '../pay/useLoaded'
import { type Community, communitiesOf, unitCommunityId } from './rules'

export interface MyCommunities {
  communities: Community[]
  /** Names of communities of my units whose id could not be found (see `communitiesOf`). */
  unresolved: string[]
  /** My units (owned or lived in), to mark mine in a project's shares. */
  unitIds: string[]
}

/**
 * The communities of my units. `GET /api/v1/me/units` names each unit's community; its id comes with the
 * unit when the server sends `communityId`, otherwise from my fund sub-accounts and my decisions.
 */
async function loadCommunities(): Promise<MyCommunities> {
  const units = await endpoints.fetchMyUnits()
  const complete = units.every((unit) => unitCommunityId(unit) !== null)
  const [accounts, decisions] = complete
    ? [[], []]
    : await Promise.all([
        endpoints.fetchMyFundAccounts().catch(() => []),
        endpoints.fetchMyDecisions().catch(() => []),
      ])
  return { ...communitiesOf(units, accounts, decisions), unitIds: units.map((unit) => unit.id) }
}

// Kept for the visit, per company: the 公示 pages open on each other without asking again.
let cached: { key: string; value: MyCommunities } | null = null
let lastChosen: string | null = null

function useMyCommunities() {
  const key = useMe().context.id
  const [state, setState] = useState<Loaded<MyCommunities>>(() =>
    cached?.key === key ? { status: 'ready', value: cached.value } : { status: 'loading' },
  )
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++generation.current
    try {
      const value = await loadCommunities()
      cached = { key, value }
      if (mine === generation.current) setState({ status: 'ready', value })
    } catch (error) {
      if (mine === generation.current) setState({ status: 'failed', message: errorMessage(error) })
    }
  }, [key])

  useEffect(() => {
    if (cached?.key === key) {
      setState({ status: 'ready', value: cached.value })
      return
    }
    setState({ status: 'loading' })
    void reload()
  }, [key, reload])

  return { state, reload }
}

/**
 * The community a 公示 page shows: `?community=` in the address, else the one chosen last, else the first
 * of my units. `choose` puts another in the address (replacing the entry, so back leaves the page).
 */
export function useChosenCommunity() {
  const { state, reload } = useMyCommunities()
  const [params, setParams] = useSearchParams()
  const wanted = params.get('community') ?? lastChosen
  const communities = state.status === 'ready' ? state.value.communities : []
  const chosen = communities.find((c) => c.id === wanted) ?? communities[0] ?? null
  if (chosen) lastChosen = chosen.id

  const choose = useCallback(
    (id: string) => {
      lastChosen = id
      setParams(
        (old) => {
          const next = new URLSearchParams(old)
          next.set('community', id)
          return next
        },
        { replace: true },
      )
    },
    [setParams],
  )

  return { state, reload, chosen, choose }
}

/** `?community=<id>` for links between the 公示 pages. */
export const communityQuery = (community: Community | null) =>
  community ? `?community=${encodeURIComponent(community.id)}` : ''
