import { Alert, Col, Form, InputNumber, Row, Switch } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'

/** 表决规则: secrecy until close, 从众 (off by default, strict result always shown), proxies, publication. */
export function RuleFields() {
  const { t } = useI18n()
  const followMajority = Form.useWatch<boolean | undefined>('followMajority') ?? false
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="secretUntilClose"
            label={t('decision.secretUntilClose')}
            valuePropName="checked"
            extra={t('decision.secretHint')}
          >
            <Switch data-testid="decision-form-secret" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="followMajority"
            label={t('decision.followMajority')}
            valuePropName="checked"
            extra={t('decision.followMajorityHint')}
          >
            <Switch data-testid="decision-form-follow-majority" />
          </Form.Item>
        </Col>
      </Row>
      {followMajority ? (
        <Alert
          type="warning"
          showIcon
          title={t('decision.followMajorityWarning')}
          style={{ marginBottom: 16 }}
          data-testid="decision-form-follow-majority-warning"
        />
      ) : null}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="proxyCap"
            label={t('decision.proxyCap')}
            tooltip={t('decision.proxyCapHint')}
            rules={[{ required: true, message: t('decision.numberRequired') }]}
          >
            <InputNumber min={1} max={20} precision={0} data-testid="decision-form-proxy-cap" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="publishWithinDays"
            label={t('decision.publishWithinDays')}
            tooltip={t('decision.publishHint')}
            rules={[{ required: true, message: t('decision.numberRequired') }]}
          >
            <InputNumber
              min={1}
              max={30}
              precision={0}
              suffix={t('decision.daysUnit')}
              data-testid="decision-form-publish-days"
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  )
}
