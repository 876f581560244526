import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit'

const T0 = 1_700_000_000_000

describe('RateLimiter', () => {
  it('lets perMinute requests through, then answers the seconds left in the window', () => {
    const limiter = new RateLimiter()
    expect([1, 2, 3].map((i) => limiter.hit('login|1.2.3.4', 3, T0 + i))).toEqual([0, 0, 0])
    expect(limiter.hit('login|1.2.3.4', 3, T0 + 10)).toBe(60)
    expect(limiter.hit('login|1.2.3.4', 3, T0 + 30_500)).toBe(30)
    expect(limiter.hit('login|1.2.3.4', 3, T0 + 59_999)).toBe(1)
  })

  it('opens a new window a minute after the first request of the last one', () => {
    const limiter = new RateLimiter()
    for (let i = 0; i < 5; i++) limiter.hit('k', 2, T0)
    expect(limiter.hit('k', 2, T0 + 59_999)).toBeGreaterThan(0)
    expect(limiter.hit('k', 2, T0 + 60_000)).toBe(0)
    expect(limiter.hit('k', 2, T0 + 60_001)).toBe(0)
    expect(limiter.hit('k', 2, T0 + 60_002)).toBe(60)
  })

  it('counts each key on its own', () => {
    const limiter = new RateLimiter()
    expect(limiter.hit('a', 1, T0)).toBe(0)
    expect(limiter.hit('a', 1, T0)).toBeGreaterThan(0)
    expect(limiter.hit('b', 1, T0)).toBe(0)
  })

  it('within any one window, admits exactly perMinute requests and asks the rest to wait until the window ends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 59_999 }), { minLength: 1, maxLength: 120 }),
        (perMinute, offsets) => {
          const limiter = new RateLimiter()
          const times = [...offsets].sort((a, b) => a - b).map((o) => T0 + o)
          const waits = times.map((t) => limiter.hit('k', perMinute, t))
          expect(waits.filter((w) => w === 0)).toHaveLength(Math.min(perMinute, times.length))
          waits.forEach((wait, i) => {
            if (i < perMinute) expect(wait).toBe(0)
            else expect(wait).toBe(Math.ceil((times[0]! + 60_000 - times[i]!) / 1000))
          })
        },
      ),
    )
  })

  it('forgets expired windows once it tracks more than 100 000 keys', () => {
    const limiter = new RateLimiter()
    const windows = (limiter as unknown as { windows: Map<string, unknown> }).windows
    for (let i = 0; i < 100_000; i++) limiter.hit(`old-${i}`, 1, T0)
    limiter.hit('fresh-1', 1, T0 + 30_000)
    expect(windows.size).toBe(100_001)
    limiter.hit('fresh-2', 1, T0 + 60_000)
    expect([...windows.keys()].sort()).toEqual(['fresh-1', 'fresh-2'])
  })
})
