-- The hourly purge finds ended sessions by expiry or revocation; without these it scans every session.
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_revoked_at ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
