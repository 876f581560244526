/**
 * SLA clocks of a service request — response, arrival, resolution (see /work/shared/domain/tickets-and-quality.md).
 * A clock counts time from its start, minus paused intervals (on_hold, waiting for the owner's quote decision),
 * and — in business mode — minus everything outside the community's business hours.
 *
 * Pure: no I/O and no clock of its own (`at` is always passed in). Instants are JS `Date`s (UTC); business
 * rules are applied in the community's IANA time zone through `Intl.DateTimeFormat`, so zones with daylight
 * saving work without a date library. All arithmetic is on integer milliseconds.
 */

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** The largest instant a `Date` can hold: stands for "never" at the end of an open interval. */
const END_OF_TIME_MS = 8_640_000_000_000_000

// ── configuration data ──────────────────────────────────────────────────────────────────────────────

/** Emergency-repair arrival and satisfaction targets per grade of service (中物协 2004 等级标准). */
export const SERVICE_GRADE_TARGETS = {
  1: { emergencyArrivalMs: 30 * MINUTE_MS, satisfactionTarget: 80 },
  2: { emergencyArrivalMs: HOUR_MS, satisfactionTarget: 75 },
  3: { emergencyArrivalMs: 2 * HOUR_MS, satisfactionTarget: 70 },
} as const satisfies Record<1 | 2 | 3, { emergencyArrivalMs: number; satisfactionTarget: number }>

/** Common contract KPIs: ordinary repairs handled within 24 h, complaints answered within 24 h. */
export const DEFAULT_TARGETS = {
  ordinaryResolutionMs: 24 * HOUR_MS,
  complaintResponseMs: 24 * HOUR_MS,
} as const satisfies Record<string, number>

/** The share of the target after which a running clock shows a warning. */
export const DEFAULT_WARNING_SHARE = 0.8

export interface BusinessCalendar {
  /** IANA zone of the community, e.g. 'Asia/Shanghai'. */
  timeZone: string
  /** ISO weekdays with business hours: 1 = Monday … 7 = Sunday. */
  days: number[]
  /** Local 'HH:MM' the business day opens. */
  start: string
  /** Local 'HH:MM' it closes, after `start` ('24:00' allowed). */
  end: string
  /** Local 'YYYY-MM-DD' dates with no business time, whatever their weekday. */
  holidays?: string[]
  /** Local 'YYYY-MM-DD' dates that are business days whatever their weekday (调休 make-up workdays). */
  workdays?: string[]
}

export type ClockMode = { kind: 'calendar' } | { kind: 'business'; calendar: BusinessCalendar }

/** A paused interval; `to: null` means the pause is still running. */
export interface Pause {
  from: Date
  to: Date | null
}

export type ClockStateName = 'running' | 'paused' | 'warning' | 'breached' | 'met' | 'met_late'

export interface ClockState {
  elapsedMs: number
  targetMs: number
  /** Negative once the target is exceeded. */
  remainingMs: number
  state: ClockStateName
  /** When the target is (or was) reached; null while an open pause makes it unknown. */
  dueAt: Date | null
}

export interface ClockStateOptions {
  /** When the clock was stopped (the ticket was accepted / arrived / resolved), if it was. */
  stoppedAt?: Date | null
  warningShare?: number
}

// ── public functions ────────────────────────────────────────────────────────────────────────────────

/** Counted time between `startedAt` and `at`: paused time and (in business mode) closed hours excluded. */
export function elapsedMs(mode: ClockMode, startedAt: Date, at: Date, pauses: readonly Pause[]): number {
  const until = at.getTime()
  let counted = 0
  for (const [from, to] of countingSegments(mode, startedAt.getTime(), pauses)) {
    if (from >= until) break
    counted += Math.min(to, until) - from
  }
  return counted
}

/**
 * The first instant at which the counted time reaches `targetMs`. Null when an open pause begins before
 * that point: how long the pause lasts is not known yet, so neither is the due time. (If the target was
 * reached before the open pause began, that instant is known and returned.)
 */
export function dueAt(
  mode: ClockMode,
  startedAt: Date,
  targetMs: number,
  pauses: readonly Pause[],
): Date | null {
  assertWholeMs(targetMs, 'targetMs')
  if (targetMs === 0) return new Date(startedAt.getTime())
  let remaining = targetMs
  for (const [from, to] of countingSegments(mode, startedAt.getTime(), pauses)) {
    if (to - from >= remaining) return new Date(from + remaining)
    remaining -= to - from
  }
  return null
}

/** The instant the counted time reaches floor(targetMs × share): when the clock starts warning. */
export function warningAt(
  mode: ClockMode,
  startedAt: Date,
  targetMs: number,
  pauses: readonly Pause[],
  share: number = DEFAULT_WARNING_SHARE,
): Date | null {
  return dueAt(mode, startedAt, warningThresholdMs(targetMs, share), pauses)
}

/**
 * floor(targetMs × share) in integer arithmetic. The share is taken to basis points (0.8 → 8000/10000),
 * which is exact for any share written with up to four decimals.
 */
export function warningThresholdMs(targetMs: number, share: number = DEFAULT_WARNING_SHARE): number {
  assertWholeMs(targetMs, 'targetMs')
  if (!(share > 0 && share <= 1)) throw new RangeError(`warning share must be in (0, 1], got ${share}`)
  const basisPoints = BigInt(Math.round(share * 10_000))
  return Number((BigInt(targetMs) * basisPoints) / 10_000n)
}

/**
 * Where a clock stands at `at`. A stopped clock is `met` (within target) or `met_late`; a running one is
 * `breached` once past its target (even while paused: the breach already happened), else `paused` inside a
 * pause, else `warning` from the warning threshold on, else `running`. Reaching the target exactly is on time.
 */
export function clockState(
  mode: ClockMode,
  startedAt: Date,
  targetMs: number,
  pauses: readonly Pause[],
  at: Date,
  options: ClockStateOptions = {},
): ClockState {
  const stoppedAt = options.stoppedAt ?? null
  const stopped = stoppedAt !== null && stoppedAt.getTime() <= at.getTime()
  const elapsed = elapsedMs(mode, startedAt, stopped ? stoppedAt : at, pauses)
  const due = dueAt(mode, startedAt, targetMs, pauses)
  const summary = { elapsedMs: elapsed, targetMs, remainingMs: targetMs - elapsed, dueAt: due }
  if (stopped) return { ...summary, state: elapsed <= targetMs ? 'met' : 'met_late' }
  if (elapsed > targetMs) return { ...summary, state: 'breached' }
  if (isPausedAt(pauses, at.getTime())) return { ...summary, state: 'paused' }
  const warning = elapsed >= warningThresholdMs(targetMs, options.warningShare ?? DEFAULT_WARNING_SHARE)
  return { ...summary, state: warning ? 'warning' : 'running' }
}

/** The UTC instant of a local wall time ('YYYY-MM-DD', 'HH:MM') in a zone; see `instantOfWallTime`. */
export function zonedTimeToInstant(timeZone: string, localDate: string, localTime: string): Date {
  return new Date(
    instantOfWallTime(timeZone, epochDayOf(localDate) * DAY_MS + minutesOf(localTime) * MINUTE_MS),
  )
}

/** Problems with a calendar, in words; empty when it is usable. */
export function calendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = []
  if (!isTimeZone(calendar.timeZone)) problems.push(`unknown time zone "${calendar.timeZone}"`)
  if (calendar.days.length === 0) problems.push('no business days')
  for (const day of calendar.days) {
    if (!Number.isInteger(day) || day < 1 || day > 7) problems.push(`weekday ${day} is not 1..7`)
  }
  const start = TIME.test(calendar.start) ? minutesOf(calendar.start) : null
  const end = TIME.test(calendar.end) ? minutesOf(calendar.end) : null
  if (start === null) problems.push(`start "${calendar.start}" is not HH:MM`)
  if (end === null) problems.push(`end "${calendar.end}" is not HH:MM`)
  if (start !== null && end !== null && start >= end)
    problems.push('the business day must end after it starts')
  for (const date of [...(calendar.holidays ?? []), ...(calendar.workdays ?? [])]) {
    if (!isLocalDate(date)) problems.push(`"${date}" is not a YYYY-MM-DD date`)
  }
  return problems
}

// ── counting segments ───────────────────────────────────────────────────────────────────────────────

type Interval = readonly [from: number, to: number]

/**
 * The intervals in which a clock counts, in order: open time (the business windows, or all time) from
 * `startedAt` on, minus the pauses. Ends for good where an open pause begins; otherwise endless.
 */
function* countingSegments(
  mode: ClockMode,
  startedAt: number,
  pauses: readonly Pause[],
): Generator<Interval> {
  const paused = mergedPauses(pauses, startedAt)
  const openWindows =
    mode.kind === 'calendar' ? allTime(startedAt) : businessWindows(mode.calendar, startedAt)
  let next = 0 // first pause that may still overlap the current window (both lists are sorted)
  for (const [windowFrom, windowTo] of openWindows) {
    let from = windowFrom
    while (next < paused.length && paused[next]![1] <= from) next++
    for (let i = next; i < paused.length && paused[i]![0] < windowTo; i++) {
      const [pauseFrom, pauseTo] = paused[i]!
      if (pauseFrom > from) yield [from, pauseFrom]
      from = Math.max(from, pauseTo)
    }
    if (from >= END_OF_TIME_MS) return // inside an open pause: nothing counts any more
    if (from < windowTo) yield [from, windowTo]
  }
}

/** Pauses clipped to start no earlier than `startedAt`, sorted, with overlapping and touching ones joined. */
function mergedPauses(pauses: readonly Pause[], startedAt: number): Interval[] {
  const clipped = pauses
    .map(
      ({ from, to }): Interval => [
        Math.max(from.getTime(), startedAt),
        to === null ? END_OF_TIME_MS : to.getTime(),
      ],
    )
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const [from, to] of clipped) {
    const last = merged.at(-1)
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to)
    else merged.push([from, to])
  }
  return merged
}

function* allTime(from: number): Generator<Interval> {
  yield [from, END_OF_TIME_MS]
}

/** Business windows from the local day containing `from` onwards, clipped to start at `from`. */
function* businessWindows(calendar: BusinessCalendar, from: number): Generator<Interval> {
  const problems = calendarProblems(calendar)
  if (problems.length > 0) throw new RangeError(`invalid business calendar: ${problems.join('; ')}`)
  const isBusinessDay = businessDayTest(calendar)
  const opensAt = minutesOf(calendar.start) * MINUTE_MS
  const closesAt = minutesOf(calendar.end) * MINUTE_MS
  // Every week has a business day and the exception lists are finite, so this never runs dry.
  for (let day = localEpochDay(calendar.timeZone, from); ; day++) {
    if (!isBusinessDay(day)) continue
    const windowFrom = instantOfWallTime(calendar.timeZone, day * DAY_MS + opensAt)
    const windowTo = instantOfWallTime(calendar.timeZone, day * DAY_MS + closesAt)
    const clippedFrom = Math.max(windowFrom, from)
    // A window can come out empty, e.g. when a spring-forward gap swallows its opening hour.
    if (windowTo > clippedFrom) yield [clippedFrom, windowTo]
  }
}

function businessDayTest(calendar: BusinessCalendar): (epochDay: number) => boolean {
  const weekdays = new Set(calendar.days)
  const holidays = new Set(calendar.holidays ?? [])
  const workdays = new Set(calendar.workdays ?? [])
  return (epochDay) => {
    const date = localDateOf(epochDay)
    if (holidays.has(date)) return false
    return workdays.has(date) || weekdays.has(isoWeekday(epochDay))
  }
}

function isPausedAt(pauses: readonly Pause[], at: number): boolean {
  return pauses.some(({ from, to }) => from.getTime() <= at && (to === null || at < to.getTime()))
}

// ── time zones ──────────────────────────────────────────────────────────────────────────────────────
// A "wall time" below is a local date and time encoded as milliseconds as if it were UTC; the zone offset
// is wall time minus the instant.

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The local wall time of an instant in a zone, to the millisecond. */
function wallTimeOf(timeZone: string, instant: number): number {
  const part = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const { type, value } of formatterFor(timeZone).formatToParts(instant)) {
    if (type in part) part[type as keyof typeof part] = Number(value)
  }
  const wholeSeconds = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second)
  return wholeSeconds + (((instant % 1000) + 1000) % 1000)
}

function offsetAt(timeZone: string, instant: number): number {
  return wallTimeOf(timeZone, instant) - instant
}

/**
 * The instant of a local wall time. Tries the offsets in force a day before and a day after (a zone changes
 * offset at most once in that span) and keeps one that maps back to the same wall time: the earlier when
 * the wall time happens twice (autumn overlap). A wall time skipped by a spring-forward gap maps to the
 * instant the same length of time after the gap begins, as clocks moved forward would show it.
 */
function instantOfWallTime(timeZone: string, wallTime: number): number {
  const offsetBefore = offsetAt(timeZone, wallTime - DAY_MS)
  const offsetAfter = offsetAt(timeZone, wallTime + DAY_MS)
  const candidates = [wallTime - offsetBefore, wallTime - offsetAfter].sort((a, b) => a - b)
  const exact = candidates.find((instant) => wallTimeOf(timeZone, instant) === wallTime)
  return exact ?? wallTime - offsetBefore
}

function localEpochDay(timeZone: string, instant: number): number {
  return Math.floor(wallTimeOf(timeZone, instant) / DAY_MS)
}

function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

// ── civil dates and times ───────────────────────────────────────────────────────────────────────────

const TIME = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return hours! * 60 + minutes!
}

function isLocalDate(date: string): boolean {
  return DATE.test(date) && localDateOf(epochDayOf(date)) === date
}

function epochDayOf(date: string): number {
  const match = DATE.exec(date)
  if (match === null) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`)
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS
}

function localDateOf(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10)
}

/** 1970-01-01 (epoch day 0) was a Thursday, ISO weekday 4. */
function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1
}

function assertWholeMs(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number of ms ≥ 0`)
}
