import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalculatorOutlined,
  CloudUploadOutlined,
  CustomerServiceOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  HomeOutlined,
  LineChartOutlined,
  MoneyCollectOutlined,
  NotificationOutlined,
  ProfileOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  WalletOutlined,
} from '@ant-design/icons'
import type { Permission } from '@meihao/contracts'
import type { ReactNode } from 'react'
import type { MessageKey } from './i18n/translate'

export interface MenuEntry {
  key: string
  path: string
  permission: Permission
  label: MessageKey
  icon: ReactNode
  /** The submenu the entry sits in (收费管理, 公示与资金), if any. */
  group?: MenuGroupKey
}

export type MenuGroupKey = 'billing' | 'disclosure'

export interface MenuGroup {
  key: MenuGroupKey
  label: MessageKey
  icon: ReactNode
}

/** The side menu's submenus. */
export const MENU_GROUPS: Record<MenuGroupKey, MenuGroup> = {
  billing: { key: 'billing', label: 'menu.billing', icon: <AccountBookOutlined /> },
  disclosure: { key: 'disclosure', label: 'menu.disclosure', icon: <SolutionOutlined /> },
}

const billing = (
  key: string,
  path: string,
  permission: Permission,
  label: MessageKey,
  icon: ReactNode,
): MenuEntry => ({ key, path, permission, label, icon, group: 'billing' })

/** 公示与资金: every page opens with disclosure.read; writing on them asks more of the caller. */
const disclosure = (key: string, path: string, label: MessageKey, icon: ReactNode): MenuEntry => ({
  key,
  path,
  permission: 'disclosure.read',
  label,
  icon,
  group: 'disclosure',
})

/** The side menu; an entry shows when the caller holds its permission. */
export const MENU: readonly MenuEntry[] = [
  { key: 'estate', path: '/estate', permission: 'estate.read', label: 'menu.estate', icon: <HomeOutlined /> },
  {
    key: 'import',
    path: '/import',
    permission: 'estate.import',
    label: 'menu.import',
    icon: <CloudUploadOutlined />,
  },
  {
    key: 'tickets',
    path: '/tickets',
    permission: 'tickets.read',
    label: 'menu.tickets',
    icon: <CustomerServiceOutlined />,
  },
  { key: 'tasks', path: '/tasks', permission: 'tickets.handle', label: 'menu.tasks', icon: <ToolOutlined /> },
  {
    key: 'dispatch',
    path: '/tickets/dispatch',
    permission: 'tickets.dispatch',
    label: 'menu.dispatch',
    icon: <SendOutlined />,
  },
  {
    key: 'ticket-report',
    path: '/tickets/report',
    permission: 'tickets.manage',
    label: 'menu.ticketReport',
    icon: <BarChartOutlined />,
  },
  {
    key: 'ticket-settings',
    path: '/tickets/settings',
    permission: 'tickets.configure',
    label: 'menu.ticketSettings',
    icon: <SettingOutlined />,
  },
  {
    key: 'decisions',
    path: '/decisions',
    permission: 'governance.read',
    label: 'menu.decisions',
    icon: <AuditOutlined />,
  },
  billing(
    'billing-fee-items',
    '/billing/fee-items',
    'billing.read',
    'menu.billingFeeItems',
    <SettingOutlined />,
  ),
  billing('billing-runs', '/billing/runs', 'billing.run', 'menu.billingRuns', <CalculatorOutlined />),
  billing(
    'billing-counter',
    '/billing/counter',
    'billing.collect',
    'menu.billingCounter',
    <MoneyCollectOutlined />,
  ),
  billing('billing-bills', '/billing/bills', 'billing.read', 'menu.billingBills', <ProfileOutlined />),
  billing(
    'billing-receipts',
    '/billing/receipts',
    'billing.read',
    'menu.billingReceipts',
    <FileTextOutlined />,
  ),
  billing('billing-shifts', '/billing/shifts', 'billing.read', 'menu.billingShifts', <FieldTimeOutlined />),
  billing('billing-refunds', '/billing/refunds', 'billing.read', 'menu.billingRefunds', <RollbackOutlined />),
  billing('billing-arrears', '/billing/arrears', 'billing.read', 'menu.billingArrears', <AlertOutlined />),
  billing('billing-report', '/billing/report', 'billing.read', 'menu.billingReport', <LineChartOutlined />),
  billing('billing-ledger', '/billing/ledger', 'billing.ledger', 'menu.billingLedger', <BookOutlined />),
  disclosure('disclosure-items', '/disclosure', 'menu.disclosureItems', <NotificationOutlined />),
  disclosure('disclosure-revenue', '/disclosure/revenue', 'menu.disclosureRevenue', <MoneyCollectOutlined />),
  disclosure('disclosure-fund', '/disclosure/fund', 'menu.disclosureFund', <WalletOutlined />),
  { key: 'users', path: '/users', permission: 'iam.users.read', label: 'menu.users', icon: <TeamOutlined /> },
  {
    key: 'roles',
    path: '/roles',
    permission: 'iam.roles.read',
    label: 'menu.roles',
    icon: <SafetyCertificateOutlined />,
  },
  { key: 'org', path: '/org', permission: 'iam.org.read', label: 'menu.org', icon: <ApartmentOutlined /> },
]

/** One line of the side menu: an entry, or a submenu holding the entries of its group. */
export type MenuNode =
  | { kind: 'entry'; entry: MenuEntry }
  | { kind: 'group'; group: MenuGroup; entries: MenuEntry[] }

/**
 * The entries (those the caller may see) as the side menu shows them: a group's entries gathered in its
 * submenu, which stands where its first entry would; a group with no entry left is not shown.
 */
export function menuTree(entries: readonly MenuEntry[]): MenuNode[] {
  const nodes: MenuNode[] = []
  const groups = new Map<MenuGroupKey, MenuEntry[]>()
  for (const entry of entries) {
    if (!entry.group) {
      nodes.push({ kind: 'entry', entry })
      continue
    }
    const members = groups.get(entry.group)
    if (members) members.push(entry)
    else {
      const created = [entry]
      groups.set(entry.group, created)
      nodes.push({ kind: 'group', group: MENU_GROUPS[entry.group], entries: created })
    }
  }
  return nodes
}

/** The submenu key of a group in the side menu. */
export const groupMenuKey = (group: MenuGroupKey) => `group-${group}`

/**
 * Which menu entry a location belongs to (a unit page belongs to the estate browser, a decision to the list,
 * a ticket to the service desk): the entry with the longest path the location starts with, so
 * /tickets/dispatch is 派单 and /tickets/123 is 服务台.
 */
export function menuKeyOf(pathname: string): string | undefined {
  if (pathname.startsWith('/units/')) return 'estate'
  if (pathname.startsWith('/decisions/')) return 'decisions'
  let best: MenuEntry | undefined
  for (const m of MENU) {
    const hit = pathname === m.path || pathname.startsWith(`${m.path}/`)
    if (hit && (!best || m.path.length > best.path.length)) best = m
  }
  return best?.key
}
