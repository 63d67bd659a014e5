-- Up Migration

-- One person's invitation to the console: a link with a one-time token (stored as its SHA-256),
-- redeemed once before it expires for an API key of that person's own (name and role below),
-- which then lives and is revoked like any other key.
CREATE TABLE console_invites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'viewer')),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  redeemed_at timestamptz,
  api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX console_invites_tenant_idx ON console_invites (tenant_id, created_at);

-- Down Migration

DROP TABLE IF EXISTS console_invites;
