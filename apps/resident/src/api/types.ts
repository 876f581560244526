import type {
  Apportionment as ApportionmentType,
  Attachment as AttachmentType,
  BallotReceipt as BallotReceiptType,
  Bill as BillType,
  ChangePasswordRequest as ChangePasswordRequestSchema,
  Choice as ChoiceType,
  DecisionResult as DecisionResultType,
  DecisionStatus as DecisionStatusType,
  Disclosure as DisclosureItemType,
  DisclosureType as DisclosureKindType,
  EmergencyCategory as EmergencyCategoryType,
  ErrorBody as ErrorBodyType,
  FundAccountDetail as FundAccountDetailType,
  FundProject as FundProjectType,
  FundStatementContent as FundStatementContentType,
  FundSummary as FundSummaryType,
  LoginRequest as LoginRequestSchema,
  MATTER_ITEMS,
  Membership as MembershipSchema,
  Me as MeType,
  MyAccount as MyAccountType,
  MyDecision as MyDecisionType,
  MyTicketInput as MyTicketInputType,
  MyUnit as MyUnitSchema,
  OnlineBallotInput as OnlineBallotInputSchema,
  OtpSent as OtpSentSchema,
  OwnerMessage as OwnerMessageType,
  PaymentChannel as PaymentChannelType,
  PaymentOrderInput as PaymentOrderInputSchema,
  PaymentOrder as PaymentOrderType,
  PhotoInput as PhotoInputType,
  PublicCommunityPage as PublicCommunityPageType,
  ReceiptCheck as ReceiptCheckSchema,
  Receipt as ReceiptType,
  RevenueEntry as RevenueEntryType,
  RevenueLedger as RevenueLedgerType,
  TICKET_EVENT_KINDS,
  TicketActionInput as TicketActionInputType,
  TicketCategory as TicketCategoryType,
  TicketKind as TicketKindType,
  TicketPriority as TicketPriorityType,
  TicketStatus as TicketStatusType,
  TicketSummary as TicketSummaryType,
  Ticket as TicketType,
  TopicResult as TopicResultType,
  Turnout as TurnoutType,
} from '@meihao/contracts'

// The contracts export zod schemas; these are the shapes they describe. Only types cross into the app
// (no zod at run time). `_output` is what a schema parses to: the same as `z.infer`.
export type Me = MeType
export type ErrorBody = ErrorBodyType
export type Membership = (typeof MembershipSchema)['_output']
export type MyUnit = (typeof MyUnitSchema)['_output']
export type UnitRelation = MyUnit['relation']
export type LoginRequest = (typeof LoginRequestSchema)['_input']
export type ChangePasswordRequest = (typeof ChangePasswordRequestSchema)['_output']
export type Ok = { ok: true }

// ── joint decisions (业主共同决定, 民法典 278) ──
export type MyDecision = MyDecisionType
export type DecisionStatus = DecisionStatusType
export type DecisionTopic = MyDecision['topics'][number]
export type MyVoter = NonNullable<MyDecision['myVoter']>
export type Choice = ChoiceType
/** 民法典 278 第一款 第一至第九项. */
export type MatterItem = (typeof MATTER_ITEMS)[number]
export type BallotReceipt = BallotReceiptType
export type BallotChannel = BallotReceipt['channel']
export type DecisionResult = DecisionResultType
export type TopicResult = TopicResultType
export type Turnout = TurnoutType
/** Heads and area of one side of a count; the area is an exact decimal string. */
export type Count = Turnout['total']
export type OnlineBallotRequest = (typeof OnlineBallotInputSchema)['_output']
export type OtpSent = (typeof OtpSentSchema)['_output']
export type ReceiptCheck = (typeof ReceiptCheckSchema)['_output']

// ── service requests (报修 / 投诉 / 咨询 …) ──
export type Ticket = TicketType
export type TicketSummary = TicketSummaryType
export type TicketKind = TicketKindType
export type TicketStatus = TicketStatusType
export type TicketPriority = TicketPriorityType
export type TicketCategory = TicketCategoryType
export type TicketEvent = Ticket['events'][number]
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number]
export type TicketActorRole = TicketEvent['actorRole']
export type PhotoUpload = PhotoInputType
/** What the owner sends; photos and defaults spelled out, as the app always does. */
export type MyTicketRequest = MyTicketInputType
/** The actions an owner can take on their own request. */
export type MyTicketAction = Extract<
  TicketActionInputType,
  { type: 'rate' | 'reopen' | 'cancel' | 'accept_quote' | 'decline_quote' }
>
export type MyTicketActionType = MyTicketAction['type']
export type TicketPage = { items: TicketSummary[]; nextCursor: string | null }

// ── billing (缴费): money is integer fen, never floats ──
export type MyAccount = MyAccountType
export type Bill = BillType
export type BillStatus = Bill['status']
export type BillPage = { items: Bill[]; nextCursor: string | null }
export type PaymentChannel = PaymentChannelType
export type PaymentOrder = PaymentOrderType
export type OnlineProvider = PaymentOrder['provider']
/** What the owner sends for an order: `billIds` absent pays every open bill of the unit. */
export type PaymentOrderRequest = (typeof PaymentOrderInputSchema)['_input']
export type BillingReceipt = ReceiptType
export type BillingReceiptLine = BillingReceipt['lines'][number]
/** A message of the owner's box (payment reminders), its text already in the reader's language. */
export type OwnerMessage = OwnerMessageType
export type OwnerMessagePage = { items: OwnerMessage[]; nextCursor: string | null }

// ── disclosure (公示, 民法典 943 / 282 / 283): money is integer fen, areas exact decimal strings ──
export type Disclosure = DisclosureItemType
export type DisclosureType = DisclosureKindType
export type DisclosureStatus = Disclosure['status']
/** A file of a disclosure (or the evidence of a public-revenue entry): PDF or image. */
export type DisclosureAttachment = AttachmentType
export type DisclosureVersion = Disclosure['history'][number]
export type RevenueLedger = RevenueLedgerType
export type RevenueEntry = RevenueEntryType
export type RevenueEntryKind = RevenueEntry['kind']
export type RevenueSource = NonNullable<RevenueEntry['source']>
export type RevenueQuarter = RevenueLedger['quarters'][number]
export type FundSummary = FundSummaryType
/** 应急: a failure that allows fund use without a vote. */
export type EmergencyCategory = EmergencyCategoryType
/** What a published `fund_statement` holds (the server writes it; a plain interface, no schema). */
export type FundStatementContent = FundStatementContentType
/** The fund's figures on the public notice board: as FundSummary, without the emergency room. */
export type PublicFundSummary = PublicCommunityPage['fund']
export type FundAccountDetail = FundAccountDetailType
export type FundEntry = FundAccountDetail['entries'][number]
export type FundEntryKind = FundEntry['kind']
export type FundProject = FundProjectType
export type Apportionment = ApportionmentType
export type ShareLine = Apportionment['lines'][number]
/** The notice board anyone with its address may read: items, public-revenue quarters, fund totals. */
export type PublicCommunityPage = PublicCommunityPageType
