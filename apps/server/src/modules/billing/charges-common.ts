import { sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import { conflict, invalid, notFound } from '../../platform/errors'
import { type BillingUnit, billingUnits, communityFacts } from '../estate/published'
import { type StandardForDraft, standardFor } from './bill-drafts'
import { type DraftToIssue, type IssuedBill, issueBills } from './bill-issuer'
import { markCollectionDirty } from './collection-rollup'
import { settingsOf } from './fee-config-service'
import { type Month, payerForMonth, type RoundingMode } from './fee-math'
import { settlePrepaid } from './prepaid-settlement'
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

export type Tx = Transaction<BillingTables>
export type Input<T extends z.ZodType> = z.output<T>

// ── shared helpers ──────────────────────────────────────────────────────────────────────────────────

export type ItemKind = 'metered' | 'shared' | 'one_off' | 'deposit' | 'late_fee'
export const WRONG_KIND: Record<ItemKind, string> = {
  late_fee: 'BILLING_LATE_FEE_ITEM_NOT_LATE_FEE',
  metered: 'BILLING_METER_ITEM_NOT_METERED',
  shared: 'BILLING_SHARED_ITEM_NOT_SHARED',
  one_off: 'BILLING_CHARGE_ITEM_NOT_ONE_OFF',
  deposit: 'BILLING_DEPOSIT_ITEM_NOT_DEPOSIT',
}

export interface ItemRow {
  id: string
  name: string
  kind: string
  area_basis: string
  active: boolean
}

/** A fee item of the community of the given kind; 404 when it is not the community's. */
export async function requireItem(
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
export async function standardIn(
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

export const UNIT_PAGE = 2000

/** Every unit of the community with its billing facts on the first day of `month`. */
export async function communityUnits(
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
export const payerOf = (unit: Pick<BillingUnit, 'sold' | 'deliveredOn'>, month: Month) =>
  payerForMonth(unit.sold ? unit.deliveredOn : null, month)

/** Delivery and sale of a few units (the facts payerOf needs), without reading the whole community. */
export async function unitPayerFacts(tx: Tx, tenantId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return new Map<string, Pick<BillingUnit, 'sold' | 'deliveredOn'>>()
  // The unit's delivery date, else the community's (as billingUnits reads it).
  const { rows } = await sql<{ id: string; delivered_on: string | null; sold: boolean }>`
    select u.id, to_char(coalesce(u.delivery_date, c.delivery_date), 'YYYY-MM-DD') as delivered_on, u.sold
      from units u join communities c on c.tenant_id = u.tenant_id and c.id = u.community_id
     where u.tenant_id = ${tenantId} and u.id = any(${[...new Set(unitIds)]}::uuid[])`.execute(tx)
  return new Map(rows.map((r) => [r.id, { deliveredOn: r.delivered_on, sold: r.sold }]))
}

export async function timeZoneOf(tx: Tx, tenantId: string, communityId: string): Promise<string> {
  const facts = await communityFacts(tx, tenantId, communityId)
  if (!facts) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return facts.timeZone
}

/**
 * Issues the drafts under `journalKey` (a key never used before: issueBills would skip an existing key's
 * journal while writing the bills), settles prepaid balances against them and marks the collection figures.
 */
export async function issueCharges(
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

export const oneMonth = (month: Month) => ({ periodStart: month, periodEnd: month })
