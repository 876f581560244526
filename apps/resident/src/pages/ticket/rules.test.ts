import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TicketCategory } from '../../api/types'
import { categoriesFor, formatFen, newIdempotencyKey, visitDays, visitSlotsOn, visitWindow } from './rules'

describe('formatFen', () => {
  it('formats integer fen as yuan with two decimals, exactly', () => {
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(80)).toBe('¥0.80')
    expect(formatFen(12345)).toBe('¥123.45')
    expect(formatFen(123456789)).toBe('¥1,234,567.89')
    expect(formatFen(100_000_000)).toBe('¥1,000,000.00')
    expect(formatFen(-1999)).toBe('-¥19.99')
  })

  it('never goes through floats: amounts a float would round stay exact', () => {
    // 0.1 + 0.2 style errors: 1005 / 100 * 100 is not 1005 in binary floating point.
    expect(formatFen(1005)).toBe('¥10.05')
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91')
  })

  it('refuses what is not an integer', () => {
    expect(formatFen(1.5)).toBe('—')
    expect(formatFen(Number.NaN)).toBe('—')
  })
})

const category = (over: Partial<TicketCategory> & Pick<TicketCategory, 'id' | 'code'>): TicketCategory => ({
  parentId: null,
  name: over.code,
  kinds: ['repair_home'],
  active: true,
  sort: 0,
  ...over,
})

describe('categoriesFor', () => {
  const list = [
    category({ id: 'b', code: 'doors', sort: 2 }),
    category({ id: 'a', code: 'plumbing', sort: 1 }),
    category({ id: 'a2', code: 'drain', parentId: 'a', sort: 2 }),
    category({ id: 'a1', code: 'pipe', parentId: 'a', sort: 1 }),
    category({ id: 'c', code: 'lighting', kinds: ['repair_common'] }),
    category({ id: 'd', code: 'old', active: false }),
    category({ id: 'e1', code: 'lift-door', parentId: 'e', kinds: ['repair_home'] }),
    category({ id: 'e', code: 'lift', kinds: ['repair_common'] }),
  ]

  it('keeps the active categories of the kind, parents before their children, in sort order', () => {
    expect(categoriesFor(list, 'repair_home').map((c) => c.code)).toEqual([
      'lift-door', // its parent is not offered for the kind: it stands on its own (sort 0)
      'plumbing',
      'pipe',
      'drain',
      'doors',
    ])
    expect(categoriesFor(list, 'repair_common').map((c) => c.code)).toEqual(['lift', 'lighting'])
    expect(categoriesFor(list, 'praise')).toEqual([])
  })
})

describe('newIdempotencyKey', () => {
  afterEach(() => vi.unstubAllGlobals())
  const SERVER_KEY = /^[A-Za-z0-9_.:-]{8,100}$/
  const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

  it('is a fresh random UUID the server accepts', () => {
    const a = newIdempotencyKey()
    const b = newIdempotencyKey()
    expect(a).toMatch(SERVER_KEY)
    expect(a).toMatch(UUID4)
    expect(a).not.toBe(b)
  })

  it('works without crypto.randomUUID (plain http outside localhost)', () => {
    const real = globalThis.crypto
    vi.stubGlobal('crypto', { getRandomValues: <T extends ArrayBufferView>(a: T) => real.getRandomValues(a) })
    const key = newIdempotencyKey()
    expect(key).toMatch(UUID4)
    expect(key).toMatch(SERVER_KEY)
    expect(newIdempotencyKey()).not.toBe(key)
  })
})

describe('visit windows', () => {
  it('offers today only the slots with more than an hour left', () => {
    const at = (h: number, m = 0) => new Date(2026, 4, 20, h, m)
    expect(visitSlotsOn(0, at(8)).map((s) => s.key)).toEqual(['morning', 'afternoon', 'evening'])
    expect(visitSlotsOn(0, at(11, 30)).map((s) => s.key)).toEqual(['afternoon', 'evening'])
    expect(visitSlotsOn(0, at(19)).map((s) => s.key)).toEqual([])
    expect(visitSlotsOn(3, at(19)).map((s) => s.key)).toEqual(['morning', 'afternoon', 'evening'])
    expect(visitDays(at(19))).toEqual([1, 2, 3, 4, 5, 6])
    expect(visitDays(at(8))).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('turns a day and slot into instants of the local day; a begun slot starts now', () => {
    const now = new Date(2026, 4, 31, 15, 20, 42)
    const tomorrow = visitWindow({ day: 1, slot: 'morning' }, now)
    expect(new Date(tomorrow.from)).toEqual(new Date(2026, 5, 1, 9))
    expect(new Date(tomorrow.to)).toEqual(new Date(2026, 5, 1, 12))
    const today = visitWindow({ day: 0, slot: 'afternoon' }, now)
    expect(new Date(today.from)).toEqual(new Date(2026, 4, 31, 15, 20))
    expect(new Date(today.to)).toEqual(new Date(2026, 4, 31, 18))
  })
})
