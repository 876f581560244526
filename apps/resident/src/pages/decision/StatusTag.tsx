import { Tag } from 'antd-mobile'
import type { DecisionStatus } from '../../api/types'
import { useT } from '../../i18n'

const STATUS_TONE: Record<DecisionStatus, string> = {
  draft: 'default',
  noticed: 'primary',
  open: 'success',
  closed: 'default',
  cancelled: 'warning',
}

export function StatusTag({ status, testId }: { status: DecisionStatus; testId?: string }) {
  const t = useT()
  return (
    <Tag color={STATUS_TONE[status]} round data-testid={testId} data-status={status}>
      {t(`decision.status.${status}`)}
    </Tag>
  )
}
