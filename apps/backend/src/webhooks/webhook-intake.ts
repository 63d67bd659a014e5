import type { Db } from '@receptionist/db';
import {
  getTenant,
  getWebhookEventStatus,
  markWebhookEvent,
  recordWebhookEvent,
  type WebhookProvider,
} from '@receptionist/db';
import type { Logger } from '@receptionist/observability';

/** What a handler decided about one event; recorded on its webhook_events row. */
export interface Outcome {
  status: 'processed' | 'ignored';
  note?: string;
  tenantId?: string | null;
}

/**
 * The idempotent core every provider webhook shares: record the event by the provider's id, skip
 * redeliveries of handled events, run the handler, and record the outcome. A handler that throws
 * leaves the row 'failed' so the provider's retry processes it again.
 */
export async function intake(
  deps: { db: Db; logger: Logger },
  e: {
    provider: WebhookProvider;
    eventId: string;
    eventType: string;
    payload: unknown;
    tenantId?: string | null;
  },
  handle: () => Promise<Outcome>,
): Promise<{ duplicate: boolean; outcome?: Outcome }> {
  const tenantId = e.tenantId && (await getTenant(deps.db, e.tenantId)) ? e.tenantId : null;
  const rec = await recordWebhookEvent(deps.db, { ...e, tenantId });
  if (!rec.first) {
    const status = await getWebhookEventStatus(deps.db, e.provider, e.eventId);
    if (status !== 'failed' && status !== 'received') return { duplicate: true };
  }
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
