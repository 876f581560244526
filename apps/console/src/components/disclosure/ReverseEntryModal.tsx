import type { RevenueEntry } from '@meihao/contracts'
import { Alert, Form, Input, Modal } from 'antd'
import { reverseRevenueEntry } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { useIdempotencyKey } from '../tickets/idempotency'

const FORM_ID = 'revenue-reverse-form'

/**
 * 冲销: an entry recorded by mistake is never changed or deleted; a new entry dated today carries the
 * opposite amount, with the reason (shown to the owners).
 */
export function ReverseEntryModal({
  entry,
  onClose,
  onReversed,
}: {
  /** The entry to reverse; null when closed. */
  entry: RevenueEntry | null
  onClose: () => void
  onReversed: (reversal: RevenueEntry) => void
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<{ note: string }>()
  const { busy, error, setError, run } = useAction()
  const idempotency = useIdempotencyKey()

  const submit = ({ note }: { note: string }) =>
    run(async () => {
      if (!entry) return
      const body = { entryId: entry.id, note: note.trim() }
      const reversal = await reverseRevenueEntry(body.entryId, body.note, idempotency.keyFor(body))
      idempotency.reset()
      onReversed(reversal)
    })

  return (
    <Modal
      open={entry !== null}
      title={t('revenue.reverseTitle')}
      okText={t('revenue.reverse')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ danger: true, htmlType: 'submit', form: FORM_ID, 'data-testid': 'revenue-reverse-ok' }}
      afterClose={() => {
        setError(null)
        form.resetFields()
      }}
      data-testid="revenue-reverse-modal"
    >
      {entry ? (
        <Alert
          type="warning"
          showIcon
          title={t('revenue.reverseWarning', {
            date: entry.occurredOn,
            kind: t(`revenueKind.${entry.kind}`),
            amount: formatFen(entry.amountFen),
          })}
          description={entry.summary}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <ErrorAlert error={error} />
      <Form<{ note: string }> id={FORM_ID} form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label={t('revenue.reverseNote')}
          rules={[
            { required: true, whitespace: true, message: t('billing.reasonRequired') },
            { min: 2, max: 500, message: t('revenue.summaryLength') },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
            data-testid="revenue-reverse-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
