import type { Ticket, TicketActionType } from '@meihao/contracts'
import { Alert, App, Form, Input, Modal, Radio, Rate, Typography } from 'antd'
import { useEffect } from 'react'
import { runTicketAction } from '../../api/tickets'
import { useAction } from '../../hooks/useAction'
import { formatDateTime, formatFen, yuanToFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import type { MessageKey } from '../../i18n/translate'
import { ErrorAlert } from '../ErrorAlert'
import { AssigneePicker } from './AssigneePicker'
import { ACTION_FIELDS, type ActionValues, MAX_QUOTE_FEN, toActionInput } from './actionInput'
import { PhotoPicker } from './PhotoPicker'
import { TicketStatusTag } from './TicketTags'
import { DANGEROUS_ACTIONS } from './ticketValues'

const FORM_ID = 'ticket-action-form'

/**
 * One action on a ticket: a small dialog asking for exactly what the action needs (a technician, a reason,
 * a note and photos, an amount, a score), with a warning for the ones that undo work or end the ticket.
 * A refusal (409 TICKET_INVALID_TRANSITION, …) shows the server's message in the dialog.
 */
export function TicketActionModal({
  ticket,
  action,
  duplicateOf,
  onClose,
  onDone,
  testIdPrefix = 'ticket-action',
  phone = false,
  labels,
}: {
  ticket: Ticket
  /** The action being asked for; null when closed. */
  action: TicketActionType | null
  /** The duplicate chosen from a merge hint. */
  duplicateOf?: string | null
  onClose: () => void
  onDone: (ticket: Ticket) => void
  testIdPrefix?: string
  /** The technician's phone screen: larger controls and the camera for photos. */
  phone?: boolean
  labels?: Partial<Record<TicketActionType, MessageKey>>
}) {
  const { t, lang } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<ActionValues>()
  const { busy, error, setError, run } = useAction()
  const fields = action ? ACTION_FIELDS[action] : {}
  const danger = action ? DANGEROUS_ACTIONS.has(action) : false
  const label = action ? t(labels?.[action] ?? `ticketAction.${action}`) : ''

  useEffect(() => {
    if (action) form.setFieldsValue({ duplicateOf: duplicateOf ?? ticket.duplicates[0]?.id })
  }, [action, duplicateOf, form, ticket.duplicates])

  const submit = (values: ActionValues) =>
    run(async () => {
      if (!action) return
      const next = await runTicketAction(ticket.id, toActionInput(action, values))
      message.success(t('ticket.actionDone', { action: label, number: next.number }))
      onDone(next)
    })

  const size = phone ? 'large' : 'middle'
  return (
    <Modal
      open={action !== null}
      title={t('ticket.actionTitle', { action: label, number: ticket.number })}
      okText={label}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      centered={phone}
      width={phone ? 440 : 560}
      okButtonProps={{
        htmlType: 'submit',
        form: FORM_ID,
        danger,
        size,
        'data-testid': `${testIdPrefix}-ok`,
      }}
      cancelButtonProps={{ size, 'data-testid': `${testIdPrefix}-cancel` }}
      afterClose={() => {
        setError(null)
        form.resetFields()
      }}
      data-testid={`${testIdPrefix}-modal`}
    >
      {action ? (
        <Typography.Paragraph type="secondary">{t(`ticketActionHint.${action}`)}</Typography.Paragraph>
      ) : null}
      {danger ? (
        <Alert type="warning" showIcon title={t('ticket.dangerWarning')} style={{ marginBottom: 16 }} />
      ) : null}
      <ErrorAlert error={error} />
      <Form<ActionValues>
        id={FORM_ID}
        form={form}
        layout="vertical"
        size={size}
        onFinish={submit}
        initialValues={{ photos: [] }}
        data-testid={`${testIdPrefix}-form`}
      >
        {fields.duplicate ? (
          <Form.Item
            name="duplicateOf"
            label={t('ticket.duplicateOf')}
            rules={[{ required: true, message: t('ticket.duplicateRequired') }]}
          >
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {ticket.duplicates.map((d) => (
                <Radio key={d.id} value={d.id} data-testid="duplicate-option">
                  {t('ticket.duplicateOption', {
                    number: d.number,
                    title: d.title,
                    time: formatDateTime(lang, d.createdAt),
                  })}{' '}
                  <TicketStatusTag status={d.status} testId="duplicate-status" />
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        ) : null}
        {fields.assignee ? (
          <Form.Item
            name="assigneeId"
            label={t('ticket.assignee')}
            rules={[{ required: true, message: t('ticket.assigneeRequired') }]}
          >
            <AssigneePicker
              communityId={ticket.communityId}
              exclude={action === 'transfer' ? ticket.assigneeId : null}
              large={phone}
            />
          </Form.Item>
        ) : null}
        {fields.amount ? (
          <Form.Item
            name="amount"
            label={t('ticket.quoteAmount')}
            extra={t('ticket.quoteHint')}
            rules={[
              { required: true, message: t('ticket.amountRequired') },
              {
                validator: (_, value: string | undefined) => {
                  if (!value) return Promise.resolve()
                  const fen = yuanToFen(value)
                  return fen !== null && fen >= 1 && fen <= MAX_QUOTE_FEN
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('ticket.amountInvalid', { max: formatFen(MAX_QUOTE_FEN) })))
                },
              },
            ]}
          >
            <Input
              prefix="¥"
              inputMode="decimal"
              placeholder="0.00"
              data-testid={`${testIdPrefix}-amount`}
              style={{ maxWidth: 240 }}
            />
          </Form.Item>
        ) : null}
        {fields.rating ? (
          <Form.Item
            name="rating"
            label={t('ticket.rating')}
            rules={[{ required: true, message: t('ticket.ratingRequired') }]}
          >
            <Rate data-testid={`${testIdPrefix}-rating`} />
          </Form.Item>
        ) : null}
        {fields.satisfaction ? (
          <Form.Item
            name="satisfaction"
            label={t('ticket.satisfaction')}
            extra={t('ticket.satisfactionHint')}
          >
            <Rate data-testid={`${testIdPrefix}-satisfaction`} />
          </Form.Item>
        ) : null}
        {fields.comment ? (
          <Form.Item name="comment" label={t('ticket.ratingComment')} rules={[{ max: 500 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
          </Form.Item>
        ) : null}
        {fields.reason ? (
          <Form.Item
            name="reason"
            label={t('ticket.reason')}
            rules={[
              {
                required: fields.reason === 'required',
                whitespace: true,
                message: t('ticket.reasonRequired'),
              },
              { max: 500 },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={500}
              data-testid={`${testIdPrefix}-reason`}
            />
          </Form.Item>
        ) : null}
        {fields.note ? (
          <Form.Item
            name="note"
            label={action === 'resolve' ? t('ticket.resolveNote') : t('ticket.note')}
            rules={[
              { required: fields.note === 'required', whitespace: true, message: t('ticket.noteRequired') },
              { max: 2000 },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              data-testid={`${testIdPrefix}-note`}
            />
          </Form.Item>
        ) : null}
        {fields.photos ? (
          <Form.Item name="photos" label={t('ticket.photos')}>
            <PhotoPicker capture={phone} large={phone} testId={`${testIdPrefix}-photos`} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  )
}
