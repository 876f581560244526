import { VehicleInput } from '@meihao/contracts'
import { describe, expect, it } from 'vitest'
import { areaToHundredths, hundredthsToArea } from '../platform/area'
import { DEMO_TOTAL_BUILDING_AREA, DEMO_UNIT_COUNT } from './estate-plan'
import { DEMO_LOGINS, demoLogin, formatDemoLogins } from './logins'
import { DEMO_OWNER_SPACE } from './parking-plan'
import { idNumberCheckDigit } from './people'
import { planDemoEstate } from './plan'
import { CHAIR_LOGIN_UNIT, DEVELOPER_NAME, OWNER_LOGIN_UNITS } from './residents-plan'

const plan = planDemoEstate()
const open = <T extends { endDate: string | null }>(rows: T[]) => rows.filter((r) => r.endDate === null)
const countBy = <T>(rows: T[], key: (row: T) => string | number) =>
  rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<string | number, number>())

describe('the demo plan', () => {
  it('is the same on every run', () => {
    expect(planDemoEstate()).toEqual(plan)
  })

  it('has exactly 1,085 units whose building areas add up to the documented total', () => {
    expect(plan.units).toHaveLength(DEMO_UNIT_COUNT)
    const total = plan.units.reduce((sum, u) => sum + areaToHundredths(u.buildingArea), 0n)
    expect(hundredthsToArea(total)).toBe(DEMO_TOTAL_BUILDING_AREA)
    expect(DEMO_TOTAL_BUILDING_AREA).toBe('228499.96')
    expect(new Set(plan.units.map((u) => u.code)).size).toBe(DEMO_UNIT_COUNT)
  })

  it('keeps every exclusive area between 78 % and 82 % of its building area, never above it', () => {
    for (const u of plan.units) {
      const building = areaToHundredths(u.buildingArea)
      const exclusive = areaToHundredths(u.exclusiveArea)
      expect(exclusive * 100n >= building * 78n && exclusive * 100n <= building * 82n, u.code).toBe(true)
      expect(u.buildingArea).toMatch(/^\d+\.\d\d$/)
    }
  })

  it('has 20 buildings: high-rises of 18–33 floors and 11-floor 洋房 with 2–4 flats per floor', () => {
    expect(plan.buildings).toHaveLength(20)
    for (const b of plan.buildings)
      expect(b.floors === 11 || (b.floors >= 18 && b.floors <= 33), b.code).toBe(true)
    expect(plan.buildings.some((b) => b.floors === 11) && plan.buildings.some((b) => b.floors >= 30)).toBe(
      true,
    )
    const flatsPerFloor = countBy(plan.units, (u) => u.code.replace(/\d\d$/, ''))
    for (const [floor, flats] of flatsPerFloor) expect(flats >= 2 && flats <= 4, String(floor)).toBe(true)
    expect(plan.units.map((u) => u.code)).toContain('3-2-1501')
    for (const u of plan.units) expect(u.code).toMatch(new RegExp(`^${u.buildingCode}-\\d-${u.floor}0[1-4]$`))
  })

  it('leaves 25 units unsold, owned by the developer', () => {
    const unsold = plan.units.flatMap((u, i) => (u.sold ? [] : [i]))
    expect(unsold).toHaveLength(25)
    const developer = plan.parties.findIndex((p) => p.kind === 'developer')
    expect(plan.parties[developer]!.name).toBe(DEVELOPER_NAME)
    const developerUnits = open(plan.ownerships).filter((o) => o.party === developer)
    expect(developerUnits.map((o) => o.unit).sort()).toEqual(unsold.sort())
  })

  it('has owners of several units, co-owned units, resales, tenants and empty homes', () => {
    const unitsPerOwner = countBy(open(plan.ownerships), (o) => o.party)
    const multi = [...unitsPerOwner].filter(([party, units]) => party !== 0 && units >= 2)
    expect(multi.length).toBeGreaterThanOrEqual(30)
    expect(Math.max(...multi.map(([, units]) => units))).toBe(3)
    const coOwned = [...countBy(open(plan.ownerships), (o) => o.unit)].filter(([, owners]) => owners === 2)
    expect(coOwned.length).toBeGreaterThan(50)
    expect(plan.ownerships.filter((o) => o.endDate !== null).length).toBeGreaterThan(30)
    const lived = new Set(open(plan.occupancies).map((o) => o.unit))
    const tenanted = new Set(
      open(plan.occupancies)
        .filter((o) => o.relation === 'tenant')
        .map((o) => o.unit),
    )
    expect(lived.size / DEMO_UNIT_COUNT).toBeGreaterThan(0.85)
    expect(tenanted.size).toBeGreaterThan(80)
    for (const row of [...plan.ownerships, ...plan.occupancies]) {
      if (row.endDate) expect(row.endDate >= row.startDate).toBe(true)
    }
  })

  it('gives the demo owner two units and a car, and the committee chair one unit', () => {
    const unitCode = (i: number) => plan.units[i]!.code
    const owned = (phone: string) => {
      const party = plan.parties.findIndex((p) => p.loginPhone === phone)
      return open(plan.ownerships)
        .filter((o) => o.party === party)
        .map((o) => unitCode(o.unit))
    }
    expect(owned(demoLogin('owner').phone)).toEqual([...OWNER_LOGIN_UNITS])
    expect(owned(demoLogin('committee_member').phone)).toEqual([CHAIR_LOGIN_UNIT])
    const owner = plan.parties.findIndex((p) => p.loginPhone === demoLogin('owner').phone)
    expect(plan.parties[owner]).toMatchObject({ name: demoLogin('owner').name, phone: '13800000006' })
    const space = plan.vehicles.find((v) => v.party === owner && v.space !== null)!.space!
    expect(plan.spaces[space]).toMatchObject({ code: DEMO_OWNER_SPACE, kind: 'owned', owner })
  })

  it('makes people with valid-looking, distinct phones and ID numbers', () => {
    const people = plan.parties.filter((p) => p.kind === 'person')
    expect(new Set(people.map((p) => p.phone)).size).toBe(people.length)
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length)
    for (const p of people) {
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/)
      expect(p.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/)
      const id = p.idNumber!
      expect(id).toMatch(/^\d{17}[\dX]$/)
      expect(id[17]).toBe(idNumberCheckDigit(id.slice(0, 17)))
      expect(Number.isNaN(Date.parse(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`))).toBe(
        false,
      )
    }
  })

  it('computes the ID check digit of GB 11643', () => {
    // The standard's own example: 11010519491231002X.
    expect(idNumberCheckDigit('11010519491231002')).toBe('X')
    expect(idNumberCheckDigit('44052418800101001')).toBe('4')
  })

  it('has about 600 parking spaces of every kind and distinct, valid plates', () => {
    expect(plan.spaces).toHaveLength(600)
    expect(new Set(plan.spaces.map((s) => s.code)).size).toBe(600)
    const kinds = countBy(plan.spaces, (s) => s.kind)
    expect(kinds.get('owned')! > 250 && kinds.get('rented')! > 100 && kinds.get('public')! > 30).toBe(true)
    for (const s of plan.spaces) expect(s.kind === 'public' ? s.owner === null : s.owner !== null).toBe(true)
    expect(new Set(plan.vehicles.map((v) => v.plate)).size).toBe(plan.vehicles.length)
    for (const v of plan.vehicles)
      expect(VehicleInput.shape.plate.safeParse(v.plate).success, v.plate).toBe(true)
  })
})

describe('the demo logins', () => {
  it('are one per role, all with the same password, on distinct phones', () => {
    expect(DEMO_LOGINS.map((l) => l.phone)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `1380000000${n}`))
    expect(new Set(DEMO_LOGINS.map((l) => l.password))).toEqual(new Set(['Meihao@2026']))
  })

  it('print as an aligned table', () => {
    const lines = formatDemoLogins().split('\n')
    expect(lines[0]).toContain('Meihao@2026')
    expect(lines[1]).toMatch(/^ {2}公司管理员 {2}13800000001 {2}/)
    expect(lines[3]).toMatch(/^ {2}客服 {8}13800000003 {2}/)
  })
})
