/**
 * The generic outgoing webhook (for Zapier, Make, n8n and CRMs we have no adapter for): the same
 * events as the CRM sync, POSTed as JSON and signed so the receiver can trust them:
 *
 *   X-Receptionist-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>
 *   X-Receptionist-Event-Id: <stable id; a redelivery carries the same one>
 *
 * The URL is a business's, so it is guarded like every outbound URL (https, public addresses,
 * checked at connect time) unless the deployment turned the guard off for a local stand-in.
 */
import { createHmac } from 'node:crypto';
import type { BreakerFactory } from '../breaker.ts';
import { checkUrlShape, postJson, UnsafeUrlError } from '../outbound-url.ts';
import { CrmRateLimited, CrmRejected } from './crm-port.ts';

export interface WebhookEvent {
  id: string;
  type: 'contact.upserted' | 'call.logged' | 'booking.updated' | 'contact.erased';
  tenantId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export interface SignedWebhookSender {
  deliver(url: string, secret: string, event: WebhookEvent): Promise<void>;
}

export function createSignedWebhookSender(deps: {
  breakers: BreakerFactory;
  timeoutMs?: number;
  /** false only for a destination the deployment itself chose (a local stand-in in tests). */
  guard?: boolean;
  now?: () => number;
}): SignedWebhookSender {
  const guard = deps.guard ?? true;
  const breaker = deps.breakers.create(
    'crm-webhook',
    async (url: URL, body: string, headers: Record<string, string>) =>
      postJson(url, body, { timeoutMs: deps.timeoutMs ?? 10_000, guard, headers }),
    { timeoutMs: (deps.timeoutMs ?? 10_000) + 1_000 },
  );
  return {
    async deliver(raw, secret, event) {
      let url: URL;
      try {
        url = guard
          ? checkUrlShape(raw, { hosts: [new URL(raw).hostname.toLowerCase()] })
          : new URL(raw);
      } catch (err) {
        throw new CrmRejected(0, err instanceof UnsafeUrlError ? err.message : 'not a URL');
      }
      const body = JSON.stringify(event);
      const t = Math.floor((deps.now?.() ?? Date.now()) / 1000);
      const status = await breaker.fire(url, body, {
        'x-receptionist-signature': signWebhook(secret, body, t),
        'x-receptionist-event-id': event.id,
        'user-agent': 'receptionist-webhooks/1',
      });
      if (status >= 200 && status < 300) return;
      if (status === 429) throw new CrmRateLimited(5_000);
      if (status >= 400 && status < 500 && status !== 408)
        throw new CrmRejected(status, `the webhook answered ${status}`);
      throw new Error(`the webhook answered ${status}`);
    },
  };
}
