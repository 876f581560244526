import {
  ArrearsAccount,
  ArrearsQuery,
  ArrearsReason,
  ArrearsSummary,
  ArrearsTagInput,
  ArrearsTags,
  CollectionQuery,
  CollectionReport,
  DunningCampaign,
  DunningInput,
  Id,
  IdParams,
  OwnerMessage,
  OwnerMessageQuery,
  page,
} from '@meihao/contracts'
import { z } from 'zod'
import type { Deps } from '../../platform/deps'
import { defineRoute, type RouteSpec } from '../../platform/http/route'
import './arrears-messages'
import * as arrears from './arrears-service'
import { collectionReport } from './collection-rollup'

const CommunityQuery = z.object({ communityId: Id })
const UnitParams = z.object({ unitId: Id })
const TagParams = z.object({ unitId: Id, reason: ArrearsReason })

/** A download name: ASCII for old clients, the Chinese one (RFC 5987) for the rest. */
const attachment = (ascii: string, utf8: string) =>
  `attachment; filename="${ascii.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(utf8)}`

/**
 * Arrears, dunning, case files and the collection report; the owner's message box.
 *
 * 民法典 第944条: there is no route here (and must never be one) that cuts, suspends, restricts or disables
 * water, power, heat, gas, access or lifts. Collecting is by written reminders, estate notices showing only
 * unit and amount, and litigation or arbitration with the case file.
 */
export function arrearsRoutes(deps: Deps): RouteSpec[] {
  const tags = ['billing']
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/arrears',
      permission: 'billing.read',
      summary: 'Arrears accounts of a community: per unit, open past-due amounts aged by days past due',
      tags,
      query: ArrearsQuery,
      response: page(ArrearsAccount),
      handler: ({ ctx, query }) => arrears.listArrears(ctx, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/arrears/summary',
      permission: 'billing.read',
      summary: 'Totals of the arrears accounts: accounts, open amount, aging buckets, by reason',
      tags,
      query: CommunityQuery,
      response: ArrearsSummary,
      handler: ({ ctx, query }) => arrears.arrearsSummary(ctx, query.communityId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/arrears/:unitId/tags',
      permission: 'billing.arrears',
      summary: 'Tag a unit with a reason it does not pay (vacancy, dissatisfaction, dispute, hardship…)',
      tags,
      params: UnitParams,
      body: ArrearsTagInput,
      response: ArrearsTags,
      handler: ({ ctx, params, body }) => arrears.addArrearsTag(ctx, params.unitId, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/billing/arrears/:unitId/tags/:reason',
      permission: 'billing.arrears',
      summary: 'Remove an arrears reason from a unit',
      tags,
      params: TagParams,
      response: ArrearsTags,
      handler: ({ ctx, params }) => arrears.removeArrearsTag(ctx, params.unitId, params.reason),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/arrears/:unitId/case-file',
      permission: 'billing.arrears',
      summary: 'The case file of an arrears account (.xlsx) for litigation or arbitration; audited',
      tags,
      params: UnitParams,
      raw: true,
      handler: async ({ ctx, params, reply }) => {
        const file = await arrears.caseFile(ctx, params.unitId)
        reply
          .header('content-type', arrears.XLSX_MIME)
          .header('cache-control', 'no-store')
          .header('content-disposition', attachment(file.fileName, `欠费案卷-${file.fileName.slice(5)}`))
          .send(file.buffer)
        return undefined
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/dunning',
      permission: 'billing.arrears',
      summary: 'Remind every unit owing at least minFen past due: in-app messages, SMS or printable notices',
      tags,
      body: DunningInput,
      response: DunningCampaign,
      status: 201,
      handler: ({ ctx, body }) => arrears.startDunning(ctx, deps, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/dunning',
      permission: 'billing.read',
      summary: "A community's dunning campaigns, newest first",
      tags,
      query: CommunityQuery,
      response: z.array(DunningCampaign),
      handler: ({ ctx, query }) => arrears.listDunning(ctx, query.communityId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/dunning/:id/notices',
      permission: 'billing.arrears',
      summary: 'The printable notices of a campaign (HTML): unit codes and amounts only, for the estate',
      tags,
      params: IdParams,
      raw: true,
      handler: async ({ ctx, params, reply }) => {
        const html = await arrears.noticesPage(ctx, params.id)
        reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(html)
        return undefined
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/reports/collection',
      permission: 'billing.read',
      summary: '收缴率 and 清欠率 of a community per month of a year, from the rollup',
      tags,
      query: CollectionQuery,
      response: CollectionReport,
      handler: ({ ctx, query }) => collectionReport(ctx, query.communityId, query.year),
    }),
    // ── owners ──
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/messages',
      permission: 'resident.self',
      summary: 'My messages (payment reminders, receipts), newest first',
      tags,
      query: OwnerMessageQuery,
      response: page(OwnerMessage),
      handler: ({ ctx, query }) => arrears.myMessages(ctx, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/me/messages/:id/read',
      permission: 'resident.self',
      summary: 'Mark one of my messages read',
      tags,
      params: IdParams,
      response: OwnerMessage,
      handler: ({ ctx, params }) => arrears.markMessageRead(ctx, params.id),
    }),
  ]
}
