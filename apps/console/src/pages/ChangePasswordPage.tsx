import { Card } from 'antd'
import { useNavigate } from 'react-router-dom'
import { ChangePasswordForm } from '../components/ChangePasswordForm'
import { useI18n } from '../i18n/I18nProvider'

export function ChangePasswordPage() {
  const { t } = useI18n()
  const navigate = useNavigate()
  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      <ChangePasswordForm onDone={() => navigate('/')} />
    </Card>
  )
}
