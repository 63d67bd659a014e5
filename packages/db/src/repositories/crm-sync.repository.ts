import type { Queryable } from '../pool.ts';

export type CrmTarget = 'hubspot' | 'webhook';
export type CrmKind = 'contact' | 'call' | 'booking';

export interface CrmConnection {
  tenantId: string;
  hubspotToken: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

/** Sets the fields given; `null` clears one, absent keeps it. */
export async function saveCrmConnection(
  db: Queryable,
  tenantId: string,
  c: Partial<Omit<CrmConnection, 'tenantId'>>,
): Promise<void> {
  const has = (k: keyof typeof c) => (k in c ? 1 : 0);
  await db.query(
    `INSERT INTO crm_connections (tenant_id, hubspot_token, webhook_url, webhook_secret)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET
       hubspot_token = CASE WHEN $5 = 1 THEN EXCLUDED.hubspot_token ELSE crm_connections.hubspot_token END,
       webhook_url = CASE WHEN $6 = 1 THEN EXCLUDED.webhook_url ELSE crm_connections.webhook_url END,
       webhook_secret = CASE WHEN $7 = 1 THEN EXCLUDED.webhook_secret ELSE crm_connections.webhook_secret END,
       updated_at = now()`,
    [
      tenantId,
      c.hubspotToken ?? null,
      c.webhookUrl ?? null,
      c.webhookSecret ?? null,
      has('hubspotToken'),
      has('webhookUrl'),
      has('webhookSecret'),
    ],
  );
}

export async function getCrmConnection(
  db: Queryable,
  tenantId: string,
): Promise<CrmConnection | null> {
  const { rows } = await db.query(`SELECT * FROM crm_connections WHERE tenant_id = $1`, [tenantId]);
  const r = rows[0];
  return r
    ? {
        tenantId: r.tenant_id,
        hubspotToken: r.hubspot_token ?? null,
        webhookUrl: r.webhook_url ?? null,
        webhookSecret: r.webhook_secret ?? null,
      }
    : null;
}

export interface CrmLink {
  externalId: string | null;
  syncedVersion: Date;
}

export async function getCrmLink(
  db: Queryable,
  tenantId: string,
  target: CrmTarget,
  kind: CrmKind,
  ourId: string,
): Promise<CrmLink | null> {
  const { rows } = await db.query(
    `SELECT external_id, synced_version FROM crm_links
      WHERE tenant_id = $1 AND target = $2 AND kind = $3 AND our_id = $4`,
    [tenantId, target, kind, ourId],
  );
  return rows[0]
    ? { externalId: rows[0].external_id, syncedVersion: rows[0].synced_version }
    : null;
}

export async function saveCrmLink(
  db: Queryable,
  tenantId: string,
  l: {
    target: CrmTarget;
    kind: CrmKind;
    ourId: string;
    externalId: string | null;
    version: Date;
    error?: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO crm_links (tenant_id, target, kind, our_id, external_id, synced_version, last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, target, kind, our_id) DO UPDATE SET
       external_id = COALESCE(EXCLUDED.external_id, crm_links.external_id),
       synced_version = GREATEST(EXCLUDED.synced_version, crm_links.synced_version),
       last_error = EXCLUDED.last_error, updated_at = now()`,
    [tenantId, l.target, l.kind, l.ourId, l.externalId, l.version, l.error ?? null],
  );
}

export interface CrmCursor {
  at: Date;
  id: string;
}
const ZERO: CrmCursor = { at: new Date(0), id: '00000000-0000-0000-0000-000000000000' };

export async function getCrmCursor(
  db: Queryable,
  tenantId: string,
  kind: CrmKind,
): Promise<CrmCursor> {
  const { rows } = await db.query(
    `SELECT cursor_at, cursor_id FROM crm_cursors WHERE tenant_id = $1 AND kind = $2`,
    [tenantId, kind],
  );
  return rows[0] ? { at: rows[0].cursor_at, id: rows[0].cursor_id } : ZERO;
}

export async function saveCrmCursor(
  db: Queryable,
  tenantId: string,
  kind: CrmKind,
  c: CrmCursor | null,
): Promise<void> {
  const v = c ?? ZERO;
  await db.query(
    `INSERT INTO crm_cursors (tenant_id, kind, cursor_at, cursor_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET cursor_at = EXCLUDED.cursor_at, cursor_id = EXCLUDED.cursor_id`,
    [tenantId, kind, v.at, v.id],
  );
}

export interface CrmContactRow {
  id: string;
  phone: string;
  name: string | null;
  email: string | null;
  updatedAt: Date;
}
export interface CrmCallRow {
  id: string;
  contactId: string | null;
  direction: 'inbound' | 'outbound';
  startedAt: Date;
  durationSeconds: number | null;
  outcome: string | null;
  summary: string | null;
  updatedAt: Date;
}
export interface CrmBookingRow {
  id: string;
  contactId: string | null;
  service: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
}

// Compared at millisecond precision: the cursor is a JavaScript Date, and a row stored with
// microseconds would otherwise stay after its own cursor forever.
const PAGE = {
  contact: `SELECT id, phone, name, email, updated_at FROM contacts
             WHERE tenant_id = $1 AND opted_out = false AND (date_trunc('milliseconds', updated_at), id) > ($2, $3::uuid)`,
  // A call is logged once it ended; a changed summary afterwards updates the engagement.
  call: `SELECT id, contact_id, direction, started_at, duration_seconds, outcome, summary, updated_at
           FROM calls WHERE tenant_id = $1 AND ended_at IS NOT NULL AND (date_trunc('milliseconds', updated_at), id) > ($2, $3::uuid)`,
  // Holds that never became bookings are not meetings.
  booking: `SELECT id, contact_id, service, status, starts_at, ends_at, updated_at FROM bookings
             WHERE tenant_id = $1 AND status IN ('confirmed', 'cancelled', 'completed', 'no_show')
               AND (date_trunc('milliseconds', updated_at), id) > ($2, $3::uuid)`,
} as const;

/** Objects of a kind changed after the cursor, oldest first. */
export async function listCrmChanges(
  db: Queryable,
  tenantId: string,
  kind: CrmKind,
  after: CrmCursor,
  limit: number,
): Promise<(CrmContactRow | CrmCallRow | CrmBookingRow)[]> {
  const { rows } = await db.query(
    `${PAGE[kind]} ORDER BY date_trunc('milliseconds', updated_at), id LIMIT $4`,
    [tenantId, after.at, after.id, limit],
  );
  return rows.map((r) =>
    kind === 'contact'
      ? { id: r.id, phone: r.phone, name: r.name, email: r.email, updatedAt: r.updated_at }
      : kind === 'call'
        ? {
            id: r.id,
            contactId: r.contact_id,
            direction: r.direction,
            startedAt: r.started_at,
            durationSeconds: r.duration_seconds,
            outcome: r.outcome,
            summary: r.summary,
            updatedAt: r.updated_at,
          }
        : {
            id: r.id,
            contactId: r.contact_id,
            service: r.service,
            status: r.status,
            startsAt: r.starts_at,
            endsAt: r.ends_at,
            updatedAt: r.updated_at,
          },
  );
}
