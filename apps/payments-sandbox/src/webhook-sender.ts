/**
 * Delivers events to the webhook endpoint as Stripe does: the JSON body signed in the
 * `Stripe-Signature` header (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
 * endpoint secret>`), a fresh signature on every attempt, and retries with growing pauses
 * while the endpoint does not answer 2xx.
 */
import { createHmac } from 'node:crypto';
import type { BreakerFactory } from '@receptionist/integrations/breaker';
import type { Logger } from '@receptionist/observability';

export function signatureHeader(payload: string, secret: string, timestampSeconds: number): string {
  const v1 = createHmac('sha256', secret)
    .update(`${timestampSeconds}.${payload}`, 'utf8')
    .digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}

export interface WebhookSender {
  /** Resolves true once the endpoint answered 2xx, false after the last failed attempt. */
  send(event: { id: string; type: string }, payload: string): Promise<boolean>;
  /** Resolves when no delivery is under way (tests and shutdown). */
  idle(): Promise<void>;
  /** Cancels the pauses between attempts; deliveries not yet made are dropped. */
  close(): void;
}

export function createWebhookSender(deps: {
  url: string;
  secret: string;
  attempts: number;
  /** Pause before the second attempt; each later pause doubles. */
  retryMs: number;
  breakers: BreakerFactory;
  logger: Logger;
  now?: () => number;
  timeoutMs?: number;
}): WebhookSender {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const inFlight = new Set<Promise<boolean>>();
  const pauses = new Map<NodeJS.Timeout, () => void>();
  let closed = false;

  const post = deps.breakers.create(
    'payments-sandbox-webhook',
    async (payload: string): Promise<number> => {
      const res = await fetch(deps.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signatureHeader(payload, deps.secret, Math.floor(now() / 1000)),
        },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status > 299) throw new Error(`endpoint answered ${res.status}`);
      return res.status;
    },
    // The endpoint is our own backend: a few failures must not stop later events for long.
    { timeoutMs, resetTimeoutMs: 5_000 },
  );

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        pauses.delete(t);
        resolve();
      }, ms);
      pauses.set(t, resolve);
    });

  async function deliver(event: { id: string; type: string }, payload: string): Promise<boolean> {
    let lastError = '';
    for (let attempt = 1; attempt <= deps.attempts; attempt++) {
      if (closed) return false;
      try {
        await post.fire(payload);
        deps.logger.info({ event: event.id, type: event.type, attempt }, 'webhook delivered');
        return true;
      } catch (err) {
        lastError = (err as Error).message;
        deps.logger.warn(
          { event: event.id, type: event.type, attempt, err: lastError },
          'webhook attempt failed',
        );
      }
      if (attempt < deps.attempts) await pause(deps.retryMs * 2 ** (attempt - 1));
    }
    deps.logger.error(
      { event: event.id, type: event.type, attempts: deps.attempts, err: lastError },
      'webhook given up',
    );
    return false;
  }

  return {
    send(event, payload) {
      const p = deliver(event, payload);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      return p;
    },
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    close() {
      closed = true;
      for (const [t, resolve] of pauses) {
        clearTimeout(t);
        resolve();
      }
      pauses.clear();
      post.shutdown();
    },
  };
}
