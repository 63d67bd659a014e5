-- Up Migration

-- One outbox for every text the product sends: booking confirmations and reminders, replies to
-- callers, keyword answers and staff alerts. The channel's texts carry the number they go out from
-- and why they were sent; idempotency keys are a tenant's own, so one business's key can never
-- block another business's text.
ALTER TABLE outbound_messages ADD COLUMN from_number text;
ALTER TABLE outbound_messages ADD COLUMN purpose text NOT NULL DEFAULT 'notification';
ALTER TABLE outbound_messages DROP CONSTRAINT outbound_messages_idempotency_key_key;
ALTER TABLE outbound_messages
  ADD CONSTRAINT outbound_messages_tenant_key_uq UNIQUE (tenant_id, idempotency_key);
-- The terminal phone reads a number's texts as they arrive.
CREATE INDEX outbound_messages_to_idx ON outbound_messages ("to", created_at);

DROP TABLE sms_outbox;

-- Down Migration

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

DROP INDEX IF EXISTS outbound_messages_to_idx;
ALTER TABLE outbound_messages DROP CONSTRAINT IF EXISTS outbound_messages_tenant_key_uq;
ALTER TABLE outbound_messages
  ADD CONSTRAINT outbound_messages_idempotency_key_key UNIQUE (idempotency_key);
ALTER TABLE outbound_messages DROP COLUMN IF EXISTS purpose;
ALTER TABLE outbound_messages DROP COLUMN IF EXISTS from_number;
