import { Button, Card, Flex, Result, Spin, Typography } from 'antd'
import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { errorMessage } from '../api/client'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'
import { ChangePasswordForm } from './ChangePasswordForm'
import { LanguageSwitch } from './LanguageSwitch'

/** Renders its routes only for a signed-in caller who need not change their password first. */
export function RequireSession() {
  const { t } = useI18n()
  const { me, error, refresh, logout } = useSession()
  const location = useLocation()

  if (me === undefined) {
    return (
      <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    )
  }
  if (me === null && error) {
    return (
      <Result
        status="error"
        title={t('session.loadFailed')}
        subTitle={errorMessage(error)}
        extra={
          <Button type="primary" onClick={() => refresh().catch(() => undefined)}>
            {t('common.retry')}
          </Button>
        }
      />
    )
  }
  if (me === null) {
    const next = `${location.pathname}${location.search}`
    const to = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`
    return <Navigate to={to} replace />
  }
  if (me.mustChangePassword) {
    return (
      <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16 }}>
        <Card
          title={t('password.mustChangeTitle')}
          extra={<LanguageSwitch />}
          style={{ width: 420, maxWidth: '100%' }}
          data-testid="must-change-password"
        >
          <Typography.Paragraph type="secondary">{t('password.mustChangeHint')}</Typography.Paragraph>
          <ChangePasswordForm />
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => logout()}>
            {t('layout.logout')}
          </Button>
        </Card>
      </Flex>
    )
  }
  return <Outlet />
}
