import { Col, Form, Input, InputNumber, Row, Switch } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import { addDays, browserOffset, localDate, localToIso } from './datetime'
import { NOTICE_DAYS } from './decisionValues'

const validTime = (value: string | undefined, message: string) =>
  !value || localToIso(value) ? Promise.resolve() : Promise.reject(new Error(message))

/** 时间安排: temporary meeting, notice period, record date (登记日) and the voting window (投票期). */
export function ScheduleFields() {
  const { t } = useI18n()
  const noticeDays = Form.useWatch<number | undefined>('noticeMinDays') ?? NOTICE_DAYS
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name="temporary"
            label={t('decision.temporary')}
            valuePropName="checked"
            tooltip={t('decision.temporaryHint')}
          >
            <Switch data-testid="decision-form-temporary" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="noticeMinDays"
            label={t('decision.noticeMinDays')}
            tooltip={t('decision.noticeMinDaysHint')}
            extra={t('decision.earliestStart', { date: addDays(localDate(new Date()), noticeDays) })}
            rules={[{ required: true, message: t('decision.noticeMinDaysRequired') }]}
          >
            <InputNumber
              min={1}
              max={60}
              precision={0}
              suffix={t('decision.daysUnit')}
              data-testid="decision-form-notice-days"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name="recordDate"
            label={t('decision.recordDate')}
            tooltip={t('decision.recordDateHint')}
            dependencies={['votingStartsAt']}
            rules={[
              { required: true, message: t('decision.recordDateRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const start = String(getFieldValue('votingStartsAt') ?? '').slice(0, 10)
                  return value && start && value > start
                    ? Promise.reject(new Error(t('decision.recordBeforeStart')))
                    : Promise.resolve()
                },
              }),
            ]}
          >
            <Input type="date" data-testid="decision-form-record-date" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="votingStartsAt"
            label={t('decision.votingStartsAt')}
            extra={t('decision.timeZoneHint', { offset: browserOffset() })}
            rules={[
              { required: true, message: t('decision.startRequired') },
              { validator: (_, value: string) => validTime(value, t('decision.timeInvalid')) },
            ]}
          >
            <Input type="datetime-local" data-testid="decision-form-starts-at" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="votingEndsAt"
            label={t('decision.votingEndsAt')}
            dependencies={['votingStartsAt']}
            rules={[
              { required: true, message: t('decision.endRequired') },
              { validator: (_, value: string) => validTime(value, t('decision.timeInvalid')) },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const start = localToIso(getFieldValue('votingStartsAt'))
                  const end = localToIso(value)
                  return start && end && new Date(end) <= new Date(start)
                    ? Promise.reject(new Error(t('decision.endAfterStart')))
                    : Promise.resolve()
                },
              }),
            ]}
          >
            <Input type="datetime-local" data-testid="decision-form-ends-at" />
          </Form.Item>
        </Col>
      </Row>
    </>
  )
}
