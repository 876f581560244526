/** A small Prometheus registry: request counts and latency histogram per route and status. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

interface Series {
  count: number
  sum: number
  buckets: number[]
}

export class HttpMetrics {
  private readonly series = new Map<string, Series>()
  private readonly startedAt = Date.now()

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${route.replace(/"/g, '')}",status="${status}"`
    let s = this.series.get(key)
    if (!s) {
      s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }
      this.series.set(key, s)
    }
    s.count++
    s.sum += seconds
    for (const [i, bound] of BUCKETS.entries()) if (seconds <= bound) s.buckets[i]!++
  }

  render(): string {
    const lines = [
      '# HELP meihao_uptime_seconds Seconds since the process started',
      '# TYPE meihao_uptime_seconds gauge',
      `meihao_uptime_seconds ${((Date.now() - this.startedAt) / 1000).toFixed(0)}`,
      '# HELP http_requests_total HTTP requests by route and status',
      '# TYPE http_requests_total counter',
      ...[...this.series].map(([k, s]) => `http_requests_total{${k}} ${s.count}`),
      '# HELP http_request_duration_seconds HTTP request latency',
      '# TYPE http_request_duration_seconds histogram',
    ]
    for (const [k, s] of this.series) {
      for (const [i, bound] of BUCKETS.entries()) {
        lines.push(`http_request_duration_seconds_bucket{${k},le="${bound}"} ${s.buckets[i]}`)
      }
      lines.push(`http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`)
      lines.push(`http_request_duration_seconds_sum{${k}} ${s.sum}`)
      lines.push(`http_request_duration_seconds_count{${k}} ${s.count}`)
    }
    return `${lines.join('\n')}\n`
  }
}
