import {
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
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

/** Which menu entry a location belongs to (a unit page belongs to the estate browser, a decision to the list). */
export function menuKeyOf(pathname: string): string | undefined {
  if (pathname.startsWith('/units/')) return 'estate'
  if (pathname.startsWith('/decisions/')) return 'decisions'
  return MENU.find((m) => pathname === m.path || pathname.startsWith(`${m.path}/`))?.key
}
