import {
  BillingSettings,
  type FeeItem,
  type FeeItemInput,
  type FeeStandard,
  type FeeStandardInput,
  type Permission,
} from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import { writeAudit } from '../../platform/audit'
import { conflict, invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { communityInScope, inScope } from '../estate/published'
import { formatRate, parseRate } from './fee-math'
import type { BillingTables } from './tables'

type Tx = Transaction<BillingTables>

/** The community, when the caller's `permission` covers all of it; 404 otherwise (no existence leak). */
export async function requireCommunity(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  communityId: string,
  permission: Permission,
) {
  const community = await communityInScope(tx, actorOf(ctx), tenantId, communityId, permission)
  if (!community) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return community
}

type StandardRow = BillingTables['fee_standards']
const standardOf = (r: Omit<StandardRow, 'tenant_id' | 'created_by' | 'created_at'> & { created_at: Date }) =>
  ({
    id: r.id,
    feeItemId: r.fee_item_id,
    effectiveFrom: r.effective_from.slice(0, 7),
    rate: formatRate(BigInt(r.rate_e4)),
    rounding: r.rounding as FeeStandard['rounding'],
    vacancy: (r.vacancy as FeeStandard['vacancy']) ?? null,
    createdAt: r.created_at.toISOString(),
  }) satisfies FeeStandard

type ItemRow = Omit<BillingTables['fee_items'], 'tenant_id' | 'created_at' | 'sort' | 'active'> & {
  sort: number
  active: boolean
}
const itemOf = (r: ItemRow, standards: FeeStandard[]): FeeItem => ({
  id: r.id,
  communityId: r.community_id,
  code: r.code,
  name: r.name,
  kind: r.kind as FeeItem['kind'],
  cycle: r.cycle as FeeItem['cycle'],
  areaBasis: r.area_basis as FeeItem['areaBasis'],
  sort: r.sort,
  active: r.active,
  lateFee: (r.late_fee as FeeItem['lateFee']) ?? null,
  standards,
})
const ITEM_COLUMNS = [
  'id',
  'community_id',
  'code',
  'name',
  'kind',
  'cycle',
  'area_basis',
  'sort',
  'active',
  'late_fee',
] as const

/** A community's fee items with their standards, oldest standard first. */
export async function feeItemsOf(tx: Tx, tenantId: string, communityId: string): Promise<FeeItem[]> {
  const items = await tx
    .selectFrom('fee_items')
    .select(ITEM_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .orderBy('sort')
    .orderBy('code')
    .execute()
  if (items.length === 0) return []
  const standards = await tx
    .selectFrom('fee_standards')
    .select(['id', 'fee_item_id', 'effective_from', 'rate_e4', 'rounding', 'vacancy', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where(
      'fee_item_id',
      'in',
      items.map((i) => i.id),
    )
    .orderBy('effective_from')
    .execute()
  return items.map((item) => itemOf(item, standards.filter((s) => s.fee_item_id === item.id).map(standardOf)))
}

export const listFeeItems = (ctx: RequestContext, communityId: string) =>
  inTenant<BillingTables, FeeItem[]>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, communityId, 'billing.read')
    return feeItemsOf(tx, tenantId, communityId)
  })

async function requireItem(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  id: string,
  permission: Permission,
) {
  const row = await tx
    .selectFrom('fee_items')
    .select(ITEM_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where(inScope(actorOf(ctx), permission, { community: 'community_id' }, { wholeCommunity: true }))
    .executeTakeFirst()
  if (!row) throw notFound('BILLING_FEE_ITEM_NOT_FOUND')
  return row
}

export const createFeeItem = (ctx: RequestContext, input: z.output<typeof FeeItemInput>) =>
  inTenant<BillingTables, FeeItem>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, input.communityId, 'billing.configure')
    refuseLateFeeTerms(input.kind, input.name, input.lateFee)
    const row = await tx
      .insertInto('fee_items')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        community_id: input.communityId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        cycle: input.cycle,
        area_basis: input.areaBasis,
        sort: input.sort,
        active: input.active,
        late_fee: input.lateFee === null ? null : JSON.stringify(input.lateFee),
      })
      .onConflict((c) => c.columns(['tenant_id', 'community_id', 'code']).doNothing())
      .returning(ITEM_COLUMNS)
      .executeTakeFirst()
    if (!row) throw conflict('BILLING_FEE_ITEM_CODE_TAKEN', { code: input.code })
    await writeAudit(tx, ctx, tenantId, {
      action: 'fee_item.create',
      entityType: 'fee_item',
      entityId: row.id,
      after: row,
    })
    return itemOf(row, [])
  })

/** A deposit is no debt and a late fee bears none: neither carries late-fee terms. */
function refuseLateFeeTerms(kind: string, name: string, lateFee: unknown) {
  if (lateFee !== null && (kind === 'deposit' || kind === 'late_fee'))
    throw invalid('BILLING_LATE_FEE_NOT_ALLOWED', { name })
}

export type FeeItemPatch = Partial<
  Pick<z.output<typeof FeeItemInput>, 'name' | 'sort' | 'active' | 'lateFee'>
>

export const updateFeeItem = (ctx: RequestContext, id: string, patch: FeeItemPatch) =>
  inTenant<BillingTables, FeeItem>(ctx, async (tx, tenantId) => {
    const before = await requireItem(ctx, tx, tenantId, id, 'billing.configure')
    refuseLateFeeTerms(before.kind, patch.name ?? before.name, patch.lateFee ?? null)
    const row = await tx
      .updateTable('fee_items')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.lateFee !== undefined
          ? { late_fee: patch.lateFee === null ? null : JSON.stringify(patch.lateFee) }
          : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returning(ITEM_COLUMNS)
      .executeTakeFirstOrThrow()
    await writeAudit(tx, ctx, tenantId, {
      action: 'fee_item.update',
      entityType: 'fee_item',
      entityId: id,
      before,
      after: row,
    })
    const [item] = (await feeItemsOf(tx, tenantId, row.community_id)).filter((i) => i.id === id)
    return item!
  })

/**
 * A new rate from a month on. Standards are never edited: bills already issued keep theirs, and a month
 * that already has bills of this item cannot get a different standard.
 */
export const addStandard = (
  ctx: RequestContext,
  feeItemId: string,
  input: z.output<typeof FeeStandardInput>,
) =>
  inTenant<BillingTables, FeeStandard>(ctx, async (tx, tenantId) => {
    const item = await requireItem(ctx, tx, tenantId, feeItemId, 'billing.configure')
    // A late fee is computed from each item's contract terms, never from a rate of its own.
    if (item.kind === 'late_fee') throw invalid('BILLING_LATE_FEE_NO_STANDARD', { name: item.name })
    const effectiveFrom = `${input.effectiveFrom}-01`
    const { rows: billed } = await sql<{ n: string }>`
      select count(*) as n from bills
       where tenant_id = ${tenantId} and fee_item_id = ${feeItemId} and period_end >= ${effectiveFrom}::date`.execute(
      tx,
    )
    if (Number(billed[0]?.n ?? 0) > 0)
      throw conflict('BILLING_STANDARD_MONTH_BILLED', { month: input.effectiveFrom })
    const row = await tx
      .insertInto('fee_standards')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        fee_item_id: item.id,
        effective_from: effectiveFrom,
        rate_e4: parseRate(input.rate).toString(),
        rounding: input.rounding,
        vacancy: input.vacancy === null ? null : JSON.stringify(input.vacancy),
        created_by: ctx.actor?.userId ?? null,
      })
      .onConflict((c) => c.columns(['tenant_id', 'fee_item_id', 'effective_from']).doNothing())
      .returning(['id', 'fee_item_id', 'effective_from', 'rate_e4', 'rounding', 'vacancy', 'created_at'])
      .executeTakeFirst()
    if (!row) throw conflict('BILLING_STANDARD_EXISTS', { month: input.effectiveFrom })
    await writeAudit(tx, ctx, tenantId, {
      action: 'fee_standard.create',
      entityType: 'fee_item',
      entityId: item.id,
      after: row,
    })
    return standardOf(row)
  })

// ── settings ────────────────────────────────────────────────────────────────────────────────────────

export async function settingsOf(tx: Tx, tenantId: string, communityId: string): Promise<BillingSettings> {
  const row = await tx
    .selectFrom('billing_settings')
    .select('settings')
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .executeTakeFirst()
  return BillingSettings.parse(row?.settings ?? {})
}

export const getSettings = (ctx: RequestContext, communityId: string) =>
  inTenant<BillingTables, BillingSettings>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, communityId, 'billing.read')
    return settingsOf(tx, tenantId, communityId)
  })

export const putSettings = (ctx: RequestContext, communityId: string, settings: BillingSettings) =>
  inTenant<BillingTables, BillingSettings>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, communityId, 'billing.configure')
    const before = await settingsOf(tx, tenantId, communityId)
    await tx
      .insertInto('billing_settings')
      .values({ tenant_id: tenantId, community_id: communityId, settings: JSON.stringify(settings) })
      .onConflict((c) =>
        c
          .columns(['tenant_id', 'community_id'])
          .doUpdateSet({ settings: JSON.stringify(settings), updated_at: new Date() }),
      )
      .execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'billing_settings.update',
      entityType: 'community',
      entityId: communityId,
      before,
      after: settings,
    })
    return settings
  })
