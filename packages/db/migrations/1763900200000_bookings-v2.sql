-- Up Migration

-- Every text we send or queue. The idempotency key is what makes a retried activity or a
-- redelivered webhook send a message at most once: the row is claimed before the provider call.
CREATE TABLE outbound_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  "to" text NOT NULL CHECK ("to" ~ '^\+[1-9][0-9]{6,14}$'),
  body text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped_opted_out')),
  provider_sid text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbound_messages_page_idx ON outbound_messages (tenant_id, created_at, id);
CREATE INDEX outbound_messages_queued_idx ON outbound_messages (created_at) WHERE status = 'queued';

-- The provider's hold on a slot (a Cal.com reservation uid) while the caller pays.
ALTER TABLE bookings ADD COLUMN hold_reference text;
-- Who the booking texts go to when there is no contact row yet (bookings made on Cal.com).
ALTER TABLE bookings ADD COLUMN attendee_phone text CHECK (attendee_phone ~ '^\+[1-9][0-9]{6,14}$');
ALTER TABLE bookings ADD COLUMN attendee_name text;

-- One deposit per booking: the checkout session is created once whatever the retries.
CREATE UNIQUE INDEX payments_booking_uq ON payments (tenant_id, booking_id);
CREATE INDEX payments_intent_idx ON payments (payment_intent_id) WHERE payment_intent_id IS NOT NULL;

-- Down Migration

DROP INDEX IF EXISTS payments_intent_idx;
DROP INDEX IF EXISTS payments_booking_uq;
ALTER TABLE bookings DROP COLUMN IF EXISTS attendee_name;
ALTER TABLE bookings DROP COLUMN IF EXISTS attendee_phone;
ALTER TABLE bookings DROP COLUMN IF EXISTS hold_reference;
DROP TABLE IF EXISTS outbound_messages;
