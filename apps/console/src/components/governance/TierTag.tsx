import type { Tier } from '@meihao/contracts'
import { Tag, Tooltip } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'

/** 一般事项 (> 1/2) or 重大事项 (≥ 3/4), with the rule in a tooltip. */
export function TierTag({ tier }: { tier: Tier }) {
  const { t } = useI18n()
  return (
    <Tooltip title={t(`tier.${tier}Rule`)}>
      <Tag color={tier === 'major' ? 'volcano' : 'geekblue'} data-testid="topic-tier" data-tier={tier}>
        {t(`tier.${tier}`)}
      </Tag>
    </Tooltip>
  )
}
