import { Button, Form } from 'antd-mobile'
import { useState } from 'react'
import { errorMessage } from '../api/client'
import { LanguageToggle } from '../components/LanguageSwitch'
import { PasswordInput } from '../components/PasswordInput'
import { TestIdInput } from '../components/TestIdInput'
import { useT } from '../i18n'
import { useSession } from '../session'
import { TEST_IDS } from '../testids'

/** The mobile-number rule of the contracts (`Phone` in @meihao/contracts iam.ts). */
const PHONE = /^1[3-9]\d{9}$/

interface LoginForm {
  phone: string
  password: string
}

export function LoginPage() {
  const t = useT()
  const { signIn } = useSession()
  const [form] = Form.useForm<LoginForm>()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const onFinish = async ({ phone, password }: LoginForm) => {
    setSubmitting(true)
    setError(null)
    try {
      await signIn(phone, password)
      // The sign-in gate moves on to the home page (or the forced password change).
    } catch (e) {
      setError(errorMessage(e))
      setSubmitting(false)
    }
  }

  return (
    <div className="mh-login">
      <div className="mh-login-hero">
        <div className="mh-login-top">
          <LanguageToggle />
        </div>
        <div className="mh-logo" aria-hidden="true">
          美
        </div>
        <h1 className="mh-login-title">{t('app.name')}</h1>
        <p className="mh-login-tagline">{t('app.tagline')}</p>
      </div>

      <div className="mh-login-card">
        <h2 className="mh-login-welcome">{t('login.welcome')}</h2>
        <Form
          form={form}
          layout="vertical"
          mode="card"
          requiredMarkStyle="none"
          onFinish={onFinish}
          onValuesChange={() => setError(null)}
          footer={
            <>
              {error && (
                <div className="mh-form-error" role="alert" data-testid={TEST_IDS.loginError}>
                  {error}
                </div>
              )}
              <Button
                block
                type="submit"
                color="primary"
                size="large"
                shape="rounded"
                loading={submitting}
                data-testid={TEST_IDS.loginSubmit}
              >
                {t('login.submit')}
              </Button>
            </>
          }
        >
          <Form.Item
            name="phone"
            label={t('login.phone')}
            validateTrigger="onBlur"
            normalize={(value: string | undefined) => (value ?? '').replace(/\D/g, '').slice(0, 11)}
            rules={[
              { required: true, message: t('login.phoneRequired') },
              { pattern: PHONE, message: t('login.phoneInvalid') },
            ]}
          >
            <TestIdInput
              testId={TEST_IDS.loginPhone}
              type="tel"
              inputMode="numeric"
              autoComplete="username"
              maxLength={11}
              clearable
              placeholder={t('login.phonePlaceholder')}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            validateTrigger="onBlur"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <PasswordInput
              testId={TEST_IDS.loginPassword}
              autoComplete="current-password"
              placeholder={t('login.passwordPlaceholder')}
            />
          </Form.Item>
        </Form>
        <p className="mh-login-help">{t('login.help')}</p>
      </div>
    </div>
  )
}
