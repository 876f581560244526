/**
 * The three SLA clocks of one ticket — response, arrival, resolution — and what the SLA check owes it:
 * which warnings, breaches and escalations are due at an instant, and when to look again.
 *
 * Pure (no I/O, `at` passed in), on top of sla-clock.ts. Every clock starts when the ticket is created;
 * time on hold (and waiting for the owner's quote decision) does not count.
 */
import type { ClockStateName, EscalationStep, SlaClockName, TicketSettings } from '@meihao/contracts'
import {
  type BusinessCalendar,
  type ClockMode,
  clockState,
  dueAt as dueAtOf,
  type Pause,
  warningAt,
} from './sla-clock'

const MINUTE_MS = 60_000

export interface ClockInputs {
  createdAt: Date
  targets: Record<SlaClockName, number | null>
  /** When each clock stopped, if it did. */
  stoppedAt: Record<SlaClockName, Date | null>
  pauses: readonly Pause[]
  mode: 'calendar' | 'business'
  timeZone: string
  /** Cancelled and closed tickets: no clock runs any more, nothing more is owed. */
  finished: boolean
  /** When it was closed or cancelled: a clock never stopped ends there. */
  finishedAt?: Date | null
  /** Reopens so far: the resolution clock's alerts are owed once per cycle. */
  reopenCount: number
}

export interface ClockView {
  clock: SlaClockName
  targetMs: number
  elapsedMs: number
  remainingMs: number
  state: ClockStateName
  dueAt: Date | null
  warningAt: Date | null
  stoppedAt: Date | null
}

export type AlertKind = 'warning' | 'breach' | 'escalation'

/** One alert the SLA check owes: its key makes raising it twice harmless. */
export interface DueAlert {
  clock: SlaClockName
  kind: AlertKind
  level: number
  cycle: number
  /** When it fell due. */
  at: Date
}

export const alertKey = (a: Pick<DueAlert, 'clock' | 'kind' | 'level' | 'cycle'>) =>
  `${a.clock}:${a.kind}:${a.level}:${a.cycle}`

const CLOCKS: readonly SlaClockName[] = ['response', 'arrival', 'resolution']

export function clockModeOf(
  inputs: Pick<ClockInputs, 'mode' | 'timeZone'>,
  settings: TicketSettings,
): ClockMode {
  if (inputs.mode === 'calendar') return { kind: 'calendar' }
  const calendar: BusinessCalendar = {
    timeZone: inputs.timeZone,
    days: settings.businessDays,
    start: settings.businessStart,
    end: settings.businessEnd,
    holidays: settings.holidays,
    workdays: settings.workdays,
  }
  return { kind: 'business', calendar }
}

/** Where each clock with a target stands at `at`. */
export function clockViews(inputs: ClockInputs, settings: TicketSettings, at: Date): ClockView[] {
  const mode = clockModeOf(inputs, settings)
  const share = settings.warningPercent / 100
  const views: ClockView[] = []
  for (const clock of CLOCKS) {
    const minutes = inputs.targets[clock]
    if (minutes === null) continue
    const targetMs = minutes * MINUTE_MS
    // A finished ticket's clock that was never stopped ended when the ticket did: it runs no more.
    const stoppedAt = inputs.stoppedAt[clock] ?? (inputs.finished ? (inputs.finishedAt ?? at) : null)
    const state = clockState(mode, inputs.createdAt, targetMs, inputs.pauses, at, {
      stoppedAt,
      warningShare: share,
    })
    views.push({
      clock,
      targetMs,
      elapsedMs: state.elapsedMs,
      remainingMs: state.remainingMs,
      state: state.state,
      dueAt: state.dueAt,
      warningAt: warningAt(mode, inputs.createdAt, targetMs, inputs.pauses, share),
      stoppedAt,
    })
  }
  return views
}

const SEVERITY: Record<ClockStateName, number> = {
  met: 0,
  met_late: 0,
  running: 1,
  paused: 1,
  warning: 2,
  breached: 3,
}

/** The worst state among the running clocks (what the board colours by); null when none runs. */
export function worstRunningState(views: readonly ClockView[]): ClockStateName | null {
  let worst: ClockStateName | null = null
  for (const view of views) {
    if (view.stoppedAt !== null || view.state === 'met') continue
    if (worst === null || SEVERITY[view.state] > SEVERITY[worst]) worst = view.state
  }
  return worst
}

/** The earliest due time of a running clock. */
export function earliestDue(views: readonly ClockView[]): Date | null {
  let earliest: Date | null = null
  for (const view of views) {
    if (view.stoppedAt !== null || view.dueAt === null) continue
    if (earliest === null || view.dueAt < earliest) earliest = view.dueAt
  }
  return earliest
}

export interface SlaAgenda {
  /** Alerts due by `at` that have not been raised yet, in the order they fell due. */
  due: DueAlert[]
  /** When the next alert falls due; null when nothing more is owed or an open pause hides it. */
  nextCheckAt: Date | null
}

/**
 * What the SLA check owes a ticket at `at`: for each running clock, its warning (at the warning share of
 * the target), its breach (past the target), and each escalation step (the step's minutes after the
 * breach, counted in calendar time: escalation is about people waiting, not office hours).
 */
export function slaAgenda(
  inputs: ClockInputs,
  settings: TicketSettings,
  raised: ReadonlySet<string>,
  at: Date,
): SlaAgenda {
  if (inputs.finished) return { due: [], nextCheckAt: null }
  const mode = clockModeOf(inputs, settings)
  const share = settings.warningPercent / 100
  const due: DueAlert[] = []
  let next: number | null = null
  const consider = (alert: Omit<DueAlert, 'at'>, when: Date | null) => {
    if (when === null || raised.has(alertKey(alert))) return
    if (when.getTime() <= at.getTime()) due.push({ ...alert, at: when })
    else if (next === null || when.getTime() < next) next = when.getTime()
  }
  for (const clock of CLOCKS) {
    const minutes = inputs.targets[clock]
    if (minutes === null || inputs.stoppedAt[clock] !== null) continue
    const cycle = clock === 'resolution' ? inputs.reopenCount : 0
    const targetMs = minutes * MINUTE_MS
    consider(
      { clock, kind: 'warning', level: 0, cycle },
      warningAt(mode, inputs.createdAt, targetMs, inputs.pauses, share),
    )
    // Breached means past the target: when one more millisecond has been counted (not merely one more
    // has passed — the due instant may fall at closing time or at the start of a pause).
    const breachAt = dueAtOf(mode, inputs.createdAt, targetMs + 1, inputs.pauses)
    consider({ clock, kind: 'breach', level: 0, cycle }, breachAt)
    for (const step of settings.escalation) {
      consider(
        { clock, kind: 'escalation', level: step.level, cycle },
        breachAt && new Date(breachAt.getTime() + step.afterMinutes * MINUTE_MS),
      )
    }
  }
  due.sort((a, b) => a.at.getTime() - b.at.getTime() || a.level - b.level)
  return { due, nextCheckAt: next === null ? null : new Date(next) }
}

/** The escalation steps in level order (the settings editor may list them in any order). */
export function escalationSteps(settings: TicketSettings): EscalationStep[] {
  return [...settings.escalation].sort((a, b) => a.level - b.level)
}
