import type { Choice, TopicResult } from '@meihao/contracts'
import { Flex, Progress, Typography, theme } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import { areaHundredths, percentOf } from './counting'

const CHOICES: readonly Choice[] = ['agree', 'oppose', 'abstain']

/** Agree / oppose / abstain as shares of those who took part, by heads or by area (bars for display only). */
export function ChoiceBars({ result, by }: { result: TopicResult; by: 'heads' | 'area' }) {
  const { t } = useI18n()
  const { token } = theme.useToken()
  const color: Record<Choice, string> = {
    agree: token.colorSuccess,
    oppose: token.colorError,
    abstain: token.colorTextQuaternary,
  }
  const amount = (c: { heads: number; area: string }) =>
    by === 'heads' ? BigInt(c.heads) : areaHundredths(c.area)
  const base = amount(result.participating)
  return (
    <div data-testid={`result-bars-${by}`}>
      <Typography.Text type="secondary">
        {by === 'heads' ? t('result.byHeads') : t('result.byArea')}
      </Typography.Text>
      {CHOICES.map((choice) => {
        const count = result[choice]
        const percent = percentOf(amount(count), base)
        return (
          <Flex key={choice} align="center" gap={8}>
            <span style={{ width: 40, flex: 'none' }}>{t(`choice.${choice}`)}</span>
            <Progress
              percent={percent}
              showInfo={false}
              strokeColor={color[choice]}
              style={{ flex: 1, minWidth: 80, margin: 0 }}
            />
            <span
              style={{ width: 190, flex: 'none', textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
            >
              {by === 'heads'
                ? t('result.headsShare', { count: count.heads, percent: percent.toFixed(2) })
                : t('result.areaShare', { area: count.area, percent: percent.toFixed(2) })}
            </span>
          </Flex>
        )
      })}
    </div>
  )
}
