/**
 * A few seconds' memory of what every new ticket reads but staff rarely change: a community's facts and
 * ticket settings, a category, the SLA targets of a policy key, and what a caller may do in a community.
 * The same bargain as the authenticator's 5-second cache: a change made in this process is seen at once
 * (the config service calls `forgetTenant`); one made in another process within CACHE_MS.
 * Misses read through the caller's transaction, under RLS like any other read.
 */
const CACHE_MS = 5_000
const MAX_ENTRIES = 10_000

const entries = new Map<string, { value: unknown; until: number }>()

export async function cached<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
  const full = `${tenantId}|${key}`
  const now = Date.now()
  const hit = entries.get(full)
  if (hit && hit.until > now) return hit.value as T
  const value = await load()
  if (entries.size >= MAX_ENTRIES) entries.clear()
  entries.set(full, { value, until: now + CACHE_MS })
  return value
}

/** After a change to a company's ticket settings, categories or policies. */
export function forgetTenant(tenantId: string) {
  const prefix = `${tenantId}|`
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key)
}
