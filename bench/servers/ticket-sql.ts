/**
 * Statements of the tickets benchmark written out by hand: the bare routes' raw write and board page,
 * and the report's figures computed straight from `tickets` (the SELECT of recomputeMonth in
 * apps/server/src/modules/tickets/rollup.ts), for the ceilings.
 */

/**
 * The board's page as listTickets (tickets-service.ts) sends it for a company-wide grant and one community.
 * $1 = tenant id, $2 = community id, $3 = limit + 1 (the extra row says whether a next page exists).
 */
export const BOARD_SQL = `
select t.* from tickets t
 where t.tenant_id = $1 and t.community_id = $2
 order by t.created_at desc, t.id desc
 limit $3`

/**
 * One ticket as a desk call leaves it (accepted at once, its response clock stopped at creation), its
 * number from the same sequence the server uses. Returns the number.
 */
export const INSERT_TICKET_SQL = `
insert into tickets (tenant_id, id, number, community_id, building_id, unit_id, spot, kind, category_id,
                     priority, channel, title, description, status, response_minutes, arrival_minutes,
                     resolution_minutes, clock_mode, responded_at, response_ms, created_at, updated_at, version)
values ($1, $2, 'GD' || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD')
                     || lpad(nextval('ticket_number_seq')::text, 6, '0'),
        $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'accepted', $13, $14, $15, 'calendar', now(), 0, now(), now(), 2)
returning number`

/** The ticket's first timeline event. $1 tenant, $2 ticket, $3 details (jsonb). */
export const INSERT_EVENT_SQL = `
insert into ticket_events (tenant_id, ticket_id, seq, at, kind, actor_role, from_status, to_status, details)
values ($1, $2, 1, now(), 'create', 'desk', null, 'submitted', $3)`

/** clockSql('response' | 'arrival' | 'resolution') of rollup.ts. */
const clockFigures = (clock: string) => `
  count(*) filter (where ${clock}_minutes is not null
                     and (${clock}_ms is not null or '${clock}' = any(breached_clocks))) as ${clock}_measured,
  count(*) filter (where ${clock}_ms is not null and ${clock}_ms <= ${clock}_minutes::bigint * 60000) as ${clock}_on_time,
  count(${clock}_ms) as ${clock}_count,
  coalesce(sum(${clock}_ms), 0)::text as ${clock}_sum,
  (percentile_disc(0.9) within group (order by ${clock}_ms))::text as ${clock}_p90`

/** The figures recomputeMonth computes per grouping. */
const FIGURES = `
  count(*) as created,
  count(*) filter (where status = 'closed') as closed,
  count(*) filter (where status = 'cancelled') as cancelled,
  ${clockFigures('response')}, ${clockFigures('arrival')}, ${clockFigures('resolution')},
  count(coalesce(rating, follow_up_score)) as ratings,
  coalesce(sum(coalesce(rating, follow_up_score)), 0) as rating_sum,
  count(*) filter (where coalesce(rating, follow_up_score) >= 4) as satisfied,
  count(*) filter (where reopen_count > 0) as reopened`

/**
 * recomputeMonth's SELECT: one community-month from the tickets, grouped as the rollup stores it.
 * $1 tenant, $2 community, $3 first day of the month ('YYYY-MM-01'), $4 the community's time zone.
 */
export const MONTH_SCAN_SQL = `
select grouping(kind) as gk, grouping(category_id) as gc, kind, category_id::text as category_id, ${FIGURES}
  from tickets
 where tenant_id = $1 and community_id = $2
   and created_at >= ($3::date::timestamp at time zone $4)
   and created_at < (($3::date + interval '1 month')::timestamp at time zone $4)
 group by grouping sets ((), (kind), (category_id))`

/** The same SELECT over every community of the company for that month. $1 tenant, $2 month, $3 time zone. */
export const TENANT_MONTH_SCAN_SQL = `
select grouping(kind) as gk, grouping(category_id) as gc, kind, category_id::text as category_id, ${FIGURES}
  from tickets
 where tenant_id = $1
   and created_at >= ($2::date::timestamp at time zone $3)
   and created_at < (($2::date + interval '1 month')::timestamp at time zone $3)
 group by grouping sets ((), (kind), (category_id))`

/**
 * Every community-month of a company in one statement (the rebuild's ceiling): the same figures, one
 * pass over the tickets, nothing stored. $1 tenant, $2 time zone (all communities share it).
 */
export const ALL_MONTHS_SCAN_SQL = `
select community_id, month, grouping(kind) as gk, grouping(category_id) as gc, kind,
       category_id::text as category_id, ${FIGURES}
  from (select *, date_trunc('month', created_at at time zone $2)::date as month
          from tickets where tenant_id = $1) t
 group by grouping sets ((community_id, month), (community_id, month, kind), (community_id, month, category_id))`
