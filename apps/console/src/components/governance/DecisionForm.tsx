import type { DecisionInput } from '@meihao/contracts'
import { Col, Divider, Form, Input, Radio, Row, Select } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import { CommunitySelect } from '../CommunitySelect'
import {
  type DecisionValues,
  initialDecisionValues,
  NOTICE_DAYS,
  TEMPORARY_NOTICE_DAYS,
  toDecisionInput,
} from './decisionValues'
import { RuleFields } from './RuleFields'
import { ScheduleFields } from './ScheduleFields'
import { TopicListField } from './TopicListField'

/**
 * The fields of a new decision: basics, schedule, rules and topics. Mounted fresh on every opening, so
 * the defaults (and the community chosen on the list) apply each time; submitted by id.
 */
export function DecisionForm({
  formId,
  communityId,
  onSubmit,
}: {
  formId: string
  communityId: string | null
  onSubmit: (input: DecisionInput) => void
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<DecisionValues>()

  // A temporary meeting may have the shorter notice where local rules allow it; switching back restores 15.
  const onValuesChange = (changed: Partial<DecisionValues>) => {
    if (changed.temporary === undefined) return
    const days = form.getFieldValue('noticeMinDays')
    if (changed.temporary && days === NOTICE_DAYS) form.setFieldValue('noticeMinDays', TEMPORARY_NOTICE_DAYS)
    if (!changed.temporary && days === TEMPORARY_NOTICE_DAYS) form.setFieldValue('noticeMinDays', NOTICE_DAYS)
  }

  return (
    <Form<DecisionValues>
      id={formId}
      form={form}
      layout="vertical"
      initialValues={initialDecisionValues(communityId)}
      onValuesChange={onValuesChange}
      onFinish={(values) => onSubmit(toDecisionInput(values))}
      data-testid="decision-form"
    >
      <Divider titlePlacement="start">{t('decision.basics')}</Divider>
      <Form.Item
        name="communityId"
        label={t('decision.community')}
        rules={[{ required: true, message: t('decision.communityRequired') }]}
      >
        <CommunitySelect testId="decision-form-community" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('decision.name')}
        rules={[{ required: true, whitespace: true, message: t('decision.titleRequired') }, { max: 200 }]}
      >
        <Input
          maxLength={200}
          placeholder={t('decision.namePlaceholder')}
          data-testid="decision-form-title"
        />
      </Form.Item>
      <Form.Item name="description" label={t('decision.description')} rules={[{ max: 10000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="decision-form-description" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="convener" label={t('decision.convener')}>
            <Radio.Group
              data-testid="decision-form-convener"
              options={[
                { value: 'committee', label: t('convener.committee') },
                { value: 'street_office', label: t('convener.street_office') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="meetingForm" label={t('decision.meetingForm')}>
            <Select
              data-testid="decision-form-meeting-form"
              options={(['online', 'written', 'collective'] as const).map((f) => ({
                value: f,
                label: t(`meetingForm.${f}`),
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('decision.schedule')}</Divider>
      <ScheduleFields />
      <Divider titlePlacement="start">{t('decision.rules')}</Divider>
      <RuleFields />
      <Divider titlePlacement="start">{t('decision.topics')}</Divider>
      <TopicListField />
    </Form>
  )
}
