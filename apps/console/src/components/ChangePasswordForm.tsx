import { App, Button, Form, Input } from 'antd'
import { useState } from 'react'
import { changePassword } from '../api/auth'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'
import { ErrorAlert } from './ErrorAlert'

interface Values {
  currentPassword: string
  newPassword: string
  confirm: string
}

const MIN_PASSWORD = 8

export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useI18n()
  const { refresh } = useSession()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const submit = async (values: Values) => {
    setSubmitting(true)
    setError(null)
    try {
      await changePassword(values.currentPassword, values.newPassword)
      message.success(t('password.changed'))
      form.resetFields()
      await refresh()
      onDone?.()
    } catch (e) {
      setError(e)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      data-testid="password-form"
    >
      <ErrorAlert error={error} />
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: MIN_PASSWORD, message: t('password.tooShort', { min: MIN_PASSWORD }) },
          { max: 200 },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} block data-testid="password-submit">
        {t('password.submit')}
      </Button>
    </Form>
  )
}
