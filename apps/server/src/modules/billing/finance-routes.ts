import { PassThrough } from 'node:stream'
import {
  Id,
  IdParams,
  LedgerQuery,
  Refund,
  RefundDecisionInput,
  RefundInput,
  ReversalInput,
  TrialBalance,
  VoucherExportQuery,
} from '@meihao/contracts'
import { z } from 'zod'
import type { Deps } from '../../platform/deps'
import { defineRoute, type RouteSpec } from '../../platform/http/route'
import './finance-messages'
import {
  ledgerScope,
  reverseJournal,
  trialBalanceReport,
  writeVoucherCsv,
  writeVoucherXlsx,
} from './ledger-report'
import { decideRefund, listRefunds, requestRefund } from './refund-service'

const RefundListQuery = z.object({
  communityId: Id.optional(),
  status: z.enum(['requested', 'approved', 'rejected']).optional(),
  /** Newest first; at most this many. */
  limit: z.coerce.number().int().min(1).max(1000).default(200),
})
const ReversalResult = z.object({ journalId: Id })

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A download name: ASCII for old clients, the Chinese one (RFC 5987) for the rest. */
const attachment = (ascii: string, utf8: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`

/** Refunds with approval, reversals, the trial balance and voucher export (refund-service, ledger-report). */
export function financeRoutes(_deps: Deps): RouteSpec[] {
  const tags = ['billing']
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/refunds',
      permission: 'billing.refund',
      summary: 'Ask for a refund (prepaid, deposit, or an overcharged bill); someone else approves it',
      tags,
      body: RefundInput,
      response: Refund,
      status: 201,
      idempotent: true,
      handler: ({ ctx, body }) => requestRefund(ctx, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/refunds',
      permission: 'billing.read',
      summary: 'Refund requests and decisions, newest first, with the unit and the people involved',
      tags,
      query: RefundListQuery,
      response: z.array(Refund),
      handler: ({ ctx, query }) => listRefunds(ctx, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/refunds/:id/decision',
      permission: 'billing.approve',
      summary: 'Approve (posts the refund to the ledger) or reject a refund asked for by someone else',
      tags,
      params: IdParams,
      body: RefundDecisionInput,
      response: Refund,
      idempotent: true,
      handler: ({ ctx, params, body }) => decideRefund(ctx, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/journals/:id/reversal',
      permission: 'billing.ledger',
      summary:
        "Reverse a unit's journal posted by mistake (a payment's receipt is voided; bill batches are not reversed)",
      tags,
      params: IdParams,
      body: ReversalInput,
      response: ReversalResult,
      status: 201,
      idempotent: true,
      handler: ({ ctx, params, body }) => reverseJournal(ctx, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/ledger/trial-balance',
      permission: 'billing.ledger',
      summary:
        'Trial balance (debits, credits and balance per account) of a community or the company for a period',
      tags,
      query: LedgerQuery,
      response: TrialBalance,
      handler: async ({ ctx, query }) =>
        trialBalanceReport(ctx, await ledgerScope(ctx, query.communityId), query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/ledger/vouchers',
      permission: 'billing.ledger',
      summary: 'Voucher export (记账凭证), one row per ledger line, as CSV (UTF-8 with BOM) or .xlsx',
      tags,
      query: VoucherExportQuery,
      raw: true,
      handler: async ({ ctx, query, reply }) => {
        // Reach is checked before the status line goes out: a community out of reach is an ordinary 404.
        const scope = await ledgerScope(ctx, query.communityId)
        const period = `${query.from ?? 'start'}_${query.to ?? 'now'}`
        const ascii = `vouchers-${period}.${query.format}`
        const utf8 = `记账凭证-${scope.communityName ?? '全公司'}-${period}.${query.format}`
        const body = new PassThrough()
        reply
          .header('content-type', query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
          .header('content-disposition', attachment(ascii, utf8))
          .header('cache-control', 'no-store')
          .send(body)
        const write = query.format === 'csv' ? writeVoucherCsv : writeVoucherXlsx
        // The status line is sent: a failure now can only cut the download short.
        await write(ctx, scope, query, body).catch((error: unknown) => body.destroy(error as Error))
        return undefined
      },
    }),
  ]
}
