import { IdParams, InboxItem, Ok } from '@meihao/contracts'
import { z } from 'zod'
import { notFound } from '../../platform/errors'
import { actorOf, inTenant } from '../../platform/http/context'
import { defineRoute, type RouteSpec } from '../../platform/http/route'
import { listInbox, markRead, unreadCount } from '../../platform/inbox'

/** The console inbox of the signed-in staff member (escalations, assignments). */
export function notifyRoutes(): RouteSpec[] {
  const tags = ['notify']
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/inbox',
      permission: 'authenticated',
      summary: 'My inbox, newest first',
      tags,
      response: z.array(InboxItem),
      handler: ({ ctx }) => {
        const userId = actorOf(ctx).userId
        if (!userId) return []
        return inTenant(ctx, (tx, tenantId) => listInbox(tx, tenantId, userId, ctx.lang))
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/inbox/unread-count',
      permission: 'authenticated',
      summary: 'How many items of my inbox are unread',
      tags,
      response: z.object({ count: z.number().int() }),
      handler: async ({ ctx }) => {
        const userId = actorOf(ctx).userId
        if (!userId) return { count: 0 }
        return { count: await inTenant(ctx, (tx, tenantId) => unreadCount(tx, tenantId, userId)) }
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/inbox/:id/read',
      permission: 'authenticated',
      summary: 'Mark an item of my inbox read',
      tags,
      params: IdParams,
      response: Ok,
      handler: async ({ ctx, params }) => {
        const userId = actorOf(ctx).userId
        const found =
          userId && (await inTenant(ctx, (tx, tenantId) => markRead(tx, tenantId, userId, params.id)))
        if (!found) throw notFound('NOTIFY_ITEM_NOT_FOUND')
        return { ok: true as const }
      },
    }),
  ]
}
