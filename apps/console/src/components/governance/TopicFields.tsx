import { tierOfItem } from '@meihao/contracts'
import { Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import { matterOptions } from './matters'
import { TierTag } from './TierTag'

type Path = (string | number)[]

/** The values of one topic in a form (TopicInput before trimming). */
export interface TopicValues {
  title: string
  description?: string
  item: number
  electionGroup?: string
  seats?: number | null
}

/**
 * The fields of one 议题: title, matter (民法典 278 item, showing the tier it decides by), description and,
 * for committee elections, the election group and seats ("elect N": one topic per candidate).
 * `name` is the path inside the form (or the Form.List row); `path` the full path from the form root.
 */
export function TopicFields({ name, path, testId }: { name: Path; path: Path; testId: string }) {
  const { t } = useI18n()
  const form = Form.useFormInstance()
  const item = Form.useWatch<number | undefined>([...path, 'item'], form)
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...name, 'title']}
            label={t('topic.title')}
            rules={[{ required: true, whitespace: true, message: t('topic.titleRequired') }, { max: 200 }]}
          >
            <Input maxLength={200} data-testid={`${testId}-title`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...name, 'item']}
            label={t('topic.item')}
            rules={[{ required: true, message: t('topic.itemRequired') }]}
            extra={
              item ? (
                <Space size={4}>
                  <TierTag tier={tierOfItem(item)} />
                  <Typography.Text type="secondary">{t(`tier.${tierOfItem(item)}Rule`)}</Typography.Text>
                </Space>
              ) : undefined
            }
          >
            <Select
              data-testid={`${testId}-item`}
              placeholder={t('topic.itemPlaceholder')}
              options={matterOptions(t).map((o) => ({
                value: o.value,
                label: t('topic.itemOption', { name: o.label, tier: t(`tier.${o.tier}`) }),
              }))}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[...name, 'description']} label={t('topic.description')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid={`${testId}-description`} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...name, 'electionGroup']}
            label={t('topic.electionGroup')}
            tooltip={t('topic.electionGroupHint')}
            rules={[{ max: 100 }]}
          >
            <Input
              maxLength={100}
              placeholder={t('topic.electionGroupPlaceholder')}
              data-testid={`${testId}-group`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...name, 'seats']}
            label={t('topic.seats')}
            dependencies={[[...path, 'electionGroup']]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: number | null | undefined) =>
                  String(getFieldValue([...path, 'electionGroup']) ?? '').trim() && !value
                    ? Promise.reject(new Error(t('topic.seatsRequired')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <InputNumber
              min={1}
              max={50}
              precision={0}
              style={{ width: '100%' }}
              data-testid={`${testId}-seats`}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  )
}

/** TopicInput from the form's values: trimmed, election fields only together. */
export function toTopicInput(values: TopicValues) {
  const group = values.electionGroup?.trim() ?? ''
  return {
    title: values.title.trim(),
    description: (values.description ?? '').trim(),
    item: values.item,
    electionGroup: group || null,
    seats: group ? (values.seats ?? null) : null,
  }
}
