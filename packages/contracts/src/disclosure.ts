import { z } from 'zod'
import { Fen } from './billing'
import { AreaString, DateString, Id } from './common'

/**
 * The disclosure region's API shapes (民法典 943, 282, 283): the disclosure set per community, the
 * public-revenue ledger and the maintenance fund. Money is integer fen, areas decimal strings.
 */

export const DISCLOSURE_TYPES = [
  'service_items',
  'responsible_people',
  'quality_standards',
  'fee_standards',
  'performance_report',
  'fund_statement',
  'public_revenue_statement',
  'assembly_decision',
  'committee_decision',
  'budget_accounts',
  'audit',
  'handover_inspection',
  'notice',
] as const
export const DisclosureType = z.enum(DISCLOSURE_TYPES)
export type DisclosureType = z.infer<typeof DisclosureType>

/** Types the system writes from its own figures: typed in by nobody. */
export const GENERATED_TYPES: readonly DisclosureType[] = [
  'fee_standards',
  'fund_statement',
  'public_revenue_statement',
]

export const AttachmentInput = z.object({
  fileName: z.string().trim().min(1).max(200),
  contentType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  /** The file, base64; at most 5 MB once decoded. */
  dataBase64: z.string().min(1).max(7_000_000),
})
export const Attachment = z.object({
  sha256: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
})
export type Attachment = z.infer<typeof Attachment>

const Title = z.string().trim().min(1).max(200)
const Body = z.string().trim().max(20_000)

export const DisclosureInput = z
  .object({
    communityId: Id,
    type: DisclosureType.refine((t) => !GENERATED_TYPES.includes(t), 'validation.generatedType'),
    title: Title,
    body: Body.default(''),
    periodFrom: DateString.nullable().default(null),
    periodTo: DateString.nullable().default(null),
    /** The decision this publishes (assembly/committee decisions), so completeness can match it. */
    decisionId: Id.nullable().default(null),
    attachments: z.array(AttachmentInput).max(10).default([]),
    minDisplayDays: z.number().int().min(1).max(3650).nullable().default(null),
  })
  .refine((d) => !d.periodFrom || !d.periodTo || d.periodTo >= d.periodFrom, {
    path: ['periodTo'],
    message: 'validation.periodOrder',
  })
export type DisclosureInput = z.input<typeof DisclosureInput>

export const DisclosureDraftPatch = z.object({
  title: Title.optional(),
  body: Body.optional(),
  periodFrom: DateString.nullable().optional(),
  periodTo: DateString.nullable().optional(),
  attachments: z.array(AttachmentInput).max(10).optional(),
})

export const CorrectionInput = z.object({
  title: Title.optional(),
  body: Body.optional(),
  attachments: z.array(AttachmentInput).max(10).optional(),
  /** Why the published version was wrong: shown beside both versions. */
  note: z.string().trim().min(2).max(500),
})

export const DisclosureStatus = z.enum(['draft', 'published', 'superseded'])

export const Disclosure = z.object({
  id: Id,
  seriesId: Id,
  version: z.number().int(),
  communityId: Id,
  communityName: z.string(),
  type: DisclosureType,
  title: z.string(),
  body: z.string(),
  content: z.unknown().nullable(),
  sourceRef: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  attachments: z.array(Attachment),
  minDisplayDays: z.number().int(),
  status: DisclosureStatus,
  publishedAt: z.string().nullable(),
  displayUntil: z.string().nullable(),
  supersededAt: z.string().nullable(),
  correctionNote: z.string().nullable(),
  /** Earlier versions of the same item, newest first (on the detail only). */
  history: z.array(
    z.object({
      id: Id,
      version: z.number().int(),
      publishedAt: z.string().nullable(),
      correctionNote: z.string().nullable(),
    }),
  ),
})
export type Disclosure = z.infer<typeof Disclosure>

export const DisclosureListQuery = z.object({
  communityId: Id,
  type: DisclosureType.optional(),
  /** Staff only: drafts and superseded versions too. */
  all: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
})

export const CompletenessLine = z.object({
  type: DisclosureType,
  cadence: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('continuous') }),
    z.object({ kind: z.literal('periodic'), months: z.number().int() }),
    z.object({ kind: z.literal('event'), withinDays: z.number().int() }),
  ]),
  status: z.enum(['ok', 'pending', 'overdue', 'missing', 'not_due']),
  requiredThrough: z.string().nullable(),
  dueBy: z.string().nullable(),
  lastPeriodTo: z.string().nullable(),
  missingEvents: z.array(z.object({ ref: z.string(), title: z.string(), dueBy: z.string() })),
})
export const Completeness = z.object({
  communityId: Id,
  cityRule: z.string(),
  asOf: z.string(),
  /** Required lines that are ok, of all that are due (not_due excluded), in percent rounded down. */
  scorePercent: z.number().int(),
  lines: z.array(CompletenessLine),
})
export type Completeness = z.infer<typeof Completeness>

// ── settings ────────────────────────────────────────────────────────────────────────────────────────

export const CITY_RULE_CODES = ['national', 'shanghai', 'beijing', 'huzhou', 'hangzhou'] as const
export const FundRate = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,32}$/, 'validation.code'),
  name: z.string().trim().min(1).max(50),
  /** 元/m² of building area, in fen. */
  fenPerM2: Fen,
})
export const DisclosureSettingsInput = z.object({
  cityRule: z.enum(CITY_RULE_CODES).optional(),
  fundRates: z.array(FundRate).max(20).optional(),
  /** Building id → rate code. */
  buildingRates: z.record(Id, z.string()).optional(),
  publicPage: z.boolean().optional(),
})
export const DisclosureSettings = z.object({
  communityId: Id,
  cityRule: z.enum(CITY_RULE_CODES),
  cityRuleIsDefault: z.boolean(),
  allocation: z.string(),
  emergencyCapPercent: z.number().int().nullable(),
  fundRates: z.array(FundRate),
  buildingRates: z.record(z.string(), z.string()),
  publicPath: z.string().nullable(),
})
export type DisclosureSettings = z.infer<typeof DisclosureSettings>

// ── public revenue ──────────────────────────────────────────────────────────────────────────────────

export const REVENUE_SOURCES = [
  'lift_ads',
  'billboard_ads',
  'parking',
  'venue_rental',
  'telecom_rent',
  'other',
] as const
export const RevenueSource = z.enum(REVENUE_SOURCES)
const Summary = z.string().trim().min(2).max(500)
const Evidence = z.array(AttachmentInput).max(10).default([])

export const RevenueIncomeInput = z.object({
  communityId: Id,
  source: RevenueSource,
  amountFen: Fen,
  occurredOn: DateString,
  counterparty: z.string().trim().max(100).default(''),
  contractRef: z.string().trim().max(100).default(''),
  summary: Summary,
  evidence: Evidence,
})
export const RevenueCostInput = z.object({
  communityId: Id,
  amountFen: Fen,
  occurredOn: DateString,
  counterparty: z.string().trim().max(100).default(''),
  summary: Summary,
  /** Reasonable cost must be proven (解释 第14条): at least one invoice or contract. */
  evidence: z.array(AttachmentInput).min(1).max(10),
})
export const RevenueUseInput = z.object({
  communityId: Id,
  amountFen: Fen,
  occurredOn: DateString,
  summary: Summary,
  decisionId: Id,
  topicId: Id,
  evidence: Evidence,
})
export const RevenueReversalInput = z.object({ note: Summary })

export const RevenueEntry = z.object({
  id: Id,
  communityId: Id,
  kind: z.enum(['income', 'cost', 'to_fund', 'use']),
  source: RevenueSource.nullable(),
  amountFen: z.number().int(),
  /** + for income, − for costs, moves to the fund and uses; a reversal carries the opposite sign. */
  signedFen: z.number().int(),
  occurredOn: z.string(),
  /** Who the company contracted with; empty for owners, since a hirer may be a private person. */
  counterparty: z.string(),
  contractRef: z.string(),
  summary: z.string(),
  evidence: z.array(Attachment),
  decisionId: Id.nullable(),
  topicId: Id.nullable(),
  quarter: z.string().nullable(),
  reversesId: Id.nullable(),
  reversedBy: Id.nullable(),
  balanceFen: z.number().int(),
  createdAt: z.string(),
})
export type RevenueEntry = z.infer<typeof RevenueEntry>

export const RevenueLedger = z.object({
  communityId: Id,
  balanceFen: z.number().int(),
  incomeFen: z.number().int(),
  costFen: z.number().int(),
  toFundFen: z.number().int(),
  useFen: z.number().int(),
  entries: z.array(RevenueEntry),
  quarters: z.array(
    z.object({
      quarter: z.string(),
      incomeFen: z.number().int(),
      costFen: z.number().int(),
      netFen: z.number().int(),
      toFundFen: z.number().int(),
      closed: z.boolean(),
      disclosureId: Id.nullable(),
    }),
  ),
})
export type RevenueLedger = z.infer<typeof RevenueLedger>

export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'validation.quarter')
export const QuarterQuery = z.object({ communityId: Id, quarter: Quarter })
export const QuarterCloseInput = z.object({
  communityId: Id,
  quarter: Quarter,
  /** More than the city's minimum may go to the fund; null: exactly the minimum. */
  toFundFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().default(null),
})
export const QuarterPreview = z.object({
  communityId: Id,
  quarter: Quarter,
  from: z.string(),
  to: z.string(),
  incomeFen: z.number().int(),
  costFen: z.number().int(),
  netFen: z.number().int(),
  bySource: z.array(z.object({ source: RevenueSource, fen: z.number().int() })),
  rule: z.string(),
  minToFundFen: z.number().int(),
  /** The most that may move to the fund on the quarter's last day: the lowest balance from then on. */
  balanceFen: z.number().int(),
  fundFirstDepositsFen: z.number().int(),
  fundBalanceFen: z.number().int(),
  closed: z.boolean(),
  disclosureId: Id.nullable(),
})
export type QuarterPreview = z.infer<typeof QuarterPreview>

/**
 * The `content` of a generated `public_revenue_statement` (a closed quarter), as the server writes it once
 * and every reader shows it; entries carry no counterparty and evidence by file hash.
 */
export interface RevenueStatementContent {
  quarter: string
  from: string
  to: string
  incomeFen: number
  costFen: number
  netFen: number
  useFen: number
  bySource: Record<string, number>
  rule: string
  minToFundFen: number
  toFundFen: number
  openingFen: number
  closingFen: number
  entries: {
    date: string
    kind: string
    source: string | null
    signedFen: number
    summary: string
    evidence: string[]
  }[]
}

/** The `content` of a generated `fund_statement`: the period's movements, projects and every unit by code. */
export interface FundStatementContent {
  from: string
  to: string
  openingFen: number
  firstDepositFen: number
  depositFen: number
  gainFen: number
  publicRevenueFen: number
  spentFen: number
  closingFen: number
  firstDepositsTotalFen: number
  projects: {
    title: string
    emergencyCategory: string | null
    settledOn: string
    costFen: number
    units: number
    fromFundFen: number
    shortfallFen: number
  }[]
  units: { code: string; firstDepositFen: number; balanceFen: number; needsTopUp: boolean }[]
  /** Set on the notice board, where `units` is empty: a unit's balance is for the owners who sign in. */
  unitsWithheld?: true
}

// ── maintenance fund ────────────────────────────────────────────────────────────────────────────────

/** 上海 第73条 and the like: failures that may be repaired from the fund without a vote. */
export const EMERGENCY_CATEGORIES = [
  'water_supply',
  'lift_stopped',
  'fire_system',
  'facade_falling',
  'roof_leak',
  'other_safety',
] as const
export type EmergencyCategory = (typeof EMERGENCY_CATEGORIES)[number]

export const FundSummary = z.object({
  communityId: Id,
  units: z.number().int(),
  unitsWithAccount: z.number().int(),
  firstDepositsFen: z.number().int(),
  depositedFen: z.number().int(),
  /** 增值: interest and other gains and the public revenue moved in (movements tell them apart by kind). */
  gainsFen: z.number().int(),
  spentFen: z.number().int(),
  balanceFen: z.number().int(),
  topUpUnits: z.number().int(),
  emergencySpentFen: z.number().int(),
  emergencyRoomFen: z.number().int().nullable(),
})
export type FundSummary = z.infer<typeof FundSummary>

export const FundAccount = z.object({
  unitId: Id,
  unitCode: z.string(),
  buildingArea: AreaString,
  exclusiveArea: AreaString,
  firstDepositFen: z.number().int(),
  depositedFen: z.number().int(),
  /** Interest, other gains and public revenue moved in, as in FundSummary. */
  gainsFen: z.number().int(),
  spentFen: z.number().int(),
  balanceFen: z.number().int(),
  topUpLineFen: z.number().int(),
  needsTopUp: z.boolean(),
})
export type FundAccount = z.infer<typeof FundAccount>

export const FundEntry = z.object({
  id: Id,
  kind: z.enum(['first_deposit', 'deposit', 'gain', 'public_revenue', 'spend']),
  amountFen: z.number().int(),
  balanceAfterFen: z.number().int(),
  projectId: Id.nullable(),
  projectTitle: z.string().nullable(),
  occurredOn: z.string(),
  memo: z.string(),
})
/** A sub-account below the 30% line: since when, and what the city asks next (上海: decide in 90 days or top up to 50%). */
export const FundTopUp = z.object({
  /** The day the balance fell below the line (the movement that took it there). */
  since: DateString,
  /** Where the city sets a term: the owners decide on topping up by `decideBy`, else the balance must reach
   * `percent` of the first deposit (`targetFen`), `missingFen` short of it now. Null elsewhere. */
  term: z
    .object({
      decideBy: DateString,
      percent: z.number().int(),
      targetFen: z.number().int(),
      missingFen: z.number().int(),
    })
    .nullable(),
})
export type FundTopUp = z.infer<typeof FundTopUp>

export const FundAccountDetail = FundAccount.extend({
  communityId: Id,
  topUp: FundTopUp.nullable(),
  entries: z.array(FundEntry),
})
export type FundAccountDetail = z.infer<typeof FundAccountDetail>

export const FundAccountsQuery = z.object({
  communityId: Id,
  topUpOnly: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

export const FirstDepositInput = z.object({
  communityId: Id,
  /** Units to take the first deposit of; empty: every unit of the community that has none yet. */
  unitIds: z.array(Id).max(100_000).default([]),
  occurredOn: DateString,
})
export const GainInput = z.object({
  communityId: Id,
  amountFen: Fen,
  occurredOn: DateString,
  memo: z.string().trim().min(2).max(200),
})
/** A further deposit (续筹) into one unit's sub-account, e.g. after a top-up notice. */
export const FundDepositInput = z.object({
  unitId: Id,
  amountFen: Fen,
  occurredOn: DateString,
  memo: z.string().trim().min(2).max(200),
})
export const FundBatchResult = z.object({
  units: z.number().int(),
  totalFen: z.number().int(),
  journalId: Id.nullable(),
})

export const FundProjectInput = z
  .object({
    communityId: Id,
    title: Title,
    description: Body.default(''),
    /** The benefiting units: whole buildings, single units, or both. */
    buildingIds: z.array(Id).max(500).default([]),
    unitIds: z.array(Id).max(100_000).default([]),
    costFen: Fen,
    emergencyCategory: z.enum(EMERGENCY_CATEGORIES).nullable().default(null),
    decisionId: Id.nullable().default(null),
    topicId: Id.nullable().default(null),
  })
  .refine((p) => p.buildingIds.length + p.unitIds.length > 0, {
    path: ['unitIds'],
    message: 'validation.required',
  })
  .refine((p) => (p.emergencyCategory === null) === (p.decisionId !== null && p.topicId !== null), {
    path: ['decisionId'],
    message: 'validation.fundApproval',
  })

export const ShareLine = z.object({
  unitId: Id,
  unitCode: z.string(),
  exclusiveArea: AreaString,
  developerHeld: z.boolean(),
  shareFen: z.number().int(),
  /** What the sub-account pays; the rest is the shortfall its owner (or the developer) pays in. */
  fromFundFen: z.number().int(),
  shortfallFen: z.number().int(),
  balanceFen: z.number().int(),
  balanceAfterFen: z.number().int(),
  needsTopUp: z.boolean(),
})
export const FundProject = z.object({
  id: Id,
  communityId: Id,
  title: z.string(),
  description: z.string(),
  buildingIds: z.array(Id),
  unitIds: z.array(Id),
  costFen: z.number().int(),
  emergencyCategory: z.string().nullable(),
  decisionId: Id.nullable(),
  topicId: Id.nullable(),
  status: z.enum(['planned', 'settled', 'cancelled']),
  settledAt: z.string().nullable(),
  createdAt: z.string(),
})
export type FundProject = z.infer<typeof FundProject>
export const Apportionment = z.object({
  project: FundProject,
  totalAreaHundredths: z.string(),
  fenPerM2: z.string(),
  units: z.number().int(),
  developerUnits: z.number().int(),
  developerFen: z.number().int(),
  shortfallUnits: z.number().int(),
  shortfallFen: z.number().int(),
  fromFundFen: z.number().int(),
  topUpUnits: z.number().int(),
  lines: z.array(ShareLine),
})
export type Apportionment = z.infer<typeof Apportionment>

export const StatementInput = z.object({ communityId: Id, periodFrom: DateString, periodTo: DateString })

// ── the resident app and the public page ────────────────────────────────────────────────────────────

export const MyFundAccounts = z.array(FundAccountDetail)
export const PublicCommunityPage = z.object({
  communityName: z.string(),
  items: z.array(Disclosure),
  revenue: z.object({
    balanceFen: z.number().int(),
    quarters: RevenueLedger.shape.quarters,
  }),
  fund: FundSummary.omit({ emergencyRoomFen: true }),
})
export type PublicCommunityPage = z.infer<typeof PublicCommunityPage>
export const PublicPageParams = z.object({
  tenantId: Id,
  token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'validation.token'),
})
