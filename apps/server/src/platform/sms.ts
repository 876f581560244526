import type { Transaction } from 'kysely'
import { maskPhone } from './crypto/mask'
import type { PiiCipher } from './crypto/pii'
import { uuidv7 } from './ids'

interface SmsTables {
  sms_messages: {
    tenant_id: string
    id: string
    phone_enc: string
    phone_masked: string
    template: string
    body_enc: string
  }
}

export interface SmsMessage {
  phone: string
  /** What the message is for (e.g. `vote_code`), for the provider's template. */
  template: string
  body: string
}

/**
 * The SMS adapter. Messages are written to the `sms_messages` outbox in the caller's transaction, so a
 * message exists exactly when the change that sent it committed; a provider adapter delivers from
 * there. Phone and text are stored encrypted: the text may hold a one-time code.
 */
export async function queueSms<T>(
  tx: Transaction<T>,
  pii: PiiCipher,
  tenantId: string,
  message: SmsMessage,
): Promise<{ sentTo: string }> {
  const masked = maskPhone(message.phone)
  await (tx as unknown as Transaction<SmsTables>)
    .insertInto('sms_messages')
    .values({
      tenant_id: tenantId,
      id: uuidv7(),
      phone_enc: pii.encrypt(message.phone),
      phone_masked: masked,
      template: message.template,
      body_enc: pii.encrypt(message.body),
    })
    .execute()
  return { sentTo: masked }
}
