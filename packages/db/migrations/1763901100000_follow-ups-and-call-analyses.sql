-- Up Migration

-- The contact's own time zone (IANA), when known: texts that follow a call up keep to quiet
-- hours in it. NULL means the business's time zone. IF NOT EXISTS: outbound calling reads it too.
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS timezone text CHECK (char_length(timezone) BETWEEN 1 AND 64);

-- One structured record per call, written by the post-call analysis (Claude or the rules) and
-- read by the admin API's call detail. Re-analysing a call replaces its record.
CREATE TABLE call_analyses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  intent text NOT NULL,
  outcome text NOT NULL,
  follow_up_needed boolean NOT NULL,
  follow_up_reason text,
  sentiment text NOT NULL CHECK (sentiment IN ('positive', 'neutral', 'negative')),
  evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
  source text NOT NULL CHECK (source IN ('claude', 'rules')),
  model text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, call_id)
);

-- Down Migration

DROP TABLE IF EXISTS call_analyses;
