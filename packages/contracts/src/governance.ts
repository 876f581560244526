import { z } from 'zod'
import { AreaString, DateString, Id } from './common'

/** 民法典 278 第一款: the nine matters. 六、七、八 are major (3/4); the others ordinary (1/2). */
export const MATTER_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const
export const MAJOR_ITEMS: readonly number[] = [6, 7, 8]
export const MatterItem = z.number().int().min(1).max(9)
export const Tier = z.enum(['ordinary', 'major'])
export type Tier = z.infer<typeof Tier>
export const tierOfItem = (item: number): Tier => (MAJOR_ITEMS.includes(item) ? 'major' : 'ordinary')

export const Choice = z.enum(['agree', 'oppose', 'abstain'])
export type Choice = z.infer<typeof Choice>

export const DecisionStatus = z.enum(['draft', 'noticed', 'open', 'closed', 'cancelled'])
export type DecisionStatus = z.infer<typeof DecisionStatus>
export const MeetingForm = z.enum(['collective', 'written', 'online'])
export const Convener = z.enum(['committee', 'street_office'])

export const Topic = z.object({
  id: Id,
  seq: z.number().int(),
  title: z.string(),
  description: z.string(),
  item: MatterItem,
  tier: Tier,
  /** Committee elections: one topic per candidate, grouped, with the number of seats. */
  electionGroup: z.string().nullable(),
  seats: z.number().int().nullable(),
})
export type Topic = z.infer<typeof Topic>

export const TopicInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  item: MatterItem,
  electionGroup: z.string().trim().min(1).max(100).nullable().optional(),
  seats: z.number().int().min(1).max(50).nullable().optional(),
})
export type TopicInput = z.infer<typeof TopicInput>

export const DecisionInput = z.object({
  communityId: Id,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(10000).default(''),
  convener: Convener.default('committee'),
  meetingForm: MeetingForm.default('online'),
  temporary: z.boolean().default(false),
  /**
   * Days between notice and the opening of the vote: at least 15 (物业管理条例 第14条); a temporary
   * meeting may go down to 7 where the city allows it.
   */
  noticeMinDays: z.number().int().min(1).max(60).default(15),
  recordDate: DateString,
  votingStartsAt: z.iso.datetime({ offset: true }),
  votingEndsAt: z.iso.datetime({ offset: true }),
  secretUntilClose: z.boolean().default(true),
  proxyCap: z.number().int().min(1).max(20).default(3),
  publishWithinDays: z.number().int().min(1).max(30).default(3),
  topics: z.array(TopicInput).max(50).default([]),
})
export type DecisionInput = z.infer<typeof DecisionInput>

export const RollSummary = z.object({
  hash: z.string(),
  frozenAt: z.string(),
  heads: z.number().int(),
  area: AreaString,
  units: z.number().int(),
})

export const Decision = z.object({
  id: Id,
  communityId: Id,
  communityName: z.string(),
  title: z.string(),
  description: z.string(),
  convener: Convener,
  meetingForm: MeetingForm,
  temporary: z.boolean(),
  noticeMinDays: z.number().int(),
  recordDate: DateString,
  votingStartsAt: z.string(),
  votingEndsAt: z.string(),
  secretUntilClose: z.boolean(),
  followMajority: z.boolean(),
  proxyCap: z.number().int(),
  publishWithinDays: z.number().int(),
  status: DecisionStatus,
  noticedAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  roll: RollSummary.nullable(),
  chainHead: z.string().nullable(),
  ballotCount: z.number().int(),
  topics: z.array(Topic),
})
export type Decision = z.infer<typeof Decision>

export const DecisionListQuery = z.object({
  communityId: Id.optional(),
  status: DecisionStatus.optional(),
})

/** Heads and area of one side of a count. */
const Count = z.object({ heads: z.number().int(), area: AreaString })

export const TopicResult = z.object({
  topicId: Id,
  tier: Tier,
  total: Count,
  participating: Count,
  agree: Count,
  oppose: Count,
  abstain: Count,
  quorumMet: z.boolean(),
  passed: z.boolean(),
})
export type TopicResult = z.infer<typeof TopicResult>

export const DecisionResult = z.object({
  decisionId: Id,
  closedAt: z.string(),
  chainHead: z.string().nullable(),
  rollHash: z.string(),
  ballotEvents: z.number().int(),
  /** The strict 民法典 278 result: always present. */
  topics: z.array(TopicResult),
  /** Only when the community counts non-voters with the majority (从众); shown beside the strict result. */
  followMajority: z.array(TopicResult).nullable(),
  /** Committee elections: the elected candidates per group, in order. */
  elected: z.array(z.object({ group: z.string(), seats: z.number().int(), topicIds: z.array(Id) })),
})
export type DecisionResult = z.infer<typeof DecisionResult>

export const Turnout = z.object({
  total: Count,
  participating: Count,
  /** Per topic; choices only when the meeting is not secret until close (or after close). */
  topics: z.array(
    z.object({
      topicId: Id,
      participating: Count,
      agree: Count.nullable(),
      oppose: Count.nullable(),
      abstain: Count.nullable(),
    }),
  ),
})
export type Turnout = z.infer<typeof Turnout>

export const Choices = z
  .record(z.uuid(), Choice)
  .refine((c) => Object.keys(c).length > 0, 'validation.required')

/** The owner's own ballot, confirmed with the one-time code sent to the phone on record. */
export const OnlineBallotInput = z.object({
  choices: Choices,
  code: z.string().regex(/^\d{6}$/, 'validation.otp'),
})

/** A signed paper ballot entered by staff, or a proxy's ballot with the written authorisation. */
export const ScanInput = z.object({
  fileName: z.string().trim().min(1).max(200),
  contentType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  /** The file, base64; at most 5 MB once decoded. */
  dataBase64: z.string().min(1).max(7_000_000),
})
export const PaperBallotInput = z.object({
  unitId: Id,
  /** When the owner (or proxy) signed it: inside the voting window; it may be keyed in until the count. */
  signedAt: z.iso.datetime({ offset: true }),
  choices: Choices,
  scan: ScanInput,
  proxy: z
    .object({
      name: z.string().trim().min(1).max(50),
      idNumber: z.string().trim().min(6).max(30),
      authorization: ScanInput,
    })
    .nullable()
    .optional(),
})

export const BallotReceipt = z.object({
  decisionId: Id,
  seq: z.number().int(),
  hash: z.string(),
  prevHash: z.string(),
  castAt: z.string(),
  channel: z.enum(['online', 'paper', 'proxy']),
})
export type BallotReceipt = z.infer<typeof BallotReceipt>

export const ReceiptCheck = z.object({
  included: z.boolean(),
  seq: z.number().int().nullable(),
  castAt: z.string().nullable(),
  chainHead: z.string().nullable(),
  chainValid: z.boolean(),
})

export const ChainVerification = z.object({
  valid: z.boolean(),
  events: z.number().int(),
  head: z.string().nullable(),
  /** The first event that does not fit, and why. */
  problem: z
    .object({ seq: z.number().int(), reason: z.enum(['hash_mismatch', 'link_broken', 'sequence_gap']) })
    .nullable(),
})

export const OtpSent = z.object({
  sentTo: z.string(),
  expiresAt: z.string(),
  /** Only with MEIHAO_SMS_DRIVER=demo (never in production): the code itself, so the demo needs no phone. */
  demoCode: z.string().optional(),
})

/** What an owner sees of a decision of their community. */
export const MyDecision = Decision.omit({ proxyCap: true }).extend({
  myVoter: z.object({ heads: z.literal(1), area: AreaString, units: z.array(z.string()) }).nullable(),
  myReceipts: z.array(BallotReceipt),
  result: DecisionResult.nullable(),
})
export type MyDecision = z.infer<typeof MyDecision>

export const TopicParams = z.object({ id: Id, topicId: Id })
export const ReceiptParams = z.object({ id: Id, hash: z.string().regex(/^[0-9a-f]{64}$/, 'validation.hash') })

/** A unit of a decision's frozen roll, for staff picking the unit of a paper ballot. */
export const RollUnitItem = z.object({
  unitId: Id,
  code: z.string(),
  area: AreaString,
  developerHeld: z.boolean(),
})
export type RollUnitItem = z.infer<typeof RollUnitItem>
export const RollUnitQuery = z.object({
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
