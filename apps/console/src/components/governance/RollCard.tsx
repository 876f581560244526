import type { Decision } from '@meihao/contracts'
import { Card, Descriptions, type DescriptionsProps, Empty, Typography } from 'antd'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { AreaText } from '../AreaText'

/** 业主名册: frozen at the record date; its hash is published before voting opens. */
export function RollCard({ decision }: { decision: Decision }) {
  const { t, lang } = useI18n()
  const roll = decision.roll
  const items: DescriptionsProps['items'] = roll
    ? [
        {
          key: 'hash',
          label: t('roll.hash'),
          children: (
            <Typography.Text
              code
              copyable
              style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
              data-testid="roll-hash"
            >
              {roll.hash}
            </Typography.Text>
          ),
        },
        {
          key: 'heads',
          label: t('roll.heads'),
          children: <span data-testid="roll-heads">{t('roll.headsValue', { count: roll.heads })}</span>,
        },
        {
          key: 'area',
          label: t('roll.area'),
          children: (
            <span data-testid="roll-area">
              <AreaText value={roll.area} />
            </span>
          ),
        },
        {
          key: 'units',
          label: t('roll.units'),
          children: <span data-testid="roll-units">{t('roll.unitsValue', { count: roll.units })}</span>,
        },
        { key: 'recordDate', label: t('decision.recordDate'), children: decision.recordDate },
        { key: 'frozenAt', label: t('roll.frozenAt'), children: formatDateTime(lang, roll.frozenAt) },
      ]
    : []
  return (
    <Card size="small" title={t('roll.title')} data-testid="roll-card" style={{ height: '100%' }}>
      {roll ? (
        <Descriptions items={items} column={1} size="small" />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <div>{t('roll.notFrozen')}</div>
              <Typography.Text type="secondary">
                {t('roll.notFrozenHint', { date: decision.recordDate })}
              </Typography.Text>
            </>
          }
        />
      )}
    </Card>
  )
}
