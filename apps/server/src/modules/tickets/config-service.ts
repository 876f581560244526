import {
  type SlaPolicy,
  type SlaPolicyInput,
  type TicketCategory,
  type TicketCategoryInput,
  type TicketKind,
  type TicketPriority,
  TicketSettings,
} from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import { writeAudit } from '../../platform/audit'
import { AppError, conflict, invalid, notFound } from '../../platform/errors'
import { inTenant, type RequestContext } from '../../platform/http/context'
import { uuidv7 } from '../../platform/ids'
import { communityInScope, companyWide } from '../estate/published'
import { forgetTenant } from './read-cache'
import { calendarProblems } from './sla-clock'
import { defaultTargets, type SlaTargets } from './sla-defaults'
import type { TicketTables } from './tables'

type Tx = Transaction<TicketTables>

/** Runs a configuration write, then drops this company's cached reads (read-cache.ts). */
async function forgettingAfter<T>(ctx: RequestContext, write: Promise<T>): Promise<T> {
  const result = await write
  if (ctx.actor?.tenantId) forgetTenant(ctx.actor.tenantId)
  return result
}

// ── categories ──────────────────────────────────────────────────────────────────────────────────────

type CategoryRow = {
  id: string
  parent_id: string | null
  code: string
  name: string
  kinds: string[]
  active: boolean
  sort: number
}
const categoryOf = (r: CategoryRow): TicketCategory => ({
  id: r.id,
  parentId: r.parent_id,
  code: r.code,
  name: r.name,
  kinds: r.kinds as TicketKind[],
  active: r.active,
  sort: r.sort,
})

export async function categoriesOf(tx: Tx, tenantId: string, onlyActive = false): Promise<TicketCategory[]> {
  let query = tx
    .selectFrom('ticket_categories')
    .select(['id', 'parent_id', 'code', 'name', 'kinds', 'active', 'sort'])
    .where('tenant_id', '=', tenantId)
  if (onlyActive) query = query.where('active', '=', true)
  const rows = await query.orderBy('sort').orderBy('code').execute()
  return rows.map(categoryOf)
}

export const listCategories = (ctx: RequestContext, onlyActive = false) =>
  inTenant<TicketTables, TicketCategory[]>(ctx, (tx, tenantId) => categoriesOf(tx, tenantId, onlyActive))

export function createCategory(
  ctx: RequestContext,
  input: TicketCategoryInput & { parentId: string | null },
) {
  return forgettingAfter(
    ctx,
    inTenant<TicketTables, TicketCategory>(ctx, async (tx, tenantId) => {
      requireCompanyWide(ctx)
      if (input.parentId) await requireCategory(tx, tenantId, input.parentId)
      const row = await tx
        .insertInto('ticket_categories')
        .values({
          tenant_id: tenantId,
          id: uuidv7(),
          parent_id: input.parentId,
          code: input.code,
          name: input.name,
          kinds: input.kinds,
          active: input.active ?? true,
          sort: input.sort ?? 0,
        })
        .onConflict((c) => c.columns(['tenant_id', 'code']).doNothing())
        .returning(['id', 'parent_id', 'code', 'name', 'kinds', 'active', 'sort'])
        .executeTakeFirst()
      if (!row) throw conflict('TICKET_CATEGORY_CODE_TAKEN', { code: input.code })
      await writeAudit(tx, ctx, tenantId, {
        action: 'ticket_category.create',
        entityType: 'ticket_category',
        entityId: row.id,
        after: row,
      })
      return categoryOf(row)
    }),
  )
}

export function updateCategory(ctx: RequestContext, id: string, patch: Partial<TicketCategoryInput>) {
  return forgettingAfter(
    ctx,
    inTenant<TicketTables, TicketCategory>(ctx, async (tx, tenantId) => {
      requireCompanyWide(ctx)
      const before = await requireCategory(tx, tenantId, id)
      if (patch.parentId) {
        if (patch.parentId === id) throw conflict('TICKET_CATEGORY_CYCLE')
        await requireCategory(tx, tenantId, patch.parentId)
        await refuseCycle(tx, tenantId, id, patch.parentId)
      }
      const row = await tx
        .updateTable('ticket_categories')
        .set({
          ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.kinds !== undefined ? { kinds: patch.kinds } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning(['id', 'parent_id', 'code', 'name', 'kinds', 'active', 'sort'])
        .executeTakeFirstOrThrow()
      await writeAudit(tx, ctx, tenantId, {
        action: 'ticket_category.update',
        entityType: 'ticket_category',
        entityId: id,
        before,
        after: row,
      })
      return categoryOf(row)
    }),
  )
}

async function requireCategory(tx: Tx, tenantId: string, id: string) {
  const row = await tx
    .selectFrom('ticket_categories')
    .select(['id', 'parent_id', 'code', 'name', 'kinds', 'active', 'sort'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw notFound('TICKET_CATEGORY_NOT_FOUND')
  return row
}

/** A category cannot move under its own descendant. */
async function refuseCycle(tx: Tx, tenantId: string, id: string, newParent: string) {
  const { rows } = await sql<{ id: string }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from ticket_categories where tenant_id = ${tenantId} and id = ${newParent}
      union all
      select c.id, c.parent_id, up.depth + 1 from ticket_categories c join up on c.id = up.parent_id
       where c.tenant_id = ${tenantId} and up.depth < 50)
    select id from up where id = ${id}`.execute(tx)
  if (rows.length > 0) throw conflict('TICKET_CATEGORY_CYCLE')
}

// ── SLA policies ────────────────────────────────────────────────────────────────────────────────────

type PolicyRow = TicketTables['sla_policies']
const policyOf = (r: Omit<PolicyRow, 'created_at' | 'tenant_id'>): SlaPolicy => ({
  id: r.id,
  communityId: r.community_id,
  categoryId: r.category_id,
  priority: r.priority as TicketPriority,
  responseMinutes: r.response_minutes,
  arrivalMinutes: r.arrival_minutes,
  resolutionMinutes: r.resolution_minutes,
  clockMode: r.clock_mode,
})
const POLICY_COLUMNS = [
  'id',
  'community_id',
  'category_id',
  'priority',
  'response_minutes',
  'arrival_minutes',
  'resolution_minutes',
  'clock_mode',
] as const

export function listPolicies(ctx: RequestContext, communityId: string | undefined) {
  return inTenant<TicketTables, SlaPolicy[]>(ctx, async (tx, tenantId) => {
    let query = tx.selectFrom('sla_policies').select(POLICY_COLUMNS).where('tenant_id', '=', tenantId)
    if (communityId) {
      await requireCommunity(ctx, tx, tenantId, communityId, 'tickets.read')
      query = query.where((eb) =>
        eb.or([eb('community_id', '=', communityId), eb('community_id', 'is', null)]),
      )
    } else if (!companyWide(actorOf(ctx), 'tickets.read')) {
      // Without a community, only the company defaults: other communities' rules are not the caller's.
      query = query.where('community_id', 'is', null)
    }
    const rows = await query.orderBy('community_id').orderBy('category_id').orderBy('priority').execute()
    return rows.map(policyOf)
  })
}

/** Creates the policy, or replaces the one with the same community, category and priority. */
export function upsertPolicy(ctx: RequestContext, input: Required<SlaPolicyInput>) {
  return forgettingAfter(
    ctx,
    inTenant<TicketTables, SlaPolicy>(ctx, async (tx, tenantId) => {
      if (input.communityId) await requireCommunity(ctx, tx, tenantId, input.communityId)
      else requireCompanyWide(ctx)
      if (input.categoryId) await requireCategory(tx, tenantId, input.categoryId)
      const existing = await samePolicy(tx, tenantId, input)
      const values = {
        response_minutes: input.responseMinutes,
        arrival_minutes: input.arrivalMinutes,
        resolution_minutes: input.resolutionMinutes,
        clock_mode: input.clockMode,
      }
      const row = existing
        ? await tx
            .updateTable('sla_policies')
            .set(values)
            .where('tenant_id', '=', tenantId)
            .where('id', '=', existing.id)
            .returning(POLICY_COLUMNS)
            .executeTakeFirstOrThrow()
        : await tx
            .insertInto('sla_policies')
            .values({
              tenant_id: tenantId,
              id: uuidv7(),
              community_id: input.communityId,
              category_id: input.categoryId,
              priority: input.priority,
              ...values,
            })
            .returning(POLICY_COLUMNS)
            .executeTakeFirstOrThrow()
      await writeAudit(tx, ctx, tenantId, {
        action: existing ? 'sla_policy.update' : 'sla_policy.create',
        entityType: 'sla_policy',
        entityId: row.id,
        before: existing ?? null,
        after: row,
      })
      return policyOf(row)
    }),
  )
}

function samePolicy(tx: Tx, tenantId: string, input: Required<SlaPolicyInput>) {
  return tx
    .selectFrom('sla_policies')
    .select(POLICY_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('priority', '=', input.priority)
    .where((eb) =>
      input.communityId ? eb('community_id', '=', input.communityId) : eb('community_id', 'is', null),
    )
    .where((eb) =>
      input.categoryId ? eb('category_id', '=', input.categoryId) : eb('category_id', 'is', null),
    )
    .executeTakeFirst()
}

export function deletePolicy(ctx: RequestContext, id: string) {
  return forgettingAfter(
    ctx,
    inTenant<TicketTables, { ok: true }>(ctx, async (tx, tenantId) => {
      const target = await tx
        .selectFrom('sla_policies')
        .select('community_id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst()
      if (!target) throw notFound('TICKET_POLICY_NOT_FOUND')
      if (target.community_id === null) requireCompanyWide(ctx)
      else
        await requireCommunity(ctx, tx, tenantId, target.community_id).catch(() => {
          throw notFound('TICKET_POLICY_NOT_FOUND')
        })
      const row = await tx
        .deleteFrom('sla_policies')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning(POLICY_COLUMNS)
        .executeTakeFirst()
      if (!row) throw notFound('TICKET_POLICY_NOT_FOUND')
      await writeAudit(tx, ctx, tenantId, {
        action: 'sla_policy.delete',
        entityType: 'sla_policy',
        entityId: id,
        before: row,
      })
      return { ok: true as const }
    }),
  )
}

/**
 * The targets for a new ticket: the most specific policy (community and category, then community, then
 * category, then the company default) for its priority, else the built-in defaults of the domain file.
 */
export async function resolveTargets(
  tx: Tx,
  tenantId: string,
  ticket: { communityId: string; categoryId: string; kind: TicketKind; priority: TicketPriority },
  serviceGrade: 1 | 2 | 3,
): Promise<SlaTargets> {
  const row = await tx
    .selectFrom('sla_policies')
    .select(['response_minutes', 'arrival_minutes', 'resolution_minutes', 'clock_mode'])
    .where('tenant_id', '=', tenantId)
    .where('priority', '=', ticket.priority)
    .where((eb) => eb.or([eb('community_id', '=', ticket.communityId), eb('community_id', 'is', null)]))
    .where((eb) => eb.or([eb('category_id', '=', ticket.categoryId), eb('category_id', 'is', null)]))
    .orderBy(sql`community_id is null`)
    .orderBy(sql`category_id is null`)
    .limit(1)
    .executeTakeFirst()
  if (!row) return defaultTargets(ticket.kind, ticket.priority, serviceGrade)
  return {
    responseMinutes: row.response_minutes,
    arrivalMinutes: row.arrival_minutes,
    resolutionMinutes: row.resolution_minutes,
    clockMode: row.clock_mode,
  }
}

// ── per-community settings ──────────────────────────────────────────────────────────────────────────

export async function settingsOf(tx: Tx, tenantId: string, communityId: string): Promise<TicketSettings> {
  const row = await tx
    .selectFrom('ticket_settings')
    .select('settings')
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .executeTakeFirst()
  // Stored settings are parsed again: a field added later gets its default.
  return TicketSettings.parse(row?.settings ?? {})
}

export function getSettings(ctx: RequestContext, communityId: string) {
  return inTenant<TicketTables, TicketSettings>(ctx, async (tx, tenantId) => {
    await requireCommunity(ctx, tx, tenantId, communityId, 'tickets.read')
    return settingsOf(tx, tenantId, communityId)
  })
}

export function putSettings(ctx: RequestContext, communityId: string, settings: TicketSettings) {
  return forgettingAfter(
    ctx,
    inTenant<TicketTables, TicketSettings>(ctx, async (tx, tenantId) => {
      await requireCommunity(ctx, tx, tenantId, communityId)
      const before = await settingsOf(tx, tenantId, communityId)
      refuseBadBusinessHours(settings)
      const levels = settings.escalation.map((s) => s.level)
      if (new Set(levels).size !== levels.length) throw conflict('TICKET_ESCALATION_LEVELS')
      await tx
        .insertInto('ticket_settings')
        .values({ tenant_id: tenantId, community_id: communityId, settings: JSON.stringify(settings) })
        .onConflict((c) =>
          c
            .columns(['tenant_id', 'community_id'])
            .doUpdateSet({ settings: JSON.stringify(settings), updated_at: new Date() }),
        )
        .execute()
      await writeAudit(tx, ctx, tenantId, {
        action: 'ticket_settings.update',
        entityType: 'community',
        entityId: communityId,
        before,
        after: settings,
      })
      return settings
    }),
  )
}

/** The company-wide rules (the category tree, default policies) are for whoever configures the whole company. */
function requireCompanyWide(ctx: RequestContext): void {
  if (!companyWide(actorOf(ctx), 'tickets.configure'))
    throw new AppError(403, 'TICKET_COMPANY_SCOPE_REQUIRED')
}

const actorOf = (ctx: RequestContext) => {
  if (!ctx.actor) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return ctx.actor
}

/** Hours that every business-time clock of the community could not count with are refused, not stored. */
function refuseBadBusinessHours(settings: TicketSettings): void {
  const problems = calendarProblems({
    timeZone: 'UTC', // the community's own zone is checked where it is set
    days: settings.businessDays,
    start: settings.businessStart,
    end: settings.businessEnd,
    holidays: settings.holidays,
    workdays: settings.workdays,
  })
  if (problems.length > 0) throw invalid('TICKET_BUSINESS_HOURS_INVALID', {}, { problems })
}

async function requireCommunity(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  communityId: string,
  permission: 'tickets.configure' | 'tickets.read' = 'tickets.configure',
) {
  if (!ctx.actor) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  const community = await communityInScope(tx, ctx.actor, tenantId, communityId, permission)
  if (!community) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return community
}
