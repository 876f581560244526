import { REVENUE_SOURCES, type RevenueEntry } from '@meihao/contracts'
import { Col, Form, Input, Row, Select } from 'antd'
import { type AttachmentUpload, type RevenueSource, recordIncome } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { today } from '../billing/billingValues'
import { FormDrawer } from '../FormDrawer'
import { useIdempotencyKey } from '../tickets/idempotency'
import { AttachmentPicker } from './AttachmentPicker'
import { type EntryValues, RevenueEntryFields } from './RevenueEntryFields'

const FORM_ID = 'revenue-income-form'

interface IncomeValues extends EntryValues {
  source: RevenueSource
  counterparty?: string
  contractRef?: string
  evidence?: AttachmentUpload[]
}

/** 记录收入: income from common parts (advertising, parking on common roads, rental, telecom rent…). */
export function RevenueIncomeDrawer({
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

  const submit = (v: IncomeValues) =>
    saving.run(async () => {
      const input = {
        communityId,
        source: v.source,
        amountFen: yuanToFen(v.amount)!,
        occurredOn: v.occurredOn!,
        counterparty: v.counterparty?.trim() ?? '',
        contractRef: v.contractRef?.trim() ?? '',
        summary: v.summary?.trim() ?? '',
        evidence: v.evidence ?? [],
      }
      const entry = await recordIncome(input, idempotency.keyFor(input))
      idempotency.reset()
      onRecorded(entry)
    })

  return (
    <FormDrawer
      open={open}
      title={t('revenue.incomeTitle')}
      size={600}
      formId={FORM_ID}
      submitText={t('revenue.record')}
      testId="revenue-income-drawer"
      submitTestId="revenue-income-submit"
      action={saving}
      onClose={onClose}
    >
      <Form<IncomeValues>
        id={FORM_ID}
        layout="vertical"
        initialValues={{ source: 'lift_ads', occurredOn: today(), evidence: [] }}
        onFinish={submit}
        data-testid="revenue-income-form"
      >
        <Form.Item name="source" label={t('revenue.source')} rules={[{ required: true }]}>
          <Select
            virtual={false}
            options={REVENUE_SOURCES.map((s) => ({
              value: s,
              label: <span data-testid={`revenue-source-${s}`}>{t(`revenueSource.${s}`)}</span>,
            }))}
            data-testid="revenue-income-source"
          />
        </Form.Item>
        <RevenueEntryFields testIdPrefix="revenue-income" summaryHint={t('revenue.summaryHint')} />
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="counterparty" label={t('revenue.counterparty')} rules={[{ max: 100 }]}>
              <Input
                maxLength={100}
                placeholder={t('revenue.counterpartyPlaceholder')}
                data-testid="revenue-income-counterparty"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contractRef" label={t('revenue.contractRef')} rules={[{ max: 100 }]}>
              <Input maxLength={100} data-testid="revenue-income-contract" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="evidence" label={t('revenue.evidence')} extra={t('revenue.incomeEvidenceHint')}>
          <AttachmentPicker testId="revenue-income-evidence" />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}
