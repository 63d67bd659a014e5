-- Up Migration

-- Outbound calls are placed in the contact's own hours (contacts.timezone, added with the
-- follow-ups; NULL: the business's zone). Consent to be called is recorded when given; a
-- contact who is a customer (has had a booking) may be called without it. STOP (opted_out) wins.
ALTER TABLE contacts ADD COLUMN call_consent_at timestamptz;

-- A campaign is a list of contacts called for one purpose; a single callback is a campaign of
-- one (kind 'callback'), so both share the outcomes and the admin views.
CREATE TABLE outbound_campaigns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('campaign', 'callback')),
  purpose text NOT NULL CHECK (purpose IN ('reminder', 'reactivation', 'follow_up', 'callback')),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'cancelled')),
  policy jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbound_campaigns_page_idx ON outbound_campaigns (tenant_id, created_at, id);

-- One contact of a campaign and what became of them.
CREATE TABLE outbound_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  campaign_id uuid NOT NULL REFERENCES outbound_campaigns (id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'calling', 'done')),
  outcome text CHECK (outcome IN ('human', 'voicemail', 'no_answer', 'busy', 'failed', 'opted_out', 'no_consent', 'over_budget', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, contact_id)
);
CREATE INDEX outbound_targets_campaign_idx ON outbound_targets (tenant_id, campaign_id, created_at, id);

-- Each dial of a target: claimed before Twilio is asked, so a retried activity reuses the call.
CREATE TABLE outbound_dials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  target_id uuid NOT NULL REFERENCES outbound_targets (id) ON DELETE CASCADE,
  attempt integer NOT NULL CHECK (attempt > 0),
  from_number text NOT NULL,
  call_sid text UNIQUE,
  answered_by text,
  call_status text,
  voicemail_left_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (target_id, attempt)
);

-- Pacing per calling number: the earliest time the next call may leave it.
CREATE TABLE outbound_number_pacing (
  e164 text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  next_free_at timestamptz NOT NULL
);

-- Down Migration

DROP TABLE outbound_number_pacing;
DROP TABLE outbound_dials;
DROP TABLE outbound_targets;
DROP TABLE outbound_campaigns;
ALTER TABLE contacts DROP COLUMN call_consent_at;
