/**
 * Owners' personal data never goes into what is published for everyone (notice-board page, statements):
 * free text typed by staff is checked for the two things that identify a person beyond doubt, a mainland
 * mobile number and a resident ID number. Names cannot be told from other words, so generated statements
 * carry none: units appear by code only.
 */

// The country code may precede the number without a separator (+8613812345678, 008613812345678).
const MOBILE = /(?<!\d)(?:(?:\+|00)?86)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/
const ID_NUMBER =
  /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/

export type PersonalDataKind = 'mobile' | 'id_number'

/** The personal data found in any of the texts, an ID number before a phone, or null. */
export function findPersonalData(...texts: readonly (string | null | undefined)[]): PersonalDataKind | null {
  const present = texts.filter((t): t is string => Boolean(t))
  if (present.some((t) => ID_NUMBER.test(t))) return 'id_number'
  if (present.some((t) => MOBILE.test(t))) return 'mobile'
  return null
}
