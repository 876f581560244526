import { sql, type Transaction } from 'kysely'
import { plainArray } from '../../platform/db/pg-arrays'
import { prepaidApplied } from './ledger'
import { lockUnitAccount, openBillsOfUnit, postUnitJournal, unitSlice } from './ledger-store'
import type { BillingTables } from './tables'

type Tx = Transaction<BillingTables>

/**
 * Prepaid balances settle new bills at once (oldest first): for each of `unitIds` holding a prepaid
 * balance, one journal Dr 2203 / Cr 1122 per bill, keyed by `keyPrefix` so a retried chunk posts it once.
 */
export async function settlePrepaid(
  tx: Tx,
  tenantId: string,
  communityId: string,
  unitIds: readonly string[],
  keyPrefix: string,
): Promise<number> {
  if (unitIds.length === 0) return 0
  const { rows } = await sql<{ unit_id: string }>`
    select unit_id from unit_accounts
     where tenant_id = ${tenantId} and unit_id = any(${plainArray(unitIds)}::uuid[]) and prepaid_fen > 0
     order by unit_id`.execute(tx)
  let settled = 0
  for (const { unit_id: unitId } of rows) {
    const balances = await lockUnitAccount(tx, tenantId, unitId, communityId)
    // The owner's prepayment settles the owner's bills, never the developer's.
    const ownerBills = (await openBillsOfUnit(tx, tenantId, unitId)).filter((b) => b.payer === 'owner')
    const slice = unitSlice(unitId, ownerBills, balances)
    const journal = prepaidApplied(slice, { key: `${keyPrefix}:prepaid:${unitId}`, unit: unitId })
    if (!journal) continue
    await postUnitJournal(tx, tenantId, slice, journal, {
      communityId,
      unitId,
      actorId: null,
      memo: 'prepaid settles new bills',
    })
    settled += 1
  }
  return settled
}
