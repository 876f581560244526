import type { Disclosure } from '@meihao/contracts'
import { Alert, Col, Form, Input, Modal, Row } from 'antd'
import { publishFundStatement } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { today } from '../billing/billingValues'
import { ErrorAlert } from '../ErrorAlert'
import { lastHalfYear } from './disclosureValues'
import { dateRules } from './yuanRules'

const FORM_ID = 'fund-statement-form'

interface StatementValues {
  periodFrom?: string
  periodTo?: string
}

/**
 * 公布资金收支情况: the fund's statement for a period that has ended (上海 every six months, at least yearly
 * elsewhere) — totals, the projects settled in it, every sub-account by unit code — published at once.
 * Publishing the same period again replaces the earlier version.
 */
export function FundStatementModal({
  open,
  communityId,
  onClose,
  onPublished,
}: {
  open: boolean
  communityId: string
  onClose: () => void
  onPublished: (item: Disclosure) => void
}) {
  const { t } = useI18n()
  const { busy, error, setError, run } = useAction()
  const submit = (v: StatementValues) =>
    run(async () => onPublished(await publishFundStatement(communityId, v.periodFrom!, v.periodTo!)))
  return (
    <Modal
      open={open}
      title={t('fund.statementTitle')}
      okText={t('disclosure.publish')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit', form: FORM_ID, 'data-testid': 'fund-statement-submit' }}
      afterClose={() => setError(null)}
      data-testid="fund-statement-modal"
    >
      <Alert type="info" showIcon title={t('fund.statementHint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      <Form<StatementValues>
        id={FORM_ID}
        layout="vertical"
        initialValues={{ periodFrom: lastHalfYear(new Date()).from, periodTo: lastHalfYear(new Date()).to }}
        onFinish={submit}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="periodFrom" label={t('disclosure.periodFrom')} rules={dateRules(t)}>
              <Input type="date" data-testid="fund-statement-from" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="periodTo"
              label={t('disclosure.periodTo')}
              dependencies={['periodFrom']}
              rules={[
                ...dateRules(t),
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) => {
                    const from = getFieldValue('periodFrom') as string | undefined
                    if (value && from && value < from)
                      return Promise.reject(new Error(t('disclosure.periodOrder')))
                    if (value && value >= today()) return Promise.reject(new Error(t('fund.periodNotEnded')))
                    return Promise.resolve()
                  },
                }),
              ]}
            >
              <Input type="date" data-testid="fund-statement-to" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  )
}
