/** Dates and times of the create form: native inputs give local text; the API takes ISO with an offset. */

const pad = (n: number) => String(n).padStart(2, '0')

/** The local calendar date of `date` as YYYY-MM-DD. */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** YYYY-MM-DD plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return localDate(new Date(y!, m! - 1, d! + days))
}

/** The value of a datetime-local input ("2026-05-01T09:00") for the given local date and time. */
export const localDateTime = (date: string, time: string): string => `${date}T${time}`

/** The offset of this browser at that moment, as "+08:00". */
function offsetOf(date: Date): string {
  const minutes = -date.getTimezoneOffset()
  const sign = minutes >= 0 ? '+' : '-'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** "2026-05-01T09:00" (local) → "2026-05-01T09:00:00+08:00"; null when it is not such a value. */
export function localToIso(value: string | null | undefined): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value ?? '')
  if (!match) return null
  const date = new Date(`${match[1]}T${match[2]}${match[3] ?? ':00'}`)
  if (Number.isNaN(date.getTime())) return null
  return `${match[1]}T${match[2]}${match[3] ?? ':00'}${offsetOf(date)}`
}

/** This browser's offset now, to say in which time zone the form's times are read. */
export const browserOffset = (): string => `UTC${offsetOf(new Date())}`
