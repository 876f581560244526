-- Idempotency-Key (DESIGN §3): the first answer to a retried write, kept per caller and key, so a
-- client that retries (a kiosk, a flaky phone, a payment notifier) gets the same answer, not a second write.
CREATE TABLE idempotency_keys (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  actor_key     text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  -- NULL while the first request is still running.
  status_code   smallint,
  response      jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, actor_key, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
SELECT enable_tenant_rls('idempotency_keys');
