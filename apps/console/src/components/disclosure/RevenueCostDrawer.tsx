import type { RevenueEntry } from '@meihao/contracts'
import { Alert, Form, Input } from 'antd'
import { type AttachmentUpload, recordCost } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { today } from '../billing/billingValues'
import { FormDrawer } from '../FormDrawer'
import { useIdempotencyKey } from '../tickets/idempotency'
import { AttachmentPicker } from './AttachmentPicker'
import { type EntryValues, RevenueEntryFields } from './RevenueEntryFields'

const FORM_ID = 'revenue-cost-form'

interface CostValues extends EntryValues {
  counterparty?: string
  evidence?: AttachmentUpload[]
}

/**
 * 记录成本: a reasonable cost of earning the income (an agent's commission, the electricity of a billboard).
 * The company must prove it (解释 第14条): at least one invoice or contract is required.
 */
export function RevenueCostDrawer({
  open,
  communityId,
  onClose,
  onRecorded,
}: {
  open: boolean
  communityId: string
  onClose: () => void
  onRecorded: (entry: RevenueEntry) => void
}) {
  const { t } = useI18n()
  const saving = useAction()
  // A retried submission (a timeout, a double click) records the money once.
  const idempotency = useIdempotencyKey()

  const submit = (v: CostValues) =>
    saving.run(async () => {
      const input = {
        communityId,
        amountFen: yuanToFen(v.amount)!,
        occurredOn: v.occurredOn!,
        counterparty: v.counterparty?.trim() ?? '',
        summary: v.summary?.trim() ?? '',
        evidence: v.evidence ?? [],
      }
      const entry = await recordCost(input, idempotency.keyFor(input))
      idempotency.reset()
      onRecorded(entry)
    })

  return (
    <FormDrawer
      open={open}
      title={t('revenue.costTitle')}
      size={600}
      formId={FORM_ID}
      submitText={t('revenue.record')}
      testId="revenue-cost-drawer"
      submitTestId="revenue-cost-submit"
      action={saving}
      onClose={onClose}
    >
      <Alert type="info" showIcon title={t('revenue.costHint')} style={{ marginBottom: 16 }} />
      <Form<CostValues>
        id={FORM_ID}
        layout="vertical"
        initialValues={{ occurredOn: today(), evidence: [] }}
        onFinish={submit}
        data-testid="revenue-cost-form"
      >
        <RevenueEntryFields testIdPrefix="revenue-cost" summaryHint={t('revenue.summaryHint')} />
        <Form.Item name="counterparty" label={t('revenue.costCounterparty')} rules={[{ max: 100 }]}>
          <Input maxLength={100} data-testid="revenue-cost-counterparty" />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('revenue.evidence')}
          extra={t('revenue.costEvidenceHint')}
          rules={[
            {
              validator: (_, files: AttachmentUpload[] | undefined) =>
                files && files.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('revenue.evidenceRequired'))),
            },
          ]}
        >
          <AttachmentPicker testId="revenue-cost-evidence" />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}
