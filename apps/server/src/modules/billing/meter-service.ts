import type {
  MeterBillingInput,
  MeterBillingResult,
  MeterImportInput,
  MeterImportResult,
  MeterReading,
  MeterReadingInput,
  MeterReadingQuery,
} from '@meihao/contracts'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { writeAudit } from '../../platform/audit'
import { AppError, conflict, invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { type Language, translate } from '../../platform/i18n/catalog'
import { uuidv7 } from '../../platform/ids'
import { unitInScope } from '../estate/published'
import type { StandardForDraft } from './bill-drafts'
import type { DraftToIssue } from './bill-issuer'
import {
  communityUnits,
  type Input,
  issueCharges,
  oneMonth,
  payerOf,
  requireItem,
  standardIn,
  type Tx,
  unitPayerFacts,
} from './charges-common'
import {
  type CheckedReading,
  checkReadingSheet,
  checkReadings,
  formatHundredths,
  meteredCharge,
  type RawCell,
  type RowRefusal,
  type SheetRow,
} from './charges-math'
import { requireCommunity } from './fee-config-service'
import { type Month, meteredUsage, parseReading } from './fee-math'
import type { BillingTables } from './tables'

// ── meter readings ──────────────────────────────────────────────────────────────────────────────────

type ReadingRow = {
  id: string
  community_id: string
  unit_id: string
  unit_code: string
  fee_item_id: string
  period: string
  previous_e2: string
  current_e2: string
  wraps_at_e2: string | null
  read_on: string
  bill_id: string | null
}
const READING_SELECT = sql`
  select r.id, r.community_id, r.unit_id, u.code as unit_code, r.fee_item_id,
         to_char(r.period_start, 'YYYY-MM') as period, r.previous_e2, r.current_e2, r.wraps_at_e2,
         to_char(r.read_on, 'YYYY-MM-DD') as read_on, r.bill_id
    from meter_readings r join units u on u.tenant_id = r.tenant_id and u.id = r.unit_id`

function readingOf(r: ReadingRow): MeterReading {
  const previous = BigInt(r.previous_e2)
  const current = BigInt(r.current_e2)
  const wrapsAt = r.wraps_at_e2 === null ? null : BigInt(r.wraps_at_e2)
  return {
    id: r.id,
    communityId: r.community_id,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    feeItemId: r.fee_item_id,
    period: r.period,
    previous: formatHundredths(previous),
    current: formatHundredths(current),
    wrapsAt: wrapsAt === null ? null : formatHundredths(wrapsAt),
    usage: formatHundredths(meteredUsage(previous, current, wrapsAt ?? undefined)),
    readOn: r.read_on,
    billId: r.bill_id,
  }
}

/** Each unit's last current reading of the item before `month` (all the item's units when unitIds is null). */
async function lastReadings(
  tx: Tx,
  tenantId: string,
  feeItemId: string,
  month: Month,
  unitIds: readonly string[] | null,
): Promise<Map<string, bigint>> {
  const { rows } = await sql<{ unit_id: string; current_e2: string }>`
    select distinct on (unit_id) unit_id, current_e2 from meter_readings
     where tenant_id = ${tenantId} and fee_item_id = ${feeItemId} and period_start < ${`${month}-01`}::date
       ${unitIds === null ? sql`` : sql`and unit_id = any(${[...unitIds]}::uuid[])`}
     order by unit_id, period_start desc`.execute(tx)
  return new Map(rows.map((r) => [r.unit_id, BigInt(r.current_e2)]))
}

interface ReadingToInsert {
  unitId: string
  previous: bigint
  current: bigint
  wrapsAt: bigint | null
  readOn: string
}

/** Inserts readings in one statement; answers how many were new (a unit's month taken meanwhile is skipped). */
async function insertReadings(
  tx: Tx,
  tenantId: string,
  target: { communityId: string; feeItemId: string; period: Month; recordedBy: string | null },
  readings: readonly (ReadingToInsert & { id: string })[],
): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    insert into meter_readings (tenant_id, id, community_id, unit_id, fee_item_id, period_start, previous_e2,
                                current_e2, wraps_at_e2, read_on, recorded_by)
    select ${tenantId}, v.id, ${target.communityId}, v.unit_id, ${target.feeItemId}, ${`${target.period}-01`}::date,
           v.previous, v.current, v.wraps_at, v.read_on, ${target.recordedBy}::uuid
      from unnest(${readings.map((r) => r.id)}::uuid[], ${readings.map((r) => r.unitId)}::uuid[],
                  ${readings.map((r) => r.previous.toString())}::bigint[],
                  ${readings.map((r) => r.current.toString())}::bigint[],
                  ${readings.map((r) => (r.wrapsAt === null ? null : r.wrapsAt.toString()))}::bigint[],
                  ${readings.map((r) => r.readOn)}::date[]) as v(id, unit_id, previous, current, wraps_at, read_on)
    on conflict (tenant_id, unit_id, fee_item_id, period_start) do nothing
    returning id`.execute(tx)
  return rows.length
}

/** One reading typed in. An empty previous reading is the unit's last current reading of the item. */
export const recordReading = (ctx: RequestContext, input: Input<typeof MeterReadingInput>) =>
  inTenant<BillingTables, MeterReading>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const unit = await unitInScope(tx, actor, tenantId, input.unitId, 'billing.collect')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    const item = await requireItem(tx, tenantId, unit.communityId, input.feeItemId, 'metered')
    const current = parseReading(input.current)
    const wrapsAt = input.wrapsAt === undefined ? null : parseReading(input.wrapsAt)
    const previous =
      input.previous !== undefined
        ? parseReading(input.previous)
        : (await lastReadings(tx, tenantId, item.id, input.period, [unit.id])).get(unit.id)
    if (previous === undefined) throw invalid('BILLING_METER_PREVIOUS_REQUIRED')
    const check = checkReadings(previous, current, wrapsAt)
    if (!check.ok) throw invalid(check.code, check.params)
    const id = uuidv7()
    const inserted = await insertReadings(
      tx,
      tenantId,
      { communityId: unit.communityId, feeItemId: item.id, period: input.period, recordedBy: actor.userId },
      [{ id, unitId: unit.id, previous, current, wrapsAt, readOn: input.readOn }],
    )
    if (inserted !== 1)
      throw conflict('BILLING_METER_READING_EXISTS', { unit: unit.code, month: input.period })
    await writeAudit(tx, ctx, tenantId, {
      action: 'meter_reading.create',
      entityType: 'meter_reading',
      entityId: id,
      after: {
        ...input,
        previous: formatHundredths(previous),
        current: formatHundredths(current),
        wrapsAt: wrapsAt === null ? null : formatHundredths(wrapsAt),
      },
    })
    const { rows } =
      await sql<ReadingRow>`${READING_SELECT} where r.tenant_id = ${tenantId} and r.id = ${id}`.execute(tx)
    return readingOf(rows[0]!)
  })

/** A month's readings of an item in a community, by unit code. */
export const listReadings = (ctx: RequestContext, query: Input<typeof MeterReadingQuery>) =>
  inTenant<BillingTables, MeterReading[]>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, query.communityId, 'billing.read')
    await requireItem(tx, tenantId, query.communityId, query.feeItemId, 'metered', { active: false })
    const { rows } = await sql<ReadingRow>`${READING_SELECT}
      where r.tenant_id = ${tenantId} and r.community_id = ${query.communityId}
        and r.fee_item_id = ${query.feeItemId} and r.period_start = ${`${query.period}-01`}::date
      order by u.code`.execute(tx)
    return rows.map(readingOf)
  })

// ── the import file ─────────────────────────────────────────────────────────────────────────────────

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

function rawCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return value
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('hyperlink' in value) return value.text
  if ('error' in value) return String(value.error)
  if ('result' in value) return value.result === undefined ? null : rawCell(value.result as ExcelJS.CellValue)
  return null
}

/** The rows of an .xlsx file's first worksheet, or of a CSV file (UTF-8, with or without BOM, or GB18030). */
export async function readSheetRows(file: Buffer): Promise<SheetRow[]> {
  if (file.subarray(0, 8).equals(OLE_MAGIC)) throw invalid('BILLING_METER_IMPORT_XLS')
  try {
    if (file.subarray(0, 4).equals(ZIP_MAGIC)) {
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(file as unknown as ArrayBuffer)
      const sheet = workbook.worksheets[0]
      const rows: SheetRow[] = []
      sheet?.eachRow({ includeEmpty: false }, (row, number) => {
        const values: RawCell[] = []
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          values[column - 1] = rawCell(cell.value)
        })
        rows.push({ row: number, values: Array.from(values, (v) => v ?? null) })
      })
      return rows
    }
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file)
    } catch {
      text = new TextDecoder('gb18030').decode(file)
    }
    const records = parseCsv(text, { bom: true, relax_column_count: true, relax_quotes: true }) as string[][]
    // One record per line (an empty line is a record too), so numbers match what a spreadsheet shows.
    return records.map((values, index) => ({ row: index + 1, values }))
  } catch {
    throw invalid('BILLING_METER_IMPORT_UNREADABLE')
  }
}

const rowErrors = (refusals: readonly RowRefusal[], lang: Language): MeterImportResult['errors'] =>
  [...refusals]
    .sort((a, b) => a.row - b.row)
    .map((r) => ({ row: r.row, column: r.column, reason: translate(lang, r.code, r.params ?? {}) }))

/**
 * A month's readings of one item from a CSV or .xlsx file, all or nothing: every row is checked first
 * (charges-math checkReadingSheet) and any refusal answers 422 with every error by row and column, writing
 * nothing. A dry run checks and counts only.
 */
export const importReadings = (ctx: RequestContext, input: Input<typeof MeterImportInput>) =>
  inTenant<BillingTables, MeterImportResult>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.configure')
    const item = await requireItem(tx, tenantId, input.communityId, input.feeItemId, 'metered')
    const sheet = await readSheetRows(Buffer.from(input.dataBase64, 'base64'))
    const units = await communityUnits(tx, tenantId, input.communityId, input.period)
    const byCode = new Map(units.map((u) => [u.code, u.id]))
    const last = await lastReadings(tx, tenantId, item.id, input.period, null)
    const taken = new Set(
      (
        await tx
          .selectFrom('meter_readings')
          .select('unit_id')
          .where('tenant_id', '=', tenantId)
          .where('fee_item_id', '=', item.id)
          .where('period_start', '=', `${input.period}-01`)
          .execute()
      ).map((r) => r.unit_id),
    )
    const checked = checkReadingSheet(sheet, {
      unitIdOf: (code) => byCode.get(code),
      lastReadingOf: (unitId) => last.get(unitId),
      hasReading: (unitId) => taken.has(unitId),
    })
    if (checked.refusals.length === 0 && checked.readings.length === 0)
      throw invalid('BILLING_METER_IMPORT_EMPTY')
    const result: MeterImportResult = {
      dryRun: input.dryRun,
      rows: checked.rows,
      imported: checked.refusals.length === 0 ? checked.readings.length : 0,
      errors: rowErrors(checked.refusals, ctx.lang),
    }
    if (checked.refusals.length > 0) {
      const rows = new Set(checked.refusals.map((r) => r.row)).size
      throw new AppError(
        422,
        'BILLING_METER_IMPORT_REJECTED',
        { rows, count: checked.refusals.length },
        result,
      )
    }
    if (input.dryRun) return result
    const readings = checked.readings.map((r: CheckedReading) => ({ ...r, id: uuidv7() }))
    const inserted = await insertReadings(
      tx,
      tenantId,
      {
        communityId: input.communityId,
        feeItemId: item.id,
        period: input.period,
        recordedBy: actorOf(ctx).userId,
      },
      readings,
    )
    // Someone typed a reading of the month while the file was checked: nothing of the file is kept.
    if (inserted !== readings.length) throw conflict('BILLING_METER_IMPORT_CONFLICT')
    await writeAudit(tx, ctx, tenantId, {
      action: 'meter_reading.import',
      entityType: 'community',
      entityId: input.communityId,
      after: { feeItemId: item.id, period: input.period, fileName: input.fileName, readings: inserted },
    })
    return result
  })

/**
 * Bills a month's unbilled readings of an item: each reading's difference × the rate of the standard in
 * force that month, rounded once with the standard's rounding, to whoever pays that month (owner or
 * developer). The readings get their bill in the same transaction, so billing the month again bills only
 * readings recorded since. Readings with no consumption get no bill.
 */
export const billReadings = (ctx: RequestContext, input: Input<typeof MeterBillingInput>) =>
  inTenant<BillingTables, MeterBillingResult>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.run')
    const item = await requireItem(tx, tenantId, input.communityId, input.feeItemId, 'metered')
    const standard = await standardIn(tx, tenantId, item.id, input.period)
    if (!standard) throw invalid('BILLING_METER_NO_STANDARD', { month: input.period })
    // Locked: a second billing of the month waits here, then finds these readings billed.
    const { rows: readings } = await sql<{
      id: string
      unit_id: string
      previous_e2: string
      current_e2: string
      wraps_at_e2: string | null
    }>`
      select id, unit_id, previous_e2, current_e2, wraps_at_e2 from meter_readings
       where tenant_id = ${tenantId} and community_id = ${input.communityId} and fee_item_id = ${item.id}
         and period_start = ${`${input.period}-01`}::date and bill_id is null
       order by id for update`.execute(tx)
    const result: MeterBillingResult = {
      period: input.period,
      readings: readings.length,
      bills: 0,
      totalFen: 0,
      zeroUsage: 0,
    }
    if (readings.length === 0) return result
    const facts = await unitPayerFacts(
      tx,
      tenantId,
      readings.map((r) => r.unit_id),
    )
    const drafts: DraftToIssue[] = []
    const billed: string[] = []
    for (const r of readings) {
      const charge = meteredChargeOf(r, standard)
      if (charge.amountFen === 0) {
        result.zeroUsage += 1
        continue
      }
      billed.push(r.id)
      drafts.push({
        unitId: r.unit_id,
        feeItemId: item.id,
        ...oneMonth(input.period),
        payer: payerOf(facts.get(r.unit_id)!, input.period),
        partyId: null,
        amountFen: charge.amountFen,
        standardId: standard.id,
        basis: charge.basis,
      })
    }
    if (drafts.length === 0) return result
    const issued = await issueCharges(tx, tenantId, {
      communityId: input.communityId,
      drafts,
      // The first reading billed names the batch: once billed it is never drafted again.
      journalKey: `metered:${item.id}:${input.period}:${billed[0]}`,
      actorId: actorOf(ctx).userId,
      memo: `metered ${input.period}`,
    })
    // Only this path bills metered items, one bill per reading: a bill of the month already there means the
    // data is not what it should be. Nothing is billed rather than leave a reading unbilled beside it.
    if (issued.length !== drafts.length) throw conflict('BILLING_METER_BILLS_EXIST', { month: input.period })
    await sql`
      update meter_readings r set bill_id = v.bill_id
        from unnest(${issued.map((b) => b.unitId)}::uuid[], ${issued.map((b) => b.id)}::uuid[]) as v(unit_id, bill_id)
       where r.tenant_id = ${tenantId} and r.fee_item_id = ${item.id}
         and r.period_start = ${`${input.period}-01`}::date and r.unit_id = v.unit_id`.execute(tx)
    result.bills = issued.length
    result.totalFen = issued.reduce((sum, b) => sum + b.amountFen, 0)
    await writeAudit(tx, ctx, tenantId, {
      action: 'meter_reading.bill',
      entityType: 'community',
      entityId: input.communityId,
      after: { feeItemId: item.id, ...result },
    })
    return result
  })

function meteredChargeOf(
  r: { previous_e2: string; current_e2: string; wraps_at_e2: string | null },
  standard: StandardForDraft,
) {
  return meteredCharge(
    {
      previous: BigInt(r.previous_e2),
      current: BigInt(r.current_e2),
      wrapsAt: r.wraps_at_e2 === null ? null : BigInt(r.wraps_at_e2),
    },
    standard,
  )
}
