import type { MatterItem, MyDecision, TopicResult } from '../../api/types'
import { getLanguage } from '../../i18n'

/** A moment from the server (ISO), in the reader's language and time zone: 2025年6月1日 09:00. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(getLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  )
}

/** A calendar date (YYYY-MM-DD) as it is, whatever the reader's time zone. */
export function formatDate(date: string): string {
  return new Intl.DateTimeFormat(getLanguage(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  )
}

/** An area string (at most two decimals, as the contracts allow) in hundredths, exactly. */
export function hundredths(area: string): bigint {
  const [whole = '0', fraction = ''] = area.split('.')
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2))
}

/** part / total as a percentage with two decimals (for display only; comparisons stay exact). */
export function percent(part: bigint, total: bigint): number {
  return total === 0n ? 0 : Number((part * 10000n) / total) / 100
}

export type Outcome = 'passed' | 'failed' | 'noQuorum'
export const outcomeOf = (r: TopicResult): Outcome =>
  !r.quorumMet ? 'noQuorum' : r.passed ? 'passed' : 'failed'

export type WindowPhase = 'before' | 'during' | 'after'
export function windowPhase(
  d: Pick<MyDecision, 'votingStartsAt' | 'votingEndsAt'>,
  now = Date.now(),
): WindowPhase {
  if (now < Date.parse(d.votingStartsAt)) return 'before'
  if (now >= Date.parse(d.votingEndsAt)) return 'after'
  return 'during'
}

/** Open, inside the window, and I am on the roll: the ballot form is shown. */
export const canVote = (d: MyDecision, now = Date.now()) =>
  d.status === 'open' && d.myVoter !== null && windowPhase(d, now) === 'during'

/** What the tab and the home page count: decisions I can vote in and have not yet voted in. */
export const awaitsMyVote = (d: MyDecision, now = Date.now()) => canVote(d, now) && d.myReceipts.length === 0

export function isMatterItem(item: number): item is MatterItem {
  return Number.isInteger(item) && item >= 1 && item <= 9
}

/** A time of day, for "updated at" lines. */
export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(getLanguage(), { timeStyle: 'short' }).format(date)
}
