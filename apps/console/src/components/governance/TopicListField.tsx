import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Form, Space } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import { TopicFields } from './TopicFields'

/** The create form's dynamic list of 议题 (`topics`), each a card of TopicFields. */
export function TopicListField() {
  const { t } = useI18n()
  return (
    <Form.List name="topics">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t('topic.numbered', { n: index + 1 })}
              data-testid="decision-form-topic"
              extra={
                <Button
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => remove(field.name)}
                  data-testid={`decision-form-topic-${index + 1}-remove`}
                />
              }
            >
              <TopicFields
                name={[field.name]}
                path={['topics', field.name]}
                testId={`decision-form-topic-${index + 1}`}
              />
            </Card>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ title: '' })}
            data-testid="decision-form-add-topic"
          >
            {t('decision.addTopic')}
          </Button>
        </Space>
      )}
    </Form.List>
  )
}
