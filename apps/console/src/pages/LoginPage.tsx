import { LockOutlined, MobileOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { login } from '../api/auth'
import { errorMessage } from '../api/client'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

interface Values {
  phone: string
  password: string
}

/** Only same-app paths: never an absolute or protocol-relative address. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/'
}

export function LoginPage() {
  const { t } = useI18n()
  const { me, refresh } = useSession()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const next = safeNext(params.get('next'))

  if (me) return <Navigate to={next} replace />

  const submit = async (values: Values) => {
    setSubmitting(true)
    setError(null)
    try {
      await login(values.phone.trim(), values.password)
      // A must-change-password account is sent to the change form by the session guard.
      await refresh()
      navigate(next, { replace: true })
    } catch (e) {
      setError(e)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16, background: '#f5f7fa' }}>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <LanguageSwitch />
        </Flex>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(error)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item
            name="phone"
            label={t('login.phone')}
            rules={[
              { required: true, message: t('login.phoneRequired') },
              { pattern: /^\s*1[3-9]\d{9}\s*$/, message: t('validation.phone') },
            ]}
          >
            <Input
              prefix={<MobileOutlined />}
              inputMode="numeric"
              autoComplete="username"
              maxLength={11}
              placeholder={t('login.phonePlaceholder')}
              data-testid="login-phone"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              placeholder={t('login.passwordPlaceholder')}
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  )
}
