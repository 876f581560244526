import type { PlannedUnit } from './estate-plan'
import { demoLogin } from './logins'
import type { Gender, PeopleFactory, Person } from './people'
import type { SeededRandom } from './random'

export const DELIVERY_DATE = '2014-09-30'
export const DEVELOPER_NAME = '上海翠湖房地产开发有限公司'
/** The demo owner's two units (lives in the first, lets the second) and the committee chair's one. */
export const OWNER_LOGIN_UNITS = ['3-2-1501', '12-1-601'] as const
export const CHAIR_LOGIN_UNIT = '9-1-1802'

const UNSOLD_UNITS = 25
/** Owners of several units besides the demo owner: [how many owners, units each]. */
const MULTI_UNIT_OWNERS: ReadonlyArray<readonly [number, number]> = [
  [19, 2],
  [10, 3],
]

export interface PlannedParty {
  kind: 'person' | 'developer'
  name: string
  phone: string | null
  idNumber: string | null
  /** The demo login whose account this party is (owners who use the resident app). */
  loginPhone: string | null
}

/** Unit and party are indexes into the plan's unit and party lists. */
export interface PlannedOwnership {
  unit: number
  party: number
  startDate: string
  endDate: string | null
}

export interface PlannedOccupancy extends PlannedOwnership {
  relation: 'owner' | 'family' | 'tenant'
}

export interface ResidentsPlan {
  parties: PlannedParty[]
  unsold: Set<number>
  ownerships: PlannedOwnership[]
  occupancies: PlannedOccupancy[]
  /** Parties owning a unit today, and tenants living in one today: who parks and drives. */
  currentOwners: number[]
  currentTenants: number[]
  developer: number
  demoOwner: number
}

const DAY_MS = 86_400_000
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS)

/**
 * Who owns and lives where: 25 units the developer still holds (unsold), 30 owners of two or three units
 * (the demo owner among them), spouses co-owning some units, resales with the earlier owner kept as history,
 * owners living in most homes, tenants in some, a few empty.
 */
export function planResidents(
  rng: SeededRandom,
  people: PeopleFactory,
  units: readonly PlannedUnit[],
): ResidentsPlan {
  const plan: ResidentsPlan = {
    parties: [],
    unsold: new Set(),
    ownerships: [],
    occupancies: [],
    currentOwners: [],
    currentTenants: [],
    developer: 0,
    demoOwner: 0,
  }
  const addParty = (party: PlannedParty) => plan.parties.push(party) - 1
  const addPerson = (person: Person, loginPhone: string | null = null) =>
    addParty({
      kind: 'person',
      name: person.name,
      phone: person.phone,
      idNumber: person.idNumber,
      loginPhone,
    })
  const between = (from: string, to: string) => addDays(from, rng.int(0, daysBetween(from, to)))
  const opposite = (gender: Gender): Gender => (gender === 'male' ? 'female' : 'male')

  const unitOf = new Map(units.map((u, i) => [u.code, i]))
  const reserved = [...OWNER_LOGIN_UNITS, CHAIR_LOGIN_UNIT].map((code) => {
    const index = unitOf.get(code)
    if (index === undefined) throw new Error(`demo plan: unit ${code} does not exist`)
    return index
  })
  const pool = rng.shuffle(units.map((_, i) => i).filter((i) => !reserved.includes(i)))

  plan.developer = addParty({
    kind: 'developer',
    name: DEVELOPER_NAME,
    phone: null,
    idNumber: null,
    loginPhone: null,
  })
  for (const unit of pool.splice(0, UNSOLD_UNITS)) {
    plan.unsold.add(unit)
    plan.ownerships.push({ unit, party: plan.developer, startDate: DELIVERY_DATE, endDate: null })
  }

  const letTo = (unit: number, from: string) => {
    // Some homes had an earlier tenant, who moved out before the current one moved in.
    if (rng.chance(0.3)) {
      const start = between(from, '2018-12-31')
      const earlier = addPerson(people.person({ bornFrom: 1980, bornTo: 1998 }))
      plan.occupancies.push({
        unit,
        party: earlier,
        relation: 'tenant',
        startDate: start,
        endDate: between(addDays(start, 180), '2020-12-31'),
      })
    }
    const tenant = addPerson(people.person({ bornFrom: 1985, bornTo: 2002 }))
    plan.currentTenants.push(tenant)
    plan.occupancies.push({
      unit,
      party: tenant,
      relation: 'tenant',
      startDate: between('2021-01-04', '2025-10-31'),
      endDate: null,
    })
  }

  /** One household buying `homes`: the owner (and maybe a spouse) live in the first, let or leave the rest. */
  const household = (
    homes: number[],
    owner: Person,
    options: { loginPhone?: string; coOwned: boolean; livesIn: boolean; letsTheRest?: boolean },
  ) => {
    const ownerParty = addPerson(owner, options.loginPhone ?? null)
    const owners = [ownerParty]
    if (options.coOwned) {
      owners.push(addPerson(people.person({ bornFrom: 1955, bornTo: 1990, gender: opposite(owner.gender) })))
    }
    plan.currentOwners.push(...owners)
    const bought = between(DELIVERY_DATE, '2015-06-30')
    homes.forEach((unit, i) => {
      for (const party of owners) plan.ownerships.push({ unit, party, startDate: bought, endDate: null })
      if (i === 0 && options.livesIn) {
        const movedIn = addDays(bought, rng.int(30, 240))
        for (const party of owners)
          plan.occupancies.push({ unit, party, relation: 'owner', startDate: movedIn, endDate: null })
        if (rng.chance(0.15)) {
          const elder = rng.chance(0.5)
          const relative = people.person(
            elder ? { bornFrom: 1938, bornTo: 1956 } : { bornFrom: 1996, bornTo: 2006 },
          )
          plan.occupancies.push({
            unit,
            party: addPerson(relative),
            relation: 'family',
            startDate: movedIn,
            endDate: null,
          })
        }
      } else if (i > 0 ? (options.letsTheRest ?? rng.chance(0.6)) : rng.chance(0.67)) {
        letTo(unit, addDays(bought, 120))
      }
    })
    return ownerParty
  }
  const buyer = (gender?: Gender) => people.person({ bornFrom: 1952, bornTo: 1990, gender })

  const owner = demoLogin('owner')
  plan.demoOwner = household(
    reserved.slice(0, 2),
    { ...buyer('female'), name: owner.name, phone: owner.phone },
    {
      loginPhone: owner.phone,
      coOwned: false,
      livesIn: true,
      letsTheRest: true,
    },
  )
  const chair = demoLogin('committee_member')
  household(
    [reserved[2]!],
    { ...buyer('male'), name: chair.name, phone: chair.phone },
    {
      loginPhone: chair.phone,
      coOwned: false,
      livesIn: true,
    },
  )

  for (const [owners, each] of MULTI_UNIT_OWNERS) {
    for (let i = 0; i < owners; i++)
      household(pool.splice(0, each), buyer(), { coOwned: rng.chance(0.3), livesIn: true })
  }

  for (const unit of pool) {
    if (rng.chance(0.06)) {
      // A resale: the first buyer's ownership and home end the day before the second buyer's begin.
      const first = addPerson(buyer())
      const bought = between(DELIVERY_DATE, '2015-06-30')
      const sold = between('2016-03-01', '2025-06-30')
      plan.ownerships.push({ unit, party: first, startDate: bought, endDate: addDays(sold, -1) })
      plan.occupancies.push({
        unit,
        party: first,
        relation: 'owner',
        startDate: addDays(bought, 90),
        endDate: addDays(sold, -1),
      })
      const second = addPerson(buyer())
      plan.currentOwners.push(second)
      plan.ownerships.push({ unit, party: second, startDate: sold, endDate: null })
      plan.occupancies.push({
        unit,
        party: second,
        relation: 'owner',
        startDate: addDays(sold, 30),
        endDate: null,
      })
      continue
    }
    household([unit], buyer(), { coOwned: rng.chance(0.12), livesIn: rng.chance(0.85) })
  }
  return plan
}
