/**
 * The units both the import and its ceiling write: row i of a community of `count` units, 200 per
 * building (20 floors × 10), areas varying, optionally one owner with a mobile number.
 */
export interface UnitRow {
  buildingCode: string
  unitCode: string
  floor: number
  buildingArea: string
  exclusiveArea: string
  deliveryDate: string
  ownerName: string
  ownerPhone: string
}

export const UNITS_PER_BUILDING = 200
const UNITS_PER_FLOOR = 10

export const buildingsFor = (units: number) => Math.ceil(units / UNITS_PER_BUILDING)
export const buildingCodeOf = (building: number) => String(building + 1)

/** Hundredths → "89.37", without floating point. */
const area = (hundredths: number) =>
  `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`

export function unitRow(i: number): UnitRow {
  const building = Math.floor(i / UNITS_PER_BUILDING)
  const floor = Math.floor((i % UNITS_PER_BUILDING) / UNITS_PER_FLOOR) + 1
  const buildingHundredths = 6_000 + ((i * 7_919) % 9_000)
  return {
    buildingCode: buildingCodeOf(building),
    unitCode: `${building + 1}-${floor}${String((i % UNITS_PER_FLOOR) + 1).padStart(2, '0')}`,
    floor,
    buildingArea: area(buildingHundredths),
    exclusiveArea: area(Math.floor((buildingHundredths * 4) / 5)),
    deliveryDate: '2015-06-30',
    ownerName: `业主${String(i + 1).padStart(6, '0')}`,
    ownerPhone: `137${String(i + 1).padStart(8, '0')}`,
  }
}
