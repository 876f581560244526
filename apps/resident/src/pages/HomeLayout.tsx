import { SafeArea, TabBar } from 'antd-mobile'
import { useCallback, useEffect, useState } from 'react'
import { Outlet, useLocation, useNavigate, useOutletContext } from 'react-router-dom'
import { errorMessage } from '../api/client'
import * as endpoints from '../api/endpoints'
import type { MyUnit } from '../api/types'
import { BallotIcon, BuildingIcon, HomeIcon, UserIcon, WalletIcon, WrenchIcon } from '../components/icons'
import { useT } from '../i18n'
import { useMe } from '../session'
import { TEST_IDS } from '../testids'
import { awaitsMyVote } from './decision/format'
import { type DecisionsState, useMyDecisions } from './decision/useMyDecisions'

export type UnitsState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; units: MyUnit[] }

/** What the tabs share: the caller's units and decisions, loaded once for the tabs that show them. */
export interface HomeOutlet {
  units: UnitsState
  reloadUnits(): Promise<void>
  decisions: DecisionsState
  reloadDecisions(): Promise<void>
}

export function useHomeOutlet(): HomeOutlet {
  return useOutletContext<HomeOutlet>()
}

const TABS = [
  { path: '/', title: 'tab.home', Icon: HomeIcon, testId: TEST_IDS.tabHome },
  { path: '/tickets', title: 'tab.tickets', Icon: WrenchIcon, testId: TEST_IDS.tabTickets },
  { path: '/pay', title: 'tab.pay', Icon: WalletIcon, testId: TEST_IDS.payTab },
  { path: '/units', title: 'tab.units', Icon: BuildingIcon, testId: TEST_IDS.tabUnits },
  { path: '/decisions', title: 'tab.decisions', Icon: BallotIcon, testId: TEST_IDS.tabDecisions },
  { path: '/me', title: 'tab.profile', Icon: UserIcon, testId: TEST_IDS.tabProfile },
] as const

/** The signed-in shell: the active tab's page above a bottom tab bar. */
export function HomeLayout() {
  const t = useT()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const contextId = useMe().context.id
  const [units, setUnits] = useState<UnitsState>({ status: 'loading' })
  const { decisions, reloadDecisions } = useMyDecisions(contextId)

  const reloadUnits = useCallback(async () => {
    try {
      setUnits({ status: 'ready', units: await endpoints.fetchMyUnits() })
    } catch (error) {
      setUnits({ status: 'failed', message: errorMessage(error) })
    }
  }, [])

  // Units belong to the company the session is in: load again after a switch.
  useEffect(() => {
    setUnits({ status: 'loading' })
    if (contextId) void reloadUnits()
  }, [reloadUnits, contextId])

  const active = TABS.find((tab) => tab.path === pathname) ?? TABS[0]
  const outlet: HomeOutlet = { units, reloadUnits, decisions, reloadDecisions }
  const now = Date.now()
  const awaiting = decisions.status === 'ready' ? decisions.decisions.filter((d) => awaitsMyVote(d, now)) : []

  return (
    <div className="mh-shell">
      <main className="mh-shell-body">
        <Outlet context={outlet} />
      </main>
      <nav className="mh-shell-tabs">
        <TabBar activeKey={active.path} onChange={(path) => navigate(path)} data-testid={TEST_IDS.tabBar}>
          {TABS.map(({ path, title, Icon, testId }) => (
            <TabBar.Item
              key={path}
              title={t(title)}
              icon={<Icon />}
              badge={path === '/decisions' && awaiting.length > 0 ? awaiting.length : undefined}
              data-testid={testId}
            />
          ))}
        </TabBar>
        <SafeArea position="bottom" />
      </nav>
    </div>
  )
}
