import type { Language } from './translate'

/** A timestamp from the API (ISO text) in the reader's language; the text itself when unparseable. */
export function formatDateTime(lang: Language, iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}
