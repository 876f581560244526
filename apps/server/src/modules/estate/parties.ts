import type { PartyRef } from '@meihao/contracts'
import { maskIdNumber, maskPhone } from '../../platform/crypto/mask'
import type { PiiCipher } from '../../platform/crypto/pii'
import type { EstateTables } from './tables'

/** The columns a party's phone and ID number are stored in: ciphertext, look-up hash, display mask. */
export function sealPartyPii(
  pii: PiiCipher,
  input: { phone?: string | null | undefined; idNumber?: string | null | undefined },
) {
  const phone = input.phone ?? null
  const idNumber = input.idNumber ? input.idNumber.toUpperCase() : null
  return {
    phone_enc: phone ? pii.encrypt(phone) : null,
    phone_hash: phone ? pii.lookupHash('phone', phone) : null,
    phone_masked: phone ? maskPhone(phone) : null,
    id_number_enc: idNumber ? pii.encrypt(idNumber) : null,
    id_number_hash: idNumber ? pii.lookupHash('id_number', idNumber) : null,
    id_number_masked: idNumber ? maskIdNumber(idNumber) : null,
  }
}

type PartyColumns = Pick<
  EstateTables['parties'],
  'id' | 'kind' | 'name' | 'phone_masked' | 'id_number_masked'
>

/** A party as every response shows it: masked, never the ciphertext. */
export const partyRef = (p: PartyColumns): PartyRef => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  phoneMasked: p.phone_masked,
  idNumberMasked: p.id_number_masked,
})

export const PARTY_REF_COLUMNS = ['p.id', 'p.kind', 'p.name', 'p.phone_masked', 'p.id_number_masked'] as const
