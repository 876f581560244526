import type {
  ARREARS_REASONS,
  ArrearsAccount,
  ArrearsTags,
  BILL_STATUSES,
  Bill,
  BillingPreview,
  BillingRun,
  BillingRunInput,
  BillingSettings,
  CashierShift,
  COUNTER_CHANNELS,
  CollectionReport,
  CounterPaymentInput,
  DunningCampaign,
  FeeItem,
  FeeItemInput,
  FeeStandard,
  FeeStandardInput,
  LateFeeAssessment,
  LateFeeAssessmentInput,
  MyAccount,
  Page,
  Payment,
  REFUND_KINDS,
  Receipt,
  Refund,
  TrialBalance,
} from '@meihao/contracts'
import { api, withQuery } from './client'

/** The billing region's API (收费管理): money is integer fen, rates strings of 元. */

export type BillStatus = (typeof BILL_STATUSES)[number]
export type CounterChannel = (typeof COUNTER_CHANNELS)[number]
export type RefundKind = (typeof REFUND_KINDS)[number]
export type RefundStatus = Refund['status']
export type ArrearsReason = (typeof ARREARS_REASONS)[number]
export type DunningChannel = DunningCampaign['channels'][number]
export type ShiftTotal = CashierShift['totals'][number]
export type TrialBalanceRow = TrialBalance['rows'][number]
export type CollectionMonth = CollectionReport['months'][number]
export type FeeItemPatch = Partial<Pick<FeeItemInput, 'name' | 'sort' | 'active' | 'lateFee'>>

export interface ArrearsSummary {
  communityId: string
  asOf: string
  accounts: number
  openFen: number
  buckets: ArrearsAccount['buckets']
  byReason: { reason: ArrearsReason; accounts: number; openFen: number }[]
}

export const BILL_PAGE_SIZE = 50
export const ARREARS_PAGE_SIZE = 50

const BASE = '/api/v1/billing'
const id = (value: string) => encodeURIComponent(value)

// ── fee items, standards, settings ──

export const listFeeItems = (communityId: string) => api.get<FeeItem[]>(`${BASE}/fee-items`, { communityId })

export const createFeeItem = (input: FeeItemInput) => api.post<FeeItem>(`${BASE}/fee-items`, input)

export const updateFeeItem = (itemId: string, patch: FeeItemPatch) =>
  api.patch<FeeItem>(`${BASE}/fee-items/${id(itemId)}`, patch)

export const addStandard = (itemId: string, input: FeeStandardInput) =>
  api.post<FeeStandard>(`${BASE}/fee-items/${id(itemId)}/standards`, input)

export const getBillingSettings = (communityId: string) =>
  api.get<BillingSettings>(`${BASE}/settings`, { communityId })

export const saveBillingSettings = (communityId: string, settings: BillingSettings) =>
  api.put<BillingSettings>(withQuery(`${BASE}/settings`, { communityId }), settings)

// ── runs ──

export const previewRun = (input: BillingRunInput) => api.post<BillingPreview>(`${BASE}/runs/preview`, input)

/** Starts (or resumes) the run: 202 with the run, which the page then polls for progress. */
export const startRun = (input: BillingRunInput) => api.post<BillingRun>(`${BASE}/runs`, input)

export const getRun = (runId: string) => api.get<BillingRun>(`${BASE}/runs/${id(runId)}`)

export const listRuns = (communityId: string) => api.get<BillingRun[]>(`${BASE}/runs`, { communityId })

/** 违约金: what a month's contractual late fees would be (nothing written), and charging them once. */
export const previewLateFees = (input: LateFeeAssessmentInput) =>
  api.post<LateFeeAssessment>(`${BASE}/late-fees/preview`, input)

export const assessLateFees = (input: LateFeeAssessmentInput) =>
  api.post<LateFeeAssessment>(`${BASE}/late-fees`, input)

// ── bills and accounts ──

export interface BillQuery {
  communityId?: string | null
  unitId?: string | null
  status?: BillStatus | null
  period?: string | null
  cursor?: string | null
  limit?: number
}

export const listBills = (query: BillQuery) =>
  api.get<Page<Bill>>(`${BASE}/bills`, { limit: BILL_PAGE_SIZE, ...query })

export const getUnitAccount = (unitId: string) => api.get<MyAccount>(`${BASE}/units/${id(unitId)}/account`)

// ── the counter ──

/**
 * 收款: the Idempotency-Key makes a retried submission (a timeout, a double click) take the money once; the
 * server answers the first payment again.
 */
export const takePayment = (input: CounterPaymentInput, idempotencyKey: string) =>
  api.post<Payment>(`${BASE}/payments`, input, undefined, { 'Idempotency-Key': idempotencyKey })

export interface PaymentQuery {
  communityId?: string | null
  unitId?: string | null
  shiftId?: string | null
  limit?: number
}
export const listPayments = (query: PaymentQuery) => api.get<Payment[]>(`${BASE}/payments`, { ...query })

/** The caller's open shift (null when none). */
export const currentShift = () => api.get<CashierShift | null>(`${BASE}/shifts/current`)

export const openShift = (communityId: string) => api.post<CashierShift>(`${BASE}/shifts`, { communityId })

export const closeShift = (shiftId: string) => api.post<CashierShift>(`${BASE}/shifts/${id(shiftId)}/close`)

export const listShifts = (communityId: string) => api.get<CashierShift[]>(`${BASE}/shifts`, { communityId })

export const getShift = (shiftId: string) => api.get<CashierShift>(`${BASE}/shifts/${id(shiftId)}`)

// ── receipts ──

export const RECEIPT_LIST_LIMIT = 200

export const listReceipts = (query: { communityId?: string | null; unitId?: string | null }) =>
  api.get<Receipt[]>(`${BASE}/receipts`, { limit: RECEIPT_LIST_LIMIT, ...query })

export const getReceipt = (receiptId: string) => api.get<Receipt>(`${BASE}/receipts/${id(receiptId)}`)

/** The printable PDF; same-origin, so the session cookie comes along when opened in a new tab. */
export const receiptPdfUrl = (receiptId: string) => `${BASE}/receipts/${id(receiptId)}/pdf`

export const voidReceipt = (receiptId: string, reason: string) =>
  api.post<Receipt>(`${BASE}/receipts/${id(receiptId)}/void`, { reason })

// ── refunds and reversals ──

export interface RefundRequest {
  unitId: string
  kind: RefundKind
  billId?: string
  amountFen: number
  channel: CounterChannel
  reason: string
}

export const requestRefund = (input: RefundRequest, idempotencyKey: string) =>
  api.post<Refund>(`${BASE}/refunds`, input, undefined, { 'Idempotency-Key': idempotencyKey })

export const listRefunds = (query: { communityId?: string | null; status?: RefundStatus | null }) =>
  api.get<Refund[]>(`${BASE}/refunds`, { ...query })

export const decideRefund = (
  refundId: string,
  decision: { approve: boolean; note?: string },
  idempotencyKey: string,
) =>
  api.post<Refund>(`${BASE}/refunds/${id(refundId)}/decision`, decision, undefined, {
    'Idempotency-Key': idempotencyKey,
  })

export const reverseJournal = (journalId: string, reason: string, idempotencyKey: string) =>
  api.post<{ journalId: string }>(`${BASE}/journals/${id(journalId)}/reversal`, { reason }, undefined, {
    'Idempotency-Key': idempotencyKey,
  })

// ── ledger ──

export interface LedgerRange {
  communityId?: string | null
  from?: string | null
  to?: string | null
}

export const getTrialBalance = (range: LedgerRange) =>
  api.get<TrialBalance>(`${BASE}/ledger/trial-balance`, { ...range })

/** The voucher export (记账凭证) as a download link. */
export const voucherExportUrl = (range: LedgerRange, format: 'csv' | 'xlsx') =>
  withQuery(`${BASE}/ledger/vouchers`, { ...range, format })

// ── arrears and dunning ──

export const listArrears = (query: { communityId: string; minFen?: number | null; cursor?: string | null }) =>
  api.get<Page<ArrearsAccount>>(`${BASE}/arrears`, { limit: ARREARS_PAGE_SIZE, ...query })

export const getArrearsSummary = (communityId: string) =>
  api.get<ArrearsSummary>(`${BASE}/arrears/summary`, { communityId })

export const addArrearsTag = (unitId: string, reason: ArrearsReason, note?: string) =>
  api.post<ArrearsTags>(`${BASE}/arrears/${id(unitId)}/tags`, { reason, ...(note ? { note } : {}) })

export const removeArrearsTag = (unitId: string, reason: ArrearsReason) =>
  api.delete<ArrearsTags>(`${BASE}/arrears/${id(unitId)}/tags/${id(reason)}`)

/** The case file (.xlsx) of an arrears account, for litigation or arbitration; the download is audited. */
export const caseFileUrl = (unitId: string) => `${BASE}/arrears/${id(unitId)}/case-file`

export interface DunningRequest {
  communityId: string
  minFen: number
  channels: DunningChannel[]
  payWithinDays: number
}

export const startDunning = (input: DunningRequest) => api.post<DunningCampaign>(`${BASE}/dunning`, input)

export const listDunning = (communityId: string) =>
  api.get<DunningCampaign[]>(`${BASE}/dunning`, { communityId })

/** The printable notices of a campaign (HTML), opened in a new tab. */
export const dunningNoticesUrl = (campaignId: string) => `${BASE}/dunning/${id(campaignId)}/notices`

// ── reports ──

export const getCollectionReport = (communityId: string, year: number) =>
  api.get<CollectionReport>(`${BASE}/reports/collection`, { communityId, year })
