import type { Ticket, TicketInput } from '@meihao/contracts'
import { createTicket } from '../../api/tickets'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { type CreateDrawerProps, FormDrawer } from '../FormDrawer'
import { useIdempotencyKey } from './idempotency'
import { TicketForm } from './TicketForm'

const FORM_ID = 'ticket-form'

/** 登记工单: a drawer with the form of a request taken by phone, at the desk or on patrol. */
export function TicketFormDrawer({ open, communityId, onClose, onCreated }: CreateDrawerProps<Ticket>) {
  const { t } = useI18n()
  const saving = useAction()
  const idempotency = useIdempotencyKey()

  const submit = (input: TicketInput) =>
    saving.run(async () => {
      const ticket = await createTicket(input, idempotency.keyFor(input))
      idempotency.reset()
      onCreated(ticket)
    })

  return (
    <FormDrawer
      open={open}
      title={t('ticket.createTitle')}
      size={720}
      formId={FORM_ID}
      submitText={t('ticket.createSubmit')}
      testId="ticket-form-drawer"
      submitTestId="ticket-form-submit"
      action={saving}
      onClose={onClose}
      afterClose={idempotency.reset}
    >
      <TicketForm formId={FORM_ID} communityId={communityId} onSubmit={submit} />
    </FormDrawer>
  )
}
