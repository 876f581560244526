import type { FeeItem } from '@meihao/contracts'
import type { Transaction } from 'kysely'
import { conflict } from '../../platform/errors'
import { uuidv7 } from '../../platform/ids'
import { feeItemsOf } from './fee-config-service'
import type { AccountCode, Journal } from './ledger'
import { insertJournals } from './ledger-store'
import type { BillingTables } from './tables'

/**
 * What the billing region offers the other regions (DESIGN §3): the ledger for the owners' money (public
 * revenue 2241-PR, the maintenance fund 2241-MF), the resident app's message box, the fee items as
 * configured, and its exact arithmetic. Callers pass their own transaction, already set to the tenant.
 */
// biome-ignore lint/suspicious/noExplicitAny: any region's transaction; the functions type their own tables
type AnyTx = Transaction<any>
const billing = (tx: AnyTx) => tx as Transaction<BillingTables>

export { yuan } from './arrears-service'
export { splitByLargestRemainder } from './fee-math'
export {
  maintenanceFundDeposits,
  maintenanceFundGain,
  maintenanceFundSpent,
  publicRevenueCostPaid,
  publicRevenueReceived,
  publicRevenueToFund,
  publicRevenueUsed,
  reversalOf,
  type UnitFen,
} from './ledger'

/** The accounts the owners' money moves between: the bank, the till, online clearing, and the two liabilities. */
const OWNERS_MONEY: readonly AccountCode[] = ['1001', '1002', '1012', '2241-PR', '2241-MF']

/**
 * Posts a journal of owners' money (`reversesId`: the journal id it reverses, built with reversalOf). The
 * caller keeps the balances that must not go negative under its own lock; the database checks that the
 * journal balances. Returns the journal id; a key already posted answers 409 BILLING_ALREADY_POSTED.
 */
export async function postOwnersMoney(
  tx: AnyTx,
  tenantId: string,
  journal: Journal,
  meta: { communityId: string; actorId: string | null; memo: string; reversesId?: string },
): Promise<string> {
  for (const line of journal.lines)
    if (!OWNERS_MONEY.includes(line.account)) throw new Error(`account ${line.account} is not owners' money`)
  const id = uuidv7()
  const written = await insertJournals(billing(tx), tenantId, [
    {
      id,
      journal,
      communityId: meta.communityId,
      unitId: null,
      actorId: meta.actorId,
      memo: meta.memo,
      reversesId: meta.reversesId ?? null,
    },
  ])
  if (!written.has(id)) throw conflict('BILLING_ALREADY_POSTED', { key: journal.key })
  return id
}

/** Fee items with their standards, as configured: the fee disclosure is read from here, never retyped. */
export const feeItemsForDisclosure = (tx: AnyTx, tenantId: string, communityId: string): Promise<FeeItem[]> =>
  feeItemsOf(billing(tx), tenantId, communityId)

export interface OwnerMessage {
  accountId: string
  unitId: string | null
  kind: string
  /** A message code of the i18n catalogs, rendered in the reader's language. */
  message: string
  params: Record<string, unknown>
  /** One message per key and account, however often the writer retries. */
  dedupeKey: string
}

/** Puts messages in owners' message boxes (the resident app's 消息). Returns how many were new. */
export async function postOwnerMessages(tx: AnyTx, tenantId: string, messages: readonly OwnerMessage[]) {
  let written = 0
  for (let i = 0; i < messages.length; i += 1000) {
    const result = await billing(tx)
      .insertInto('owner_messages')
      .values(
        messages.slice(i, i + 1000).map((m) => ({
          tenant_id: tenantId,
          id: uuidv7(),
          account_id: m.accountId,
          unit_id: m.unitId,
          kind: m.kind,
          message: m.message,
          params: JSON.stringify(m.params),
          dedupe_key: m.dedupeKey,
        })),
      )
      .onConflict((c) => c.columns(['tenant_id', 'account_id', 'dedupe_key']).doNothing())
      .executeTakeFirst()
    written += Number(result.numInsertedOrUpdatedRows ?? 0n)
  }
  return written
}
