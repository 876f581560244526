import { sql, type Transaction } from 'kysely'
import type { PiiCipher } from '../../../platform/crypto/pii'
import { uuidv7 } from '../../../platform/ids'
import { sealPartyPii } from '../parties'
import type { EstateTables } from '../tables'
import { type KnownParty, PartyIndex } from './owner-matching'
import type { ImportRow } from './row-rules'

/*
 * The SQL of one import batch: look-ups by key and column-wise writes, all in the import's one transaction,
 * each filtered by tenant_id as well as by Row Level Security.
 */

export interface BatchDb {
  tx: Transaction<EstateTables>
  tenantId: string
  communityId: string
  pii: PiiCipher
}

export type StoredUnit = Pick<
  EstateTables['units'],
  | 'id'
  | 'code'
  | 'building_id'
  | 'floor'
  | 'building_area'
  | 'exclusive_area'
  | 'exclusive_area_source'
  | 'use'
  | 'delivery_date'
  | 'sold'
>

/** A party the batch creates, with the values to seal. */
export interface NewParty extends KnownParty {
  phone: string | null
  idNumber: string | null
}

/** A phone and/or ID number the sheet adds to or changes on an existing party (null: keep stored). */
export interface PartyChange {
  phone: string | null
  idNumber: string | null
}

/*
 * The look-ups below probe an index once per key: unnest(keys) with a LATERAL subquery, fenced by LIMIT 1 /
 * OFFSET 0 so the planner cannot turn it into a hash join. During a big import the statistics still describe
 * the tables as they were before it; "= any(keys)" or a plain join then plan as a scan of every unit or party
 * for each batch, which makes a 100,000-row import quadratic (measured: 65 s instead of 3 s of look-ups).
 */

export async function storedUnits(
  { tx, tenantId, communityId }: BatchDb,
  codes: string[],
): Promise<Map<string, StoredUnit>> {
  if (codes.length === 0) return new Map()
  const { rows } = await sql<StoredUnit>`
    select u.id, u.code, u.building_id, u.floor, u.building_area, u.exclusive_area, u.exclusive_area_source, u.use,
           u.delivery_date, u.sold
      from unnest(${codes}::text[]) as c(code)
      cross join lateral (select * from units u
                           where u.tenant_id = ${tenantId} and u.community_id = ${communityId} and u.code = c.code
                           limit 1) u`.execute(tx)
  return new Map(rows.map((u) => [u.code, u]))
}

interface PartyRow {
  id: string
  name: string
  phone_hash: string | null
  id_number_hash: string | null
}

const knownParty = (p: PartyRow): KnownParty => ({
  id: p.id,
  name: p.name,
  phoneHash: p.phone_hash,
  idHash: p.id_number_hash,
})

/** Open ownerships (no end date) of the given units, as unit id → its current owners. */
export async function currentOwners(
  { tx, tenantId }: BatchDb,
  unitIds: string[],
): Promise<Map<string, KnownParty[]>> {
  const owners = new Map<string, KnownParty[]>()
  if (unitIds.length === 0) return owners
  const { rows } = await sql<PartyRow & { unit_id: string }>`
    select p.unit_id, p.id, p.name, p.phone_hash, p.id_number_hash
      from unnest(${unitIds}::uuid[]) as u(id)
      cross join lateral (select o.unit_id, p.id, p.name, p.phone_hash, p.id_number_hash
                            from unit_ownerships o
                            join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
                           where o.tenant_id = ${tenantId} and o.unit_id = u.id and o.end_date is null
                          offset 0) p`.execute(tx)
  for (const r of rows) owners.set(r.unit_id, [...(owners.get(r.unit_id) ?? []), knownParty(r)])
  return owners
}

/** The tenant's parties that the batch's phones and ID numbers point at, oldest first. */
export async function partiesFor({ tx, tenantId, pii }: BatchDb, rows: ImportRow[]): Promise<PartyIndex> {
  const index = new PartyIndex()
  const phoneHashes = new Set<string>()
  const idHashes = new Set<string>()
  for (const owner of rows.flatMap((r) => r.owners)) {
    if (owner.phone.kind === 'value') phoneHashes.add(pii.lookupHash('phone', owner.phone.value))
    if (owner.idNumber.kind === 'value') idHashes.add(pii.lookupHash('id_number', owner.idNumber.value))
  }
  if (phoneHashes.size === 0 && idHashes.size === 0) return index
  const { rows: found } = await sql<PartyRow>`
    select p.id, p.name, p.phone_hash, p.id_number_hash
      from unnest(${[...idHashes]}::text[]) as h(hash)
      cross join lateral (select * from parties p where p.tenant_id = ${tenantId} and p.id_number_hash = h.hash offset 0) p
    union
    select p.id, p.name, p.phone_hash, p.id_number_hash
      from unnest(${[...phoneHashes]}::text[]) as h(hash)
      cross join lateral (select * from parties p where p.tenant_id = ${tenantId} and p.phone_hash = h.hash offset 0) p
    order by id`.execute(tx)
  for (const p of found) index.add(knownParty(p))
  return index
}

/** Sets the phone and/or ID number a change gives (sealed), leaving the other as stored. */
export async function updateParty({ tx, tenantId, pii }: BatchDb, partyId: string, change: PartyChange) {
  const sealed = sealPartyPii(pii, change)
  await tx
    .updateTable('parties')
    .set({
      ...(change.phone
        ? { phone_enc: sealed.phone_enc, phone_hash: sealed.phone_hash, phone_masked: sealed.phone_masked }
        : {}),
      ...(change.idNumber
        ? {
            id_number_enc: sealed.id_number_enc,
            id_number_hash: sealed.id_number_hash,
            id_number_masked: sealed.id_number_masked,
          }
        : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', partyId)
    .execute()
}

export interface UnitWrite {
  id: string
  buildingId: string
  row: ImportRow
}

/*
 * The batch writes send one array per column and unnest() them in SQL: a thousand rows cost one parameter per
 * column instead of one per cell, which is markedly cheaper to send and plan, on PGlite most of all.
 */

/** New and changed units in one statement; returns every written unit's id (existing ones keep theirs). */
export async function upsertUnits({ tx, tenantId, communityId }: BatchDb, writes: UnitWrite[]) {
  if (writes.length === 0) return []
  const column = <T>(pick: (w: UnitWrite) => T) => writes.map(pick)
  const { rows } = await sql<{ id: string; code: string }>`
    insert into units (tenant_id, id, community_id, building_id, code, floor, building_area, exclusive_area,
                       exclusive_area_source, use, delivery_date, sold)
    select ${tenantId}::uuid, u.id, ${communityId}::uuid, u.building_id, u.code, u.floor, u.building_area,
           u.exclusive_area, u.exclusive_area_source, u.use, u.delivery_date, u.sold
      from unnest(${column((w) => w.id)}::uuid[], ${column((w) => w.buildingId)}::uuid[],
                  ${column((w) => w.row.unitCode)}::text[], ${column((w) => w.row.floor)}::integer[],
                  ${column((w) => w.row.buildingArea)}::numeric[], ${column((w) => w.row.exclusiveArea)}::numeric[],
                  ${column((w) => w.row.areaSource)}::text[], ${column((w) => w.row.use)}::text[],
                  ${column((w) => w.row.deliveryDate)}::date[], ${column((w) => w.row.sold)}::boolean[])
        as u(id, building_id, code, floor, building_area, exclusive_area, exclusive_area_source, use, delivery_date, sold)
    on conflict (tenant_id, community_id, code) do update
       set floor = excluded.floor, building_area = excluded.building_area,
           exclusive_area = excluded.exclusive_area, exclusive_area_source = excluded.exclusive_area_source,
           use = excluded.use, delivery_date = excluded.delivery_date, sold = excluded.sold, updated_at = now()
    returning id, code`.execute(tx)
  return rows
}

export async function insertParties({ tx, tenantId, pii }: BatchDb, parties: NewParty[]) {
  if (parties.length === 0) return
  const sealed = parties.map((p) => ({ id: p.id, name: p.name, ...sealPartyPii(pii, p) }))
  const column = <T>(pick: (p: (typeof sealed)[number]) => T) => sealed.map(pick)
  await sql`
    insert into parties (tenant_id, id, kind, name, phone_enc, phone_hash, phone_masked,
                         id_number_enc, id_number_hash, id_number_masked)
    select ${tenantId}::uuid, p.id, 'person', p.name, p.phone_enc, p.phone_hash, p.phone_masked,
           p.id_number_enc, p.id_number_hash, p.id_number_masked
      from unnest(${column((p) => p.id)}::uuid[], ${column((p) => p.name)}::text[],
                  ${column((p) => p.phone_enc)}::text[], ${column((p) => p.phone_hash)}::text[],
                  ${column((p) => p.phone_masked)}::text[], ${column((p) => p.id_number_enc)}::text[],
                  ${column((p) => p.id_number_hash)}::text[], ${column((p) => p.id_number_masked)}::text[])
        as p(id, name, phone_enc, phone_hash, phone_masked, id_number_enc, id_number_hash, id_number_masked)`.execute(
    tx,
  )
}

export async function insertOwnerships(
  { tx, tenantId }: BatchDb,
  ownerships: Array<{ unitId: string; partyId: string; startDate: string }>,
) {
  if (ownerships.length === 0) return
  await sql`
    insert into unit_ownerships (tenant_id, id, unit_id, party_id, start_date)
    select ${tenantId}::uuid, o.id, o.unit_id, o.party_id, o.start_date
      from unnest(${ownerships.map(() => uuidv7())}::uuid[], ${ownerships.map((o) => o.unitId)}::uuid[],
                  ${ownerships.map((o) => o.partyId)}::uuid[], ${ownerships.map((o) => o.startDate)}::date[])
        as o(id, unit_id, party_id, start_date)`.execute(tx)
}
