import type { Decision, DecisionInput } from '@meihao/contracts'
import { addDays, localDate, localDateTime, localToIso } from './datetime'
import { type TopicValues, toTopicInput } from './TopicFields'

export const NOTICE_DAYS = 15
export const TEMPORARY_NOTICE_DAYS = 7

/** The create form's values: dates and times as the native inputs give them (local). */
export interface DecisionValues {
  communityId: string | null
  title: string
  description?: string
  convener: Decision['convener']
  meetingForm: Decision['meetingForm']
  temporary: boolean
  noticeMinDays: number
  recordDate: string
  votingStartsAt: string
  votingEndsAt: string
  secretUntilClose: boolean
  proxyCap: number
  publishWithinDays: number
  topics?: TopicValues[]
}

/** Defaults that pass the notice rule if the notice goes out today: voting a day after the notice period. */
export function initialDecisionValues(
  communityId: string | null,
  today = new Date(),
): Partial<Omit<DecisionValues, 'topics'>> & { topics: Partial<TopicValues>[] } {
  const start = addDays(localDate(today), NOTICE_DAYS + 1)
  return {
    communityId,
    convener: 'committee',
    meetingForm: 'online',
    temporary: false,
    noticeMinDays: NOTICE_DAYS,
    recordDate: addDays(start, -1),
    votingStartsAt: localDateTime(start, '09:00'),
    votingEndsAt: localDateTime(addDays(start, 14), '18:00'),
    secretUntilClose: true,
    proxyCap: 3,
    publishWithinDays: 3,
    topics: [{ title: '' }],
  }
}

/** The API's DecisionInput from validated values (times with this browser's offset). */
export function toDecisionInput(v: DecisionValues): DecisionInput {
  return {
    communityId: v.communityId ?? '',
    title: v.title.trim(),
    description: (v.description ?? '').trim(),
    convener: v.convener,
    meetingForm: v.meetingForm,
    temporary: v.temporary,
    noticeMinDays: v.noticeMinDays,
    recordDate: v.recordDate,
    votingStartsAt: localToIso(v.votingStartsAt) ?? v.votingStartsAt,
    votingEndsAt: localToIso(v.votingEndsAt) ?? v.votingEndsAt,
    secretUntilClose: v.secretUntilClose,
    proxyCap: v.proxyCap,
    publishWithinDays: v.publishWithinDays,
    topics: (v.topics ?? []).map(toTopicInput),
  }
}
