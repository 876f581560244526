import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { ImportResult } from '@meihao/contracts'
import type { Transaction } from 'kysely'
import { writeAudit } from '../../../platform/audit'
import { withTenant } from '../../../platform/db/tenancy'
import type { Deps } from '../../../platform/deps'
import { AppError, notFound } from '../../../platform/errors'
import { type RequestContext, tenantOf } from '../../../platform/http/context'
import { type Language, translate } from '../../../platform/i18n/catalog'
import { uuidv7 } from '../../../platform/ids'
import { requireCommunity } from '../communities-service'
import type { EstateTables } from '../tables'
import { BuildingDirectory } from './buildings'
import { cellText } from './cells'
import { type ColumnKey, HEADERS, headerOf } from './columns'
import { cellsOf, type ImportRow, parseRow, readHeader } from './row-rules'
import { detectFormat, isBlankRow, readSheet, type SheetFormat } from './sheet-reader'
import { type BatchTarget, emptyTotals, importBatch } from './unit-batch'
import './messages'

type Tx = Transaction<EstateTables>

/** Rows checked against the database and written together: few round trips, and memory stays flat. */
const BATCH_SIZE = 1000

/** Who imports: a signed-in caller over HTTP (scope-checked, audited as them) or the system (CLI). */
export type ImportCaller =
  | { kind: 'user'; ctx: RequestContext }
  | { kind: 'system'; tenantId: string; lang: Language }

export interface ImportRequest {
  communityId: string
  dryRun: boolean
  /** The uploaded file on disk, and its name as the user gave it (for the audit record). */
  path: string
  fileName: string
  /** Called after each batch with the number of data rows read so far. */
  onProgress?: (rows: number) => void
}

/** One refusal before translation: row as the spreadsheet shows it, the Chinese header, the message code. */
interface Failure {
  row: number
  column: string
  code: string
  params?: Record<string, unknown> | undefined
}

/** Carries a dry run's result out of its transaction, which is rolled back. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run')
  }
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** The community, which a user's estate.import grant must cover whole (else 404); the system may use any. */
async function requireTarget(tx: Tx, caller: ImportCaller, tenantId: string, communityId: string) {
  if (caller.kind === 'user') return requireCommunity(tx, caller.ctx, tenantId, communityId, 'estate.import')
  const found = await tx
    .selectFrom('communities')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', communityId)
    .executeTakeFirst()
  if (!found) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return found
}

const cellFailure = (
  row: number,
  e: { column: ColumnKey; code: string; params?: Record<string, unknown> },
): Failure => ({
  row,
  column: headerOf(e.column),
  code: e.code,
  params: e.params,
})

/**
 * Reads the sheet once, top to bottom: the header, then each row checked on its own and against the rows
 * before it (repeated 房号), then against the database and written, a batch at a time. Only the unit codes
 * seen so far stay in memory, never the rows.
 */
async function processSheet(
  target: BatchTarget,
  path: string,
  format: SheetFormat,
  onProgress: ((rows: number) => void) | undefined,
): Promise<{ rows: number; failures: Failure[] }> {
  const failures: Failure[] = []
  const firstRowOfUnit = new Map<string, number>()
  let columns: Map<number, ColumnKey> | null = null
  let batch: ImportRow[] = []
  let rows = 0
  const flush = async () => {
    const refused = await importBatch(target, batch)
    failures.push(...refused.map((f) => cellFailure(f.row, f)))
    batch = []
    onProgress?.(rows)
  }
  for await (const { row, values } of readSheet(path, format)) {
    if (isBlankRow(values)) continue
    if (!columns) {
      const header = readHeader(values)
      if (header.errors.length > 0) {
        return {
          rows: 0,
          failures: header.errors.map((e) => ({ row, column: e.header, code: e.code, params: e.params })),
        }
      }
      columns = header.columns
      continue
    }
    rows += 1
    const cells = cellsOf(values, columns)
    const parsed = parseRow(row, cells)
    failures.push(...parsed.errors.map((e) => cellFailure(row, e)))
    const unitCode = cellText(cells.unitCode ?? null)
    const firstRow = unitCode ? firstRowOfUnit.get(unitCode) : undefined
    if (firstRow !== undefined) {
      failures.push({
        row,
        column: headerOf('unitCode'),
        code: 'ESTATE_IMPORT_DUPLICATE_UNIT',
        params: { code: unitCode, firstRow },
      })
      continue
    }
    if (unitCode) firstRowOfUnit.set(unitCode, row)
    if (!parsed.value) continue
    batch.push(parsed.value)
    if (batch.length >= BATCH_SIZE) await flush()
  }
  if (!columns) {
    // No header row at all: every required column is missing.
    const missing = readHeader([]).errors
    return {
      rows: 0,
      failures: missing.map((e) => ({ row: 1, column: e.header, code: e.code, params: e.params })),
    }
  }
  if (batch.length > 0) await flush()
  onProgress?.(rows)
  return { rows, failures }
}

function rowErrors(failures: Failure[], lang: Language): ImportResult['errors'] {
  const order = (column: string) => (HEADERS as readonly string[]).indexOf(column)
  return failures
    .sort((a, b) => a.row - b.row || order(a.column) - order(b.column))
    .map((f) => ({ row: f.row, column: f.column, reason: translate(lang, f.code, f.params) }))
}

/**
 * Imports units and their owners into one community from an .xlsx or CSV file, all or nothing, in ONE
 * transaction. Units are upserted by (community, 房号); equal ones are left alone, so importing the same
 * file twice changes nothing the second time. A dry run performs exactly the same reads and writes and then
 * rolls the transaction back: its counts are by construction what the real import would do, and it leaves
 * nothing behind (it holds the same row locks while it runs). A real import with any refused row throws 422
 * with every error and writes nothing.
 */
export async function importUnits(
  deps: Deps,
  caller: ImportCaller,
  request: ImportRequest,
): Promise<ImportResult> {
  const format = await detectFormat(request.path)
  const fileSha256 = await sha256OfFile(request.path)
  const tenantId = caller.kind === 'user' ? tenantOf(caller.ctx) : caller.tenantId
  const lang = caller.kind === 'user' ? caller.ctx.lang : caller.lang
  try {
    return await withTenant<EstateTables, ImportResult>(deps.db, tenantId, async (tx) => {
      await requireTarget(tx, caller, tenantId, request.communityId)
      const buildings = await BuildingDirectory.load(tx, tenantId, request.communityId)
      const totals = emptyTotals()
      const target = { tx, tenantId, communityId: request.communityId, pii: deps.pii, buildings, totals }
      const { rows, failures } = await processSheet(target, request.path, format, request.onProgress)
      const result: ImportResult = {
        dryRun: request.dryRun,
        rows,
        created: totals.created,
        updated: totals.updated,
        unchanged: totals.unchanged,
        errors: rowErrors(failures, lang),
      }
      if (request.dryRun) throw new DryRunRollback(result)
      if (failures.length > 0) {
        const badRows = new Set(failures.map((f) => f.row)).size
        throw new AppError(422, 'ESTATE_IMPORT_REJECTED', { rows: badRows, count: failures.length }, result)
      }
      await writeAudit(
        tx,
        caller.kind === 'user' ? caller.ctx : { actor: null, requestId: uuidv7() },
        tenantId,
        {
          action: 'estate.import',
          entityType: 'community',
          entityId: request.communityId,
          after: { fileName: request.fileName, fileSha256, format, rows, ...totals },
        },
      )
      return result
    })
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result
    throw error
  }
}

/** A community's id by its code, for callers that name it (the CLI); 404 when the company has none. */
export async function communityIdByCode(deps: Deps, tenantId: string, code: string): Promise<string> {
  const found = await withTenant<EstateTables, { id: string } | undefined>(deps.db, tenantId, (tx) =>
    tx
      .selectFrom('communities')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('code', '=', code)
      .executeTakeFirst(),
  )
  if (!found) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return found.id
}
