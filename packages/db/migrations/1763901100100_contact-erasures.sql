-- Up Migration

-- One row per erasure of a contact's data (the admin API asks, the worker erases): what was
-- removed, by whose request. The contact row itself is gone by then, so no foreign key.
CREATE TABLE contact_erasures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  contact_id uuid NOT NULL,
  requested_by text NOT NULL,
  counts jsonb NOT NULL DEFAULT '{}'::jsonb,
  completed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, contact_id)
);

-- Down Migration

DROP TABLE IF EXISTS contact_erasures;
