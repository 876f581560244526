/**
 * Report figures with integer arithmetic only: rates as per mille (rounded down, as the server does),
 * shown with one decimal; averages in hundredths, rounded half up.
 */

/** num / den in per mille, rounded down; null when nothing was counted. */
export function permilleOf(num: number, den: number): number | null {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0 || num < 0) return null
  return Math.floor((num * 1000) / den)
}

/** 875 ‰ → "87.5%"; null → "—". */
export function permilleText(permille: number | null | undefined): string {
  if (permille === null || permille === undefined || !Number.isSafeInteger(permille)) return '—'
  const sign = permille < 0 ? '-' : ''
  const abs = Math.abs(permille)
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}%`
}

/** A whole percent for a progress bar (display only), 0–100. */
export const barPercent = (permille: number | null | undefined) =>
  permille === null || permille === undefined ? 0 : Math.max(0, Math.min(100, Math.floor(permille / 10)))

/** sum / count to two decimals, half up: 13 / 3 → "4.33", 9 / 2 → "4.50"; null → "—". */
export function averageText(sum: number, count: number): string {
  if (!Number.isSafeInteger(sum) || !Number.isSafeInteger(count) || count <= 0 || sum < 0) return '—'
  const hundredths = Math.floor((sum * 200 + count) / (2 * count))
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`
}
