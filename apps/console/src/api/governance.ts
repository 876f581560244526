import type {
  BallotReceipt,
  Choice,
  Decision,
  DecisionInput,
  DecisionResult,
  DecisionStatus,
  RollUnitItem,
  TopicInput,
  Turnout,
} from '@meihao/contracts'
import { api } from './client'

export type RollSummary = NonNullable<Decision['roll']>
export type Convener = Decision['convener']
export type MeetingForm = Decision['meetingForm']
export type ElectedGroup = DecisionResult['elected'][number]
export type TopicTurnout = Turnout['topics'][number]

/** A scanned, signed document (ballot or written authorisation), base64 as the server takes it. */
export interface ScanInput {
  fileName: string
  contentType: ScanContentType
  dataBase64: string
}
export const SCAN_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export type ScanContentType = (typeof SCAN_CONTENT_TYPES)[number]

export interface PaperBallotInput {
  unitId: string
  signedAt: string
  choices: Record<string, Choice>
  scan: ScanInput
  proxy?: { name: string; idNumber: string; authorization: ScanInput } | null
}

export type ChainProblemReason = 'hash_mismatch' | 'link_broken' | 'sequence_gap'
export interface ChainVerification {
  valid: boolean
  events: number
  head: string | null
  problem: { seq: number; reason: ChainProblemReason } | null
}

/** The lifecycle steps, each a bodiless POST answering the decision as it is afterwards. */
export type DecisionAction = 'notice' | 'roll' | 'open' | 'close' | 'cancel'

const path = (id: string) => `/api/v1/decisions/${encodeURIComponent(id)}`

export const listDecisions = (query: { communityId?: string | null; status?: DecisionStatus | null }) =>
  api.get<Decision[]>('/api/v1/decisions', query)

export const getDecision = (id: string) => api.get<Decision>(path(id))

export const createDecision = (input: DecisionInput) => api.post<Decision>('/api/v1/decisions', input)

export const addTopic = (id: string, input: TopicInput) => api.post<Decision>(`${path(id)}/topics`, input)

export const removeTopic = (id: string, topicId: string) =>
  api.delete<Decision>(`${path(id)}/topics/${encodeURIComponent(topicId)}`)

export const runAction = (id: string, action: DecisionAction) => api.post<Decision>(`${path(id)}/${action}`)

export const searchRollUnits = (id: string, query: { q?: string | undefined; limit: number }) =>
  api.get<RollUnitItem[]>(`${path(id)}/roll-units`, query)

export const enterPaperBallot = (id: string, input: PaperBallotInput) =>
  api.post<BallotReceipt>(`${path(id)}/paper-ballots`, input)

export const getTurnout = (id: string) => api.get<Turnout>(`${path(id)}/turnout`)

export const getResult = (id: string) => api.get<DecisionResult>(`${path(id)}/result`)

export const verifyChain = (id: string) => api.get<ChainVerification>(`${path(id)}/verify`)

/** The export package of a closed decision (roll, topics, ballot chain), for `meihao tally FILE.json`. */
export const getExport = (id: string) => api.get<Record<string, unknown>>(`${path(id)}/export`)
