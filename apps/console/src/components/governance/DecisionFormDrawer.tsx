import type { Decision, DecisionInput } from '@meihao/contracts'
import { Button, Drawer, Space } from 'antd'
import { createDecision } from '../../api/governance'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { DecisionForm } from './DecisionForm'

const FORM_ID = 'decision-form'

/** 发起表决: a drawer with the form of a new decision, created as a draft. */
export function DecisionFormDrawer({
  open,
  communityId,
  onClose,
  onCreated,
}: {
  open: boolean
  communityId: string | null
  onClose: () => void
  onCreated: (decision: Decision) => void
}) {
  const { t } = useI18n()
  const { busy: saving, error, setError, run } = useAction()

  const submit = (input: DecisionInput) => run(async () => onCreated(await createDecision(input)))

  return (
    <Drawer
      open={open}
      title={t('decision.createTitle')}
      size={760}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(opened) => {
        if (!opened) setError(null)
      }}
      data-testid="decision-form-drawer"
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            form={FORM_ID}
            loading={saving}
            data-testid="decision-form-submit"
          >
            {t('decision.createSubmit')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={error} />
      <DecisionForm formId={FORM_ID} communityId={communityId} onSubmit={submit} />
    </Drawer>
  )
}
