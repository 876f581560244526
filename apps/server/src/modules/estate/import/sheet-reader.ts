import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { pipeline, Transform } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { AppError } from '../../../platform/errors'
import type { RawCell } from './cells'
import { orderedXlsx } from './xlsx-stream'

export type SheetFormat = 'xlsx' | 'csv'

/** One row as the spreadsheet numbers it (the first row is 1) and its cells from column A on. */
export interface SheetRow {
  row: number
  values: RawCell[]
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

/** xlsx by its zip signature; an old binary .xls is refused; anything else is read as CSV. */
export async function detectFormat(path: string): Promise<SheetFormat> {
  const file = await open(path)
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(8), 0, 8, 0)
    const head = buffer.subarray(0, bytesRead)
    if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx'
    if (head.equals(OLE_MAGIC)) throw new AppError(422, 'ESTATE_IMPORT_XLS_UNSUPPORTED')
    return 'csv'
  } finally {
    await file.close()
  }
}

/** The rows of the file's first worksheet (xlsx) or of the CSV, read as a stream: memory stays flat. */
export async function* readSheet(path: string, format: SheetFormat): AsyncGenerator<SheetRow> {
  try {
    yield* format === 'xlsx' ? xlsxRows(path) : csvRows(path)
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError(422, 'ESTATE_IMPORT_FILE_UNREADABLE')
  }
}

export const isBlankRow = (values: RawCell[]) =>
  values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))

async function* xlsxRows(path: string): AsyncGenerator<SheetRow> {
  const input = await orderedXlsx(path)
  // Styles tell a date cell from a number; shared strings arrive before the worksheets (see orderedXlsx),
  // so exceljs keeps one copy of each text and streams the worksheets straight from the zip.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  const firstSheet = () =>
    (workbook as { model?: { sheets?: Array<{ name: string }> } }).model?.sheets?.[0]?.name
  let firstDone = false
  try {
    for await (const worksheet of workbook) {
      const name = (worksheet as { name?: string }).name
      const isFirst: boolean = !firstDone && (firstSheet() === undefined || name === firstSheet())
      // Other sheets (notes, lookups) are read to the end unused: the zip is one stream.
      for await (const row of worksheet) {
        if (isFirst) yield { row: row.number, values: rowValues(row) }
      }
      firstDone ||= isFirst
    }
  } finally {
    input.destroy()
  }
}

const textOf = (text: string | ExcelJS.CellRichTextValue) =>
  typeof text === 'string' ? text : text.richText.map((part) => part.text).join('')

function rowValues(row: ExcelJS.Row): RawCell[] {
  const values: RawCell[] = []
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    values[column - 1] = toRawCell(cell.value)
  })
  return Array.from(values, (v) => v ?? null)
}

function toRawCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value
  }
  if ('richText' in value) return textOf(value)
  if ('hyperlink' in value) return value.text
  if ('error' in value) return value.error
  if ('result' in value)
    return value.result === undefined ? null : toRawCell(value.result as ExcelJS.CellValue)
  return null
}

async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  const encoding = (await isUtf8File(path)) ? 'utf-8' : 'gb18030'
  const records = pipeline(
    createReadStream(path),
    decodeTo(encoding),
    parse({ bom: true, relax_column_count: true, relax_quotes: true }),
    () => {},
  )
  let row = 0
  // Each record is one spreadsheet row; empty lines are records too, so numbering matches what Excel shows.
  for await (const record of records as AsyncIterable<string[]>) {
    row += 1
    yield { row, values: record }
  }
}

/** Whether the whole file is valid UTF-8 (a BOM is allowed); checked as a stream. */
async function isUtf8File(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true })
    decoder.decode()
    return true
  } catch {
    return false
  }
}

/** Bytes in `encoding` → UTF-8 text; the decoder keeps a character split across chunks until it is whole. */
function decodeTo(encoding: 'utf-8' | 'gb18030') {
  const decoder = new TextDecoder(encoding)
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decoder.decode(chunk, { stream: true }))
    },
    flush(done) {
      done(null, decoder.decode())
    },
  })
}

/** Data rows (non-blank rows after the header) of a file, for a progress bar's total; one extra streaming read. */
export async function countDataRows(path: string): Promise<number> {
  let rows = -1
  for await (const { values } of readSheet(path, await detectFormat(path))) if (!isBlankRow(values)) rows += 1
  return Math.max(rows, 0)
}
