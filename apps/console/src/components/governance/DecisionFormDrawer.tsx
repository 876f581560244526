import type { Decision, DecisionInput } from '@meihao/contracts'
import { createDecision } from '../../api/governance'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { type CreateDrawerProps, FormDrawer } from '../FormDrawer'
import { DecisionForm } from './DecisionForm'

const FORM_ID = 'decision-form'

/** 发起表决: a drawer with the form of a new decision, created as a draft. */
export function DecisionFormDrawer({ open, communityId, onClose, onCreated }: CreateDrawerProps<Decision>) {
  const { t } = useI18n()
  const saving = useAction()

  const submit = (input: DecisionInput) => saving.run(async () => onCreated(await createDecision(input)))

  return (
    <FormDrawer
      open={open}
      title={t('decision.createTitle')}
      size={760}
      formId={FORM_ID}
      submitText={t('decision.createSubmit')}
      testId="decision-form-drawer"
      submitTestId="decision-form-submit"
      action={saving}
      onClose={onClose}
    >
      <DecisionForm formId={FORM_ID} communityId={communityId} onSubmit={submit} />
    </FormDrawer>
  )
}
