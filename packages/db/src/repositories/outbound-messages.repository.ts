import type { Queryable } from '../pool.ts';

export type OutboundStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped_opted_out';

export interface OutboundMessage {
  id: string;
  tenantId: string;
  to: string;
  /** The number the text goes out from; null while it waits in the outbox without one. */
  from: string | null;
  body: string;
  /** Why it was sent: 'reply', 'booking_confirmed', 'staff_escalation', ... */
  purpose: string;
  idempotencyKey: string;
  status: OutboundStatus;
  providerSid: string | null;
  error: string | null;
  createdAt: Date;
}

const COLUMNS =
  'id, tenant_id, "to", from_number, body, purpose, idempotency_key, status, provider_sid, error, created_at';

function map(r: Record<string, unknown>): OutboundMessage {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    to: r.to as string,
    from: (r.from_number as string | null) ?? null,
    body: r.body as string,
    purpose: r.purpose as string,
    idempotencyKey: r.idempotency_key as string,
    status: r.status as OutboundStatus,
    providerSid: (r.provider_sid as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

/**
 * Claims the tenant's idempotency key. `first` is true for exactly one caller per key, however
 * many retries or concurrent deliveries race; everyone else gets the existing row and must not
 * send again unless that row is still unsent.
 */
export async function claimOutboundMessage(
  db: Queryable,
  tenantId: string,
  m: {
    to: string;
    from?: string | null;
    body: string;
    purpose?: string;
    idempotencyKey: string;
    status: OutboundStatus;
  },
): Promise<{ first: boolean; message: OutboundMessage }> {
  const inserted = await db.query(
    `INSERT INTO outbound_messages (tenant_id, "to", from_number, body, purpose, idempotency_key, status)
     VALUES ($1, $2, $3, $4, COALESCE($5, 'notification'), $6, $7)
     ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
     RETURNING ${COLUMNS}`,
    [tenantId, m.to, m.from ?? null, m.body, m.purpose ?? null, m.idempotencyKey, m.status],
  );
  if (inserted.rows[0]) return { first: true, message: map(inserted.rows[0]) };
  const existing = await db.query(
    `SELECT ${COLUMNS} FROM outbound_messages WHERE tenant_id = $1 AND idempotency_key = $2`,
    [tenantId, m.idempotencyKey],
  );
  return { first: false, message: map(existing.rows[0]) };
}

export async function markOutboundMessage(
  db: Queryable,
  tenantId: string,
  id: string,
  status: OutboundStatus,
  opts: { providerSid?: string | null; error?: string | null } = {},
): Promise<void> {
  await db.query(
    `UPDATE outbound_messages SET status = $3, provider_sid = COALESCE($4, provider_sid), error = $5,
        updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, status, opts.providerSid ?? null, opts.error ?? null],
  );
}

export async function listOutboundMessages(
  db: Queryable,
  tenantId: string,
  opts: { to?: string; limit?: number } = {},
): Promise<OutboundMessage[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM outbound_messages
      WHERE tenant_id = $1 AND ($2::text IS NULL OR "to" = $2)
      ORDER BY created_at, id LIMIT $3`,
    [tenantId, opts.to ?? null, opts.limit ?? 100],
  );
  return rows.map(map);
}

/** The number a tenant's texts come from: its first assigned phone number. */
export async function getTenantSenderNumber(
  db: Queryable,
  tenantId: string,
): Promise<string | null> {
  const { rows } = await db.query(
    `SELECT e164 FROM phone_numbers WHERE tenant_id = $1 ORDER BY created_at, id LIMIT 1`,
    [tenantId],
  );
  return (rows[0]?.e164 as string | undefined) ?? null;
}
