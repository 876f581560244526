import type { Assignee } from '@meihao/contracts'
import { sql, type Transaction } from 'kysely'
import type { CommunityFacts } from '../estate/published'
import { orgUnitChain, type StaffRef, usersReaching } from '../iam/published'
import type { TicketTables } from './tables'

type Tx = Transaction<TicketTables>

/** Staff who can take tickets in the community: holders of tickets.handle whose grants reach it. */
export async function eligibleAssignees(
  tx: Tx,
  tenantId: string,
  community: CommunityFacts,
): Promise<StaffRef[]> {
  const chain = await orgUnitChain(tx, tenantId, community.orgUnitId)
  return usersReaching(tx, tenantId, 'tickets.handle', {
    communityId: community.id,
    orgUnitIds: chain.map((o) => o.id),
  })
}

/** The assignees with their open (assigned, not yet resolved) tickets, for the dispatch view. */
export async function assigneesWithLoad(
  tx: Tx,
  tenantId: string,
  community: CommunityFacts,
): Promise<Assignee[]> {
  const staff = await eligibleAssignees(tx, tenantId, community)
  if (staff.length === 0) return []
  const loads = await tx
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where(
      'assignee_id',
      'in',
      staff.map((s) => s.id),
    )
    .where('status', 'in', ['assigned', 'in_progress', 'on_hold', 'quoted'])
    .groupBy('assignee_id')
    .execute()
  const load = new Map(loads.map((l) => [l.assignee_id, Number(l.n)]))
  return staff.map((s) => ({ id: s.id, name: s.name, openTickets: load.get(s.id) ?? 0 }))
}

/**
 * Round robin per community and category: the next eligible technician after the one who got the last
 * ticket (in a stable order of ids). The cursor row is locked, so two tickets at once go to two people;
 * the very first pick inserts the row, so a second ticket at that moment waits for it too.
 */
export async function nextInRotation(
  tx: Tx,
  tenantId: string,
  community: CommunityFacts,
  categoryId: string,
): Promise<string | null> {
  const staff = await eligibleAssignees(tx, tenantId, community)
  if (staff.length === 0) return null
  const ids = staff.map((s) => s.id).sort()
  const created = await sql<{ last_user_id: string }>`
    insert into ticket_dispatch_cursors (tenant_id, community_id, category_id, last_user_id)
    values (${tenantId}, ${community.id}, ${categoryId}, ${ids[0]!})
    on conflict (tenant_id, community_id, category_id) do nothing
    returning last_user_id`.execute(tx)
  if (created.rows.length > 0) return ids[0]!
  const { rows } = await sql<{ last_user_id: string }>`
    select last_user_id from ticket_dispatch_cursors
     where tenant_id = ${tenantId} and community_id = ${community.id} and category_id = ${categoryId}
     for update`.execute(tx)
  const last = rows[0]?.last_user_id
  const pick = ids.find((id) => last === undefined || id > last) ?? ids[0]!
  await sql`
    update ticket_dispatch_cursors set last_user_id = ${pick}
     where tenant_id = ${tenantId} and community_id = ${community.id} and category_id = ${categoryId}`.execute(
    tx,
  )
  return pick
}
