import { Col, Form, InputNumber, Row, Switch } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'

/**
 * 表决规则: secrecy until close, proxies, publication. 从众 is not chosen here: it is the community's
 * 议事规则 (a community setting), copied into the decision when it is convened.
 */
export function RuleFields() {
  const { t } = useI18n()
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
      </Row>
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
