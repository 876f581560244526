import { maskName } from '../../../platform/crypto/mask'
import type { CellError, OwnerInput } from './row-rules'

/** A party as owner matching needs it: never the phone or ID number itself, only their look-up hashes. */
export interface KnownParty {
  id: string
  name: string
  phoneHash: string | null
  idHash: string | null
}

/** An owner from the sheet with the look-up hashes of the values it gives (null when absent or masked). */
export interface HashedOwner extends OwnerInput {
  phoneHash: string | null
  idHash: string | null
}

export type OwnerMatch =
  | { kind: 'existing'; party: KnownParty; setPhone: string | null; setIdNumber: string | null }
  | { kind: 'new' }
  | { kind: 'refused'; error: CellError }

/** The parties one batch of rows may refer to, by ID-number hash and by phone hash. */
export class PartyIndex {
  private readonly byId = new Map<string, KnownParty>()
  private readonly byPhone = new Map<string, KnownParty[]>()

  add(party: KnownParty) {
    if (party.idHash && !this.byId.has(party.idHash)) this.byId.set(party.idHash, party)
    if (party.phoneHash)
      this.byPhone.set(party.phoneHash, [...(this.byPhone.get(party.phoneHash) ?? []), party])
  }

  /** Records new look-up values of a party (a phone or ID number the import sets). */
  update(party: KnownParty, hashes: { phoneHash: string | null; idHash: string | null }) {
    if (party.phoneHash)
      this.byPhone.set(
        party.phoneHash,
        this.withPhone(party.phoneHash).filter((p) => p !== party),
      )
    party.phoneHash = hashes.phoneHash ?? party.phoneHash
    party.idHash = hashes.idHash ?? party.idHash
    this.add(party)
  }

  withIdNumber = (idHash: string) => this.byId.get(idHash)
  withPhone = (phoneHash: string) => this.byPhone.get(phoneHash) ?? []
}

/**
 * Who an owner of a row is. An ID number identifies a person; a phone is often shared in a family, so it
 * identifies a person only together with the name; failing both, a current owner of the unit with the same
 * name is the same person (that is how an export, with masked numbers, matches on re-import). A party whose
 * stored ID number differs is never the same person. Unmatched owners are new, unless the sheet gave only a
 * masked number, which cannot be stored.
 */
export function matchOwner(
  owner: HashedOwner,
  index: number,
  parties: PartyIndex,
  unitOwners: readonly KnownParty[],
): OwnerMatch {
  const compatible = (p: KnownParty) => !owner.idHash || !p.idHash || p.idHash === owner.idHash
  const existing = (party: KnownParty): OwnerMatch => ({
    kind: 'existing',
    party,
    setPhone: owner.phone.kind === 'value' && owner.phoneHash !== party.phoneHash ? owner.phone.value : null,
    setIdNumber:
      owner.idNumber.kind === 'value' && owner.idHash !== party.idHash ? owner.idNumber.value : null,
  })
  if (owner.idHash) {
    const byId = parties.withIdNumber(owner.idHash)
    if (byId && byId.name !== owner.name) {
      return {
        kind: 'refused',
        error: {
          column: 'ownerIdNumbers',
          code: 'ESTATE_IMPORT_ID_NAME_CONFLICT',
          params: { index, name: maskName(byId.name) },
        },
      }
    }
    if (byId) return existing(byId)
  }
  const byPhone = owner.phoneHash
    ? parties.withPhone(owner.phoneHash).find((p) => p.name === owner.name && compatible(p))
    : undefined
  if (byPhone) return existing(byPhone)
  const current = unitOwners.find((p) => p.name === owner.name && compatible(p))
  if (current) return existing(current)
  for (const [field, column] of [
    ['phone', 'ownerPhones'],
    ['idNumber', 'ownerIdNumbers'],
  ] as const) {
    if (owner[field].kind === 'masked') {
      return {
        kind: 'refused',
        error: { column, code: 'ESTATE_IMPORT_MASKED_NEW_OWNER', params: { name: owner.name } },
      }
    }
  }
  return { kind: 'new' }
}
