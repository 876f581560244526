import { areaToHundredths } from '../../../platform/area'
import type { PiiCipher } from '../../../platform/crypto/pii'
import { uuidv7 } from '../../../platform/ids'
import {
  type BatchDb,
  currentOwners,
  insertOwnerships,
  insertParties,
  type NewParty,
  type PartyChange,
  partiesFor,
  type StoredUnit,
  storedUnits,
  type UnitWrite,
  updateParty,
  upsertUnits,
} from './batch-sql'
import type { BuildingDirectory } from './buildings'
import { type KnownParty, matchOwner, type PartyIndex } from './owner-matching'
import type { CellError, ImportRow } from './row-rules'

/** What an import did (or, in a dry run, would do). created/updated/unchanged count units. */
export interface ImportTotals {
  created: number
  updated: number
  unchanged: number
  buildingsCreated: number
  partiesCreated: number
  partiesUpdated: number
  ownershipsCreated: number
}

export const emptyTotals = (): ImportTotals => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  buildingsCreated: 0,
  partiesCreated: 0,
  partiesUpdated: 0,
  ownershipsCreated: 0,
})

/** Where a batch is written: one community, inside the import's one transaction. */
export interface BatchTarget extends BatchDb {
  buildings: BuildingDirectory
  totals: ImportTotals
}

export interface RowFailure extends CellError {
  row: number
}

/** Equal facts mean "unchanged": the unit is not written (areas compared in hundredths, never as floats). */
const sameFacts = (unit: StoredUnit, row: ImportRow) =>
  unit.floor === row.floor &&
  areaToHundredths(unit.building_area) === areaToHundredths(row.buildingArea) &&
  areaToHundredths(unit.exclusive_area) === areaToHundredths(row.exclusiveArea) &&
  unit.exclusive_area_source === row.areaSource &&
  unit.use === row.use &&
  unit.delivery_date === row.deliveryDate &&
  unit.sold === row.sold

/** What the owners of one row need: parties to create or complete, and ownerships to add. */
interface OwnerPlan {
  newParties: NewParty[]
  changes: Map<KnownParty, PartyChange>
  ownerPartyIds: Set<string>
  errors: CellError[]
}

function planOwners(
  row: ImportRow,
  unitOwners: readonly KnownParty[],
  parties: PartyIndex,
  pii: PiiCipher,
): OwnerPlan {
  const plan: OwnerPlan = { newParties: [], changes: new Map(), ownerPartyIds: new Set(), errors: [] }
  row.owners.forEach((owner, i) => {
    const phone = owner.phone.kind === 'value' ? owner.phone.value : null
    const idNumber = owner.idNumber.kind === 'value' ? owner.idNumber.value : null
    const hashed = {
      ...owner,
      phoneHash: phone ? pii.lookupHash('phone', phone) : null,
      idHash: idNumber ? pii.lookupHash('id_number', idNumber) : null,
    }
    const match = matchOwner(hashed, i + 1, parties, unitOwners)
    if (match.kind === 'refused') {
      plan.errors.push(match.error)
    } else if (match.kind === 'new') {
      const party = {
        id: uuidv7(),
        name: owner.name,
        phoneHash: hashed.phoneHash,
        idHash: hashed.idHash,
        phone,
        idNumber,
      }
      plan.newParties.push(party)
      plan.ownerPartyIds.add(party.id)
    } else {
      if (match.setPhone || match.setIdNumber)
        plan.changes.set(match.party, { phone: match.setPhone, idNumber: match.setIdNumber })
      if (!unitOwners.some((o) => o.id === match.party.id)) plan.ownerPartyIds.add(match.party.id)
    }
  })
  return plan
}

/**
 * Validates a batch of rows against the database and writes what they change: missing buildings, new and
 * changed units (one multi-row upsert), new parties, completed phone/ID numbers, new ownerships.
 * Unchanged units are not written. Returns the rows the database refuses (they write nothing).
 */
export async function importBatch(target: BatchTarget, rows: ImportRow[]): Promise<RowFailure[]> {
  const { tx, tenantId, communityId, pii, totals } = target
  const failures: RowFailure[] = []
  const placed: Array<{ row: ImportRow; buildingId: string }> = []
  for (const row of rows) {
    const placement = target.buildings.place(row)
    if ('id' in placement) placed.push({ row, buildingId: placement.id })
    else failures.push({ row: row.row, ...placement })
  }
  totals.buildingsCreated += await target.buildings.saveNew(tx, tenantId, communityId)

  const stored = await storedUnits(
    target,
    placed.map((p) => p.row.unitCode),
  )
  const owners = await currentOwners(
    target,
    [...stored.values()].map((u) => u.id),
  )
  const parties = await partiesFor(
    target,
    placed.map((p) => p.row),
  )

  const unitWrites: UnitWrite[] = []
  const newParties: NewParty[] = []
  const partyChanges = new Map<KnownParty, PartyChange>()
  const ownerships: Array<{ unitCode: string; partyId: string; startDate: string }> = []
  for (const { row, buildingId } of placed) {
    const unit = stored.get(row.unitCode)
    if (unit && unit.building_id !== buildingId) {
      const building = target.buildings.codeOf(unit.building_id)
      failures.push({
        row: row.row,
        column: 'unitCode',
        code: 'ESTATE_IMPORT_UNIT_IN_OTHER_BUILDING',
        params: { code: row.unitCode, building },
      })
      continue
    }
    const plan = planOwners(row, unit ? (owners.get(unit.id) ?? []) : [], parties, pii)
    if (plan.errors.length > 0) {
      failures.push(...plan.errors.map((e) => ({ row: row.row, ...e })))
      continue
    }
    for (const party of plan.newParties) {
      parties.add(party)
      newParties.push(party)
    }
    for (const [party, change] of plan.changes) {
      parties.update(party, {
        phoneHash: change.phone ? pii.lookupHash('phone', change.phone) : null,
        idHash: change.idNumber ? pii.lookupHash('id_number', change.idNumber) : null,
      })
      const earlier = partyChanges.get(party)
      partyChanges.set(party, {
        phone: change.phone ?? earlier?.phone ?? null,
        idNumber: change.idNumber ?? earlier?.idNumber ?? null,
      })
    }
    const startDate = (row.ownershipStart ?? row.deliveryDate)!
    for (const partyId of plan.ownerPartyIds) ownerships.push({ unitCode: row.unitCode, partyId, startDate })

    const factsChanged = !unit || !sameFacts(unit, row)
    if (factsChanged) {
      unitWrites.push({ id: unit?.id ?? uuidv7(), buildingId, row })
    }
    if (!unit) totals.created += 1
    else if (factsChanged || plan.changes.size > 0 || plan.ownerPartyIds.size > 0) totals.updated += 1
    else totals.unchanged += 1
  }

  const unitIds = new Map([...stored.values()].map((u) => [u.code, u.id]))
  for (const u of await upsertUnits(target, unitWrites)) unitIds.set(u.code, u.id)
  await insertParties(target, newParties)
  totals.partiesCreated += newParties.length
  for (const [party, change] of partyChanges) await updateParty(target, party.id, change)
  totals.partiesUpdated += partyChanges.size
  await insertOwnerships(
    target,
    ownerships.map((o) => ({ ...o, unitId: unitIds.get(o.unitCode)! })),
  )
  totals.ownershipsCreated += ownerships.length
  return failures
}
