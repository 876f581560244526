/**
 * Exact helpers over the server's counts. Areas arrive as decimal strings ("1234.56") and are compared as
 * integer hundredths (bigint), never as floats; a float percentage is made only to draw a bar.
 */

/** "1234.5" → 123450n; anything unparseable counts as zero. */
export function areaHundredths(area: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim())
  if (!match) return 0n
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))
}

/** part/total as a percentage with two decimals, for display only (0 when the total is 0). */
export function percentOf(part: bigint | number, total: bigint | number): number {
  const p = BigInt(part)
  const t = BigInt(total)
  if (t <= 0n) return 0
  return Number((p * 10000n) / t) / 100
}

/** 民法典 278: took part ≥ 2/3 of the total (exact integer predicate). */
export const reachesTwoThirds = (part: bigint | number, total: bigint | number): boolean =>
  3n * BigInt(part) >= 2n * BigInt(total)

/** The participation line of 民法典 278, as a percentage for drawing. */
export const TWO_THIRDS_PERCENT = 200 / 3
