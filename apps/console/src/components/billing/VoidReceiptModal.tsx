import type { Receipt } from '@meihao/contracts'
import { Alert, App, Form, Input, Modal } from 'antd'
import { voidReceipt } from '../../api/billing'
import { useAction } from '../../hooks/useAction'
import { formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'

const FORM_ID = 'void-receipt-form'

/**
 * 作废收据: for a receipt issued by mistake. Its number stays taken (numbers are gap-free) and its payment is
 * reversed; the reason is kept with it.
 */
export function VoidReceiptModal({
  receipt,
  onClose,
  onVoided,
}: {
  /** The receipt to void; null when closed. */
  receipt: Receipt | null
  onClose: () => void
  onVoided: (receipt: Receipt) => void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ reason: string }>()
  const { busy, error, setError, run } = useAction()

  const submit = ({ reason }: { reason: string }) =>
    run(async () => {
      if (!receipt) return
      const voided = await voidReceipt(receipt.id, reason.trim())
      message.success(t('receipt.voided', { number: voided.number }))
      onVoided(voided)
    })

  return (
    <Modal
      open={receipt !== null}
      title={receipt ? t('receipt.voidTitle', { number: receipt.number }) : ''}
      okText={t('receipt.void')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ danger: true, htmlType: 'submit', form: FORM_ID, 'data-testid': 'receipt-void-ok' }}
      afterClose={() => {
        setError(null)
        form.resetFields()
      }}
      data-testid="receipt-void-modal"
    >
      {receipt ? (
        <Alert
          type="warning"
          showIcon
          title={t('receipt.voidWarning', { amount: formatFen(receipt.amountFen), unit: receipt.unitCode })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <ErrorAlert error={error} />
      <Form<{ reason: string }> id={FORM_ID} form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('receipt.voidReason')}
          rules={[
            { required: true, whitespace: true, message: t('billing.reasonRequired') },
            { min: 2, max: 200, message: t('billing.reasonLength') },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={200}
            data-testid="receipt-void-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
