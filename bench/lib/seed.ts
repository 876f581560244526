import { type Insertable, type Kysely, sql } from 'kysely'
import { sealPartyPii } from '../../apps/server/src/modules/estate/parties'
import type { EstateTables } from '../../apps/server/src/modules/estate/tables'
import { provisionTenant } from '../../apps/server/src/modules/iam/provisioning'
import type { PiiCipher } from '../../apps/server/src/platform/crypto/pii'
import type { Database } from '../../apps/server/src/platform/db/database'
import { uuidv7 } from '../../apps/server/src/platform/ids'
import { buildingCodeOf, buildingsFor, UNITS_PER_BUILDING, unitRow } from './estate-rows'

export const BENCH_PASSWORD = 'Meihao#Bench2026'

export interface SeededCompany {
  tenantId: string
  tenantCode: string
  adminPhone: string
  communityId: string
  /** Building id by building code. */
  buildingIds: Map<string, string>
}

export interface SeededEstate extends SeededCompany {
  unitIds: string[]
}

const INSERT_CHUNK = 1_000

async function insertChunked<T extends keyof EstateTables>(
  db: Kysely<EstateTables>,
  table: T,
  rows: readonly Insertable<EstateTables[T]>[],
) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    // Kysely cannot follow a table name that is a type parameter; the rows are typed by the caller.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + INSERT_CHUNK) as never)
      .execute()
  }
}

/** A company (through provisioning, so its admin can sign in) and one community with the buildings `units` need. */
export async function seedCompany(db: Database, pii: PiiCipher, units: number): Promise<SeededCompany> {
  const tenantCode = 'bench'
  const adminPhone = '13900000001'
  const { tenantId } = await provisionTenant(db, pii, {
    code: tenantCode,
    name: '美好基准物业服务有限公司',
    admin: { name: '基准管理员', phone: adminPhone, password: BENCH_PASSWORD },
  })
  const owner = db.owner as Kysely<EstateTables>
  const communityId = uuidv7()
  await owner
    .insertInto('communities')
    .values({
      tenant_id: tenantId,
      id: communityId,
      org_unit_id: null,
      code: 'bench',
      name: '基准花园',
      address: '上海市浦东新区基准路 1 号',
      division_code: '310115',
      time_zone: 'Asia/Shanghai',
      delivery_date: '2015-06-30',
      charging_model: 'lump_sum',
      service_grade: 2,
      parking_in_vote_area: false,
    })
    .execute()
  const buildings = Array.from({ length: buildingsFor(units) }, (_, b) => ({
    tenant_id: tenantId,
    id: uuidv7(),
    community_id: communityId,
    code: buildingCodeOf(b),
    name: `${buildingCodeOf(b)}号楼`,
    floors: UNITS_PER_BUILDING / 10,
  }))
  await insertChunked(owner, 'buildings', buildings)
  return {
    tenantId,
    tenantCode,
    adminPhone,
    communityId,
    buildingIds: new Map(buildings.map((b) => [b.code, b.id])),
  }
}

/** The company above with `units` units, each with one current owner, inserted in bulk as the schema owner. */
export async function seedEstate(db: Database, pii: PiiCipher, units: number): Promise<SeededEstate> {
  const company = await seedCompany(db, pii, units)
  const { tenantId, communityId, buildingIds } = company
  const owner = db.owner as Kysely<EstateTables>
  const rows = Array.from({ length: units }, (_, i) => unitRow(i))
  const unitRows = rows.map((u) => ({
    tenant_id: tenantId,
    id: uuidv7(),
    community_id: communityId,
    building_id: buildingIds.get(u.buildingCode)!,
    code: u.unitCode,
    floor: u.floor,
    building_area: u.buildingArea,
    exclusive_area: u.exclusiveArea,
    exclusive_area_source: 'registered' as const,
    use: 'residential' as const,
    delivery_date: u.deliveryDate,
    sold: true,
  }))
  const partyRows = rows.map((u) => ({
    tenant_id: tenantId,
    id: uuidv7(),
    kind: 'person' as const,
    name: u.ownerName,
    ...sealPartyPii(pii, { phone: u.ownerPhone }),
    account_id: null,
  }))
  await insertChunked(owner, 'units', unitRows)
  await insertChunked(owner, 'parties', partyRows)
  await insertChunked(
    owner,
    'unit_ownerships',
    unitRows.map((u, i) => ({
      tenant_id: tenantId,
      id: uuidv7(),
      unit_id: u.id,
      party_id: partyRows[i]!.id,
      start_date: u.delivery_date,
      end_date: null,
    })),
  )
  if (db.kind === 'postgres') await sql`analyze`.execute(db.owner)
  return { ...company, unitIds: unitRows.map((u) => u.id) }
}
