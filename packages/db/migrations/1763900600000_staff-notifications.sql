-- Up Migration

-- Every email and Slack post that tells a business's staff about an escalation, under the tenant's
-- idempotency key: a retried activity finds what already reached the staff and does not send it
-- again, and the business can see who was told. Texts have their own record in outbound_messages.
CREATE TABLE staff_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  idempotency_key text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'slack')),
  -- The mailbox, or the name of the contact whose Slack webhook it is (the URL is a secret).
  target text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  CONSTRAINT staff_notifications_tenant_key_uq UNIQUE (tenant_id, idempotency_key)
);

-- Down Migration

DROP TABLE staff_notifications;
