import type { Db } from '@receptionist/db';
import {
  claimWebhookEvent,
  getTenant,
  markWebhookEvent,
  type WebhookEventRecord,
} from '@receptionist/db';
import type { Logger } from '@receptionist/observability';

/** What a handler decided about one event; recorded on its webhook_events row. */
export interface Outcome {
  status: 'processed' | 'ignored';
  note?: string;
  tenantId?: string | null;
}

/**
 * The idempotent core every provider webhook shares: claim the event by the provider's id (one
 * delivery wins, however many arrive at once), run the handler, and record the outcome. A handler
 * that throws leaves the row 'failed' so the provider's retry claims and processes it again; a
 * claim whose handler never reported back can be taken again once it is stale.
 */
export async function intake(
  deps: { db: Db; logger: Logger },
  e: WebhookEventRecord & { payload: unknown },
  handle: () => Promise<Outcome>,
): Promise<{ duplicate: boolean; outcome?: Outcome }> {
  const tenantId = e.tenantId && (await getTenant(deps.db, e.tenantId)) ? e.tenantId : null;
  const claim = await claimWebhookEvent(deps.db, { ...e, tenantId });
  if (!claim.claimed) return { duplicate: true };
  try {
    const outcome = await handle();
    const ownerId =
      outcome.tenantId && (await getTenant(deps.db, outcome.tenantId)) ? outcome.tenantId : null;
    await markWebhookEvent(deps.db, e.provider, e.eventId, outcome.status, {
      error: outcome.note,
      tenantId: ownerId,
    });
    return { duplicate: false, outcome };
  } catch (err) {
    deps.logger.error({ err, provider: e.provider, eventId: e.eventId }, 'webhook handling failed');
    await markWebhookEvent(deps.db, e.provider, e.eventId, 'failed', {
      error: (err as Error).message.slice(0, 500),
    }).catch(() => undefined);
    throw err;
  }
}
