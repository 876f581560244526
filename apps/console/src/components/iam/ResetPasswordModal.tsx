import type { User } from '@meihao/contracts'
import { App, Form, Input, Modal } from 'antd'
import { resetPassword } from '../../api/iam'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'

// The form is new on every opening (destroyOnHidden); the modal's OK button submits it by id.
const FORM_ID = 'reset-password-form'

interface Values {
  newPassword: string
  confirm: string
}

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const { busy: saving, error, setError, run } = useAction()

  const submit = async (values: Values) => {
    if (!user) return
    await run(async () => {
      await resetPassword(user.id, values.newPassword)
      message.success(t('iam.passwordReset', { name: user.name }))
      onClose()
    })
  }

  return (
    <Modal
      open={user !== null}
      title={user ? t('iam.resetPasswordOf', { name: user.name }) : ''}
      okText={t('iam.resetPassword')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID, 'data-testid': 'reset-password-submit' }}
      destroyOnHidden
      afterClose={() => setError(null)}
    >
      <ErrorAlert error={error} />
      <Form<Values> id={FORM_ID} layout="vertical" onFinish={submit}>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('iam.resetPasswordHint')}
          rules={[
            { required: true, message: t('password.newRequired') },
            { min: 8, message: t('password.tooShort', { min: 8 }) },
            { max: 200 },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-new" />
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
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
