import type { Permission } from '@meihao/contracts'
import { App as AntApp, ConfigProvider, Flex, Spin } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { lazy, type ReactNode, Suspense } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router-dom'
import { AppLayout } from './components/AppLayout'
import { RequirePermission } from './components/RequirePermission'
import { RequireSession } from './components/RequireSession'
import { I18nProvider, useI18n } from './i18n/I18nProvider'
import { ChangePasswordPage } from './pages/ChangePasswordPage'
import { HomePage } from './pages/HomePage'
import { LoginPage } from './pages/LoginPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { SessionProvider } from './session/SessionProvider'

// Pages load on first visit, so the login screen does not wait for every page's code.
const EstatePage = lazy(() => import('./pages/EstatePage').then((m) => ({ default: m.EstatePage })))
const UnitPage = lazy(() => import('./pages/UnitPage').then((m) => ({ default: m.UnitPage })))
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })))
const UsersPage = lazy(() => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage })))
const RolesPage = lazy(() => import('./pages/RolesPage').then((m) => ({ default: m.RolesPage })))
const OrgPage = lazy(() => import('./pages/OrgPage').then((m) => ({ default: m.OrgPage })))
const DecisionsPage = lazy(() => import('./pages/DecisionsPage').then((m) => ({ default: m.DecisionsPage })))
const DecisionPage = lazy(() => import('./pages/DecisionPage').then((m) => ({ default: m.DecisionPage })))
const ServiceDeskPage = lazy(() =>
  import('./pages/ServiceDeskPage').then((m) => ({ default: m.ServiceDeskPage })),
)
const TicketPage = lazy(() => import('./pages/TicketPage').then((m) => ({ default: m.TicketPage })))
const DispatchPage = lazy(() => import('./pages/DispatchPage').then((m) => ({ default: m.DispatchPage })))
const TechnicianPage = lazy(() =>
  import('./pages/TechnicianPage').then((m) => ({ default: m.TechnicianPage })),
)
const TechnicianTicketPage = lazy(() =>
  import('./pages/TechnicianTicketPage').then((m) => ({ default: m.TechnicianTicketPage })),
)
const SlaSettingsPage = lazy(() =>
  import('./pages/SlaSettingsPage').then((m) => ({ default: m.SlaSettingsPage })),
)
const TicketReportPage = lazy(() =>
  import('./pages/TicketReportPage').then((m) => ({ default: m.TicketReportPage })),
)
const lazyPage = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })))
const BillingFeeItemsPage = lazyPage(() => import('./pages/BillingFeeItemsPage'), 'BillingFeeItemsPage')
const BillingRunsPage = lazyPage(() => import('./pages/BillingRunsPage'), 'BillingRunsPage')
const BillingCounterPage = lazyPage(() => import('./pages/BillingCounterPage'), 'BillingCounterPage')
const BillingBillsPage = lazyPage(() => import('./pages/BillingBillsPage'), 'BillingBillsPage')
const BillingReceiptsPage = lazyPage(() => import('./pages/BillingReceiptsPage'), 'BillingReceiptsPage')
const BillingReceiptPage = lazyPage(() => import('./pages/BillingReceiptPage'), 'BillingReceiptPage')
const BillingShiftsPage = lazyPage(() => import('./pages/BillingShiftsPage'), 'BillingShiftsPage')
const BillingShiftPage = lazyPage(() => import('./pages/BillingShiftPage'), 'BillingShiftPage')
const BillingRefundsPage = lazyPage(() => import('./pages/BillingRefundsPage'), 'BillingRefundsPage')
const BillingArrearsPage = lazyPage(() => import('./pages/BillingArrearsPage'), 'BillingArrearsPage')
const BillingReportPage = lazyPage(() => import('./pages/BillingReportPage'), 'BillingReportPage')
const BillingLedgerPage = lazyPage(() => import('./pages/BillingLedgerPage'), 'BillingLedgerPage')
const DisclosurePage = lazyPage(() => import('./pages/DisclosurePage'), 'DisclosurePage')
const DisclosureItemPage = lazyPage(() => import('./pages/DisclosureItemPage'), 'DisclosureItemPage')
const PublicRevenuePage = lazyPage(() => import('./pages/PublicRevenuePage'), 'PublicRevenuePage')
const MaintenanceFundPage = lazyPage(() => import('./pages/MaintenanceFundPage'), 'MaintenanceFundPage')

const pageLoading = (
  <Flex justify="center" style={{ padding: 48 }}>
    <Spin />
  </Flex>
)

const guarded = (permission: Permission, page: ReactNode) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={pageLoading}>{page}</Suspense>
  </RequirePermission>
)

function Routed() {
  return (
    <BrowserRouter basename="/console">
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireSession />}>
          <Route element={<AppLayout />}>
            <Route index element={<HomePage />} />
            <Route path="/estate" element={guarded('estate.read', <EstatePage />)} />
            <Route path="/units/:id" element={guarded('estate.read', <UnitPage />)} />
            <Route path="/import" element={guarded('estate.import', <ImportPage />)} />
            <Route path="/decisions" element={guarded('governance.read', <DecisionsPage />)} />
            <Route path="/decisions/:id" element={guarded('governance.read', <DecisionPage />)} />
            <Route path="/tickets" element={guarded('tickets.read', <ServiceDeskPage />)} />
            <Route path="/tickets/dispatch" element={guarded('tickets.dispatch', <DispatchPage />)} />
            <Route path="/tickets/settings" element={guarded('tickets.configure', <SlaSettingsPage />)} />
            <Route path="/tickets/report" element={guarded('tickets.manage', <TicketReportPage />)} />
            <Route path="/tickets/:id" element={guarded('tickets.read', <TicketPage />)} />
            <Route path="/tasks" element={guarded('tickets.handle', <TechnicianPage />)} />
            <Route path="/tasks/:id" element={guarded('tickets.handle', <TechnicianTicketPage />)} />
            <Route path="/billing/fee-items" element={guarded('billing.read', <BillingFeeItemsPage />)} />
            <Route path="/billing/runs" element={guarded('billing.run', <BillingRunsPage />)} />
            <Route path="/billing/counter" element={guarded('billing.collect', <BillingCounterPage />)} />
            <Route path="/billing/bills" element={guarded('billing.read', <BillingBillsPage />)} />
            <Route path="/billing/receipts" element={guarded('billing.read', <BillingReceiptsPage />)} />
            <Route path="/billing/receipts/:id" element={guarded('billing.read', <BillingReceiptPage />)} />
            <Route path="/billing/shifts" element={guarded('billing.read', <BillingShiftsPage />)} />
            <Route path="/billing/shifts/:id" element={guarded('billing.read', <BillingShiftPage />)} />
            <Route path="/billing/refunds" element={guarded('billing.read', <BillingRefundsPage />)} />
            <Route path="/billing/arrears" element={guarded('billing.read', <BillingArrearsPage />)} />
            <Route path="/billing/report" element={guarded('billing.read', <BillingReportPage />)} />
            <Route path="/billing/ledger" element={guarded('billing.ledger', <BillingLedgerPage />)} />
            <Route path="/disclosure" element={guarded('disclosure.read', <DisclosurePage />)} />
            <Route
              path="/disclosure/items/:id"
              element={guarded('disclosure.read', <DisclosureItemPage />)}
            />
            <Route path="/disclosure/revenue" element={guarded('disclosure.read', <PublicRevenuePage />)} />
            <Route path="/disclosure/fund" element={guarded('disclosure.read', <MaintenanceFundPage />)} />
            <Route path="/users" element={guarded('iam.users.read', <UsersPage />)} />
            <Route path="/roles" element={guarded('iam.roles.read', <RolesPage />)} />
            <Route path="/org" element={guarded('iam.org.read', <OrgPage />)} />
            <Route path="/password" element={<ChangePasswordPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  )
}

function Localized() {
  const { lang } = useI18n()
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS}>
      <AntApp>
        <SessionProvider>
          <Routed />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  )
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  )
}
