import type { Deps } from '../../platform/deps'
import type { RouteSpec } from '../../platform/http/route'
import { arrearsRoutes } from './arrears-routes'
import { chargesRoutes } from './charges-routes'
import { coreBillingRoutes } from './core-routes'
import { financeRoutes } from './finance-routes'

export function billingRoutes(deps: Deps): RouteSpec[] {
  return [...coreBillingRoutes(deps), ...chargesRoutes(deps), ...arrearsRoutes(deps), ...financeRoutes(deps)]
}
