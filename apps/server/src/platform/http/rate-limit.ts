/** Fixed one-minute windows per key, in memory (one process; behind a load balancer, limit there too). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  /** Seconds to wait, or 0 when the request may go ahead. */
  hit(key: string, perMinute: number, now = Date.now()): number {
    const w = this.windows.get(key)
    if (!w || now - w.start >= 60_000) {
      this.windows.set(key, { start: now, count: 1 })
      if (this.windows.size > 100_000) this.sweep(now)
      return 0
    }
    w.count++
    return w.count > perMinute ? Math.ceil((w.start + 60_000 - now) / 1000) : 0
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k)
  }
}
