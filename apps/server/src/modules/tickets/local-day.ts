// Building a DateTimeFormat costs far more than formatting with one: keep one per zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** 'YYYYMMDD' of an instant in a time zone. */
export function localDate(at: Date, timeZone: string) {
  let format = dayFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timeZone, format)
  }
  return format.format(at).replaceAll('-', '')
}

/** 'YYYY-MM-01' of an instant in a time zone: the rollup month of a ticket created then. */
export function monthOf(at: Date, timeZone: string) {
  const day = localDate(at, timeZone)
  return `${day.slice(0, 4)}-${day.slice(4, 6)}-01`
}
