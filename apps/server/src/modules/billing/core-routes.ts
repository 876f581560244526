import {
  Bill,
  BillingPreview,
  BillingRun,
  BillingRunInput,
  BillingSettings,
  BillListQuery,
  CashierShift,
  CounterPaymentInput,
  FeeItem,
  FeeItemInput,
  FeeStandard,
  FeeStandardInput,
  Id,
  IdParams,
  MyAccount,
  OpenShiftInput,
  Payment,
  PaymentOrder,
  PaymentOrderInput,
  page,
  patchOf,
  Receipt,
  VoidReceiptInput,
} from '@meihao/contracts'
import { z } from 'zod'
import type { Deps } from '../../platform/deps'
import { defineRoute, type RouteSpec } from '../../platform/http/route'
import { rawBodyOf } from '../../platform/http/server'
import * as bills from './bills-service'
import * as counter from './counter-service'
import * as config from './fee-config-service'
import './messages'
import * as online from './online-service'
import { paymentProviders } from './payment-providers'
import { ALIPAY_NOTIFICATION_ACK } from './providers/alipay'
import { renderReceiptFor } from './receipt-print'
import * as runs from './run-service'

const CommunityQuery = z.object({ communityId: Id })
const ListQuery = z.object({
  communityId: Id.optional(),
  unitId: Id.optional(),
  shiftId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
const FeeItemPatch = patchOf(FeeItemInput).pick({ name: true, sort: true, active: true, lateFee: true })
const NotifyParams = z.object({ tenantId: Id })

export function coreBillingRoutes(deps: Deps): RouteSpec[] {
  const tags = ['billing']
  const providers = paymentProviders(deps.config)
  const pdf = (url: string, permission: 'billing.read' | 'resident.self', audience: 'staff' | 'owner') =>
    defineRoute({
      method: 'GET',
      url,
      permission,
      summary: 'The receipt as a printable PDF (Chinese)',
      tags,
      params: IdParams,
      raw: true,
      handler: async ({ ctx, params, reply }) => {
        const { number, body } = await renderReceiptFor(ctx, params.id, audience)
        reply
          .type('application/pdf')
          .header('Content-Disposition', `inline; filename="receipt-${number}.pdf"`)
          .header('Cache-Control', 'private, no-store')
        return reply.send(body) as unknown as undefined
      },
    })
  return [
    // ── fee items, standards, settings ──
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/fee-items',
      permission: 'billing.read',
      summary: "A community's fee items with their standards",
      tags,
      query: CommunityQuery,
      response: z.array(FeeItem),
      handler: ({ ctx, query }) => config.listFeeItems(ctx, query.communityId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/fee-items',
      permission: 'billing.configure',
      summary: 'Add a fee item (物业服务费, 车位管理费, …)',
      tags,
      body: FeeItemInput,
      response: FeeItem,
      status: 201,
      handler: ({ ctx, body }) => config.createFeeItem(ctx, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/billing/fee-items/:id',
      permission: 'billing.configure',
      summary: 'Rename, reorder, switch off a fee item or set its contractual late fee',
      tags,
      params: IdParams,
      body: FeeItemPatch,
      response: FeeItem,
      handler: ({ ctx, params, body }) => config.updateFeeItem(ctx, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/fee-items/:id/standards',
      permission: 'billing.configure',
      summary: 'A new rate from a month on (bills already issued keep theirs)',
      tags,
      params: IdParams,
      body: FeeStandardInput,
      response: FeeStandard,
      status: 201,
      handler: ({ ctx, params, body }) => config.addStandard(ctx, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/settings',
      permission: 'billing.read',
      summary: "A community's billing settings (prepayment cap, due days)",
      tags,
      query: CommunityQuery,
      response: BillingSettings,
      handler: ({ ctx, query }) => config.getSettings(ctx, query.communityId),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/billing/settings',
      permission: 'billing.configure',
      summary: "Set a community's billing settings",
      tags,
      query: CommunityQuery,
      body: BillingSettings,
      response: BillingSettings,
      handler: ({ ctx, query, body }) => config.putSettings(ctx, query.communityId, body),
    }),
    // ── runs ──
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/runs/preview',
      permission: 'billing.run',
      summary: 'What a billing run would bill: totals by item and payer, bills that exist already',
      tags,
      body: BillingRunInput,
      response: BillingPreview,
      handler: ({ ctx, body }) => runs.previewRun(ctx, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/runs',
      permission: 'billing.run',
      summary: 'Start (or resume) the billing run of a community and period; poll it for progress',
      tags,
      body: BillingRunInput,
      response: BillingRun,
      status: 202,
      handler: ({ ctx, body }) => runs.startRun(ctx, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/runs',
      permission: 'billing.read',
      summary: "A community's billing runs",
      tags,
      query: CommunityQuery,
      response: z.array(BillingRun),
      handler: ({ ctx, query }) => runs.listRuns(ctx, query.communityId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/runs/:id',
      permission: 'billing.read',
      summary: 'A billing run and its progress',
      tags,
      params: IdParams,
      response: BillingRun,
      handler: ({ ctx, params }) => runs.getRun(ctx, params.id),
    }),
    // ── bills and accounts ──
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/bills',
      permission: 'billing.read',
      summary: 'Bills in my scope, newest period first',
      tags,
      query: BillListQuery,
      response: page(Bill),
      handler: ({ ctx, query }) => bills.listBills(ctx, query, 'staff'),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/units/:id/account',
      permission: 'billing.read',
      summary: "A unit's open bills, prepaid balance and deposits",
      tags,
      params: IdParams,
      response: MyAccount,
      handler: ({ ctx, params }) => bills.unitAccount(ctx, params.id, 'staff'),
    }),
    // ── the counter ──
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/payments',
      permission: 'billing.collect',
      summary: 'Take a payment at the counter (cash, POS, bank transfer); answers with its receipt',
      tags,
      body: CounterPaymentInput,
      response: Payment,
      status: 201,
      idempotent: true,
      handler: ({ ctx, body }) => counter.takeCounterPayment(ctx, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/payments',
      permission: 'billing.read',
      summary: 'Payments, newest first',
      tags,
      query: ListQuery,
      response: z.array(Payment),
      handler: ({ ctx, query }) => counter.listPayments(ctx, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/shifts/current',
      permission: 'billing.collect',
      summary: "The caller's open cashier shift with its totals (null when none)",
      tags,
      response: CashierShift.nullable(),
      handler: ({ ctx }) => counter.currentShift(ctx),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/shifts',
      permission: 'billing.collect',
      summary: 'Open a cashier shift in a community',
      tags,
      body: OpenShiftInput,
      response: CashierShift,
      status: 201,
      handler: ({ ctx, body }) => counter.openShift(ctx, body.communityId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/shifts/:id/close',
      permission: 'billing.collect',
      summary: 'Close my shift: its report is final',
      tags,
      params: IdParams,
      response: CashierShift,
      handler: ({ ctx, params }) => counter.closeShift(ctx, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/shifts',
      permission: 'billing.read',
      summary: "A community's shifts with their totals",
      tags,
      query: CommunityQuery,
      response: z.array(CashierShift),
      handler: ({ ctx, query }) => counter.listShifts(ctx, query.communityId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/shifts/:id',
      permission: 'billing.read',
      summary: 'A shift report',
      tags,
      params: IdParams,
      response: CashierShift,
      handler: ({ ctx, params }) => counter.getShift(ctx, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/receipts',
      permission: 'billing.read',
      summary: 'Receipts, newest first',
      tags,
      query: ListQuery,
      response: z.array(Receipt),
      handler: ({ ctx, query }) => counter.listReceipts(ctx, query, 'staff'),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing/receipts/:id',
      permission: 'billing.read',
      summary: 'A receipt',
      tags,
      params: IdParams,
      response: Receipt,
      handler: ({ ctx, params }) => counter.getReceipt(ctx, params.id, 'staff'),
    }),
    pdf('/api/v1/billing/receipts/:id/pdf', 'billing.read', 'staff'),
    defineRoute({
      method: 'POST',
      url: '/api/v1/billing/receipts/:id/void',
      permission: 'billing.collect',
      summary: 'Void a receipt issued by mistake: its number stays, its payment is reversed',
      tags,
      params: IdParams,
      body: VoidReceiptInput,
      response: Receipt,
      handler: ({ ctx, params, body }) => counter.voidReceipt(ctx, params.id, body.reason),
    }),
    // ── the owner ──
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/billing',
      permission: 'resident.self',
      summary: 'My units: what I owe, my prepaid balance, my open bills',
      tags,
      response: z.array(MyAccount),
      handler: ({ ctx }) => bills.myAccounts(ctx),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/bills',
      permission: 'resident.self',
      summary: 'My bills, newest first',
      tags,
      query: BillListQuery.omit({ communityId: true }),
      response: page(Bill),
      handler: ({ ctx, query }) => bills.listBills(ctx, query, 'owner'),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/receipts',
      permission: 'resident.self',
      summary: 'My receipts',
      tags,
      query: ListQuery.pick({ unitId: true, limit: true }),
      response: z.array(Receipt),
      handler: ({ ctx, query }) => counter.listReceipts(ctx, query, 'owner'),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/receipts/:id',
      permission: 'resident.self',
      summary: 'One of my receipts',
      tags,
      params: IdParams,
      response: Receipt,
      handler: ({ ctx, params }) => counter.getReceipt(ctx, params.id, 'owner'),
    }),
    pdf('/api/v1/me/receipts/:id/pdf', 'resident.self', 'owner'),
    defineRoute({
      method: 'POST',
      url: '/api/v1/me/payment-orders',
      permission: 'resident.self',
      summary: 'Pay bills online: an order for WeChat Pay or Alipay',
      tags,
      body: PaymentOrderInput,
      response: PaymentOrder,
      status: 201,
      idempotent: true,
      handler: ({ ctx, body, req }) => online.createOrder(ctx, providers, body, req.ip),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/payment-orders/:id',
      permission: 'resident.self',
      summary: 'One of my payment orders (paid once the provider notified us)',
      tags,
      params: IdParams,
      response: PaymentOrder,
      handler: ({ ctx, params }) => online.getOrder(ctx, providers, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/me/payment-orders/:id/sandbox-pay',
      permission: 'resident.self',
      summary: 'Sandbox mode only: pay the order; the sandbox notifies like the provider would',
      tags,
      params: IdParams,
      response: PaymentOrder,
      handler: ({ ctx, params }) => online.payInSandbox(ctx, providers, params.id),
    }),
    // ── provider notifications (public: authenticated by the providers' signatures) ──
    defineRoute({
      method: 'POST',
      url: '/api/v1/pay/notify/:tenantId/wechatpay',
      permission: 'public',
      summary: 'WeChat Pay API v3 payment notification',
      tags,
      params: NotifyParams,
      raw: true,
      handler: async ({ ctx, params, req, reply }) => {
        const verification = providers.verifyWechatPay(req.headers, rawBodyOf(req) ?? '')
        const result = await online.handleNotification(ctx.db, params.tenantId, 'wechatpay', verification)
        // WeChat retries anything but a 2xx; a refused notification answers FAIL with its reason.
        if (result.outcome === 'refused')
          return reply.status(400).send({ code: 'FAIL', message: result.code }) as unknown as undefined
        return reply.status(200).send({ code: 'SUCCESS', message: '成功' }) as unknown as undefined
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/pay/notify/:tenantId/alipay',
      permission: 'public',
      summary: 'Alipay asynchronous payment notification',
      tags,
      params: NotifyParams,
      raw: true,
      handler: async ({ ctx, params, req, reply }) => {
        const form = (req.body ?? {}) as Record<string, string>
        const verification = providers.verifyAlipay(form)
        const result = await online.handleNotification(ctx.db, params.tenantId, 'alipay', verification)
        // Alipay stops redelivering only on the plain text "success".
        return reply
          .type('text/plain')
          .send(result.outcome === 'refused' ? 'failure' : ALIPAY_NOTIFICATION_ACK) as unknown as undefined
      },
    }),
  ]
}
