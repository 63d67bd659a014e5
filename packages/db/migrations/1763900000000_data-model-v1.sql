-- Up Migration

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A business we answer the phone for. Profile fields the agents read live in typed columns;
-- provider settings that vary by provider stay in jsonb validated by the domain schemas.
CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL,
  timezone text NOT NULL DEFAULT 'UTC',
  business_hours jsonb NOT NULL DEFAULT '{}'::jsonb,
  closed_dates date[] NOT NULL DEFAULT '{}',
  greeting text NOT NULL DEFAULT '',
  persona text NOT NULL DEFAULT '',
  languages text[] NOT NULL DEFAULT '{en-US}',
  escalation_phone text,
  escalation_contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
  deposit_required boolean NOT NULL DEFAULT false,
  deposit_amount_minor integer NOT NULL DEFAULT 0 CHECK (deposit_amount_minor >= 0),
  currency char(3) NOT NULL DEFAULT 'USD',
  hold_timeout_minutes integer NOT NULL DEFAULT 15 CHECK (hold_timeout_minutes > 0),
  refund_full_until_hours integer NOT NULL DEFAULT 24 CHECK (refund_full_until_hours >= 0),
  calendar_provider text NOT NULL DEFAULT 'builtin' CHECK (calendar_provider IN ('builtin', 'calcom')),
  calendar_settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  voice_mode text NOT NULL DEFAULT 'gather' CHECK (voice_mode IN ('gather', 'relay')),
  voice text NOT NULL DEFAULT 'Polly.Joanna-Neural',
  services jsonb NOT NULL DEFAULT '[]'::jsonb,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenants_page_idx ON tenants (created_at, id);

CREATE TABLE phone_numbers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  e164 text NOT NULL UNIQUE CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX phone_numbers_page_idx ON phone_numbers (tenant_id, created_at, id);

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  phone text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  name text,
  email text,
  qualification jsonb NOT NULL DEFAULT '{}'::jsonb,
  lead_score integer CHECK (lead_score BETWEEN 0 AND 100),
  opted_out boolean NOT NULL DEFAULT false,
  opted_out_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, phone)
);
CREATE INDEX contacts_page_idx ON contacts (tenant_id, created_at, id);

CREATE TABLE calls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  call_sid text NOT NULL UNIQUE,
  contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
  direction text NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
  from_number text NOT NULL,
  to_number text NOT NULL,
  status text NOT NULL DEFAULT 'ringing',
  started_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  ended_at timestamptz,
  duration_seconds integer CHECK (duration_seconds >= 0),
  outcome text CHECK (outcome IN ('booked', 'question_answered', 'escalated', 'message_taken', 'abandoned', 'missed')),
  summary text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calls_page_idx ON calls (tenant_id, created_at, id);
CREATE INDEX calls_from_idx ON calls (tenant_id, from_number);

-- One conversation per contact and channel thread; voice calls and texts of one contact may
-- share it so the agent remembers what was said on the phone when the caller texts later.
CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
  channel text NOT NULL CHECK (channel IN ('voice', 'sms')),
  call_id uuid REFERENCES calls (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_page_idx ON conversations (tenant_id, created_at, id);
CREATE INDEX conversations_contact_idx ON conversations (tenant_id, contact_id);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('voice', 'sms')),
  role text NOT NULL CHECK (role IN ('caller', 'agent', 'system')),
  text text NOT NULL,
  agent text,
  provider_sid text,
  latency_ms integer CHECK (latency_ms >= 0),
  model_latency_ms integer CHECK (model_latency_ms >= 0),
  input_tokens integer NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
  output_tokens integer NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
  cost_micro_usd bigint NOT NULL DEFAULT 0 CHECK (cost_micro_usd >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_conversation_idx ON messages (tenant_id, conversation_id, created_at, id);
CREATE UNIQUE INDEX messages_provider_sid_uq ON messages (tenant_id, provider_sid) WHERE provider_sid IS NOT NULL;

CREATE TABLE bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
  resource text NOT NULL DEFAULT 'default',
  service text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('held', 'pending_payment', 'confirmed', 'cancelled', 'completed', 'no_show')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  time_range tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
  provider text NOT NULL DEFAULT 'builtin' CHECK (provider IN ('builtin', 'calcom')),
  external_id text,
  workflow_id text UNIQUE,
  hold_expires_at timestamptz,
  deposit_amount_minor integer NOT NULL DEFAULT 0 CHECK (deposit_amount_minor >= 0),
  currency char(3) NOT NULL DEFAULT 'USD',
  notes text NOT NULL DEFAULT '',
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  -- Two live bookings can never overlap on one resource: the database decides, not a read-then-write.
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (tenant_id WITH =, resource WITH =, time_range WITH &&)
    WHERE (status IN ('held', 'pending_payment', 'confirmed'))
);
CREATE INDEX bookings_page_idx ON bookings (tenant_id, created_at, id);
CREATE INDEX bookings_starts_idx ON bookings (tenant_id, starts_at);
CREATE UNIQUE INDEX bookings_external_uq ON bookings (tenant_id, provider, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  provider text NOT NULL DEFAULT 'stripe',
  idempotency_key text NOT NULL UNIQUE,
  checkout_session_id text UNIQUE,
  payment_intent_id text,
  checkout_url text,
  amount_minor integer NOT NULL CHECK (amount_minor >= 0),
  currency char(3) NOT NULL,
  refunded_minor integer NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'expired', 'refunded', 'partially_refunded')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (refunded_minor <= amount_minor)
);
CREATE INDEX payments_page_idx ON payments (tenant_id, created_at, id);
CREATE INDEX payments_booking_idx ON payments (tenant_id, booking_id);

CREATE TABLE escalations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  call_id uuid REFERENCES calls (id) ON DELETE SET NULL,
  conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('transfer', 'message')),
  reason text NOT NULL DEFAULT '',
  summary text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_at timestamptz,
  resolved_by text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX escalations_page_idx ON escalations (tenant_id, created_at, id);

CREATE TABLE knowledge_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  question text NOT NULL,
  answer text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', question || ' ' || answer)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_entries_page_idx ON knowledge_entries (tenant_id, created_at, id);
CREATE INDEX knowledge_entries_search_idx ON knowledge_entries USING gin (search);

-- The idempotency record of every provider callback. tenant_id is filled once the event is
-- matched to a business; the provider's own id is what makes a redelivery a duplicate.
CREATE TABLE webhook_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider text NOT NULL CHECK (provider IN ('stripe', 'calcom', 'twilio')),
  event_id text NOT NULL,
  event_type text NOT NULL,
  tenant_id uuid REFERENCES tenants (id) ON DELETE SET NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'ignored', 'failed')),
  error text,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  UNIQUE (provider, event_id)
);
CREATE INDEX webhook_events_received_idx ON webhook_events (received_at, id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL DEFAULT '',
  prefix text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'viewer')),
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_page_idx ON api_keys (created_at, id);

CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid REFERENCES tenants (id) ON DELETE SET NULL,
  api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
  actor text NOT NULL,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text,
  before jsonb,
  after jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_page_idx ON audit_log (tenant_id, created_at, id);

-- Down Migration

DROP TABLE IF EXISTS audit_log;
DROP TABLE IF EXISTS api_keys;
DROP TABLE IF EXISTS webhook_events;
DROP TABLE IF EXISTS knowledge_entries;
DROP TABLE IF EXISTS escalations;
DROP TABLE IF EXISTS payments;
DROP TABLE IF EXISTS bookings;
DROP TABLE IF EXISTS messages;
DROP TABLE IF EXISTS conversations;
DROP TABLE IF EXISTS calls;
DROP TABLE IF EXISTS contacts;
DROP TABLE IF EXISTS phone_numbers;
DROP TABLE IF EXISTS tenants;
