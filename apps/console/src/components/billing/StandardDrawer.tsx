import { type FeeItem, type FeeStandard, type FeeStandardInput, ROUNDING_MODES } from '@meihao/contracts'
import { Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd'
import { addStandard } from '../../api/billing'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { FormDrawer } from '../FormDrawer'
import { MONTH, percentToBp, RATE, standardIn, thisMonth } from './billingValues'

const FORM_ID = 'fee-standard-form'

type Rounding = (typeof ROUNDING_MODES)[number]

interface StandardValues {
  effectiveFrom: string
  rate?: string
  rounding: Rounding
  vacancyOn: boolean
  minVacantMonths?: number
  /** The share vacant units pay, typed as a percent ("60"). */
  payPercent?: string
}

const toInput = (v: StandardValues): FeeStandardInput => ({
  effectiveFrom: v.effectiveFrom,
  rate: v.rate!.trim(),
  rounding: v.rounding,
  vacancy: v.vacancyOn
    ? { minVacantMonths: v.minVacantMonths ?? 6, payPercentBp: percentToBp(v.payPercent) ?? 0 }
    : null,
})

/**
 * 新增收费标准: a rate from a month on. Standards never change once added (bills refer to them); a new
 * price is a new standard from a later month.
 */
export function StandardDrawer({
  item,
  onClose,
  onSaved,
}: {
  /** The item the standard is for; null when closed. */
  item: FeeItem | null
  onClose: () => void
  onSaved: (standard: FeeStandard) => void
}) {
  const { t } = useI18n()
  const saving = useAction()

  const submit = (values: StandardValues) =>
    saving.run(async () => {
      if (!item) return
      onSaved(await addStandard(item.id, toInput(values)))
    })

  return (
    <FormDrawer
      open={item !== null}
      title={item ? t('fee.standardTitle', { name: item.name }) : ''}
      size={520}
      formId={FORM_ID}
      submitText={t('fee.standardSubmit')}
      testId="fee-standard-drawer"
      submitTestId="fee-standard-submit"
      action={saving}
      onClose={onClose}
    >
      {item ? <StandardForm item={item} onSubmit={submit} /> : null}
    </FormDrawer>
  )
}

function StandardForm({ item, onSubmit }: { item: FeeItem; onSubmit: (values: StandardValues) => void }) {
  const { t } = useI18n()
  const [form] = Form.useForm<StandardValues>()
  const vacancyOn = Form.useWatch('vacancyOn', form)
  const current = standardIn(item, '9999-12')
  return (
    <Form<StandardValues>
      id={FORM_ID}
      form={form}
      layout="vertical"
      initialValues={{
        effectiveFrom: thisMonth(),
        rate: current?.rate,
        rounding: current?.rounding ?? 'half_up',
        vacancyOn: false,
        minVacantMonths: 6,
        payPercent: '60',
      }}
      onFinish={onSubmit}
      data-testid="fee-standard-form"
    >
      <Typography.Paragraph type="secondary">{t('fee.standardHint')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="effectiveFrom"
            label={t('fee.effectiveFrom')}
            rules={[{ required: true, pattern: MONTH, message: t('billing.monthInvalid') }]}
          >
            <Input type="month" data-testid="fee-standard-from" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="rate"
            label={t('fee.rate')}
            extra={t(`rateUnit.${item.kind}`)}
            rules={[
              { required: true, message: t('fee.rateRequired') },
              { pattern: RATE, message: t('fee.rateInvalid') },
            ]}
          >
            <Input prefix="¥" inputMode="decimal" placeholder="2.80" data-testid="fee-standard-rate" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="rounding" label={t('fee.rounding')} extra={t('fee.roundingHint')}>
        <Select
          options={ROUNDING_MODES.map((r) => ({ value: r, label: t(`rounding.${r}`) }))}
          data-testid="fee-standard-rounding"
        />
      </Form.Item>
      <Form.Item
        name="vacancyOn"
        label={t('fee.vacancy')}
        valuePropName="checked"
        extra={t('fee.vacancyHint')}
      >
        <Switch data-testid="fee-standard-vacancy" />
      </Form.Item>
      {vacancyOn ? (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="minVacantMonths"
              label={t('fee.minVacantMonths')}
              rules={[{ required: true, type: 'integer', min: 1, max: 120, message: t('fee.monthsRange') }]}
            >
              <InputNumber
                min={1}
                max={120}
                precision={0}
                suffix={t('common.monthsUnit')}
                style={{ width: '100%' }}
                data-testid="fee-standard-vacant-months"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="payPercent"
              label={t('fee.payPercent')}
              rules={[
                {
                  required: true,
                  validator: (_, value: string | undefined) =>
                    percentToBp(value) !== null
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('fee.percentInvalid'))),
                },
              ]}
            >
              <Input suffix="%" inputMode="decimal" data-testid="fee-standard-pay-percent" />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
    </Form>
  )
}
