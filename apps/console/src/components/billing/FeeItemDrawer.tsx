import {
  AREA_BASES,
  BILLING_CYCLES,
  FEE_KINDS,
  type FeeItem,
  type FeeItemInput,
  type FeeKind,
} from '@meihao/contracts'
import { Col, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd'
import { createFeeItem, updateFeeItem } from '../../api/billing'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { FormDrawer } from '../FormDrawer'
import { bpToPercent, percentToBp } from './billingValues'

const FORM_ID = 'fee-item-form'
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/

type Cycle = (typeof BILLING_CYCLES)[number]
type AreaBasis = (typeof AREA_BASES)[number]

interface FeeItemValues {
  code?: string
  name?: string
  kind: FeeKind
  cycle: Cycle
  areaBasis: AreaBasis
  sort: number
  active: boolean
  lateFeeOn: boolean
  dailyRateBp?: number
  graceDays?: number
  /** The cap as a percent of the principal, typed ("100"); empty for none. */
  capPercent?: string
}

const toValues = (item: FeeItem | null): FeeItemValues =>
  item
    ? {
        code: item.code,
        name: item.name,
        kind: item.kind,
        cycle: item.cycle,
        areaBasis: item.areaBasis,
        sort: item.sort,
        active: item.active,
        lateFeeOn: item.lateFee !== null,
        dailyRateBp: item.lateFee?.dailyRateBp ?? 5,
        graceDays: item.lateFee?.graceDays ?? 0,
        capPercent: item.lateFee?.capBp ? bpToPercent(item.lateFee.capBp) : '',
      }
    : {
        kind: 'area',
        cycle: 'monthly',
        areaBasis: 'building',
        sort: 0,
        active: true,
        lateFeeOn: false,
        dailyRateBp: 5,
        graceDays: 0,
        capPercent: '',
      }

const lateFeeOf = (v: FeeItemValues): FeeItemInput['lateFee'] => {
  if (!v.lateFeeOn || v.kind === 'deposit' || v.kind === 'late_fee') return null
  const capBp = v.capPercent?.trim() ? percentToBp(v.capPercent) : null
  return {
    dailyRateBp: v.dailyRateBp ?? 5,
    graceDays: v.graceDays ?? 0,
    ...(capBp ? { capBp } : {}),
  }
}

/**
 * 新增/编辑收费项目. The code, kind, cycle and area basis are fixed once bills refer to the item; an edit
 * changes its name, order, whether it is billed, and the contractual late fee (off unless the contract
 * provides for it, 民法典第585条).
 */
export function FeeItemDrawer({
  open,
  communityId,
  item,
  onClose,
  onSaved,
}: {
  open: boolean
  communityId: string | null
  /** The item to edit; null to add one. */
  item: FeeItem | null
  onClose: () => void
  onSaved: (item: FeeItem) => void
}) {
  const { t } = useI18n()
  const saving = useAction()
  const editing = item !== null

  const submit = (values: FeeItemValues) =>
    saving.run(async () => {
      const name = values.name?.trim() ?? ''
      const lateFee = lateFeeOf(values)
      const saved = item
        ? await updateFeeItem(item.id, { name, sort: values.sort, active: values.active, lateFee })
        : await createFeeItem({
            communityId: communityId!,
            code: values.code?.trim() ?? '',
            name,
            kind: values.kind,
            cycle: values.cycle,
            areaBasis: values.areaBasis,
            sort: values.sort,
            active: values.active,
            lateFee,
          })
      onSaved(saved)
    })

  return (
    <FormDrawer
      open={open}
      title={editing ? t('fee.editTitle', { name: item.name }) : t('fee.addTitle')}
      size={560}
      formId={FORM_ID}
      submitText={t('common.save')}
      testId="fee-item-drawer"
      submitTestId="fee-item-submit"
      action={saving}
      onClose={onClose}
    >
      <FeeItemForm item={item} onSubmit={submit} />
    </FormDrawer>
  )
}

/** The form itself, mounted afresh on every opening of the drawer (so it starts from the item). */
function FeeItemForm({
  item,
  onSubmit,
}: {
  item: FeeItem | null
  onSubmit: (values: FeeItemValues) => void
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<FeeItemValues>()
  const lateFeeOn = Form.useWatch('lateFeeOn', form)
  const kind = Form.useWatch('kind', form)
  const editing = item !== null
  return (
    <Form<FeeItemValues>
      id={FORM_ID}
      form={form}
      layout="vertical"
      initialValues={toValues(item)}
      onFinish={onSubmit}
      data-testid="fee-item-form"
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item
            name="code"
            label={t('fee.code')}
            extra={editing ? undefined : t('fee.codeHint')}
            rules={[
              { required: true, message: t('fee.codeRequired') },
              { pattern: CODE, message: t('fee.codeInvalid') },
            ]}
          >
            <Input maxLength={32} disabled={editing} placeholder="PMF" data-testid="fee-item-code" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item
            name="name"
            label={t('fee.name')}
            rules={[{ required: true, whitespace: true, message: t('fee.nameRequired') }, { max: 60 }]}
          >
            <Input maxLength={60} placeholder={t('fee.namePlaceholder')} data-testid="fee-item-name" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="kind" label={t('fee.kind')} extra={kind ? t(`feeKindHint.${kind}`) : undefined}>
        <Select
          disabled={editing}
          options={FEE_KINDS.map((k) => ({ value: k, label: t(`feeKind.${k}`) }))}
          data-testid="fee-item-kind"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="cycle" label={t('fee.cycle')}>
            <Radio.Group
              disabled={editing}
              optionType="button"
              options={BILLING_CYCLES.map((c) => ({ value: c, label: t(`billingCycle.${c}`) }))}
              data-testid="fee-item-cycle"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="areaBasis" label={t('fee.areaBasis')}>
            <Radio.Group
              disabled={editing || (kind !== 'area' && kind !== 'shared')}
              optionType="button"
              options={AREA_BASES.map((b) => ({ value: b, label: t(`areaBasis.${b}`) }))}
              data-testid="fee-item-area-basis"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="sort" label={t('fee.sort')} extra={t('fee.sortHint')}>
            <InputNumber min={0} max={999} precision={0} data-testid="fee-item-sort" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="active"
            label={t('fee.active')}
            valuePropName="checked"
            extra={t('fee.activeHint')}
          >
            <Switch data-testid="fee-item-active" />
          </Form.Item>
        </Col>
      </Row>
      {/* A deposit is no debt and a late fee bears none: the server refuses terms on either. */}
      {kind === 'deposit' || kind === 'late_fee' ? null : (
        <Form.Item
          name="lateFeeOn"
          label={t('fee.lateFee')}
          valuePropName="checked"
          extra={t('fee.lateFeeHint')}
        >
          <Switch data-testid="fee-item-late-fee" />
        </Form.Item>
      )}
      {lateFeeOn && kind !== 'deposit' && kind !== 'late_fee' ? (
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="dailyRateBp"
              label={t('fee.dailyRate')}
              tooltip={t('fee.dailyRateHint')}
              rules={[
                { required: true, type: 'integer', min: 1, max: 100, message: t('fee.dailyRateRange') },
              ]}
            >
              <InputNumber
                min={1}
                max={100}
                precision={0}
                suffix="‱"
                style={{ width: '100%' }}
                data-testid="fee-item-daily-rate"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="graceDays"
              label={t('fee.graceDays')}
              rules={[{ type: 'integer', min: 0, max: 365, message: t('fee.graceDaysRange') }]}
            >
              <InputNumber
                min={0}
                max={365}
                precision={0}
                suffix={t('common.daysUnit')}
                style={{ width: '100%' }}
                data-testid="fee-item-grace-days"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="capPercent"
              label={t('fee.cap')}
              tooltip={t('fee.capHint')}
              rules={[
                {
                  validator: (_, value: string | undefined) => {
                    if (!value?.trim()) return Promise.resolve()
                    const bp = percentToBp(value)
                    return bp !== null && bp >= 1
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('fee.percentInvalid')))
                  },
                },
              ]}
            >
              <Input suffix="%" inputMode="decimal" placeholder="100" data-testid="fee-item-cap" />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
    </Form>
  )
}
