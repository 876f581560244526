import type {
  BallotReceipt as BallotReceiptType,
  ChangePasswordRequest as ChangePasswordRequestSchema,
  Choice as ChoiceType,
  DecisionResult as DecisionResultType,
  DecisionStatus as DecisionStatusType,
  ErrorBody as ErrorBodyType,
  LoginRequest as LoginRequestSchema,
  MATTER_ITEMS,
  Membership as MembershipSchema,
  Me as MeType,
  MyDecision as MyDecisionType,
  MyUnit as MyUnitSchema,
  OnlineBallotInput as OnlineBallotInputSchema,
  OtpSent as OtpSentSchema,
  ReceiptCheck as ReceiptCheckSchema,
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
