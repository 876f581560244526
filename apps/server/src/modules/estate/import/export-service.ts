import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { sql, type Transaction } from 'kysely'
import { actorOf, inTenant, type RequestContext } from '../../../platform/http/context'
import { inScope } from '../policy'
import type { EstateTables } from '../tables'
import { areaCellValue } from './cells'
import {
  AREA_SOURCE_LABELS,
  CO_OWNER_SEPARATOR,
  COLUMNS,
  type ColumnKey,
  SOLD_LABELS,
  USE_LABELS,
} from './columns'

type Tx = Transaction<EstateTables>

const PAGE_SIZE = 1000

/** A current owner as the export shows it: masked phone and ID number only, never the stored ciphertext. */
interface ExportOwner {
  name: string
  phone: string | null
  idNumber: string | null
  start: string
}

function unitPage(
  tx: Tx,
  ctx: RequestContext,
  tenantId: string,
  communityId: string,
  after: [string, string] | null,
) {
  let q = tx
    .selectFrom('units as u')
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'u.tenant_id').onRef('b.id', '=', 'u.building_id'),
    )
    .select([
      'b.code as building_code',
      'b.name as building_name',
      'u.code',
      'u.floor',
      'u.building_area',
      'u.exclusive_area',
      'u.exclusive_area_source',
      'u.use',
      'u.delivery_date',
      'u.sold',
      // "Current owner" means exactly what the import matches against: an ownership with no end date.
      sql<ExportOwner[]>`coalesce((
        select json_agg(json_build_object('name', p.name, 'phone', p.phone_masked, 'idNumber', p.id_number_masked,
                                          'start', o.start_date) order by o.start_date, p.name, p.id)
          from unit_ownerships o join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
         where o.tenant_id = u.tenant_id and o.unit_id = u.id and o.end_date is null), '[]'::json)`.as(
        'owners',
      ),
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.community_id', '=', communityId)
    .where(
      inScope(actorOf(ctx), 'estate.export', {
        community: 'u.community_id',
        building: 'u.building_id',
        unit: 'u.id',
      }),
    )
  if (after) q = q.where(sql<boolean>`(b.code, u.code) > (${after[0]}, ${after[1]})`)
  return q.orderBy('b.code').orderBy('u.code').limit(PAGE_SIZE).execute()
}

type UnitRow = Awaited<ReturnType<typeof unitPage>>[number]

/** Co-owner values joined like the import reads them; empty when no owner has one. */
const aligned = (values: Array<string | null>) =>
  values.some((v) => v) ? values.map((v) => v ?? '').join(CO_OWNER_SEPARATOR) : ''

function sheetRow(u: UnitRow): Record<ColumnKey, string | number | null> {
  return {
    buildingCode: u.building_code,
    buildingName: u.building_name,
    unitCode: u.code,
    floor: u.floor,
    buildingArea: areaCellValue(u.building_area),
    exclusiveArea: areaCellValue(u.exclusive_area),
    areaSource: AREA_SOURCE_LABELS[u.exclusive_area_source],
    use: USE_LABELS[u.use],
    deliveryDate: u.delivery_date,
    sold: u.sold ? SOLD_LABELS.yes : SOLD_LABELS.no,
    ownerNames: u.owners.map((o) => o.name).join(CO_OWNER_SEPARATOR),
    ownerPhones: aligned(u.owners.map((o) => o.phone)),
    ownerIdNumbers: aligned(u.owners.map((o) => o.idNumber)),
    // Owners are ordered by start date, so the first is the earliest; it only matters for owners that are new.
    ownershipStart: u.owners[0]?.start ?? null,
  }
}

/**
 * Streams the community's units (those in the caller's estate.export scope) as an .xlsx with the import's
 * columns, so the file re-imports unchanged. Phones and ID numbers are masked: an export never carries
 * personal data in clear, and the import treats a masked value as "keep what is stored".
 */
export async function writeUnitsWorkbook(
  ctx: RequestContext,
  communityId: string,
  out: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet('房屋')
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }))
  sheet.getColumn('buildingArea').numFmt = '0.00'
  sheet.getColumn('exclusiveArea').numFmt = '0.00'
  await inTenant(ctx, async (tx: Tx, tenantId) => {
    let after: [string, string] | null = null
    for (;;) {
      const page = await unitPage(tx, ctx, tenantId, communityId, after)
      for (const unit of page) sheet.addRow(sheetRow(unit)).commit()
      const last = page.at(-1)
      if (!last || page.length < PAGE_SIZE) break
      after = [last.building_code, last.code]
    }
  })
  sheet.commit()
  await workbook.commit()
}
