import type { Ticket, TicketInput } from '@meihao/contracts'
import { Button, Drawer, Space } from 'antd'
import { createTicket } from '../../api/tickets'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { useIdempotencyKey } from './idempotency'
import { TicketForm } from './TicketForm'

const FORM_ID = 'ticket-form'

/** 登记工单: a drawer with the form of a request taken by phone, at the desk or on patrol. */
export function TicketFormDrawer({
  open,
  communityId,
  onClose,
  onCreated,
}: {
  open: boolean
  communityId: string | null
  onClose: () => void
  onCreated: (ticket: Ticket) => void
}) {
  const { t } = useI18n()
  const { busy: saving, error, setError, run } = useAction()
  const idempotency = useIdempotencyKey()

  const submit = (input: TicketInput) =>
    run(async () => {
      const ticket = await createTicket(input, idempotency.keyFor(input))
      idempotency.reset()
      onCreated(ticket)
    })

  return (
    <Drawer
      open={open}
      title={t('ticket.createTitle')}
      size={720}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(opened) => {
        if (!opened) {
          setError(null)
          idempotency.reset()
        }
      }}
      data-testid="ticket-form-drawer"
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            form={FORM_ID}
            loading={saving}
            data-testid="ticket-form-submit"
          >
            {t('ticket.createSubmit')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={error} />
      <TicketForm formId={FORM_ID} communityId={communityId} onSubmit={submit} />
    </Drawer>
  )
}
