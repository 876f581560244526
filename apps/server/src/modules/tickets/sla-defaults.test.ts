import { TICKET_KINDS, TICKET_PRIORITIES, type TicketKind, type TicketPriority } from '@meihao/contracts'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TARGETS, SERVICE_GRADE_TARGETS } from './sla-clock'
import { defaultTargets, ON_SITE_KINDS, type SlaTargets } from './sla-defaults'

const HOUR = 60
const DAY = 24 * HOUR
const GRADES = [1, 2, 3] as const

/** What the domain file asks for, written out independently of the code. */
function expected(kind: TicketKind, priority: TicketPriority, grade: 1 | 2 | 3): SlaTargets {
  switch (kind) {
    case 'complaint':
      // Answered within 24 h (contract KPI); answered in substance within 10 days (杭州 第50条).
      return {
        responseMinutes: 24 * HOUR,
        arrivalMinutes: null,
        resolutionMinutes: 10 * DAY,
        clockMode: 'calendar',
      }
    case 'inquiry':
    case 'suggestion':
    case 'praise':
      return {
        responseMinutes: 24 * HOUR,
        arrivalMinutes: null,
        resolutionMinutes: 3 * DAY,
        clockMode: 'calendar',
      }
    case 'repair_home':
    case 'repair_common':
    case 'hazard': {
      const byPriority: Record<TicketPriority, Omit<SlaTargets, 'clockMode'>> = {
        emergency: {
          responseMinutes: 15,
          arrivalMinutes: { 1: 30, 2: 60, 3: 120 }[grade],
          resolutionMinutes: 24 * HOUR,
        },
        high: { responseMinutes: 30, arrivalMinutes: 4 * HOUR, resolutionMinutes: 24 * HOUR },
        normal: { responseMinutes: HOUR, arrivalMinutes: 24 * HOUR, resolutionMinutes: 24 * HOUR },
        low: { responseMinutes: 4 * HOUR, arrivalMinutes: 3 * DAY, resolutionMinutes: 3 * DAY },
      }
      return { ...byPriority[priority], clockMode: 'calendar' }
    }
  }
}

const everyCase = TICKET_KINDS.flatMap((kind) =>
  TICKET_PRIORITIES.flatMap((priority) => GRADES.map((grade) => [kind, priority, grade] as const)),
)

describe('defaultTargets', () => {
  it('covers 7 kinds × 4 priorities × 3 grades', () => {
    expect(TICKET_KINDS).toHaveLength(7)
    expect(TICKET_PRIORITIES).toHaveLength(4)
    expect(everyCase).toHaveLength(84)
  })

  it.each(everyCase)('%s, %s, grade %i', (kind, priority, grade) => {
    expect(defaultTargets(kind, priority, grade)).toEqual(expected(kind, priority, grade))
  })

  it('targets are whole, positive minutes, in calendar time', () => {
    for (const [kind, priority, grade] of everyCase) {
      const targets = defaultTargets(kind, priority, grade)
      for (const minutes of [targets.responseMinutes, targets.arrivalMinutes, targets.resolutionMinutes]) {
        if (minutes === null) continue
        expect(Number.isSafeInteger(minutes)).toBe(true)
        expect(minutes).toBeGreaterThan(0)
      }
      expect(targets.clockMode).toBe('calendar')
    }
  })

  it('only repairs (in-home and common-area) and hazards have an arrival clock', () => {
    expect(ON_SITE_KINDS).toEqual(['repair_home', 'repair_common', 'hazard'])
    for (const [kind, priority, grade] of everyCase) {
      const { arrivalMinutes } = defaultTargets(kind, priority, grade)
      if (ON_SITE_KINDS.includes(kind)) expect(arrivalMinutes).not.toBeNull()
      else expect(arrivalMinutes).toBeNull()
    }
    for (const kind of ['complaint', 'inquiry', 'suggestion', 'praise'] as const)
      expect(defaultTargets(kind, 'emergency', 1).arrivalMinutes).toBeNull()
  })

  it('emergency repairs: on site within 30 min / 1 h / 2 h for grades 1 / 2 / 3 (中物协 2004)', () => {
    for (const kind of ON_SITE_KINDS) {
      expect(defaultTargets(kind, 'emergency', 1).arrivalMinutes).toBe(30)
      expect(defaultTargets(kind, 'emergency', 2).arrivalMinutes).toBe(60)
      expect(defaultTargets(kind, 'emergency', 3).arrivalMinutes).toBe(120)
    }
    for (const grade of GRADES)
      expect(defaultTargets('repair_home', 'emergency', grade).arrivalMinutes! * 60_000).toBe(
        SERVICE_GRADE_TARGETS[grade].emergencyArrivalMs,
      )
  })

  it('the grade of service matters only to the emergency arrival clock', () => {
    for (const kind of TICKET_KINDS)
      for (const priority of TICKET_PRIORITIES) {
        const [one, two, three] = GRADES.map((grade) => defaultTargets(kind, priority, grade))
        const { arrivalMinutes: _a1, ...rest1 } = one!
        const { arrivalMinutes: _a3, ...rest3 } = three!
        expect(rest1).toEqual(rest3)
        if (priority === 'emergency' && ON_SITE_KINDS.includes(kind))
          expect(new Set([one!.arrivalMinutes, two!.arrivalMinutes, three!.arrivalMinutes]).size).toBe(3)
        else expect(one).toEqual(three)
      }
  })

  it('complaints: answered within 24 h, resolved within 10 days, whatever the priority', () => {
    for (const priority of TICKET_PRIORITIES)
      for (const grade of GRADES)
        expect(defaultTargets('complaint', priority, grade)).toEqual({
          responseMinutes: 1440,
          arrivalMinutes: null,
          resolutionMinutes: 14_400,
          clockMode: 'calendar',
        })
    expect(defaultTargets('complaint', 'normal', 2).responseMinutes * 60_000).toBe(
      DEFAULT_TARGETS.complaintResponseMs,
    )
  })

  it('inquiries, suggestions and praise: answered within 24 h, closed within 3 days', () => {
    for (const kind of ['inquiry', 'suggestion', 'praise'] as const)
      for (const priority of TICKET_PRIORITIES)
        expect(defaultTargets(kind, priority, 1)).toMatchObject({
          responseMinutes: 1440,
          resolutionMinutes: 4320,
        })
  })

  it('ordinary (normal, high and emergency) repairs are resolved within 24 h; low-priority ones within 3 days', () => {
    for (const kind of ON_SITE_KINDS) {
      for (const priority of ['emergency', 'high', 'normal'] as const)
        expect(defaultTargets(kind, priority, 2).resolutionMinutes * 60_000).toBe(
          DEFAULT_TARGETS.ordinaryResolutionMs,
        )
      expect(defaultTargets(kind, 'low', 2).resolutionMinutes).toBe(3 * DAY)
    }
  })

  it('higher priority never means a longer target, and no clock outlasts resolution', () => {
    const rank = ['emergency', 'high', 'normal', 'low'] as const
    for (const kind of TICKET_KINDS)
      for (const grade of GRADES) {
        const targets = rank.map((priority) => defaultTargets(kind, priority, grade))
        for (let i = 1; i < targets.length; i++) {
          const [urgent, calmer] = [targets[i - 1]!, targets[i]!]
          expect(urgent.responseMinutes).toBeLessThanOrEqual(calmer.responseMinutes)
          expect(urgent.resolutionMinutes).toBeLessThanOrEqual(calmer.resolutionMinutes)
          if (urgent.arrivalMinutes !== null && calmer.arrivalMinutes !== null)
            expect(urgent.arrivalMinutes).toBeLessThanOrEqual(calmer.arrivalMinutes)
        }
        for (const t of targets) {
          expect(t.responseMinutes).toBeLessThanOrEqual(t.resolutionMinutes)
          if (t.arrivalMinutes !== null) {
            expect(t.responseMinutes).toBeLessThanOrEqual(t.arrivalMinutes)
            expect(t.arrivalMinutes).toBeLessThanOrEqual(t.resolutionMinutes)
          }
        }
      }
  })

  it('answers a fresh object each time (callers may adjust it)', () => {
    const first = defaultTargets('repair_home', 'normal', 2)
    first.responseMinutes = 1
    expect(defaultTargets('repair_home', 'normal', 2).responseMinutes).toBe(60)
  })
})
