import type { BillingSettings } from '@meihao/contracts'
import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton } from 'antd'
import { useEffect } from 'react'
import { getBillingSettings, saveBillingSettings } from '../../api/billing'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'

/** 收费设置 of a community: how many months ahead a unit may prepay, and when bills fall due. */
export function BillingSettingsCard({ communityId, editable }: { communityId: string; editable: boolean }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<BillingSettings>()
  const settings = useAsync(() => getBillingSettings(communityId), [communityId])
  const saving = useAction()

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data)
  }, [settings.data, form])

  const submit = (values: BillingSettings) =>
    saving.run(async () => {
      const saved = await saveBillingSettings(communityId, values)
      settings.setData(() => saved)
      message.success(t('common.saved'))
    })

  return (
    <Card size="small" title={t('fee.settings')} data-testid="billing-settings">
      <ErrorAlert error={settings.error} onRetry={settings.reload} />
      {settings.loading && !settings.data ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {settings.data ? (
        <Form<BillingSettings> form={form} layout="vertical" onFinish={submit} disabled={!editable}>
          <ErrorAlert error={saving.error} />
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item
                name="prepaidMaxMonths"
                label={t('fee.prepaidMaxMonths')}
                extra={t('fee.prepaidMaxMonthsHint')}
                rules={[{ required: true, type: 'integer', min: 0, max: 60, message: t('fee.prepaidRange') }]}
              >
                <InputNumber
                  min={0}
                  max={60}
                  precision={0}
                  suffix={t('common.monthsUnit')}
                  style={{ width: '100%' }}
                  data-testid="billing-settings-prepaid"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="dueDays"
                label={t('fee.dueDays')}
                extra={t('fee.dueDaysHint')}
                rules={[
                  { required: true, type: 'integer', min: 0, max: 365, message: t('fee.dueDaysRange') },
                ]}
              >
                <InputNumber
                  min={0}
                  max={365}
                  precision={0}
                  suffix={t('common.daysUnit')}
                  style={{ width: '100%' }}
                  data-testid="billing-settings-due"
                />
              </Form.Item>
            </Col>
          </Row>
          {editable ? (
            <Button
              type="primary"
              htmlType="submit"
              loading={saving.busy}
              data-testid="billing-settings-save"
            >
              {t('common.save')}
            </Button>
          ) : null}
        </Form>
      ) : null}
    </Card>
  )
}
