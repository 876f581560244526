import { Col, Form, Input, Row } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import { dateRules, yuanRules } from './yuanRules'

/** What every public-revenue entry has: the amount in 元 (read into fen exactly), the date, a summary. */
export interface EntryValues {
  amount?: string
  occurredOn?: string
  summary?: string
}

/**
 * The amount, date and summary of an entry. The summary is shown to every owner (and on the notice-board
 * page): no phone or ID numbers, which the server refuses.
 */
export function RevenueEntryFields({
  testIdPrefix,
  summaryHint,
}: {
  testIdPrefix: string
  summaryHint: string
}) {
  const { t } = useI18n()
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="amount" label={t('revenue.amountYuan')} rules={yuanRules(t)}>
            <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid={`${testIdPrefix}-amount`} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="occurredOn" label={t('revenue.occurredOn')} rules={dateRules(t)}>
            <Input type="date" data-testid={`${testIdPrefix}-date`} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="summary"
        label={t('revenue.summary')}
        extra={summaryHint}
        rules={[
          { required: true, whitespace: true, message: t('revenue.summaryRequired') },
          { min: 2, max: 500, message: t('revenue.summaryLength') },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={500}
          data-testid={`${testIdPrefix}-summary`}
        />
      </Form.Item>
    </>
  )
}
