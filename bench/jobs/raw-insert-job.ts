/**
 * The import's ceiling: the same BENCH_ROWS units (and, with BENCH_OWNERS=1, their parties and
 * ownerships) written by the schema owner with INSERT … SELECT * FROM unnest(…), 5,000 rows per statement,
 * in one transaction like the import. Rows are built before the clock starts. Reports a JobResult.
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import { sealPartyPii } from '../../apps/server/src/modules/estate/parties'
import type { EstateTables } from '../../apps/server/src/modules/estate/tables'
import { uuidv7 } from '../../apps/server/src/platform/ids'
import { unitRow } from '../lib/estate-rows'
import { finish, reportFailure, requiredEnv } from '../lib/report'
import { openJobDeps, timed } from './job-env'

const BATCH = 5_000

type Tx = Transaction<EstateTables>

await reportFailure(async () => {
  const tenantId = requiredEnv('BENCH_TENANT_ID')
  const communityId = requiredEnv('BENCH_COMMUNITY_ID')
  const count = Number(requiredEnv('BENCH_ROWS'))
  const withOwners = process.env.BENCH_OWNERS === '1'
  const deps = await openJobDeps()
  const owner = deps.db.owner as Kysely<EstateTables>
  const buildings = await owner
    .selectFrom('buildings')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .execute()
  const buildingId = new Map(buildings.map((b) => [b.code, b.id]))
  const rows = Array.from({ length: count }, (_, i) => {
    const u = unitRow(i)
    const sealed = withOwners ? sealPartyPii(deps.pii, { phone: u.ownerPhone }) : null
    return {
      ...u,
      id: uuidv7(),
      buildingId: buildingId.get(u.buildingCode)!,
      partyId: uuidv7(),
      ownershipId: uuidv7(),
      sealed,
    }
  })
  type Row = (typeof rows)[number]
  const column = <T>(batch: Row[], pick: (r: Row) => T) => batch.map(pick)

  const insertUnits = (tx: Tx, b: Row[]) =>
    sql`
    insert into units (tenant_id, id, community_id, building_id, code, floor, building_area, exclusive_area,
                       exclusive_area_source, use, delivery_date, sold)
    select * from unnest(${column(b, () => tenantId)}::uuid[], ${column(b, (r) => r.id)}::uuid[],
      ${column(b, () => communityId)}::uuid[], ${column(b, (r) => r.buildingId)}::uuid[],
      ${column(b, (r) => r.unitCode)}::text[], ${column(b, (r) => r.floor)}::int[],
      ${column(b, (r) => r.buildingArea)}::numeric[], ${column(b, (r) => r.exclusiveArea)}::numeric[],
      ${column(b, () => 'registered')}::text[], ${column(b, () => 'residential')}::text[],
      ${column(b, (r) => r.deliveryDate)}::date[], ${column(b, () => true)}::bool[])`.execute(tx)

  const insertParties = (tx: Tx, b: Row[]) =>
    sql`
    insert into parties (tenant_id, id, kind, name, phone_enc, phone_hash, phone_masked, id_number_enc,
                         id_number_hash, id_number_masked, account_id)
    select * from unnest(${column(b, () => tenantId)}::uuid[], ${column(b, (r) => r.partyId)}::uuid[],
      ${column(b, () => 'person')}::text[], ${column(b, (r) => r.ownerName)}::text[],
      ${column(b, (r) => r.sealed!.phone_enc)}::text[], ${column(b, (r) => r.sealed!.phone_hash)}::text[],
      ${column(b, (r) => r.sealed!.phone_masked)}::text[], ${column(b, () => null)}::text[],
      ${column(b, () => null)}::text[], ${column(b, () => null)}::text[], ${column(b, () => null)}::uuid[])`.execute(
      tx,
    )

  const insertOwnerships = (tx: Tx, b: Row[]) =>
    sql`
    insert into unit_ownerships (tenant_id, id, unit_id, party_id, start_date, end_date)
    select * from unnest(${column(b, () => tenantId)}::uuid[], ${column(b, (r) => r.ownershipId)}::uuid[],
      ${column(b, (r) => r.id)}::uuid[], ${column(b, (r) => r.partyId)}::uuid[],
      ${column(b, (r) => r.deliveryDate)}::date[], ${column(b, () => null)}::date[])`.execute(tx)

  const result = await timed(() =>
    owner.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH)
        await insertUnits(tx, batch)
        if (withOwners) {
          await insertParties(tx, batch)
          await insertOwnerships(tx, batch)
        }
      }
      return rows.length
    }),
  )
  await deps.db.close()
  finish(result)
})
