import type { SlaClock } from '@meihao/contracts'
import { Card, Empty, Flex, Progress, Tag, Typography, theme } from 'antd'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { formatDuration, SLA_COLOR } from './ticketValues'

/** Share of the target used, in whole percent for the bar (100 at or past the target). */
const usedPercent = (clock: SlaClock) =>
  clock.targetMinutes > 0 ? Math.min(100, Math.floor((clock.elapsedMinutes * 100) / clock.targetMinutes)) : 0

/** The three promises of a ticket — 响应, 到场, 完成 — each with its state, time used of the target, and due time. */
export function SlaClocks({ clocks }: { clocks: readonly SlaClock[] }) {
  const { t, lang } = useI18n()
  const { token } = theme.useToken()
  const stroke: Record<SlaClock['state'], string> = {
    running: token.colorPrimary,
    paused: token.colorTextQuaternary,
    warning: token.colorWarning,
    breached: token.colorError,
    met: token.colorSuccess,
    met_late: token.colorError,
  }
  return (
    <Card size="small" title={t('sla.title')} data-testid="ticket-clocks">
      {clocks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sla.none')} />
      ) : null}
      <Flex vertical gap={16}>
        {clocks.map((clock) => {
          const stopped = clock.stoppedAt !== null
          return (
            <div key={clock.clock} data-testid={`ticket-clock-${clock.clock}`} data-state={clock.state}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{t(`slaClock.${clock.clock}`)}</Typography.Text>
                <Tag color={SLA_COLOR[clock.state]} style={{ marginInlineEnd: 0 }}>
                  {t(`slaState.${clock.state}`)}
                </Tag>
              </Flex>
              <Progress
                percent={usedPercent(clock)}
                showInfo={false}
                size="small"
                strokeColor={stroke[clock.state]}
                style={{ margin: '4px 0' }}
              />
              <Flex justify="space-between" wrap gap={8}>
                <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                  {t('sla.elapsedOfTarget', {
                    elapsed: formatDuration(t, clock.elapsedMinutes),
                    target: formatDuration(t, clock.targetMinutes),
                  })}
                </Typography.Text>
                <Typography.Text
                  type={
                    clock.state === 'breached'
                      ? 'danger'
                      : clock.state === 'warning'
                        ? 'warning'
                        : 'secondary'
                  }
                  style={{ fontSize: token.fontSizeSM }}
                >
                  {stopped
                    ? t('sla.stoppedAt', { time: formatDateTime(lang, clock.stoppedAt) })
                    : clock.state === 'paused'
                      ? t('sla.pausedRemaining', { remaining: formatDuration(t, clock.remainingMinutes) })
                      : clock.remainingMinutes < 0
                        ? t('sla.overdueBy', { overdue: formatDuration(t, clock.remainingMinutes) })
                        : t('sla.dueAt', { time: formatDateTime(lang, clock.dueAt) })}
                </Typography.Text>
              </Flex>
            </div>
          )
        })}
      </Flex>
    </Card>
  )
}
