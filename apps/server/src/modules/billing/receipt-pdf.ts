/**
 * Payment receipt (收据) as a PDF. Pure apart from reading the bundled font files once: no clock, no DB —
 * the caller maps its rows to a ReceiptDocument.
 *
 * Chinese text needs an embedded CJK font. Noto Sans SC comes from @fontsource/noto-sans-sc, which ships the
 * font cut into ~100 unicode-range slices; each run of text is drawn with a slice that really has its glyphs,
 * and pdfkit embeds (and subsets) only the slices a receipt uses.
 */

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { inflateSync } from 'node:zlib'
import PDFDocument from 'pdfkit'

export interface ReceiptLine {
  label: string
  period: string | null
  fen: number
}

export interface ReceiptDocument {
  companyName: string
  communityName: string
  /** Gap-free receipt number, e.g. 'R-2025-000123'. */
  number: string
  issuedAt: Date
  /** IANA zone of the community; every time on the receipt is shown in it. */
  timeZone: string
  unitCode: string
  /** Already masked by the caller, e.g. '张*'. */
  payerName: string | null
  channelLabel: string
  lines: ReceiptLine[]
  /** Part of the payment kept as prepayment; shown as a line 预收款 when > 0. */
  prepaidFen: number
  /** Total: the lines plus the prepayment. */
  amountFen: number
  cashierName: string | null
  /** A voided receipt keeps its number and stays printable, stamped 作废. */
  voided: { at: Date; reason: string } | null
  locale: 'zh-CN' | 'en-US'
}

export interface RenderReceiptOptions {
  /** Compress content streams (default true); tests turn it off to read the text maps. */
  compress?: boolean
}

// ── money ───────────────────────────────────────────────────────────────────────────────────────────

function assertSafeInteger(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be a safe integer of fen, got ${fen}`)
}

/** Fen as 元 with exactly two decimals, by integer arithmetic: 25024 → '250.24', -5 → '-0.05'. */
export function formatYuan(fen: number): string {
  assertSafeInteger(fen)
  const abs = BigInt(Math.abs(fen))
  const cents = (abs % 100n).toString().padStart(2, '0')
  return `${fen < 0 ? '-' : ''}${abs / 100n}.${cents}`
}

const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const
const CAPITAL_SMALL_UNITS = ['', '拾', '佰', '仟'] as const

/**
 * Fen in Chinese financial capitals (人民币大写, without the 人民币 prefix), after the PBOC rules for filling in
 * bills: 零 marks skipped digits (several zeros in a row give one 零); a zero at the 元/万/亿 place is already
 * marked by that unit and needs no 零 of its own (250.24 → 贰佰伍拾元贰角肆分, 1000.10 → 壹仟元零壹角);
 * a zero 角 before a non-zero 分 is written 零 (1.05 → 壹元零伍分); 整 closes an amount without 角 and 分.
 */
export function fenToChineseCapital(fen: number): string {
  assertSafeInteger(fen)
  if (fen < 0) throw new RangeError(`cannot write a negative amount in capitals (${fen} fen)`)
  const total = BigInt(fen)
  const yuanDigits = (total / 100n).toString()
  const jiao = Number((total / 10n) % 10n)
  const fenDigit = Number(total % 10n)

  let out = ''
  let zeroPending = false
  const place = (p: number) => Number(yuanDigits[yuanDigits.length - 1 - p])
  // Whether any digit in places [from, to) is non-zero: decides if 万/亿 is written for that section.
  const anyNonZero = (from: number, to: number) => {
    for (let p = from; p < Math.min(to, yuanDigits.length); p++) if (place(p) !== 0) return true
    return false
  }
  const digit = (d: number) => {
    if (zeroPending && out !== '') out += '零'
    zeroPending = false
    out += CAPITAL_DIGITS[d]
  }

  if (total >= 100n) {
    for (let p = yuanDigits.length - 1; p >= 0; p--) {
      const d = place(p)
      if (d !== 0) {
        digit(d)
        out += CAPITAL_SMALL_UNITS[p % 4]
      } else if (p % 4 !== 0) {
        zeroPending = true
      }
      if (p > 0 && p % 8 === 0 && anyNonZero(p, p + 8)) out += '亿'
      else if (p % 8 === 4 && anyNonZero(p, p + 4)) out += '万'
    }
    out += '元'
  }
  if (jiao !== 0) {
    digit(jiao)
    out += '角'
  } else if (fenDigit !== 0) {
    zeroPending = true
  }
  if (fenDigit !== 0) {
    digit(fenDigit)
    out += '分'
  }
  if (out === '') return '零元整'
  return jiao === 0 && fenDigit === 0 ? `${out}整` : out
}

// ── labels ──────────────────────────────────────────────────────────────────────────────────────────

interface Labels {
  title: string
  continued: string
  community: string
  unit: string
  payer: string
  issuedAt: string
  channel: string
  cashier: string
  item: string
  period: string
  amount: string
  prepaid: string
  total: string
  inCapitals: string
  issuer: string
  footer: string
  voidStamp: string
  voidStampSub: string | null
  voidedAt: string
  voidReason: string
  page: (n: number, of: number) => string
  colon: string
  separator: string
}

const LABELS: Record<ReceiptDocument['locale'], Labels> = {
  'zh-CN': {
    title: '收款收据',
    continued: '（续）',
    community: '小区',
    unit: '房号',
    payer: '交款人',
    issuedAt: '开具时间',
    channel: '收款方式',
    cashier: '收款人',
    item: '项目',
    period: '期间',
    amount: '金额（元）',
    prepaid: '预收款',
    total: '合计',
    inCapitals: '金额大写',
    issuer: '收款单位（盖章）',
    footer: '本收据为已收款项的凭证，请妥善保管；涂改无效。',
    voidStamp: '作废',
    voidStampSub: null,
    voidedAt: '作废时间',
    voidReason: '作废原因',
    page: (n, of) => `第 ${n} 页 / 共 ${of} 页`,
    colon: '：',
    separator: '；',
  },
  'en-US': {
    title: 'Payment Receipt',
    continued: ' (continued)',
    community: 'Community',
    unit: 'Unit',
    payer: 'Payer',
    issuedAt: 'Issued',
    channel: 'Paid by',
    cashier: 'Cashier',
    item: 'Item',
    period: 'Period',
    amount: 'Amount (CNY)',
    prepaid: 'Prepayment',
    total: 'Total',
    inCapitals: 'In words',
    issuer: 'Issued by (seal)',
    footer: 'This receipt acknowledges the payment received; keep it safe. Altered receipts are invalid.',
    voidStamp: '作废',
    voidStampSub: 'VOID',
    voidedAt: 'Voided',
    voidReason: 'Reason',
    page: (n, of) => `Page ${n} of ${of}`,
    colon: ': ',
    separator: '; ',
  },
}

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/** 'YYYY-MM-DD HH:mm' in the given IANA zone; an unknown zone throws (Intl's RangeError). */
function formatLocalTime(at: Date, timeZone: string): string {
  let format = timeFormats.get(timeZone)
  if (!format) {
    // Building a formatter costs about a millisecond; a server renders receipts of few zones.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    timeFormats.set(timeZone, format)
  }
  const parts = format.formatToParts(at)
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

// ── fonts ───────────────────────────────────────────────────────────────────────────────────────────

/** The part of a fontkit font this module uses; pdfkit takes the object itself as a font source. */
interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean
}

interface FontFace {
  /** Slice id of @fontsource/noto-sans-sc: '119', 'latin', … */
  id: string
  font: FontkitFont
}

const requireHere = createRequire(import.meta.url)
const FONT_PACKAGE_DIR = dirname(requireHere.resolve('@fontsource/noto-sans-sc/package.json'))
// The very fontkit pdfkit uses (a dependency of pdfkit, not of ours), so pdfkit accepts its font objects.
const fontkit = createRequire(requireHere.resolve('pdfkit'))('fontkit') as {
  create(data: Buffer): FontkitFont
}
const FALLBACK_FACE_ID = 'latin'

/**
 * Unpacks a WOFF 1.0 file into a plain TrueType/OpenType font with node's zlib. fontkit's own WOFF reader
 * fails on some slices (e.g. the cmap of slice 101), and its WOFF2 path needs a slow pure-JS Brotli.
 */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font')
  const numTables = woff.readUInt16BE(12)
  const tables: { tag: number; checksum: number; data: Buffer }[] = []
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20
    const offset = woff.readUInt32BE(entry + 4)
    const compLength = woff.readUInt32BE(entry + 8)
    const origLength = woff.readUInt32BE(entry + 12)
    const raw = woff.subarray(offset, offset + compLength)
    const data = compLength < origLength ? inflateSync(raw) : raw
    if (data.length !== origLength) throw new Error('corrupt WOFF table')
    tables.push({ tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data })
  }
  const headerSize = 12 + 16 * numTables
  const size = tables.reduce((sum, table) => sum + ((table.data.length + 3) & ~3), headerSize)
  const sfnt = Buffer.alloc(size)
  let entrySelector = 0
  while (2 << entrySelector <= numTables) entrySelector++
  sfnt.writeUInt32BE(woff.readUInt32BE(4), 0) // flavor: 0x00010000 (TrueType) or 'OTTO'
  sfnt.writeUInt16BE(numTables, 4)
  sfnt.writeUInt16BE(16 << entrySelector, 6)
  sfnt.writeUInt16BE(entrySelector, 8)
  sfnt.writeUInt16BE(numTables * 16 - (16 << entrySelector), 10)
  let offset = headerSize
  tables.forEach((table, i) => {
    const record = 12 + i * 16
    sfnt.writeUInt32BE(table.tag, record)
    sfnt.writeUInt32BE(table.checksum, record + 4)
    sfnt.writeUInt32BE(offset, record + 8)
    sfnt.writeUInt32BE(table.data.length, record + 12)
    table.data.copy(sfnt, offset)
    offset += (table.data.length + 3) & ~3
  })
  return sfnt
}

// Loaded once per process: the slice catalogue, each slice used so far, and each code point's resolved slice.
let candidatesByCodePoint: Map<number, string[]> | undefined
const faces = new Map<string, FontFace>()
const faceByCodePoint = new Map<number, FontFace | null>()

/** Slice ids whose CSS unicode-range claims the code point, in order of preference. */
function candidatesFor(codePoint: number): string[] {
  if (!candidatesByCodePoint) {
    const ranges = requireHere('@fontsource/noto-sans-sc/unicode.json') as Record<string, string>
    // Google numbers the CJK slices by character frequency: [119] holds the most common Hanzi, CJK
    // punctuation and ASCII. Preferring high numbers keeps a receipt's digits in slices it embeds anyway.
    // Keys are '[119]' for numbered slices, 'latin' and the like for named ones; file names drop the brackets.
    const slices = Object.entries(ranges).map(([key, range]) => {
      const numbered = /^\[(\d+)\]$/.exec(key)
      return { id: numbered ? numbered[1]! : key, rank: numbered ? -Number(numbered[1]) : 0, range }
    })
    slices.sort((a, b) => a.rank - b.rank)
    candidatesByCodePoint = new Map()
    for (const { id, range } of slices) {
      for (const part of range.split(',')) {
        const [first = '', last = first] = part.trim().replace(/^U\+/i, '').split('-')
        for (let cp = Number.parseInt(first, 16); cp <= Number.parseInt(last, 16); cp++) {
          const list = candidatesByCodePoint.get(cp)
          if (list) list.push(id)
          else candidatesByCodePoint.set(cp, [id])
        }
      }
    }
  }
  return candidatesByCodePoint.get(codePoint) ?? []
}

function loadFace(id: string): FontFace {
  let face = faces.get(id)
  if (!face) {
    const file = join(FONT_PACKAGE_DIR, 'files', `noto-sans-sc-${id}-400-normal.woff`)
    face = { id, font: fontkit.create(woffToSfnt(readFileSync(file))) }
    faces.set(id, face)
  }
  return face
}

/**
 * The slice to draw a code point with. Unicode-ranges are shared by the whole Noto CJK family, so a slice may
 * claim code points it has no glyph for: the font's cmap decides. Unknown code points fall back to the Latin
 * slice, which draws its .notdef box.
 */
function faceFor(codePoint: number, current: FontFace | undefined): FontFace {
  if (current?.font.hasGlyphForCodePoint(codePoint)) return current // keep runs long
  let face = faceByCodePoint.get(codePoint)
  if (face === undefined) {
    face = null
    for (const id of candidatesFor(codePoint)) {
      const candidate = loadFace(id)
      if (candidate.font.hasGlyphForCodePoint(codePoint)) {
        face = candidate
        break
      }
    }
    faceByCodePoint.set(codePoint, face)
  }
  return face ?? loadFace(FALLBACK_FACE_ID)
}

/** Splits text into runs that each draw with one slice. */
function fontRuns(text: string): { face: FontFace; text: string }[] {
  const runs: { face: FontFace; text: string }[] = []
  let current: { face: FontFace; text: string } | undefined
  for (const char of text) {
    const face = faceFor(char.codePointAt(0)!, current?.face)
    if (current && current.face === face) current.text += char
    else {
      current = { face, text: char }
      runs.push(current)
    }
  }
  return runs
}

// ── drawing ─────────────────────────────────────────────────────────────────────────────────────────

const INK = '#1a1a1a'
const MUTED = '#666666'
const RULE = '#333333'
const HEADER_FILL = '#eeeeee'
const RED = '#c8102e'

interface TextStyle {
  size: number
  color?: string
  align?: 'left' | 'center' | 'right'
  /** Box width for alignment; text wider than the box shrinks to fit (down to 60%, then it overflows). */
  width?: number
  /** Faux bold (fill + thin stroke): one weight keeps the embedded fonts few. */
  bold?: boolean
}

/** Draws mixed-slice text at absolute positions; pdfkit's own flow does not switch fonts mid-line. */
class Pen {
  private readonly registered = new Set<string>()

  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  private use(face: FontFace, size: number): void {
    const name = `NotoSansSC-${face.id}`
    if (!this.registered.has(name)) {
      // pdfkit takes a fontkit font object as a source (it checks for `layout`); the typings only list buffers.
      this.pdf.registerFont(name, face.font as unknown as PDFKit.Mixins.PDFFontSource)
      this.registered.add(name)
    }
    this.pdf.font(name).fontSize(size)
  }

  width(text: string, size: number): number {
    let width = 0
    for (const run of fontRuns(text)) {
      this.use(run.face, size)
      width += this.pdf.widthOfString(run.text)
    }
    return width
  }

  text(text: string, x: number, y: number, style: TextStyle): number {
    const line = text.replace(/\s+/g, ' ')
    let size = style.size
    let width = this.width(line, size)
    if (style.width !== undefined && width > style.width) {
      size = Math.max(style.size * 0.6, (style.size * style.width) / width)
      width = this.width(line, size)
    }
    const box = style.width ?? width
    let cursor =
      style.align === 'right' ? x + box - width : style.align === 'center' ? x + (box - width) / 2 : x
    const color = style.color ?? INK
    this.pdf.fillColor(color)
    if (style.bold) this.pdf.strokeColor(color).lineWidth(size / 40)
    for (const run of fontRuns(line)) {
      this.use(run.face, size)
      this.pdf.text(run.text, cursor, y, { lineBreak: false, fill: true, stroke: style.bold === true })
      cursor += this.pdf.widthOfString(run.text)
    }
    return width
  }

  /** Greedy wrap: Han characters break anywhere, other words at spaces, over-long words anywhere. */
  wrap(text: string, size: number, maxWidth: number): string[] {
    const lines: string[] = []
    for (const paragraph of text.split(/\r?\n/)) {
      const tokens = (paragraph.match(WRAP_TOKEN) ?? []).flatMap((token) =>
        this.width(token, size) > maxWidth ? [...token] : [token],
      )
      let line = ''
      for (const token of tokens) {
        if (line.trim() === '' || this.width(line + token, size) <= maxWidth) line += token
        else {
          lines.push(line.trimEnd())
          line = token.trimStart()
        }
      }
      lines.push(line.trimEnd())
    }
    return lines
  }

  rule(x1: number, y1: number, x2: number, y2: number, width = 0.6, color = RULE): void {
    this.pdf.moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor(color).stroke()
  }
}

const WRAP_TOKEN =
  /\s+|[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/gu

// A5 landscape fits a typical receipt (a handful of lines); longer ones continue on further pages.
const PAGE_WIDTH = 595.28
const PAGE_HEIGHT = 419.53
const MARGIN = 32
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
const BODY_SIZE = 10
const LINE_HEIGHT = 13.5
const CELL_PADDING = 5
const FOOTER_TOP = PAGE_HEIGHT - MARGIN - 10
const COLUMNS = [
  { x: MARGIN, width: CONTENT_WIDTH * 0.4 },
  { x: MARGIN + CONTENT_WIDTH * 0.4, width: CONTENT_WIDTH * 0.34 },
  { x: MARGIN + CONTENT_WIDTH * 0.74, width: CONTENT_WIDTH * 0.26 },
] as const

/** Item, period, amount. */
type Row = [string, string, string]

function drawReceipt(pdf: PDFKit.PDFDocument, receipt: ReceiptDocument): void {
  const labels = LABELS[receipt.locale]
  const pen = new Pen(pdf)
  const field = (label: string, value: string | null) => `${label}${labels.colon}${value ?? '—'}`

  // Header: issuer, title with a double rule, the number in red as on printed receipt books.
  pen.text(receipt.companyName, MARGIN, MARGIN - 8, {
    size: BODY_SIZE,
    color: MUTED,
    align: 'center',
    width: CONTENT_WIDTH,
  })
  const titleWidth = pen.text(labels.title, MARGIN, MARGIN + 6, {
    size: 20,
    align: 'center',
    width: CONTENT_WIDTH,
    bold: true,
  })
  const titleLeft = PAGE_WIDTH / 2 - titleWidth / 2 - 12
  pen.rule(titleLeft, MARGIN + 35, PAGE_WIDTH - titleLeft, MARGIN + 35, 0.8)
  pen.rule(titleLeft, MARGIN + 37.5, PAGE_WIDTH - titleLeft, MARGIN + 37.5, 0.8)
  pen.text(`No. ${receipt.number}`, MARGIN, MARGIN + 14, {
    size: 11,
    color: RED,
    align: 'right',
    width: CONTENT_WIDTH,
  })

  // Who, where, when, how: two rows of three.
  const infoTop = MARGIN + 48
  const infoColumn = CONTENT_WIDTH / 3
  const info = [
    [
      field(labels.community, receipt.communityName),
      field(labels.unit, receipt.unitCode),
      field(labels.payer, receipt.payerName),
    ],
    [
      field(labels.issuedAt, formatLocalTime(receipt.issuedAt, receipt.timeZone)),
      field(labels.channel, receipt.channelLabel),
      field(labels.cashier, receipt.cashierName),
    ],
  ]
  info.forEach((row, r) => {
    row.forEach((text, c) => {
      pen.text(text, MARGIN + c * infoColumn, infoTop + r * 17, { size: BODY_SIZE, width: infoColumn - 8 })
    })
  })

  // The table of lines, continued on further pages when it does not fit.
  const rows: Row[] = receipt.lines.map((line) => [line.label, line.period ?? '—', formatYuan(line.fen)])
  if (receipt.prepaidFen > 0) rows.push([labels.prepaid, '—', formatYuan(receipt.prepaidFen)])

  const capitals = field(labels.inCapitals, `人民币${fenToChineseCapital(receipt.amountFen)}`)
  const capitalLines = pen.wrap(capitals, BODY_SIZE, CONTENT_WIDTH - 2 * CELL_PADDING)
  const totalsHeight = 2 * CELL_PADDING + LINE_HEIGHT + (2 * CELL_PADDING + capitalLines.length * LINE_HEIGHT)
  const voidLines = receipt.voided
    ? pen.wrap(
        `${field(labels.voidedAt, formatLocalTime(receipt.voided.at, receipt.timeZone))}${labels.separator}${field(labels.voidReason, receipt.voided.reason)}`,
        BODY_SIZE,
        CONTENT_WIDTH,
      )
    : []
  const closingHeight = 8 + 18 + voidLines.length * LINE_HEIGHT
  const tableBottom = FOOTER_TOP - 8

  const cellLines = (row: Row) =>
    row.map((cell, i) => pen.wrap(cell, BODY_SIZE, COLUMNS[i]!.width - 2 * CELL_PADDING))
  const heightOf = (lines: string[][]) =>
    2 * CELL_PADDING + Math.max(...lines.map((cell) => cell.length)) * LINE_HEIGHT
  const frame = (top: number, bottom: number) => {
    pdf
      .rect(MARGIN, top, CONTENT_WIDTH, bottom - top)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke()
  }
  let y = infoTop + 40
  let tableTop = y
  const drawRow = (row: Row, header: boolean) => {
    const lines = cellLines(row)
    const height = heightOf(lines)
    if (header) pdf.rect(MARGIN, y, CONTENT_WIDTH, height).fill(HEADER_FILL)
    lines.forEach((cell, i) => {
      const column = COLUMNS[i]!
      cell.forEach((text, l) => {
        pen.text(text, column.x + CELL_PADDING, y + CELL_PADDING + l * LINE_HEIGHT, {
          size: BODY_SIZE,
          align: i === 2 ? 'right' : header ? 'center' : 'left',
          width: column.width - 2 * CELL_PADDING,
          bold: header,
        })
      })
    })
    y += height
    pen.rule(MARGIN, y, MARGIN + CONTENT_WIDTH, y)
  }
  const header: Row = [labels.item, labels.period, labels.amount]
  drawRow(header, true)
  rows.forEach((row, i) => {
    // The last row travels with the totals so that a page never ends on a bare table.
    const needed = heightOf(cellLines(row)) + (i === rows.length - 1 ? totalsHeight + closingHeight : 0)
    if (y + needed > tableBottom) {
      for (const column of COLUMNS.slice(1)) pen.rule(column.x, tableTop, column.x, y)
      frame(tableTop, y)
      pdf.addPage()
      pen.text(`${labels.title}${labels.continued}`, MARGIN, MARGIN, { size: 14, bold: true })
      pen.text(`No. ${receipt.number}`, MARGIN, MARGIN + 2, {
        size: 11,
        color: RED,
        align: 'right',
        width: CONTENT_WIDTH,
      })
      y = MARGIN + 28
      tableTop = y
      drawRow(header, true)
    }
    drawRow(row, false)
  })

  // Totals: figures, then capitals across the full width.
  const totalTop = y
  pen.text(labels.total, COLUMNS[0].x + CELL_PADDING, y + CELL_PADDING, { size: BODY_SIZE, bold: true })
  pen.text(`¥${formatYuan(receipt.amountFen)}`, COLUMNS[2].x + CELL_PADDING, y + CELL_PADDING, {
    size: BODY_SIZE,
    align: 'right',
    width: COLUMNS[2].width - 2 * CELL_PADDING,
    bold: true,
  })
  y += 2 * CELL_PADDING + LINE_HEIGHT
  pen.rule(MARGIN, y, MARGIN + CONTENT_WIDTH, y)
  pen.rule(COLUMNS[2].x, totalTop, COLUMNS[2].x, y)
  for (const column of COLUMNS.slice(1)) pen.rule(column.x, tableTop, column.x, totalTop)
  capitalLines.forEach((text, l) => {
    pen.text(text, MARGIN + CELL_PADDING, y + CELL_PADDING + l * LINE_HEIGHT, { size: BODY_SIZE })
  })
  y += 2 * CELL_PADDING + capitalLines.length * LINE_HEIGHT
  frame(tableTop, y)

  // Issuer line and, for a voided receipt, when and why in red.
  y += 8
  pen.text(field(labels.issuer, receipt.companyName), MARGIN, y, {
    size: BODY_SIZE,
    align: 'right',
    width: CONTENT_WIDTH,
  })
  y += 18
  for (const text of voidLines) {
    pen.text(text, MARGIN, y, { size: BODY_SIZE, color: RED })
    y += LINE_HEIGHT
  }

  // Per page: footer, page numbers when there are several, and the void stamp.
  const { start, count } = pdf.bufferedPageRange()
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i)
    const footer = count > 1 ? `${labels.footer}  ${labels.page(i - start + 1, count)}` : labels.footer
    pen.text(footer, MARGIN, FOOTER_TOP, { size: 7.5, color: MUTED, align: 'center', width: CONTENT_WIDTH })
    if (receipt.voided) drawVoidStamp(pdf, pen, labels)
  }
}

function drawVoidStamp(pdf: PDFKit.PDFDocument, pen: Pen, labels: Labels): void {
  const cx = PAGE_WIDTH / 2
  const cy = PAGE_HEIGHT / 2 + 4 // over the table, clear of the void notice below it
  const width = 220
  const height = labels.voidStampSub ? 120 : 100
  pdf.save()
  pdf.rotate(-18, { origin: [cx, cy] })
  pdf.opacity(0.75)
  pdf
    .roundedRect(cx - width / 2, cy - height / 2, width, height, 10)
    .lineWidth(4)
    .strokeColor(RED)
    .stroke()
  pdf
    .roundedRect(cx - width / 2 + 7, cy - height / 2 + 7, width - 14, height - 14, 6)
    .lineWidth(1.2)
    .strokeColor(RED)
    .stroke()
  // pdfkit places text by the top of its line box; Noto's ideographs sit 0.28–1.28 em below it.
  const mainCenter = labels.voidStampSub ? cy - 12 : cy
  pen.text(labels.voidStamp, cx - width / 2, mainCenter - 0.78 * 64, {
    size: 64,
    color: RED,
    align: 'center',
    width,
    bold: true,
  })
  if (labels.voidStampSub) {
    // Latin capitals: their middle is 0.8 em below the top of the line box.
    pen.text(labels.voidStampSub, cx - width / 2, cy + 36 - 0.8 * 16, {
      size: 16,
      color: RED,
      align: 'center',
      width,
      bold: true,
    })
  }
  pdf.restore()
}

function assertConsistent(receipt: ReceiptDocument): void {
  for (const line of receipt.lines) assertSafeInteger(line.fen)
  assertSafeInteger(receipt.prepaidFen)
  assertSafeInteger(receipt.amountFen)
  if (receipt.prepaidFen < 0)
    throw new RangeError(`prepaidFen must not be negative, got ${receipt.prepaidFen}`)
  const sum = receipt.lines.reduce((total, line) => total + BigInt(line.fen), BigInt(receipt.prepaidFen))
  // A receipt whose lines do not add up to its total must never be printed.
  if (sum !== BigInt(receipt.amountFen))
    throw new RangeError(
      `receipt ${receipt.number}: lines and prepayment sum to ${sum} fen, total is ${receipt.amountFen}`,
    )
}

/** Renders the receipt as a PDF (A5 landscape). Same input, same bytes: the dates come from issuedAt. */
export async function renderReceiptPdf(
  receipt: ReceiptDocument,
  options: RenderReceiptOptions = {},
): Promise<Buffer> {
  assertConsistent(receipt)
  const labels = LABELS[receipt.locale]
  const pdf = new PDFDocument({
    size: [PAGE_WIDTH, PAGE_HEIGHT],
    // '' skips pdfkit's default Helvetica, which it would parse for every document and never use.
    font: '',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: receipt.locale,
    displayTitle: true,
    info: {
      Title: receipt.number,
      Subject: labels.title,
      Author: receipt.companyName,
      Creator: 'Meihao',
      CreationDate: receipt.issuedAt,
    },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
  })
  drawReceipt(pdf, receipt)
  pdf.end()
  return done
}
