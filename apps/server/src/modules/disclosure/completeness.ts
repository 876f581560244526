import type { DisclosureType } from '@meihao/contracts'
import type { Cadence } from './city-rules'

/**
 * Which required disclosures a community is missing or late with (the figure regulators read as
 * "disclosure completeness"). Pure: dates are business dates 'YYYY-MM-DD' in the community's time zone.
 *
 * - continuous items are complete while a current (published, not superseded) version exists;
 * - periodic items cover calendar periods (quarters, halves, years); the last period that ended more than
 *   `graceDays` ago must be covered by a published item whose period reaches its end;
 * - event items (decisions) must be published within N days of each event.
 * Periods that ended before the community began (its delivery date) are not asked for.
 */

export type CompletenessStatus = 'ok' | 'pending' | 'overdue' | 'missing' | 'not_due'

export interface PublishedFacts {
  type: DisclosureType
  periodTo: string | null
  sourceRef: string | null
}

export interface DisclosureEvent {
  type: DisclosureType
  ref: string
  title: string
  on: string
}

export interface CompletenessLine {
  type: DisclosureType
  cadence: Cadence
  status: CompletenessStatus
  /** Periodic: the period end the last item must reach; event: the earliest deadline not met. */
  requiredThrough: string | null
  dueBy: string | null
  lastPeriodTo: string | null
  /** Event items not yet disclosed. */
  missingEvents: { ref: string; title: string; dueBy: string }[]
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The last day of the calendar period (of `months` months) that contains `date`. */
export function periodEndOf(date: string, months: number): string {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const lastMonth = Math.ceil(month / months) * months
  return new Date(Date.UTC(year, lastMonth, 0)).toISOString().slice(0, 10)
}

/** The first day of the calendar period (of `months` months) that contains `date`. */
export function periodStartOf(date: string, months: number): string {
  const month = Number(date.slice(5, 7))
  const firstMonth = Math.floor((month - 1) / months) * months + 1
  return `${date.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`
}

/** The end of the last whole period whose grace has run out by `today`, or null if none since `since`. */
export function requiredPeriodEnd(
  today: string,
  months: number,
  graceDays: number,
  since: string,
): string | null {
  const lastGraced = addDays(today, -graceDays - 1)
  const end = periodEndOf(lastGraced, months)
  const required = end === lastGraced ? end : addDays(periodStartOf(lastGraced, months), -1)
  return required < since ? null : required
}

export function completeness(a: {
  today: string
  since: string
  graceDays: number
  cadences: Partial<Record<DisclosureType, Cadence>>
  published: readonly PublishedFacts[]
  events: readonly DisclosureEvent[]
}): CompletenessLine[] {
  const lines: CompletenessLine[] = []
  for (const [type, cadence] of Object.entries(a.cadences) as [DisclosureType, Cadence][]) {
    const mine = a.published.filter((p) => p.type === type)
    const base = { type, cadence, requiredThrough: null, dueBy: null, lastPeriodTo: null, missingEvents: [] }
    if (cadence.kind === 'continuous') {
      lines.push({ ...base, status: mine.length > 0 ? 'ok' : 'missing' })
      continue
    }
    if (cadence.kind === 'periodic') {
      const required = requiredPeriodEnd(a.today, cadence.months, a.graceDays, a.since)
      const last = mine.reduce<string | null>(
        (max, p) => (p.periodTo && (!max || p.periodTo > max) ? p.periodTo : max),
        null,
      )
      // The next period not yet covered: after the later of what is required and what was published.
      const covered = [required, last].reduce<string | null>(
        (max, d) => (d && (!max || d > max) ? d : max),
        null,
      )
      const nextEnd = periodEndOf(covered ? addDays(covered, 1) : a.since, cadence.months)
      const status: CompletenessStatus =
        required === null
          ? 'not_due'
          : last !== null && last >= required
            ? 'ok'
            : last === null
              ? 'missing'
              : 'overdue'
      lines.push({
        ...base,
        status,
        requiredThrough: required,
        dueBy:
          status === 'ok' || status === 'not_due'
            ? addDays(nextEnd, a.graceDays)
            : addDays(required!, a.graceDays),
        lastPeriodTo: last,
      })
      continue
    }
    const disclosed = new Set(mine.flatMap((p) => (p.sourceRef ? [p.sourceRef] : [])))
    const open = a.events
      .filter((e) => e.type === type && !disclosed.has(e.ref))
      .map((e) => ({ ref: e.ref, title: e.title, dueBy: addDays(e.on, cadence.withinDays) }))
      .sort((x, y) => (x.dueBy < y.dueBy ? -1 : 1))
    const late = open.some((e) => e.dueBy < a.today)
    lines.push({
      ...base,
      status: late ? 'overdue' : open.length > 0 ? 'pending' : 'ok',
      dueBy: open[0]?.dueBy ?? null,
      missingEvents: open,
    })
  }
  return lines
}
