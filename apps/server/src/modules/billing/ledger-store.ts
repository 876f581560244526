import { sql, type Transaction } from 'kysely'
import { plainArray, textArray } from '../../platform/db/pg-arrays'
import { conflict } from '../../platform/errors'
import { uuidv7 } from '../../platform/ids'
import {
  type AccountCode,
  type BillState,
  CHART_OF_ACCOUNTS,
  emptyLedger,
  type Journal,
  type JournalLine,
  type LedgerState,
  post,
} from './ledger'
import type { BillingTables } from './tables'

/**
 * The ledger in the database. The pure ledger (ledger.ts) decides whether a journal may be posted, on a
 * slice of the state that holds everything the journal can touch (one unit's bills and balances); this
 * module writes what it decided: the journal, its lines, and the projections kept beside them (bills'
 * paid and credited amounts, the unit's prepaid and deposit balances), all in the caller's transaction.
 */

type Tx = Transaction<BillingTables>

export interface JournalMeta {
  communityId: string
  unitId: string | null
  actorId: string | null
  memo?: string
  approvedBy?: string | null
}

export interface StoredBill {
  id: string
  unitId: string
  feeItemId: string
  /** 'YYYY-MM' of period_start. */
  period: string
  itemOrder: number
  amountFen: number
  paidFen: number
  creditedFen: number
  payer: 'owner' | 'developer'
}

const billColumns = sql`b.id, b.unit_id, b.fee_item_id, to_char(b.period_start, 'YYYY-MM') as period, i.sort,
  b.amount_fen, b.paid_fen, b.credited_fen, b.payer`
type BillRow = {
  id: string
  unit_id: string
  fee_item_id: string
  period: string
  sort: number
  amount_fen: string
  paid_fen: string
  credited_fen: string
  payer: 'owner' | 'developer'
}
const storedBill = (r: BillRow): StoredBill => ({
  id: r.id,
  unitId: r.unit_id,
  feeItemId: r.fee_item_id,
  period: r.period,
  itemOrder: r.sort,
  amountFen: Number(r.amount_fen),
  paidFen: Number(r.paid_fen),
  creditedFen: Number(r.credited_fen),
  payer: r.payer,
})

/** The unit's bills with something still owed. */
export async function openBillsOfUnit(tx: Tx, tenantId: string, unitId: string): Promise<StoredBill[]> {
  const { rows } = await sql<BillRow>`
    select ${billColumns} from bills b
      join fee_items i on i.tenant_id = b.tenant_id and i.id = b.fee_item_id
     where b.tenant_id = ${tenantId} and b.unit_id = ${unitId}
       and b.paid_fen + b.credited_fen < b.amount_fen`.execute(tx)
  return rows.map(storedBill)
}

export async function billsById(tx: Tx, tenantId: string, ids: readonly string[]): Promise<StoredBill[]> {
  if (ids.length === 0) return []
  const { rows } = await sql<BillRow>`
    select ${billColumns} from bills b
      join fee_items i on i.tenant_id = b.tenant_id and i.id = b.fee_item_id
     where b.tenant_id = ${tenantId} and b.id = any(${[...new Set(ids)]}::uuid[])`.execute(tx)
  return rows.map(storedBill)
}

export interface UnitBalances {
  prepaidFen: number
  depositFen: number
}

/**
 * Locks the unit's account row (creating it at zero): every money movement of a unit holds it, so two
 * payments of one unit never allocate against the same open bills at once.
 */
export async function lockUnitAccount(
  tx: Tx,
  tenantId: string,
  unitId: string,
  communityId: string,
): Promise<UnitBalances> {
  await tx
    .insertInto('unit_accounts')
    .values({ tenant_id: tenantId, unit_id: unitId, community_id: communityId })
    .onConflict((c) => c.columns(['tenant_id', 'unit_id']).doNothing())
    .execute()
  const row = await tx
    .selectFrom('unit_accounts')
    .select(['prepaid_fen', 'deposit_fen'])
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  return { prepaidFen: Number(row.prepaid_fen), depositFen: Number(row.deposit_fen) }
}

/** Posted journals by key, as the pure ledger knows them (for reversals). */
export async function journalsByKey(tx: Tx, tenantId: string, keys: readonly string[]) {
  const found = new Map<string, Journal & { id: string; reversedBy: string | null }>()
  if (keys.length === 0) return found
  const { rows } = await sql<{
    id: string
    key: string
    kind: Journal['kind']
    reversed_by: string | null
    lines: {
      account: AccountCode
      subKey: string
      debitFen: string
      creditFen: string
      billId: string | null
    }[]
  }>`
    select j.id, j.key, j.kind, r.key as reversed_by,
           json_agg(json_build_object('account', l.account, 'subKey', l.sub_key, 'debitFen', l.debit_fen,
             'creditFen', l.credit_fen, 'billId', l.bill_id) order by l.line_no) as lines
      from ledger_journals j
      join ledger_lines l on l.tenant_id = j.tenant_id and l.journal_id = j.id
      left join ledger_journals r on r.tenant_id = j.tenant_id and r.reverses_id = j.id
     where j.tenant_id = ${tenantId} and j.key = any(${[...keys]}::text[])
     group by j.id, j.key, j.kind, r.key`.execute(tx)
  for (const r of rows)
    found.set(r.key, {
      id: r.id,
      key: r.key,
      kind: r.kind,
      reversedBy: r.reversed_by,
      lines: r.lines.map((l) => ({
        account: l.account,
        subKey: l.subKey,
        debitFen: Number(l.debitFen),
        creditFen: Number(l.creditFen),
        ...(l.billId ? { billId: l.billId } : {}),
      })),
    })
  return found
}

/**
 * The part of the ledger one unit's movement can touch: its bills, its receivable, prepaid and deposit
 * balances, and the journals a reversal may name. Enough for post() to refuse an overdrawn balance.
 */
export function unitSlice(
  unitId: string,
  bills: readonly StoredBill[],
  balances: UnitBalances,
  journals: Iterable<Journal & { reversedBy?: string | null }> = [],
): LedgerState {
  const state = emptyLedger()
  const billMap = new Map<string, BillState>()
  let receivable = 0
  for (const b of bills) {
    const openFen = b.amountFen - b.paidFen - b.creditedFen
    receivable += openFen
    billMap.set(b.id, {
      id: b.id,
      unit: b.unitId,
      feeItem: b.feeItemId,
      period: b.period,
      itemOrder: b.itemOrder,
      chargedFen: b.amountFen - b.creditedFen,
      openFen,
    })
  }
  const byKey = new Map<string, Journal>()
  const reversedBy = new Map<string, string>()
  for (const j of journals) {
    byKey.set(j.key, { key: j.key, kind: j.kind, lines: j.lines })
    if (j.reversedBy) reversedBy.set(j.key, j.reversedBy)
  }
  const balanceMap = new Map([
    [`1122|${unitId}`, { debitFen: receivable, creditFen: 0 }],
    [`2203|${unitId}`, { debitFen: 0, creditFen: balances.prepaidFen }],
    [`2241|${unitId}`, { debitFen: 0, creditFen: balances.depositFen }],
  ])
  return { ...state, bills: billMap, byKey, reversedBy, balances: balanceMap }
}

/** Lines a journal may be stored with: known accounts, one side each, whole fen, balanced. */
export function assertPostable(lines: readonly JournalLine[]): void {
  let debit = 0
  let credit = 0
  for (const line of lines) {
    if (!Object.hasOwn(CHART_OF_ACCOUNTS, line.account)) throw new Error(`unknown account ${line.account}`)
    const ok =
      Number.isSafeInteger(line.debitFen) &&
      Number.isSafeInteger(line.creditFen) &&
      line.debitFen >= 0 &&
      line.creditFen >= 0 &&
      line.debitFen > 0 !== line.creditFen > 0
    if (!ok) throw new Error(`bad amounts on ${line.account}`)
    debit += line.debitFen
    credit += line.creditFen
  }
  if (lines.length === 0 || debit !== credit) throw new Error(`journal is not balanced: ${debit} ≠ ${credit}`)
}

/**
 * Writes journals and their lines (one statement each for all of them: the database's balance trigger
 * checks per statement). A key already posted is skipped; the ids of the journals written are returned.
 */
export async function insertJournals(
  tx: Tx,
  tenantId: string,
  journals: readonly (JournalMeta & { id: string; journal: Journal; reversesId?: string | null })[],
): Promise<Set<string>> {
  if (journals.length === 0) return new Set()
  for (const j of journals) assertPostable(j.journal.lines)
  const written = await tx
    .insertInto('ledger_journals')
    .values(
      journals.map((j) => ({
        tenant_id: tenantId,
        id: j.id,
        key: j.journal.key,
        kind: j.journal.kind,
        community_id: j.communityId,
        unit_id: j.unitId,
        reverses_id: j.reversesId ?? null,
        approved_by: j.approvedBy ?? null,
        actor_id: j.actorId,
        memo: j.memo ?? '',
      })),
    )
    .onConflict((c) => c.columns(['tenant_id', 'key']).doNothing())
    .returning('id')
    .execute()
  const ids = new Set(written.map((r) => r.id))
  const cols = {
    journal: [] as string[],
    lineNo: [] as number[],
    community: [] as string[],
    account: [] as string[],
    subKey: [] as string[],
    bill: [] as (string | null)[],
    debit: [] as number[],
    credit: [] as number[],
  }
  for (const j of journals) {
    if (!ids.has(j.id)) continue
    j.journal.lines.forEach((line, index) => {
      cols.journal.push(j.id)
      cols.lineNo.push(index + 1)
      cols.community.push(j.communityId)
      cols.account.push(line.account)
      cols.subKey.push(line.subKey)
      cols.bill.push(line.billId ?? null)
      cols.debit.push(line.debitFen)
      cols.credit.push(line.creditFen)
    })
  }
  if (cols.journal.length > 0)
    await sql`
      insert into ledger_lines (tenant_id, journal_id, line_no, community_id, account, sub_key, bill_id, debit_fen, credit_fen)
      select ${tenantId}, * from unnest(${plainArray(cols.journal)}::uuid[], ${plainArray(cols.lineNo)}::int[],
        ${plainArray(cols.community)}::uuid[], ${textArray(cols.account)}::text[], ${textArray(cols.subKey)}::text[],
        ${plainArray(cols.bill)}::uuid[], ${plainArray(cols.debit)}::bigint[], ${plainArray(cols.credit)}::bigint[])`.execute(
      tx,
    )
  return ids
}

export interface Posted {
  journalId: string
  state: LedgerState
}

/**
 * Posts one journal of a unit: post() on the slice decides (a refusal changes nothing and answers 409),
 * then the journal is written and the touched bills and the unit's balances are set to what post() computed.
 */
export async function postUnitJournal(
  tx: Tx,
  tenantId: string,
  slice: LedgerState,
  journal: Journal,
  meta: JournalMeta & { reversesId?: string | null },
): Promise<Posted> {
  const result = post(slice, journal)
  if (result.status === 'refused')
    throw conflict('BILLING_LEDGER_REFUSED', { reason: result.reason }, { reason: result.reason })
  if (result.status === 'duplicate') throw conflict('BILLING_ALREADY_POSTED', { key: journal.key })
  const id = uuidv7()
  const written = await insertJournals(tx, tenantId, [{ ...meta, id, journal: result.journal }])
  if (!written.has(id)) throw conflict('BILLING_ALREADY_POSTED', { key: journal.key })
  await writeProjections(tx, tenantId, result.journal, result.state, meta.unitId)
  return { journalId: id, state: result.state }
}

async function writeProjections(
  tx: Tx,
  tenantId: string,
  journal: Journal,
  state: LedgerState,
  unitId: string | null,
) {
  const bills = [...new Set(journal.lines.flatMap((l) => (l.billId ? [l.billId] : [])))].flatMap((id) => {
    const bill = state.bills.get(id)
    return bill ? [bill] : []
  })
  if (bills.length > 0)
    await sql`
      update bills b set credited_fen = b.amount_fen - v.charged, paid_fen = v.charged - v.open
        from unnest(${bills.map((b) => b.id)}::uuid[], ${bills.map((b) => b.chargedFen)}::bigint[],
                    ${bills.map((b) => b.openFen)}::bigint[]) as v(id, charged, open)
       where b.tenant_id = ${tenantId} and b.id = v.id`.execute(tx)
  if (!unitId) return
  const balance = (code: string) => state.balances.get(`${code}|${unitId}`) ?? { debitFen: 0, creditFen: 0 }
  const prepaid = balance('2203')
  const deposit = balance('2241')
  await tx
    .updateTable('unit_accounts')
    .set({
      prepaid_fen: String(prepaid.creditFen - prepaid.debitFen),
      deposit_fen: String(deposit.creditFen - deposit.debitFen),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId)
    .execute()
}
