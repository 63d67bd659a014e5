import type { Queryable } from '../pool.ts';

export type SmsOutboxStatus = 'pending' | 'sent' | 'local' | 'refused' | 'failed';

export interface SmsOutboxEntry {
  id: string;
  tenantId: string;
  idempotencyKey: string;
  toNumber: string;
  fromNumber: string;
  body: string;
  purpose: string;
  status: SmsOutboxStatus;
  providerSid: string | null;
  error: string | null;
  createdAt: Date;
}

const COLUMNS = `id, tenant_id, idempotency_key, to_number, from_number, body, purpose, status, provider_sid, error, created_at`;

function mapEntry(r: Record<string, unknown>): SmsOutboxEntry {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    idempotencyKey: r.idempotency_key as string,
    toNumber: r.to_number as string,
    fromNumber: r.from_number as string,
    body: r.body as string,
    purpose: r.purpose as string,
    status: r.status as SmsOutboxStatus,
    providerSid: (r.provider_sid as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

/** Claims an idempotency key: the first caller gets created=true, a retry gets the stored row. */
export async function claimSmsOutbox(
  db: Queryable,
  tenantId: string,
  m: {
    idempotencyKey: string;
    toNumber: string;
    fromNumber: string;
    body: string;
    purpose: string;
    status: SmsOutboxStatus;
  },
): Promise<{ entry: SmsOutboxEntry; created: boolean }> {
  const inserted = await db.query(
    `INSERT INTO sms_outbox (tenant_id, idempotency_key, to_number, from_number, body, purpose, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
    [tenantId, m.idempotencyKey, m.toNumber, m.fromNumber, m.body, m.purpose, m.status],
  );
  if (inserted.rows[0]) return { entry: mapEntry(inserted.rows[0]), created: true };
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM sms_outbox WHERE tenant_id = $1 AND idempotency_key = $2`,
    [tenantId, m.idempotencyKey],
  );
  return { entry: mapEntry(rows[0]), created: false };
}

export async function markSmsOutbox(
  db: Queryable,
  tenantId: string,
  id: string,
  s: { status: SmsOutboxStatus; providerSid?: string | null; error?: string | null },
): Promise<void> {
  await db.query(
    `UPDATE sms_outbox SET status = $3, provider_sid = COALESCE($4, provider_sid), error = $5, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, s.status, s.providerSid ?? null, s.error ?? null],
  );
}

export async function listSmsOutbox(
  db: Queryable,
  tenantId: string,
  opts: { toNumber?: string; since?: Date; limit?: number } = {},
): Promise<SmsOutboxEntry[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM sms_outbox
      WHERE tenant_id = $1 AND ($2::text IS NULL OR to_number = $2) AND ($3::timestamptz IS NULL OR created_at > $3)
      ORDER BY created_at, id LIMIT $4`,
    [tenantId, opts.toNumber ?? null, opts.since ?? null, opts.limit ?? 100],
  );
  return rows.map(mapEntry);
}
