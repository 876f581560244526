import { createHash } from 'node:crypto'
import { areaToHundredths, hundredthsToArea } from '../../platform/area'
import { AppError } from '../../platform/errors'
import { communityFacts, ownershipSnapshot } from '../estate/published'
import { rollHash } from './chain'
import type { DecisionRow, Tx } from './repository'
import { buildVoters, type RollUnit } from './tally'

/** Stands for the developer on developer-held units with no owner record: it still votes (one head). */
export const DEVELOPER_PSEUDONYM = 'DEV'
const CHUNK = 1_000

/**
 * Labels for the published roll: `P00001`… for persons and `R00001`… for units, numbered in an order
 * that follows neither party ids nor unit codes. The export pairs voters with their choices, so it must
 * not pair them with their units too.
 */
function labelsFor(decisionId: string, prefix: 'P' | 'R', keys: Iterable<string>): Map<string, string> {
  const ordered = [...new Set(keys)]
    .map((key) => ({
      key,
      order: createHash('sha256').update(`${decisionId}:${prefix}:${key}`).digest('hex'),
    }))
    .sort((a, b) => (a.order < b.order ? -1 : 1))
  return new Map(ordered.map(({ key }, i) => [key, `${prefix}${String(i + 1).padStart(5, '0')}`]))
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

/**
 * Freezes the roll at the record date (区分所有权解释 第8–9条): who owned each unit that day and with
 * what area, grouped into voters by the counting rules of tally.ts, under pseudonyms; then its hash.
 */
export async function freezeRollIn(tx: Tx, tenantId: string, d: DecisionRow): Promise<DecisionRow> {
  const parkingInArea = (await communityFacts(tx, tenantId, d.community_id))?.parkingInVoteArea ?? false
  const snapshot = await ownershipSnapshot(tx, tenantId, d.community_id, d.record_date, parkingInArea)
  if (snapshot.length === 0) throw new AppError(409, 'GOVERNANCE_ROLL_EMPTY')
  const orphans = snapshot.filter((u) => !u.developerHeld && u.ownerPartyIds.length === 0)
  if (orphans.length > 0) {
    throw new AppError(409, 'GOVERNANCE_ROLL_UNITS_WITHOUT_OWNERS', {
      count: orphans.length,
      codes: orphans
        .slice(0, 5)
        .map((u) => u.code)
        .join('、'),
    })
  }
  const pseudonyms = labelsFor(
    d.id,
    'P',
    snapshot.flatMap((u) => u.ownerPartyIds),
  )
  const unitLabels = labelsFor(
    d.id,
    'R',
    snapshot.map((u) => u.code),
  )
  // The roll works on labels; codes stay in the database for staff and for each owner's own view.
  const units: (RollUnit & { source: (typeof snapshot)[number] })[] = snapshot.map((u) => ({
    unit: unitLabels.get(u.code)!,
    areaHundredths: areaToHundredths(u.area),
    owners:
      u.ownerPartyIds.length > 0 ? u.ownerPartyIds.map((p) => pseudonyms.get(p)!) : [DEVELOPER_PSEUDONYM],
    developerHeld: u.developerHeld,
    source: u,
  }))
  const roll = buildVoters(units)
  const codeOfLabel = new Map(units.map((u) => [u.unit, u.source.code]))
  const voterOfUnit = new Map(roll.voters.flatMap((v) => v.units.map((code) => [code, v.voterId] as const)))

  await insertChunked(units, (chunk) =>
    tx
      .insertInto('decision_roll_units')
      .values(
        chunk.map((u) => ({
          tenant_id: tenantId,
          decision_id: d.id,
          unit_code: u.source.code,
          label: u.unit,
          unit_id: u.source.unitId,
          parking_space_id: u.source.parkingSpaceId,
          area: hundredthsToArea(u.areaHundredths),
          area_source: u.source.areaSource,
          developer_held: u.developerHeld,
          owners: [...u.owners],
          voter_key: voterOfUnit.get(u.unit)!,
        })),
      )
      .execute(),
  )
  await insertChunked(roll.voters, (chunk) =>
    tx
      .insertInto('decision_voters')
      .values(
        chunk.map((v) => ({
          tenant_id: tenantId,
          decision_id: d.id,
          voter_key: v.voterId,
          area: hundredthsToArea(v.areaHundredths),
          unit_codes: v.units.map((label) => codeOfLabel.get(label)!).sort(),
        })),
      )
      .execute(),
  )
  await insertChunked([...pseudonyms], (chunk) =>
    tx
      .insertInto('decision_roll_members')
      .values(
        chunk.map(([partyId, pseudonym]) => ({
          tenant_id: tenantId,
          decision_id: d.id,
          party_id: partyId,
          pseudonym,
          voter_key: roll.byPerson.get(pseudonym)!.voterId,
        })),
      )
      .execute(),
  )
  const hash = rollHash(
    d.id,
    units.map((u) => ({
      unit: u.unit,
      area: hundredthsToArea(u.areaHundredths),
      owners: u.owners,
      developerHeld: u.developerHeld,
    })),
  )
  const updated = await tx
    .updateTable('decisions')
    .set({
      roll_hash: hash,
      roll_frozen_at: new Date(),
      roll_heads: roll.totalHeads,
      roll_area: hundredthsToArea(roll.totalAreaHundredths),
      roll_units: units.length,
      parking_in_area: parkingInArea,
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', d.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return { ...d, ...updated }
}
