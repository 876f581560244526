import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { CITY_RULE_CODES, type DisclosureSettings } from '@meihao/contracts'
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd'
import {
  type CityRule,
  type FundRate,
  getDisclosureSettings,
  saveDisclosureSettings,
} from '../../api/disclosure'
import { cachedCommunities, listBuildings } from '../../api/estate'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { AllocationText } from './CityRuleText'
import { fenToYuanText } from './disclosureValues'
import { PublicPageCard } from './PublicPageCard'

const FORM_ID = 'disclosure-settings-form'
const RATE_CODE = /^[a-z0-9_]{1,32}$/

interface RateValues {
  code?: string
  name?: string
  /** 元/m² as typed. */
  yuan?: string
}
interface SettingsValues {
  cityRule: CityRule
  rates: RateValues[]
  /** Building id → rate code. */
  buildings: Record<string, string | undefined>
}

const toValues = (s: DisclosureSettings): SettingsValues => ({
  cityRule: s.cityRule,
  rates: s.fundRates.map((r) => ({ code: r.code, name: r.name, yuan: fenToYuanText(r.fenPerM2) })),
  buildings: { ...s.buildingRates },
})

/**
 * 公示设置 of a community: the city whose rules apply (by default from its division code), the fund's
 * deposit rates per m² by building type and which rate each building takes, and the notice-board page with
 * its QR code. Only holders of disclosure.manage change them.
 */
export function DisclosureSettingsPanel({
  communityId,
  editable,
}: {
  communityId: string
  editable: boolean
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const settings = useAsync(() => getDisclosureSettings(communityId), [communityId])
  const communities = useAsync(cachedCommunities, [])
  const communityName = communities.data?.find((c) => c.id === communityId)?.name ?? ''
  const saving = useAction()
  const toggling = useAction()

  const togglePage = (on: boolean) =>
    toggling.run(async () => {
      const next = await saveDisclosureSettings(communityId, { publicPage: on })
      settings.setData(() => next)
      message.success(on ? t('publicPage.turnedOn') : t('publicPage.turnedOff'))
    })

  const save = (v: SettingsValues) =>
    saving.run(async () => {
      const current = settings.data
      if (!current) return
      const fundRates: FundRate[] = v.rates.map((r) => ({
        code: r.code?.trim() ?? '',
        name: r.name?.trim() ?? '',
        fenPerM2: yuanToFen(r.yuan) ?? 0,
      }))
      const codes = new Set(fundRates.map((r) => r.code))
      const buildingRates: Record<string, string> = {}
      for (const [buildingId, code] of Object.entries(v.buildings ?? {}))
        if (code && codes.has(code)) buildingRates[buildingId] = code
      const next = await saveDisclosureSettings(communityId, {
        // Sent only when changed: a community on its division's default stays on it.
        ...(v.cityRule !== current.cityRule ? { cityRule: v.cityRule } : {}),
        fundRates,
        buildingRates,
      })
      settings.setData(() => next)
      message.success(t('common.saved'))
    })

  if (settings.loading && !settings.data) return <Skeleton active />
  return (
    <Flex vertical gap={16} data-testid="disclosure-settings">
      <ErrorAlert error={settings.error} onRetry={settings.reload} />
      {settings.data ? (
        <>
          <SettingsForm
            // Fresh from what was saved; turning the page on or off keeps what is being typed.
            key={JSON.stringify([
              settings.data.cityRule,
              settings.data.fundRates,
              settings.data.buildingRates,
            ])}
            communityId={communityId}
            settings={settings.data}
            editable={editable}
            busy={saving.busy}
            error={saving.error}
            onSubmit={save}
          />
          <ErrorAlert error={toggling.error} />
          <PublicPageCard
            communityName={communityName}
            publicPath={settings.data.publicPath}
            editable={editable}
            busy={toggling.busy}
            onToggle={(on) => void togglePage(on)}
          />
        </>
      ) : null}
    </Flex>
  )
}

function SettingsForm({
  communityId,
  settings,
  editable,
  busy,
  error,
  onSubmit,
}: {
  communityId: string
  settings: DisclosureSettings
  editable: boolean
  busy: boolean
  error: unknown
  onSubmit: (values: SettingsValues) => void
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<SettingsValues>()
  const buildings = useAsync(() => listBuildings(communityId), [communityId])
  const rates = (Form.useWatch('rates', form) ?? []) as RateValues[]
  const rateOptions = rates
    .filter((r) => r?.code && RATE_CODE.test(r.code))
    .map((r) => ({ value: r.code!, label: r.name ? `${r.name}（${r.code}）` : r.code! }))

  return (
    <Form<SettingsValues>
      id={FORM_ID}
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={toValues(settings)}
      onFinish={onSubmit}
      data-testid="disclosure-settings-form"
    >
      <Flex vertical gap={16}>
        <Card size="small" title={t('settingsDisclosure.cityTitle')}>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item
                name="cityRule"
                label={t('settingsDisclosure.cityRule')}
                extra={
                  settings.cityRuleIsDefault ? (
                    <Tag color="blue" data-testid="city-rule-default">
                      {t('settingsDisclosure.cityRuleDefault')}
                    </Tag>
                  ) : (
                    <Tag data-testid="city-rule-chosen">{t('settingsDisclosure.cityRuleChosen')}</Tag>
                  )
                }
              >
                <Select
                  virtual={false}
                  options={CITY_RULE_CODES.map((c) => ({ value: c, label: t(`cityRule.${c}`) }))}
                  data-testid="city-rule-select"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('quarter.rule')}>
                  <AllocationText rule={settings.allocation} />
                </Descriptions.Item>
                <Descriptions.Item label={t('settingsDisclosure.emergencyCap')}>
                  {settings.emergencyCapPercent === null
                    ? t('settingsDisclosure.noCap')
                    : t('settingsDisclosure.capPercent', { percent: settings.emergencyCapPercent })}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('settingsDisclosure.cityHint')}
              </Typography.Text>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('settingsDisclosure.ratesTitle')} data-testid="fund-rates">
          <Typography.Paragraph type="secondary">{t('settingsDisclosure.ratesHint')}</Typography.Paragraph>
          <Form.List name="rates">
            {(fields, { add, remove }) => (
              <Flex vertical gap={0}>
                {fields.length === 0 ? <Empty description={t('settingsDisclosure.noRates')} /> : null}
                {fields.map((field) => (
                  <Row key={field.key} gutter={8} align="top" data-testid="fund-rate-row">
                    <Col span={7}>
                      <Form.Item
                        name={[field.name, 'code']}
                        label={field.name === 0 ? t('settingsDisclosure.rateCode') : undefined}
                        rules={[
                          { required: true, message: t('settingsDisclosure.rateCodeRequired') },
                          { pattern: RATE_CODE, message: t('settingsDisclosure.rateCodeInvalid') },
                          ({ getFieldValue }) => ({
                            validator: (_, value: string | undefined) => {
                              const all = (getFieldValue('rates') as RateValues[]).map((r) => r?.code)
                              return !value || all.filter((c) => c === value).length <= 1
                                ? Promise.resolve()
                                : Promise.reject(new Error(t('settingsDisclosure.rateCodeDuplicate')))
                            },
                          }),
                        ]}
                      >
                        <Input maxLength={32} placeholder="lift" data-testid="fund-rate-code" />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={field.name === 0 ? t('settingsDisclosure.rateName') : undefined}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('settingsDisclosure.rateNameRequired'),
                          },
                        ]}
                      >
                        <Input
                          maxLength={50}
                          placeholder={t('settingsDisclosure.rateNamePlaceholder')}
                          data-testid="fund-rate-name"
                        />
                      </Form.Item>
                    </Col>
                    <Col span={7}>
                      <Form.Item
                        name={[field.name, 'yuan']}
                        label={field.name === 0 ? t('settingsDisclosure.ratePerM2') : undefined}
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
                        <Input
                          prefix="¥"
                          suffix="/m²"
                          inputMode="decimal"
                          placeholder="120.00"
                          data-testid="fund-rate-yuan"
                        />
                      </Form.Item>
                    </Col>
                    <Col span={2} style={{ paddingTop: field.name === 0 ? 30 : 0 }}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.remove')}
                        onClick={() => remove(field.name)}
                        data-testid="fund-rate-remove"
                      />
                    </Col>
                  </Row>
                ))}
                <div>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ code: '', name: '', yuan: '' })}
                    disabled={!editable || fields.length >= 20}
                    data-testid="fund-rate-add"
                  >
                    {t('settingsDisclosure.addRate')}
                  </Button>
                </div>
              </Flex>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('settingsDisclosure.buildingsTitle')} data-testid="building-rates">
          <ErrorAlert error={buildings.error} onRetry={buildings.reload} />
          <Table
            rowKey="id"
            size="small"
            loading={buildings.loading}
            dataSource={buildings.data ?? []}
            pagination={false}
            locale={{ emptyText: t('settingsDisclosure.noBuildings') }}
            columns={[
              {
                title: t('settingsDisclosure.building'),
                key: 'building',
                render: (_, b) => (b.name && b.name !== b.code ? `${b.code} · ${b.name}` : b.code),
              },
              { title: t('settingsDisclosure.unitCount'), dataIndex: 'unitCount', align: 'right' },
              {
                title: t('settingsDisclosure.rate'),
                key: 'rate',
                render: (_, b) => (
                  <Form.Item name={['buildings', b.id]} style={{ margin: 0 }}>
                    <Select
                      allowClear
                      placeholder={t('settingsDisclosure.pickRate')}
                      options={rateOptions}
                      style={{ minWidth: 200 }}
                      data-testid={`building-rate-${b.code}`}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>

        <ErrorAlert error={error} />
        {editable ? (
          <Flex justify="flex-end">
            <Button type="primary" htmlType="submit" loading={busy} data-testid="disclosure-settings-save">
              {t('common.save')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Form>
  )
}
