-- The owners' decision on a topic of 278 item 五 approves one use of the maintenance fund: at most one
-- project that is not cancelled stands on it (the service says so in words; this makes a race lose).
CREATE UNIQUE INDEX fund_projects_one_per_topic ON fund_projects (tenant_id, decision_id, topic_id)
  WHERE topic_id IS NOT NULL AND status <> 'cancelled';
