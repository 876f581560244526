import type { Permission } from '@meihao/contracts'
import { Result } from 'antd'
import type { ReactNode } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useI18n()
  const { can } = useSession()
  if (!can(permission)) {
    return <Result status="403" title="403" subTitle={t('error.noPermission')} data-testid="forbidden" />
  }
  return <>{children}</>
}
