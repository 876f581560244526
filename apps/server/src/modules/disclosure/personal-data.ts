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

/** The first kind of personal data found in any of the texts, or null. */
export function findPersonalData(...texts: readonly (string | null | undefined)[]): PersonalDataKind | null {
  for (const text of texts) {
    if (!text) continue
    if (ID_NUMBER.test(text)) return 'id_number'
    if (MOBILE.test(text)) return 'mobile'
  }
  return null
}
