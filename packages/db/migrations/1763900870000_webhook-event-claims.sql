-- Up Migration

-- When the delivery now handling a provider event claimed it. A concurrent redelivery finds the
-- claim fresh and does nothing; a claim left by a process that died goes stale and may be taken
-- again, as may an event whose handling failed.
ALTER TABLE webhook_events ADD COLUMN claimed_at timestamptz;

-- Down Migration

ALTER TABLE webhook_events DROP COLUMN claimed_at;
