import { type Allocation, allocatePayment, compareBillAge, type Month, type OpenBill } from './fee-math'

/**
 * The double-entry ledger core of the billing region (see /work/shared/domain/billing.md, "Money integrity").
 * Pure: no I/O, no clock. Money is integer fen (safe integers). A state is immutable: `post` returns a new
 * one and never touches the old, so a replayed journal (same key) can be answered with the very same state.
 *
 * Accounting choices:
 * - Bills: Dr 1122 receivable[unit] / Cr 6001 revenue[fee item]; both lines carry the bill id, so each bill's
 *   open amount (receivable) and net charge (revenue) are known exactly.
 * - Payments: Dr clearing[channel] / Cr receivable per allocation (fee-math's allocatePayment, oldest first or
 *   chosen bills) / Cr 2203 prepaid[unit] for the rest, within the months-ahead cap. Money beyond the cap is
 *   refused before anything is posted: it goes back to the payer, it is never parked in an account.
 * - Refund of an overcharge (纠纷解释 2, with approval): the charge itself was wrong, so revenue is reduced by a
 *   credit note on the bill (Dr revenue / Cr receivable); the part the owner had already paid is then paid back
 *   (Dr receivable / Cr clearing). Both halves sit in one journal, so the bill is never left reopened or
 *   negative and the revenue report shows the reduction in the period it is made.
 * - Corrections are reversals only: the same lines with sides swapped, `reverses` naming the original. An entry
 *   is reversed at most once, a reversal is never reversed (post the entry again under a new key), and a
 *   reversal that would leave a bill, prepaid or liability balance on its wrong side is refused (reverse the
 *   later payment first).
 * - Public revenue (公共收益) and the maintenance fund (专项维修资金) are owners' money: liabilities, never 6001.
 */

// ── chart of accounts ───────────────────────────────────────────────────────────────────────────────

export const ACCOUNT_CODES = [
  '1001',
  '1002',
  '1012',
  '1122',
  '2203',
  '2241',
  '2241-PR',
  '2241-MF',
  '6001',
] as const
export type AccountCode = (typeof ACCOUNT_CODES)[number]
export type AccountKind = 'asset' | 'liability' | 'revenue'
export type Side = 'debit' | 'credit'
/** What a line's subKey names: a unit id, a fee item, an online channel, or nothing (''). */
export type SubLedger = 'unit' | 'fee_item' | 'channel' | 'none'

export interface Account {
  code: AccountCode
  nameZh: string
  nameEn: string
  kind: AccountKind
  normalSide: Side
  subLedger: SubLedger
  /** Each sub-key's balance must stay on the normal side: nobody can owe less than nothing. */
  guarded: boolean
}

const account = (
  code: AccountCode,
  nameZh: string,
  nameEn: string,
  kind: AccountKind,
  subLedger: SubLedger,
  guarded: boolean,
): Account => ({
  code,
  nameZh,
  nameEn,
  kind,
  normalSide: kind === 'asset' ? 'debit' : 'credit',
  subLedger,
  guarded,
})

export const CHART_OF_ACCOUNTS: Readonly<Record<AccountCode, Account>> = Object.freeze({
  // Cash can be short in the books (a refund paid from the till), so clearing accounts are not guarded.
  '1001': account('1001', '库存现金', 'Cash on hand', 'asset', 'none', false),
  '1002': account('1002', '银行存款', 'Bank deposits', 'asset', 'none', false),
  '1012': account('1012', '其他货币资金-在线支付清算', 'Online payment clearing', 'asset', 'channel', false),
  '1122': account('1122', '应收账款-物业费', 'Fees receivable', 'asset', 'unit', true),
  '2203': account('2203', '预收账款', 'Prepaid fees', 'liability', 'unit', true),
  '2241': account('2241', '其他应付款-押金', 'Deposits held', 'liability', 'unit', true),
  '2241-PR': account(
    '2241-PR',
    '其他应付款-公共收益',
    'Public revenue payable to owners',
    'liability',
    'none',
    true,
  ),
  '2241-MF': account(
    '2241-MF',
    '代管专项维修资金',
    'Maintenance fund held for owners',
    'liability',
    'unit',
    true,
  ),
  // Credit notes may take a fee item below zero in a period; the per-bill check keeps each bill honest.
  '6001': account('6001', '主营业务收入', 'Service fee revenue', 'revenue', 'fee_item', false),
})

export const CHANNELS = ['cash', 'pos', 'bank', 'wechatpay', 'alipay'] as const
export type Channel = (typeof CHANNELS)[number]
const ONLINE_CHANNELS: readonly string[] = ['pos', 'wechatpay', 'alipay']

/** Where a channel's money lands: cash in the till, bank transfers in the bank, the rest in online clearing. */
export function clearingAccount(channel: Channel): { account: AccountCode; subKey: string } {
  if (channel === 'cash') return { account: '1001', subKey: '' }
  if (channel === 'bank') return { account: '1002', subKey: '' }
  if (ONLINE_CHANNELS.includes(channel)) return { account: '1012', subKey: channel }
  throw new RangeError(`unknown channel ${JSON.stringify(channel)}`)
}

// ── journals ────────────────────────────────────────────────────────────────────────────────────────

export const JOURNAL_KINDS = [
  'bill_issued',
  'deposit_collected',
  'deposit_refunded',
  'payment_received',
  'prepaid_applied',
  'prepaid_refunded',
  'overcharge_refunded',
  'public_revenue_received',
  'public_revenue_cost_paid',
  'public_revenue_to_fund',
  'public_revenue_used',
  'maintenance_fund_deposited',
  'maintenance_fund_gain',
  'maintenance_fund_spent',
  'reversal',
] as const
export type JournalKind = (typeof JOURNAL_KINDS)[number]
/** Money going back to someone needs a named approver. */
const NEEDS_APPROVAL: readonly JournalKind[] = ['deposit_refunded', 'prepaid_refunded', 'overcharge_refunded']

export interface JournalLine {
  account: AccountCode
  /** Per the account's sub-ledger; '' when it has none. */
  subKey: string
  debitFen: number
  creditFen: number
  /** Required on receivable lines, optional on revenue lines: ties the line to one bill. */
  billId?: string
}

/** What a bill_issued journal registers, so allocation can order bills oldest first. */
export interface BillRef {
  id: string
  unit: string
  feeItem: string
  period: Month
  itemOrder: number
}

export interface Journal {
  /** Idempotency key: the notification id, counter receipt id… Unique in the ledger. */
  key: string
  kind: JournalKind
  lines: readonly JournalLine[]
  /** The key of the journal this one reverses. */
  reverses?: string
  bill?: BillRef
  approvedBy?: string
}

// ── state ───────────────────────────────────────────────────────────────────────────────────────────

export interface Totals {
  debitFen: number
  creditFen: number
}

export interface BillState extends BillRef {
  /** Net revenue of the bill: issued less credit notes. */
  chargedFen: number
  /** Net receivable of the bill: what is still owed. */
  openFen: number
}

export interface LedgerState {
  /** In posting order. */
  readonly journals: readonly Journal[]
  readonly byKey: ReadonlyMap<string, Journal>
  /** Original key → key of the reversal. */
  readonly reversedBy: ReadonlyMap<string, string>
  /** `${account}|${subKey}` → totals. */
  readonly balances: ReadonlyMap<string, Totals>
  readonly bills: ReadonlyMap<string, BillState>
}

export const emptyLedger = (): LedgerState => ({
  journals: [],
  byKey: new Map(),
  reversedBy: new Map(),
  balances: new Map(),
  bills: new Map(),
})

export const REFUSALS = [
  'no_key',
  'no_lines',
  'bad_kind',
  'unknown_account',
  'bad_sub_key',
  'bad_bill',
  'bad_amount',
  'both_sides',
  'empty_line',
  'unbalanced',
  'unknown_target',
  'already_reversed',
  'reverses_reversal',
  'not_a_mirror',
  'unapproved',
  'overdrawn',
] as const
export type Refusal = (typeof REFUSALS)[number]

export type PostResult =
  | { status: 'posted'; state: LedgerState; journal: Journal }
  /** The key was already posted: nothing changes. `conflict` says the offered lines differ from the posted ones. */
  | { status: 'duplicate'; state: LedgerState; journal: Journal; conflict: boolean }
  | { status: 'refused'; state: LedgerState; reason: Refusal; message: string }

const balanceKey = (code: AccountCode, subKey: string) => `${code}|${subKey}`
const isFen = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

function assertPositiveFen(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a whole number of fen > 0, got ${value}`)
}

class Refused extends Error {
  constructor(
    readonly reason: Refusal,
    message: string,
  ) {
    super(message)
  }
}

/** A journal frozen all the way down, with only the known fields: what is posted cannot change later. */
function freezeJournal(journal: Journal): Journal {
  const lines = journal.lines.map((line) =>
    Object.freeze({
      account: line.account,
      subKey: line.subKey,
      debitFen: line.debitFen,
      creditFen: line.creditFen,
      ...(line.billId === undefined ? {} : { billId: line.billId }),
    }),
  )
  return Object.freeze({
    key: journal.key,
    kind: journal.kind,
    lines: Object.freeze(lines),
    ...(journal.reverses === undefined ? {} : { reverses: journal.reverses }),
    ...(journal.bill === undefined ? {} : { bill: Object.freeze({ ...journal.bill }) }),
    ...(journal.approvedBy === undefined ? {} : { approvedBy: journal.approvedBy }),
  })
}

/** Same content as posted; a replay too malformed to compare is a conflict, not a crash. */
function sameJournal(posted: Journal, offered: Journal): boolean {
  try {
    return JSON.stringify(posted) === JSON.stringify(freezeJournal(offered))
  } catch {
    return false
  }
}

/**
 * Posts a journal. Refuses (state unchanged) anything that is not a clean, balanced entry or would leave a
 * guarded balance on its wrong side; a key already posted is a 'duplicate' and changes nothing, which is
 * how a notification delivered five times is applied once.
 */
export function post(state: LedgerState, journal: Journal): PostResult {
  if (typeof journal.key !== 'string' || journal.key === '')
    return { status: 'refused', state, reason: 'no_key', message: 'a journal needs an idempotency key' }
  const existing = state.byKey.get(journal.key)
  if (existing)
    return { status: 'duplicate', state, journal: existing, conflict: !sameJournal(existing, journal) }
  try {
    const posted = freezeJournal(journal)
    return { status: 'posted', state: apply(state, posted), journal: posted }
  } catch (error) {
    if (!(error instanceof Refused)) throw error
    return { status: 'refused', state, reason: error.reason, message: error.message }
  }
}

function checkLines(state: LedgerState, journal: Journal): void {
  if (!journal.lines?.length) throw new Refused('no_lines', `journal ${journal.key} has no lines`)
  if (!JOURNAL_KINDS.includes(journal.kind))
    throw new Refused('bad_kind', `journal ${journal.key} has unknown kind ${JSON.stringify(journal.kind)}`)
  const newBill = journal.kind === 'bill_issued' ? journal.bill : undefined
  if (journal.kind === 'bill_issued' && !isNewBill(state, newBill))
    throw new Refused('bad_bill', `bill journal ${journal.key} must register a new, well-formed bill`)
  let debits = 0
  let credits = 0
  for (const line of journal.lines) {
    const def = CHART_OF_ACCOUNTS[line.account]
    if (!Object.hasOwn(CHART_OF_ACCOUNTS, line.account) || !def)
      throw new Refused('unknown_account', `unknown account ${JSON.stringify(line.account)}`)
    const subKeyOk =
      typeof line.subKey === 'string' &&
      (def.subLedger === 'none'
        ? line.subKey === ''
        : def.subLedger === 'channel'
          ? ONLINE_CHANNELS.includes(line.subKey)
          : line.subKey !== '')
    if (!subKeyOk)
      throw new Refused('bad_sub_key', `bad sub-key ${JSON.stringify(line.subKey)} on ${def.code}`)
    checkBillLink(state, newBill, line)
    if (!isFen(line.debitFen) || !isFen(line.creditFen))
      throw new Refused('bad_amount', `amounts on ${def.code} must be whole fen ≥ 0`)
    if (line.debitFen > 0 && line.creditFen > 0)
      throw new Refused('both_sides', `a line on ${def.code} has both a debit and a credit`)
    if (line.debitFen === 0 && line.creditFen === 0)
      throw new Refused('empty_line', `a line on ${def.code} has no amount`)
    debits += line.debitFen
    credits += line.creditFen
  }
  if (!Number.isSafeInteger(debits) || !Number.isSafeInteger(credits))
    throw new Refused('bad_amount', `journal ${journal.key} totals are too large`)
  if (debits !== credits)
    throw new Refused('unbalanced', `journal ${journal.key}: debits ${debits} ≠ credits ${credits}`)
}

function isNewBill(state: LedgerState, bill: BillRef | undefined): boolean {
  return (
    bill !== undefined &&
    typeof bill.id === 'string' &&
    bill.id !== '' &&
    !state.bills.has(bill.id) &&
    typeof bill.unit === 'string' &&
    bill.unit !== '' &&
    typeof bill.feeItem === 'string' &&
    bill.feeItem !== '' &&
    /^\d{4}-(0[1-9]|1[0-2])$/.test(bill.period) &&
    Number.isSafeInteger(bill.itemOrder) &&
    bill.itemOrder >= 0
  )
}

/** Receivable lines must name a bill of that unit; revenue lines may, and then of that fee item. */
function checkBillLink(state: LedgerState, newBill: BillRef | undefined, line: JournalLine): void {
  if (line.billId === undefined) {
    if (line.account === '1122') throw new Refused('bad_bill', 'a receivable line must name its bill')
    return
  }
  const bill = newBill?.id === line.billId ? newBill : state.bills.get(line.billId)
  const fits =
    (line.account === '1122' && bill?.unit === line.subKey) ||
    (line.account === '6001' && bill?.feeItem === line.subKey)
  if (!fits) throw new Refused('bad_bill', `line on ${line.account} does not fit bill ${line.billId}`)
}

function checkReversal(state: LedgerState, journal: Journal): void {
  if ((journal.kind === 'reversal') !== (journal.reverses !== undefined))
    throw new Refused('not_a_mirror', 'a reversal has kind "reversal" and names what it reverses')
  if (journal.reverses === undefined) return
  const target = state.byKey.get(journal.reverses)
  if (!target) throw new Refused('unknown_target', `no journal ${journal.reverses} to reverse`)
  if (target.kind === 'reversal')
    throw new Refused('reverses_reversal', `${target.key} is a reversal; post the original again instead`)
  const by = state.reversedBy.get(target.key)
  if (by !== undefined) throw new Refused('already_reversed', `${target.key} was already reversed by ${by}`)
  const mirror = target.lines.map(swapSides)
  if (JSON.stringify(mirror) !== JSON.stringify(freezeJournal(journal).lines))
    throw new Refused('not_a_mirror', `${journal.key} is not ${target.key} with sides swapped`)
}

function apply(state: LedgerState, journal: Journal): LedgerState {
  checkLines(state, journal)
  checkReversal(state, journal)
  if (NEEDS_APPROVAL.includes(journal.kind) && !journal.approvedBy)
    throw new Refused('unapproved', `${journal.kind} ${journal.key} needs an approver`)

  const balances = new Map(state.balances)
  const bills = new Map(state.bills)
  if (journal.kind === 'bill_issued' && journal.bill)
    bills.set(journal.bill.id, { ...journal.bill, chargedFen: 0, openFen: 0 })
  const touched = new Set<string>()
  for (const line of journal.lines) {
    const key = balanceKey(line.account, line.subKey)
    const totals = balances.get(key) ?? { debitFen: 0, creditFen: 0 }
    balances.set(key, {
      debitFen: totals.debitFen + line.debitFen,
      creditFen: totals.creditFen + line.creditFen,
    })
    touched.add(key)
    if (line.billId !== undefined) {
      const bill = bills.get(line.billId)!
      bills.set(
        line.billId,
        line.account === '1122'
          ? { ...bill, openFen: bill.openFen + line.debitFen - line.creditFen }
          : { ...bill, chargedFen: bill.chargedFen + line.creditFen - line.debitFen },
      )
    }
  }
  // Checked on the journal's net effect: a credit note and its pay-back may pass through zero within it.
  for (const key of touched) {
    const totals = balances.get(key)!
    if (!Number.isSafeInteger(totals.debitFen) || !Number.isSafeInteger(totals.creditFen))
      throw new Refused('bad_amount', `totals of ${key} are too large`)
    const def = CHART_OF_ACCOUNTS[key.slice(0, key.indexOf('|')) as AccountCode]
    if (def.guarded && signed(def, totals) < 0)
      throw new Refused('overdrawn', `${journal.key} would leave ${key} on its wrong side`)
  }
  for (const line of journal.lines) {
    const bill = line.billId === undefined ? undefined : bills.get(line.billId)
    if (bill && (bill.openFen < 0 || bill.chargedFen < 0))
      throw new Refused('overdrawn', `${journal.key} would leave bill ${bill.id} below zero`)
  }

  const reversedBy = new Map(state.reversedBy)
  if (journal.reverses !== undefined) reversedBy.set(journal.reverses, journal.key)
  return {
    journals: [...state.journals, journal],
    byKey: new Map(state.byKey).set(journal.key, journal),
    reversedBy,
    balances,
    bills,
  }
}

const swapSides = (line: JournalLine): JournalLine =>
  freezeJournal({
    key: '-',
    kind: 'reversal',
    lines: [{ ...line, debitFen: line.creditFen, creditFen: line.debitFen }],
  }).lines[0]!

/** The balance on the account's normal side (negative: on the wrong side). */
const signed = (def: Account, totals: Totals): number =>
  def.normalSide === 'debit' ? totals.debitFen - totals.creditFen : totals.creditFen - totals.debitFen

// ── builders ────────────────────────────────────────────────────────────────────────────────────────

const line = (account: AccountCode, subKey: string, debitFen: number, creditFen: number): JournalLine => ({
  account,
  subKey,
  debitFen,
  creditFen,
})
const dr = (account: AccountCode, subKey: string, fen: number) => line(account, subKey, fen, 0)
const cr = (account: AccountCode, subKey: string, fen: number) => line(account, subKey, 0, fen)
const drClearing = (channel: Channel, fen: number) => {
  const c = clearingAccount(channel)
  return dr(c.account, c.subKey, fen)
}
const crClearing = (channel: Channel, fen: number) => {
  const c = clearingAccount(channel)
  return cr(c.account, c.subKey, fen)
}

/** Dr 1122 receivable[unit] / Cr 6001 revenue[fee item], both tied to the bill. */
export function billIssued(input: { key: string; bill: BillRef; amountFen: number }): Journal {
  assertPositiveFen(input.amountFen, 'bill amount')
  const { bill } = input
  return {
    key: input.key,
    kind: 'bill_issued',
    bill,
    lines: [
      { ...dr('1122', bill.unit, input.amountFen), billId: bill.id },
      { ...cr('6001', bill.feeItem, input.amountFen), billId: bill.id },
    ],
  }
}

interface UnitMoney {
  key: string
  unit: string
  channel: Channel
  amountFen: number
}

/** A deposit (e.g. renovation) is a liability to the unit, never revenue: Dr clearing / Cr 2241[unit]. */
export function depositCollected(input: UnitMoney): Journal {
  assertPositiveFen(input.amountFen, 'deposit')
  return {
    key: input.key,
    kind: 'deposit_collected',
    lines: [drClearing(input.channel, input.amountFen), cr('2241', input.unit, input.amountFen)],
  }
}

/** Dr 2241[unit] / Cr clearing; post refuses more than the unit's deposit. */
export function depositRefunded(input: UnitMoney & { approvedBy: string }): Journal {
  assertPositiveFen(input.amountFen, 'deposit refund')
  return {
    key: input.key,
    kind: 'deposit_refunded',
    approvedBy: input.approvedBy,
    lines: [dr('2241', input.unit, input.amountFen), crClearing(input.channel, input.amountFen)],
  }
}

/** Dr 2203 prepaid[unit] / Cr clearing; post refuses more than the prepaid balance. */
export function prepaidRefunded(input: UnitMoney & { approvedBy: string }): Journal {
  assertPositiveFen(input.amountFen, 'prepaid refund')
  return {
    key: input.key,
    kind: 'prepaid_refunded',
    approvedBy: input.approvedBy,
    lines: [dr('2203', input.unit, input.amountFen), crClearing(input.channel, input.amountFen)],
  }
}

/** 公共收益 (parking, advertising on common parts…) belongs to the owners: Dr clearing / Cr 2241-PR. */
export function publicRevenueReceived(input: { key: string; channel: Channel; amountFen: number }): Journal {
  assertPositiveFen(input.amountFen, 'public revenue')
  return {
    key: input.key,
    kind: 'public_revenue_received',
    lines: [drClearing(input.channel, input.amountFen), cr('2241-PR', '', input.amountFen)],
  }
}

/** A unit's maintenance-fund payment, held in the bank for the owners: Dr 1002 / Cr 2241-MF[unit]. */
export function maintenanceFundDeposited(input: { key: string; unit: string; amountFen: number }): Journal {
  assertPositiveFen(input.amountFen, 'maintenance fund deposit')
  return {
    key: input.key,
    kind: 'maintenance_fund_deposited',
    lines: [dr('1002', '', input.amountFen), cr('2241-MF', input.unit, input.amountFen)],
  }
}

export interface UnitFen {
  unit: string
  fen: number
}

function unitLines(side: 'debit' | 'credit', shares: readonly UnitFen[]): JournalLine[] {
  const lines: JournalLine[] = []
  for (const share of shares) {
    if (share.fen === 0) continue
    assertPositiveFen(share.fen, 'unit share')
    lines.push(side === 'debit' ? dr('2241-MF', share.unit, share.fen) : cr('2241-MF', share.unit, share.fen))
  }
  return lines
}
const sumFen = (shares: readonly UnitFen[]) => shares.reduce((sum, s) => sum + s.fen, 0)

/** A reasonable cost of earning public revenue, paid from it with evidence (解释 第14条): Dr 2241-PR / Cr 1002. */
export function publicRevenueCostPaid(input: { key: string; amountFen: number }): Journal {
  assertPositiveFen(input.amountFen, 'public revenue cost')
  return {
    key: input.key,
    kind: 'public_revenue_cost_paid',
    lines: [dr('2241-PR', '', input.amountFen), cr('1002', '', input.amountFen)],
  }
}

/** Public revenue spent as the owners decided: Dr 2241-PR / Cr 1002. */
export function publicRevenueUsed(input: { key: string; amountFen: number }): Journal {
  assertPositiveFen(input.amountFen, 'public revenue use')
  return {
    key: input.key,
    kind: 'public_revenue_used',
    lines: [dr('2241-PR', '', input.amountFen), cr('1002', '', input.amountFen)],
  }
}

/** Public revenue moved into the maintenance fund, credited to the units' sub-accounts: Dr 2241-PR / Cr 2241-MF[unit]. */
export function publicRevenueToFund(input: { key: string; shares: readonly UnitFen[] }): Journal {
  const total = sumFen(input.shares)
  assertPositiveFen(total, 'public revenue to fund')
  return {
    key: input.key,
    kind: 'public_revenue_to_fund',
    lines: [dr('2241-PR', '', total), ...unitLines('credit', input.shares)],
  }
}

/** Maintenance-fund deposits of many units in one journal: Dr 1002 / Cr 2241-MF[unit]. */
export function maintenanceFundDeposits(input: { key: string; shares: readonly UnitFen[] }): Journal {
  const total = sumFen(input.shares)
  assertPositiveFen(total, 'maintenance fund deposits')
  return {
    key: input.key,
    kind: 'maintenance_fund_deposited',
    lines: [dr('1002', '', total), ...unitLines('credit', input.shares)],
  }
}

/** Interest and other gains of the fund, allocated to the sub-accounts: Dr 1002 / Cr 2241-MF[unit]. */
export function maintenanceFundGain(input: { key: string; shares: readonly UnitFen[] }): Journal {
  return { ...maintenanceFundDeposits(input), kind: 'maintenance_fund_gain' }
}

/** A project paid from the fund, each benefiting unit's part from its sub-account: Dr 2241-MF[unit] / Cr 1002. */
export function maintenanceFundSpent(input: { key: string; shares: readonly UnitFen[] }): Journal {
  const total = sumFen(input.shares)
  assertPositiveFen(total, 'maintenance fund spending')
  return {
    key: input.key,
    kind: 'maintenance_fund_spent',
    lines: [...unitLines('debit', input.shares), cr('1002', '', total)],
  }
}

/** The same lines with sides swapped. Whether it may be posted (known, not yet reversed…) is post's call. */
export function reversalOf(original: Journal, key: string): Journal {
  return { key, kind: 'reversal', reverses: original.key, lines: original.lines.map(swapSides) }
}

export interface PaymentInput extends UnitMoney {
  /** Pay only these bills (oldest first among them); absent: all open bills of the unit, oldest first. */
  chosenBillIds?: readonly string[]
  /** The community's prepayment cap for this unit (郑州 42: 12 months ahead). */
  prepaymentCap: { monthlyFen: number; maxMonthsAhead: number }
}

export type PaymentPlan =
  | { ok: true; journal: Journal; allocations: Allocation[]; prepaidFen: number; alreadyPosted: boolean }
  /** Nothing is posted: the whole payment goes back, the caller says why (the cap), never keeps part of it. */
  | { ok: false; reason: 'exceeds_prepayment_cap'; excessFen: number }

/**
 * A payment through a channel, allocated by fee-math: Dr clearing[channel] / Cr 1122 per bill / Cr 2203 the
 * rest. A key already posted returns that journal: a redelivered notification is answered with what was
 * applied the first time, never re-planned against bills it has since paid (and never refused by the cap).
 */
export function paymentReceived(state: LedgerState, input: PaymentInput): PaymentPlan {
  const posted = state.byKey.get(input.key)
  if (posted) return planOf(posted)
  assertPositiveFen(input.amountFen, 'payment')
  const result = allocatePayment({
    paymentFen: input.amountFen,
    bills: openBills(state, input.unit),
    ...(input.chosenBillIds === undefined ? {} : { chosenBillIds: input.chosenBillIds }),
    prepayment: { ...input.prepaymentCap, balanceFen: prepaidBalance(state, input.unit) },
  })
  if (result.excessFen > 0)
    return { ok: false, reason: 'exceeds_prepayment_cap', excessFen: result.excessFen }
  const lines = [
    drClearing(input.channel, input.amountFen),
    ...result.allocations.map((a) => ({ ...cr('1122', input.unit, a.fen), billId: a.billId })),
  ]
  if (result.prepaidFen > 0) lines.push(cr('2203', input.unit, result.prepaidFen))
  const journal: Journal = { key: input.key, kind: 'payment_received', lines }
  return {
    ok: true,
    journal,
    allocations: result.allocations,
    prepaidFen: result.prepaidFen,
    alreadyPosted: false,
  }
}

function planOf(journal: Journal): PaymentPlan {
  const allocations = journal.lines
    .filter((l) => l.account === '1122' && l.billId !== undefined)
    .map((l) => ({ billId: l.billId!, fen: l.creditFen }))
  const prepaidFen = journal.lines.filter((l) => l.account === '2203').reduce((s, l) => s + l.creditFen, 0)
  return { ok: true, journal, allocations, prepaidFen, alreadyPosted: true }
}

/**
 * Prepaid balance settling open bills (new ones, typically right after issue), oldest first or the chosen
 * ones: Dr 2203[unit] / Cr 1122[unit] per bill. Null when there is nothing to settle; throws (fee-math) when
 * a chosen bill is not open.
 */
export function prepaidApplied(
  state: LedgerState,
  input: { key: string; unit: string; chosenBillIds?: readonly string[] },
): Journal | null {
  const posted = state.byKey.get(input.key)
  if (posted) return posted
  const result = allocatePayment({
    paymentFen: prepaidBalance(state, input.unit),
    bills: openBills(state, input.unit),
    ...(input.chosenBillIds === undefined ? {} : { chosenBillIds: input.chosenBillIds }),
    // The balance is already prepaid: what the bills do not take simply stays there.
    prepayment: { monthlyFen: 0, maxMonthsAhead: 0, balanceFen: 0 },
  })
  const total = result.allocations.reduce((sum, a) => sum + a.fen, 0)
  if (total === 0) return null
  return {
    key: input.key,
    kind: 'prepaid_applied',
    lines: [
      dr('2203', input.unit, total),
      ...result.allocations.map((a) => ({ ...cr('1122', input.unit, a.fen), billId: a.billId })),
    ],
  }
}

/**
 * An approved refund of an overcharge on a bill: a credit note of `amountFen` (Dr 6001 / Cr 1122 on the bill),
 * then, for the part already paid, the money back (Dr 1122 / Cr clearing). An unpaid overcharge is simply
 * cancelled; nothing is paid out for it. Throws on an unknown bill; post refuses more than the bill's charge.
 */
export function overchargeRefunded(
  state: LedgerState,
  input: { key: string; billId: string; amountFen: number; channel: Channel; approvedBy: string },
): Journal {
  const posted = state.byKey.get(input.key)
  if (posted) return posted
  assertPositiveFen(input.amountFen, 'overcharge refund')
  const bill = state.bills.get(input.billId)
  if (!bill) throw new RangeError(`unknown bill "${input.billId}"`)
  const paidBackFen = input.amountFen - Math.min(input.amountFen, Math.max(0, bill.openFen))
  const onBill = { billId: bill.id }
  const lines: JournalLine[] = [
    { ...dr('6001', bill.feeItem, input.amountFen), ...onBill },
    { ...cr('1122', bill.unit, input.amountFen), ...onBill },
  ]
  if (paidBackFen > 0)
    lines.push({ ...dr('1122', bill.unit, paidBackFen), ...onBill }, crClearing(input.channel, paidBackFen))
  return { key: input.key, kind: 'overcharge_refunded', approvedBy: input.approvedBy, lines }
}

// ── queries ─────────────────────────────────────────────────────────────────────────────────────────

export interface Balance extends Totals {
  /** On the account's normal side; negative when on the other. */
  balanceFen: number
}

/** One sub-ledger's balance, or (subKey absent) the whole account's. */
export function accountBalance(state: LedgerState, code: AccountCode, subKey?: string): Balance {
  const def = CHART_OF_ACCOUNTS[code]
  if (!def) throw new RangeError(`unknown account ${JSON.stringify(code)}`)
  let debitFen = 0
  let creditFen = 0
  if (subKey !== undefined) {
    const totals = state.balances.get(balanceKey(code, subKey))
    debitFen = totals?.debitFen ?? 0
    creditFen = totals?.creditFen ?? 0
  } else {
    for (const [key, totals] of state.balances)
      if (key.startsWith(`${code}|`)) {
        debitFen += totals.debitFen
        creditFen += totals.creditFen
      }
  }
  return { debitFen, creditFen, balanceFen: signed(def, { debitFen, creditFen }) }
}

/** The unit's bills with something still owed, oldest first, ready for allocatePayment. */
export function openBills(state: LedgerState, unit: string): OpenBill[] {
  const open: OpenBill[] = []
  for (const bill of state.bills.values())
    if (bill.unit === unit && bill.openFen > 0)
      open.push({ id: bill.id, period: bill.period, itemOrder: bill.itemOrder, openFen: bill.openFen })
  return open.sort(compareBillAge)
}

export const prepaidBalance = (state: LedgerState, unit: string): number =>
  accountBalance(state, '2203', unit).balanceFen

export const depositBalance = (state: LedgerState, unit: string): number =>
  accountBalance(state, '2241', unit).balanceFen

export interface TrialBalanceRow extends Account, Totals {
  /** Net balance ≥ 0, on `balanceSide` ('debit' when zero). */
  balanceFen: number
  balanceSide: Side
}

export interface TrialBalance {
  /** Accounts with any postings, in chart order. */
  rows: TrialBalanceRow[]
  totalDebitFen: number
  totalCreditFen: number
  /** Sums of the debit and credit balances: equal, like the totals, in a sound ledger. */
  debitBalancesFen: number
  creditBalancesFen: number
}

export function trialBalance(state: LedgerState): TrialBalance {
  const rows: TrialBalanceRow[] = []
  const sums = { totalDebitFen: 0, totalCreditFen: 0, debitBalancesFen: 0, creditBalancesFen: 0 }
  for (const code of ACCOUNT_CODES) {
    const { debitFen, creditFen } = accountBalance(state, code)
    if (![...state.balances.keys()].some((key) => key.startsWith(`${code}|`))) continue
    const net = debitFen - creditFen
    const balanceSide: Side = net >= 0 ? 'debit' : 'credit'
    rows.push({ ...CHART_OF_ACCOUNTS[code], debitFen, creditFen, balanceFen: Math.abs(net), balanceSide })
    sums.totalDebitFen += debitFen
    sums.totalCreditFen += creditFen
    if (balanceSide === 'debit') sums.debitBalancesFen += Math.abs(net)
    else sums.creditBalancesFen += Math.abs(net)
  }
  for (const [name, value] of Object.entries(sums))
    if (!Number.isSafeInteger(value)) throw new RangeError(`trial balance ${name} is too large`)
  return { rows, ...sums }
}
