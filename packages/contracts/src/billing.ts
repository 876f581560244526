import { z } from 'zod'
import { Id, PageQuery } from './common'

/**
 * The billing region's API shapes. Money is integer fen (`…Fen`), rates are exact decimal strings of 元
 * with up to 4 decimals ("2.80" 元/m²/月), areas decimal strings in m² with 2 decimals. Never floats.
 */

/** A month of the community's calendar, "2025-04". */
export const MonthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.month')
/** A positive whole number of fen. */
export const Fen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
/** 元 with up to 4 decimals: the price per m² per month, per space, per unit, or per metered unit. */
export const RateString = z.string().regex(/^\d{1,9}(\.\d{1,4})?$/, 'validation.rate')

/** 按面积、按车位、固定、抄表、公摊、一次性、押金. */
export const FEE_KINDS = [
  'area',
  'per_space',
  'fixed',
  'metered',
  'shared',
  'one_off',
  'deposit',
  'late_fee',
] as const
export const FeeKind = z.enum(FEE_KINDS)
export type FeeKind = z.infer<typeof FeeKind>

export const BILLING_CYCLES = ['monthly', 'quarterly', 'yearly'] as const
export const BillingCycle = z.enum(BILLING_CYCLES)
export type BillingCycle = z.infer<typeof BillingCycle>

export const AREA_BASES = ['building', 'exclusive'] as const
export const ROUNDING_MODES = ['half_up', 'half_even', 'down'] as const

export const LateFeeTerms = z.object({
  /** Per day on the open amount, in basis points (5 = 0.05%/day). */
  dailyRateBp: z.number().int().min(1).max(100),
  graceDays: z.number().int().min(0).max(365).default(0),
  /** Never more than this share of the principal (basis points). */
  capBp: z.number().int().min(1).max(10_000).optional(),
})

export const FeeItemInput = z.object({
  communityId: Id,
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(60),
  kind: FeeKind,
  cycle: BillingCycle.default('monthly'),
  areaBasis: z.enum(AREA_BASES).default('building'),
  /** Order among the community's items: bills of one period are paid in this order. */
  sort: z.number().int().min(0).max(999).default(0),
  active: z.boolean().default(true),
  /** Only where the contract provides for it (民法典 585); off by default. */
  lateFee: LateFeeTerms.nullable().default(null),
})
export type FeeItemInput = z.input<typeof FeeItemInput>

export const FeeStandardInput = z.object({
  /** The first month the rate applies to; bills already issued never change. */
  effectiveFrom: MonthString,
  rate: RateString,
  rounding: z.enum(ROUNDING_MODES).default('half_up'),
  /** Vacant units pay at most this share of the standard after so many vacant months (滨州 38: 6, 6000). */
  vacancy: z
    .object({
      minVacantMonths: z.number().int().min(1).max(120),
      payPercentBp: z.number().int().min(0).max(10_000),
    })
    .nullable()
    .default(null),
})
export type FeeStandardInput = z.input<typeof FeeStandardInput>

export const FeeStandard = z.object({
  id: Id,
  feeItemId: Id,
  effectiveFrom: MonthString,
  rate: z.string(),
  rounding: z.enum(ROUNDING_MODES),
  vacancy: z.object({ minVacantMonths: z.number().int(), payPercentBp: z.number().int() }).nullable(),
  createdAt: z.string(),
})
export type FeeStandard = z.infer<typeof FeeStandard>

export const FeeItem = z.object({
  id: Id,
  communityId: Id,
  code: z.string(),
  name: z.string(),
  kind: FeeKind,
  cycle: BillingCycle,
  areaBasis: z.enum(AREA_BASES),
  sort: z.number().int(),
  active: z.boolean(),
  lateFee: LateFeeTerms.nullable(),
  standards: z.array(FeeStandard),
})
export type FeeItem = z.infer<typeof FeeItem>

export const BillingSettings = z.object({
  /** How far ahead a unit may prepay (郑州 42: 12 months). 0: no prepayment. */
  prepaidMaxMonths: z.number().int().min(0).max(60).default(12),
  /** Days after the period starts that a bill falls due. */
  dueDays: z.number().int().min(0).max(365).default(30),
})
export type BillingSettings = z.infer<typeof BillingSettings>

// ── billing runs ────────────────────────────────────────────────────────────────────────────────────

export const BillingRunInput = z.object({
  communityId: Id,
  /** The first month of the period; a quarter or year starts at its first month. */
  period: MonthString,
  cycle: BillingCycle.default('monthly'),
})
export type BillingRunInput = z.input<typeof BillingRunInput>

export const BillingPreviewItem = z.object({
  feeItemId: Id,
  feeItemName: z.string(),
  lines: z.number().int(),
  totalFen: z.number().int(),
})
export const BillingPreview = z.object({
  communityId: Id,
  period: MonthString,
  cycle: BillingCycle,
  units: z.number().int(),
  lines: z.number().int(),
  totalFen: z.number().int(),
  ownerFen: z.number().int(),
  developerFen: z.number().int(),
  /** Bills of this period that already exist and will be left as they are. */
  existingLines: z.number().int(),
  byItem: z.array(BillingPreviewItem),
})
export type BillingPreview = z.infer<typeof BillingPreview>

export const BILLING_RUN_STATUSES = ['running', 'completed', 'failed'] as const
export const BillingRun = z.object({
  id: Id,
  communityId: Id,
  period: MonthString,
  cycle: BillingCycle,
  status: z.enum(BILLING_RUN_STATUSES),
  unitsTotal: z.number().int(),
  unitsDone: z.number().int(),
  billsCreated: z.number().int(),
  totalFen: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
})
export type BillingRun = z.infer<typeof BillingRun>

// ── bills ───────────────────────────────────────────────────────────────────────────────────────────

export const BILL_STATUSES = ['open', 'paid', 'void'] as const
export const BillStatus = z.enum(BILL_STATUSES)
export const Bill = z.object({
  id: Id,
  communityId: Id,
  unitId: Id,
  unitCode: z.string(),
  feeItemId: Id,
  feeItemName: z.string(),
  /** First and last month covered. */
  periodStart: MonthString,
  periodEnd: MonthString,
  payer: z.enum(['owner', 'developer']),
  amountFen: z.number().int(),
  paidFen: z.number().int(),
  openFen: z.number().int(),
  status: BillStatus,
  dueOn: z.string(),
  /** How the amount was computed, in words the owner can check: "89.37 m² × 2.80 元 × 1 月". */
  basis: z.string(),
})
export type Bill = z.infer<typeof Bill>

export const BillListQuery = PageQuery.extend({
  communityId: Id.optional(),
  unitId: Id.optional(),
  status: BillStatus.optional(),
  period: MonthString.optional(),
})

// ── payments and receipts ───────────────────────────────────────────────────────────────────────────

export const COUNTER_CHANNELS = ['cash', 'pos', 'bank'] as const
export const ONLINE_PROVIDERS = ['wechatpay', 'alipay'] as const
export const PAYMENT_CHANNELS = [...COUNTER_CHANNELS, ...ONLINE_PROVIDERS] as const
export const PaymentChannel = z.enum(PAYMENT_CHANNELS)
export type PaymentChannel = z.infer<typeof PaymentChannel>

export const CounterPaymentInput = z.object({
  unitId: Id,
  channel: z.enum(COUNTER_CHANNELS),
  amountFen: Fen,
  /** Pay only these bills (oldest first among them); absent: all open bills, oldest first. */
  billIds: z.array(Id).max(500).optional(),
  note: z.string().trim().max(200).optional(),
})
export type CounterPaymentInput = z.input<typeof CounterPaymentInput>

export const Allocation = z.object({ billId: Id, fen: z.number().int() })
export type Allocation = z.infer<typeof Allocation>
export const Payment = z.object({
  id: Id,
  communityId: Id,
  unitId: Id,
  unitCode: z.string(),
  channel: PaymentChannel,
  amountFen: z.number().int(),
  allocations: z.array(Allocation),
  prepaidFen: z.number().int(),
  receiptId: Id,
  receiptNumber: z.string(),
  receivedAt: z.string(),
  cashierName: z.string().nullable(),
  shiftId: Id.nullable(),
  providerTradeNo: z.string().nullable(),
})
export type Payment = z.infer<typeof Payment>

export const RECEIPT_STATUSES = ['issued', 'void'] as const
export const ReceiptLine = z.object({
  /** A bill paid, the part kept as prepayment, or a deposit held for the unit. */
  kind: z.enum(['bill', 'prepaid', 'deposit']),
  feeItemName: z.string(),
  periodStart: MonthString.nullable(),
  periodEnd: MonthString.nullable(),
  fen: z.number().int(),
})
export const Receipt = z.object({
  id: Id,
  number: z.string(),
  communityId: Id,
  communityName: z.string(),
  unitCode: z.string(),
  /** The payer's name, masked (张*). */
  payerName: z.string().nullable(),
  channel: PaymentChannel,
  amountFen: z.number().int(),
  lines: z.array(ReceiptLine),
  status: z.enum(RECEIPT_STATUSES),
  issuedAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
})
export type Receipt = z.infer<typeof Receipt>

export const VoidReceiptInput = z.object({ reason: z.string().trim().min(2).max(200) })

/** An online order the owner pays through a provider. */
export const PaymentOrderInput = z.object({
  unitId: Id,
  provider: z.enum(ONLINE_PROVIDERS),
  /** Pay these bills; absent: every open bill of the unit. */
  billIds: z.array(Id).max(500).optional(),
  /** Prepay this much beyond the bills (within the cap). */
  prepayFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
})
export const PaymentOrder = z.object({
  id: Id,
  outTradeNo: z.string(),
  unitId: Id,
  provider: z.enum(ONLINE_PROVIDERS),
  amountFen: z.number().int(),
  status: z.enum(['pending', 'paid']),
  /** Set when the deployment runs the local payment sandbox: the owner "pays" by confirming. */
  sandbox: z.boolean(),
  paymentId: Id.nullable(),
  receiptId: Id.nullable(),
  /** Live, in the answer that creates the order: the provider's page where the owner pays it. */
  payUrl: z.string().nullable(),
})
export type PaymentOrder = z.infer<typeof PaymentOrder>

// ── cashier shifts ──────────────────────────────────────────────────────────────────────────────────

export const ShiftTotal = z.object({
  channel: PaymentChannel,
  count: z.number().int(),
  fen: z.number().int(),
})
export const CashierShift = z.object({
  id: Id,
  communityId: Id,
  cashierId: Id,
  cashierName: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  totals: z.array(ShiftTotal),
  totalFen: z.number().int(),
  payments: z.number().int(),
  voided: z.number().int(),
})
export type CashierShift = z.infer<typeof CashierShift>
export const OpenShiftInput = z.object({ communityId: Id })

// ── refunds and reversals ───────────────────────────────────────────────────────────────────────────

export const REFUND_KINDS = ['prepaid', 'deposit', 'overcharge'] as const
export const RefundInput = z.object({
  unitId: Id,
  kind: z.enum(REFUND_KINDS),
  /** The bill of an overcharge. */
  billId: Id.optional(),
  amountFen: Fen,
  channel: z.enum(COUNTER_CHANNELS),
  reason: z.string().trim().min(2).max(200),
})
export const Refund = z.object({
  id: Id,
  unitId: Id,
  unitCode: z.string(),
  kind: z.enum(REFUND_KINDS),
  billId: Id.nullable(),
  amountFen: z.number().int(),
  channel: z.enum(COUNTER_CHANNELS),
  reason: z.string(),
  status: z.enum(['requested', 'approved', 'rejected']),
  requestedBy: z.string(),
  decidedBy: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
})
export type Refund = z.infer<typeof Refund>
export const RefundDecisionInput = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(200).optional(),
})

export const ReversalInput = z.object({ reason: z.string().trim().min(2).max(200) })

// ── ledger ──────────────────────────────────────────────────────────────────────────────────────────

export const TrialBalanceRow = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['asset', 'liability', 'revenue']),
  debitFen: z.number().int(),
  creditFen: z.number().int(),
  balanceFen: z.number().int(),
  balanceSide: z.enum(['debit', 'credit']),
})
export const TrialBalance = z.object({
  communityId: Id.nullable(),
  rows: z.array(TrialBalanceRow),
  totalDebitFen: z.number().int(),
  totalCreditFen: z.number().int(),
  balanced: z.boolean(),
})
export type TrialBalance = z.infer<typeof TrialBalance>
export const LedgerQuery = z.object({
  communityId: Id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
})
export const VoucherExportQuery = LedgerQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') })

// ── arrears ─────────────────────────────────────────────────────────────────────────────────────────

export const ARREARS_REASONS = [
  'vacancy',
  'service_dissatisfaction',
  'developer_dispute',
  'financial_hardship',
  'unreachable',
  'other',
] as const
export const ArrearsReason = z.enum(ARREARS_REASONS)
export const AGING_BUCKETS = ['upTo30', 'from31To90', 'from91To180', 'from181To365', 'over365'] as const
export const AgingBuckets = z.object({
  upTo30: z.number().int(),
  from31To90: z.number().int(),
  from91To180: z.number().int(),
  from181To365: z.number().int(),
  over365: z.number().int(),
})
export const ArrearsAccount = z.object({
  unitId: Id,
  unitCode: z.string(),
  buildingName: z.string(),
  ownerName: z.string().nullable(),
  openFen: z.number().int(),
  bills: z.number().int(),
  oldestPeriod: MonthString,
  buckets: AgingBuckets,
  reasons: z.array(ArrearsReason),
})
export type ArrearsAccount = z.infer<typeof ArrearsAccount>
export const ArrearsQuery = PageQuery.extend({
  communityId: Id,
  minFen: z.coerce.number().int().min(0).optional(),
})
export const ArrearsSummary = z.object({
  communityId: Id,
  asOf: z.string(),
  accounts: z.number().int(),
  openFen: z.number().int(),
  buckets: AgingBuckets,
  byReason: z.array(
    z.object({ reason: ArrearsReason, accounts: z.number().int(), openFen: z.number().int() }),
  ),
})
export const ArrearsTagInput = z.object({
  reason: ArrearsReason,
  note: z.string().trim().max(200).optional(),
})

export const DunningInput = z.object({
  communityId: Id,
  /** Units owing at least this much. */
  minFen: z.number().int().min(1),
  channels: z.array(z.enum(['in_app', 'sms', 'notice'])).min(1),
  /** A reasonable period to pay before anything further (days). */
  payWithinDays: z.number().int().min(7).max(90).default(15),
})
export const DunningCampaign = z.object({
  id: Id,
  communityId: Id,
  minFen: z.number().int(),
  channels: z.array(z.enum(['in_app', 'sms', 'notice'])),
  payWithinDays: z.number().int(),
  units: z.number().int(),
  totalFen: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
})
export type DunningCampaign = z.infer<typeof DunningCampaign>

// ── reports ─────────────────────────────────────────────────────────────────────────────────────────

export const CollectionMonth = z.object({
  month: MonthString,
  billedFen: z.number().int(),
  collectedFen: z.number().int(),
  /** 收缴率 in basis points: collected for the month's bills ÷ billed; null when nothing was billed. */
  collectionBp: z.number().int().nullable(),
  /** Open at the start of the year from earlier years. */
  priorArrearsFen: z.number().int(),
  recoveredFen: z.number().int(),
  /** 清欠率, cumulative within the year. */
  recoveryBp: z.number().int().nullable(),
})
export const CollectionReport = z.object({
  communityId: Id,
  year: z.number().int(),
  months: z.array(CollectionMonth),
})
export type CollectionReport = z.infer<typeof CollectionReport>
export const CollectionQuery = z.object({
  communityId: Id,
  year: z.coerce.number().int().min(2000).max(2100),
})

// ── the owner's view ────────────────────────────────────────────────────────────────────────────────

export const MyAccount = z.object({
  unitId: Id,
  unitCode: z.string(),
  communityName: z.string(),
  openFen: z.number().int(),
  prepaidFen: z.number().int(),
  depositFen: z.number().int(),
  openBills: z.array(Bill),
})
export type MyAccount = z.infer<typeof MyAccount>

// ── arrears tags and the owner's message box ────────────────────────────────────────────────────────

export const ArrearsTag = z.object({
  reason: ArrearsReason,
  note: z.string().nullable(),
  taggedAt: z.string(),
})
/** The arrears reasons a unit is tagged with, in ARREARS_REASONS order. */
export const ArrearsTags = z.object({ unitId: Id, tags: z.array(ArrearsTag) })
export type ArrearsTags = z.infer<typeof ArrearsTags>

/** A message in the resident app's box (payment reminders, receipts), in the reader's language. */
export const OwnerMessage = z.object({
  id: Id,
  kind: z.string(),
  unitId: Id.nullable(),
  unitCode: z.string().nullable(),
  text: z.string(),
  params: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})
export type OwnerMessage = z.infer<typeof OwnerMessage>
export const OwnerMessageQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
})

// ── charges: meter readings, shared utilities (公摊), one-off and ticket charges, deposits ─────────────

/** A meter reading in its own unit (kWh, m³…) with at most 2 decimals: "12345.60". */
export const ReadingString = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'validation.reading')

export const MeterReadingInput = z.object({
  unitId: Id,
  /** A metered fee item (水费, 电费…) of the unit's community. */
  feeItemId: Id,
  /** The month the reading bills. */
  period: MonthString,
  /** Absent: the unit's last current reading of this item before the month. */
  previous: ReadingString.optional(),
  current: ReadingString,
  /** Only for a meter that went past its full scale and back to 0 (100000 for a five-digit meter). */
  wrapsAt: ReadingString.optional(),
  readOn: z.iso.date(),
})
export type MeterReadingInput = z.input<typeof MeterReadingInput>

export const MeterReading = z.object({
  id: Id,
  communityId: Id,
  unitId: Id,
  unitCode: z.string(),
  feeItemId: Id,
  period: MonthString,
  previous: z.string(),
  current: z.string(),
  wrapsAt: z.string().nullable(),
  /** current − previous, through the full scale when the meter wrapped. */
  usage: z.string(),
  readOn: z.string(),
  /** The bill the reading was billed on; null until billed. */
  billId: Id.nullable(),
})
export type MeterReading = z.infer<typeof MeterReading>

export const MeterReadingQuery = z.object({ communityId: Id, feeItemId: Id, period: MonthString })

/** A CSV or .xlsx file of one month's readings (房号, 上期读数, 本期读数, 抄表日期, optional 满量程), base64. */
export const MeterImportInput = z.object({
  communityId: Id,
  feeItemId: Id,
  period: MonthString,
  fileName: z.string().trim().min(1).max(200),
  /** At most 8 MB of file. */
  dataBase64: z.string().min(1).max(11_200_000),
  /** true: check every row and count, write nothing. */
  dryRun: z.boolean().default(false),
})
export type MeterImportInput = z.input<typeof MeterImportInput>

export const ChargeRowError = z.object({ row: z.number().int(), column: z.string(), reason: z.string() })
export const MeterImportResult = z.object({
  dryRun: z.boolean(),
  /** Data rows read (blank rows left out). */
  rows: z.number().int(),
  /** Readings written (or, in a dry run, that would be). */
  imported: z.number().int(),
  errors: z.array(ChargeRowError),
})
export type MeterImportResult = z.infer<typeof MeterImportResult>

export const MeterBillingInput = z.object({ communityId: Id, feeItemId: Id, period: MonthString })
export const MeterBillingResult = z.object({
  period: MonthString,
  /** Unbilled readings of the month found. */
  readings: z.number().int(),
  bills: z.number().int(),
  totalFen: z.number().int(),
  /** Readings with no consumption: nothing to bill. */
  zeroUsage: z.number().int(),
})
export type MeterBillingResult = z.infer<typeof MeterBillingResult>

export const SHARED_BASES = ['area', 'household'] as const
export const SharedChargeInput = z.object({
  communityId: Id,
  /** A shared (公摊) fee item. */
  feeItemId: Id,
  period: MonthString,
  /** What the month's common-area bill came to, all of it split over the units. */
  totalFen: Fen,
  /** area: in proportion to each unit's area (the item's area basis); household: equally per unit. */
  basis: z.enum(SHARED_BASES),
  /** Only this building's units share the cost; absent: the whole community. */
  buildingId: Id.optional(),
})
export type SharedChargeInput = z.input<typeof SharedChargeInput>

export const SharedShare = z.object({
  unitId: Id,
  unitCode: z.string(),
  /** The unit's weight: its area in m² ("89.37"), or "1" per household. */
  weight: z.string(),
  payer: z.enum(['owner', 'developer']),
  fen: z.number().int(),
})
export const SharedCharge = z.object({
  communityId: Id,
  feeItemId: Id,
  period: MonthString,
  basis: z.enum(SHARED_BASES),
  totalFen: z.number().int(),
  /** Sum of the weights: m² or households. */
  weightTotal: z.string(),
  /** Every unit's share; they sum to totalFen exactly (largest remainder). Shares of 0 fen get no bill. */
  shares: z.array(SharedShare),
  /** Units among these already billed under this item for the month (a split is refused when any are). */
  existingBills: z.number().int(),
  /** Bills issued (0 in a preview). */
  bills: z.number().int(),
})
export type SharedCharge = z.infer<typeof SharedCharge>

export const OneOffChargeInput = z.object({
  unitId: Id,
  /** A one-off fee item (装修垃圾清运费…); deposits are collected through /billing/deposits instead. */
  feeItemId: Id,
  /** The bill's month; absent: the current month of the community. */
  period: MonthString.optional(),
  amountFen: Fen,
  /** What the charge is for, shown on the bill. */
  note: z.string().trim().min(1).max(200),
})
export type OneOffChargeInput = z.input<typeof OneOffChargeInput>

export const TicketChargeBillingInput = z.object({
  communityId: Id,
  /** The one-off fee item paid repairs are billed under (有偿维修费). */
  feeItemId: Id,
  /** The bills' month; absent: the current month. Charges made after it are left for a later month. */
  period: MonthString.optional(),
})
export const TicketChargeBillingResult = z.object({
  period: MonthString,
  /** Charges billed (and marked consumed) now. */
  charges: z.number().int(),
  bills: z.number().int(),
  totalFen: z.number().int(),
  /** Charges of units already billed under this item for the month: they wait for a later month. */
  deferred: z.number().int(),
  /** Charges with no unit (common parts): not billed to anyone here. */
  withoutUnit: z.number().int(),
})
export type TicketChargeBillingResult = z.infer<typeof TicketChargeBillingResult>

/** A month's contractual late fees (违约金) of a community, charged under a late-fee item. */
export const LateFeeAssessmentInput = z.object({
  communityId: Id,
  /** The late-fee item (kind late_fee) the charges are billed under. */
  feeItemId: Id,
  /** A month that has ended: late days up to its last day are charged, once. */
  period: MonthString,
})
export type LateFeeAssessmentInput = z.input<typeof LateFeeAssessmentInput>

export const LateFeeLine = z.object({
  billId: Id,
  unitId: Id,
  unitCode: z.string(),
  feeItemName: z.string(),
  billPeriod: MonthString,
  dueOn: z.string(),
  days: z.number().int(),
  /** What was still open: the principal. */
  principalFen: z.number().int(),
  feeFen: z.number().int(),
  /** The contract's cap cut it. */
  capped: z.boolean(),
})
export type LateFeeLine = z.infer<typeof LateFeeLine>

export const LateFeeAssessment = z.object({
  period: MonthString,
  /** Late days are counted up to this day. */
  asOf: z.string(),
  committed: z.boolean(),
  /** Overdue bills charged, and units (one late-fee bill each). */
  accruals: z.number().int(),
  units: z.number().int(),
  totalFen: z.number().int(),
  capped: z.number().int(),
  /** The first 500 lines, by unit. */
  lines: z.array(LateFeeLine),
})
export type LateFeeAssessment = z.infer<typeof LateFeeAssessment>

export const DepositInput = z.object({
  unitId: Id,
  /** A deposit fee item (装修押金…). */
  feeItemId: Id,
  amountFen: Fen,
  channel: z.enum(COUNTER_CHANNELS),
  note: z.string().trim().max(200).optional(),
})
export type DepositInput = z.input<typeof DepositInput>

/** A deposit held for a unit: a liability (2241), never revenue. */
export const Deposit = z.object({
  paymentId: Id,
  communityId: Id,
  unitId: Id,
  unitCode: z.string(),
  feeItemId: Id,
  feeItemName: z.string(),
  channel: z.enum(COUNTER_CHANNELS),
  amountFen: z.number().int(),
  /** All deposits the unit holds now. */
  depositFen: z.number().int(),
  receiptId: Id,
  receiptNumber: z.string(),
  shiftId: Id.nullable(),
  receivedAt: z.string(),
})
export type Deposit = z.infer<typeof Deposit>
