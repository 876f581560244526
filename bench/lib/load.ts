import autocannon from 'autocannon'

export interface LoadOptions {
  /** http://127.0.0.1:port */
  origin: string
  /** Paths visited in turn, so requests spread over many rows. */
  paths: readonly string[]
  headers?: Record<string, string>
  connections: number
  seconds: number
  /** POST these JSON bodies in turn (to `paths[0]`) instead of GETting the paths. */
  postBodies?: readonly string[]
}

/** One autocannon run: every 2xx latency at full precision (autocannon's histogram rounds to whole ms). */
export interface LoadSample {
  latenciesMs: number[]
  seconds: number
  /** Non-2xx answers by status code, plus connection errors under 'error'. */
  failures: Record<string, number>
}

export interface LoadResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  requests: number
}

/** Closed-loop load: `connections` connections, each sending its next request when the last one answered. */
export function runLoad(options: LoadOptions): Promise<LoadSample> {
  if (!options.origin.startsWith('http://127.0.0.1:')) throw new Error('load is only sent to 127.0.0.1')
  const latenciesMs: number[] = []
  const failures: Record<string, number> = {}
  let next = 0
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers ?? {},
        requests: [
          options.postBodies
            ? {
                method: 'POST',
                setupRequest: (req) => ({
                  ...req,
                  path: options.paths[0]!,
                  body: options.postBodies![next++ % options.postBodies!.length]!,
                }),
              }
            : {
                method: 'GET',
                setupRequest: (req) => ({ ...req, path: options.paths[next++ % options.paths.length]! }),
              },
        ],
      },
      (error, result) => {
        if (error) return reject(error)
        if (result.errors > 0) failures.error = result.errors
        resolve({ latenciesMs, seconds: result.duration, failures })
      },
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTime)
      else failures[statusCode] = (failures[statusCode] ?? 0) + 1
    })
  })
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Pools several runs against one server: throughput over their total time, percentiles over all requests. */
export function summarize(samples: readonly LoadSample[]): LoadResult {
  const sorted = Float64Array.from(samples.flatMap((s) => s.latenciesMs)).sort()
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0)
  return {
    requestsPerSecond: sorted.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    requests: sorted.length,
  }
}
