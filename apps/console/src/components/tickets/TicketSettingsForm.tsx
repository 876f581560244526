import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { EscalationStep, TicketSettings } from '@meihao/contracts'
import {
  App,
  Button,
  Checkbox,
  Col,
  Divider,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd'
import { useEffect } from 'react'
import { getTicketSettings, saveTicketSettings } from '../../api/tickets'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { type CommunityScopeProps, CommunitySelect } from '../CommunitySelect'
import { ErrorAlert } from '../ErrorAlert'

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
const ORG_LEVELS = ['project', 'city', 'group'] as const
const MAX_STEPS = 5

/** The two lists of dates, typed as tags. */
const DATE_LISTS = [
  { name: 'holidays', placeholder: '2026-10-01', testId: 'ticket-settings-holidays' },
  { name: 'workdays', placeholder: '2026-10-11', testId: 'ticket-settings-workdays' },
] as const

const SWITCHES = [
  { name: 'reopenOnLowRating', testId: 'ticket-settings-reopen' },
  { name: 'autoDispatch', testId: 'ticket-settings-auto-dispatch' },
] as const

/** A whole number from 1 to `max`, labelled `settings.<label>` with its hint `settings.<label>Hint`. */
interface IntegerField {
  name: 'warningPercent' | 'duplicateWindowHours'
  label: 'warningPercent' | 'duplicateWindow'
  max: number
  message: 'settings.percentRange' | 'settings.hoursRange'
  suffix: string
  testId: string
}

type SettingsValues = Omit<TicketSettings, 'escalation'> & {
  escalation: Omit<EscalationStep, 'level'>[]
}

const toValues = (s: TicketSettings): SettingsValues => ({
  ...s,
  escalation: [...s.escalation]
    .sort((a, b) => a.level - b.level)
    .map(({ afterMinutes, orgLevel }) => ({ afterMinutes, orgLevel })),
})

/** The form's rows in order are levels 1, 2, 3…; dates sorted and without repeats. */
const toSettings = (v: SettingsValues): TicketSettings => ({
  ...v,
  businessDays: [...v.businessDays].sort((a, b) => a - b),
  holidays: [...new Set(v.holidays)].sort(),
  workdays: [...new Set(v.workdays)].sort(),
  escalation: v.escalation.map((step, i) => ({ level: i + 1, ...step })),
})

/**
 * 小区设置: one community's business hours and holidays (for policies measured in business time), when to
 * warn, what a low rating does, automatic dispatch, the duplicate window and the escalation ladder.
 */
export function TicketSettingsForm({ communityId, onCommunityChange }: CommunityScopeProps) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<SettingsValues>()
  const settings = useAsync(() => getTicketSettings(communityId!), [communityId], communityId !== null)
  const saving = useAction()

  useEffect(() => {
    if (settings.data) form.setFieldsValue(toValues(settings.data))
  }, [settings.data, form])

  const submit = (values: SettingsValues) =>
    saving.run(async () => {
      if (!communityId) return
      const saved = await saveTicketSettings(communityId, toSettings(values))
      settings.setData(() => saved)
      message.success(t('common.saved'))
    })

  const dateRule = {
    validator: (_: unknown, value: string[] | undefined) =>
      (value ?? []).every((d) => DATE.test(d))
        ? Promise.resolve()
        : Promise.reject(new Error(t('settings.dateInvalid'))),
  }
  const integerField = (field: IntegerField) => (
    <Col key={field.name} xs={24} md={8}>
      <Form.Item
        name={field.name}
        label={t(`settings.${field.label}`)}
        tooltip={t(`settings.${field.label}Hint`)}
        rules={[{ required: true, type: 'integer', min: 1, max: field.max, message: t(field.message) }]}
      >
        <InputNumber min={1} max={field.max} precision={0} suffix={field.suffix} data-testid={field.testId} />
      </Form.Item>
    </Col>
  )

  return (
    <div data-testid="ticket-settings">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={onCommunityChange}
          testId="ticket-settings-community"
          style={{ width: 280 }}
        />
      </Flex>
      {communityId === null ? <Empty description={t('settings.pickCommunity')} /> : null}
      <ErrorAlert error={settings.error} onRetry={settings.reload} />
      {settings.loading && !settings.data ? <Skeleton active /> : null}
      {communityId && settings.data ? (
        <Form<SettingsValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          style={{ maxWidth: 820 }}
          data-testid="ticket-settings-form"
        >
          <ErrorAlert error={saving.error} />
          <Divider titlePlacement="start">{t('settings.businessHours')}</Divider>
          <Form.Item
            name="businessDays"
            label={t('settings.businessDays')}
            rules={[{ required: true, type: 'array', min: 1, message: t('settings.businessDaysRequired') }]}
          >
            <Checkbox.Group
              options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekday.${d}`) }))}
              data-testid="ticket-settings-days"
            />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12} md={6}>
              <Form.Item
                name="businessStart"
                label={t('settings.businessStart')}
                rules={[{ required: true, pattern: HHMM, message: t('settings.timeInvalid') }]}
              >
                <Input placeholder="08:30" maxLength={5} data-testid="ticket-settings-start" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="businessEnd"
                label={t('settings.businessEnd')}
                dependencies={['businessStart']}
                rules={[
                  { required: true, pattern: HHMM, message: t('settings.timeInvalid') },
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | undefined) =>
                      value && HHMM.test(value) && value <= String(getFieldValue('businessStart'))
                        ? Promise.reject(new Error(t('settings.endAfterStart')))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <Input placeholder="17:30" maxLength={5} data-testid="ticket-settings-end" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            {DATE_LISTS.map(({ name, placeholder, testId }) => (
              <Col key={name} xs={24} md={12}>
                <Form.Item
                  name={name}
                  label={t(`settings.${name}`)}
                  extra={t(`settings.${name}Hint`)}
                  rules={[dateRule]}
                >
                  <Select
                    mode="tags"
                    tokenSeparators={[',', '，', ' ', '\n']}
                    placeholder={placeholder}
                    open={false}
                    data-testid={testId}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>

          <Divider titlePlacement="start">{t('settings.handling')}</Divider>
          <Row gutter={12}>
            {integerField({
              name: 'warningPercent',
              label: 'warningPercent',
              max: 99,
              message: 'settings.percentRange',
              suffix: '%',
              testId: 'ticket-settings-warning',
            })}
            {integerField({
              name: 'duplicateWindowHours',
              label: 'duplicateWindow',
              max: 720,
              message: 'settings.hoursRange',
              suffix: t('settings.hoursUnit'),
              testId: 'ticket-settings-duplicate-window',
            })}
          </Row>
          <Row gutter={12}>
            {SWITCHES.map(({ name, testId }) => (
              <Col key={name} xs={24} md={12}>
                <Form.Item
                  name={name}
                  label={t(`settings.${name}`)}
                  valuePropName="checked"
                  extra={t(`settings.${name}Hint`)}
                >
                  <Switch data-testid={testId} />
                </Form.Item>
              </Col>
            ))}
          </Row>

          <Divider titlePlacement="start">{t('settings.escalation')}</Divider>
          <Typography.Paragraph type="secondary">{t('settings.escalationHint')}</Typography.Paragraph>
          <Form.List name="escalation">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4} data-testid="ticket-settings-escalation">
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="baseline" wrap data-testid="escalation-step">
                    <Typography.Text strong style={{ width: 64 }}>
                      {t('ticket.escalationLevel', { level: index + 1 })}
                    </Typography.Text>
                    <Form.Item
                      name={[field.name, 'afterMinutes']}
                      rules={[{ required: true, message: t('sla.minutesRequired') }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber
                        min={0}
                        max={60 * 24 * 30}
                        precision={0}
                        prefix={t('settings.afterBreach')}
                        suffix={t('settings.minutesUnit')}
                        style={{ width: 220 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'orgLevel']}
                      rules={[{ required: true }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Select
                        style={{ width: 160 }}
                        options={ORG_LEVELS.map((o) => ({ value: o, label: t(`orgLevel.${o}`) }))}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                {fields.length < MAX_STEPS ? (
                  <div>
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add({ afterMinutes: 0, orgLevel: 'project' })}
                      data-testid="escalation-add"
                    >
                      {t('settings.addStep')}
                    </Button>
                  </div>
                ) : null}
              </Flex>
            )}
          </Form.List>

          <Flex justify="flex-end" style={{ marginTop: 24 }}>
            <Button type="primary" htmlType="submit" loading={saving.busy} data-testid="ticket-settings-save">
              {t('common.save')}
            </Button>
          </Flex>
        </Form>
      ) : null}
    </div>
  )
}
