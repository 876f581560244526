import { sql } from 'kysely'
import { plainArray, textArray } from '../../platform/db/pg-arrays'
import { conflict } from '../../platform/errors'
import { uuidv7 } from '../../platform/ids'
import { TOP_UP_PERCENT } from './fund-math'
import type { FundEntryKind, Tx } from './tables'

/**
 * The maintenance fund's sub-accounts in the database. Every write goes through `applyFundMoves` under the
 * community's books lock (lockCommunityBooks): one entry per unit and move, and the account's running
 * figures, which the table's checks keep consistent (balance = deposited + gains − spent, never below 0).
 */

export interface SubAccount {
  unitId: string
  firstDepositFen: number
  depositedFen: number
  gainsFen: number
  spentFen: number
  balanceFen: number
}

const EMPTY = (unitId: string): SubAccount => ({
  unitId,
  firstDepositFen: 0,
  depositedFen: 0,
  gainsFen: 0,
  spentFen: 0,
  balanceFen: 0,
})

export async function loadSubAccounts(tx: Tx, tenantId: string, unitIds: readonly string[]) {
  const map = new Map<string, SubAccount>()
  if (unitIds.length === 0) return map
  const { rows } = await sql<{
    unit_id: string
    first_deposit_fen: string
    deposited_fen: string
    gains_fen: string
    spent_fen: string
    balance_fen: string
  }>`
    select unit_id, first_deposit_fen, deposited_fen, gains_fen, spent_fen, balance_fen from fund_unit_accounts
     where tenant_id = ${tenantId} and unit_id = any(${plainArray([...unitIds])}::uuid[])`.execute(tx)
  for (const r of rows)
    map.set(r.unit_id, {
      unitId: r.unit_id,
      firstDepositFen: Number(r.first_deposit_fen),
      depositedFen: Number(r.deposited_fen),
      gainsFen: Number(r.gains_fen),
      spentFen: Number(r.spent_fen),
      balanceFen: Number(r.balance_fen),
    })
  for (const id of unitIds) if (!map.has(id)) map.set(id, EMPTY(id))
  return map
}

export interface FundMove {
  unitId: string
  kind: FundEntryKind
  /** + into the sub-account, − out of it (spending only). */
  fen: number
  projectId?: string | null
}

/**
 * Writes the moves (zero moves are skipped) and the accounts they change. `accounts` must hold every unit
 * moved, as loaded under the lock; it is updated in place and returned.
 */
export async function applyFundMoves(
  tx: Tx,
  tenantId: string,
  communityId: string,
  accounts: Map<string, SubAccount>,
  moves: readonly FundMove[],
  meta: { journalId: string; occurredOn: string; memo: string },
): Promise<Map<string, SubAccount>> {
  const entries = {
    id: [] as string[],
    unit: [] as string[],
    kind: [] as string[],
    fen: [] as number[],
    after: [] as number[],
    project: [] as (string | null)[],
  }
  const touched = new Set<string>()
  for (const move of moves) {
    if (move.fen === 0) continue
    const account = accounts.get(move.unitId)
    if (!account) throw new Error(`sub-account of ${move.unitId} not loaded`)
    if (move.kind === 'spend') account.spentFen -= move.fen
    else if (move.kind === 'first_deposit' || move.kind === 'deposit') account.depositedFen += move.fen
    else account.gainsFen += move.fen
    if (move.kind === 'first_deposit') account.firstDepositFen += move.fen
    account.balanceFen += move.fen
    if (account.balanceFen < 0) throw new Error(`sub-account of ${move.unitId} would go below zero`)
    entries.id.push(uuidv7())
    entries.unit.push(move.unitId)
    entries.kind.push(move.kind)
    entries.fen.push(move.fen)
    entries.after.push(account.balanceFen)
    entries.project.push(move.projectId ?? null)
    touched.add(move.unitId)
  }
  if (touched.size === 0) return accounts
  const changed = [...touched].map((id) => accounts.get(id)!)
  await sql`
    insert into fund_unit_accounts (tenant_id, unit_id, community_id, first_deposit_fen, deposited_fen, gains_fen,
                                    spent_fen, balance_fen, updated_at)
    select ${tenantId}, v.unit, ${communityId}, v.first, v.deposited, v.gains, v.spent, v.balance, now()
      from unnest(${plainArray(changed.map((a) => a.unitId))}::uuid[], ${plainArray(changed.map((a) => a.firstDepositFen))}::bigint[],
                  ${plainArray(changed.map((a) => a.depositedFen))}::bigint[], ${plainArray(changed.map((a) => a.gainsFen))}::bigint[],
                  ${plainArray(changed.map((a) => a.spentFen))}::bigint[], ${plainArray(changed.map((a) => a.balanceFen))}::bigint[])
           as v(unit, first, deposited, gains, spent, balance)
    on conflict (tenant_id, unit_id) do update set
      first_deposit_fen = excluded.first_deposit_fen, deposited_fen = excluded.deposited_fen,
      gains_fen = excluded.gains_fen, spent_fen = excluded.spent_fen, balance_fen = excluded.balance_fen,
      updated_at = excluded.updated_at`.execute(tx)
  await sql`
    insert into fund_entries (tenant_id, id, community_id, unit_id, kind, amount_fen, balance_after_fen, project_id,
                              journal_id, occurred_on, memo)
    select ${tenantId}, v.id, ${communityId}, v.unit, v.kind, v.fen, v.after, v.project, ${meta.journalId},
           ${meta.occurredOn}::date, ${meta.memo}
      from unnest(${plainArray(entries.id)}::uuid[], ${plainArray(entries.unit)}::uuid[], ${textArray(entries.kind)}::text[],
                  ${plainArray(entries.fen)}::bigint[], ${plainArray(entries.after)}::bigint[],
                  ${plainArray(entries.project)}::uuid[]) as v(id, unit, kind, fen, after, project)`.execute(
    tx,
  )
  return accounts
}

export interface FundTotalsRow {
  accounts: number
  firstDepositsFen: number
  depositedFen: number
  gainsFen: number
  spentFen: number
  balanceFen: number
  topUpUnits: number
}

/** The community's fund in figures, summed over its sub-accounts. */
export async function fundTotals(tx: Tx, tenantId: string, communityId: string): Promise<FundTotalsRow> {
  const { rows } = await sql<{
    accounts: string
    first: string
    deposited: string
    gains: string
    spent: string
    balance: string
    top_up: string
  }>`
    select count(*) as accounts, coalesce(sum(first_deposit_fen), 0) as first,
           coalesce(sum(deposited_fen), 0) as deposited, coalesce(sum(gains_fen), 0) as gains,
           coalesce(sum(spent_fen), 0) as spent, coalesce(sum(balance_fen), 0) as balance,
           count(*) filter (where first_deposit_fen > 0 and balance_fen * 100 < first_deposit_fen * ${TOP_UP_PERCENT}) as top_up
      from fund_unit_accounts where tenant_id = ${tenantId} and community_id = ${communityId}`.execute(tx)
  const r = rows[0]!
  return {
    accounts: Number(r.accounts),
    firstDepositsFen: Number(r.first),
    depositedFen: Number(r.deposited),
    gainsFen: Number(r.gains),
    spentFen: Number(r.spent),
    balanceFen: Number(r.balance),
    topUpUnits: Number(r.top_up),
  }
}

/**
 * A published fund statement is what the owners were shown for its period: nothing may be dated on or
 * before its last day afterwards (a late interest notice is booked on the day it is entered).
 */
export async function refusePublishedFundPeriod(tx: Tx, tenantId: string, communityId: string, date: string) {
  const last = await tx
    .selectFrom('disclosure_items')
    .select((eb) => eb.fn.max('period_to').as('to'))
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('type', '=', 'fund_statement')
    .where('status', '!=', 'draft')
    .executeTakeFirst()
  const to = last?.to ?? null
  if (to !== null && date <= to) throw conflict('DISCLOSURE_FUND_PERIOD_PUBLISHED', { to })
}
