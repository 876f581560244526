import { Col, Form, Input, Row, Select, Typography } from 'antd'
import { listDecisions } from '../../api/governance'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { useSession } from '../../session/SessionProvider'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The owners' decision that approves a spending: a closed decision of the community and one of its topics
 * of the given 278 items. The server checks the topic passed. Without governance.read the decisions cannot
 * be listed, so their ids are typed (copied from the decision's page).
 */
export function DecisionTopicFields({
  communityId,
  items,
  testIdPrefix,
  required = true,
}: {
  communityId: string | null
  /** The 278 items (一 … 九) whose topics may approve it; null: the decision alone, no topic. */
  items: readonly number[] | null
  testIdPrefix: string
  required?: boolean
}) {
  const { t } = useI18n()
  const { can } = useSession()
  const form = Form.useFormInstance()
  const decisionId = Form.useWatch('decisionId', form) as string | undefined
  const listable = can('governance.read')
  const decisions = useAsync(
    () => listDecisions({ communityId, status: 'closed' }),
    [communityId],
    listable && communityId !== null,
  )
  const rules = required ? [{ required: true, message: t('disclosure.decisionRequired') }] : []

  const span = items ? 12 : 24

  if (!listable) {
    const idRule = { pattern: UUID, message: t('disclosure.idInvalid') }
    return (
      <>
        <Typography.Paragraph type="secondary">{t('disclosure.decisionTypedHint')}</Typography.Paragraph>
        <Row gutter={12}>
          <Col span={span}>
            <Form.Item name="decisionId" label={t('disclosure.decisionId')} rules={[...rules, idRule]}>
              <Input placeholder="0190…" data-testid={`${testIdPrefix}-decision`} />
            </Form.Item>
          </Col>
          {items ? (
            <Col span={12}>
              <Form.Item name="topicId" label={t('disclosure.topicId')} rules={[...rules, idRule]}>
                <Input placeholder="0190…" data-testid={`${testIdPrefix}-topic`} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </>
    )
  }

  const decision = decisions.data?.find((d) => d.id === decisionId)
  const topics = (decision?.topics ?? []).filter((topic) => items?.includes(topic.item))
  return (
    <Row gutter={12}>
      <Col span={span}>
        <Form.Item name="decisionId" label={t('disclosure.decision')} rules={rules}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            loading={decisions.loading}
            status={decisions.error ? 'error' : undefined}
            placeholder={decisions.error ? t('common.loadFailed') : t('disclosure.decisionPlaceholder')}
            notFoundContent={decisions.loading ? t('common.loading') : t('disclosure.noClosedDecisions')}
            options={(decisions.data ?? []).map((d) => ({ value: d.id, label: d.title }))}
            onChange={() => {
              if (items) form.setFieldValue('topicId', undefined)
            }}
            data-testid={`${testIdPrefix}-decision`}
          />
        </Form.Item>
      </Col>
      {items ? (
        <Col span={12}>
          <Form.Item name="topicId" label={t('disclosure.topic')} rules={rules}>
            <Select
              allowClear
              disabled={!decision}
              placeholder={decision ? t('disclosure.topicPlaceholder') : t('disclosure.decisionFirst')}
              notFoundContent={t('disclosure.noApprovingTopics')}
              options={topics.map((topic) => ({
                value: topic.id,
                label: t('disclosure.topicOption', { seq: topic.seq, title: topic.title }),
              }))}
              data-testid={`${testIdPrefix}-topic`}
            />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  )
}
