import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  CustomerServiceOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
  ToolOutlined,
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
}

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
