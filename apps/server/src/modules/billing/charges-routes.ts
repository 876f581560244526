import {
  Bill,
  Deposit,
  DepositInput,
  LateFeeAssessment,
  LateFeeAssessmentInput,
  MeterBillingInput,
  MeterBillingResult,
  MeterImportInput,
  MeterImportResult,
  MeterReading,
  MeterReadingInput,
  MeterReadingQuery,
  OneOffChargeInput,
  SharedCharge,
  SharedChargeInput,
  TicketChargeBillingInput,
  TicketChargeBillingResult,
} from '@meihao/contracts'
import { z } from 'zod'
import type { Deps } from '../../platform/deps'
import { defineRoute, type RouteSpec } from '../../platform/http/route'
import './charges-messages'
import { collectDeposit } from './deposit-service'
import { assessLateFees } from './late-fee-service'
import { billReadings, importReadings, listReadings, recordReading } from './meter-service'
import { billTicketCharges, chargeOneOff } from './one-off-service'
import { billShared, previewShared } from './shared-charges-service'

/** The import's JSON body: an 8 MB file in base64, with room for the other fields. */
const IMPORT_BODY_LIMIT = 12 * 1024 * 1024

/** Meter readings, shared utilities (公摊), one-off charges, ticket charges, late fees and deposits (meter-, shared-charges-, one-off-, late-fee- and deposit-service). */
export function chargesRoutes(_deps: Deps): RouteSpec[] {
  const tags = ['billing']
  return [
    // ── meter readings ──
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/meter-readings',
      permission: 'billing.collect',
      summary: "Record a unit's meter reading for a month (previous reading defaults to the last one)",
      tags,
      body: MeterReadingInput,
      response: MeterReading,
      status: 201,
      handler: ({ ctx, body }) => recordReading(ctx, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/meter-readings/import',
      permission: 'billing.configure',
      summary:
        "Import a month's readings from CSV or .xlsx in base64 (房号, 上期读数, 本期读数, 抄表日期, 满量程): all rows or none",
      tags,
      body: MeterImportInput,
      response: MeterImportResult,
      bodyLimit: IMPORT_BODY_LIMIT,
      handler: ({ ctx, body }) => importReadings(ctx, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/meter-readings',
      permission: 'billing.read',
      summary: "A month's readings of a metered item in a community, with their bills",
      tags,
      query: MeterReadingQuery,
      response: z.array(MeterReading),
      handler: ({ ctx, query }) => listReadings(ctx, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/meter-readings/bill',
      permission: 'billing.run',
      summary: "Bill a month's unbilled readings: (current − previous) × the standard's rate, rounded once",
      tags,
      body: MeterBillingInput,
      response: MeterBillingResult,
      handler: ({ ctx, body }) => billReadings(ctx, body),
    }),
    // ── shared utilities ──
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/shared-charges/preview',
      permission: 'billing.run',
      summary:
        'How a shared cost (公摊) would be split over the units, by area or per household; writes nothing',
      tags,
      body: SharedChargeInput,
      response: SharedCharge,
      handler: ({ ctx, body }) => previewShared(ctx, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/shared-charges',
      permission: 'billing.run',
      summary: 'Bill a shared cost (公摊): one bill per unit, summing to the total exactly',
      tags,
      body: SharedChargeInput,
      response: SharedCharge,
      status: 201,
      idempotent: true,
      handler: ({ ctx, body }) => billShared(ctx, body),
    }),
    // ── one-off and ticket charges ──
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/charges',
      permission: 'billing.collect',
      summary: 'Charge a one-off fee item to a unit for a month: one bill',
      tags,
      body: OneOffChargeInput,
      response: Bill,
      status: 201,
      idempotent: true,
      handler: ({ ctx, body }) => chargeOneOff(ctx, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/ticket-charges/bill',
      permission: 'billing.run',
      summary: "Bill the community's paid repairs not billed yet: one one-off bill per unit and month, once",
      tags,
      body: TicketChargeBillingInput,
      response: TicketChargeBillingResult,
      handler: ({ ctx, body }) => billTicketCharges(ctx, body),
    }),
    // ── contractual late fees ──
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/late-fees/preview',
      permission: 'billing.run',
      summary:
        "Preview a month's contractual late fees (违约金) of a community: per overdue bill, nothing written",
      tags,
      body: LateFeeAssessmentInput,
      response: LateFeeAssessment,
      handler: ({ ctx, body }) => assessLateFees(ctx, body, { commit: false }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/late-fees',
      permission: 'billing.run',
      summary:
        "Charge a month's contractual late fees once: one late-fee bill per unit, each overdue bill's accrual recorded",
      tags,
      body: LateFeeAssessmentInput,
      response: LateFeeAssessment,
      status: 201,
      idempotent: true,
      handler: ({ ctx, body }) => assessLateFees(ctx, body, { commit: true }),
    }),
    // ── deposits ──
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/deposits',
      permission: 'billing.collect',
      summary:
        'Collect a deposit at the counter: held for the unit (a liability, never revenue), with its receipt',
      tags,
      body: DepositInput,
      response: Deposit,
      status: 201,
      idempotent: true,
      handler: ({ ctx, body }) => collectDeposit(ctx, body),
    }),
  ]
}
