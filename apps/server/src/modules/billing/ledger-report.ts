import type { Writable } from 'node:stream'
import type { LedgerQuery, ReversalInput, TrialBalance } from '@meihao/contracts'
import ExcelJS from 'exceljs'
import { type Expression, type SqlBool, sql } from 'kysely'
import type { z } from 'zod'
import { writeAudit } from '../../platform/audit'
import { conflict, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { communityInScope, inScope } from '../estate/published'
import { markCollectionDirty } from './collection-rollup'
import { readableRefusal, refusalReason } from './finance-messages'
import { ACCOUNT_CODES, type AccountCode, CHART_OF_ACCOUNTS, type JournalKind, reversalOf } from './ledger'
import { billsById, journalsByKey, lockUnitAccount, postUnitJournal, unitSlice } from './ledger-store'
import { markVoid } from './receipt-service'
import type { BillingTables } from './tables'

/**
 * The ledger for finance staff (billing.ledger): reversing a journal posted by mistake, the trial balance,
 * and the voucher export (记账凭证) for accounting software. Money stays integer fen until it is written as
 * 元 text with two decimals by integer arithmetic; an .xlsx cell gets that text as a number only at the cell.
 */

/** Integer fen as 元 with exactly two decimals ("1234.05"), without ever passing through a float. */
export function fenToYuan(fen: number | bigint | string): string {
  const value = typeof fen === 'bigint' ? fen : BigInt(fen)
  const sign = value < 0n ? '-' : ''
  const abs = value < 0n ? -value : value
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

// ── reversals ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Reverses one journal of a unit (a mistake): the same lines with sides swapped, keyed `reversal:<id>`, posted
 * under the unit's lock on a slice holding the bills its lines name. A payment's reversal reopens the bills it
 * paid and voids its receipt (the number stays taken). Bill batches (many units in one journal) are never
 * reversed whole: a wrong bill is corrected by a credit note (overcharge refund).
 */
export const reverseJournal = (
  ctx: RequestContext,
  journalId: string,
  input: z.output<typeof ReversalInput>,
) =>
  inTenant<BillingTables, { journalId: string }>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const head = await tx
      .selectFrom('ledger_journals')
      .select(['key', 'kind', 'community_id', 'unit_id'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', journalId)
      .executeTakeFirst()
    if (!head || !(await communityInScope(tx, actor, tenantId, head.community_id, 'billing.ledger')))
      throw notFound('BILLING_JOURNAL_NOT_FOUND')
    if (head.kind === 'bill_issued') throw conflict('BILLING_REVERSAL_BILL_BATCH')
    if (head.kind === 'reversal') throw conflict('BILLING_REVERSAL_OF_REVERSAL')
    if (!head.unit_id) throw conflict('BILLING_REVERSAL_NOT_UNIT')
    const unitId = head.unit_id

    const balances = await lockUnitAccount(tx, tenantId, unitId, head.community_id)
    const original = (await journalsByKey(tx, tenantId, [head.key])).get(head.key)
    if (!original) throw notFound('BILLING_JOURNAL_NOT_FOUND')
    if (original.reversedBy) throw conflict('BILLING_REVERSAL_ALREADY_REVERSED')
    const bills = await billsById(
      tx,
      tenantId,
      original.lines.flatMap((l) => (l.billId ? [l.billId] : [])),
    )
    const slice = unitSlice(unitId, bills, balances, [original])
    let reversalId: string
    try {
      const posted = await postUnitJournal(
        tx,
        tenantId,
        slice,
        reversalOf(original, `reversal:${journalId}`),
        {
          communityId: head.community_id,
          unitId,
          actorId: actor.userId,
          memo: input.reason,
          reversesId: journalId,
        },
      )
      reversalId = posted.journalId
    } catch (error) {
      const reason = refusalReason(error)
      if (reason === 'overdrawn') throw conflict('BILLING_REVERSAL_OVERDRAWN', {}, { reason })
      if (reason === 'already_reversed') throw conflict('BILLING_REVERSAL_ALREADY_REVERSED', {}, { reason })
      throw readableRefusal(error, ctx.lang)
    }

    // A payment undone: its receipt is void (kept with its number), unless someone voided it already.
    let voidedReceiptId: string | null = null
    if (original.kind === 'payment_received') {
      const { rows } = await sql<{ id: string }>`
        select r.id from payments p join receipts r on r.tenant_id = p.tenant_id and r.payment_id = p.id
         where p.tenant_id = ${tenantId} and p.journal_id = ${journalId} and r.status = 'issued'`.execute(tx)
      for (const receipt of rows) {
        await markVoid(tx, tenantId, receipt.id, input.reason, actor.userId)
        voidedReceiptId = receipt.id
      }
    }
    for (const year of new Set(bills.map((b) => Number(b.period.slice(0, 4)))))
      await markCollectionDirty(tx, tenantId, head.community_id, year)
    await writeAudit(tx, ctx, tenantId, {
      action: 'journal.reverse',
      entityType: 'ledger_journal',
      entityId: journalId,
      before: { key: original.key, kind: original.kind, lines: original.lines },
      after: { reversalId, reason: input.reason, voidedReceiptId },
    })
    return { journalId: reversalId }
  })

// ── scope of the reports ────────────────────────────────────────────────────────────────────────────

export interface LedgerScope {
  communityId: string | null
  communityName: string | null
  /** The community's zone when one community is asked for; company-wide each line uses its community's. */
  timeZone: string | null
}

/** The community asked for, when the caller's billing.ledger covers all of it (404 otherwise), or company-wide. */
export const ledgerScope = (ctx: RequestContext, communityId: string | undefined) =>
  inTenant<BillingTables, LedgerScope>(ctx, async (tx, tenantId) => {
    if (!communityId) return { communityId: null, communityName: null, timeZone: null }
    const community = await communityInScope(tx, actorOf(ctx), tenantId, communityId, 'billing.ledger')
    if (!community) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
    return { communityId: community.id, communityName: community.name, timeZone: community.timeZone }
  })

type Range = Pick<z.output<typeof LedgerQuery>, 'from' | 'to'>

/**
 * Lines of the caller's reach in the date range (inclusive, in the community's time zone). For one community
 * the range becomes instants (so the posted_at index serves it); company-wide each line uses its community's zone.
 */
function lineConditions(ctx: RequestContext, tenantId: string, scope: LedgerScope, range: Range) {
  const conditions: Expression<SqlBool>[] = [
    sql<SqlBool>`l.tenant_id = ${tenantId}`,
    inScope(actorOf(ctx), 'billing.ledger', { community: 'l.community_id' }, { wholeCommunity: true }),
  ]
  const zone = scope.timeZone === null ? sql.ref('c.time_zone') : sql`${scope.timeZone}::text`
  if (scope.communityId) conditions.push(sql<SqlBool>`l.community_id = ${scope.communityId}`)
  if (range.from)
    conditions.push(sql<SqlBool>`l.posted_at >= (${range.from}::date::timestamp at time zone ${zone})`)
  if (range.to)
    conditions.push(sql<SqlBool>`l.posted_at < ((${range.to}::date + 1)::timestamp at time zone ${zone})`)
  return sql.join(conditions, sql` and `)
}

// ── trial balance ───────────────────────────────────────────────────────────────────────────────────

/** Debits and credits per account over the range, summed by the database; names in the caller's language. */
export const trialBalanceReport = (ctx: RequestContext, scope: LedgerScope, range: Range) =>
  inTenant<BillingTables, TrialBalance>(ctx, async (tx, tenantId) => {
    const { rows } = await sql<{ account: AccountCode; debit: string; credit: string }>`
      select l.account, sum(l.debit_fen)::text as debit, sum(l.credit_fen)::text as credit
        from ledger_lines l join communities c on c.tenant_id = l.tenant_id and c.id = l.community_id
       where ${lineConditions(ctx, tenantId, scope, range)}
       group by l.account`.execute(tx)
    const byCode = new Map(rows.map((r) => [r.account, r]))
    let totalDebit = 0n
    let totalCredit = 0n
    const result: TrialBalance['rows'] = []
    for (const code of ACCOUNT_CODES) {
      const row = byCode.get(code)
      if (!row) continue
      const account = CHART_OF_ACCOUNTS[code]
      const debit = BigInt(row.debit)
      const credit = BigInt(row.credit)
      totalDebit += debit
      totalCredit += credit
      const net = debit - credit
      result.push({
        code,
        name: ctx.lang === 'zh-CN' ? account.nameZh : account.nameEn,
        kind: account.kind,
        debitFen: safe(debit),
        creditFen: safe(credit),
        balanceFen: safe(net < 0n ? -net : net),
        balanceSide: net >= 0n ? 'debit' : 'credit',
      })
    }
    return {
      communityId: scope.communityId,
      rows: result,
      totalDebitFen: safe(totalDebit),
      totalCreditFen: safe(totalCredit),
      balanced: totalDebit === totalCredit,
    }
  })

function safe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount ${value} is too large`)
  return Number(value)
}

// ── voucher export ──────────────────────────────────────────────────────────────────────────────────

const KIND_SUMMARY: Record<JournalKind, string> = {
  bill_issued: '确认应收物业费',
  deposit_collected: '收取押金',
  deposit_refunded: '退还押金',
  payment_received: '收取物业费',
  prepaid_applied: '预收款抵扣物业费',
  prepaid_refunded: '退还预收款',
  overcharge_refunded: '多收费用红字冲减及退款',
  public_revenue_received: '收取公共收益',
  public_revenue_cost_paid: '支付公共收益经营成本',
  public_revenue_to_fund: '公共收益转入专项维修资金',
  public_revenue_used: '按业主共同决定使用公共收益',
  maintenance_fund_deposited: '代收专项维修资金',
  maintenance_fund_gain: '专项维修资金增值收益分配',
  maintenance_fund_spent: '使用专项维修资金',
  reversal: '冲销',
}
/** Kinds whose memo is what a person wrote (a refund's or a reversal's reason): it belongs in the summary. */
const MEMO_KINDS: readonly string[] = [
  'reversal',
  'prepaid_refunded',
  'deposit_refunded',
  'overcharge_refunded',
]
const CHANNEL_NAMES: Record<string, string> = { pos: 'POS 刷卡', wechatpay: '微信支付', alipay: '支付宝' }
const UNIT_ACCOUNTS = sql.join(['1122', '2203', '2241', '2241-MF'].map((a) => sql.lit(a)))

export const VOUCHER_COLUMNS = [
  { header: '凭证日期', key: 'date', width: 12 },
  { header: '凭证字', key: 'word', width: 8 },
  { header: '凭证号', key: 'number', width: 10 },
  { header: '分录号', key: 'lineNo', width: 8 },
  { header: '摘要', key: 'summary', width: 40 },
  { header: '科目编码', key: 'accountCode', width: 10 },
  { header: '科目名称', key: 'accountName', width: 28 },
  { header: '辅助核算', key: 'subLedger', width: 20 },
  { header: '借方金额', key: 'debit', width: 14 },
  { header: '贷方金额', key: 'credit', width: 14 },
  { header: '小区', key: 'community', width: 16 },
  { header: '凭证ID', key: 'journalId', width: 38 },
] as const

export interface VoucherRow {
  date: string
  word: string
  number: number
  lineNo: number
  summary: string
  accountCode: string
  accountName: string
  subLedger: string
  /** 元 with two decimals; '' on the line's other side. */
  debit: string
  credit: string
  community: string
  journalId: string
}

type LineRow = {
  journal_id: string
  kind: JournalKind
  memo: string
  reversed_kind: JournalKind | null
  journal_unit: string | null
  day: string
  line_no: number
  account: AccountCode
  sub_key: string
  sub_name: string | null
  debit_fen: string
  credit_fen: string
  community_name: string
}

const PAGE = 5000

/**
 * Every line in reach and range, in posting order, handed to `page` 5,000 at a time through a cursor of the
 * export's one transaction: one sorted pass, and never more than a page in memory however long the ledger.
 */
async function eachLinePage(
  ctx: RequestContext,
  scope: LedgerScope,
  range: Range,
  page: (rows: VoucherRow[]) => Promise<void>,
): Promise<void> {
  await inTenant<BillingTables, void>(ctx, async (tx, tenantId) => {
    await sql`
      declare voucher_lines no scroll cursor for
      select l.journal_id, j.kind, j.memo, rj.kind as reversed_kind, ju.code as journal_unit,
             to_char(j.posted_at at time zone c.time_zone, 'YYYY-MM-DD') as day,
             l.line_no, l.account, l.sub_key, coalesce(su.code, fi.name) as sub_name,
             l.debit_fen, l.credit_fen, c.name as community_name
        from ledger_lines l
        join ledger_journals j on j.tenant_id = l.tenant_id and j.id = l.journal_id
        join communities c on c.tenant_id = l.tenant_id and c.id = l.community_id
        left join ledger_journals rj on rj.tenant_id = j.tenant_id and rj.id = j.reverses_id
        left join units ju on ju.tenant_id = j.tenant_id and ju.id = j.unit_id
        left join units su on su.tenant_id = l.tenant_id
              and su.id = case when l.account in (${UNIT_ACCOUNTS}) then l.sub_key::uuid end
        left join fee_items fi on fi.tenant_id = l.tenant_id
              and fi.id = case when l.account = '6001' then l.sub_key::uuid end
       where ${lineConditions(ctx, tenantId, scope, range)}
       order by j.posted_at, j.id, l.line_no`.execute(tx)
    let number = 0
    let lastJournal = ''
    for (;;) {
      const { rows } = await sql<LineRow>`fetch forward ${sql.lit(PAGE)} from voucher_lines`.execute(tx)
      if (rows.length === 0) break
      await page(
        rows.map((r) => {
          if (r.journal_id !== lastJournal) {
            number += 1
            lastJournal = r.journal_id
          }
          return voucherRow(r, number)
        }),
      )
      if (rows.length < PAGE) break
    }
    await sql`close voucher_lines`.execute(tx)
  })
}

function voucherRow(r: LineRow, number: number): VoucherRow {
  const account = CHART_OF_ACCOUNTS[r.account]
  let summary =
    r.kind === 'reversal' && r.reversed_kind ? `冲销：${KIND_SUMMARY[r.reversed_kind]}` : KIND_SUMMARY[r.kind]
  if (!summary) summary = r.kind
  if (r.journal_unit) summary += ` ${r.journal_unit}`
  if (MEMO_KINDS.includes(r.kind) && r.memo) summary += `（${r.memo}）`
  const debit = BigInt(r.debit_fen)
  const credit = BigInt(r.credit_fen)
  return {
    date: r.day,
    word: '记',
    number,
    lineNo: r.line_no,
    summary,
    accountCode: r.account,
    accountName: account?.nameZh ?? r.account,
    subLedger: r.account === '1012' ? (CHANNEL_NAMES[r.sub_key] ?? r.sub_key) : (r.sub_name ?? ''),
    debit: debit > 0n ? fenToYuan(debit) : '',
    credit: credit > 0n ? fenToYuan(credit) : '',
    community: r.community_name,
    journalId: r.journal_id,
  }
}

/** Waits while the reader is behind, so a slow download holds one page, not the whole ledger. */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('voucher download closed by the client')
  if (!out.writableNeedDrain) return
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done)
      out.off('close', done)
      resolve()
    }
    out.on('drain', done)
    out.on('close', done)
  })
  if (out.destroyed) throw new Error('voucher download closed by the client')
}

/** A CSV field: quoted when it must be, and text that a spreadsheet would run as a formula made inert. */
function csvField(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const csvLine = (values: readonly (string | number)[]) => `${values.map(csvField).join(',')}\r\n`

/** UTF-8 with a byte-order mark, so Excel shows the Chinese as Chinese; CRLF line ends. */
export async function writeVoucherCsv(ctx: RequestContext, scope: LedgerScope, range: Range, out: Writable) {
  out.write(`\uFEFF${csvLine(VOUCHER_COLUMNS.map((c) => c.header))}`)
  await eachLinePage(ctx, scope, range, async (rows) => {
    out.write(rows.map((r) => csvLine(VOUCHER_COLUMNS.map((c) => r[c.key]))).join(''))
    await drained(out)
  })
  out.end()
}

/** Excel's limit is 1,048,576 rows a sheet: a longer export continues on the next sheet. */
const ROWS_PER_SHEET = 1_000_000

export async function writeVoucherXlsx(ctx: RequestContext, scope: LedgerScope, range: Range, out: Writable) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  let sheetNo = 0
  let rowsInSheet = 0
  const newSheet = () => {
    sheetNo += 1
    const sheet = workbook.addWorksheet(sheetNo === 1 ? '记账凭证' : `记账凭证${sheetNo}`)
    sheet.columns = VOUCHER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }))
    sheet.getColumn('debit').numFmt = '0.00'
    sheet.getColumn('credit').numFmt = '0.00'
    rowsInSheet = 0
    return sheet
  }
  let sheet = newSheet()
  await eachLinePage(ctx, scope, range, async (rows) => {
    for (const r of rows) {
      if (rowsInSheet === ROWS_PER_SHEET) {
        sheet.commit()
        sheet = newSheet()
      }
      sheet
        .addRow({
          ...r,
          // Two-decimal text made a number only here, at the cell: the cell shows it with numFmt 0.00.
          debit: r.debit === '' ? null : Number(r.debit),
          credit: r.credit === '' ? null : Number(r.credit),
        })
        .commit()
      rowsInSheet += 1
    }
    await drained(out)
  })
  sheet.commit()
  await workbook.commit()
}
