import type { TicketCategory, TicketKind } from '../../api/types'

/** The rules of the ticket pages that need no browser: money, category order, keys, visit windows. */

/**
 * Integer fen as yuan: 123456 → "¥1,234.56". String arithmetic only, so no float ever rounds a price.
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) return '—'
  const sign = fen < 0 ? '-' : ''
  const digits = String(Math.abs(fen)).padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${yuan}.${digits.slice(-2)}`
}

/**
 * The active categories offered for a kind, in the company's order: each top-level category followed by
 * its children. A child whose parent is not offered for the kind stands on its own.
 */
export function categoriesFor(categories: TicketCategory[], kind: TicketKind): TicketCategory[] {
  const offered = categories.filter((c) => c.active && c.kinds.includes(kind))
  const ids = new Set(offered.map((c) => c.id))
  const bySort = (a: TicketCategory, b: TicketCategory) => a.sort - b.sort || a.name.localeCompare(b.name)
  const roots = offered.filter((c) => c.parentId === null || !ids.has(c.parentId)).sort(bySort)
  const result: TicketCategory[] = []
  const visit = (node: TicketCategory, depth: number) => {
    result.push(node)
    if (depth > 5) return
    for (const child of offered.filter((c) => c.parentId === node.id).sort(bySort)) visit(child, depth + 1)
  }
  for (const root of roots) visit(root, 0)
  return result
}

/**
 * A key for `Idempotency-Key`: a random UUID. `crypto.randomUUID` needs a secure context (https or
 * localhost); a phone opening the app over plain http on a LAN gets one from `getRandomValues` instead.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

// ── preferred visit time: a day within the week and a slot of it ──

export const VISIT_SLOTS = [
  { key: 'morning', from: 9, to: 12 },
  { key: 'afternoon', from: 14, to: 18 },
  { key: 'evening', from: 18, to: 20 },
] as const
export type VisitSlotKey = (typeof VISIT_SLOTS)[number]['key']
export const VISIT_DAYS = 7

export interface VisitChoice {
  /** Days from today (0 = today). */
  day: number
  slot: VisitSlotKey
}

/** The slots still open on a day: today's only those with more than an hour left. */
export function visitSlotsOn(day: number, now = new Date()) {
  return day === 0 ? VISIT_SLOTS.filter((s) => s.to > now.getHours() + 1) : [...VISIT_SLOTS]
}

/** The days that still have a slot open. */
export function visitDays(now = new Date()): number[] {
  return Array.from({ length: VISIT_DAYS }, (_, day) => day).filter(
    (day) => visitSlotsOn(day, now).length > 0,
  )
}

/**
 * The chosen window as instants, in the phone's own time zone (the owner is at home); a slot of today
 * that has begun starts now. Worked out once, when chosen, so a retried submit sends the same body.
 */
export function visitWindow(choice: VisitChoice, now = new Date()): { from: string; to: string } {
  const slot = VISIT_SLOTS.find((s) => s.key === choice.slot) ?? VISIT_SLOTS[0]
  const at = (hour: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + choice.day, hour)
  const from = at(slot.from)
  return {
    from: (from < now ? new Date(Math.floor(now.getTime() / 60_000) * 60_000) : from).toISOString(),
    to: at(slot.to).toISOString(),
  }
}
