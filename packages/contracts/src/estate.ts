import { z } from 'zod'
import { AreaString, DateString, Id, PageQuery, PositiveAreaString, patchOf } from './common'

export const ChargingModel = z.enum(['lump_sum', 'commission']).describe('包干制 / 酬金制')
export const DivisionCode = z.string().regex(/^\d{6}$/, 'validation.divisionCode')

export const Community = z.object({
  id: Id,
  orgUnitId: Id.nullable(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  divisionCode: z.string(),
  timeZone: z.string(),
  deliveryDate: DateString.nullable(),
  chargingModel: ChargingModel,
  serviceGrade: z.number().int().min(1).max(3),
  parkingInVoteArea: z.boolean(),
  /** 从众: non-voters counted with the majority in this community's decisions (off by default). */
  voteFollowMajority: z.boolean(),
  buildingCount: z.number().int(),
  unitCount: z.number().int(),
})
export type Community = z.infer<typeof Community>

export const CommunityInput = z.object({
  orgUnitId: Id.nullable().optional(),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'validation.code'),
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(200).default(''),
  divisionCode: DivisionCode,
  timeZone: z.string().default('Asia/Shanghai'),
  deliveryDate: DateString.nullable().optional(),
  chargingModel: ChargingModel.default('lump_sum'),
  serviceGrade: z.number().int().min(1).max(3).default(2),
  parkingInVoteArea: z.boolean().default(false),
  voteFollowMajority: z.boolean().default(false),
})
export const CommunityUpdate = patchOf(CommunityInput.omit({ code: true }))

export const Building = z.object({
  id: Id,
  communityId: Id,
  code: z.string(),
  name: z.string(),
  floors: z.number().int().nullable(),
  unitCount: z.number().int(),
})
export type Building = z.infer<typeof Building>
export const BuildingInput = z.object({
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(100),
  floors: z.number().int().min(1).max(200).nullable().optional(),
})

export const AreaSource = z.enum(['registered', 'surveyed', 'contract']).describe('登记 / 实测 / 合同')
export const UnitUse = z.enum(['residential', 'commercial', 'office', 'other'])

export const PartyKind = z.enum(['person', 'organization', 'developer'])
export const PartyRef = z.object({
  id: Id,
  kind: PartyKind,
  name: z.string(),
  phoneMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
})
export type PartyRef = z.infer<typeof PartyRef>

export const Ownership = z.object({
  id: Id,
  party: PartyRef,
  startDate: DateString,
  endDate: DateString.nullable(),
})
export const Occupancy = z.object({
  id: Id,
  party: PartyRef,
  relation: z.enum(['owner', 'family', 'tenant', 'other']),
  startDate: DateString,
  endDate: DateString.nullable(),
})

export const Unit = z.object({
  id: Id,
  communityId: Id,
  buildingId: Id,
  buildingCode: z.string(),
  code: z.string(),
  floor: z.number().int().nullable(),
  buildingArea: AreaString,
  exclusiveArea: AreaString,
  exclusiveAreaSource: AreaSource,
  use: UnitUse,
  deliveryDate: DateString.nullable(),
  sold: z.boolean(),
  ownerNames: z.array(z.string()),
})
export type Unit = z.infer<typeof Unit>

export const UnitDetail = Unit.extend({
  communityName: z.string(),
  ownerships: z.array(Ownership),
  occupancies: z.array(Occupancy),
})
export type UnitDetail = z.infer<typeof UnitDetail>

export const UnitInput = z.object({
  buildingId: Id,
  code: z.string().trim().min(1).max(32),
  floor: z.number().int().min(-10).max(200).nullable().optional(),
  buildingArea: PositiveAreaString,
  exclusiveArea: PositiveAreaString,
  exclusiveAreaSource: AreaSource.default('registered'),
  use: UnitUse.default('residential'),
  deliveryDate: DateString.nullable().optional(),
  sold: z.boolean().default(true),
})
export const UnitUpdate = patchOf(UnitInput.omit({ buildingId: true, code: true }))

export const UnitListQuery = PageQuery.extend({
  communityId: Id.optional(),
  buildingId: Id.optional(),
  q: z.string().trim().max(50).optional().describe('unit code, owner name or full mobile number'),
})

export const PartyInput = z.object({
  kind: PartyKind.default('person'),
  name: z.string().trim().min(1).max(100),
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/, 'validation.phone')
    .nullable()
    .optional(),
  idNumber: z
    .string()
    .regex(/^\d{17}[\dXx]$/, 'validation.idNumber')
    .nullable()
    .optional(),
})

export const OwnershipInput = z.object({
  partyId: Id,
  startDate: DateString,
})
export const OccupancyInput = z.object({
  partyId: Id,
  relation: z.enum(['owner', 'family', 'tenant', 'other']),
  startDate: DateString,
})
export const EndDateInput = z.object({ endDate: DateString })

export const RevealRequest = z.object({ field: z.enum(['phone', 'idNumber']) })
export const RevealResponse = z.object({ value: z.string().nullable() })

export const ParkingSpace = z.object({
  id: Id,
  communityId: Id,
  code: z.string(),
  area: AreaString,
  kind: z.enum(['owned', 'rented', 'public']),
  ownerName: z.string().nullable(),
})
export const ParkingSpaceInput = z.object({
  code: z.string().trim().min(1).max(32),
  area: PositiveAreaString,
  kind: z.enum(['owned', 'rented', 'public']).default('owned'),
  ownerPartyId: Id.nullable().optional(),
})
export const Vehicle = z.object({ id: Id, plate: z.string(), partyId: Id, parkingSpaceId: Id.nullable() })
export const VehicleInput = z.object({
  plate: z
    .string()
    .trim()
    .regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/, 'validation.plate'),
  partyId: Id,
  parkingSpaceId: Id.nullable().optional(),
})

/** One bad row of an import: row number as the spreadsheet shows it, the column, and why. */
export const ImportRowError = z.object({ row: z.number().int(), column: z.string(), reason: z.string() })
export const ImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ImportRowError),
})
export type ImportResult = z.infer<typeof ImportResult>

/** The resident's view of a unit they own or live in. */
export const MyUnit = z.object({
  id: Id,
  communityId: Id,
  communityName: z.string(),
  buildingCode: z.string(),
  code: z.string(),
  buildingArea: AreaString,
  relation: z.enum(['owner', 'family', 'tenant', 'other']),
})
export type MyUnit = z.infer<typeof MyUnit>
