import type { DecisionStatus } from '@meihao/contracts'
import { Tag } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'

const COLOR: Record<DecisionStatus, string> = {
  draft: 'default',
  noticed: 'blue',
  open: 'green',
  closed: 'purple',
  cancelled: 'red',
}

export function DecisionStatusTag({ status }: { status: DecisionStatus }) {
  const { t } = useI18n()
  return (
    <Tag color={COLOR[status]} data-testid="decision-status" data-status={status}>
      {t(`decisionStatus.${status}`)}
    </Tag>
  )
}
