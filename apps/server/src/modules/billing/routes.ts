import type { Deps } from '../../platform/deps'
import type { RouteSpec } from '../../platform/http/route'
import { arrearsRoutes } from './arrears-routes'
import { coreBillingRoutes } from './core-routes'
import { financeRoutes } from './finance-routes'

export function billingRoutes(deps: Deps): RouteSpec[] {
  return [...coreBillingRoutes(deps), ...arrearsRoutes(deps), ...financeRoutes(deps)]
}
