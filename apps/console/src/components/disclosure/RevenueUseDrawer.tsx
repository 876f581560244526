import type { RevenueEntry } from '@meihao/contracts'
import { Alert, Form } from 'antd'
import { type AttachmentUpload, recordUse } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { today } from '../billing/billingValues'
import { FormDrawer } from '../FormDrawer'
import { useIdempotencyKey } from '../tickets/idempotency'
import { AttachmentPicker } from './AttachmentPicker'
import { DecisionTopicFields } from './DecisionTopicFields'
import { REVENUE_USE_ITEMS } from './disclosureValues'
import { type EntryValues, RevenueEntryFields } from './RevenueEntryFields'

const FORM_ID = 'revenue-use-form'

interface UseValues extends EntryValues {
  decisionId?: string
  topicId?: string
  evidence?: AttachmentUpload[]
}

/** 记录使用: spending the owners' revenue as a passed decision allows (278 items 五 or 九). */
export function RevenueUseDrawer({
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

  const submit = (v: UseValues) =>
    saving.run(async () => {
      const input = {
        communityId,
        amountFen: yuanToFen(v.amount)!,
        occurredOn: v.occurredOn!,
        summary: v.summary?.trim() ?? '',
        decisionId: v.decisionId!.trim(),
        topicId: v.topicId!.trim(),
        evidence: v.evidence ?? [],
      }
      const entry = await recordUse(input, idempotency.keyFor(input))
      idempotency.reset()
      onRecorded(entry)
    })

  return (
    <FormDrawer
      open={open}
      title={t('revenue.useTitle')}
      size={640}
      formId={FORM_ID}
      submitText={t('revenue.record')}
      testId="revenue-use-drawer"
      submitTestId="revenue-use-submit"
      action={saving}
      onClose={onClose}
    >
      <Alert type="info" showIcon title={t('revenue.useHint')} style={{ marginBottom: 16 }} />
      <Form<UseValues>
        id={FORM_ID}
        layout="vertical"
        initialValues={{ occurredOn: today(), evidence: [] }}
        onFinish={submit}
        data-testid="revenue-use-form"
      >
        <DecisionTopicFields communityId={communityId} items={REVENUE_USE_ITEMS} testIdPrefix="revenue-use" />
        <RevenueEntryFields testIdPrefix="revenue-use" summaryHint={t('revenue.summaryHint')} />
        <Form.Item name="evidence" label={t('revenue.evidence')}>
          <AttachmentPicker testId="revenue-use-evidence" />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}
