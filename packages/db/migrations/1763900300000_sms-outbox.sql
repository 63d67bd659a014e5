-- Up Migration

-- Every outbound text of the Twilio channel, whether it went to Twilio's REST API or, with no
-- REST credentials configured, stayed in this outbox for the terminal phone to show. The
-- idempotency key makes a retried activity send nothing twice; a refused row records that an
-- opted-out number was not texted.
CREATE TABLE sms_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  idempotency_key text NOT NULL,
  to_number text NOT NULL CHECK (to_number ~ '^\+[1-9][0-9]{6,14}$'),
  from_number text NOT NULL,
  body text NOT NULL,
  purpose text NOT NULL DEFAULT 'reply',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'local', 'refused', 'failed')),
  provider_sid text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX sms_outbox_page_idx ON sms_outbox (tenant_id, created_at, id);
CREATE INDEX sms_outbox_to_idx ON sms_outbox (to_number, created_at);

-- Which call a conversation turn belongs to, so a call's transcript and summary can be read back,
-- and the time the voice channel's whole hop took (Twilio webhook in, answer out), next to the
-- agent service's own latency_ms and the model's model_latency_ms.
ALTER TABLE messages ADD COLUMN call_sid text;
ALTER TABLE messages ADD COLUMN channel_latency_ms integer CHECK (channel_latency_ms >= 0);
CREATE INDEX messages_call_idx ON messages (tenant_id, call_sid) WHERE call_sid IS NOT NULL;

-- Down Migration

DROP INDEX IF EXISTS messages_call_idx;
ALTER TABLE messages DROP COLUMN IF EXISTS channel_latency_ms;
ALTER TABLE messages DROP COLUMN IF EXISTS call_sid;
DROP TABLE IF EXISTS sms_outbox;
