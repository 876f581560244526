/**
 * Areas as integer hundredths of a m² ("89.37" ⇄ 8937): the only form area arithmetic may take.
 * Never parse an area with Number()/parseFloat().
 */
export function areaToHundredths(area: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim())
  if (!match) throw new Error(`not an area: ${area}`)
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))
}

export function hundredthsToArea(hundredths: bigint): string {
  const sign = hundredths < 0n ? '-' : ''
  const abs = hundredths < 0n ? -hundredths : hundredths
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}

/** The form the database returns numeric(12,2) in is already "123.40"; this normalises input like "89.4". */
export const normaliseArea = (area: string) => hundredthsToArea(areaToHundredths(area))
