import type {
  Bill,
  Deposit,
  DepositInput,
  MeterBillingInput,
  MeterBillingResult,
  MeterImportInput,
  MeterImportResult,
  MeterReading,
  MeterReadingInput,
  MeterReadingQuery,
  OneOffChargeInput,
  SharedCharge,
  SharedChargeInput,
  TicketChargeBillingInput,
  TicketChargeBillingResult,
} from '@meihao/contracts'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import { writeAudit } from '../../platform/audit'
import { AppError, conflict, invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { type Language, translate } from '../../platform/i18n/catalog'
import { uuidv7 } from '../../platform/ids'
import {
  type BillingUnit,
  billingUnits,
  communityFacts,
  communityOfBuilding,
  unitInScope,
} from '../estate/published'
import { type StandardForDraft, standardFor } from './bill-drafts'
import { type DraftToIssue, type IssuedBill, issueBills } from './bill-issuer'
import { billById } from './bills-service'
import {
  type CheckedReading,
  checkReadingSheet,
  checkReadings,
  currentMonthIn,
  formatHundredths,
  groupTicketCharges,
  meteredCharge,
  type RawCell,
  type RowRefusal,
  type SheetRow,
  sharedBasis,
  sharedSplit,
} from './charges-math'
import { markCollectionDirty } from './collection-rollup'
import { requireCommunity, settingsOf } from './fee-config-service'
import {
  addMonths,
  type Month,
  meteredUsage,
  parseReading,
  payerForMonth,
  type RoundingMode,
} from './fee-math'
import { depositBalance, depositCollected } from './ledger'
import { lockUnitAccount, postUnitJournal, unitSlice } from './ledger-store'
import { settlePrepaid } from './prepaid-settlement'
import { issueReceipt } from './receipt-service'
import type { BillingTables } from './tables'

/**
 * Charges beyond the regular billing run (billing.md "Computing a fee": metered, shared, one-off; deposits
 * are a liability, not revenue):
 * - meter readings, typed one at a time or imported for a month from CSV/xlsx (all rows or none), then
 *   billed: (current − previous) × the standard's rate, rounded once per bill line;
 * - shared utilities (公摊): a month's common-area cost split over the units by area or per household,
 *   largest remainder, so the bills sum to the cost exactly;
 * - one-off charges to one unit, and paid repairs (ticket charges) consumed into one-off bills, once;
 * - deposits: a payment held for the unit on 2241 with its receipt, never revenue.
 * Every bill goes through issueBills (bills unique per unit × item × month, one balanced bill_issued
 * journal), then prepaid balances settle the new bills like after a run.
 */

type Tx = Transaction<BillingTables>
type Input<T extends z.ZodType> = z.output<T>

// ── shared helpers ──────────────────────────────────────────────────────────────────────────────────

type ItemKind = 'metered' | 'shared' | 'one_off' | 'deposit'
const WRONG_KIND: Record<ItemKind, string> = {
  metered: 'BILLING_METER_ITEM_NOT_METERED',
  shared: 'BILLING_SHARED_ITEM_NOT_SHARED',
  one_off: 'BILLING_CHARGE_ITEM_NOT_ONE_OFF',
  deposit: 'BILLING_DEPOSIT_ITEM_NOT_DEPOSIT',
}

interface ItemRow {
  id: string
  name: string
  kind: string
  area_basis: string
  active: boolean
}

/** A fee item of the community of the given kind; 404 when it is not the community's. */
async function requireItem(
  tx: Tx,
  tenantId: string,
  communityId: string,
  feeItemId: string,
  kind: ItemKind,
  options: { active: boolean } = { active: true },
): Promise<ItemRow> {
  const item = await tx
    .selectFrom('fee_items')
    .select(['id', 'name', 'kind', 'area_basis', 'active'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('id', '=', feeItemId)
    .executeTakeFirst()
  if (!item) throw notFound('BILLING_FEE_ITEM_NOT_FOUND')
  if (item.kind !== kind) throw invalid(WRONG_KIND[kind], { name: item.name })
  if (options.active && !item.active) throw invalid('BILLING_CHARGE_ITEM_INACTIVE', { name: item.name })
  return item
}

/** The item's standard in force in `month` (bill-drafts' standardFor over its standards). */
async function standardIn(
  tx: Tx,
  tenantId: string,
  feeItemId: string,
  month: Month,
): Promise<StandardForDraft | undefined> {
  const rows = await tx
    .selectFrom('fee_standards')
    .select(['id', 'effective_from', 'rate_e4', 'rounding'])
    .where('tenant_id', '=', tenantId)
    .where('fee_item_id', '=', feeItemId)
    .orderBy('effective_from')
    .execute()
  return standardFor(
    rows.map((r) => ({
      id: r.id,
      effectiveFrom: String(r.effective_from).slice(0, 7),
      rate: BigInt(r.rate_e4),
      rounding: r.rounding as RoundingMode,
      vacancy: null,
    })),
    month,
  )
}

const UNIT_PAGE = 2000

/** Every unit of the community with its billing facts on the first day of `month`. */
async function communityUnits(
  tx: Tx,
  tenantId: string,
  communityId: string,
  month: Month,
): Promise<BillingUnit[]> {
  const units: BillingUnit[] = []
  let cursor: string | null = null
  for (;;) {
    const page = await billingUnits(tx, tenantId, communityId, `${month}-01`, cursor, UNIT_PAGE)
    units.push(...page)
    if (page.length < UNIT_PAGE) return units
    cursor = page.at(-1)!.id
  }
}

/** The developer pays while a unit is unsold or undelivered and through the delivery month (条例 41). */
const payerOf = (unit: Pick<BillingUnit, 'sold' | 'deliveredOn'>, month: Month) =>
  payerForMonth(unit.sold ? unit.deliveredOn : null, month)

/** Delivery and sale of a few units (the facts payerOf needs), without reading the whole community. */
async function unitPayerFacts(tx: Tx, tenantId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return new Map<string, Pick<BillingUnit, 'sold' | 'deliveredOn'>>()
  // The unit's delivery date, else the community's (as billingUnits reads it).
  const { rows } = await sql<{ id: string; delivered_on: string | null; sold: boolean }>`
    select u.id, to_char(coalesce(u.delivery_date, c.delivery_date), 'YYYY-MM-DD') as delivered_on, u.sold
      from units u join communities c on c.tenant_id = u.tenant_id and c.id = u.community_id
     where u.tenant_id = ${tenantId} and u.id = any(${[...new Set(unitIds)]}::uuid[])`.execute(tx)
  return new Map(rows.map((r) => [r.id, { deliveredOn: r.delivered_on, sold: r.sold }]))
}

async function timeZoneOf(tx: Tx, tenantId: string, communityId: string): Promise<string> {
  const facts = await communityFacts(tx, tenantId, communityId)
  if (!facts) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return facts.timeZone
}

/**
 * Issues the drafts under `journalKey` (a key never used before: issueBills would skip an existing key's
 * journal while writing the bills), settles prepaid balances against them and marks the collection figures.
 */
async function issueCharges(
  tx: Tx,
  tenantId: string,
  input: {
    communityId: string
    drafts: DraftToIssue[]
    journalKey: string
    actorId: string | null
    memo: string
  },
): Promise<IssuedBill[]> {
  if (input.drafts.length === 0) return []
  const used = await tx
    .selectFrom('ledger_journals')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('key', '=', input.journalKey)
    .executeTakeFirst()
  if (used) throw conflict('BILLING_ALREADY_POSTED', { key: input.journalKey })
  const { dueDays } = await settingsOf(tx, tenantId, input.communityId)
  const issued = await issueBills(tx, tenantId, {
    communityId: input.communityId,
    drafts: input.drafts,
    dueDays,
    runId: null,
    journalKey: input.journalKey,
    actorId: input.actorId,
    memo: input.memo,
  })
  if (issued.length === 0) return issued
  await settlePrepaid(
    tx,
    tenantId,
    input.communityId,
    [...new Set(issued.map((b) => b.unitId))],
    input.journalKey,
  )
  for (const year of new Set(input.drafts.map((d) => Number(d.periodStart.slice(0, 4)))))
    await markCollectionDirty(tx, tenantId, input.communityId, year)
  return issued
}

const oneMonth = (month: Month) => ({ periodStart: month, periodEnd: month })

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

// ── shared utilities (公摊) ──────────────────────────────────────────────────────────────────────────

interface SharedPlan {
  charge: SharedCharge
  drafts: DraftToIssue[]
}

async function planShared(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  input: Input<typeof SharedChargeInput>,
): Promise<SharedPlan> {
  await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.run')
  const item = await requireItem(tx, tenantId, input.communityId, input.feeItemId, 'shared')
  let units = await communityUnits(tx, tenantId, input.communityId, input.period)
  if (input.buildingId) {
    const building = await communityOfBuilding(tx, tenantId, input.buildingId)
    if (building?.communityId !== input.communityId) throw notFound('ESTATE_BUILDING_NOT_FOUND')
    const { rows } = await sql<{ id: string }>`
      select id from units where tenant_id = ${tenantId} and building_id = ${input.buildingId}`.execute(tx)
    const inBuilding = new Set(rows.map((r) => r.id))
    units = units.filter((u) => inBuilding.has(u.id))
  }
  if (units.length === 0) throw invalid('BILLING_SHARED_NO_UNITS')
  const sharing = units.map((u) => ({
    id: u.id,
    code: u.code,
    areaHundredths: item.area_basis === 'exclusive' ? u.exclusiveAreaHundredths : u.buildingAreaHundredths,
  }))
  if (input.basis === 'area' && sharing.every((u) => u.areaHundredths === 0n))
    throw invalid('BILLING_SHARED_NO_AREA')
  const split = sharedSplit(input.totalFen, sharing, input.basis)
  const byId = new Map(units.map((u) => [u.id, u]))
  const shares = split.shares.map((s) => ({
    unitId: s.id,
    unitCode: s.code,
    weight: s.weight,
    payer: payerOf(byId.get(s.id)!, input.period),
    fen: s.fen,
  }))
  const { rows: existing } = await sql<{ n: number }>`
    select count(*)::int as n from bills
     where tenant_id = ${tenantId} and fee_item_id = ${item.id} and period_start = ${`${input.period}-01`}::date
       and unit_id = any(${units.map((u) => u.id)}::uuid[])`.execute(tx)
  const drafts = shares
    .filter((s) => s.fen > 0)
    .map(
      (s): DraftToIssue => ({
        unitId: s.unitId,
        feeItemId: item.id,
        ...oneMonth(input.period),
        payer: s.payer,
        partyId: null,
        amountFen: s.fen,
        standardId: null,
        basis: sharedBasis(input.totalFen, s, split.weightTotal, input.basis),
      }),
    )
  return {
    charge: {
      communityId: input.communityId,
      feeItemId: item.id,
      period: input.period,
      basis: input.basis,
      totalFen: input.totalFen,
      weightTotal: split.weightTotal,
      shares,
      existingBills: existing[0]?.n ?? 0,
      bills: 0,
    },
    drafts,
  }
}

/** What a shared cost's split would bill: every unit's share, summing to the total exactly. Writes nothing. */
export const previewShared = (ctx: RequestContext, input: Input<typeof SharedChargeInput>) =>
  inTenant<BillingTables, SharedCharge>(
    ctx,
    async (tx, tenantId) => (await planShared(ctx, tx, tenantId, input)).charge,
  )

/**
 * Bills a shared cost: one bill per unit with a share above 0 fen, summing to the total. Refused when any
 * of the units already has a bill of the item for the month (a cost is split once; a building's units may
 * share their own cost with `buildingId`).
 */
export const billShared = (ctx: RequestContext, input: Input<typeof SharedChargeInput>) =>
  inTenant<BillingTables, SharedCharge>(ctx, async (tx, tenantId) => {
    const { charge, drafts } = await planShared(ctx, tx, tenantId, input)
    if (charge.existingBills > 0)
      throw conflict('BILLING_SHARED_ALREADY_BILLED', { month: input.period, count: charge.existingBills })
    const issued = await issueCharges(tx, tenantId, {
      communityId: input.communityId,
      drafts,
      journalKey: `shared:${charge.feeItemId}:${input.period}:${input.buildingId ?? 'community'}`,
      actorId: actorOf(ctx).userId,
      memo: `shared ${input.period} ${input.basis}`,
    })
    // A concurrent split took some of these units' month: all of this one goes back.
    if (issued.length !== drafts.length)
      throw conflict('BILLING_SHARED_ALREADY_BILLED', {
        month: input.period,
        count: drafts.length - issued.length,
      })
    await writeAudit(tx, ctx, tenantId, {
      action: 'shared_charge.bill',
      entityType: 'community',
      entityId: input.communityId,
      after: {
        feeItemId: charge.feeItemId,
        period: input.period,
        basis: input.basis,
        buildingId: input.buildingId ?? null,
        totalFen: input.totalFen,
        bills: issued.length,
      },
    })
    return { ...charge, bills: issued.length }
  })

// ── one-off charges ─────────────────────────────────────────────────────────────────────────────────

/** A one-off item charged to one unit for a month: one bill (a unit has at most one per item and month). */
export const chargeOneOff = (ctx: RequestContext, input: Input<typeof OneOffChargeInput>) =>
  inTenant<BillingTables, Bill>(ctx, async (tx, tenantId) => {
    const unit = await unitInScope(tx, actorOf(ctx), tenantId, input.unitId, 'billing.collect')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    const item = await requireItem(tx, tenantId, unit.communityId, input.feeItemId, 'one_off')
    const period = input.period ?? currentMonthIn(await timeZoneOf(tx, tenantId, unit.communityId))
    const facts = (await unitPayerFacts(tx, tenantId, [unit.id])).get(unit.id)!
    const journalKey = `one_off:${unit.id}:${item.id}:${period}`
    const exists = await tx
      .selectFrom('bills')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('unit_id', '=', unit.id)
      .where('fee_item_id', '=', item.id)
      .where('period_start', '=', `${period}-01`)
      .executeTakeFirst()
    if (exists) throw conflict('BILLING_CHARGE_EXISTS', { name: item.name, month: period })
    const [bill] = await issueCharges(tx, tenantId, {
      communityId: unit.communityId,
      drafts: [
        {
          unitId: unit.id,
          feeItemId: item.id,
          ...oneMonth(period),
          payer: payerOf(facts, period),
          partyId: null,
          amountFen: input.amountFen,
          standardId: null,
          basis: input.note,
        },
      ],
      journalKey,
      actorId: actorOf(ctx).userId,
      memo: `one-off ${period}`,
    })
    if (!bill) throw conflict('BILLING_CHARGE_EXISTS', { name: item.name, month: period })
    await writeAudit(tx, ctx, tenantId, {
      action: 'charge.create',
      entityType: 'bill',
      entityId: bill.id,
      after: { unitId: unit.id, feeItemId: item.id, period, amountFen: input.amountFen, note: input.note },
    })
    return billById(tx, tenantId, bill.id)
  })

// ── paid repairs (ticket charges) ───────────────────────────────────────────────────────────────────

/**
 * Consumes a community's unconsumed ticket charges made up to the end of `period` (community time zone)
 * into one-off bills of that month: one bill per unit, the sum of its charges, the tickets named in the
 * basis; consumed_at is set in the same transaction, so a second run bills none of them again. A unit that
 * already has a bill of the item for the month keeps its charges for a later month (bills are unique per
 * unit × item × month); charges without a unit are left alone.
 */
export const billTicketCharges = (ctx: RequestContext, input: Input<typeof TicketChargeBillingInput>) =>
  inTenant<BillingTables, TicketChargeBillingResult>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.run')
    const item = await requireItem(tx, tenantId, input.communityId, input.feeItemId, 'one_off')
    const timeZone = await timeZoneOf(tx, tenantId, input.communityId)
    const period = input.period ?? currentMonthIn(timeZone)
    const end = `${addMonths(period, 1)}-01`
    // Locked: a concurrent run waits, then finds them consumed.
    const { rows } = await sql<{ id: string; unit_id: string | null; amount_fen: string; number: string }>`
      select c.id, c.unit_id, c.amount_fen, t.number from ticket_charges c
        join tickets t on t.tenant_id = c.tenant_id and t.id = c.ticket_id
       where c.tenant_id = ${tenantId} and c.community_id = ${input.communityId} and c.consumed_at is null
         and c.created_at < (${end}::date::timestamp at time zone ${timeZone})
       order by c.created_at, c.id
       for update of c`.execute(tx)
    const unitIds = [...new Set(rows.flatMap((r) => (r.unit_id ? [r.unit_id] : [])))]
    const { rows: billed } = unitIds.length
      ? await sql<{ unit_id: string }>`
          select unit_id from bills
           where tenant_id = ${tenantId} and fee_item_id = ${item.id} and period_start = ${`${period}-01`}::date
             and unit_id = any(${unitIds}::uuid[])`.execute(tx)
      : { rows: [] }
    const taken = new Set(billed.map((b) => b.unit_id))
    const { groups, deferred, withoutUnit } = groupTicketCharges(
      rows.map((r) => ({
        id: r.id,
        unitId: r.unit_id,
        amountFen: Number(r.amount_fen),
        ticketNumber: r.number,
      })),
      (unitId) => taken.has(unitId),
    )
    const result: TicketChargeBillingResult = {
      period,
      charges: 0,
      bills: 0,
      totalFen: 0,
      deferred,
      withoutUnit,
    }
    if (groups.length === 0) return result
    const facts = await unitPayerFacts(
      tx,
      tenantId,
      groups.map((g) => g.unitId),
    )
    const issued = await issueCharges(tx, tenantId, {
      communityId: input.communityId,
      drafts: groups.map(
        (g): DraftToIssue => ({
          unitId: g.unitId,
          feeItemId: item.id,
          ...oneMonth(period),
          payer: payerOf(facts.get(g.unitId)!, period),
          partyId: null,
          amountFen: g.amountFen,
          standardId: null,
          basis: g.basis,
        }),
      ),
      // A charge is consumed once: the first one billed names the batch for good.
      journalKey: `tickets:${item.id}:${period}:${groups[0]!.chargeIds[0]}`,
      actorId: actorOf(ctx).userId,
      memo: `ticket charges ${period}`,
    })
    // A one-off charge of the same item and month slipped in meanwhile: nothing is billed, run again.
    if (issued.length !== groups.length)
      throw conflict('BILLING_CHARGE_EXISTS', { name: item.name, month: period })
    const consumed = groups.flatMap((g) => g.chargeIds)
    await sql`update ticket_charges set consumed_at = now()
               where tenant_id = ${tenantId} and id = any(${consumed}::uuid[])`.execute(tx)
    result.charges = consumed.length
    result.bills = issued.length
    result.totalFen = issued.reduce((sum, b) => sum + b.amountFen, 0)
    await writeAudit(tx, ctx, tenantId, {
      action: 'ticket_charge.bill',
      entityType: 'community',
      entityId: input.communityId,
      after: { feeItemId: item.id, ...result },
    })
    return result
  })

// ── deposits ────────────────────────────────────────────────────────────────────────────────────────

/** The cashier's open shift in this community, opened now if there is none (as at the counter). */
async function shiftFor(tx: Tx, tenantId: string, cashierId: string, communityId: string): Promise<string> {
  const open = await tx
    .selectFrom('cashier_shifts')
    .select(['id', 'community_id'])
    .where('tenant_id', '=', tenantId)
    .where('cashier_id', '=', cashierId)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  if (open && open.community_id !== communityId) throw conflict('BILLING_SHIFT_OTHER_COMMUNITY')
  if (open) return open.id
  const id = uuidv7()
  await tx
    .insertInto('cashier_shifts')
    .values({ tenant_id: tenantId, id, community_id: communityId, cashier_id: cashierId })
    .execute()
  return id
}

/**
 * A deposit taken at the counter (装修押金…): Dr cash/bank/POS clearing / Cr 2241 deposits held for the
 * unit, never revenue; a payment with purpose 'deposit' in the cashier's shift and its receipt with one
 * deposit line. The unit's deposit balance follows the ledger. Voiding the receipt reverses it like any
 * payment (journal key payment:<id>); refunds go through the four-eyes refund flow.
 */
export const collectDeposit = (ctx: RequestContext, input: Input<typeof DepositInput>) =>
  inTenant<BillingTables, Deposit>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const unit = await unitInScope(tx, actor, tenantId, input.unitId, 'billing.collect')
    if (!unit) throw notFound('ESTATE_UNIT_NOT_FOUND')
    if (!actor.userId) throw conflict('BILLING_CASHIER_REQUIRED')
    const item = await requireItem(tx, tenantId, unit.communityId, input.feeItemId, 'deposit')
    const shiftId = await shiftFor(tx, tenantId, actor.userId, unit.communityId)
    const balances = await lockUnitAccount(tx, tenantId, unit.id, unit.communityId)
    const paymentId = uuidv7()
    const posted = await postUnitJournal(
      tx,
      tenantId,
      unitSlice(unit.id, [], balances),
      depositCollected({
        key: `payment:${paymentId}`,
        unit: unit.id,
        channel: input.channel,
        amountFen: input.amountFen,
      }),
      {
        communityId: unit.communityId,
        unitId: unit.id,
        actorId: actor.userId,
        memo: `${input.channel} deposit ${item.name}`,
      },
    )
    await tx
      .insertInto('payments')
      .values({
        tenant_id: tenantId,
        id: paymentId,
        community_id: unit.communityId,
        unit_id: unit.id,
        channel: input.channel,
        purpose: 'deposit',
        amount_fen: String(input.amountFen),
        prepaid_fen: '0',
        allocations: '[]',
        journal_id: posted.journalId,
        shift_id: shiftId,
        cashier_id: actor.userId,
        note: input.note ?? null,
      })
      .execute()
    const receipt = await issueReceipt(tx, tenantId, {
      paymentId,
      communityId: unit.communityId,
      unitId: unit.id,
      channel: input.channel,
      amountFen: input.amountFen,
      allocations: [],
      prepaidFen: 0,
      extraLines: [
        { kind: 'deposit', feeItemName: item.name, periodStart: null, periodEnd: null, fen: input.amountFen },
      ],
    })
    await writeAudit(tx, ctx, tenantId, {
      action: 'deposit.collect',
      entityType: 'payment',
      entityId: paymentId,
      after: {
        unitId: unit.id,
        feeItemId: item.id,
        channel: input.channel,
        amountFen: input.amountFen,
        receipt: receipt.number,
      },
    })
    const payment = await tx
      .selectFrom('payments')
      .select('received_at')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow()
    return {
      paymentId,
      communityId: unit.communityId,
      unitId: unit.id,
      unitCode: unit.code,
      feeItemId: item.id,
      feeItemName: item.name,
      channel: input.channel,
      amountFen: input.amountFen,
      depositFen: depositBalance(posted.state, unit.id),
      receiptId: receipt.id,
      receiptNumber: receipt.number,
      shiftId,
      receivedAt: payment.received_at.toISOString(),
    }
  })
