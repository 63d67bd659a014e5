import type { Queryable } from '../pool.ts';

export type WebhookProvider = 'stripe' | 'calcom' | 'twilio';

/** A provider event as its delivery is recorded: the provider's own id makes it idempotent. */
export interface WebhookEventRecord {
  provider: WebhookProvider;
  eventId: string;
  eventType: string;
  payload?: unknown;
  tenantId?: string | null;
}

/**
 * The idempotency record: the first delivery of a provider event inserts it and gets
 * first=true; every redelivery, however concurrent, gets first=false and must do nothing.
 */
export async function recordWebhookEvent(
  db: Queryable,
  e: WebhookEventRecord,
): Promise<{ first: boolean; id: string | null }> {
  const { rows } = await db.query(
    `INSERT INTO webhook_events (provider, event_id, event_type, payload, tenant_id)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (provider, event_id) DO NOTHING
     RETURNING id`,
    [e.provider, e.eventId, e.eventType, JSON.stringify(e.payload ?? {}), e.tenantId ?? null],
  );
  return rows[0] ? { first: true, id: rows[0].id as string } : { first: false, id: null };
}

/** Seconds after which a claim whose handler never reported back may be taken again. */
export const WEBHOOK_CLAIM_STALE_SECONDS = 120;

/**
 * Claims a provider event for handling, atomically: the first delivery inserts the row, a
 * delivery of an event whose handling failed (or whose claim went stale) takes it over, and
 * every other delivery, however concurrent, gets claimed=false and must do nothing. The row
 * lock of ON CONFLICT DO UPDATE serialises concurrent claims, so exactly one of them wins.
 */
export async function claimWebhookEvent(
  db: Queryable,
  e: WebhookEventRecord,
  staleSeconds = WEBHOOK_CLAIM_STALE_SECONDS,
): Promise<{ claimed: boolean; first: boolean }> {
  const { rows } = await db.query(
    `INSERT INTO webhook_events (provider, event_id, event_type, payload, tenant_id, claimed_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (provider, event_id) DO UPDATE
        SET status = 'received', claimed_at = now(), error = NULL
      WHERE webhook_events.status = 'failed'
         OR (webhook_events.status = 'received'
             AND (webhook_events.claimed_at IS NULL
                  OR webhook_events.claimed_at < now() - make_interval(secs => $6)))
     RETURNING (xmax = 0) AS first`,
    [
      e.provider,
      e.eventId,
      e.eventType,
      JSON.stringify(e.payload ?? {}),
      e.tenantId ?? null,
      staleSeconds,
    ],
  );
  return rows[0]
    ? { claimed: true, first: rows[0].first as boolean }
    : { claimed: false, first: false };
}

export async function markWebhookEvent(
  db: Queryable,
  provider: WebhookProvider,
  eventId: string,
  status: 'processed' | 'ignored' | 'failed',
  opts: { error?: string; tenantId?: string | null } = {},
): Promise<void> {
  await db.query(
    `UPDATE webhook_events SET status = $3, error = $4, processed_at = now(), tenant_id = COALESCE($5, tenant_id)
      WHERE provider = $1 AND event_id = $2`,
    [provider, eventId, status, opts.error ?? null, opts.tenantId ?? null],
  );
}
