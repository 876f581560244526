import {
  Assignee,
  Id,
  IdParams,
  MyTicketInput,
  Ok,
  page,
  patchOf,
  ReportQuery,
  SlaPolicy,
  SlaPolicyInput,
  Ticket,
  TicketActionInput,
  TicketCategory,
  TicketCategoryInput,
  TicketInput,
  TicketListQuery,
  TicketReport,
  TicketSettings,
  TicketSummary,
} from '@meihao/contracts'
import { z } from 'zod'
import type { Deps } from '../../platform/deps'
import type { RequestContext } from '../../platform/http/context'
import { defineRoute, type RouteSpec } from '../../platform/http/route'
import * as config from './config-service'
import './messages'
import { communityReport } from './rollup'
import * as tickets from './tickets-service'

// Up to six photos of 5 MB each in base64, plus the JSON around them.
const PHOTOS_BODY_LIMIT = 42 * 1024 * 1024
const PhotoParams = z.object({ id: Id, photo: z.string().regex(/^[0-9a-f]{64}$/) })
const CommunityQuery = z.object({ communityId: Id })
const OptionalCommunityQuery = z.object({ communityId: Id.optional() })
const OwnerListQuery = TicketListQuery.pick({ cursor: true, limit: true })

export function ticketRoutes(deps: Deps): RouteSpec[] {
  const tags = ['tickets']
  const photoRoute = (
    url: string,
    permission: 'tickets.read' | 'resident.self',
    audience: 'staff' | 'owner',
  ) =>
    defineRoute({
      method: 'GET',
      url,
      permission,
      summary: 'A photo of the ticket or of one of its events',
      tags,
      params: PhotoParams,
      raw: true,
      handler: async ({ ctx, params, reply }) => {
        const file = await tickets.ticketPhoto(ctx, params.id, params.photo, audience)
        reply.header('Cache-Control', 'private, max-age=86400').type(file.contentType)
        return reply.send(deps.files.read(file.tenantId, file.sha256)) as unknown as undefined
      },
    })
  const act = (
    ctx: RequestContext,
    id: string,
    body: z.output<typeof TicketActionInput>,
    audience: 'staff' | 'owner',
  ) => tickets.actOnTicket(ctx, deps, id, body, audience)
  return [
    // ── staff ──
    defineRoute({
      method: 'GET',
      url: '/api/v1/tickets',
      permission: 'tickets.read',
      summary: 'Service requests in my scope: the service-desk board',
      tags,
      query: TicketListQuery,
      response: page(TicketSummary),
      handler: ({ ctx, query }) => tickets.listTickets(ctx, query, 'staff'),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/tickets',
      permission: 'tickets.create',
      summary: 'Register a request taken by phone, at the desk, on patrol, from a kiosk or an integration',
      tags,
      body: TicketInput,
      response: Ticket,
      status: 201,
      idempotent: true,
      bodyLimit: PHOTOS_BODY_LIMIT,
      handler: ({ ctx, body }) => tickets.createStaffTicket(ctx, deps, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/tickets/assignees',
      permission: 'tickets.dispatch',
      summary: 'Staff who can take tickets in a community, with their open tickets',
      tags,
      query: CommunityQuery,
      response: z.array(Assignee),
      handler: ({ ctx, query }) => tickets.listAssignees(ctx, query.communityId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/tickets/:id',
      permission: 'tickets.read',
      summary: 'One ticket with its clocks, timeline, the actions open to me and duplicate hints',
      tags,
      params: IdParams,
      response: Ticket,
      handler: ({ ctx, params }) => tickets.getTicket(ctx, deps, params.id, 'staff'),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/tickets/:id/actions',
      permission: 'tickets.read',
      summary: 'Take an action (the graph and my roles on this ticket decide whether I may)',
      tags,
      params: IdParams,
      body: TicketActionInput,
      response: Ticket,
      bodyLimit: PHOTOS_BODY_LIMIT,
      handler: ({ ctx, params, body }) => act(ctx, params.id, body, 'staff'),
    }),
    photoRoute('/api/v1/tickets/:id/photos/:photo', 'tickets.read', 'staff'),
    defineRoute({
      method: 'GET',
      url: '/api/v1/ticket-categories',
      permission: 'tickets.read',
      summary: "The company's request categories",
      tags,
      response: z.array(TicketCategory),
      handler: ({ ctx }) => config.listCategories(ctx),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/ticket-categories',
      permission: 'tickets.configure',
      summary: 'Add a category',
      tags,
      body: TicketCategoryInput,
      response: TicketCategory,
      status: 201,
      handler: ({ ctx, body }) => config.createCategory(ctx, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/ticket-categories/:id',
      permission: 'tickets.configure',
      summary: 'Rename, move, re-scope or deactivate a category',
      tags,
      params: IdParams,
      body: patchOf(TicketCategoryInput).omit({ code: true }),
      response: TicketCategory,
      handler: ({ ctx, params, body }) => config.updateCategory(ctx, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/sla-policies',
      permission: 'tickets.read',
      summary: 'SLA policies (the community’s and the company defaults)',
      tags,
      query: OptionalCommunityQuery,
      response: z.array(SlaPolicy),
      handler: ({ ctx, query }) => config.listPolicies(ctx, query.communityId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/sla-policies',
      permission: 'tickets.configure',
      summary: 'Create or replace the policy of a community × category × priority',
      tags,
      body: SlaPolicyInput,
      response: SlaPolicy,
      handler: ({ ctx, body }) => config.upsertPolicy(ctx, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/sla-policies/:id',
      permission: 'tickets.configure',
      summary: 'Delete a policy (tickets keep the targets they were created with)',
      tags,
      params: IdParams,
      response: Ok,
      handler: ({ ctx, params }) => config.deletePolicy(ctx, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/communities/:id/ticket-settings',
      permission: 'tickets.read',
      summary: "A community's ticket settings: business hours, warnings, low ratings, dispatch, escalation",
      tags,
      params: IdParams,
      response: TicketSettings,
      handler: ({ ctx, params }) => config.getSettings(ctx, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/communities/:id/ticket-settings',
      permission: 'tickets.configure',
      summary: "Replace a community's ticket settings",
      tags,
      params: IdParams,
      body: TicketSettings,
      response: TicketSettings,
      handler: ({ ctx, params, body }) => config.putSettings(ctx, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/ticket-reports',
      permission: 'tickets.manage',
      summary: 'Monthly figures of a community, from the rollup',
      tags,
      query: ReportQuery,
      response: TicketReport,
      handler: ({ ctx, query }) => communityReport(ctx, query.communityId, query.month),
    }),
    // ── owners ──
    defineRoute({
      method: 'GET',
      url: '/api/v1/my/ticket-categories',
      permission: 'resident.self',
      summary: 'Categories an owner can report under',
      tags,
      response: z.array(TicketCategory),
      handler: ({ ctx }) => config.listCategories(ctx, true),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/my/tickets',
      permission: 'resident.self',
      summary: 'Report a problem, complain, ask or suggest (一键报修)',
      tags,
      body: MyTicketInput,
      response: Ticket,
      status: 201,
      idempotent: true,
      bodyLimit: PHOTOS_BODY_LIMIT,
      rateLimitPerMinute: 30,
      handler: ({ ctx, body }) => tickets.createMyTicket(ctx, deps, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/my/tickets',
      permission: 'resident.self',
      summary: 'My requests',
      tags,
      query: OwnerListQuery,
      response: page(TicketSummary),
      handler: ({ ctx, query }) => tickets.listTickets(ctx, query, 'owner'),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/my/tickets/:id',
      permission: 'resident.self',
      summary: 'One of my requests with its timeline',
      tags,
      params: IdParams,
      response: Ticket,
      handler: ({ ctx, params }) => tickets.getTicket(ctx, deps, params.id, 'owner'),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/my/tickets/:id/actions',
      permission: 'resident.self',
      summary: 'Rate, reopen, cancel, or decide on a quote',
      tags,
      params: IdParams,
      body: TicketActionInput,
      response: Ticket,
      bodyLimit: PHOTOS_BODY_LIMIT,
      handler: ({ ctx, params, body }) => act(ctx, params.id, body, 'owner'),
    }),
    photoRoute('/api/v1/my/tickets/:id/photos/:photo', 'resident.self', 'owner'),
  ]
}
