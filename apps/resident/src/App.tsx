import { Button, ErrorBlock, SpinLoading } from 'antd-mobile'
import { matchPath, Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { useT } from './i18n'
import { BillsPage } from './pages/BillsPage'
import { ChangePasswordPage } from './pages/ChangePasswordPage'
import { DecisionPage } from './pages/DecisionPage'
import { DecisionsTab } from './pages/DecisionsTab'
import { DisclosurePage } from './pages/DisclosurePage'
import { DisclosuresPage } from './pages/DisclosuresPage'
import { FundAccountPage } from './pages/FundAccountPage'
import { FundPage } from './pages/FundPage'
import { FundProjectPage } from './pages/FundProjectPage'
import { HomeLayout } from './pages/HomeLayout'
import { HomeTab } from './pages/HomeTab'
import { LoginPage } from './pages/LoginPage'
import { MessagesPage } from './pages/MessagesPage'
import { NewTicketPage } from './pages/NewTicketPage'
import { PayOrderPage } from './pages/PayOrderPage'
import { PayTab } from './pages/PayTab'
import { ProfileTab } from './pages/ProfileTab'
import { PublicBoardPage } from './pages/PublicBoardPage'
import { PublicRevenuePage } from './pages/PublicRevenuePage'
import { ReceiptPage } from './pages/ReceiptPage'
import { ReceiptsPage } from './pages/ReceiptsPage'
import { TicketPage } from './pages/TicketPage'
import { TicketsTab } from './pages/TicketsTab'
import { UnitsTab } from './pages/UnitsTab'
import { useSession } from './session'

function FullScreenLoading() {
  const t = useT()
  return (
    <div className="mh-center" role="status" aria-live="polite">
      <SpinLoading color="primary" />
      <span className="mh-center-text">{t('app.loading')}</span>
    </div>
  )
}

/** Where the caller wanted to go before being sent to sign in (same-app paths only). */
function returnPath(search: string): string {
  const next = new URLSearchParams(search).get('next')
  return next?.startsWith('/') && !next.startsWith('//') && next !== '/login' ? next : '/'
}

/** The public notice board of a community (the settings' `publicPath`): anyone with the address, signed in or not. */
const PUBLIC_BOARD = '/public/:tenantId/:token'

/**
 * The sign-in gate: anonymous callers see only the login page (and the public notice board), accounts that
 * must change their password see only that form, everyone else the tabs.
 */
export function App() {
  const t = useT()
  const { state, refresh } = useSession()
  const location = useLocation()

  // Before the gate: the notice board needs no session (and shows whatever the session is doing).
  if (matchPath(PUBLIC_BOARD, location.pathname))
    return (
      <Routes>
        <Route path={PUBLIC_BOARD} element={<PublicBoardPage />} />
      </Routes>
    )

  if (state.status === 'loading') return <FullScreenLoading />

  if (state.status === 'failed') {
    return (
      <div className="mh-center">
        <ErrorBlock status="disconnected" title={t('error.unknown')} description={state.message}>
          <Button color="primary" shape="rounded" onClick={() => void refresh()}>
            {t('units.retry')}
          </Button>
        </ErrorBlock>
      </div>
    )
  }

  if (state.status === 'anonymous') {
    if (location.pathname === '/login') return <LoginPage />
    const here = location.pathname + location.search
    const next = here === '/' || state.signedOut ? '' : `?next=${encodeURIComponent(here)}`
    return <Navigate to={`/login${next}`} replace />
  }

  if (state.me.mustChangePassword) return <ChangePasswordPage />

  return (
    <Routes>
      <Route path="/login" element={<Navigate to={returnPath(location.search)} replace />} />
      <Route path="/password" element={<ChangePasswordPage />} />
      <Route element={<HomeLayout />}>
        <Route index element={<HomeTab />} />
        <Route path="tickets" element={<TicketsTab />} />
        <Route path="pay" element={<PayTab />} />
        <Route path="units" element={<UnitsTab />} />
        <Route path="decisions" element={<DecisionsTab />} />
        <Route path="me" element={<ProfileTab />} />
      </Route>
      <Route path="/decisions/:id" element={<DecisionPage />} />
      <Route path="/tickets/new" element={<NewTicketPage />} />
      <Route path="/tickets/:id" element={<TicketPage />} />
      <Route path="/pay/orders/:id" element={<PayOrderPage />} />
      <Route path="/pay/receipts" element={<ReceiptsPage />} />
      <Route path="/pay/receipts/:id" element={<ReceiptPage />} />
      <Route path="/pay/bills" element={<BillsPage />} />
      <Route path="/messages" element={<MessagesPage />} />
      <Route path="/disclosures" element={<DisclosuresPage />} />
      <Route path="/disclosures/public-revenue" element={<PublicRevenuePage />} />
      <Route path="/disclosures/fund" element={<FundPage />} />
      <Route path="/disclosures/fund/accounts/:unitId" element={<FundAccountPage />} />
      <Route path="/disclosures/fund/projects/:id" element={<FundProjectPage />} />
      <Route path="/disclosures/:id" element={<DisclosurePage />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  )
}
