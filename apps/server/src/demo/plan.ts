import { type PlannedBuilding, type PlannedUnit, planBuildings } from './estate-plan'
import { type PlannedParkingSpace, type PlannedVehicle, planParking } from './parking-plan'
import { PeopleFactory } from './people'
import { SeededRandom } from './random'
import {
  type PlannedOccupancy,
  type PlannedOwnership,
  type PlannedParty,
  planResidents,
} from './residents-plan'

export interface DemoPlan {
  buildings: PlannedBuilding[]
  units: (PlannedUnit & { sold: boolean })[]
  parties: PlannedParty[]
  ownerships: PlannedOwnership[]
  occupancies: PlannedOccupancy[]
  spaces: PlannedParkingSpace[]
  vehicles: PlannedVehicle[]
}

/**
 * The whole demo estate as data, the same on every run. Each part draws from its own seed, so changing how
 * people are made does not move a single unit area.
 */
export function planDemoEstate(): DemoPlan {
  const { buildings, units } = planBuildings(new SeededRandom(20_140_930))
  const residents = planResidents(new SeededRandom(1085), new PeopleFactory(new SeededRandom(2285)), units)
  const { spaces, vehicles } = planParking(new SeededRandom(600), residents)
  return {
    buildings,
    units: units.map((unit, i) => ({ ...unit, sold: !residents.unsold.has(i) })),
    parties: residents.parties,
    ownerships: residents.ownerships,
    occupancies: residents.occupancies,
    spaces,
    vehicles,
  }
}
