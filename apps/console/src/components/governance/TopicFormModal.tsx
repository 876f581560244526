import type { Decision } from '@meihao/contracts'
import { Form, Modal } from 'antd'
import { addTopic } from '../../api/governance'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { TopicFields, type TopicValues, toTopicInput } from './TopicFields'

const FORM_ID = 'topic-form'

/** Adds one 议题 to a draft decision; the server refuses once the notice is out. */
export function TopicFormModal({
  decisionId,
  open,
  onClose,
  onSaved,
}: {
  decisionId: string
  open: boolean
  onClose: () => void
  onSaved: (decision: Decision) => void
}) {
  const { t } = useI18n()
  const { busy: saving, error, setError, run } = useAction()

  const submit = (values: TopicValues) =>
    run(async () => onSaved(await addTopic(decisionId, toTopicInput(values))))

  return (
    <Modal
      open={open}
      title={t('decision.addTopic')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={720}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID, 'data-testid': 'topic-form-submit' }}
      afterClose={() => setError(null)}
    >
      <ErrorAlert error={error} />
      <Form<TopicValues> id={FORM_ID} layout="vertical" onFinish={submit} data-testid="topic-form">
        <TopicFields name={[]} path={[]} testId="topic-form" />
      </Form>
    </Modal>
  )
}
