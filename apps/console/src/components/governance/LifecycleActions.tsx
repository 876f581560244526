import type { Decision } from '@meihao/contracts'
import { App, Button, Popconfirm, Space } from 'antd'
import { useState } from 'react'
import { type DecisionAction, runAction } from '../../api/governance'
import { useI18n } from '../../i18n/I18nProvider'
import type { MessageKey } from '../../i18n/translate'

interface Step {
  action: DecisionAction
  testId: string
  label: MessageKey
  confirm: MessageKey
  hint: MessageKey
  done: MessageKey
  enabled: (d: Decision) => boolean
  primary?: boolean
  danger?: boolean
}

/** The lifecycle in order: draft → noticed → roll frozen → open → closed; cancel before voting. */
const STEPS: readonly Step[] = [
  {
    action: 'notice',
    testId: 'decision-notice',
    label: 'action.notice',
    confirm: 'action.noticeConfirm',
    hint: 'action.noticeHint',
    done: 'action.noticeDone',
    enabled: (d) => d.status === 'draft' && d.topics.length > 0,
  },
  {
    action: 'roll',
    testId: 'decision-freeze-roll',
    label: 'action.roll',
    confirm: 'action.rollConfirm',
    hint: 'action.rollHint',
    done: 'action.rollDone',
    enabled: (d) => d.status === 'noticed' && d.roll === null,
  },
  {
    action: 'open',
    testId: 'decision-open',
    label: 'action.open',
    confirm: 'action.openConfirm',
    hint: 'action.openHint',
    done: 'action.openDone',
    enabled: (d) => d.status === 'noticed' && d.roll !== null,
  },
  {
    action: 'close',
    testId: 'decision-close',
    label: 'action.close',
    confirm: 'action.closeConfirm',
    hint: 'action.closeHint',
    done: 'action.closeDone',
    enabled: (d) => d.status === 'open',
  },
  {
    action: 'cancel',
    testId: 'decision-cancel',
    label: 'action.cancel',
    confirm: 'action.cancelConfirm',
    hint: 'action.cancelHint',
    done: 'action.cancelDone',
    enabled: (d) => d.status === 'draft' || d.status === 'noticed',
    danger: true,
  },
]

/** The lifecycle buttons, each enabled only in the status it applies to and confirmed before it runs. */
export function LifecycleActions({
  decision,
  onDone,
  onError,
}: {
  decision: Decision
  onDone: (decision: Decision) => void
  onError: (error: unknown) => void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [busy, setBusy] = useState<DecisionAction | null>(null)
  if (decision.status === 'closed' || decision.status === 'cancelled') return null
  // The next step in order is the primary button.
  const next = STEPS.find((s) => s.action !== 'cancel' && s.enabled(decision))?.action

  const run = async (step: Step) => {
    setBusy(step.action)
    onError(null)
    try {
      onDone(await runAction(decision.id, step.action))
      message.success(t(step.done))
    } catch (e) {
      onError(e)
    } finally {
      setBusy(null)
    }
  }

  const params = { days: decision.noticeMinDays, date: decision.recordDate }
  return (
    <Space wrap data-testid="decision-actions">
      {STEPS.map((step) => {
        const enabled = step.enabled(decision) && busy === null
        return (
          <Popconfirm
            key={step.action}
            disabled={!enabled}
            title={t(step.confirm, params)}
            description={<div style={{ maxWidth: 320 }}>{t(step.hint, params)}</div>}
            okText={t('decision.confirm')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: step.danger, 'data-testid': `${step.testId}-confirm` }}
            onConfirm={() => run(step)}
          >
            <Button
              type={step.action === next ? 'primary' : 'default'}
              danger={step.danger}
              disabled={!enabled}
              loading={busy === step.action}
              data-testid={step.testId}
            >
              {t(step.label)}
            </Button>
          </Popconfirm>
        )
      })}
    </Space>
  )
}
