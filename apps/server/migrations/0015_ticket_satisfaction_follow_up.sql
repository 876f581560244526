-- Satisfaction in the monthly report now counts the desk's 回访 score where the owner gave no rating
-- (a caller without an account). The months holding such tickets are marked stale, so the rollup job
-- recomputes them with the new rule. Company by company: row level security is forced on these tables.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    INSERT INTO ticket_rollup_dirty (tenant_id, community_id, month)
    SELECT DISTINCT tk.tenant_id, tk.community_id,
           date_trunc('month', tk.created_at AT TIME ZONE c.time_zone)::date
      FROM tickets tk
      JOIN communities c ON c.tenant_id = tk.tenant_id AND c.id = tk.community_id
     WHERE tk.tenant_id = t.id AND tk.follow_up_score IS NOT NULL AND tk.rating IS NULL
    ON CONFLICT DO NOTHING;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
