import type { FundAccount, FundAccountDetail, Unit } from '@meihao/contracts'
import { Col, Descriptions, Form, Input, Row } from 'antd'
import { depositIntoAccount } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { Money } from '../billing/BillingTags'
import { today } from '../billing/billingValues'
import { FormDrawer } from '../FormDrawer'
import { useIdempotencyKey } from '../tickets/idempotency'
import { UnitSearchSelect } from '../tickets/UnitSearchSelect'
import { TopUpTag } from './DisclosureTags'
import { dateRules, yuanRules } from './yuanRules'

const FORM_ID = 'fund-deposit-form'

interface DepositValues {
  unitId?: string
  amount?: string
  occurredOn?: string
  memo?: string
}

/** 续筹: a further deposit into one unit's sub-account, e.g. after a top-up notice. */
export function DepositDrawer({
  open,
  communityId,
  account,
  onClose,
  onDone,
}: {
  open: boolean
  communityId: string
  /** The account it is for when opened from one; otherwise a unit is searched. */
  account: FundAccount | null
  onClose: () => void
  onDone: (detail: FundAccountDetail) => void
}) {
  const { t } = useI18n()
  const saving = useAction()
  // A retried submission (a timeout, a double click) records the money once.
  const idempotency = useIdempotencyKey()
  const submit = (v: DepositValues) =>
    saving.run(async () => {
      const input = {
        unitId: account?.unitId ?? v.unitId!,
        amountFen: yuanToFen(v.amount)!,
        occurredOn: v.occurredOn!,
        memo: v.memo?.trim() ?? '',
      }
      const done = await depositIntoAccount(input, idempotency.keyFor(input))
      idempotency.reset()
      onDone(done)
    })
  return (
    <FormDrawer
      open={open}
      title={account ? t('fund.depositTitleFor', { unit: account.unitCode }) : t('fund.depositTitle')}
      size={540}
      formId={FORM_ID}
      submitText={t('fund.record')}
      testId="fund-deposit-drawer"
      submitTestId="fund-deposit-submit"
      action={saving}
      onClose={onClose}
    >
      {account ? (
        <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('fund.balance')}>
            <Money fen={account.balanceFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fund.topUpLine')}>
            <Money fen={account.topUpLineFen} /> <TopUpTag needsTopUp={account.needsTopUp} />
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Form<DepositValues>
        id={FORM_ID}
        layout="vertical"
        initialValues={{ occurredOn: today(), memo: t('fund.depositMemoDefault') }}
        onFinish={submit}
        data-testid="fund-deposit-form"
      >
        {account ? null : (
          <Form.Item
            name="unitId"
            label={t('fund.unit')}
            rules={[{ required: true, message: t('refund.unitRequired') }]}
            getValueFromEvent={(unit: Unit | null) => unit?.id}
          >
            <UnitSearchSelect communityId={communityId} testId="fund-deposit-unit" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="amount" label={t('fund.amountYuan')} rules={yuanRules(t)}>
              <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid="fund-deposit-amount" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="occurredOn" label={t('fund.occurredOn')} rules={dateRules(t)}>
              <Input type="date" data-testid="fund-deposit-date" />
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
          <Input maxLength={200} data-testid="fund-deposit-memo" />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}
