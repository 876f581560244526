import type { Kysely } from 'kysely'
import { hashPassword } from '../../platform/crypto/passwords'
import type { PiiCipher } from '../../platform/crypto/pii'
import { uuidv7 } from '../../platform/ids'
import type { IamTables } from './tables'

/** The account of a mobile number, created when missing; an existing account keeps its password. */
export async function ensureAccount(
  tx: Kysely<IamTables>,
  pii: PiiCipher,
  input: { name: string; phone: string; password: string },
): Promise<string> {
  const phoneHash = pii.lookupHash('phone', input.phone)
  const existing = await tx
    .selectFrom('accounts')
    .select('id')
    .where('phone_hash', '=', phoneHash)
    .executeTakeFirst()
  if (existing) return existing.id
  const id = uuidv7()
  await tx
    .insertInto('accounts')
    .values({
      id,
      phone_hash: phoneHash,
      phone_enc: pii.encrypt(input.phone),
      name: input.name,
      password_hash: await hashPassword(input.password),
      status: 'active',
      locked_until: null,
    })
    .execute()
  return id
}
