import { Result } from 'antd'
import { Navigate } from 'react-router-dom'
import { useI18n } from '../i18n/I18nProvider'
import { MENU } from '../menu'
import { useSession } from '../session/SessionProvider'

/** Opens the first page the caller may use. */
export function HomePage() {
  const { t } = useI18n()
  const { can } = useSession()
  const first = MENU.find((m) => can(m.permission))
  if (first) return <Navigate to={first.path} replace />
  return <Result status="info" title={t('home.nothingTitle')} subTitle={t('home.nothingHint')} />
}
