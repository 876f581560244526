import { Alert, Button } from 'antd'
import { errorMessage } from '../api/client'
import { useI18n } from '../i18n/I18nProvider'

/** The server's message for a failed call, with an optional retry. Renders nothing without an error. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n()
  if (!error) return null
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      title={errorMessage(error)}
      style={{ marginBottom: 16 }}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  )
}
