import { LoginOutlined, LogoutOutlined, ReloadOutlined } from '@ant-design/icons'
import type { CashierShift } from '@meihao/contracts'
import { App, Button, Card, Empty, Flex, Modal, Popconfirm, Skeleton, Typography } from 'antd'
import { useState } from 'react'
import { closeShift, openShift } from '../../api/billing'
import { useAction } from '../../hooks/useAction'
import type { AsyncState } from '../../hooks/useAsync'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { ShiftReport, ShiftTotals } from './ShiftReport'

/**
 * 当前班次 at the counter: what the cashier has taken since the shift opened, by channel. A shift opens with
 * the first payment (or 开班); 交班 closes it and shows the final report to hand over with the cash.
 */
export function CurrentShiftCard({
  shift,
  communityId,
}: {
  shift: AsyncState<CashierShift | null>
  /** The community chosen at the counter, where 开班 opens a shift. */
  communityId: string | null
}) {
  const { t, lang } = useI18n()
  const { message } = App.useApp()
  const acting = useAction()
  const [final, setFinal] = useState<CashierShift | null>(null)
  const current = shift.data

  const open = () =>
    acting.run(async () => {
      if (!communityId) return
      const opened = await openShift(communityId)
      shift.setData(() => opened)
      message.success(t('shift.opened'))
    })
  const close = (id: string) =>
    acting.run(async () => {
      const closed = await closeShift(id)
      shift.setData(() => null)
      setFinal(closed)
    })

  return (
    <Card
      size="small"
      title={t('shift.current')}
      data-testid="billing-shift-card"
      extra={
        <Button
          type="text"
          icon={<ReloadOutlined />}
          onClick={shift.reload}
          loading={shift.loading}
          aria-label={t('desk.refresh')}
          data-testid="billing-shift-reload"
        />
      }
    >
      <ErrorAlert error={shift.error} onRetry={shift.reload} />
      <ErrorAlert error={acting.error} />
      {shift.loading && current === undefined ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {current === null ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('shift.none')}
          data-testid="billing-shift-none"
        >
          <Button
            icon={<LoginOutlined />}
            disabled={!communityId}
            loading={acting.busy}
            onClick={() => void open()}
            data-testid="billing-shift-open"
          >
            {t('shift.openAction')}
          </Button>
        </Empty>
      ) : null}
      {current ? (
        <Flex vertical gap={12} data-testid="billing-shift-current" data-shift-id={current.id}>
          <Typography.Text type="secondary">
            {t('shift.since', { name: current.cashierName, time: formatDateTime(lang, current.openedAt) })}
          </Typography.Text>
          <ShiftTotals shift={current} />
          {current.voided > 0 ? (
            <Typography.Text type="secondary">
              {t('shift.voidedCount', { count: current.voided })}
            </Typography.Text>
          ) : null}
          <Popconfirm
            title={t('shift.closeConfirm')}
            description={t('shift.closeHint')}
            okText={t('shift.close')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'billing-shift-close-confirm' }}
            onConfirm={() => close(current.id)}
          >
            <Button icon={<LogoutOutlined />} loading={acting.busy} block data-testid="billing-shift-close">
              {t('shift.close')}
            </Button>
          </Popconfirm>
        </Flex>
      ) : null}
      <Modal
        open={final !== null}
        title={t('shift.finalTitle')}
        onCancel={() => setFinal(null)}
        footer={
          <Button type="primary" onClick={() => setFinal(null)} data-testid="billing-shift-final-ok">
            {t('shift.done')}
          </Button>
        }
        width={640}
        data-testid="billing-shift-final"
      >
        {final ? <ShiftReport shift={final} /> : null}
      </Modal>
    </Card>
  )
}
