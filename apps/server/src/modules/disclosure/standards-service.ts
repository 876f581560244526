import type { Completeness, Disclosure, FeeItem } from '@meihao/contracts'
import { writeAudit } from '../../platform/audit'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { feeItemsForDisclosure } from '../billing/published'
import { closedDecisionsOf } from '../governance/published'
import { type CommunityRules, localDate, rulesInScope } from './community-rules'
import { completeness } from './completeness'
import { currentBySource, itemView, loadItem, minDisplayDaysOf, publishVersion } from './items-service'
import type { DisclosureTables, Tx } from './tables'

// ── fee items and standards: read from billing, never retyped ───────────────────────────────────────

const FEE_SOURCE = 'fee_standards'

export interface FeeStandardsContent {
  items: {
    code: string
    name: string
    kind: FeeItem['kind']
    cycle: FeeItem['cycle']
    areaBasis: FeeItem['areaBasis']
    /** The standard in force on the day of publication, and when it took effect. */
    rate: string | null
    effectiveFrom: string | null
    lateFee: FeeItem['lateFee']
  }[]
}

/** What the fee disclosure says today: each active item with the standard in force this month. */
export async function feeStandardsContent(
  tx: Tx,
  tenantId: string,
  rules: CommunityRules,
): Promise<FeeStandardsContent> {
  const month = localDate(new Date(), rules.facts.timeZone).slice(0, 7)
  const items = await feeItemsForDisclosure(tx, tenantId, rules.facts.id)
  return {
    items: items
      .filter((i) => i.active && i.kind !== 'late_fee')
      .map((i) => {
        const inForce = i.standards.filter((s) => s.effectiveFrom <= month).at(-1) ?? null
        return {
          code: i.code,
          name: i.name,
          kind: i.kind,
          cycle: i.cycle,
          areaBasis: i.areaBasis,
          rate: inForce?.rate ?? null,
          effectiveFrom: inForce?.effectiveFrom ?? null,
          lateFee: i.lateFee,
        }
      }),
  }
}

/** Publishes the fee items and standards as billing holds them; a later run replaces the earlier version. */
export function publishFeeStandards(ctx: RequestContext, communityId: string) {
  return inTenant<DisclosureTables, Disclosure>(ctx, async (tx, tenantId) => {
    const actor = actorOf(ctx)
    const rules = await rulesInScope(tx, actor, tenantId, communityId, 'disclosure.manage')
    const content = await feeStandardsContent(tx, tenantId, rules)
    const previous = await currentBySource(tx, tenantId, rules.facts.id, FEE_SOURCE)
    const id = await publishVersion(tx, actor, tenantId, rules, {
      type: 'fee_standards',
      title: `${rules.facts.name} 收费项目及标准`,
      body: '',
      content,
      sourceRef: FEE_SOURCE,
      periodFrom: null,
      periodTo: null,
      attachments: [],
      minDisplayDays: minDisplayDaysOf(rules, 'fee_standards'),
      correctionNote: previous ? '收费标准已更新' : null,
      previous: previous ?? null,
    })
    await writeAudit(tx, ctx, tenantId, {
      action: 'disclosure.fee_standards',
      entityType: 'disclosure',
      entityId: id,
    })
    return itemView(await loadItem(tx, actor, tenantId, id, 'staff'), rules.facts.name)
  })
}

/** JSON with object keys sorted: jsonb gives keys back in its own order, so texts compare only this way. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )
}

// ── completeness ────────────────────────────────────────────────────────────────────────────────────

/**
 * Which required items the community is missing or late with, under its city's cadences. The fee item
 * counts as late when billing's standards no longer match what was published.
 */
export function communityCompleteness(ctx: RequestContext, communityId: string) {
  return inTenant<DisclosureTables, Completeness>(ctx, async (tx, tenantId) => {
    const rules = await rulesInScope(tx, actorOf(ctx), tenantId, communityId, 'disclosure.read')
    const today = localDate(new Date(), rules.facts.timeZone)
    const published = await tx
      .selectFrom('disclosure_items')
      .select(['type', 'period_to', 'source_ref', 'content'])
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', rules.facts.id)
      .where('status', '=', 'published')
      .execute()
    const decisions = await closedDecisionsOf(tx, tenantId, rules.facts.id)
    const lines = completeness({
      today,
      since: rules.since,
      graceDays: rules.profile.graceDays,
      cadences: rules.profile.cadences,
      published: published.map((p) => ({ type: p.type, periodTo: p.period_to, sourceRef: p.source_ref })),
      events: decisions.map((d) => ({
        type: 'assembly_decision' as const,
        ref: `decision:${d.id}`,
        title: d.title,
        on: localDate(d.closedAt, rules.facts.timeZone),
      })),
    })
    const fee = published.find((p) => p.source_ref === FEE_SOURCE)
    if (fee) {
      const now = canonicalJson(await feeStandardsContent(tx, tenantId, rules))
      const line = lines.find((l) => l.type === 'fee_standards')
      if (line && canonicalJson(fee.content) !== now) line.status = 'overdue'
    }
    const due = lines.filter((l) => l.status !== 'not_due')
    const ok = due.filter((l) => l.status === 'ok' || l.status === 'pending').length
    return {
      communityId: rules.facts.id,
      cityRule: rules.cityRule,
      asOf: today,
      scorePercent: due.length === 0 ? 100 : Math.floor((ok * 100) / due.length),
      lines,
    }
  })
}
