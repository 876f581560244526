/**
 * The SLA targets a ticket gets when no policy of the company matches it (domain file: 中物协 grades,
 * common contract KPIs, 杭州's 10-day complaint answer). Pure; minutes.
 */
import type { TicketKind, TicketPriority } from '@meihao/contracts'
import { DEFAULT_TARGETS, SERVICE_GRADE_TARGETS } from './sla-clock'

export interface SlaTargets {
  responseMinutes: number
  arrivalMinutes: number | null
  resolutionMinutes: number
  clockMode: 'calendar' | 'business'
}

const MINUTE_MS = 60_000
const HOUR = 60
const DAY = 24 * HOUR

/** Kinds that send someone on site: repairs and hazards have an arrival clock. */
export const ON_SITE_KINDS: readonly TicketKind[] = ['repair_home', 'repair_common', 'hazard']

export function defaultTargets(
  kind: TicketKind,
  priority: TicketPriority,
  serviceGrade: 1 | 2 | 3,
): SlaTargets {
  if (!ON_SITE_KINDS.includes(kind)) {
    // Complaints answered within 24 h (contract KPI); a complaint's answer within 10 days (杭州 第50条).
    const response = DEFAULT_TARGETS.complaintResponseMs / MINUTE_MS
    const resolution = kind === 'complaint' ? 10 * DAY : 3 * DAY
    return {
      responseMinutes: response,
      arrivalMinutes: null,
      resolutionMinutes: resolution,
      clockMode: 'calendar',
    }
  }
  const ordinary = DEFAULT_TARGETS.ordinaryResolutionMs / MINUTE_MS
  switch (priority) {
    case 'emergency':
      // On site within the grade's emergency time: 30 min / 1 h / 2 h.
      return {
        responseMinutes: 15,
        arrivalMinutes: SERVICE_GRADE_TARGETS[serviceGrade].emergencyArrivalMs / MINUTE_MS,
        resolutionMinutes: ordinary,
        clockMode: 'calendar',
      }
    case 'high':
      return {
        responseMinutes: 30,
        arrivalMinutes: 4 * HOUR,
        resolutionMinutes: ordinary,
        clockMode: 'calendar',
      }
    case 'normal':
      return {
        responseMinutes: HOUR,
        arrivalMinutes: ordinary,
        resolutionMinutes: ordinary,
        clockMode: 'calendar',
      }
    case 'low':
      return {
        responseMinutes: 4 * HOUR,
        arrivalMinutes: 3 * DAY,
        resolutionMinutes: 3 * DAY,
        clockMode: 'calendar',
      }
  }
}
