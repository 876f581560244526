import { areaToHundredths, hundredthsToArea } from '../platform/area'
import type { SeededRandom } from './random'

interface BuildingSpec {
  code: string
  floors: number
  entrances: number
  /** Building area (m²) of the flat at each position of a floor (户型 01, 02, …), before survey differences. */
  layouts: readonly string[]
}

/**
 * 翠湖苑: 20 buildings — high-rises of 18–33 floors and eleven-floor 洋房, two to four flats per floor and
 * entrance (梯户) — 1,085 households in all.
 */
const BUILDINGS: readonly BuildingSpec[] = [
  { code: '1', floors: 33, entrances: 1, layouts: ['197.37', '202.18'] },
  { code: '2', floors: 33, entrances: 1, layouts: ['197.37', '202.18'] },
  { code: '3', floors: 32, entrances: 2, layouts: ['187.62', '212.37'] },
  { code: '4', floors: 30, entrances: 1, layouts: ['225.30', '218.76'] },
  { code: '5', floors: 30, entrances: 1, layouts: ['225.30', '218.76'] },
  { code: '6', floors: 26, entrances: 2, layouts: ['176.91', '183.44'] },
  { code: '7', floors: 25, entrances: 1, layouts: ['143.27', '118.65', '146.82'] },
  { code: '8', floors: 24, entrances: 1, layouts: ['89.56', '68.73', '72.18', '98.34'] },
  { code: '9', floors: 18, entrances: 1, layouts: ['251.17', '256.62'] },
  { code: '10', floors: 18, entrances: 1, layouts: ['251.17', '256.62'] },
  { code: '11', floors: 18, entrances: 2, layouts: ['237.48', '243.05'] },
  { code: '12', floors: 11, entrances: 1, layouts: ['272.35', '281.90'] },
  { code: '13', floors: 11, entrances: 1, layouts: ['272.35', '281.90'] },
  { code: '14', floors: 11, entrances: 2, layouts: ['256.64', '263.13'] },
  { code: '15', floors: 11, entrances: 2, layouts: ['256.64', '263.13'] },
  { code: '16', floors: 11, entrances: 1, layouts: ['236.70', '203.26', '239.09'] },
  { code: '17', floors: 11, entrances: 1, layouts: ['236.70', '203.26', '239.09'] },
  { code: '18', floors: 11, entrances: 2, layouts: ['292.42', '301.57'] },
  { code: '19', floors: 11, entrances: 1, layouts: ['322.66', '331.21'] },
  { code: '20', floors: 11, entrances: 1, layouts: ['322.66', '331.21'] },
]

export const DEMO_UNIT_COUNT = 1085
/** Σ building area of the 1,085 units, exactly: what the seeded rows add up to in SQL numeric. */
export const DEMO_TOTAL_BUILDING_AREA = '228499.96'

export interface PlannedBuilding {
  code: string
  name: string
  floors: number
}

export interface PlannedUnit {
  buildingCode: string
  /** building-entrance-room, e.g. 3-2-1501 (building 3, entrance 2, floor 15, flat 01) */
  code: string
  floor: number
  buildingArea: string
  exclusiveArea: string
}

/**
 * Every building and unit. Flats of one layout differ by up to ±0.45 m² from floor to floor (surveyed areas
 * do); the exclusive area (专有部分) is 78–79.5 % of the building area in high-rises and 80.5–82 % in the
 * 洋房, rounded down so it never exceeds it. All in integer hundredths.
 */
export function planBuildings(rng: SeededRandom): { buildings: PlannedBuilding[]; units: PlannedUnit[] } {
  const buildings: PlannedBuilding[] = []
  const units: PlannedUnit[] = []
  for (const spec of BUILDINGS) {
    buildings.push({ code: spec.code, name: `${spec.code}号楼`, floors: spec.floors })
    const exclusiveBasisPoints = BigInt(spec.floors >= 18 ? rng.int(7800, 7950) : rng.int(8050, 8200))
    for (let entrance = 1; entrance <= spec.entrances; entrance++) {
      for (let floor = 1; floor <= spec.floors; floor++) {
        spec.layouts.forEach((layout, i) => {
          const building = areaToHundredths(layout) + BigInt(rng.int(-45, 45))
          units.push({
            buildingCode: spec.code,
            code: `${spec.code}-${entrance}-${floor}${String(i + 1).padStart(2, '0')}`,
            floor,
            buildingArea: hundredthsToArea(building),
            exclusiveArea: hundredthsToArea((building * exclusiveBasisPoints) / 10_000n),
          })
        })
      }
    }
  }
  return { buildings, units }
}
