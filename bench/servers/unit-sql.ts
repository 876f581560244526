/**
 * The unit-detail route's one SELECT (selectUnitDetail(...).where('u.id', '=', id) in
 * apps/server/src/modules/estate/units-service.ts, company-wide scope: the unit, its current owner
 * names, and its ownership and occupancy history as JSON), written out by hand.
 * $1 = tenant id, $2 = unit id.
 */
export const UNIT_BY_ID_SQL = `
select u.id, u.community_id, u.building_id, b.code as building_code, c.name as community_name,
       u.code, u.floor, u.building_area, u.exclusive_area, u.exclusive_area_source, u.use,
       u.delivery_date, u.sold,
       array(select p.name from unit_ownerships o
               join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
              where o.tenant_id = u.tenant_id and o.unit_id = u.id
                and o.start_date <= (now() at time zone c.time_zone)::date
                and (o.end_date is null or o.end_date >= (now() at time zone c.time_zone)::date)
              order by p.name) as owner_names,
       coalesce((select jsonb_agg(jsonb_build_object('id', o.id, 'party', jsonb_build_object('id', p.id,
                  'kind', p.kind, 'name', p.name, 'phoneMasked', p.phone_masked, 'idNumberMasked', p.id_number_masked),
                  'startDate', o.start_date, 'endDate', o.end_date) order by o.start_date desc, o.id)
                   from unit_ownerships o join parties p on p.tenant_id = o.tenant_id and p.id = o.party_id
                  where o.tenant_id = u.tenant_id and o.unit_id = u.id), '[]'::jsonb) as ownerships,
       coalesce((select jsonb_agg(jsonb_build_object('id', r.id, 'party', jsonb_build_object('id', p.id,
                  'kind', p.kind, 'name', p.name, 'phoneMasked', p.phone_masked, 'idNumberMasked', p.id_number_masked),
                  'relation', r.relation, 'startDate', r.start_date, 'endDate', r.end_date) order by r.start_date desc, r.id)
                   from unit_occupancies r join parties p on p.tenant_id = r.tenant_id and p.id = r.party_id
                  where r.tenant_id = u.tenant_id and r.unit_id = u.id), '[]'::jsonb) as occupancies
  from units u
  join buildings b on b.tenant_id = u.tenant_id and b.id = u.building_id
  join communities c on c.tenant_id = u.tenant_id and c.id = u.community_id
 where u.tenant_id = $1 and u.id = $2`
