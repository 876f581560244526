import type { Deps } from '../../platform/deps'
import type { RouteSpec } from '../../platform/http/route'

/** Meter readings, shared utilities, one-off charges, ticket charges and deposits (charges-service). */
export function chargesRoutes(_deps: Deps): RouteSpec[] {
  return []
}
