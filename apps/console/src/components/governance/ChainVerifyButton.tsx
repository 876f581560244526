import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, Space, Typography } from 'antd'
import { useState } from 'react'
import { type ChainVerification, verifyChain } from '../../api/governance'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'

/** 校验哈希链: the server recomputes every ballot event's hash and names the first that does not fit. */
export function ChainVerifyButton({ decisionId }: { decisionId: string }) {
  const { t } = useI18n()
  const { busy, error, run } = useAction()
  const [checked, setChecked] = useState<ChainVerification | null>(null)

  const verify = async () => setChecked((await run(() => verifyChain(decisionId))) ?? null)

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Button
        icon={<SafetyCertificateOutlined />}
        loading={busy}
        onClick={verify}
        data-testid="decision-verify"
      >
        {t('chain.verify')}
      </Button>
      <ErrorAlert error={error} />
      {checked ? (
        <Alert
          type={checked.valid ? 'success' : 'error'}
          showIcon
          data-testid="decision-verify-result"
          data-valid={checked.valid}
          title={
            checked.valid
              ? t('chain.valid', { events: checked.events })
              : checked.problem
                ? t('chain.invalid', {
                    seq: checked.problem.seq,
                    reason: t(`chain.reason.${checked.problem.reason}`),
                  })
                : t('chain.invalidUnknown')
          }
          description={
            checked.head ? (
              <span>
                {t('chain.head')}{' '}
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {checked.head}
                </Typography.Text>
              </span>
            ) : undefined
          }
        />
      ) : null}
    </Space>
  )
}
