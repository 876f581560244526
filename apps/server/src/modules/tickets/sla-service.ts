/**
 * The SLA check: raises the warnings, breaches and escalations a ticket is owed, each exactly once, and
 * sets when to look again. Timers are the tickets' `next_check_at`: the sweep job (every minute, and at
 * every worker start) checks every ticket whose time has come, so a restart or a lost job delays an
 * alert by a minute at most and never drops it.
 */
import { sql, type Transaction } from 'kysely'
import type { Database } from '../../platform/db/database'
import { withTenant } from '../../platform/db/tenancy'
import { postToInbox } from '../../platform/inbox'
import { communityFacts } from '../estate/published'
import { orgUnitChain, type StaffRef, usersAnsweringFor } from '../iam/published'
import { settingsOf } from './config-service'
import type { TicketTables } from './tables'
import { alertKey, type DueAlert, slaAgenda } from './ticket-clocks'
import { clockInputsOf, type TicketRow } from './ticket-row'
import { appendEvent, markRollupDirty, raisedAlerts, slaColumns } from './ticket-writer'

type Tx = Transaction<TicketTables>

/** Checks one ticket at `now`; answers how many alerts it raised. Safe to run any number of times. */
export async function checkTicketSla(
  db: Database,
  tenantId: string,
  ticketId: string,
  now: Date,
): Promise<number> {
  return withTenant<TicketTables, number>(db, tenantId, async (tx) => {
    const row = await tx
      .selectFrom('tickets')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', ticketId)
      .forUpdate()
      .executeTakeFirst()
    if (!row) return 0
    const facts = await communityFacts(tx, tenantId, row.community_id)
    if (!facts) throw new Error(`ticket ${row.id}: community ${row.community_id} not found`)
    const settings = await settingsOf(tx, tenantId, row.community_id)
    const place = { timeZone: facts.timeZone, settings }
    const raised = await raisedAlerts(tx, tenantId, row.id)
    const agendaDue = slaAgenda(clockInputsOf(row, facts.timeZone), settings, raised, now).due
    let current = row
    for (const alert of agendaDue) {
      const inserted = await tx
        .insertInto('ticket_sla_alerts')
        .values({
          tenant_id: tenantId,
          ticket_id: row.id,
          clock: alert.clock,
          kind: alert.kind,
          level: alert.level,
          cycle: alert.cycle,
          at: alert.at,
        })
        .onConflict((c) => c.doNothing())
        .returning('ticket_id')
        .executeTakeFirst()
      if (!inserted) continue
      raised.add(alertKey(alert))
      current = await recordAlert(tx, tenantId, current, alert, facts.orgUnitId, settings.escalation, now)
    }
    const sla = slaColumns(current, place, raised, now)
    await tx
      .updateTable('tickets')
      .set({
        sla_state: sla.sla_state,
        // Everything due was raised above: the next check is the next alert's time.
        next_check_at: sla.next_check_at && sla.next_check_at <= now ? null : sla.next_check_at,
        breached_clocks: current.breached_clocks,
        escalation_level: current.escalation_level,
        version: current.version,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .execute()
    if (agendaDue.length > 0)
      await markRollupDirty(tx, tenantId, row.community_id, row.created_at, facts.timeZone)
    return agendaDue.length
  })
}

const EVENT_KIND = { warning: 'sla_warning', breach: 'sla_breach', escalation: 'escalate' } as const

/** The timeline event of an alert, and for breaches and escalations the people told. */
async function recordAlert(
  tx: Tx,
  tenantId: string,
  row: TicketRow,
  alert: DueAlert,
  orgUnitId: string | null,
  steps: readonly { level: number; orgLevel: 'project' | 'city' | 'group' }[],
  now: Date,
): Promise<TicketRow> {
  let recipients: StaffRef[] = []
  let orgUnitName: string | null = null
  if (alert.kind === 'escalation') {
    const step = steps.find((s) => s.level === alert.level)
    const target = await escalationTarget(tx, tenantId, orgUnitId, step?.orgLevel ?? 'project')
    recipients = target.recipients
    orgUnitName = target.orgUnitName
  } else if (row.assignee_id) {
    recipients = [{ id: row.assignee_id, name: '' }]
  }
  const version = row.version + 1
  await appendEvent(tx, tenantId, row.id, version, now, {
    kind: EVENT_KIND[alert.kind],
    actorRole: 'system',
    actorId: null,
    fromStatus: row.status,
    toStatus: row.status,
    note: null,
    photos: [],
    details: {
      clock: alert.clock,
      dueAt: alert.at.toISOString(),
      ...(alert.kind === 'escalation'
        ? { level: alert.level, orgUnit: orgUnitName, notified: recipients.map((r) => r.name) }
        : {}),
    },
  })
  await postToInbox(
    tx,
    tenantId,
    recipients.map((r) => r.id),
    {
      kind: `ticket_${alert.kind}`,
      message: `TICKET_INBOX_${alert.kind.toUpperCase()}`,
      params: {
        number: row.number,
        title: row.title,
        clock: `@TICKET_CLOCK_${alert.clock.toUpperCase()}`,
        level: alert.level,
      },
      ticketId: row.id,
      dedupeKey: `ticket:${row.id}:${alertKey(alert)}`,
    },
    now,
  )
  return {
    ...row,
    version,
    breached_clocks:
      alert.kind === 'breach' && !row.breached_clocks.includes(alert.clock)
        ? [...row.breached_clocks, alert.clock]
        : row.breached_clocks,
    escalation_level:
      alert.kind === 'escalation' ? Math.max(row.escalation_level, alert.level) : row.escalation_level,
  }
}

/**
 * Who answers at an escalation level: the managers (tickets.manage) of the community's org unit of that
 * kind. A level the tree does not have (a community outside the tree, no city company) goes to the
 * company-wide managers, so an escalation always reaches somebody.
 */
async function escalationTarget(
  tx: Tx,
  tenantId: string,
  orgUnitId: string | null,
  orgLevel: 'project' | 'city' | 'group',
) {
  const chain = await orgUnitChain(tx, tenantId, orgUnitId)
  const unit = chain.find((o) => o.kind === orgLevel)
  let recipients = unit ? await usersAnsweringFor(tx, tenantId, 'tickets.manage', unit.id) : []
  if (recipients.length === 0) recipients = await usersAnsweringFor(tx, tenantId, 'tickets.manage', null)
  return { recipients, orgUnitName: unit?.name ?? null }
}

/** Tickets of one company whose next check is due, oldest first. */
async function dueTickets(db: Database, tenantId: string, now: Date, limit: number): Promise<string[]> {
  return withTenant<TicketTables, string[]>(db, tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('tickets')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('next_check_at', '<=', now)
      .orderBy('next_check_at')
      .limit(limit)
      .execute()
    return rows.map((r) => r.id)
  })
}

/** Checks every due ticket of every company; answers how many alerts were raised. */
export async function sweepSla(db: Database, now: Date = new Date(), batch = 500): Promise<number> {
  const { rows: tenants } = await sql<{ id: string }>`select id from tenants order by id`.execute(db.owner)
  let raised = 0
  const failures: unknown[] = []
  for (const { id } of tenants) {
    const checked = new Set<string>()
    for (;;) {
      // A ticket that comes back (its check failed) is left for the next sweep, not retried in a loop.
      const due = (await dueTickets(db, id, now, batch)).filter((t) => !checked.has(t))
      for (const ticketId of due) {
        checked.add(ticketId)
        try {
          raised += await checkTicketSla(db, id, ticketId, now)
        } catch (error) {
          failures.push(error)
        }
      }
      if (due.length === 0) break
    }
  }
  // One broken ticket does not hold up the others; the job still fails, so it is retried and seen.
  if (failures.length > 0)
    throw new AggregateError(failures, `SLA check failed for ${failures.length} ticket(s)`)
  return raised
}
