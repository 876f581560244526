import type { DunningCampaign } from '@meihao/contracts'
import { Alert, Checkbox, Col, Form, Input, InputNumber, Row, Typography } from 'antd'
import { type DunningChannel, startDunning } from '../../api/billing'
import { useAction } from '../../hooks/useAction'
import { yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { FormDrawer } from '../FormDrawer'

const FORM_ID = 'dunning-form'
export const DUNNING_CHANNELS: readonly DunningChannel[] = ['in_app', 'sms', 'notice']

interface DunningValues {
  minAmount?: string
  channels: DunningChannel[]
  payWithinDays: number
}

/**
 * 民法典第944条: collecting is by written reminders, notices showing only unit and amount, and litigation or
 * arbitration — never by cutting water, power, heat, gas, access or lifts.
 */
export function LawfulCollectionNote({ style }: { style?: React.CSSProperties }) {
  const { t } = useI18n()
  return (
    <Alert
      type="info"
      showIcon
      title={t('arrears.lawTitle')}
      description={t('arrears.lawText')}
      style={style}
      data-testid="arrears-law-note"
    />
  )
}

/**
 * 催缴: reminds every unit of the community owing at least the amount past due, by in-app message, SMS and/or
 * a printable notice for the estate, giving a reasonable period to pay.
 */
export function DunningDrawer({
  open,
  communityId,
  onClose,
  onCreated,
}: {
  open: boolean
  communityId: string | null
  onClose: () => void
  onCreated: (campaign: DunningCampaign) => void
}) {
  const { t } = useI18n()
  const saving = useAction()

  const submit = (values: DunningValues) =>
    saving.run(async () => {
      if (!communityId) return
      const campaign = await startDunning({
        communityId,
        minFen: yuanToFen(values.minAmount)!,
        channels: values.channels,
        payWithinDays: values.payWithinDays,
      })
      onCreated(campaign)
    })

  return (
    <FormDrawer
      open={open}
      title={t('dunning.title')}
      size={560}
      formId={FORM_ID}
      submitText={t('dunning.submit')}
      testId="dunning-drawer"
      submitTestId="dunning-submit"
      action={saving}
      onClose={onClose}
    >
      <LawfulCollectionNote style={{ marginBottom: 16 }} />
      <DunningForm onSubmit={submit} />
    </FormDrawer>
  )
}

function DunningForm({ onSubmit }: { onSubmit: (values: DunningValues) => void }) {
  const { t } = useI18n()
  return (
    <Form<DunningValues>
      id={FORM_ID}
      layout="vertical"
      initialValues={{ minAmount: '100.00', channels: ['in_app'], payWithinDays: 15 }}
      onFinish={onSubmit}
      data-testid="dunning-form"
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="minAmount"
            label={t('dunning.minAmount')}
            extra={t('dunning.minAmountHint')}
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
            <Input prefix="¥" inputMode="decimal" data-testid="dunning-min-amount" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="payWithinDays"
            label={t('dunning.payWithinDays')}
            extra={t('dunning.payWithinDaysHint')}
            rules={[{ required: true, type: 'integer', min: 7, max: 90, message: t('dunning.daysRange') }]}
          >
            <InputNumber
              min={7}
              max={90}
              precision={0}
              suffix={t('common.daysUnit')}
              style={{ width: '100%' }}
              data-testid="dunning-days"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="channels"
        label={t('dunning.channels')}
        rules={[{ required: true, type: 'array', min: 1, message: t('dunning.channelsRequired') }]}
      >
        <Checkbox.Group data-testid="dunning-channels">
          {DUNNING_CHANNELS.map((c) => (
            <Checkbox key={c} value={c}>
              <span data-testid={`dunning-channel-${c}`}>{t(`dunningChannel.${c}`)}</span>
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('dunning.channelsHint')}</Typography.Paragraph>
    </Form>
  )
}
