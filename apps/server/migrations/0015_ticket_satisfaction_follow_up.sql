-- Satisfaction in the monthly report now counts the desk's 回访 score where the owner gave no rating
-- (a caller without an account). The months holding such tickets are marked stale, so the rollup job
-- recomputes them with the new rule.
INSERT INTO ticket_rollup_dirty (tenant_id, community_id, month)
SELECT DISTINCT t.tenant_id, t.community_id, date_trunc('month', t.created_at AT TIME ZONE c.time_zone)::date
  FROM tickets t
  JOIN communities c ON c.tenant_id = t.tenant_id AND c.id = t.community_id
 WHERE t.follow_up_score IS NOT NULL AND t.rating IS NULL
ON CONFLICT DO NOTHING;
