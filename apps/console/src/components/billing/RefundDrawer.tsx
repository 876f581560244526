import { COUNTER_CHANNELS, REFUND_KINDS, type Refund, type Unit } from '@meihao/contracts'
import { Col, Descriptions, Form, Input, Radio, Row, Select } from 'antd'
import { useState } from 'react'
import {
  type CounterChannel,
  getUnitAccount,
  listBills,
  type RefundKind,
  type RefundRequest,
  requestRefund,
} from '../../api/billing'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { formatFen, yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { FormDrawer } from '../FormDrawer'
import { useIdempotencyKey } from '../tickets/idempotency'
import { UnitSearchSelect } from '../tickets/UnitSearchSelect'

const FORM_ID = 'refund-form'

interface RefundValues {
  unitId?: string
  kind: RefundKind
  billId?: string
  amount?: string
  channel: CounterChannel
  reason?: string
}

const toRequest = (v: RefundValues): RefundRequest => ({
  unitId: v.unitId!,
  kind: v.kind,
  ...(v.kind === 'overcharge' && v.billId ? { billId: v.billId } : {}),
  amountFen: yuanToFen(v.amount)!,
  channel: v.channel,
  reason: v.reason!.trim(),
})

/**
 * 申请退款: prepaid money, a deposit, or an overcharged bill (a credit note on that bill), paid back by cash,
 * card or transfer. Someone else approves it (四眼原则) before anything is posted.
 */
export function RefundDrawer({
  open,
  communityId,
  onClose,
  onCreated,
}: {
  open: boolean
  communityId: string | null
  onClose: () => void
  onCreated: (refund: Refund) => void
}) {
  const { t } = useI18n()
  const saving = useAction()
  const idempotency = useIdempotencyKey()

  const submit = (values: RefundValues) =>
    saving.run(async () => {
      const input = toRequest(values)
      const refund = await requestRefund(input, idempotency.keyFor(input))
      idempotency.reset()
      onCreated(refund)
    })

  return (
    <FormDrawer
      open={open}
      title={t('refund.requestTitle')}
      size={600}
      formId={FORM_ID}
      submitText={t('refund.requestSubmit')}
      testId="refund-drawer"
      submitTestId="refund-submit"
      action={saving}
      onClose={onClose}
      afterClose={idempotency.reset}
    >
      <RefundForm communityId={communityId} onSubmit={submit} />
    </FormDrawer>
  )
}

function RefundForm({
  communityId,
  onSubmit,
}: {
  communityId: string | null
  onSubmit: (values: RefundValues) => void
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<RefundValues>()
  const [unit, setUnit] = useState<Unit | null>(null)
  const kind = Form.useWatch('kind', form)
  const unitId = unit?.id ?? null
  const account = useAsync(() => getUnitAccount(unitId!), [unitId], unitId !== null)
  const bills = useAsync(
    () => listBills({ communityId, unitId, limit: 100 }),
    [communityId, unitId],
    unitId !== null && kind === 'overcharge',
  )
  const a = account.data

  return (
    <Form<RefundValues>
      id={FORM_ID}
      form={form}
      layout="vertical"
      initialValues={{ kind: 'prepaid', channel: 'cash' }}
      onFinish={onSubmit}
      data-testid="refund-form"
    >
      <Form.Item
        name="unitId"
        label={t('bill.unit')}
        rules={[{ required: true, message: t('refund.unitRequired') }]}
        getValueFromEvent={(next: Unit | null) => next?.id}
      >
        <UnitSearchSelect
          communityId={communityId}
          onChange={(next) => {
            setUnit(next)
            form.setFieldValue('billId', undefined)
          }}
          testId="refund-unit"
        />
      </Form.Item>
      {a ? (
        <Descriptions size="small" column={3} style={{ marginBottom: 16 }} data-testid="refund-balances">
          <Descriptions.Item label={t('counter.prepaid')}>{formatFen(a.prepaidFen)}</Descriptions.Item>
          <Descriptions.Item label={t('counter.deposit')}>{formatFen(a.depositFen)}</Descriptions.Item>
          <Descriptions.Item label={t('counter.openTotal')}>{formatFen(a.openFen)}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Form.Item name="kind" label={t('refund.kind')} extra={kind ? t(`refundKindHint.${kind}`) : undefined}>
        <Radio.Group
          optionType="button"
          options={REFUND_KINDS.map((k) => ({ value: k, label: t(`refundKind.${k}`) }))}
          data-testid="refund-kind"
        />
      </Form.Item>
      {kind === 'overcharge' ? (
        <Form.Item
          name="billId"
          label={t('refund.bill')}
          rules={[{ required: true, message: t('refund.billRequired') }]}
        >
          <Select
            disabled={!unitId}
            loading={bills.loading}
            status={bills.error ? 'error' : undefined}
            placeholder={unitId ? t('refund.billPlaceholder') : t('refund.unitFirst')}
            options={(bills.data?.items ?? [])
              .filter((b) => b.status !== 'void')
              .map((b) => ({
                value: b.id,
                label: t('refund.billOption', {
                  item: b.feeItemName,
                  period: b.periodStart,
                  amount: formatFen(b.amountFen),
                  status: t(`billStatus.${b.status}`),
                }),
              }))}
            notFoundContent={bills.loading ? t('common.loading') : t('bill.empty')}
            data-testid="refund-bill"
          />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item
            name="amount"
            label={t('refund.amount')}
            rules={[
              { required: true, message: t('counter.amountRequired') },
              {
                validator: (_, value: string | undefined) => {
                  if (!value) return Promise.resolve()
                  const fen = yuanToFen(value)
                  return fen !== null && fen >= 1
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('counter.amountInvalid')))
                },
              },
            ]}
          >
            <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid="refund-amount" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="channel" label={t('refund.channel')}>
            <Radio.Group
              optionType="button"
              options={COUNTER_CHANNELS.map((c) => ({ value: c, label: t(`payChannel.${c}`) }))}
              data-testid="refund-channel"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="reason"
        label={t('refund.reason')}
        rules={[
          { required: true, whitespace: true, message: t('billing.reasonRequired') },
          { min: 2, max: 200, message: t('billing.reasonLength') },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={200} data-testid="refund-reason" />
      </Form.Item>
    </Form>
  )
}
