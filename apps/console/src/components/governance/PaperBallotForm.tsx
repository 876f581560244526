import type { BallotReceipt, Choice, Decision } from '@meihao/contracts'
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Switch, Typography } from 'antd'
import { useState } from 'react'
import { enterPaperBallot, type PaperBallotInput, type ScanInput } from '../../api/governance'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { localDate, localDateTime, localToIso } from './datetime'
import { RollUnitSelect } from './RollUnitSelect'
import { ScanUpload } from './ScanUpload'

interface Values {
  unitId: string | null
  /** Local date-time ("2026-11-27T09:30") the ballot was signed. */
  signedAt: string
  choices?: Record<string, Choice | undefined>
  scan: ScanInput | null
  hasProxy: boolean
  proxyName?: string
  proxyIdNumber?: string
  authorization?: ScanInput | null
}

const CHOICES: readonly Choice[] = ['agree', 'oppose', 'abstain']

/** Now as a datetime-local value: the usual case is a ballot keyed in as it is handed over. */
const nowLocal = () => {
  const now = new Date()
  return localDateTime(localDate(now), now.toTimeString().slice(0, 5))
}

function toInput(values: Values): PaperBallotInput | null {
  const choices: Record<string, Choice> = {}
  for (const [topicId, choice] of Object.entries(values.choices ?? {})) if (choice) choices[topicId] = choice
  if (!values.unitId || !values.scan || Object.keys(choices).length === 0) return null
  const signedAt = localToIso(values.signedAt)
  if (!signedAt) return null
  return {
    unitId: values.unitId,
    signedAt,
    choices,
    scan: values.scan,
    proxy:
      values.hasProxy && values.authorization
        ? {
            name: (values.proxyName ?? '').trim(),
            idNumber: (values.proxyIdNumber ?? '').trim(),
            authorization: values.authorization,
          }
        : null,
  }
}

/** 录入纸质表决票: a signed paper ballot (or a proxy's, with the written authorisation) and its scan. */
export function PaperBallotForm({ decision, onEntered }: { decision: Decision; onEntered: () => void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const hasProxy = Form.useWatch('hasProxy', form) ?? false
  const { busy: saving, error, run } = useAction()
  const [receipt, setReceipt] = useState<BallotReceipt | null>(null)

  const submit = async (values: Values) => {
    const input = toInput(values)
    if (!input) {
      message.error(t('ballot.choicesRequired'))
      return
    }
    setReceipt(null)
    const saved = await run(() => enterPaperBallot(decision.id, input))
    if (!saved) return
    setReceipt(saved)
    message.success(t('ballot.saved', { seq: saved.seq }))
    form.resetFields()
    onEntered()
  }

  return (
    <Card size="small" title={t('ballot.title')} data-testid="paper-ballot-card">
      <Typography.Paragraph type="secondary">{t('ballot.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      {receipt ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setReceipt(null) }}
          style={{ marginBottom: 16 }}
          data-testid="paper-ballot-receipt"
          title={t('ballot.receiptTitle', { seq: receipt.seq, channel: t(`channel.${receipt.channel}`) })}
          description={
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
              {receipt.hash}
            </Typography.Text>
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          unitId: null,
          signedAt: nowLocal(),
          scan: null,
          hasProxy: false,
          authorization: null,
        }}
        onFinish={submit}
        data-testid="paper-ballot-form"
      >
        <Form.Item
          name="unitId"
          label={t('ballot.unit')}
          rules={[{ required: true, message: t('ballot.unitRequired') }]}
        >
          <RollUnitSelect decisionId={decision.id} testId="paper-ballot-unit" />
        </Form.Item>
        <Form.Item
          name="signedAt"
          label={t('ballot.signedAt')}
          extra={t('ballot.signedAtHint')}
          rules={[{ required: true, message: t('ballot.signedAtRequired') }]}
        >
          <Input type="datetime-local" data-testid="paper-ballot-signed-at" />
        </Form.Item>
        <Typography.Text strong>{t('ballot.choices')}</Typography.Text>
        <div style={{ margin: '8px 0 16px' }}>
          {decision.topics.map((topic) => (
            <div key={topic.id} data-testid={`paper-ballot-choice-${topic.seq}`}>
              <Form.Item
                name={['choices', topic.id]}
                label={t('turnout.topicName', { seq: topic.seq, title: topic.title })}
                style={{ marginBottom: 8 }}
              >
                <Radio.Group optionType="button">
                  {CHOICES.map((c) => (
                    <Radio.Button key={c} value={c}>
                      {/* On the visible label: the radio input itself is hidden. */}
                      <span data-testid={`paper-ballot-choice-${topic.seq}-${c}`}>{t(`choice.${c}`)}</span>
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
            </div>
          ))}
        </div>
        <Form.Item
          name="scan"
          label={t('ballot.scan')}
          extra={t('ballot.scanHint')}
          rules={[{ required: true, message: t('ballot.scanRequired') }]}
        >
          <ScanUpload testId="paper-ballot-scan" />
        </Form.Item>
        <Form.Item
          name="hasProxy"
          label={t('ballot.proxy')}
          valuePropName="checked"
          extra={t('ballot.proxyHint', { cap: decision.proxyCap })}
        >
          <Switch data-testid="paper-ballot-proxy" />
        </Form.Item>
        {hasProxy ? (
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item
                name="proxyName"
                label={t('ballot.proxyName')}
                rules={[
                  { required: true, whitespace: true, message: t('ballot.proxyNameRequired') },
                  { max: 50 },
                ]}
              >
                <Input maxLength={50} data-testid="paper-ballot-proxy-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="proxyIdNumber"
                label={t('ballot.proxyId')}
                rules={[
                  { required: true, whitespace: true, message: t('ballot.proxyIdRequired') },
                  { min: 6, max: 30, message: t('ballot.proxyIdRequired') },
                ]}
              >
                <Input maxLength={30} autoComplete="off" data-testid="paper-ballot-proxy-id" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="authorization"
                label={t('ballot.authorization')}
                rules={[{ required: true, message: t('ballot.authorizationRequired') }]}
              >
                <ScanUpload testId="paper-ballot-proxy-authorization" />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="paper-ballot-submit">
          {t('ballot.submit')}
        </Button>
      </Form>
    </Card>
  )
}
