import type { Decision } from '@meihao/contracts'
import { Card, Col, Row } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import { ChainVerifyButton } from './ChainVerifyButton'
import { ExportButton } from './ExportButton'

/** 哈希链与导出: verify the ballot chain (once the roll is frozen) and export a closed decision. */
export function IntegrityCard({ decision }: { decision: Decision }) {
  const { t } = useI18n()
  return (
    <Card size="small" title={t('chain.title')} data-testid="decision-integrity">
      <Row gutter={[24, 16]}>
        <Col xs={24} md={12}>
          <ChainVerifyButton decisionId={decision.id} />
        </Col>
        <Col xs={24} md={12}>
          <ExportButton decisionId={decision.id} disabled={decision.status !== 'closed'} />
        </Col>
      </Row>
    </Card>
  )
}
