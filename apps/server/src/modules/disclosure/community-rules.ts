import type { DisclosureSettings, Permission } from '@meihao/contracts'
import { z } from 'zod'
import type { Actor } from '../../platform/auth/actor'
import { notFound } from '../../platform/errors'
import { type CommunityFacts, communityFacts, communityInScope, communityLocale } from '../estate/published'
import { CITY_PROFILES, CITY_RULES, type CityProfile, type CityRule, cityRuleOf } from './city-rules'
import type { Tx } from './tables'

/** What a community's disclosure settings row holds (jsonb): overrides of its city's defaults. */
const StoredSettings = z.object({
  cityRule: z.enum(CITY_RULES).optional(),
  fundRates: z
    .array(z.object({ code: z.string(), name: z.string(), fenPerM2: z.number().int() }))
    .default([]),
  buildingRates: z.record(z.string(), z.string()).default({}),
})
export type StoredSettings = z.infer<typeof StoredSettings>

export interface CommunityRules {
  facts: CommunityFacts
  cityRule: CityRule
  cityRuleIsDefault: boolean
  profile: CityProfile
  stored: StoredSettings
  publicToken: string | null
  /** The first day disclosures are owed: the delivery date, else the day the community was registered. */
  since: string
}

/**
 * A community's facts, settings and city profile; 404 when it is not in the actor's scope for `permission`.
 * Reading needs a grant that reaches into the community (an owner of one unit reads its disclosures);
 * every write needs one that covers all of it.
 */
export async function rulesInScope(
  tx: Tx,
  actor: Actor,
  tenantId: string,
  communityId: string,
  permission: Permission,
): Promise<CommunityRules> {
  const partly = permission === 'resident.self' || permission === 'disclosure.read'
  const facts = await communityInScope(tx, actor, tenantId, communityId, permission, { partly })
  if (!facts) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return rulesOf(tx, tenantId, facts)
}

/** The same without a scope check: for the public page (the token is the key) and jobs. */
export async function rulesOfCommunity(
  tx: Tx,
  tenantId: string,
  communityId: string,
): Promise<CommunityRules> {
  const facts = await communityFacts(tx, tenantId, communityId)
  if (!facts) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  return rulesOf(tx, tenantId, facts)
}

async function rulesOf(tx: Tx, tenantId: string, facts: CommunityFacts): Promise<CommunityRules> {
  const [locale, row] = await Promise.all([
    communityLocale(tx, tenantId, facts.id),
    tx
      .selectFrom('disclosure_settings')
      .select(['settings', 'public_token'])
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', facts.id)
      .executeTakeFirst(),
  ])
  if (!locale) throw notFound('ESTATE_COMMUNITY_NOT_FOUND')
  const stored = StoredSettings.parse(row?.settings ?? {})
  const cityRule = stored.cityRule ?? cityRuleOf(locale.divisionCode)
  const since = locale.deliveryDate ?? localDate(locale.createdAt, facts.timeZone)
  return {
    facts,
    cityRule,
    cityRuleIsDefault: stored.cityRule === undefined,
    profile: CITY_PROFILES[cityRule],
    stored,
    publicToken: row?.public_token ?? null,
    since,
  }
}

/** A moment's business date in a time zone, 'YYYY-MM-DD'. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}

/**
 * Serialises every write to a community's public revenue and fund: the settings row, created on first use,
 * locked for the rest of the transaction. Balances are read after this lock, so none can go negative.
 */
export async function lockCommunityBooks(tx: Tx, tenantId: string, communityId: string): Promise<void> {
  await tx
    .insertInto('disclosure_settings')
    .values({ tenant_id: tenantId, community_id: communityId, settings: JSON.stringify({}) })
    .onConflict((c) => c.columns(['tenant_id', 'community_id']).doNothing())
    .execute()
  await tx
    .selectFrom('disclosure_settings')
    .select('community_id')
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .forUpdate()
    .executeTakeFirstOrThrow()
}

export function settingsView(rules: CommunityRules, tenantId: string): DisclosureSettings {
  return {
    communityId: rules.facts.id,
    cityRule: rules.cityRule,
    cityRuleIsDefault: rules.cityRuleIsDefault,
    allocation: rules.profile.allocation,
    emergencyCapPercent: rules.profile.emergencyCapPercent,
    fundRates: rules.stored.fundRates,
    buildingRates: rules.stored.buildingRates,
    publicPath: rules.publicToken ? publicPathOf(tenantId, rules.publicToken) : null,
  }
}

/** Where the notice-board page lives (the resident app renders it; the QR code encodes the full URL). */
export const publicPathOf = (tenantId: string, token: string) => `/public/${tenantId}/${token}`
