import { Flex, Progress, Tag, Typography, theme } from 'antd'
import type { ReactNode } from 'react'
import { useI18n } from '../../i18n/I18nProvider'

/**
 * A bar of how much took part against a line (2/3 for participation). `percent` is for drawing only;
 * `met` comes from an exact comparison and `text` shows the server's own figures.
 */
export function ThresholdBar({
  label,
  text,
  percent,
  line,
  met,
  testId,
}: {
  label: ReactNode
  text: ReactNode
  percent: number
  line: number
  met: boolean
  testId: string
}) {
  const { t } = useI18n()
  const { token } = theme.useToken()
  return (
    <div data-testid={testId} data-met={met}>
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <Typography.Text strong>{label}</Typography.Text>
        <span>
          <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>{text}</Typography.Text>{' '}
          <Tag color={met ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
            {met ? t('turnout.met') : t('turnout.notMet')}
          </Tag>
        </span>
      </Flex>
      <div style={{ position: 'relative' }}>
        <Progress
          percent={percent}
          showInfo={false}
          strokeColor={met ? token.colorSuccess : token.colorPrimary}
          style={{ margin: 0 }}
          aria-label={typeof label === 'string' ? label : undefined}
        />
        <div
          title={t('turnout.line')}
          style={{
            position: 'absolute',
            left: `${line}%`,
            top: 2,
            bottom: 2,
            width: 2,
            background: token.colorError,
          }}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {t('turnout.percent', { percent: percent.toFixed(2) })}
      </Typography.Text>
    </div>
  )
}
