-- Up Migration

-- A business's CRM connection: a HubSpot private-app token and/or a generic webhook (URL and
-- signing secret). Secrets are read only where they are used, never answered by the API.
CREATE TABLE crm_connections (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  hubspot_token text CHECK (char_length(hubspot_token) BETWEEN 8 AND 512),
  webhook_url text CHECK (char_length(webhook_url) BETWEEN 8 AND 500),
  webhook_secret text CHECK (char_length(webhook_secret) BETWEEN 16 AND 256),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Our object ↔ its copy at a target ('hubspot' or 'webhook'): the CRM's id, and the version
-- (our updated_at) last sent, so a retry or the next run sends only what changed.
CREATE TABLE crm_links (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  target text NOT NULL CHECK (target IN ('hubspot', 'webhook')),
  kind text NOT NULL CHECK (kind IN ('contact', 'call', 'booking')),
  our_id uuid NOT NULL,
  external_id text,
  synced_version timestamptz NOT NULL,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, target, kind, our_id)
);

-- How far the sync has read each kind of object, by (updated_at, id).
CREATE TABLE crm_cursors (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('contact', 'call', 'booking')),
  cursor_at timestamptz NOT NULL,
  cursor_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, kind)
);

-- Down Migration

DROP TABLE crm_cursors;
DROP TABLE crm_links;
DROP TABLE crm_connections;
