-- Up Migration

-- The contact's own time zone (IANA), for quiet hours; NULL means the business's.
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS timezone text CHECK (char_length(timezone) BETWEEN 1 AND 64);

-- The last review request each contact got: a contact is asked once per the tenant's period,
-- whatever number of visits. The row is claimed before the text goes out (one writer: the
-- review request activity), so two visits finishing together cannot both ask.
CREATE TABLE review_requests (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  booking_id uuid NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, contact_id)
);

-- Callers who wanted a day that was full. An entry is 'waiting' until a freed slot of its day is
-- offered to it ('offered', with the offer's deadline and slot), then 'booked', or back to
-- 'waiting' when the offer lapsed; 'removed' by staff or the caller.
CREATE TABLE waitlist_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
  phone text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  name text CHECK (char_length(name) <= 120),
  service text NOT NULL DEFAULT '' CHECK (char_length(service) <= 120),
  day date NOT NULL,
  language text CHECK (char_length(language) BETWEEN 2 AND 16),
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'booked', 'removed')),
  offered_starts_at timestamptz,
  offer_expires_at timestamptz,
  offer_workflow_id text,
  booking_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX waitlist_entries_page_idx ON waitlist_entries (tenant_id, created_at, id);
CREATE INDEX waitlist_entries_day_idx ON waitlist_entries (tenant_id, day, status, created_at);
CREATE INDEX waitlist_entries_phone_idx ON waitlist_entries (tenant_id, phone) WHERE status = 'offered';
-- One open entry per caller and day: joining twice is the same place in the line.
CREATE UNIQUE INDEX waitlist_entries_open_uq ON waitlist_entries (tenant_id, phone, day, service)
  WHERE status IN ('waiting', 'offered');

-- Down Migration

DROP TABLE IF EXISTS waitlist_entries;
DROP TABLE IF EXISTS review_requests;
ALTER TABLE contacts DROP COLUMN IF EXISTS timezone;
