-- Up Migration

-- The admin call list filters by either party's number (from OR to); with only the caller's
-- number indexed the OR forced a scan of the business's calls.
CREATE INDEX calls_to_idx ON calls (tenant_id, to_number);

-- Down Migration

DROP INDEX IF EXISTS calls_to_idx;
