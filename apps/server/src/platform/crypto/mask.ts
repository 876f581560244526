/** Display masks required by the privacy rules: 138****1234, 110101********1234, 张*. */
// Short values would show (almost) every character through the usual pattern: hide them whole.
export function maskPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '****'
}

export function maskIdNumber(id: string): string {
  return id.length >= 15 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '****'
}

export function maskName(name: string): string {
  const chars = [...name]
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`
}
