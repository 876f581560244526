import { Button, Form, NavBar, NoticeBar, Toast } from 'antd-mobile'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { errorMessage } from '../api/client'
import * as endpoints from '../api/endpoints'
import { PasswordInput } from '../components/PasswordInput'
import { useT } from '../i18n'
import { useMe, useSession } from '../session'
import { TEST_IDS } from '../testids'

interface PasswordForm {
  currentPassword: string
  newPassword: string
  confirmPassword: string
}

/** Mirrors ChangePasswordRequest.newPassword in the contracts (min 8). */
const MIN_PASSWORD_LENGTH = 8

/**
 * Change my password. When the account must change its password (first sign-in or after a reset)
 * this is the only page the gate shows, without a way back.
 */
export function ChangePasswordPage() {
  const t = useT()
  const me = useMe()
  const { refresh, signOut } = useSession()
  const navigate = useNavigate()
  const forced = me.mustChangePassword
  const [form] = Form.useForm<PasswordForm>()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const onFinish = async ({ currentPassword, newPassword }: PasswordForm) => {
    setSubmitting(true)
    setError(null)
    try {
      await endpoints.changePassword({ currentPassword, newPassword })
      Toast.show({ icon: 'success', content: t('password.success') })
      await refresh()
      navigate('/', { replace: true })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <div className="mh-page">
      <NavBar
        className="mh-navbar"
        backIcon={!forced}
        back={forced ? null : t('common.back')}
        onBack={() => navigate('/me')}
      >
        {t('password.title')}
      </NavBar>
      <div className="mh-page-body">
        {forced && <NoticeBar className="mh-notice" color="info" wrap content={t('password.forcedNotice')} />}
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
                <div className="mh-form-error" role="alert" data-testid={TEST_IDS.passwordError}>
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
                data-testid={TEST_IDS.passwordSubmit}
              >
                {t('password.submit')}
              </Button>
              {forced && (
                <Button block fill="none" className="mh-secondary-action" onClick={() => void signOut()}>
                  {t('password.logoutInstead')}
                </Button>
              )}
            </>
          }
        >
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            validateTrigger="onBlur"
            rules={[{ required: true, message: t('password.currentRequired') }]}
          >
            <PasswordInput
              testId={TEST_IDS.passwordCurrent}
              autoComplete="current-password"
              placeholder={t('password.currentPlaceholder')}
            />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            validateTrigger="onBlur"
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t('password.newRequired') },
              { min: MIN_PASSWORD_LENGTH, message: t('password.newTooShort') },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value === getFieldValue('currentPassword')) {
                    throw new Error(t('password.newSameAsCurrent'))
                  }
                },
              }),
            ]}
          >
            <PasswordInput
              testId={TEST_IDS.passwordNew}
              autoComplete="new-password"
              placeholder={t('password.newPlaceholder')}
            />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('password.confirm')}
            validateTrigger="onBlur"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword')) {
                    throw new Error(t('password.confirmMismatch'))
                  }
                },
              }),
            ]}
          >
            <PasswordInput
              testId={TEST_IDS.passwordConfirm}
              autoComplete="new-password"
              placeholder={t('password.confirmPlaceholder')}
            />
          </Form.Item>
        </Form>
      </div>
    </div>
  )
}
