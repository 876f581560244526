import { Alert, Form, Input, Radio } from 'antd'
import { type FundBatchResult, takeFirstDeposits } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { today } from '../billing/billingValues'
import { FormDrawer } from '../FormDrawer'
import { useIdempotencyKey } from '../tickets/idempotency'
import { UnitMultiSelect } from './UnitMultiSelect'
import { dateRules } from './yuanRules'

const FORM_ID = 'fund-first-deposit-form'

interface FirstDepositValues {
  scope: 'all' | 'some'
  unitIds?: string[]
  occurredOn?: string
}

/**
 * 首期交存: each unit's first deposit, its building area × the rate per m² its building takes (set in 公示
 * 设置). For every unit that has none yet, or for the units named.
 */
export function FirstDepositDrawer({
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
  const idempotency = useIdempotencyKey()
  const submit = (v: FirstDepositValues) =>
    saving.run(async () => {
      const input = {
        communityId,
        unitIds: v.scope === 'some' ? (v.unitIds ?? []) : [],
        occurredOn: v.occurredOn!,
      }
      const result = await takeFirstDeposits(input, idempotency.keyFor(input))
      idempotency.reset()
      onDone(result)
    })
  return (
    <FormDrawer
      open={open}
      title={t('fund.firstDepositsTitle')}
      size={560}
      formId={FORM_ID}
      submitText={t('fund.record')}
      testId="fund-first-deposits-drawer"
      submitTestId="fund-first-deposits-submit"
      action={saving}
      onClose={onClose}
    >
      <Alert type="info" showIcon title={t('fund.firstDepositsHint')} style={{ marginBottom: 16 }} />
      <FirstDepositForm communityId={communityId} onSubmit={submit} />
    </FormDrawer>
  )
}

function FirstDepositForm({
  communityId,
  onSubmit,
}: {
  communityId: string
  onSubmit: (values: FirstDepositValues) => void
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<FirstDepositValues>()
  const scope = Form.useWatch('scope', form)
  return (
    <Form<FirstDepositValues>
      id={FORM_ID}
      form={form}
      layout="vertical"
      initialValues={{ scope: 'all', unitIds: [], occurredOn: today() }}
      onFinish={onSubmit}
      data-testid="fund-first-deposits-form"
    >
      <Form.Item name="scope" label={t('fund.firstDepositsScope')}>
        <Radio.Group
          options={[
            { value: 'all', label: t('fund.scopeAll') },
            { value: 'some', label: t('fund.scopeSome') },
          ]}
          data-testid="fund-first-deposits-scope"
        />
      </Form.Item>
      {scope === 'some' ? (
        <Form.Item
          name="unitIds"
          label={t('fund.units')}
          rules={[{ required: true, type: 'array', min: 1, message: t('fund.unitsRequired') }]}
        >
          <UnitMultiSelect communityId={communityId} testId="fund-first-deposits-units" />
        </Form.Item>
      ) : null}
      <Form.Item name="occurredOn" label={t('fund.occurredOn')} rules={dateRules(t)}>
        <Input type="date" data-testid="fund-first-deposits-date" />
      </Form.Item>
    </Form>
  )
}
