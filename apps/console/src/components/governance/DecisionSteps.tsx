import type { Decision } from '@meihao/contracts'
import { Steps } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'

/** Where the decision stands: 拟定 → 通知 → 名册 → 投票 → 公布 (a cancelled one shows no steps). */
function currentStep(d: Decision): number {
  switch (d.status) {
    case 'draft':
      return 0
    case 'noticed':
      return d.roll ? 2 : 1
    case 'open':
      return 3
    default:
      return 4
  }
}

export function DecisionSteps({ decision }: { decision: Decision }) {
  const { t } = useI18n()
  if (decision.status === 'cancelled') return null
  return (
    <Steps
      size="small"
      current={currentStep(decision)}
      status={decision.status === 'closed' ? 'finish' : 'process'}
      style={{ marginBottom: 16 }}
      items={[
        { title: t('step.draft') },
        { title: t('step.noticed') },
        { title: t('step.roll') },
        { title: t('step.open') },
        { title: t('step.closed') },
      ]}
    />
  )
}
