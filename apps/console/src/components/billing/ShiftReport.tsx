import { type CashierShift, COUNTER_CHANNELS, type PaymentChannel } from '@meihao/contracts'
import { Descriptions, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import type { ShiftTotal } from '../../api/billing'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { Money } from './BillingTags'

/** Every counter channel (zero when nothing was taken that way), then the online ones that occurred. */
export function totalsByChannel(shift: Pick<CashierShift, 'totals'>): ShiftTotal[] {
  const byChannel = new Map<PaymentChannel, ShiftTotal>(shift.totals.map((x) => [x.channel, x]))
  const counter = COUNTER_CHANNELS.map((channel) => byChannel.get(channel) ?? { channel, count: 0, fen: 0 })
  const online = shift.totals.filter((x) => !(COUNTER_CHANNELS as readonly string[]).includes(x.channel))
  return [...counter, ...online]
}

/** A shift's totals by channel with the grand total: what the cashier hands over. */
export function ShiftTotals({ shift }: { shift: Pick<CashierShift, 'totals' | 'totalFen' | 'payments'> }) {
  const { t } = useI18n()
  const columns: TableColumnsType<ShiftTotal> = [
    { title: t('shift.channel'), dataIndex: 'channel', render: (_, x) => t(`payChannel.${x.channel}`) },
    { title: t('shift.count'), dataIndex: 'count', align: 'right' },
    {
      title: t('shift.amount'),
      dataIndex: 'fen',
      align: 'right',
      render: (_, x) => <Money fen={x.fen} testId={`billing-shift-channel-${x.channel}`} />,
    },
  ]
  return (
    <Table<ShiftTotal>
      rowKey="channel"
      size="small"
      columns={columns}
      dataSource={totalsByChannel(shift)}
      pagination={false}
      data-testid="billing-shift-totals"
      onRow={(x) => ({ 'data-testid': `billing-shift-row-${x.channel}` }) as HTMLAttributes<HTMLElement>}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>{t('shift.total')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <span data-testid="billing-shift-count">{shift.payments}</span>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <Money fen={shift.totalFen} strong testId="billing-shift-total" />
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  )
}

/** 班次报表: who, when, how many payments, how many voided, and the totals by channel. */
export function ShiftReport({ shift, communityName }: { shift: CashierShift; communityName?: string }) {
  const { t, lang } = useI18n()
  return (
    <Flex vertical gap={12} data-testid="billing-shift-report" data-shift-id={shift.id}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('shift.cashier')}>{shift.cashierName || '—'}</Descriptions.Item>
        {communityName ? (
          <Descriptions.Item label={t('unit.community')}>{communityName}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('shift.openedAt')}>
          {formatDateTime(lang, shift.openedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('shift.closedAt')}>
          {shift.closedAt ? (
            formatDateTime(lang, shift.closedAt)
          ) : (
            <Tag color="processing">{t('shift.open')}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('shift.payments')}>{shift.payments}</Descriptions.Item>
        <Descriptions.Item label={t('shift.voided')}>
          <span data-testid="billing-shift-voided">{shift.voided}</span>
        </Descriptions.Item>
      </Descriptions>
      <ShiftTotals shift={shift} />
    </Flex>
  )
}
