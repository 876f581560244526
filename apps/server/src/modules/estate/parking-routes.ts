import {
  Id,
  IdParams,
  PageQuery,
  ParkingSpace,
  ParkingSpaceInput,
  page,
  Vehicle,
  VehicleInput,
} from '@meihao/contracts'
import { z } from 'zod'
import type { Deps } from '../../platform/deps'
import { defineRoute, type RouteSpec } from '../../platform/http/route'
import * as parking from './parking-service'

/** Parking spaces of a community and the vehicles registered to owners and residents. */
export function parkingRoutes(_deps: Deps): RouteSpec[] {
  const tags = ['estate']
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/communities/:id/parking-spaces',
      permission: 'estate.read',
      summary: 'Parking spaces of a community, by code, with the owner name',
      tags,
      params: IdParams,
      query: PageQuery,
      response: page(ParkingSpace),
      handler: ({ ctx, params, query }) => parking.listParkingSpaces(ctx, params.id, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/communities/:id/parking-spaces',
      permission: 'estate.manage',
      summary: 'Add a parking space (产权 / 租赁 / 公共车位)',
      tags,
      params: IdParams,
      body: ParkingSpaceInput,
      response: ParkingSpace,
      status: 201,
      handler: ({ ctx, params, body }) => parking.createParkingSpace(ctx, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/vehicles',
      permission: 'estate.read',
      summary: 'Vehicles registered to a party',
      tags,
      query: z.object({ partyId: Id }),
      response: z.array(Vehicle),
      handler: ({ ctx, query }) => parking.listVehicles(ctx, query.partyId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/vehicles',
      permission: 'estate.manage',
      summary:
        'Register a vehicle to a party, optionally on a parking space; plates are unique in the company',
      tags,
      body: VehicleInput,
      response: Vehicle,
      status: 201,
      handler: ({ ctx, body }) => parking.createVehicle(ctx, body),
    }),
  ]
}
