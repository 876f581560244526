import type {
  Apportionment,
  CITY_RULE_CODES,
  Completeness,
  Disclosure,
  DisclosureSettings,
  DisclosureType,
  FundAccount,
  FundAccountDetail,
  FundProject,
  FundSummary,
  Page,
  QuarterPreview,
  REVENUE_SOURCES,
  RevenueEntry,
  RevenueLedger,
} from '@meihao/contracts'
import { EMERGENCY_CATEGORIES, type EmergencyCategory } from '@meihao/contracts'
import { api } from './client'

/**
 * The disclosure region's API (公示, 公共收益, 专项维修资金): money is integer fen, areas decimal strings.
 * Request shapes mirror the contracts' inputs (packages/contracts/src/disclosure.ts).
 */

export type CityRule = (typeof CITY_RULE_CODES)[number]
export type RevenueSource = (typeof REVENUE_SOURCES)[number]
export type DisclosureStatus = Disclosure['status']
export type CompletenessLine = Completeness['lines'][number]
export type CompletenessStatus = CompletenessLine['status']
export type RevenueKind = RevenueEntry['kind']
export type RevenueQuarter = RevenueLedger['quarters'][number]
export type FundEntry = FundAccountDetail['entries'][number]
export type FundEntryKind = FundEntry['kind']
export type FundProjectStatus = FundProject['status']
export type ShareLine = Apportionment['lines'][number]
export type FundRate = DisclosureSettings['fundRates'][number]

export type { EmergencyCategory }
export { EMERGENCY_CATEGORIES }

/** A file sent with a disclosure or a ledger entry, base64 (at most 5 MB once decoded). */
export interface AttachmentUpload {
  fileName: string
  contentType: 'image/jpeg' | 'image/png' | 'application/pdf'
  dataBase64: string
}

export interface DisclosureDraftInput {
  communityId: string
  type: DisclosureType
  title: string
  body: string
  periodFrom: string | null
  periodTo: string | null
  decisionId: string | null
  attachments: AttachmentUpload[]
  minDisplayDays: number | null
}

/** Only the fields given change; `attachments` replaces the draft's files when present. */
export interface DisclosureDraftPatch {
  title?: string
  body?: string
  periodFrom?: string | null
  periodTo?: string | null
  attachments?: AttachmentUpload[]
}

export interface CorrectionRequest {
  title?: string
  body?: string
  attachments?: AttachmentUpload[]
  note: string
}

export interface SettingsChange {
  cityRule?: CityRule
  fundRates?: FundRate[]
  buildingRates?: Record<string, string>
  publicPage?: boolean
}

export interface IncomeRequest {
  communityId: string
  source: RevenueSource
  amountFen: number
  occurredOn: string
  counterparty: string
  contractRef: string
  summary: string
  evidence: AttachmentUpload[]
}

export interface CostRequest {
  communityId: string
  amountFen: number
  occurredOn: string
  counterparty: string
  summary: string
  evidence: AttachmentUpload[]
}

export interface UseRequest {
  communityId: string
  amountFen: number
  occurredOn: string
  summary: string
  decisionId: string
  topicId: string
  evidence: AttachmentUpload[]
}

export interface FundProjectRequest {
  communityId: string
  title: string
  description: string
  buildingIds: string[]
  unitIds: string[]
  costFen: number
  emergencyCategory: EmergencyCategory | null
  decisionId: string | null
  topicId: string | null
}

export interface FundBatchResult {
  units: number
  totalFen: number
  journalId: string | null
}

export const FUND_ACCOUNT_PAGE_SIZE = 100

const id = (value: string) => encodeURIComponent(value)

// ── the disclosure set ──

/** Every item of the community: drafts and superseded versions too (staff only), newest first. */
export const listDisclosures = (communityId: string) =>
  api.get<Disclosure[]>('/api/v1/disclosures', { communityId, all: true })

export const getDisclosure = (itemId: string) => api.get<Disclosure>(`/api/v1/disclosures/${id(itemId)}`)

export const createDisclosure = (input: DisclosureDraftInput) =>
  api.post<Disclosure>('/api/v1/disclosures', input)

export const updateDisclosure = (itemId: string, patch: DisclosureDraftPatch) =>
  api.patch<Disclosure>(`/api/v1/disclosures/${id(itemId)}`, patch)

export const publishDisclosure = (itemId: string) =>
  api.post<Disclosure>(`/api/v1/disclosures/${id(itemId)}/publish`)

export const correctDisclosure = (itemId: string, input: CorrectionRequest) =>
  api.post<Disclosure>(`/api/v1/disclosures/${id(itemId)}/correct`, input)

/** A file of an item, opened in a new tab (same origin: the session cookie comes along). */
export const disclosureAttachmentUrl = (itemId: string, sha256: string) =>
  `/api/v1/disclosures/${id(itemId)}/attachments/${id(sha256)}`

export const publishFeeStandards = (communityId: string) =>
  api.post<Disclosure>('/api/v1/disclosure-fee-standards', { communityId })

export const getCompleteness = (communityId: string) =>
  api.get<Completeness>('/api/v1/disclosure-completeness', { communityId })

export const getDisclosureSettings = (communityId: string) =>
  api.get<DisclosureSettings>(`/api/v1/disclosure-settings/${id(communityId)}`)

export const saveDisclosureSettings = (communityId: string, change: SettingsChange) =>
  api.put<DisclosureSettings>(`/api/v1/disclosure-settings/${id(communityId)}`, change)

// ── public revenue ──

export const getRevenueLedger = (communityId: string) =>
  api.get<RevenueLedger>('/api/v1/public-revenue', { communityId })

/** Money calls carry an Idempotency-Key: a retried submission records the money once. */
const keyed = (idempotencyKey: string) => ({ 'Idempotency-Key': idempotencyKey })

export const recordIncome = (input: IncomeRequest, idempotencyKey: string) =>
  api.post<RevenueEntry>('/api/v1/public-revenue/income', input, undefined, keyed(idempotencyKey))

export const recordCost = (input: CostRequest, idempotencyKey: string) =>
  api.post<RevenueEntry>('/api/v1/public-revenue/costs', input, undefined, keyed(idempotencyKey))

export const recordUse = (input: UseRequest, idempotencyKey: string) =>
  api.post<RevenueEntry>('/api/v1/public-revenue/uses', input, undefined, keyed(idempotencyKey))

export const reverseRevenueEntry = (entryId: string, note: string, idempotencyKey: string) =>
  api.post<RevenueEntry>(
    `/api/v1/public-revenue/${id(entryId)}/reverse`,
    { note },
    undefined,
    keyed(idempotencyKey),
  )

export const previewQuarter = (communityId: string, quarter: string) =>
  api.get<QuarterPreview>('/api/v1/public-revenue/quarters', { communityId, quarter })

/** `toFundFen` null: exactly the city's minimum goes to the fund. */
export const closeQuarter = (
  input: { communityId: string; quarter: string; toFundFen: number | null },
  idempotencyKey: string,
) => api.post<QuarterPreview>('/api/v1/public-revenue/quarters', input, undefined, keyed(idempotencyKey))

// ── maintenance fund ──

export const getFundSummary = (communityId: string) => api.get<FundSummary>('/api/v1/fund', { communityId })

/** The sub-accounts by unit code; `topUpOnly` only those below the 30% line. */
export const listFundAccounts = (query: { communityId: string; topUpOnly: boolean; cursor: string | null }) =>
  api.get<Page<FundAccount>>('/api/v1/fund/accounts', {
    communityId: query.communityId,
    topUpOnly: query.topUpOnly ? true : undefined,
    cursor: query.cursor,
    limit: FUND_ACCOUNT_PAGE_SIZE,
  })

export const getFundAccount = (unitId: string) =>
  api.get<FundAccountDetail>(`/api/v1/fund/accounts/${id(unitId)}`)

/** `unitIds` empty: every unit of the community that has no first deposit yet. */
export const takeFirstDeposits = (
  input: { communityId: string; unitIds: string[]; occurredOn: string },
  idempotencyKey: string,
) => api.post<FundBatchResult>('/api/v1/fund/first-deposits', input, undefined, keyed(idempotencyKey))

export const depositIntoAccount = (
  input: {
    unitId: string
    amountFen: number
    occurredOn: string
    memo: string
  },
  idempotencyKey: string,
) => api.post<FundAccountDetail>('/api/v1/fund/deposits', input, undefined, keyed(idempotencyKey))

export const allocateGain = (
  input: {
    communityId: string
    amountFen: number
    occurredOn: string
    memo: string
  },
  idempotencyKey: string,
) => api.post<FundBatchResult>('/api/v1/fund/gains', input, undefined, keyed(idempotencyKey))

export const sendTopUpNotices = (communityId: string) =>
  api.post<{ units: number; messages: number }>('/api/v1/fund/top-up-notices', { communityId })

export const listFundProjects = (communityId: string) =>
  api.get<FundProject[]>('/api/v1/fund/projects', { communityId })

export const createFundProject = (input: FundProjectRequest) =>
  api.post<Apportionment>('/api/v1/fund/projects', input)

export const getApportionment = (projectId: string) =>
  api.get<Apportionment>(`/api/v1/fund/projects/${id(projectId)}`)

export const settleFundProject = (projectId: string, idempotencyKey: string) =>
  api.post<Apportionment>(
    `/api/v1/fund/projects/${id(projectId)}/settle`,
    undefined,
    undefined,
    keyed(idempotencyKey),
  )

export const cancelFundProject = (projectId: string) =>
  api.post<FundProject>(`/api/v1/fund/projects/${id(projectId)}/cancel`)

export const publishFundStatement = (communityId: string, periodFrom: string, periodTo: string) =>
  api.post<Disclosure>('/api/v1/fund/statements', { communityId, periodFrom, periodTo })
