import type {
  Disclosure,
  DisclosureSettings,
  DisclosureSettingsInput,
  FundStatementContent,
  PublicCommunityPage,
  RevenueStatementContent,
} from '@meihao/contracts'
import type { z } from 'zod'
import { writeAudit } from '../../platform/audit'
import { randomToken } from '../../platform/crypto/tokens'
import type { Database } from '../../platform/db/database'
import { withTenant } from '../../platform/db/tenancy'
import { invalid, notFound } from '../../platform/errors'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { communityBuildings } from '../estate/published'
import { CITY_PROFILES } from './city-rules'
import { lockCommunityBooks, rulesInScope, rulesOfCommunity, settingsView } from './community-rules'
import { summaryOf } from './fund-service'
import { itemView, selectItems } from './items-service'
import { ledgerOf, refuseRuleUncovered } from './revenue-service'
import type { DisclosureTables } from './tables'

export function getSettings(ctx: RequestContext, communityId: string) {
  return inTenant<DisclosureTables, DisclosureSettings>(ctx, async (tx, tenantId) =>
    settingsView(await rulesInScope(tx, actorOf(ctx), tenantId, communityId, 'disclosure.read'), tenantId),
  )
}

/**
 * Changes a community's overrides: its city rule, the fund's rate table and which rate each building
 * takes, and whether the notice-board page is on (turning it off and on again makes a new address).
 */
export function putSettings(
  ctx: RequestContext,
  communityId: string,
  input: z.output<typeof DisclosureSettingsInput>,
) {
  return inTenant<DisclosureTables, DisclosureSettings>(ctx, async (tx, tenantId) => {
    const rules = await rulesInScope(tx, actorOf(ctx), tenantId, communityId, 'disclosure.manage')
    const fundRates = input.fundRates ?? rules.stored.fundRates
    const codes = new Set(fundRates.map((r) => r.code))
    if (codes.size !== fundRates.length) throw invalid('DISCLOSURE_RATE_CODE_DUPLICATE')
    const buildingRates = input.buildingRates ?? rules.stored.buildingRates
    const buildings = new Set((await communityBuildings(tx, tenantId, rules.facts.id)).map((b) => b.id))
    for (const [buildingId, code] of Object.entries(buildingRates)) {
      if (!buildings.has(buildingId)) throw notFound('ESTATE_BUILDING_NOT_FOUND')
      if (!codes.has(code)) throw invalid('DISCLOSURE_RATE_UNKNOWN', { code })
    }
    const stored = {
      ...(input.cityRule !== undefined
        ? { cityRule: input.cityRule }
        : rules.cityRuleIsDefault
          ? {}
          : { cityRule: rules.cityRule }),
      fundRates,
      buildingRates,
    }
    const token =
      input.publicPage === undefined
        ? rules.publicToken
        : input.publicPage
          ? (rules.publicToken ?? randomToken(24))
          : null
    await lockCommunityBooks(tx, tenantId, rules.facts.id)
    if (input.cityRule !== undefined) {
      const allocation = CITY_PROFILES[input.cityRule].allocation
      if (allocation !== rules.profile.allocation)
        await refuseRuleUncovered(tx, tenantId, rules.facts.id, allocation)
    }
    await tx
      .updateTable('disclosure_settings')
      .set({ settings: JSON.stringify(stored), public_token: token, updated_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', rules.facts.id)
      .execute()
    await writeAudit(tx, ctx, tenantId, {
      action: 'disclosure.settings',
      entityType: 'community',
      entityId: rules.facts.id,
      before: { ...rules.stored, publicPage: rules.publicToken !== null },
      after: { ...stored, publicPage: token !== null },
    })
    return settingsView(await rulesOfCommunity(tx, tenantId, rules.facts.id), tenantId)
  })
}

/** Items that may go on the notice board: not the responsible people (their phones are for owners). */
const PUBLIC_TYPES_EXCLUDED = ['responsible_people'] as const

/**
 * A quarter's statement carries the entries' evidence (contracts, invoices) for the owners, who sign in
 * to read it; the notice board shows its figures only, since a contract may name a private person.
 */
const EVIDENCE_TYPES = ['public_revenue_statement'] as const
const isEvidenceType = (type: string) => (EVIDENCE_TYPES as readonly string[]).includes(type)

/**
 * An item as the notice board shows it. A statement's evidence is for the owners (see above); so is the
 * fund statement's line per unit: a room number with its balance tells a passer-by about that household.
 */
function asOnNoticeBoard(item: Disclosure): Disclosure {
  if (item.type === 'fund_statement') {
    const content = item.content as FundStatementContent
    return { ...item, content: { ...content, units: [], unitsWithheld: true } }
  }
  if (!isEvidenceType(item.type)) return item
  const content = item.content as Partial<RevenueStatementContent>
  return {
    ...item,
    attachments: [],
    content: {
      ...content,
      entries: (content.entries ?? []).map((e) => ({ ...e, evidence: [] })),
    },
  }
}

/**
 * The read-only notice-board page of a community, reached by its secret address without signing in:
 * published items, the public-revenue balance and quarters, the fund's totals. No personal data.
 */
export function publicPage(db: Database, tenantId: string, token: string): Promise<PublicCommunityPage> {
  return withTenant<DisclosureTables, PublicCommunityPage>(db, tenantId, async (tx) => {
    const link = await tx
      .selectFrom('disclosure_settings')
      .select('community_id')
      .where('tenant_id', '=', tenantId)
      .where('public_token', '=', token)
      .executeTakeFirst()
    if (!link) throw notFound('DISCLOSURE_PUBLIC_PAGE_NOT_FOUND')
    const rules = await rulesOfCommunity(tx, tenantId, link.community_id)
    const items = await selectItems(tx, tenantId)
      .where('community_id', '=', rules.facts.id)
      .where('status', '=', 'published')
      .where('type', 'not in', PUBLIC_TYPES_EXCLUDED)
      .orderBy('published_at', 'desc')
      .limit(200)
      .execute()
    const ledger = await ledgerOf(tx, tenantId, rules.facts.id)
    const { emergencyRoomFen: _room, ...fund } = await summaryOf(tx, tenantId, rules)
    return {
      communityName: rules.facts.name,
      items: items.map((r) => asOnNoticeBoard(itemView(r, rules.facts.name))),
      revenue: { balanceFen: ledger.balanceFen, quarters: ledger.quarters },
      fund,
    }
  })
}

/** An attachment of a published, public item of the page's community. */
export function publicAttachment(db: Database, tenantId: string, token: string, id: string, sha256: string) {
  return withTenant<DisclosureTables, { contentType: string }>(db, tenantId, async (tx) => {
    const row = await tx
      .selectFrom('disclosure_items as d')
      .innerJoin('disclosure_settings as s', (j) =>
        j.onRef('s.tenant_id', '=', 'd.tenant_id').onRef('s.community_id', '=', 'd.community_id'),
      )
      .select(['d.attachments'])
      .where('d.tenant_id', '=', tenantId)
      .where('d.id', '=', id)
      .where('s.public_token', '=', token)
      .where('d.status', '=', 'published')
      .where('d.type', 'not in', [...PUBLIC_TYPES_EXCLUDED, ...EVIDENCE_TYPES])
      .executeTakeFirst()
    const file = ((row?.attachments ?? []) as { sha256: string; contentType: string }[]).find(
      (a) => a.sha256 === sha256,
    )
    if (!file) throw notFound('DISCLOSURE_ATTACHMENT_NOT_FOUND')
    return { contentType: file.contentType }
  })
}
