/**
 * The unit last chosen on the 缴费 tab or paid for: the tab opens on it again when the owner comes back
 * (after paying, from a receipt). Kept for the visit only; a fresh start opens on the first unit that owes.
 */
let lastUnitId: string | null = null

export function rememberPayUnit(unitId: string): void {
  lastUnitId = unitId
}

export function rememberedPayUnit(): string | null {
  return lastUnitId
}
