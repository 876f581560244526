import { Alert, Col, Form, Input, Row } from 'antd'
import { allocateGain, type FundBatchResult } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { today } from '../billing/billingValues'
import { FormDrawer } from '../FormDrawer'
import { useIdempotencyKey } from '../tickets/idempotency'
import { dateRules, yuanRules } from './yuanRules'

const FORM_ID = 'fund-gain-form'

interface GainValues {
  amount?: string
  occurredOn?: string
  memo?: string
}

/** 收益分配: interest and other gains of the fund, shared among all sub-accounts by building area. */
export function GainDrawer({
  open,
  communityId,
  onClose,
  onDone,
}: {
  open: boolean
  communityId: string
  onClose: () => void
  onDone: (result: FundBatchResult) => void
}) {
  const { t } = useI18n()
  const saving = useAction()
  // A retried submission (a timeout, a double click) records the money once.
  const idempotency = useIdempotencyKey()
  const submit = (v: GainValues) =>
    saving.run(async () => {
      const input = {
        communityId,
        amountFen: yuanToFen(v.amount)!,
        occurredOn: v.occurredOn!,
        memo: v.memo?.trim() ?? '',
      }
      const done = await allocateGain(input, idempotency.keyFor(input))
      idempotency.reset()
      onDone(done)
    })
  return (
    <FormDrawer
      open={open}
      title={t('fund.gainTitle')}
      size={520}
      formId={FORM_ID}
      submitText={t('fund.allocate')}
      testId="fund-gain-drawer"
      submitTestId="fund-gain-submit"
      action={saving}
      onClose={onClose}
    >
      <Alert type="info" showIcon title={t('fund.gainHint')} style={{ marginBottom: 16 }} />
      <Form<GainValues>
        id={FORM_ID}
        layout="vertical"
        initialValues={{ occurredOn: today() }}
        onFinish={submit}
        data-testid="fund-gain-form"
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="amount" label={t('fund.amountYuan')} rules={yuanRules(t)}>
              <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid="fund-gain-amount" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="occurredOn" label={t('fund.occurredOn')} rules={dateRules(t)}>
              <Input type="date" data-testid="fund-gain-date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="memo"
          label={t('fund.memo')}
          rules={[
            { required: true, whitespace: true, message: t('fund.memoRequired') },
            { min: 2, max: 200, message: t('fund.memoLength') },
          ]}
        >
          <Input maxLength={200} placeholder={t('fund.gainMemoPlaceholder')} data-testid="fund-gain-memo" />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}
