import type { SeededRandom } from './random'
import type { ResidentsPlan } from './residents-plan'

export interface PlannedParkingSpace {
  code: string
  area: string
  kind: 'owned' | 'rented' | 'public'
  /** Party index: the owner of an owned space; the developer, who lets the rented ones; none when public. */
  owner: number | null
}

export interface PlannedVehicle {
  plate: string
  party: number
  /** Index into the planned spaces, or null for a car parked on a visitor space. */
  space: number | null
}

/** The demo owner's space and car, so the resident login has something to show. */
export const DEMO_OWNER_SPACE = 'B1-088'
const DEMO_OWNER_PLATES = ['沪A8K2M6', '沪AD73519']

const LEVELS: ReadonlyArray<readonly [string, number]> = [
  ['B1', 320],
  ['B2', 250],
]
const SURFACE_SPACES = 30
const VEHICLES_WITHOUT_SPACE = 80

const PLATE_LETTERS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ']
const SHANGHAI_ISSUERS = [...'ABCDEFGHJKLMN']
const OTHER_ISSUERS = ['苏E', '苏B', '浙A', '浙B', '皖A']

function plate(rng: SeededRandom): string {
  const r = rng.next()
  // New-energy plates: D (electric) or F (hybrid) and five digits.
  if (r < 0.12) return `沪A${rng.pick(['D', 'F'])}${String(rng.int(0, 99_999)).padStart(5, '0')}`
  const issuer = r < 0.92 ? `沪${rng.pick(SHANGHAI_ISSUERS)}` : rng.pick(OTHER_ISSUERS)
  const letters = new Set(rng.shuffle([0, 1, 2, 3, 4]).slice(0, rng.int(0, 2)))
  const serial = [0, 1, 2, 3, 4].map((i) =>
    letters.has(i) ? rng.pick(PLATE_LETTERS) : String(rng.int(0, 9)),
  )
  return issuer + serial.join('')
}

/**
 * About 600 spaces: two underground levels, most sold to owners (产权车位), a third let by the developer, some
 * public and accessible; 30 visitor spaces on the estate roads. Cars on owned and rented spaces, some without.
 */
export function planParking(
  rng: SeededRandom,
  residents: ResidentsPlan,
): { spaces: PlannedParkingSpace[]; vehicles: PlannedVehicle[] } {
  const spaces: PlannedParkingSpace[] = []
  const vehicles: PlannedVehicle[] = []
  const plates = new Set(DEMO_OWNER_PLATES)
  const newPlate = () => {
    for (;;) {
      const candidate = plate(rng)
      if (!plates.has(candidate)) {
        plates.add(candidate)
        return candidate
      }
    }
  }
  const drivers = [...residents.currentOwners, ...residents.currentTenants]

  for (const [level, count] of LEVELS) {
    for (let n = 1; n <= count; n++) {
      const code = `${level}-${String(n).padStart(3, '0')}`
      const space = spaces.length
      if (code === DEMO_OWNER_SPACE) {
        spaces.push({ code, area: '13.25', kind: 'owned', owner: residents.demoOwner })
        vehicles.push({ plate: DEMO_OWNER_PLATES[0]!, party: residents.demoOwner, space })
        continue
      }
      const r = rng.next()
      if (r < 0.58) {
        const owner = rng.pick(residents.currentOwners)
        spaces.push({ code, area: rng.chance(0.1) ? '12.72' : '13.25', kind: 'owned', owner })
        if (rng.chance(0.92)) vehicles.push({ plate: newPlate(), party: owner, space })
      } else if (r < 0.9) {
        spaces.push({
          code,
          area: rng.chance(0.1) ? '12.72' : '13.25',
          kind: 'rented',
          owner: residents.developer,
        })
        if (rng.chance(0.95)) vehicles.push({ plate: newPlate(), party: rng.pick(drivers), space })
      } else {
        // Public spaces underground are the wider accessible ones (3.3 m × 5.3 m).
        spaces.push({ code, area: '17.49', kind: 'public', owner: null })
      }
    }
  }
  for (let n = 1; n <= SURFACE_SPACES; n++) {
    spaces.push({ code: `D-${String(n).padStart(2, '0')}`, area: '12.50', kind: 'public', owner: null })
  }
  vehicles.push({ plate: DEMO_OWNER_PLATES[1]!, party: residents.demoOwner, space: null })
  for (let i = 0; i < VEHICLES_WITHOUT_SPACE; i++)
    vehicles.push({ plate: newPlate(), party: rng.pick(drivers), space: null })
  return { spaces, vehicles }
}
